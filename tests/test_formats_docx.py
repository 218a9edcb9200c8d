"""DOCX: the text of paragraphs, tables, headers and footers translated with every run kept, so
bold, italic, hyperlinks and styles stay; a round trip through the tiny model read back with
python-docx; a damaged or empty document refused in one line."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from conftest import CORPUS_DIR, TARGETS, run_cli
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from test_formats import read, render
from test_translate_cli import folded

from pipeline.errors import InputError

SOURCE = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
REFERENCE = {
    lang: (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in TARGETS
}
WORDS = SOURCE[10].split()
URL = "https://quangtri.gov.vn/"


def half(text: str, first: bool) -> str:
    words = text.split()
    return " ".join(words[: len(words) // 2]) + " " if first else " ".join(words[len(words) // 2 :])


def document() -> bytes:
    """A heading; a sentence in two runs of the same formatting (as Word splits them); a paragraph
    of plain, bold, italic and hyperlinked runs; a table; a header and a footer."""
    doc = docx.Document()
    doc.add_heading(SOURCE[8], level=1)
    split = doc.add_paragraph()
    split.add_run(half(SOURCE[9], True)).bold = True
    split.add_run(half(SOURCE[9], False)).bold = True
    mixed = doc.add_paragraph(" ".join(WORDS[:3]) + " ")
    mixed.add_run(" ".join(WORDS[3:6])).bold = True
    mixed.add_run(" ")
    mixed.add_run("2024").italic = True
    mixed.add_run(" ")
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), doc.part.relate_to(URL, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:t"))
    run[0].text = " ".join(WORDS[6:])
    link.append(run)
    mixed._p.append(link)
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = SOURCE[3]
    table.cell(0, 1).text = "2024 – 2025"
    doc.sections[0].header.paragraphs[0].text = SOURCE[12]
    doc.sections[0].footer.paragraphs[0].text = SOURCE[13]
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def runs(paragraph) -> list[tuple]:
    return [(bool(r.bold), bool(r.italic)) for r in paragraph.runs]


def test_each_run_text_is_offered_same_formatted_runs_joined():
    content = read("a.docx", document())
    words = [w for t in content.texts for w in t.words()]
    assert words == [
        SOURCE[8], SOURCE[9], " ".join(WORDS[:3]), " ".join(WORDS[3:6]), " ".join(WORDS[6:]),
        SOURCE[3], SOURCE[12], SOURCE[13],
    ]  # fmt: skip
    assert [t.line for t in content.texts] == [1, 2, 3, 3, 3, 3, 4, 5, 6, 7]


def test_runs_keep_their_formatting_and_untranslatable_text():
    doc = docx.Document(BytesIO(render(read("a.docx", document()))))
    heading, split, mixed = doc.paragraphs[:3]
    assert heading.style.name == "Heading 1" and heading.text == f"«{SOURCE[8]}»"
    assert runs(split) == [(True, False)]
    assert runs(mixed) == [(False, False), (True, False), (False, False), (False, True), (False, False)]
    assert [r.text for r in mixed.runs] == [
        f"«{' '.join(WORDS[:3])}» ",
        f"«{' '.join(WORDS[3:6])}»",
        " ",
        "2024",
        " ",
    ]
    assert [(h.address, h.text) for h in mixed.hyperlinks] == [(URL, f"«{' '.join(WORDS[6:])}»")]
    assert doc.tables[0].cell(0, 1).text == "2024 – 2025"


def good_zip(**replace: bytes) -> bytes:
    """The test document with some of its zip members replaced (or removed, given b"")."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(document())) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            data = replace.get(name, old.read(name))
            if data:
                new.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file, not a DOCX document"),
        (document()[:200], "not a readable DOCX document: File is not a zip file"),
        (good_zip(**{"word/document.xml": b"<w:document"}), "not a readable DOCX document"),
        (good_zip(**{"[Content_Types].xml": b""}), "not a readable DOCX document"),
        (b"Xin ch\xc3\xa0o\n", "not a readable DOCX document"),
    ],
)
def test_a_damaged_or_empty_document_is_refused_in_one_line(data, message):
    with pytest.raises(InputError, match=f"^a.docx: {message}") as error:
        read("a.docx", data)
    assert "\n" not in str(error.value)


@pytest.fixture(scope="module")
def translated(demo_cache, tmp_path_factory) -> dict[str, Path]:
    """One tiny-model run of the test document into every target; the outputs."""
    root = tmp_path_factory.mktemp("docx")
    (root / "a.docx").write_bytes(document())
    result = run_cli(
        "translate", str(root / "a.docx"), "--to", ",".join(TARGETS), "-o", str(root / "out"),
        "--model", "tiny", "--cache-dir", str(demo_cache),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return {lang: root / "out" / lang / "a.docx" for lang in TARGETS}


def test_round_trip_through_the_tiny_model_reads_back_with_python_docx(translated):
    source = docx.Document(BytesIO(document()))
    for lang in TARGETS:
        doc = docx.Document(str(translated[lang]))
        heading, split, mixed = doc.paragraphs[:3]
        assert (heading.style.name, folded(heading.text)) == ("Heading 1", folded(REFERENCE[lang][8]))
        assert folded(split.text) == folded(REFERENCE[lang][9]) and runs(split) == [(True, False)]
        assert runs(mixed) == runs(source.paragraphs[2])
        assert mixed.runs[3].text == "2024" and mixed.runs[1].text != source.paragraphs[2].runs[1].text
        assert [h.address for h in mixed.hyperlinks] == [URL] and mixed.hyperlinks[0].text.strip()
        cells = [folded(c.text) for c in doc.tables[0].rows[0].cells]
        assert cells == [folded(REFERENCE[lang][3]), "2024 – 2025"]
        assert folded(doc.sections[0].header.paragraphs[0].text) == folded(REFERENCE[lang][12])
        assert folded(doc.sections[0].footer.paragraphs[0].text) == folded(REFERENCE[lang][13])
