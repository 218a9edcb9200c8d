from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.textio import read_jsonl, read_lines, write_lines


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
