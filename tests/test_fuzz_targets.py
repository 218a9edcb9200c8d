"""The fuzz targets (fuzz/targets.py) without atheris: each has seeds, and its parser reads every
seed, and a few hostile inputs, raising nothing but MtpipeError."""

from __future__ import annotations

import sys

import pytest
from conftest import ROOT

from pipeline.errors import MtpipeError

sys.path.insert(0, str(ROOT / "fuzz"))
from targets import TARGETS  # noqa: E402

HOSTILE = [b"", b"\x00", b"\xff\xfe\x00", b"\n\n\r\n", b"\xef\xbb\xbf", b"<" * 50, b"\t" * 40]


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_target_parses_its_seeds_and_hostile_bytes_with_documented_errors_only(name):
    target = TARGETS[name]
    seeds = list(target.seeds())
    assert seeds
    parsed = 0
    for data in seeds + HOSTILE:
        try:
            target.parse(data)
            parsed += 1
        except MtpipeError:
            pass
    assert parsed, "no seed parses: the target would fuzz only its error paths"
