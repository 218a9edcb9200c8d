"""`mtpipe translate` end to end with the tiny model: a folder of five files in one command, standard
input, output directories that never mix two runs, and bad input refused in one line.

The inputs are sentences of the project corpus's train split, which the tiny model has memorized, so
a text translated whole must come out as the corpus's reference."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, TARGETS, run_cli
from lxml import etree
from test_formats import NS, SCHEMA_DIR, TAGGED, inline, needs_schema, xliff

SOURCE = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
REFERENCE = {
    lang: (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in TARGETS
}


def folded(text: str) -> str:
    """Compared up to compatibility forms: the model writes Lao ຳ as ໍ + າ where a reference may not."""
    return unicodedata.normalize("NFKC", text)


INPUTS = {
    "news/a.txt": "\n".join([SOURCE[0], SOURCE[1], "", SOURCE[2]]) + "\n",
    "news/b.jsonl": "\n".join(json.dumps({"id": i, "text": SOURCE[i]}, ensure_ascii=False) for i in (3, 4))
    + "\n",
    "news/deep/c.xlf": xliff(f'<trans-unit id="plain"><source>{SOURCE[5]}</source></trans-unit>\n{TAGGED}'),
    "news/d.xliff": xliff(f'<trans-unit id="1"><source>{SOURCE[6]}</source></trans-unit>'),
    "news/e.txt": SOURCE[7] + "\n",
}


def write_inputs(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def translate(*args: str, cache: Path, input: str | None = None):
    return run_cli("translate", *args, "--model", "tiny", "--cache-dir", str(cache), input=input)


@pytest.fixture(scope="module")
def folder_run(demo_cache, tmp_path_factory) -> Path:
    """`mtpipe translate news/ --to ar,en,lo -o out` over five files; the output directory."""
    root = tmp_path_factory.mktemp("translate")
    write_inputs(root, INPUTS)
    result = translate(
        str(root / "news"), "--to", ",".join(TARGETS), "-o", str(root / "out"), cache=demo_cache
    )
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_a_folder_translates_in_one_command_loading_the_model_once(folder_run):
    summary = json.loads((folder_run / "run.json").read_text())
    assert sorted(summary["files"]) == sorted(INPUTS)
    assert summary["model_loads"] == 1 and summary["model_calls"] > 0
    for lang in TARGETS:
        written = {
            str(p.relative_to(folder_run / lang)) for p in (folder_run / lang).rglob("*") if p.is_file()
        }
        assert written == set(INPUTS)
    assert {p.name for p in folder_run.iterdir()} == {*TARGETS, "run.json", "report.html"}


def test_text_is_translated_line_by_line_with_empty_lines_kept(folder_run):
    for lang in TARGETS:
        lines = folded((folder_run / lang / "news/a.txt").read_text(encoding="utf-8")).split("\n")
        assert lines == [folded(REFERENCE[lang][i]) for i in (0, 1)] + ["", folded(REFERENCE[lang][2]), ""]


def test_jsonl_text_is_translated_and_other_fields_kept(folder_run):
    lines = (folder_run / "ar" / "news/b.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [{"id": i, "text": REFERENCE["ar"][i]} for i in (3, 4)]


@needs_schema
def test_xliff_is_valid_translated_and_keeps_its_inline_tags(folder_run):
    from translate.storage.xliff import xlifffile

    schema = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "xliff-core-1.2-strict.xsd")))
    data = (folder_run / "en" / "news/deep/c.xlf").read_bytes()
    schema.assertValid(etree.fromstring(data))
    plain, tagged = xlifffile(data).units
    assert plain.target == REFERENCE["en"][5]
    assert plain.xmlelement.find(f"{{{NS}}}target").get("state") == "needs-review-translation"
    source, target = (tagged.xmlelement.find(f"{{{NS}}}{name}") for name in ("source", "target"))
    assert inline(target) == inline(source)
    assert target.find(f"{{{NS}}}g").text != source.find(f"{{{NS}}}g").text
    assert target.findall(f"{{{NS}}}mrk")[-1].tail == "."


def test_report_lists_every_file_without_scores(folder_run):
    html = (folder_run / "report.html").read_text(encoding="utf-8")
    assert "news/a.txt:4" in html and "news/deep/c.xlf" in html
    assert "<h2>Scores</h2>" not in html


def test_standard_input_is_translated_to_standard_output(demo_cache):
    result = translate("-", "--to", "en", cache=demo_cache, input=f"{SOURCE[0]}\n\n{SOURCE[1]}\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{REFERENCE['en'][0]}\n\n{REFERENCE['en'][1]}\n"


def test_without_an_output_directory_translations_go_beside_the_inputs(demo_cache, tmp_path):
    write_inputs(tmp_path, {"a.txt": SOURCE[0] + "\r\n"})
    result = translate(str(tmp_path / "a.txt"), "--to", "lo", cache=demo_cache)
    assert result.returncode == 0, result.stderr
    assert folded((tmp_path / "a.lo.txt").read_text(encoding="utf-8")) == folded(REFERENCE["lo"][0]) + "\n"
    assert "converted 1 CRLF line end(s) to LF" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.lo.txt", "a.txt"]


def test_a_second_run_into_the_same_output_leaves_nothing_of_the_first(folder_run, demo_cache, tmp_path):
    out = tmp_path / "out"
    first = out / "en" / "first.txt"
    first.parent.mkdir(parents=True)
    first.write_text("from an earlier run\n")
    (out / "run.json").write_text(json.dumps({"command": "translate"}))
    write_inputs(tmp_path, {"second.txt": SOURCE[8] + "\n"})
    result = translate(str(tmp_path / "second.txt"), "--to", "ar", "-o", str(out), cache=demo_cache)
    assert result.returncode == 0, result.stderr
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == ["ar/second.txt", "report.html", "run.json"]
    assert json.loads((out / "run.json").read_text())["files"] == ["second.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "second.txt"]


BAD_INPUTS = {
    "report.odt": (
        b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml",
        "unsupported file type '.odt' (supported:",
    ),
    "zipped.txt": (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "refused: this is a ZIP archive"),
    "program.txt": (b"\x7fELF\x02\x01\x01" + bytes(57) + b"\x03\x00>\x00", "refused: this is binary data"),
    "legacy.txt": (b"Qu\xb8ng Tr\xd6\n", "1: invalid UTF-8"),
    "bad.jsonl": (
        b'{"text": "ok"}\n{"title": "no text"}\n',
        '2: expected an object with a string "text" field',
    ),
    "laughs.xlf": (
        b'<?xml version="1.0"?><!DOCTYPE xliff [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><xliff/>',
        "refused: the document's DTD declares entities",
    ),
    "two.xlf": (
        b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en"/>',
        "<xliff> declares srcLang 'en', but the source language is 'vi'",
    ),
    "broken.docx": (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "not a readable DOCX document"),
}


def refused(result, where: str, message: str) -> None:
    assert result.returncode == 2
    assert result.stderr.startswith(f"mtpipe: error: {where}") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_is_refused_in_one_line_naming_the_file(name, tmp_path):
    data, message = BAD_INPUTS[name]
    news = tmp_path / "news"
    news.mkdir()
    (news / "ok.txt").write_text(SOURCE[0] + "\n")
    (news / name).write_bytes(data)
    result = run_cli("translate", str(news), "--to", "en", "-o", str(tmp_path / "out"))
    refused(result, str(news / name), message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news"]


def test_utf16_and_cr_only_files_translate_line_for_line_and_the_clean_ups_are_said(demo_cache, tmp_path):
    lines = [SOURCE[0], "", SOURCE[1], SOURCE[2]]
    (tmp_path / "wide.txt").write_bytes("\n".join(lines).encode("utf-16"))
    (tmp_path / "mac.txt").write_bytes(("\r".join(lines) + "\r").encode())
    result = translate(str(tmp_path), "--to", "en", cache=demo_cache)
    assert result.returncode == 0, result.stderr
    expected = "\n".join([REFERENCE["en"][0], "", REFERENCE["en"][1], REFERENCE["en"][2]]) + "\n"
    for name in ("wide", "mac"):
        assert folded((tmp_path / f"{name}.en.txt").read_text(encoding="utf-8")) == folded(expected)
    assert (
        f"mtpipe: {tmp_path / 'wide.txt'}: decoded UTF-16LE text (found by its byte-order mark)"
        in result.stderr
    )
    assert f"mtpipe: {tmp_path / 'mac.txt'}: converted 4 CR line end(s) to LF" in result.stderr


@pytest.mark.parametrize(
    "args, where, message",
    [
        (["-", "--to", "ar,en"], "-: ", "standard input is translated alone, into one target language"),
        (["-", "--to", "en", "-o", "out"], "-: ", "to standard output (no -o)"),
        (["missing.txt", "--to", "en"], "missing.txt: ", "file not found"),
        (["-", "--to", "en,vi"], "command line: ", "'vi' is also a target language"),
    ],
)
def test_usage_errors_are_one_line(args, where, message):
    refused(run_cli("translate", *args, input=""), where, message)


def test_a_folder_that_is_not_an_earlier_output_is_never_replaced(tmp_path):
    write_inputs(tmp_path, {"a.txt": SOURCE[0] + "\n", "mine/notes.txt": "keep me\n"})
    result = run_cli("translate", str(tmp_path / "a.txt"), "--to", "en", "-o", str(tmp_path / "mine"))
    refused(result, str(tmp_path / "mine"), "is not the output of an earlier `mtpipe translate`")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me\n"
