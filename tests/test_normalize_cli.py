"""`mtpipe normalize`: the command contract, and bad input handled and said."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, ROOT, run_cli

MINI = str(Path(__file__).parent / "data" / "mini_glossary.tsv")


def normalize(tmp_path: Path, data: bytes, *args: str):
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    return run_cli("normalize", "--glossary", MINI, *args, str(path))


def test_one_output_line_per_input_line_with_empty_lines_kept(tmp_path):
    result = normalize(tmp_path, "كوانج تري\n\nلاوباو\n".encode(), "--from", "ar")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "كوانغ تري\n\nلاو باو\n"


def test_jsonl_contract(tmp_path):
    result = normalize(tmp_path, "زار وكوانج تري\n".encode(), "--from", "ar", "--format", "jsonl")
    record = json.loads(result.stdout)
    assert set(record) == {"text", "entities", "edits"}
    (entity,) = record["entities"]
    assert set(entity) == {"vi", "surface", "form", "start", "end", "source"}
    assert record["text"][entity["start"] : entity["end"]] == entity["form"] == "كوانغ تري"
    assert record["edits"][0]["reason"] == "unify"


def normalize_stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[str]:
    """`mtpipe normalize` given `data` on its standard input; its output decoded as UTF-8."""
    mtpipe = str(Path(sys.executable).with_name("mtpipe"))
    result = subprocess.run([mtpipe, "normalize", "--glossary", MINI, *args], input=data, capture_output=True)
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def test_standard_input_is_read_when_no_file_is_given():
    assert normalize_stdin(b"Quangtri\n", "--from", "en").stdout == "Quang Tri\n"


def test_invalid_utf8_names_file_line_and_byte(tmp_path):
    result = normalize(tmp_path, b"ok\nQu\xe1ng Tri\n", "--from", "vi", "--encoding", "utf-8")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "in.txt:2: invalid UTF-8 at byte 2" in result.stderr


def test_invalid_utf8_replaced_on_request_and_counted(tmp_path):
    result = normalize(
        tmp_path, b"ok\nQu\xe1ng\n\xff\n", "--from", "vi", "--encoding", "utf-8", "--on-invalid", "replace"
    )
    assert result.returncode == 0
    assert result.stdout.count("\n") == 3 and "\ufffd" in result.stdout
    assert "replaced invalid UTF-8 on 2 line(s)" in result.stderr


def test_bom_crlf_and_a_stray_nul_are_handled_and_said(tmp_path):
    """One NUL in a text file is a stray byte, removed; a file of many is binary (refused)."""
    data = b"\xef\xbb\xbfLao\x00bao\r\n" + b"Quangtri\r\n" * 20
    result = normalize(tmp_path, data, "--from", "en", "--encoding", "utf-8")
    assert result.stdout == "Lao Bao\n" + "Quang Tri\n" * 20
    for note in ("byte-order mark", "CRLF", "NUL"):
        assert note in result.stderr


def test_a_one_megabyte_line_is_processed(tmp_path):
    line = ("وكوانج تري " * 100_000).encode()
    result = normalize(tmp_path, line + b"\n", "--from", "ar")
    assert result.returncode == 0
    assert result.stdout.count("كوانغ تري") == 100_000 and result.stdout.count("\n") == 1


def test_noisy_corpus_leaves_one_spelling_per_name():
    """Every name in noisy.ar.txt comes out in exactly one Arabic spelling: the glossary's."""
    from pipeline.terminology.glossary import load_glossary

    result = run_cli("normalize", "--from", "ar", "--format", "jsonl", str(CORPUS_DIR / "noisy.ar.txt"))
    assert result.returncode == 0, result.stderr
    forms: dict[str, set[str]] = {}
    for line in result.stdout.splitlines():
        for entity in json.loads(line)["entities"]:
            forms.setdefault(entity["vi"], set()).add(entity["form"])
    canonical = {
        c.forms["vi"]: c.forms.get("ar") for c in load_glossary(ROOT / "glossary" / "quangtri.tsv").concepts
    }
    assert forms and all(spellings == {canonical[vi]} for vi, spellings in forms.items())
    expected = [
        row.split("\t") for row in (ROOT / "corpora/quangtri/noisy.ar.names.tsv").read_text().splitlines()
    ]
    output = result.stdout.splitlines()
    for number, names in expected:
        text = json.loads(output[int(number) - 1])["text"]
        assert all(name in text for name in names.split("|")), (number, text)


def test_latin_names_option(tmp_path):
    data = "زار الوفد Quảng Trị أمس\n".encode()
    assert normalize(tmp_path, data, "--from", "ar").stdout == "زار الوفد كوانغ تري أمس\n"
    assert normalize(tmp_path, data, "--from", "ar", "--latin-names", "keep").stdout == data.decode()
    annotated = normalize(tmp_path, data, "--from", "ar", "--latin-names", "annotate").stdout
    assert annotated == "زار الوفد كوانغ تري (Quảng Trị) أمس\n"


def test_a_file_is_one_document_for_names_the_glossary_lacks(tmp_path):
    data = "قال تران تي لان\nوقالت ترانتي لان\nوأضافت تران تي لان\n".encode()
    result = normalize(tmp_path, data, "--from", "ar", "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in records] == ["قال تران تي لان", "وقالت تران تي لان", "وأضافت تران تي لان"]
    assert [e["source"] for r in records for e in r["entities"]] == ["document"] * 3
    assert [(e["before"], e["after"], e["reason"]) for r in records for e in r["edits"]] == [
        ("ترانتي لان", "تران تي لان", "document")
    ]


FIVE = ["Quảng Trị", "Lao Bảo ở Việt Nam", "", "Đông Hà", "Khe Sanh"]
DAMAGED = "\n".join(FIVE).encode().replace(b"Lao", b"L\xff\xfeao") + b"\n"
LEGACY = ROOT / "tests" / "data" / "legacy"


def test_a_few_bad_bytes_in_utf8_are_reported_not_taken_for_a_legacy_encoding(tmp_path):
    result = normalize(tmp_path, DAMAGED, "--from", "vi")
    assert result.returncode == 2 and "legacy" not in result.stderr
    where = tmp_path / "in.txt"
    assert (
        result.stderr
        == f"mtpipe: error: {where}:2: invalid UTF-8 at byte 1 of the line (invalid start byte)\n"
    )


def test_a_few_bad_bytes_in_utf8_are_replaced_on_request_in_files_and_on_stdin(tmp_path):
    expected = "\n".join([FIVE[0], "L\ufffd\ufffdao Bảo ở Việt Nam", *FIVE[2:]]) + "\n"
    from_file = normalize(tmp_path, DAMAGED, "--from", "vi", "--on-invalid", "replace")
    from_stdin = normalize_stdin(DAMAGED, "--from", "vi", "--on-invalid", "replace")
    for result in (from_file, from_stdin):
        assert result.returncode == 0 and result.stdout == expected
        assert "replaced invalid UTF-8 on 1 line(s)" in result.stderr and "legacy" not in result.stderr


def test_utf16_input_is_decoded_line_for_line(tmp_path):
    result = normalize(tmp_path, "\n".join(FIVE).encode("utf-16"), "--from", "vi")
    assert result.returncode == 0 and result.stdout == "\n".join(FIVE) + "\n"
    assert "decoded UTF-16LE text (found by its byte-order mark)" in result.stderr
    assert "legacy" not in result.stderr and "NUL" not in result.stderr


@pytest.mark.parametrize(
    "data, encoding, message",
    [
        ("\n".join(FIVE).encode(), "tcvn3", "--encoding tcvn3 does not fit: this is UTF-8 text"),
        ("\n".join(FIVE).encode("utf-16"), "vni", "--encoding vni does not fit: this is UTF-16LE text"),
        (
            (LEGACY / "source.tcvn3").read_bytes(),
            "vni",
            "--encoding vni does not fit: 79 of 419 non-ASCII words are Vietnamese syllables in vni",
        ),
    ],
)
def test_an_encoding_that_does_not_fit_the_bytes_is_an_error(tmp_path, data, encoding, message):
    result = normalize(tmp_path, data, "--from", "vi", "--encoding", encoding)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"mtpipe: error: {tmp_path / 'in.txt'}: {message}")


def test_a_legacy_encoding_is_detected_with_its_evidence(tmp_path):
    result = normalize(tmp_path, (LEGACY / "source.tcvn3").read_bytes(), "--from", "vi")
    assert result.returncode == 0
    assert (
        "detected legacy encoding tcvn3 (581 of 581 non-ASCII words are Vietnamese syllables" in result.stderr
    )


def test_bytes_in_no_known_encoding_are_an_error_naming_the_best_guess(tmp_path):
    result = normalize(tmp_path, b"ok\n" + bytes(range(0x80, 0x100)) * 4 + b"\n", "--from", "vi")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"mtpipe: error: {tmp_path / 'in.txt'}:2: invalid UTF-8 at byte 0")
    assert "nor is it in a legacy Vietnamese encoding (best: " in result.stderr


def test_lone_cr_line_ends_and_line_breaks_inside_lines_keep_the_line_count(tmp_path):
    data = "Quảng\u2028Trị\rLao\x0bBảo ở Việt Nam\r\rĐông\x85Hà\rKhe\x0cSanh\r".encode()
    result = normalize(tmp_path, data, "--from", "vi")
    assert result.returncode == 0 and result.stdout == "\n".join(FIVE) + "\n"
    assert "converted 5 CR line end(s) to LF" in result.stderr
    assert (
        "replaced 4 line break(s) inside a line (U+2028, U+000B, U+0085, U+000C) with a space"
        in result.stderr
    )
