"""Service glossary exports (DeepL, Google, Amazon) and CSV import."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import GLOSSARY

from pipeline.errors import InputError, MtpipeError
from pipeline.terminology.glossary import Concept, Glossary, load_glossary, write_glossary
from pipeline.terminology.interchange import import_csv
from pipeline.terminology.services import export_service

DATA = Path(__file__).parent / "data" / "terminology"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


def _approved(glossary: Glossary) -> list[Concept]:
    return [c for c in glossary.concepts if c.status == "approved"]


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_deepl_is_headerless_source_tab_target(glossary, tmp_path):
    out = tmp_path / "vi-ar.tsv"
    export_service(glossary, "deepl", out, src="vi", tgt="ar")
    entries = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(entry) == 2 and all(entry) for entry in entries)
    expected = [
        [source, c.forms["ar"]]
        for c in sorted(_approved(glossary), key=lambda c: c.id)
        for source in (c.forms["vi"], *c.variants["vi"])
    ]
    assert entries == expected
    assert len({source for source, _ in entries}) == len(entries)  # DeepL refuses duplicate sources
    assert out.read_bytes().endswith(b"\n") and b"\r" not in out.read_bytes()


@pytest.mark.parametrize("service", ["deepl", "google", "amazon"])
def test_only_approved_concepts_go_to_a_service(glossary, service, tmp_path):
    out = tmp_path / "out"
    export_service(glossary, service, out, tgt="en")
    text = out.read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()] if service == "deepl" else _csv(out)[1:]
    sources = {row[0] for row in rows}
    approved = _approved(glossary)
    variants = {v for c in approved for v in c.variants["vi"]} if service != "google" else set()
    assert sources == {c.forms["vi"] for c in approved} | variants
    held_back = [c for c in glossary.concepts if c.status != "approved"]
    assert {c.status for c in held_back} == {"forbidden", "proposed"}
    assert not {c.forms["vi"] for c in held_back} & sources
    assert "Trung Kỳ" not in text  # the forbidden colonial name


def test_google_is_a_header_of_language_codes_then_one_concept_per_row(glossary, tmp_path):
    out = tmp_path / "google.csv"
    export_service(glossary, "google", out)
    header, *rows = _csv(out)
    assert header == ["vi", "en", "ar", "lo"]
    approved = sorted(_approved(glossary), key=lambda c: c.id)
    assert rows == [[c.forms[lang] for lang in header] for c in approved]


def test_amazon_has_the_source_first_and_one_term_per_row(glossary, tmp_path):
    out = tmp_path / "amazon.csv"
    export_service(glossary, "amazon", out, src="en", tgt="vi")
    header, *rows = _csv(out)
    assert header == ["en", "vi"]
    ben_hai = glossary.by_id()["ben-hai-river"]
    assert ["Ben Hai River", "sông Bến Hải"] in rows
    assert all([variant, "sông Bến Hải"] in rows for variant in ben_hai.variants["en"])
    assert not {target for _, target in rows} & {v for c in glossary.concepts for v in c.variants["vi"]}


def test_amazon_quotes_a_comma_inside_a_term(glossary, tmp_path):
    out = tmp_path / "amazon.csv"
    export_service(glossary, "amazon", out, tgt="en")
    assert '"bom mìn, vật nổ",bombs and mines' in out.read_text(encoding="utf-8").splitlines()
    assert ["bom mìn, vật nổ", "bombs and mines"] in _csv(out)


def test_a_concept_lacking_a_language_is_left_out(tmp_path):
    concepts = [
        Concept("a", "term", "approved", {"vi": "a", "en": "A", "lo": "ອ"}),
        Concept("b", "term", "approved", {"vi": "b", "en": "B"}),
    ]
    export_service(Glossary(Path("g.tsv"), concepts, ""), "google", tmp_path / "out.csv")
    assert _csv(tmp_path / "out.csv") == [["vi", "en", "lo"], ["a", "A", "ອ"]]


def test_deepl_needs_one_target_language(glossary, tmp_path):
    with pytest.raises(MtpipeError, match="one language pair"):
        export_service(glossary, "deepl", tmp_path / "out.tsv")
    with pytest.raises(MtpipeError, match="both vi"):
        export_service(glossary, "deepl", tmp_path / "out.tsv", tgt="vi")


def test_one_source_spelling_with_two_translations_is_refused(tmp_path):
    concepts = [
        Concept("a", "term", "approved", {"vi": "Quảng Trị", "en": "Quang Tri"}, line=2),
        Concept(
            "b",
            "term",
            "approved",
            {"vi": "Quang Tri", "en": "Quang Tri Town"},
            {"vi": ("Quảng Trị",)},
            line=3,
        ),
    ]
    with pytest.raises(InputError, match=r"^g.tsv:3: 'Quảng Trị' is a source spelling of a and b"):
        export_service(Glossary(Path("g.tsv"), concepts, ""), "deepl", tmp_path / "out.tsv", tgt="en")


def test_nothing_to_export_is_an_error(tmp_path):
    only_proposed = Glossary(Path("g.tsv"), [Concept("a", "term", "proposed", {"vi": "a", "en": "A"})], "")
    with pytest.raises(InputError, match="no approved concept"):
        export_service(only_proposed, "amazon", tmp_path / "out.csv", tgt="en")


def test_csv_with_the_tsv_columns():
    concepts = import_csv(DATA / "full.csv").by_id()
    lao_bao, dong_ha = concepts["lao-bao"], concepts["dong-ha"]
    assert (lao_bao.type, lao_bao.status) == ("border-gate", "approved")
    assert lao_bao.forms == {"vi": "Lao Bảo", "en": "Lao Bao", "ar": "لاو باو", "es": "Lao Bao"}
    assert lao_bao.variants["en"] == ("Laobao", "Lao-Bao")
    assert lao_bao.note == "Border gate on Route 9, facing Densavanh"
    assert (dong_ha.status, dong_ha.line) == ("proposed", 4)  # an empty status is proposed
    assert dong_ha.note == "Provincial capital; quoted line break"


def test_csv_of_language_codes_gets_slug_ids():
    glossary = import_csv(DATA / "simple.csv")
    assert [c.id for c in glossary.concepts] == ["song-ben-hai", "dong-ha", "dong-ha-2", "concept-6"]
    assert glossary.concepts[0].forms == {"vi": "Sông Bến Hải", "ar": "نهر بن هاي"}
    assert {c.status for c in glossary.concepts} == {"proposed"}


def test_an_imported_csv_writes_a_loadable_glossary(tmp_path):
    write_glossary(import_csv(DATA / "full.csv"), tmp_path / "g.tsv")
    header = (tmp_path / "g.tsv").read_text(encoding="utf-8").split("\n")[0]
    assert header.endswith("\tnote\tes\tes_variants")
    assert load_glossary(tmp_path / "g.tsv").by_id()["lao-bao"].forms["es"] == "Lao Bao"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (None, r"malformed.csv:3: expected 2 comma-separated fields, found 3"),
        ('vi,ar\n"Đông Hà,دونغ ها\n', r"bad.csv:2: malformed CSV: unexpected end of data"),
        ("id,vi,colour\na,b,c\n", r"bad.csv:1: unknown column 'colour'"),
        ("vi,note\nb,c\n", r"bad.csv:1: the header must name the TSV columns"),
        ("id,status,vi\na,draft,b\n", r"bad.csv:2: unknown status 'draft'"),
        ("id,vi\n,b\n", r"bad.csv:2: a concept needs an id"),
        (b"vi,ar\nok,ok\n\xff,x\n", r"bad.csv:3: invalid UTF-8 at byte 0"),
    ],
    ids=["width", "open-quote", "unknown-column", "not-languages", "status", "no-id", "encoding"],
)
def test_bad_csv_names_the_file_and_line(text, problem, tmp_path):
    path = DATA / "malformed.csv"
    if text is not None:
        path = tmp_path / "bad.csv"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(InputError, match=problem):
        import_csv(path)


def test_a_missing_csv_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=rf"^{tmp_path / 'none.csv'}: file not found"):
        import_csv(tmp_path / "none.csv")
