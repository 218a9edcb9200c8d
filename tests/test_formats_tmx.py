"""Translation memories (TMX): `--write-tm` exports a run's segment pairs as TMX 1.4 that
translate-toolkit reads; `--tm` takes a memory's exact matches instead of the model's, per target
language, counted in run.json; a damaged or empty memory refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, TARGETS, run_cli
from lxml import etree
from test_translate_cli import folded, refused
from translate.misc.xml_helpers import getXMLlang
from translate.storage.tmx import tmxfile

from pipeline.errors import InputError
from pipeline.formats.tmx import read_memory

SOURCE = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
REFERENCE = {
    lang: (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in TARGETS
}


HEADER = (
    '<header srclang="vi" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" '
    'creationtool="t" creationtoolversion="1"/>'
)


def tmx(units: str) -> str:
    return f'<?xml version="1.0"?>\n<tmx version="1.4">{HEADER}\n<body>\n{units}\n</body></tmx>\n'


def tu(*variants: tuple[str, str]) -> str:
    return (
        "<tu>"
        + "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants)
        + "</tu>"
    )


def variants(unit) -> dict[str, str]:
    return {getXMLlang(node): unit.getNodeText(node) for node in unit.getlanguageNodes()}


@pytest.fixture(scope="module")
def runs(demo_cache, tmp_path_factory) -> Path:
    """Three tiny-model runs: one exporting its memory, one reusing it, one with a partial memory."""
    root = tmp_path_factory.mktemp("tmx")
    (root / "a.txt").write_text(f"{SOURCE[0]}\n\n  {SOURCE[1]}\n", encoding="utf-8")
    (root / "b.txt").write_text(f"{SOURCE[0]}\n{SOURCE[1]}\n{SOURCE[2]}\n", encoding="utf-8")
    partial = tu(("vi-VN", SOURCE[0]), *((lang, f"TM {lang}") for lang in TARGETS)) + tu(
        ("vi", SOURCE[1]), ("en-GB", "TM en 1"), ("fr", "TM fr")
    )
    (root / "partial.tmx").write_text(tmx(partial), encoding="utf-8")
    for out, extra in (
        ("first", ["a.txt", "--write-tm", "memory.tmx"]),
        ("again", ["a.txt", "--tm", "memory.tmx"]),
        ("partial", ["b.txt", "--tm", "partial.tmx"]),
    ):
        result = run_cli(
            "translate", *extra, "--to", ",".join(TARGETS), "-o", out, "--model", "tiny",
            "--cache-dir", str(demo_cache), cwd=root,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    return root


def test_the_exported_memory_is_tmx_1_4_with_every_segment_pair(runs):
    root = etree.parse(str(runs / "memory.tmx")).getroot()
    assert (root.get("version"), root.find("header").get("srclang")) == ("1.4", "vi")
    units = tmxfile.parsestring((runs / "memory.tmx").read_bytes()).units
    for unit, line, output_line in zip(units, (0, 1), (0, 2), strict=True):
        pairs = variants(unit)
        assert pairs["vi"] == SOURCE[line] and list(pairs) == ["vi", *TARGETS]
        for lang in TARGETS:
            written = (runs / "first" / lang / "a.txt").read_text(encoding="utf-8").split("\n")
            assert pairs[lang] == written[output_line].strip()
            assert folded(pairs[lang]) == folded(REFERENCE[lang][line])


def test_a_memory_holding_every_segment_replaces_the_model(runs):
    summary = json.loads((runs / "again" / "run.json").read_text())
    assert summary["tm_hits"] == {lang: 2 for lang in TARGETS}
    assert summary["model_calls"] == 0 and summary["cache_hits"] == 0
    for lang in TARGETS:
        again = (runs / "again" / lang / "a.txt").read_bytes()
        assert again == (runs / "first" / lang / "a.txt").read_bytes()


def test_exact_matches_are_taken_per_target_language_and_the_rest_translated(runs):
    summary = json.loads((runs / "partial" / "run.json").read_text())
    assert summary["tm_hits"] == {"ar": 1, "en": 2, "lo": 1} and summary["segments"] == 3
    for lang in TARGETS:
        lines = (runs / "partial" / lang / "b.txt").read_text(encoding="utf-8").splitlines()
        assert lines[0] == f"TM {lang}"
        assert folded(lines[1]) == ("TM en 1" if lang == "en" else folded(REFERENCE[lang][1]))
        assert folded(lines[2]) == folded(REFERENCE[lang][2])


@pytest.mark.parametrize(
    "data, message",
    [
        ("", "^a.tmx: empty file, not a TMX translation memory"),
        (tmx(tu(("vi", "x"), ("en", "y"))).replace("</body>", ""), r"^a.tmx:\d+: not well-formed XML"),
        ("<tbx/>", "^a.tmx:1: not a TMX document"),
        (
            tmx('<tu><tuv><seg>x</seg></tuv><tuv xml:lang="en"><seg>y</seg></tuv></tu>'),
            r"^a.tmx:\d+: <tuv> without",
        ),
        (tmx(tu(("en", "x"), ("ar", "y"))), "^a.tmx: no translation unit with a 'vi' variant"),
    ],
)
def test_a_damaged_or_empty_memory_is_refused_in_one_line(tmp_path, monkeypatch, data, message):
    monkeypatch.chdir(tmp_path)
    Path("a.tmx").write_text(data, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_memory(Path("a.tmx"), "vi")


def test_a_bad_memory_is_refused_before_any_model_is_loaded(tmp_path):
    (tmp_path / "a.txt").write_text(SOURCE[0] + "\n")
    (tmp_path / "a.tmx").write_text("<tmx", encoding="utf-8")
    result = run_cli("translate", str(tmp_path / "a.txt"), "--to", "en", "--tm", str(tmp_path / "a.tmx"))
    refused(result, str(tmp_path / "a.tmx"), "not well-formed XML")
