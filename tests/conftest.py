"""Shared paths, helpers and fixtures: the project corpus, and the tiny model trained on it (built
once, cached). Commands run from a directory outside the project, so no test passes because of
the current directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "corpora" / "quangtri"
GLOSSARY = ROOT / "glossary" / "quangtri.tsv"
CACHE_DIR = ROOT / ".cache"
ELSEWHERE = Path(tempfile.mkdtemp(prefix="mtpipe-cwd-"))
"""The working directory of commands the tests run: not the project."""


@pytest.fixture(scope="session")
def corpus():
    from pipeline.formats.corpus import load_corpus

    return load_corpus(CORPUS_DIR)


@pytest.fixture(scope="session")
def tiny_model(corpus) -> Path:
    from pipeline.mt.tiny import build_tiny_model
    from pipeline.terminology.glossary import load_glossary

    return build_tiny_model(corpus, sorted(corpus.references), load_glossary(GLOSSARY), CACHE_DIR)


@pytest.fixture(scope="session")
def tiny_translator(tiny_model):
    from pipeline.mt.ctranslate2 import CTranslate2Translator

    return CTranslate2Translator(tiny_model)


@pytest.fixture
def llm():
    """A chat-completions stub on 127.0.0.1 (tests/llm_stub.py), closed after the test."""
    from llm_stub import StubLLM

    stub = StubLLM()
    yield stub
    stub.close()


def start_cli(
    *args: str, cwd: Path = ELSEWHERE, env: dict | None = None, stdin: int | None = None
) -> subprocess.Popen:
    """Start the installed `mtpipe` console script as a user would, its output captured."""
    mtpipe = Path(sys.executable).with_name("mtpipe")
    return subprocess.Popen(
        [str(mtpipe), *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(
    process: subprocess.Popen, timeout: float = 600, input: str | None = None
) -> subprocess.CompletedProcess:
    """The outcome of a started command (given `input` on its standard input); killed when it runs
    past `timeout` seconds."""
    try:
        stdout, stderr = process.communicate(input, timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def run_cli(
    *args: str, cwd: Path = ELSEWHERE, env: dict | None = None, timeout: float = 600, input: str | None = None
):
    """Run the installed `mtpipe` console script as a user would (`input` on its standard input)."""
    stdin = None if input is None else subprocess.PIPE
    return finished(start_cli(*args, cwd=cwd, env=env, stdin=stdin), timeout, input)


def cache_holding(model_dir: Path, cache: Path) -> Path:
    """A cache directory that holds an already-built model and no translations."""
    (cache / "models").mkdir(parents=True, exist_ok=True)
    (cache / "models" / model_dir.name).symlink_to(model_dir)
    return cache


TARGETS = ["ar", "en", "lo"]


def run_demo(out: Path, cache: Path, *extra: str):
    """`mtpipe run` of the whole corpus into every target with the tiny model."""
    return run_cli(
        "run", str(CORPUS_DIR), "--to", ",".join(TARGETS), "-o", str(out), "--model", "tiny",
        "--cache-dir", str(cache), *extra,
    )  # fmt: skip


@pytest.fixture(scope="session")
def demo_cache(tiny_model, tmp_path_factory) -> Path:
    return cache_holding(tiny_model, tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def demo_run(demo_cache, tmp_path_factory) -> Path:
    """The output directory of one tiny-model run of the whole corpus (read it, never write it)."""
    out = tmp_path_factory.mktemp("demo")
    result = run_demo(out, demo_cache)
    assert result.returncode == 0, result.stderr
    return out


def run_strategy(strategy: str, split: str, cache: Path, tmp_path_factory, model: str = "tiny") -> Path:
    """`mtpipe run` of the corpus with the tiny model (or `model`) and a job config that sets only
    the glossary strategy; the output directory."""
    config = tmp_path_factory.mktemp("config") / "job.toml"
    config.write_text(f'[glossary]\nstrategy = "{strategy}"\n')
    out = tmp_path_factory.mktemp(strategy)
    result = run_cli(
        "run", str(CORPUS_DIR), "-o", str(out), "--model", model, "--split", split,
        "--cache-dir", str(cache), "--config", str(config),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Chromium (Debian's chromium + chromium-driver, installed by `make setup`), its console
    kept for `get_log("browser")`."""
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not Path(chromedriver).exists():
        pytest.fail("chromedriver is missing: `make setup` installs Debian's chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path_factory.mktemp('profile')}",
    ):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    yield driver
    driver.quit()
