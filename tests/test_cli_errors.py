"""Bad input gets one clear message and a non-zero exit, never a traceback."""

import time
from pathlib import Path

from conftest import run_cli
from test_corpus import make_corpus


def assert_clean_error(result, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def test_default_model_offline_fails_fast_and_says_how_to_get_one(tmp_path: Path):
    root = make_corpus(tmp_path / "c", ["Quảng Trị"], en=["Quang Tri"])
    started = time.monotonic()
    result = run_cli(
        "run",
        str(root),
        "--to",
        "en",
        "-o",
        str(tmp_path / "out"),
        "--cache-dir",
        str(tmp_path / "cache"),
        env={"HF_HUB_OFFLINE": "1"},
    )
    assert time.monotonic() - started < 5
    assert_clean_error(result, "--model PATH", "mtpipe models fetch")


def test_missing_corpus_file(tmp_path: Path):
    (tmp_path / "c").mkdir()
    result = run_cli("run", str(tmp_path / "c"), "-o", str(tmp_path / "o"))
    assert_clean_error(result, "source.vi.txt: file not found")


def test_line_count_mismatch(tmp_path: Path):
    root = make_corpus(tmp_path / "c", ["a", "b"], lo=["x"])
    result = run_cli("run", str(root), "-o", str(tmp_path / "o"))
    assert_clean_error(result, "ref.lo.txt", "has 1 lines", "source.vi.txt has 2")


def test_unknown_language_code(tmp_path: Path):
    root = make_corpus(tmp_path / "c", ["a"])
    result = run_cli("run", str(root), "--to", "ar,xx", "-o", str(tmp_path / "o"))
    assert_clean_error(result, "unknown language code 'xx'")


def test_unknown_config_key(tmp_path: Path):
    root = make_corpus(tmp_path / "c", ["a"])
    config = tmp_path / "job.toml"
    config.write_text("[model]\nbeam_width = 2\n")
    result = run_cli("run", str(root), "-o", str(tmp_path / "o"), "--config", str(config))
    assert_clean_error(result, "model.beam_width: unknown key")
