"""Regenerate source.{tcvn3,vni,viscii,cp1258} from source.txt: `python tests/data/legacy/make_corpora.py`.

The encoders are independent of pipeline.normalize.legacy: glibc's iconv for VISCII and TCVN3, Python's
codec for Windows-1258, and the letter table vni_letters.tsv for VNI. expected.tcvn3.txt is kept by hand:
it is source.txt as a TCVN3 decoder can recover it (see test_legacy_encodings.py).
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def has_tone(char: str) -> bool:
    return any(mark in TONE_MARKS for mark in unicodedata.normalize("NFD", char))


def iconv(text: str, encoding: str) -> bytes:
    return subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", encoding], input=text.encode(), capture_output=True, check=True
    ).stdout


def tcvn3(text: str) -> bytes:
    """VN3 has no capitals with tone marks: an all-caps font shows the small letters' bytes as capitals."""
    return iconv("".join(c.lower() if c.isupper() and has_tone(c) else c for c in text), "TCVN5712-1")


def vni(text: str) -> bytes:
    table = {}
    for line in (HERE / "vni_letters.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            letter, spelling = line.split("\t")
            table[letter] = spelling
    return "".join(table.get(c, c) for c in text).encode("cp1252")


def cp1258(text: str) -> bytes:
    """Windows-1258 style: the letter (with circumflex, breve or horn) precomposed, then the tone mark."""
    out = []
    for char in text:
        nfd = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in nfd if c in TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONE_MARKS)) + tone)
    return "".join(out).encode("cp1258")


def main() -> None:
    text = (HERE / "source.txt").read_text(encoding="utf-8")
    encoders = {"tcvn3": tcvn3, "vni": vni, "viscii": lambda t: iconv(t, "VISCII"), "cp1258": cp1258}
    for name, encode in encoders.items():
        (HERE / f"source.{name}").write_bytes(encode(text))


if __name__ == "__main__":
    main()
