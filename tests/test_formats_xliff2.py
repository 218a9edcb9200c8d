"""XLIFF 2: segments translated into targets marked translated, inline elements (`<ph/>`, `<pc>`,
`<sc/>`, `<ec/>`, `<mrk>`) kept in order, untranslatable units and existing targets left alone,
glossary edits as notes; a round trip through the tiny model read back with translate-toolkit."""

from __future__ import annotations

import pytest
from conftest import CORPUS_DIR, TARGETS, run_cli
from lxml import etree
from test_formats import read, render

from pipeline.edits import Edit
from pipeline.errors import InputError
from pipeline.formats import ReadOptions

SOURCE = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
REFERENCE = {
    lang: (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in TARGETS
}
NS = "urn:oasis:names:tc:xliff:document:2.0"
WORDS = SOURCE[0].split()
PIECES = [" ".join(WORDS[start:stop]) for start, stop in ((0, 2), (2, 5), (5, 9))]
TAGGED = (
    f'<unit id="t"><originalData><data id="d1">&lt;br/&gt;</data></originalData><segment id="s">'
    f'<source>{PIECES[0]} <pc id="1" dataRefStart="d1">{PIECES[1]}</pc><ph id="2" dataRef="d1"/> '
    f'<sc id="3"/>{PIECES[2]}<ec startRef="3"/> <mrk id="m" translate="no">QT-2024</mrk>.</source>'
    "</segment></unit>"
)
UNITS = (
    f'<unit id="a"><segment><source>{SOURCE[1]}</source></segment>'
    f"<ignorable><source> </source></ignorable><segment><source>{SOURCE[2]}</source></segment></unit>\n"
    f'<unit id="b" translate="no"><segment><source>{SOURCE[3]}</source></segment></unit>\n'
    f'<unit id="c"><segment state="final"><source>{SOURCE[4]}</source><target>kept</target>'
    "</segment></unit>\n"
    f'<group id="g" translate="no"><unit id="d"><segment><source>{SOURCE[5]}</source></segment></unit>'
    "</group>"
)


def xliff2(units: str, source_lang: str = "vi") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff version="2.0" xmlns="{NS}" srcLang="{source_lang}">\n'
        f'<file id="f">\n{units}\n</file></xliff>\n'
    )


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def inline(element) -> list[tuple]:
    """Each inline element under `element`, in order, with its attributes and copied content."""
    return [(etree.QName(e).localname, dict(e.attrib), e.text if e.get("translate") == "no" else None)
            for e in element.iterdescendants()]  # fmt: skip


def segments(data: bytes) -> dict[str, tuple]:
    """Per unit, each segment's state and target text (None without a target)."""
    root = etree.fromstring(data)
    return {
        unit.get("id"): [
            (s.get("state"), None if s.find(q("target")) is None else "".join(s.find(q("target")).itertext()))
            for s in unit.iter(q("segment"))
        ]
        for unit in root.iter(q("unit"))
    }


def test_only_the_text_between_inline_elements_is_offered():
    content = read("a.xlf", xliff2(TAGGED))
    assert [w for t in content.texts for w in t.words()] == PIECES


def test_target_keeps_every_inline_element_in_order_and_the_segment_is_marked():
    root = etree.fromstring(render(read("a.xlf", xliff2(TAGGED)), "ar"))
    segment = root.find(f".//{q('segment')}")
    source, target = segment.find(q("source")), segment.find(q("target"))
    assert inline(target) == inline(source) and len(inline(source)) == 5
    assert "".join(target.itertext()) == f"«{PIECES[0]}» «{PIECES[1]}» «{PIECES[2]}» QT-2024."
    assert (segment.get("state"), segment.get("subState")) == ("translated", "mtpipe:machine-translated")
    assert root.get("trgLang") == "ar" and source.getnext() is target


def test_untranslatable_units_and_existing_targets_are_left_alone_unless_overwriting():
    data = xliff2(UNITS)
    assert segments(render(read("a.xlf", data))) == {
        "a": [("translated", f"«{SOURCE[1]}»"), ("translated", f"«{SOURCE[2]}»")],
        "b": [(None, None)],
        "c": [("final", "kept")],
        "d": [(None, None)],
    }
    overwritten = segments(render(read("a.xlf", data, ReadOptions("vi", overwrite=True))))
    assert overwritten["c"] == [("translated", f"«{SOURCE[4]}»")] and overwritten["b"] == [(None, None)]


def test_glossary_edits_become_notes_of_their_unit_before_its_segments():
    edits = [
        Edit("terms", "hyp.en", 0, 4, "Quang-Tri", "Quang Tri", "term-variant"),
        Edit("translate", "hyp.en", 0, 3, "⟦0⟧", "", "artifact"),
    ]
    root = etree.fromstring(render(read("a.xlf", xliff2(TAGGED)), edits=edits))
    unit = root.find(f".//{q('unit')}")
    assert [etree.QName(e).localname for e in unit] == ["notes", "originalData", "segment"]
    notes = [(n.get("category"), n.get("appliesTo"), n.text) for n in unit.iter(q("note"))]
    assert notes == [("mtpipe", "target", "glossary (term-variant): «Quang-Tri» → «Quang Tri»")] * 4


@pytest.mark.parametrize(
    "document, message",
    [
        ("", "not well-formed XML"),
        (xliff2(UNITS).replace("</file>", ""), "not well-formed XML"),
        (xliff2(UNITS, source_lang="en"), "<xliff> declares srcLang 'en', but the source language is 'vi'"),
        (xliff2(UNITS).replace('version="2.0"', 'version="1.2"'), "not an XLIFF 2 document"),
        (xliff2('<unit id="x"><segment><target>t</target></segment></unit>'), "<segment> without a <source>"),
    ],
)
def test_malformed_xliff2_is_refused_naming_file_and_line(document, message):
    with pytest.raises(InputError, match=f"^a.xlf:\\d+: {message}"):
        read("a.xlf", document)


@pytest.fixture(scope="module")
def translated(demo_cache, tmp_path_factory) -> dict[str, bytes]:
    """One tiny-model run over a plain and a tagged unit into every target; the outputs."""
    root = tmp_path_factory.mktemp("xliff2")
    plain = f'<unit id="p"><segment><source>{SOURCE[6]}</source></segment></unit>'
    (root / "a.xlf").write_text(xliff2(plain + TAGGED), encoding="utf-8")
    result = run_cli(
        "translate", str(root / "a.xlf"), "--to", ",".join(TARGETS), "-o", str(root / "out"),
        "--model", "tiny", "--cache-dir", str(demo_cache),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return {lang: (root / "out" / lang / "a.xlf").read_bytes() for lang in TARGETS}


def test_round_trip_through_the_tiny_model_reads_back_with_translate_toolkit(translated):
    from translate.storage.xliff2 import Xliff2File

    for lang in TARGETS:
        store = Xliff2File.parsestring(translated[lang])
        plain, tagged = store.units
        assert store.gettargetlanguage() == lang
        assert plain.target == REFERENCE[lang][6] and plain.istranslated()
        target = etree.fromstring(translated[lang]).findall(f".//{q('target')}")[1]
        assert inline(target) == inline(etree.fromstring(translated[lang]).findall(f".//{q('source')}")[1])
        assert tagged.target.endswith(" QT-2024.") and tagged.target != tagged.source
