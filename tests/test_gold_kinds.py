"""The gold sets by kind (tests/data/gold/<kind>.<lang>.tsv): every case of every file right.

Columns as in tests/data/normalize (see its README). `options`: `tone-style=modern`,
`latin-names=keep|annotate`, and `doc=ID`: the rows with one ID are one document (a file given
to `mtpipe normalize`), in file order; `vi=NAME|NAME`: Vietnamese names its source holds.
"""

from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.normalize.consistency import DocumentNames
from pipeline.normalize.engine import Normalizer
from pipeline.terminology.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).parent / "data" / "gold"
GLOSSARY = load_glossary(ROOT / "glossary" / "quangtri.tsv")
FILES = sorted(GOLD.glob("*.tsv"))


def read_cases(path: Path) -> list[dict[str, str]]:
    header, *rows = path.read_text(encoding="utf-8").split("\n")
    columns = header.split("\t")
    return [
        {"line": f"{path.name}:{number}", **dict(zip(columns, row.split("\t"), strict=True))}
        for number, row in enumerate(rows, start=2)
        if row
    ]


def options_of(case: dict[str, str]) -> dict[str, str]:
    return dict(item.split("=", 1) for item in case["options"].split(",") if item)


def normalized(lang: str, cases: list[dict[str, str]]) -> list[str]:
    """Each case's output, its document (rows sharing a doc=ID, else the row alone) normalized
    as `mtpipe normalize` normalizes a file."""
    documents: dict[str, list[int]] = defaultdict(list)
    for index, case in enumerate(cases):
        documents[options_of(case).get("doc", f"row {index}")].append(index)
    outputs = [""] * len(cases)
    for indices in documents.values():
        options = options_of(cases[indices[0]])
        normalizer = Normalizer(
            GLOSSARY,
            lang,
            options.get("tone-style", "traditional"),
            latin_names=options.get("latin-names", "replace"),
        )
        lines = [normalizer(cases[index]["input"]) for index in indices]
        if lang != "vi":
            vietnamese = options["vi"].split("|") if "vi" in options else []
            DocumentNames(GLOSSARY, lang).unify(lines, vietnamese)
        for index, line in zip(indices, lines, strict=True):
            outputs[index] = line.text
    return outputs


def test_every_kind_has_its_files():
    kinds = {path.name.split(".")[0] for path in FILES}
    assert {"document", "latin", "oneword"} <= kinds
    cases = {kind: sum(len(read_cases(p)) for p in FILES if p.name.startswith(f"{kind}.")) for kind in kinds}
    assert all(count >= 25 for kind, count in cases.items() if kind in ("document", "latin", "oneword")), (
        cases
    )


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_case_is_right(path):
    kind, lang = path.name.split(".")[:2]
    cases = read_cases(path)
    assert cases and {case["kind"] for case in cases} <= {"change", "keep"}
    for case in cases:
        assert (case["input"] == case["expected"]) == (case["kind"] == "keep"), case["line"]
    misses = [
        f"{case['line']}: {case['note']}\n  got      {got}\n  expected {case['expected']}"
        for case, got in zip(cases, normalized(lang, cases), strict=True)
        if got != case["expected"]
    ]
    assert not misses, f"{kind}.{lang}: {len(cases) - len(misses)}/{len(cases)}\n" + "\n".join(misses)
