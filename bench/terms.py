"""Applying the glossary (finding source terms, enforcing target forms) with 100 against 10,000
concepts: the cost must not grow with the size of the glossary."""

from __future__ import annotations

from pathlib import Path

from normalization import segments_of, synthetic_glossary
from timing import fastest

from pipeline.terminology.enforce import TermEnforcer
from pipeline.terminology.finder import TermFinder
from pipeline.terminology.glossary import load_glossary

SEGMENTS = 5_000


def apply_rate(glossary, sources: list[str], outputs: list[str]) -> float:
    finder, enforcer = TermFinder(glossary), TermEnforcer(glossary, "ar")

    def apply() -> None:
        for source, output in zip(sources, outputs, strict=True):
            terms = [(c.id, c.forms["ar"]) for _, _, c in finder.find(source) if c.forms.get("ar")]
            enforcer(output, terms)

    return len(sources) / fastest(apply)


def bench_terms(root: Path, tmp: Path) -> list[tuple[str, str, str]]:
    corpus = root / "corpora" / "quangtri"
    sources = segments_of((corpus / "source.vi.txt").read_text(encoding="utf-8").splitlines(), SEGMENTS)
    outputs = segments_of((corpus / "noisy.ar.txt").read_text(encoding="utf-8").splitlines(), SEGMENTS)
    base = load_glossary(root / "glossary" / "quangtri.tsv")
    small = apply_rate(synthetic_glossary(base, 100, tmp / "t100.tsv"), sources, outputs)
    large = apply_rate(synthetic_glossary(base, 10_000, tmp / "t10k.tsv"), sources, outputs)
    return [
        (
            "apply glossary (find vi terms, enforce ar), +100 synthetic concepts",
            f"{small:,.0f} segments/s",
            "",
        ),
        (
            "apply glossary, +10,000 synthetic concepts",
            f"{large:,.0f} segments/s",
            f"10,000 concepts cost {small / large:.2f}× the time of 100",
        ),
    ]
