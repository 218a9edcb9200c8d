"""The project's normalization gold sets (tests/data/normalize/*.tsv): at least 98% exact match,
and not a single change on a must-not-change case."""

from pathlib import Path

import pytest

from pipeline.normalize.engine import Normalizer
from pipeline.terminology.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).parent / "data" / "normalize"
GLOSSARY = load_glossary(ROOT / "glossary" / "quangtri.tsv")


def load_cases() -> list[dict[str, str]]:
    cases = []
    for path in sorted(GOLD.glob("*.tsv")):
        header, *rows = path.read_text(encoding="utf-8").split("\n")
        columns = header.split("\t")
        for number, row in enumerate(rows, start=2):
            if row:
                cases.append(
                    {
                        "lang": path.stem,
                        "line": f"{path.name}:{number}",
                        **dict(zip(columns, row.split("\t"), strict=True)),
                    }
                )
    return cases


CASES = load_cases()


def run_case(case: dict[str, str]) -> str:
    options = dict(item.split("=") for item in case["options"].split(",") if item)
    style = options.get("tone-style", "traditional")
    return Normalizer(GLOSSARY, case["lang"], style)(case["input"]).text


def test_gold_sets_are_large_enough():
    assert len(CASES) >= 250
    assert {case["lang"] for case in CASES} == {"vi", "ar", "en", "lo"}


def test_exact_match_at_least_98_percent():
    misses = [
        (c["line"], c["input"], c["expected"], got) for c in CASES if (got := run_case(c)) != c["expected"]
    ]
    rate = 1 - len(misses) / len(CASES)
    assert rate >= 0.98, "\n".join(map(str, misses))


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] == "keep"], ids=lambda c: c["line"])
def test_must_not_change_cases_are_untouched(case):
    assert run_case(case) == case["input"]
