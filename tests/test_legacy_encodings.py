"""Legacy Vietnamese encodings: the corpora, the byte tables against glibc's iconv, and detection.

tests/data/legacy/source.txt holds 44 lines with all 134 precomposed Vietnamese letters;
make_corpora.py in that folder encodes it in each legacy encoding without using the decoder.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from pipeline.normalize.decoding import unicode_encoding
from pipeline.normalize.legacy import LEGACY_ENCODINGS, decode_legacy, guess_legacy

DATA = Path(__file__).resolve().parent / "data" / "legacy"
SOURCE = (DATA / "source.txt").read_text(encoding="utf-8")
CORPORA = {"utf-8": DATA / "source.txt"} | {name: DATA / f"source.{name}" for name in LEGACY_ENCODINGS}
# TCVN3 has no capitals with tone marks: outside all-caps lines and words they decode as small letters,
# which turns three sentence-initial capitals (Ở, Ấn, Ý) of source.txt small.
EXPECTED = {name: SOURCE for name in CORPORA} | {
    "tcvn3": (DATA / "expected.tcvn3.txt").read_text(encoding="utf-8")
}
# The bytes of 0x80-0xFF that TCVN 5712:1993 VN3 leaves unassigned (its 75 additions are NBSP, Ă Â Ê Ô Ơ Ư Đ
# and the 67 small letters). glibc's TCVN5712-1 is VN1, which puts capitals with tone marks there, and the
# five combining tone marks at 0xB0-0xB4; the decoder reads them as Windows-1252, the ABC fonts' code page.
VN3_UNASSIGNED = frozenset(
    [*range(0x80, 0xA0), 0xAF, *range(0xB0, 0xB5), 0xBA, *range(0xBF, 0xC6), 0xCD, 0xD9, 0xDA, 0xDB]
    + [0xE0, 0xF0, 0xFF]
)

needs_iconv = pytest.mark.skipif(
    shutil.which("iconv") is None, reason="glibc iconv (the reference) is missing"
)


def iconv(data: bytes, encoding: str) -> str:
    """glibc's decoding of `data` from `encoding`."""
    result = subprocess.run(
        ["iconv", "-f", encoding, "-t", "UTF-8"], input=data, capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def windows_1252(byte: int) -> str:
    """The Windows-1252 character of a byte, or its C1 control where Windows-1252 has none."""
    return bytes([byte]).decode("cp1252", errors="ignore") or chr(byte)


def detect_encoding(data: bytes) -> str:
    """What `mtpipe normalize --encoding auto` takes the bytes for: Unicode first, then a legacy guess."""
    return "utf-8" if unicode_encoding(data) else guess_legacy(data).encoding


def non_ascii_lines(path: Path) -> list[bytes]:
    return [line for line in path.read_bytes().split(b"\n") if not line.isascii()]


@pytest.mark.parametrize("encoding", CORPORA)
def test_each_corpus_decodes_to_the_source(encoding: str):
    text = decode_legacy(CORPORA[encoding].read_bytes(), encoding)
    assert text == EXPECTED[encoding]
    assert unicodedata.is_normalized("NFC", text)


def test_tcvn3_expected_differs_from_the_source_only_by_three_lowered_capitals():
    pairs = [(a, b) for a, b in zip(SOURCE, EXPECTED["tcvn3"], strict=True) if a != b]
    assert pairs == [("Ở", "ở"), ("Ấ", "ấ"), ("Ý", "ý")]


@needs_iconv
def test_viscii_agrees_with_iconv_on_all_256_bytes():
    reference = iconv(bytes(range(256)), "VISCII")
    assert len(reference) == 256
    assert [decode_legacy(bytes([byte]), "viscii") for byte in range(256)] == list(reference)


@needs_iconv
def test_tcvn3_agrees_with_iconv_where_vn3_assigns_the_byte():
    high = range(0x80, 0x100)
    reference = iconv(b"\n".join(bytes([byte]) for byte in high), "TCVN5712-1").split("\n")
    assert len(reference) == 128 and len(VN3_UNASSIGNED) == 128 - 75
    for byte, glibc in zip(high, reference, strict=True):
        ours = decode_legacy(bytes([byte]), "tcvn3")
        if byte in VN3_UNASSIGNED:
            assert ours == windows_1252(byte), hex(byte)
            assert glibc.isupper() or unicodedata.combining(glibc), hex(byte)  # VN1's additions
        else:
            assert ours == glibc, hex(byte)


@needs_iconv
def test_cp1258_agrees_with_iconv():
    data = CORPORA["cp1258"].read_bytes()
    assert unicodedata.normalize("NFC", iconv(data, "CP1258")) == decode_legacy(data, "cp1258") == SOURCE


def test_cp1258_precomposed_and_combining_forms_decode_alike():
    assert decode_legacy("Đông Hà".encode("cp1258"), "cp1258") == "Đông Hà"
    assert decode_legacy(b"\xd0\xf4ng Ha\xcc", "cp1258") == "Đông Hà"  # a + combining grave


def test_every_vni_letter_decodes():
    lines = (DATA / "vni_letters.tsv").read_text(encoding="utf-8").splitlines()
    table = dict(line.split("\t") for line in lines if not line.startswith("#"))
    assert len(table) == 134
    for letter, spelling in table.items():
        assert decode_legacy(spelling.encode("cp1252"), "vni") == letter, spelling


def test_vni_marks_join_only_a_vowel_that_can_take_them():
    assert decode_legacy("Quaûng Trò".encode("cp1252"), "vni") == "Quảng Trị"
    assert decode_legacy("“Ñoâng Haø”".encode("cp1252"), "vni") == "“Đông Hà”"
    assert decode_legacy("café".encode("cp1252"), "vni") == "café"  # é after a consonant is é
    assert decode_legacy("uê".encode("cp1252"), "vni") == "uê"  # the breve goes on a only


def test_tcvn3_capitals_come_back_in_all_caps_lines_and_words():
    def tcvn3(shown: str) -> str:
        return decode_legacy(shown.encode("cp1252"), "tcvn3")

    assert tcvn3("Qu¶ng TrÞ") == "Quảng Trị"
    assert tcvn3("QU¶NG TRÞ\r\në §«ng Hµ") == "QUẢNG TRỊ\r\nở Đông Hà"
    # In a mixed-case line, an all-caps word needs two capitals of its own to count as one.
    assert tcvn3("BiÓn hiÖu ghi CöA KHÈU QUèC TÕ") == "Biển hiệu ghi CỬA KHẨU QUỐC Tế"


def test_tcvn3_reads_the_c1_range_as_windows_1252_punctuation():
    assert decode_legacy(b"\x93Qu\xb6ng Tr\xde\x94 \x96 L\xb5o", "tcvn3") == "“Quảng Trị” – Lào"


def test_utf8_drops_a_bom_and_rejects_invalid_bytes():
    assert decode_legacy("\ufeffLao Bảo".encode(), "utf-8") == "Lao Bảo"
    assert decode_legacy(unicodedata.normalize("NFD", "Lao Bảo").encode(), "utf-8") == "Lao Bảo"
    with pytest.raises(UnicodeDecodeError):
        decode_legacy(b"Qu\xe1ng", "utf-8")


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="unknown encoding 'latin-1'"):
        decode_legacy(b"x", "latin-1")


@pytest.mark.parametrize("encoding", CORPORA)
def test_detects_each_corpus(encoding: str):
    assert detect_encoding(CORPORA[encoding].read_bytes()) == encoding


@pytest.mark.parametrize("encoding", CORPORA)
def test_detects_each_single_line(encoding: str):
    lines = non_ascii_lines(CORPORA[encoding])
    assert len(lines) == 44
    assert [line for line in lines if detect_encoding(line) != encoding] == []


def test_ascii_and_other_scripts_are_utf8():
    assert detect_encoding(b"") == detect_encoding(b"Lao Bao border gate\n") == "utf-8"
    assert detect_encoding("محافظة كوانغ تري، بوابة لاو باو الحدودية؟".encode()) == "utf-8"
    assert detect_encoding("ແຂວງກວາງຈິ ແລະ ດ່ານລາວບາວ".encode()) == "utf-8"
    assert detect_encoding("\ufeffQuảng Trị".encode()) == "utf-8"
