"""Scoring 10,000 segments: mtpipe's corpus scores (BLEU and chrF++ with their 95% bootstrap
intervals) against bare sacrebleu on the same data; QA and term checks timed on their own."""

from __future__ import annotations

from pathlib import Path

import sacrebleu
from timing import fastest

from pipeline.evaluation.metrics import corpus_scores, resample_counts
from pipeline.evaluation.qa import QaChecker, QaInput
from pipeline.evaluation.terms import term_accuracy
from pipeline.terminology.finder import TermFinder
from pipeline.terminology.glossary import load_glossary
from pipeline.terminology.names import NameMatcher

SEGMENTS = 10_000
TARGET = 1.2


def repeated(lines: list[str], count: int) -> list[str]:
    return (lines * (count // len(lines) + 1))[:count]


def bench_scoring(root: Path) -> list[tuple[str, str, str]]:
    corpus = root / "corpora" / "quangtri"
    sources = repeated((corpus / "source.vi.txt").read_text(encoding="utf-8").splitlines(), SEGMENTS)
    refs = repeated((corpus / "ref.en.txt").read_text(encoding="utf-8").splitlines(), SEGMENTS)
    hyps = [line.replace(" the ", " a ") for line in refs]  # a system that differs from the references

    def bare() -> None:
        sacrebleu.corpus_bleu(hyps, [refs])
        sacrebleu.corpus_chrf(hyps, [refs], word_order=2)

    bare_seconds = fastest(bare, repeats=3)

    def ours() -> None:
        resample_counts.cache_clear()  # each pass draws its resamples anew, as one run does
        corpus_scores("en", hyps, refs, ["BLEU", "chrF++"])

    ours_seconds = fastest(ours, repeats=3)
    glossary = load_glossary(root / "glossary" / "quangtri.tsv")
    finder = TermFinder(glossary)
    required = [[(c.id, c.forms["en"]) for _, _, c in finder.find(s) if c.forms.get("en")] for s in sources]
    checker = QaChecker(
        "en", forbidden=glossary.forbidden_forms("en"), name_key=NameMatcher(glossary, "en").spellings
    )
    inputs = [QaInput(s, h, r) for s, h, r in zip(sources, hyps, required, strict=True)]
    qa_seconds = fastest(lambda: checker(inputs), repeats=3)
    terms_seconds = fastest(lambda: term_accuracy(hyps, required), repeats=3)
    ratio = ours_seconds / bare_seconds
    verdict = "meets" if ratio <= TARGET else "misses"
    return [
        ("score 10,000 en segments: bare sacrebleu corpus_bleu + corpus_chrf", f"{bare_seconds:.2f} s", ""),
        (
            "score 10,000 en segments: mtpipe BLEU + chrF++ with 95% bootstrap intervals",
            f"{ours_seconds:.2f} s",
            f"{ratio:.2f}× bare sacrebleu ({verdict} the {TARGET}× target)",
        ),
        ("QA checks, 10,000 en segments (all eight)", f"{qa_seconds:.2f} s", ""),
        ("term accuracy, 10,000 en segments", f"{terms_seconds:.2f} s", ""),
    ]
