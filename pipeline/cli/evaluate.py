"""`mtpipe score`, `mtpipe compare` and `mtpipe qa`: evaluate translations outside a run, and the
regression gate CI calls. Exit codes: 0 ok, 1 a check failed (gate or QA error), 2 bad input."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..console import info, working
from ..errors import InputError
from ..paths import DEFAULT_GLOSSARY
from ..textio import read_lines
from .options import Baseline, Glossary, MaxDrop, Quiet, Target, format_option


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


class CompareFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def score(
    hyp: Annotated[Path, typer.Option(metavar="FILE", help="Translations, one segment per line.")],
    ref: Annotated[Path, typer.Option(metavar="FILE", help="References, line-aligned with --hyp.")],
    lang: Target,
    src: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Source lines: adds term accuracy and QA checks.")
    ] = None,
    glossary: Glossary = DEFAULT_GLOSSARY,
    metrics: Annotated[
        str, typer.Option(metavar="bleu,chrf,ter", help="The metrics, comma-separated.")
    ] = "bleu,chrf,ter",
    format: Annotated[ReportFormat, format_option("Output format.")] = ReportFormat.text,
    baseline: Baseline = None,
    max_drop: MaxDrop = 1.0,
    quiet: Quiet = False,
) -> None:
    """Corpus scores with sacrebleu signatures and 95% bootstrap intervals; with --baseline, fail
    (exit 1) only on a drop larger than --max-drop that is significant (p < 0.05).

    Example: mtpipe score --hyp out/hyp.ar.txt --ref corpora/quangtri/ref.ar.txt --to ar
    """
    from ..evaluation.baseline import load_baseline
    from ..evaluation.metrics import corpus_scores, describe, parse_metrics, test_set_hash
    from ..formats.run import read_pair

    names = parse_metrics(metrics)
    saved = load_baseline(baseline) if baseline else None
    hyps, refs = read_pair(hyp, ref)
    with working("scoring"):
        scores = corpus_scores(lang, hyps, refs, names)
    report = {"lang": lang, "lines": len(hyps), "test_set": test_set_hash(lang, refs), **describe(lang)}
    report |= {name: result.to_json() for name, result in scores.items()}
    if src is not None:
        report |= source_checks(src, glossary, lang, hyps)
    failed = False
    if saved is not None:
        with working("testing against the baseline"):
            gated = gate_lines(saved, baseline, lang, hyps, refs, max_drop)
        report["gate"] = [{**g.result.to_json(), "failed": g.failed} for g in gated]
        failed = any(g.failed for g in gated)
    emit(report, format)
    raise typer.Exit(1 if failed else 0)


def source_checks(src: Path, glossary_path: Path, lang: str, hyps: list[str]) -> dict:
    """Term accuracy and QA flags of translations whose source lines are in `src`."""
    from ..evaluation.qa import QaChecker, QaInput
    from ..evaluation.terms import term_accuracy
    from ..terminology.finder import TermFinder
    from ..terminology.glossary import load_glossary
    from ..terminology.names import NameMatcher

    sources = read_lines(src)
    if len(sources) != len(hyps):
        raise InputError(f"has {len(sources)} lines but the translations have {len(hyps)}", src)
    glossary = load_glossary(glossary_path)
    finder = TermFinder(glossary)
    required = [
        [(c.id, c.forms[lang]) for _, _, c in finder.find(line) if c.forms.get(lang)] for line in sources
    ]
    checker = QaChecker(
        lang, forbidden=glossary.forbidden_forms(lang), name_key=NameMatcher(glossary, lang).spellings
    )
    flags = checker([QaInput(s, h, r) for s, h, r in zip(sources, hyps, required, strict=True)])
    return {
        "term_accuracy": term_accuracy(hyps, required),
        "qa": [{"line": n, **flag.__dict__} for n, found in enumerate(flags, start=1) for flag in found],
    }


def gate_lines(saved: dict, path: Path, lang: str, hyps: list[str], refs: list[str], max_drop: float):
    from ..evaluation.baseline import gate

    results = gate(saved, path, lang, hyps, refs, max_drop)
    for result in results:
        typer.echo(result.message(), err=True)
    return results


def emit(report: dict, format: ReportFormat) -> None:
    if format == ReportFormat.json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    head = f"{report['lang']}: {report['lines']} lines, test set {report['test_set']}"
    typer.echo(f"{head}, primary {report['primary']}")
    for name in ("BLEU", "chrF++", "TER"):
        if name in report:
            item = report[name]
            interval = f" (95% CI {item['ci'][0]}–{item['ci'][1]})" if "ci" in item else ""
            typer.echo(f"  {name} {item['score']}{interval}  {item['signature']}")
    if "term_accuracy" in report:
        terms = report["term_accuracy"]
        typer.echo(f"  term accuracy {terms['score']}% ({terms['hits']}/{terms['total']})")
    for flag in report.get("qa", []):
        typer.echo(f"  line {flag['line']}: {flag['severity']} {flag['check']}: {flag['evidence']}")


def compare(
    run_a: Annotated[Path, typer.Argument(metavar="RUN_A", help="The baseline run's output directory.")],
    run_b: Annotated[Path, typer.Argument(metavar="RUN_B", help="The candidate run's output directory.")],
    format: Annotated[CompareFormat, format_option("Output format.")] = CompareFormat.text,
    quiet: Quiet = False,
) -> None:
    """Per language, each metric's change from RUN_A to RUN_B with paired bootstrap and approximate
    randomization p-values, and the segments that got most worse and most better.

    Example: mtpipe compare runs/main runs/branch --format html > compare.html
    """
    from ..evaluation.compare import compare_language, same_test_set
    from ..formats.run import scored_texts, segment_lines

    texts_a, texts_b = scored_texts(run_a), scored_texts(run_b)
    comparisons = []
    with working("comparing (paired bootstrap and approximate randomization)"):
        for lang in sorted(set(texts_a) & set(texts_b)):
            (a, refs), (b, refs_b) = texts_a[lang], texts_b[lang]
            if not same_test_set(lang, refs, refs_b):
                raise InputError(f"{lang}: the two runs were scored on different references", run_b)
            comparisons.append(compare_language(lang, a, b, refs, segment_lines(run_a, len(a))))
    if not comparisons:
        raise InputError(f"no language in common with {run_a}", run_b)
    if format == CompareFormat.json:
        typer.echo(json.dumps([c.to_json() for c in comparisons], ensure_ascii=False, indent=2))
    elif format == CompareFormat.html:
        from ..evaluation.report import render_comparison

        typer.echo(render_comparison(comparisons, str(run_a), str(run_b)))
    else:
        for comparison in comparisons:
            for r in comparison.results:
                typer.echo(
                    f"{comparison.lang} {r.metric}: {r.baseline:.2f} → {r.candidate:.2f} (Δ {r.delta:+.2f}, "
                    f"p bootstrap {r.p_bootstrap:.4f}, p randomization {r.p_randomization:.4f})"
                )
            for title, changes in (("worse", comparison.worse), ("better", comparison.better)):
                for change in changes:
                    typer.echo(f"  {title} line {change.line} chrF++ {change.chrf_a} → {change.chrf_b}")
                    typer.echo(f"    ref: {change.reference}\n    a:   {change.a}\n    b:   {change.b}")


def qa(
    src: Annotated[Path, typer.Option(metavar="FILE", help="Source lines.")],
    hyp: Annotated[Path, typer.Option(metavar="FILE", help="Translations, line-aligned with --src.")],
    lang: Target,
    glossary: Glossary = DEFAULT_GLOSSARY,
    format: Annotated[ReportFormat, format_option("Output format.")] = ReportFormat.text,
    quiet: Quiet = False,
) -> None:
    """The QA checks alone; exit 1 when any finding has severity `error`.

    Example: mtpipe qa --src news.vi.txt --hyp news.ar.txt --to ar
    """
    hyps = read_lines(hyp)
    report = {"lang": lang, **source_checks(src, glossary, lang, hyps)}
    if format == ReportFormat.json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for flag in report["qa"]:
            typer.echo(f"line {flag['line']}: {flag['severity']} {flag['check']}: {flag['evidence']}")
        info(f"{len(report['qa'])} finding(s)")
    raise typer.Exit(1 if any(flag["severity"] == "error" for flag in report["qa"]) else 0)
