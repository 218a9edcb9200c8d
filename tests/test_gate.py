"""Scoring and the regression gate end to end with the tiny model: mtpipe's scores equal the
sacrebleu command line's on the files a run writes (Lao through its segmented files), and the gate
fails only on a significant drop larger than allowed, and refuses a baseline scored differently."""

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, TARGETS, run_cli, run_demo

SACREBLEU = Path(sys.executable).with_name("sacrebleu")


def sacrebleu_cli(ref: Path, hyp: Path, *options: str) -> float:
    command = [str(SACREBLEU), str(ref), "-i", str(hyp), "-b", "-w", "2", *options]
    return float(subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip())


@pytest.mark.parametrize("lang", TARGETS)
def test_scores_equal_the_sacrebleu_command_line(demo_run, lang):
    scores = json.loads((demo_run / "scores.json").read_text())[lang]
    hyp, ref = demo_run / f"hyp.{lang}.txt", demo_run / f"ref.{lang}.txt"
    bleu_options: tuple[str, ...] = ()
    if lang == "lo":  # scored on the segmented text mtpipe writes beside the run
        hyp, ref = demo_run / "scored.lo.txt", demo_run / "ref-scored.lo.txt"
        bleu_options = ("--tokenize", "none", "--force")
    assert scores["BLEU"]["score"] == sacrebleu_cli(ref, hyp, "-m", "bleu", *bleu_options)
    assert scores["chrF++"]["score"] == sacrebleu_cli(ref, hyp, "-m", "chrf", "--chrf-word-order", "2")
    assert scores["TER"]["score"] == sacrebleu_cli(ref, hyp, "-m", "ter")
    low, high = scores["chrF++"]["ci"]
    assert low <= scores["chrF++"]["score"] <= high and high - low > 0.1
    assert len(scores["test_set"]) == 16 and scores["model"]


def test_segments_jsonl_holds_each_segments_score_split_and_flags(demo_run, corpus):
    records = [json.loads(line) for line in (demo_run / "segments.jsonl").read_text().splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(corpus.source) + 1))
    assert {r["split"] for r in records} == {"train", "test"}
    assert all(
        0 <= r[lang]["chrF++"] <= 100 and isinstance(r[lang]["flags"], list)
        for r in records
        for lang in TARGETS
    )


@pytest.fixture(scope="module")
def baseline(demo_run, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("baseline") / "baseline.json"
    result = run_cli("baseline", "update", str(demo_run), "-o", str(path))
    assert result.returncode == 0, result.stderr
    return path


def gate(hyp: Path, ref: Path, lang: str, baseline: Path, max_drop: float = 1.0):
    return run_cli(
        "score", "--hyp", str(hyp), "--ref", str(ref), "--to", lang, "--baseline", str(baseline),
        "--max-drop", str(max_drop), "--format", "json",
    )  # fmt: skip


def test_the_baseline_holds_what_the_paired_test_needs(baseline):
    data = json.loads(baseline.read_text())
    assert set(data["languages"]) == set(TARGETS) and data["model"] and data["date"]
    ar = data["languages"]["ar"]
    assert ar["lines"] == 194 and len(ar["metrics"]["BLEU"]["stats"]) == 194


def test_identical_hypotheses_pass(demo_run, baseline):
    result = gate(demo_run / "hyp.ar.txt", demo_run / "ref.ar.txt", "ar", baseline)
    assert result.returncode == 0, result.stderr
    assert all(item["delta"] == 0 and not item["failed"] for item in json.loads(result.stdout)["gate"])


def test_a_run_with_the_wrong_target_language_fails(demo_run, baseline, tiny_translator, tmp_path):
    sources = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
    wrong = tmp_path / "hyp.ar.txt"
    wrong.write_text("\n".join(best for best, *_ in tiny_translator.translate(sources, "vi", "en")) + "\n")
    result = gate(wrong, demo_run / "ref.ar.txt", "ar", baseline)
    assert result.returncode == 1, result.stderr
    assert "FAIL ar chrF++" in result.stderr and "p = " in result.stderr


def test_a_one_segment_change_that_is_not_significant_passes(demo_run, baseline, tmp_path):
    lines = (demo_run / "hyp.en.txt").read_text(encoding="utf-8").splitlines()
    lines[170] = " ".join(lines[170].split()[:-2])
    changed = tmp_path / "hyp.en.txt"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = gate(changed, demo_run / "ref.en.txt", "en", baseline, max_drop=0.0)
    assert result.returncode == 0, result.stderr
    assert any(item["delta"] != 0 for item in json.loads(result.stdout)["gate"])


def test_a_quarter_of_the_lines_shuffled_fails(demo_run, baseline, tmp_path):
    lines = (demo_run / "hyp.lo.txt").read_text(encoding="utf-8").splitlines()
    picked = list(range(0, len(lines), 4))
    moved = picked[1:] + picked[:1]
    shuffled = list(lines)
    for target, origin in zip(picked, moved, strict=True):
        shuffled[target] = lines[origin]
    path = tmp_path / "hyp.lo.txt"
    path.write_text("\n".join(shuffled) + "\n", encoding="utf-8")
    result = gate(path, demo_run / "ref.lo.txt", "lo", baseline)
    assert result.returncode == 1, result.stderr


@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda data: data["languages"]["en"]["metrics"]["BLEU"].update(signature="nrefs:1|tok:intl"),
            "signature",
        ),
        (lambda data: data["languages"]["en"].update(test_set="0" * 16), "another test set"),
    ],
)
def test_a_baseline_scored_differently_is_refused(demo_run, baseline, tmp_path, edit, message):
    data = json.loads(baseline.read_text())
    edit(data)
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data))
    result = gate(demo_run / "hyp.en.txt", demo_run / "ref.en.txt", "en", other)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_run_gates_against_a_baseline(demo_run, demo_cache, baseline, tmp_path):
    result = run_demo(tmp_path / "again", demo_cache, "--baseline", str(baseline), "--max-drop", "0.5")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("ok ") == 9  # 3 languages × 3 metrics


def test_compare_reports_deltas_and_changed_segments(demo_run, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(demo_run, other)
    lines = (other / "hyp.en.txt").read_text(encoding="utf-8").splitlines()
    random.Random(7).shuffle(lines)
    (other / "hyp.en.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("compare", str(demo_run), str(other), "--format", "json")
    assert result.returncode == 0, result.stderr
    by_lang = {item["lang"]: item for item in json.loads(result.stdout)}
    assert all(m["delta"] == 0 and m["p_bootstrap"] == 1.0 for m in by_lang["ar"]["metrics"])
    en = {m["metric"]: m for m in by_lang["en"]["metrics"]}
    assert (
        en["chrF++"]["delta"] < -10
        and en["chrF++"]["p_bootstrap"] < 0.05
        and en["chrF++"]["p_randomization"] < 0.05
    )
    assert len(by_lang["en"]["worse"]) == 5 and by_lang["en"]["worse"][0]["line"] >= 1
    html = run_cli("compare", str(demo_run), str(other), "--format", "html").stdout
    assert "<h2>en</h2>" in html and "default-src 'none'" in html


@pytest.mark.parametrize(
    "args, message",
    [
        (["--metrics", "bleu,meteor"], "unknown metric"),
        (["--to", "xx"], "unknown language code"),
    ],
)
def test_bad_score_arguments_are_one_line(demo_run, args, message):
    base = ["score", "--hyp", str(demo_run / "hyp.en.txt"), "--ref", str(demo_run / "ref.en.txt")]
    result = run_cli(*base, *(["--to", "en"] if "--to" not in args else []), *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_lines_that_do_not_align_are_refused(demo_run, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("one line\n", encoding="utf-8")
    result = run_cli("score", "--hyp", str(short), "--ref", str(demo_run / "ref.en.txt"), "--to", "en")
    assert result.returncode == 2 and "has 1 lines" in result.stderr
