import unicodedata
from pathlib import Path

from pipeline.document import Document, Segment
from pipeline.stages import StageContext
from pipeline.stages.normalize import SourceNormalizer


def normalize(*lines: str) -> Document:
    doc = Document("vi", ["en"], [Segment(i + 1, text) for i, text in enumerate(lines)])
    return SourceNormalizer(StageContext(["en"], Path("o"), Path(".cache")))(doc)


def test_decomposed_input_becomes_nfc_with_one_edit_per_changed_letter():
    decomposed = unicodedata.normalize("NFD", "Quảng Trị")
    doc = normalize(decomposed)
    segment = doc.segments[0]
    assert segment.source == "Quảng Trị"
    assert [(e.reason, e.after) for e in segment.edits] == [("unicode", "ả"), ("unicode", "ị")]


def test_whitespace_runs_and_edges_are_collapsed_and_recorded():
    segment = normalize("  Lao   Bảo ").segments[0]
    assert segment.source == "Lao Bảo"
    assert {e.reason for e in segment.edits} == {"whitespace"}
    assert len(segment.edits) == 3


def test_clean_text_is_untouched():
    segment = normalize("Tỉnh Quảng Trị và tỉnh Savannakhet.").segments[0]
    assert segment.source == "Tỉnh Quảng Trị và tỉnh Savannakhet."
    assert segment.edits == []
