"""`mtpipe run --model tiny` end to end: every output file, line-aligned, with signatures."""

import json

from conftest import CORPUS_DIR, TARGETS, run_demo


def test_every_output_file_is_written(demo_run):
    names = {p.name for p in demo_run.iterdir()}
    expected = {f"hyp.{lang}.txt" for lang in TARGETS}
    assert expected | {"edits.jsonl", "scores.json", "run.json", "report.html"} <= names


def test_hypotheses_are_line_aligned_with_the_source(demo_run):
    source_lines = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").count("\n")
    for lang in TARGETS:
        text = (demo_run / f"hyp.{lang}.txt").read_text(encoding="utf-8")
        assert text.count("\n") == source_lines


def test_scores_have_bleu_and_chrf_with_signatures(demo_run):
    scores = json.loads((demo_run / "scores.json").read_text())
    for lang in TARGETS:
        for metric in ("BLEU", "chrF++"):
            assert isinstance(scores[lang][metric]["score"], float)
            assert "version:" in scores[lang][metric]["signature"]
    assert scores["lo"]["primary"] == "chrF++"
    assert scores["lo"]["preprocessing"] == "laonlp word segmentation"
    assert scores["en"]["term_accuracy"]["total"] > 0
    consistency = scores["en"]["term_consistency"]
    assert consistency["concepts"] > 10 and 50 <= consistency["score"] <= 100


def test_run_summary_counts_calls_and_times_stages(demo_run):
    summary = json.loads((demo_run / "run.json").read_text())
    assert summary["segments"] == len((CORPUS_DIR / "source.vi.txt").read_text().splitlines())
    assert summary["model_calls"] + summary["cache_hits"] > 0
    assert {"normalize", "segment", "glossary", "translate", "score", "report"} <= set(summary["seconds"])
    assert summary["signature"]["model"] and summary["signature"]["glossary"]


def test_report_shows_scores_and_segments(demo_run):
    html = (demo_run / "report.html").read_text(encoding="utf-8")
    assert "chrF++" in html and "Quảng Trị" in html


def test_rerun_of_unchanged_corpus_makes_no_model_calls(demo_run, demo_cache, tmp_path):
    result = run_demo(tmp_path, demo_cache)
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "run.json").read_text())
    assert summary["model_calls"] == 0 and summary["cache_hits"] > 0
    assert (tmp_path / "hyp.ar.txt").read_text() == (demo_run / "hyp.ar.txt").read_text()
