"""Gettext PO through `mtpipe translate` with the tiny model, read back with translate-toolkit (not
polib, which writes it): msgstr filled and fuzzy, placeholders intact and in order, plural forms of
each target language, the header's language, and bad files refused in one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TARGETS, run_cli
from test_translate_cli import REFERENCE, SOURCE, folded, refused, translate, write_inputs

from pipeline.errors import InputError
from pipeline.formats import ReadOptions, format_for

PO = f"""# Quảng Trị news strings.
msgid ""
msgstr ""
"Project-Id-Version: news 1.0\\n"
"Language: vi\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#: news.py:10
msgid "{SOURCE[0]}"
msgstr ""

#: news.py:11
#, python-format
msgid "%(date)s {SOURCE[1]} %s"
msgstr ""

#, python-brace-format
msgid "{{0}} {SOURCE[2]} {{name}}"
msgstr ""

msgctxt "count"
msgid "{SOURCE[3]}"
msgid_plural "%d {SOURCE[4]}"
msgstr[0] ""

msgid "{SOURCE[5]}"
msgstr "kept as it is"

#~ msgid "{SOURCE[6]}"
#~ msgstr ""
"""
OPTIONS = ReadOptions("vi")
PLACEHOLDER = re.compile(r"%\(\w+\)s|%[sd]|\{\w*\}")


@pytest.fixture(scope="module")
def translated(demo_cache, tmp_path_factory) -> dict:
    """The PO file translated into every target with the tiny model, as translate-toolkit reads it."""
    from translate.storage.pypo import pofile

    root = tmp_path_factory.mktemp("po")
    write_inputs(root, {"strings.po": PO})
    result = translate(
        str(root / "strings.po"), "--to", ",".join(TARGETS), "-o", str(root / "out"), cache=demo_cache
    )
    assert result.returncode == 0, result.stderr
    return {lang: pofile.parsestring((root / "out" / lang / "strings.po").read_bytes()) for lang in TARGETS}


def units(store) -> list:
    return [unit for unit in store.units if not unit.isheader()]


def test_msgstr_is_the_translation_and_the_entry_is_fuzzy(translated):
    for lang in TARGETS:
        first = units(translated[lang])[0]
        assert folded(first.target) == folded(REFERENCE[lang][0])
        assert first.isfuzzy() and first.getlocations() == ["news.py:10"]


def test_placeholders_are_carried_through_in_order_and_the_text_around_them_translated(translated):
    for lang in TARGETS:
        printf, brace = units(translated[lang])[1:3]
        for unit in (printf, brace):
            assert PLACEHOLDER.findall(unit.target) == PLACEHOLDER.findall(unit.source)
        assert folded(printf.target) == folded(f"%(date)s {REFERENCE[lang][1]} %s")
        assert folded(brace.target) == folded(f"{{0}} {REFERENCE[lang][2]} {{name}}")
        assert brace.hastypecomment("python-brace-format")


def test_plural_entries_get_the_target_languages_plural_forms(translated):
    singular, plural = REFERENCE["ar"][3], f"%d {REFERENCE['ar'][4]}"
    forms = {lang: list(units(translated[lang])[3].target.strings) for lang in TARGETS}
    assert forms["ar"] == [plural, singular, plural, plural, plural, plural]
    assert forms["en"] == [REFERENCE["en"][3], f"%d {REFERENCE['en'][4]}"]
    assert [folded(form) for form in forms["lo"]] == [folded(f"%d {REFERENCE['lo'][4]}")]
    assert units(translated["ar"])[3].getcontext() == "count"


def test_the_header_names_the_target_and_its_plural_forms_and_keeps_the_rest(translated):
    for lang in TARGETS:
        header = translated[lang].parseheader()
        assert header["Language"] == lang and header["Project-Id-Version"] == "news 1.0"
    assert translated["ar"].parseheader()["Plural-Forms"].startswith("nplurals=6;")
    assert translated["en"].parseheader()["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert translated["lo"].parseheader()["Plural-Forms"] == "nplurals=1; plural=0;"


def test_translated_and_obsolete_entries_are_left_alone(translated):
    kept, obsolete = units(translated["en"])[4:]
    assert (kept.target, kept.isfuzzy()) == ("kept as it is", False)
    assert obsolete.isobsolete() and obsolete.source == SOURCE[6] and obsolete.target == ""


def read(data: bytes | str, options: ReadOptions = OPTIONS):
    data = data.encode("utf-8") if isinstance(data, str) else data
    return format_for(Path("a.po")).read(data, "a.po", options)


def test_overwrite_translates_entries_that_have_a_translation_too():
    assert [t.text for t in read(PO).texts][-1] != SOURCE[5]
    assert [t.text for t in read(PO, ReadOptions("vi", overwrite=True)).texts][-1] == SOURCE[5]


@pytest.mark.parametrize(
    "data, message",
    [
        ('msgid "a"\nmsgstr "b" "c\n', r"a.po:2: malformed PO: unescaped double quote found"),
        ('msgid "a"\nmsgstr "b"\n\nnonsense here\n', r"a.po:4: malformed PO: syntax error"),
        ("", "a.po: empty file: no PO header or entries"),
        ("\n \n", "a.po: empty file: no PO header or entries"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a.po: refused: this is a ZIP archive"),
        (b'msgid "a"\n'.replace(b"a", b"\x00\x01\x00\x02") * 20, "a.po: refused: this is binary data"),
        (b'msgid "Qu\xb8ng"\nmsgstr ""\n', "a.po:1: invalid UTF-8"),
    ],
)
def test_bad_po_is_refused_naming_file_line_and_problem(data, message):
    with pytest.raises(InputError, match=f"^{re.escape(message)}"):
        read(data)


def test_the_command_refuses_a_malformed_po_in_one_line(tmp_path):
    write_inputs(tmp_path, {"news/ok.po": PO, "news/bad.po": 'msgid "a"\nmsgstr "b" "c\n'})
    result = run_cli("translate", str(tmp_path / "news"), "--to", "en", "-o", str(tmp_path / "out"))
    refused(result, f"{tmp_path / 'news' / 'bad.po'}:2", "malformed PO: unescaped double quote found")
