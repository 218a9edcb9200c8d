import codecs
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.textio import decode_lines, encoding_name, read_jsonl, read_lines, write_lines


def test_crlf_bom_and_empty_lines_keep_alignment(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffQuảng Trị\r\n\r\nLao Bảo\r\n".encode())
    assert read_lines(path) == ["Quảng Trị", "", "Lao Bảo"]


def test_invalid_utf8_names_file_line_and_byte(tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"ok\nQu\xe1ng\n")
    with pytest.raises(InputError) as err:
        read_lines(path)
    assert str(err.value).startswith(f"{path}:2: invalid UTF-8 at byte 2")


def test_missing_file_is_named(tmp_path: Path):
    with pytest.raises(InputError, match="missing.txt: file not found"):
        read_lines(tmp_path / "missing.txt")


def test_write_refuses_line_breaks_inside_a_segment(tmp_path: Path):
    with pytest.raises(InputError, match=":2: a line break"):
        write_lines(tmp_path / "out.txt", ["one", "two\nthree"])


def test_jsonl_error_names_line(tmp_path: Path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n{"a": \n')
    with pytest.raises(InputError, match=r"x.jsonl:2: invalid JSON"):
        list(read_jsonl(path))


LINES = ["Quảng Trị", "", "Lao Bảo ở Việt Nam", "Đông Hà", "ແຂວງກວາງຈິ", "كوانغ تري"]


def test_crlf_lone_cr_and_lf_split_lines_alike():
    notes: list[str] = []
    assert decode_lines(b"a\rb\r\nc\nd\r\re\r", "x.txt", notes=notes) == ["a", "b", "c", "d", "", "e"]
    assert notes == ["converted 1 CRLF line end(s) to LF", "converted 4 CR line end(s) to LF"]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"])
def test_other_line_breaks_inside_a_line_become_spaces_and_are_said(char: str):
    notes: list[str] = []
    lines = decode_lines(f"Quảng{char}Trị\nLao Bảo\n".encode(), "x.txt", notes=notes)
    assert lines == ["Quảng Trị", "Lao Bảo"]
    assert "\n".join(lines).splitlines() == lines
    assert notes == [f"replaced 1 line break(s) inside a line (U+{ord(char):04X}) with a space"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_are_decoded_by_their_bom(codec: str):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    bom |= {"utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
    notes: list[str] = []
    data = bom[codec] + "\r\n".join(LINES).encode(codec)
    assert decode_lines(data, "x.txt", notes=notes) == LINES
    assert notes[0] == f"decoded {encoding_name(codec)} text (found by its byte-order mark)"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_bom_are_found_by_their_nul_bytes(codec: str):
    notes: list[str] = []
    assert decode_lines("\n".join(LINES).encode(codec), "x.txt", notes=notes) == LINES
    assert notes == [f"decoded {encoding_name(codec)} text (found by its NUL bytes)"]


def test_utf8_with_a_bom_and_a_stray_nul_stays_utf8():
    notes: list[str] = []
    assert decode_lines(b"\xef\xbb\xbfLao\x00bao\r\n", "x.txt", notes=notes) == ["Laobao"]
    assert notes == [
        "removed a byte-order mark",
        "converted 1 CRLF line end(s) to LF",
        "removed 1 NUL byte(s)",
    ]


def test_invalid_utf16_names_its_line():
    data = codecs.BOM_UTF16_LE + "a\nb\n".encode("utf-16-le") + b"\x00\xd8" + "c\n".encode("utf-16-le")
    with pytest.raises(InputError, match=r"^x.txt:3: invalid UTF-16LE \(.*byte-order mark\)"):
        decode_lines(data, "x.txt")


def test_read_lines_says_what_it_changed(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfa\rb\r")
    assert read_lines(path) == ["a", "b"]
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: removed a byte-order mark",
        f"{path}: converted 2 CR line end(s) to LF",
    ]
