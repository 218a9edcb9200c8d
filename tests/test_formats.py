"""File formats of `mtpipe translate`: what each reader offers for translation, and that each writer
puts translations back with line counts, other fields, inline tags and untranslatable parts intact.
Translations here are made by a stand-in (the model's round trip is in test_translate_cli.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, ROOT
from lxml import etree

from pipeline.edits import Edit
from pipeline.errors import InputError
from pipeline.formats import ReadOptions, format_for
from pipeline.formats.base import Translation
from pipeline.formats.tree import find_inputs, staged_directory
from pipeline.safexml import XmlRefusedError

SOURCE = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
OPTIONS = ReadOptions("vi")
NS = "urn:oasis:names:tc:xliff:document:1.2"
SCHEMA_DIR = next(
    (
        p
        for p in (ROOT.parent / "shared" / "interop" / "xliff", ROOT / "shared" / "interop" / "xliff")
        if p.is_dir()
    ),
    None,
)
needs_schema = pytest.mark.skipif(SCHEMA_DIR is None, reason="XLIFF 1.2 schema not found")


def read(name: str, data: bytes | str, options: ReadOptions = OPTIONS):
    data = data.encode("utf-8") if isinstance(data, str) else data
    return format_for(Path(name)).read(data, name, options)


def render(content, lang: str = "en", edits: list[Edit] | None = None) -> bytes:
    """The file written with each piece of text replaced by «TEXT» (so moved or lost text shows)."""
    translations = [
        Translation(text.translated(f"«{words}»" for words in text.words()), edits or [])
        for text in content.texts
    ]
    return content.render(translations, lang)


def test_text_keeps_every_line_and_the_spaces_around_it():
    content = read("a.txt", f"{SOURCE[0]}\r\n\r\n  {SOURCE[1]}\r\n2024 – 2025\r\n")
    assert [t.words() for t in content.texts] == [[SOURCE[0]], [], [SOURCE[1]], []]
    assert render(content).decode() == f"«{SOURCE[0]}»\n\n  «{SOURCE[1]}»\n2024 – 2025\n"
    assert content.notes == ["converted 4 CRLF line end(s) to LF"]


def test_jsonl_translates_text_and_copies_other_fields_in_order():
    lines = [{"id": 7, "text": SOURCE[0], "meta": {"k": [1]}}, {"text": SOURCE[1], "id": 8}]
    content = read("a.jsonl", json.dumps(lines[0]) + "\n\n" + json.dumps(lines[1]) + "\n")
    out = render(content).decode().split("\n")
    assert out[1] == "" and len(out) == 4
    assert json.loads(out[0]) == {**lines[0], "text": f"«{SOURCE[0]}»"}
    assert list(json.loads(out[2])) == ["text", "id"]


@pytest.mark.parametrize(
    "line, message",
    [
        ("[1, 2]", "each JSONL line must be an object"),
        ('{"text": 3}', 'expected an object with a string "text" field'),
        ('{"body": "x"}', 'expected an object with a string "text" field'),
        ('{"text": "x"', "invalid JSON"),
    ],
)
def test_a_jsonl_line_without_a_string_text_names_file_and_line(line, message):
    with pytest.raises(InputError, match=f"^a.jsonl:2: {message}"):
        read("a.jsonl", '{"text": "ok"}\n' + line + "\n")


def xliff(units: str, source_lang: str = "vi") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NS}">\n'
        f'<file original="a.html" source-language="{source_lang}" datatype="html"><body>\n'
        f"{units}\n</body></file></xliff>\n"
    )


WORDS = SOURCE[0].split()
PIECES = [" ".join(WORDS[start:stop]) for start, stop in ((0, 2), (2, 5), (5, 9), (9, 12))]
TAGGED = (
    f'<trans-unit id="t"><source>{PIECES[0]} <g id="1" ctype="bold">{PIECES[1]}</g><x id="2"/> {PIECES[2]}'
    f'<ph id="3">&lt;br class="a"/&gt;</ph><bpt id="4">&lt;i&gt;</bpt>{PIECES[3]}'
    '<ept id="4">&lt;/i&gt;</ept> '
    '<mrk mtype="protected">QT-2024</mrk> <mrk mtype="term">Quảng Trị</mrk>.</source></trans-unit>'
)


def inline(element) -> list[tuple]:
    """Each inline element under `element`, in order: its tag, its attributes, and its content where
    that is not to be translated (native code, protected text)."""
    translated = [("g", None), ("mrk", "term")]
    return [
        (tag, dict(e.attrib), None if (tag, e.get("mtype")) in translated else e.text)
        for e in element.iterdescendants()
        for tag in [etree.QName(e).localname]
    ]


def test_xliff_offers_only_the_text_between_inline_tags():
    content = read("a.xlf", xliff(TAGGED))
    assert [w for t in content.texts for w in t.words()] == [*PIECES, "Quảng Trị"]


def test_xliff_target_keeps_every_inline_tag_in_order_with_attributes_and_content():
    out = etree.fromstring(render(read("a.xlf", xliff(TAGGED)), "ar"))
    unit = out.find(f".//{{{NS}}}trans-unit")
    source, target = unit.find(f"{{{NS}}}source"), unit.find(f"{{{NS}}}target")
    assert inline(target) == inline(source)
    assert target.get("state") == "needs-review-translation"
    assert out.find(f"{{{NS}}}file").get("target-language") == "ar"
    assert "".join(target.itertext()).startswith(f"«{PIECES[0]}» «{PIECES[1]}»")
    assert "QT-2024" in "".join(target.itertext()) and "«QT-2024»" not in "".join(target.itertext())


UNITS = (
    f'<trans-unit id="a"><source>{SOURCE[0]}</source></trans-unit>\n'
    f'<trans-unit id="b" translate="no"><source>{SOURCE[1]}</source></trans-unit>\n'
    f'<trans-unit id="c"><source>{SOURCE[2]}</source><target>kept</target></trans-unit>\n'
    f'<trans-unit id="d"><source>{SOURCE[3]}</source><target/></trans-unit>'
)


def targets(data: bytes) -> dict[str, str | None]:
    root = etree.fromstring(data)
    return {
        unit.get("id"): None if unit.find(f"{{{NS}}}target") is None else unit.find(f"{{{NS}}}target").text
        for unit in root.iter(f"{{{NS}}}trans-unit")
    }


def test_xliff_leaves_untranslatable_units_and_existing_targets_alone():
    assert targets(render(read("a.xlf", xliff(UNITS)))) == {
        "a": f"«{SOURCE[0]}»",
        "b": None,
        "c": "kept",
        "d": f"«{SOURCE[3]}»",
    }


def test_xliff_overwrite_translates_existing_targets_too():
    result = targets(render(read("a.xlf", xliff(UNITS), ReadOptions("vi", overwrite=True))))
    assert result["c"] == f"«{SOURCE[2]}»" and result["b"] is None


def test_glossary_edits_become_notes_of_their_unit():
    edits = [
        Edit("terms", "hyp.en", 0, 4, "Quang-Tri", "Quang Tri", "term-variant"),
        Edit("translate", "hyp.en", 0, 3, "⟦0⟧", "", "artifact"),
    ]
    root = etree.fromstring(render(read("a.xlf", xliff(UNITS)), edits=edits))
    notes = [(n.get("from"), n.text) for n in root.iter(f"{{{NS}}}note")]
    assert notes == [("mtpipe", "glossary (term-variant): «Quang-Tri» → «Quang Tri»")] * 2


@needs_schema
def test_xliff_output_validates_against_the_strict_schema_and_reads_back_with_translate_toolkit():
    from translate.storage.xliff import xlifffile

    schema = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "xliff-core-1.2-strict.xsd")))
    data = render(read("a.xlf", xliff(TAGGED + "\n" + UNITS)), "lo")
    schema.assertValid(etree.fromstring(data))
    store = xlifffile(data)
    assert store.gettargetlanguage() == "lo"
    tagged = store.units[0]

    def tags(rich):
        return [
            (type(e).__name__, e.id) for part in rich for e in part.depth_first() if getattr(e, "id", None)
        ]

    assert tags(tagged.rich_target) == tags(tagged.rich_source) and len(tags(tagged.rich_source)) == 5
    assert [u.target for u in store.units[1:]] == [f"«{SOURCE[0]}»", None, "kept", f"«{SOURCE[3]}»"]


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
    + xliff("<trans-unit id='1'><source>&b;</source></trans-unit>").split("\n", 1)[1]
)
EXTERNAL = (
    '<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    + xliff("<trans-unit id='1'><source>&x;</source></trans-unit>").split("\n", 1)[1]
)


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL])
def test_xliff_declaring_entities_is_refused(document):
    with pytest.raises(XmlRefusedError, match="^a.xlf: refused: the document's DTD declares entities"):
        read("a.xlf", document)


@pytest.mark.parametrize(
    "document, message",
    [
        (
            '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"/>',
            "<xliff> declares srcLang 'en', but the source language is 'vi'",
        ),
        ("<html><body/></html>", "not an XLIFF 1.2 document"),
        (
            xliff(UNITS, source_lang="en-US"),
            "<file> declares source-language 'en-US', but the source language is 'vi'",
        ),
        ("<xliff version='1.2'", "not well-formed XML"),
        # found by fuzzing (fuzz/run.py xliff): it escaped as a TypeError
        (xliff('<trans-unit id="t"><target>x</target></trans-unit>'), "<trans-unit> has no <source>"),
    ],
)
def test_other_xml_is_refused_with_what_it_is(document, message):
    with pytest.raises(InputError, match=f"^a.xlf(:\\d+)?: {message}"):
        read("a.xlf", document)


@pytest.mark.parametrize(
    "name, data, looks_like",
    [
        ("a.txt", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a ZIP archive"),
        ("a.xlf", b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        ("a.txt", b"\x7fELF\x02\x01\x01" + bytes(57) + b"\x03\x00>\x00", "binary data"),
        ("a.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        ("a.txt", b"%PDF-1.7\n", "a PDF document"),
    ],
)
def test_binary_input_is_refused_with_the_format_it_looks_like(name, data, looks_like):
    with pytest.raises(InputError, match=f"^{name}: refused: this is {looks_like}"):
        read(name, data)


def test_legacy_encoded_text_is_an_error_not_decoded():
    with pytest.raises(InputError, match="^a.txt:2: invalid UTF-8"):
        read("a.txt", b"ok\nQu\xb8ng Tr\xd6\n")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("name", ["a.txt", "a.jsonl"])
def test_utf16_and_utf32_text_is_decoded_not_refused(name, codec):
    lines = SOURCE[:3] if name == "a.txt" else [json.dumps({"text": line}) for line in SOURCE[:3]]
    content = read(name, "\r\n".join(lines).encode(codec))
    assert [t.text for t in content.texts] == SOURCE[:3]
    assert content.notes[0].startswith("decoded UTF-")


def test_utf16_xliff_is_decoded():
    document = xliff(f'<trans-unit id="t"><source>{SOURCE[0]}</source></trans-unit>')
    content = read("a.xlf", document.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert [t.text for t in content.texts] == [SOURCE[0]]


def test_lone_cr_line_ends_split_text_and_jsonl_lines():
    text = read("a.txt", f"{SOURCE[0]}\r\r{SOURCE[1]}\r")
    assert [t.text for t in text.texts] == [SOURCE[0], "", SOURCE[1]]
    assert text.notes == ["converted 3 CR line end(s) to LF"]
    jsonl = read("a.jsonl", '{"text": "a"}\r{"text": "b"}\r')
    assert [(t.text, t.line) for t in jsonl.texts] == [("a", 1), ("b", 2)]


def test_a_stray_nul_in_text_is_removed_and_said():
    content = read("a.txt", SOURCE[0].encode() + b"\x00\n")
    assert content.texts[0].words() == [SOURCE[0]] and content.notes == ["removed 1 NUL byte(s)"]


def test_an_unsupported_extension_lists_the_supported_ones():
    supported = r"\(supported: .txt, .jsonl, .xlf, .xliff, .docx, .po, .srt, .html, .htm\)"
    with pytest.raises(InputError, match=rf"^a.pdf: unsupported file type '.pdf' {supported}"):
        format_for(Path("a.pdf"))


def test_inputs_are_named_from_the_common_parent_and_earlier_translations_skipped(tmp_path):
    for name in ("news/a.txt", "news/deep/b.jsonl", "news/a.en.txt", "news/.hidden.txt", "sport/c.xlf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = find_inputs([tmp_path / "news", tmp_path / "sport" / "c.xlf"], ["en"], None)
    assert [str(name) for _, name in found] == ["news/a.txt", "news/deep/b.jsonl", "sport/c.xlf"]
    assert [str(name) for _, name in find_inputs([tmp_path / "news" / "a.txt"], ["en"], None)] == ["a.txt"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="empty: no files to translate here"):
        find_inputs([tmp_path / "empty"], ["en"], None)


def test_an_output_directory_is_replaced_whole_only_when_the_run_succeeds(tmp_path):
    out = tmp_path / "out"
    with staged_directory(out) as staging:
        (staging / "first.txt").write_text("1")
        (staging / "run.json").write_text('{"command": "translate"}')
    with pytest.raises(RuntimeError), staged_directory(out) as staging:
        (staging / "second.txt").write_text("2")
        raise RuntimeError("the run failed")
    assert sorted(p.name for p in out.iterdir()) == ["first.txt", "run.json"]
    with staged_directory(out) as staging:
        (staging / "third.txt").write_text("3")
    assert [p.name for p in out.iterdir()] == ["third.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_directory_that_is_not_an_earlier_output_is_never_replaced(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("x")
    with pytest.raises(InputError, match="is not the output of an earlier `mtpipe translate`"):
        with staged_directory(tmp_path / "news"):
            pass
    assert (tmp_path / "news" / "a.txt").read_text() == "x"
