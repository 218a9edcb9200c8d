"""The glossary TSV format: reading, extra language columns, and writing it back byte for byte."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import GLOSSARY

from pipeline.errors import InputError
from pipeline.terminology.glossary import COLUMNS, Concept, Glossary, load_glossary, write_glossary

DATA = Path(__file__).parent / "data"
EXTRA = DATA / "terminology" / "extra_languages.tsv"
HEADER = "\t".join(COLUMNS)


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "g.tsv"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("source", [GLOSSARY, DATA / "mini_glossary.tsv", EXTRA], ids=lambda p: p.name)
def test_write_reproduces_the_file_byte_for_byte(source, tmp_path):
    out = tmp_path / "out.tsv"
    write_glossary(load_glossary(source), out)
    assert out.read_bytes() == source.read_bytes()


def test_write_sorts_by_id_and_adds_extra_columns_only_when_used(tmp_path):
    glossary = load_glossary(GLOSSARY)
    first, *rest = glossary.concepts
    with_es = replace(first, forms={**first.forms, "es": "Annam"})
    out = tmp_path / "out.tsv"
    write_glossary(Glossary(GLOSSARY, [*reversed(rest), with_es], ""), out)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0] == HEADER + "\tes\tes_variants"
    assert [line.split("\t")[0] for line in lines[1:-1]] == sorted(c.id for c in glossary.concepts)
    assert lines[1].endswith("\tAnnam\t") and lines[-1] == ""


def test_extra_languages_are_forms_and_variants():
    concepts = load_glossary(EXTRA).by_id()
    assert concepts["hue"].forms["es"] == "Hue"
    assert concepts["hue"].variants["es"] == ("Hué",)
    assert concepts["star"].forms["zu"] == "inkanyezi"
    assert concepts["old-province"].variants["es"] == ("Binh Tri Thien", "Bình Trị Thiên")
    assert "es" not in concepts["old-province"].forms


def test_a_concept_without_vietnamese_loads():
    madrid = load_glossary(EXTRA).by_id()["madrid"]
    assert "vi" not in madrid.forms
    assert madrid.forms["en"] == "Madrid"


def test_concepts_compare_by_content_not_by_line():
    a = Concept("x", "term", "approved", {"vi": "a", "en": ""}, {"es": ()}, line=3)
    b = Concept("x", "term", "approved", {"vi": "a"}, {"vi": (), "en": ()}, line=9)
    assert a == b
    assert a.variants == {"vi": (), "en": (), "ar": (), "lo": ()}


@pytest.mark.parametrize(
    "header",
    [
        HEADER.replace("note", "notes"),
        HEADER + "\tes",
        HEADER + "\tes\tfr_variants",
        HEADER + "\tvi\tvi_variants",
        HEADER + "\tes\tes_variants\tes\tes_variants",
    ],
    ids=["renamed", "unpaired", "mismatched", "project-language", "twice"],
)
def test_a_bad_header_names_file_and_line(header, tmp_path):
    path = _write(tmp_path, header)
    with pytest.raises(InputError, match=rf"^{path}:1: "):
        load_glossary(path)


def test_a_short_line_names_its_line(tmp_path):
    path = _write(tmp_path, HEADER, "\t".join(["a", "term", "approved"] + [""] * 9), "b\tterm")
    with pytest.raises(InputError, match=rf"^{path}:3: expected 12 tab-separated fields, found 2"):
        load_glossary(path)


def test_an_unknown_status_names_its_line(tmp_path):
    path = _write(tmp_path, HEADER, "\t".join(["a", "term", "draft", "x"] + [""] * 8))
    with pytest.raises(InputError, match=rf"^{path}:2: unknown status 'draft'"):
        load_glossary(path)


@pytest.mark.parametrize(
    ("concept", "problem"),
    [
        (Concept("a", "term", "approved", {"vi": "x\ty"}), "tab or a line break"),
        (Concept("a", "term", "approved", {"vi": "x"}, {"en": ("p|q",)}), "contains '|'"),
        (Concept("a", "term", "approved", {"vi": "x", "id": "y"}), "cannot be glossary columns"),
    ],
    ids=["tab", "separator-in-variant", "language-named-like-a-column"],
)
def test_write_refuses_what_the_format_cannot_hold(concept, problem, tmp_path):
    with pytest.raises(InputError, match=problem):
        write_glossary(Glossary(Path("g.tsv"), [concept], ""), tmp_path / "out.tsv")
