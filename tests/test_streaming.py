"""Streaming: line-aligned files read window by window exactly as read whole, a job translated in
chunks keeping every line in place, and the Ray executor giving the local executor's outputs."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, run_cli
from test_formats import xliff

from pipeline.document import RunStats
from pipeline.errors import InputError
from pipeline.executor import add_stats
from pipeline.formats import ReadOptions, format_for
from pipeline.formats import windows as windows_module
from pipeline.formats.tree import read_input
from pipeline.formats.windows import merged_notes

SOURCE = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
OPTIONS = ReadOptions("vi")


@pytest.fixture
def small_windows(monkeypatch):
    monkeypatch.setattr(windows_module, "WINDOW_LINES", 3)


def windowed_texts(path: Path) -> tuple[list[tuple[str, int]], list[str]]:
    item = read_input(path, Path(path.name), OPTIONS)
    return [(t.text, t.line) for part in item.parts() for t in part.texts], item.notes


def whole_texts(path: Path) -> tuple[list[tuple[str, int]], list[str]]:
    content = format_for(path).read(path.read_bytes(), path, OPTIONS)
    return [(t.text, t.line) for t in content.texts], content.notes


def test_text_read_in_windows_as_whole(tmp_path, small_windows):
    path = tmp_path / "a.txt"
    lines = [SOURCE[0], "", SOURCE[1], SOURCE[2], "  ", SOURCE[3], SOURCE[4], "x\x00y"]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    texts, notes = windowed_texts(path)
    assert (texts, notes) == whole_texts(path)
    assert [line for _, line in texts] == list(range(1, len(lines) + 1))
    assert "converted 7 CRLF line end(s) to LF" in notes and "removed a byte-order mark" in notes


def test_jsonl_error_named_at_its_line_in_a_later_window(tmp_path, small_windows):
    path = tmp_path / "a.jsonl"
    records = [json.dumps({"id": i, "text": SOURCE[i]}, ensure_ascii=False) for i in range(6)]
    records[4] = '{"id": 4, "text": 5}'
    path.write_text("\n".join(records) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_input(path, Path("a.jsonl"), OPTIONS)
    assert caught.value.line == 5


def test_invalid_utf8_named_at_its_line_in_a_later_window(tmp_path, small_windows):
    path = tmp_path / "a.txt"
    path.write_bytes("\n".join(SOURCE[:4]).encode("utf-8") + b"\nbad \xff byte\n")
    with pytest.raises(InputError) as caught:
        read_input(path, Path("a.txt"), OPTIONS)
    assert caught.value.line == 5


def test_utf16_file_is_one_window(tmp_path, small_windows):
    path = tmp_path / "a.txt"
    path.write_bytes("\n".join(SOURCE[:7]).encode("utf-16"))
    texts, _ = windowed_texts(path)
    assert [text for text, _ in texts] == SOURCE[:7]
    assert len(list(read_input(path, Path("a.txt"), OPTIONS).parts())) == 1


def test_notes_of_windows_add_up():
    notes = [
        "removed a byte-order mark",
        "converted 2 CRLF line end(s) to LF",
        "converted 3 CRLF line end(s) to LF",
    ]
    assert merged_notes(notes) == ["removed a byte-order mark", "converted 5 CRLF line end(s) to LF"]


def test_chunk_stats_add_up():
    total = RunStats(model_loads=1, notices=["protection off"])
    add_stats(total, RunStats(model_id="m", model_calls=3, cache_hits=1, notices=["protection off", "x"]))
    add_stats(total, RunStats(model_id="m", model_calls=2, placeholder_form="⟦0⟧"))
    assert (total.model_loads, total.model_calls, total.cache_hits) == (1, 5, 1)
    assert (total.model_id, total.placeholder_form, total.notices) == ("m", "⟦0⟧", ["protection off", "x"])


LINES = 60
"""A file of four windows of CHUNK lines, which hold fewer segments (every tenth line is blank):
two chunks of CHUNK segments or more, and a third with the XLIFF file."""
CHUNK = 16


def chunked_job(root: Path) -> Path:
    job = root / "job.toml"
    job.write_text(f"chunk_segments = {CHUNK}\n[report]\nmax_segments = 10\n", encoding="utf-8")
    return job


RAY_ENV = {"RAY_AUTH_MODE": "token"}
"""Ray's token authentication (on by default): `ray start` writes the token, drivers must ask for it."""


def translate_folder(root: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_cli(
        "translate", str(root / "news"), "--to", "ar,en", "-o", str(root / "out"), "--model", "tiny",
        "--cache-dir", str(cache), "--config", str(chunked_job(root)), *extra, env=RAY_ENV,
    )  # fmt: skip


def write_news(root: Path) -> None:
    (root / "news").mkdir(parents=True)
    lines = [SOURCE[i % len(SOURCE)] if i % 10 else "" for i in range(LINES)]
    (root / "news" / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "news" / "b.xlf").write_text(
        xliff("".join(f'<trans-unit id="{i}"><source>{SOURCE[i]}</source></trans-unit>' for i in range(5))),
        encoding="utf-8",
    )


def outputs(out: Path) -> dict[str, bytes]:
    """The translated files of an output directory (not run.json and the report)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.glob("*/**/*")) if p.is_file()}


@pytest.fixture(scope="module")
def local_run(demo_cache, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("local")
    write_news(root)
    result = translate_folder(root, demo_cache)
    assert result.returncode == 0, result.stderr
    return root / "out"


def test_chunks_keep_every_line_in_place(local_run):
    run = json.loads((local_run / "run.json").read_text(encoding="utf-8"))
    segments = LINES - len(range(0, LINES, 10))
    assert run["segments"] == segments + 5 and run["model_loads"] == 1 and run["chunks"] == 3
    report = (local_run / "report.html").read_text(encoding="utf-8")
    assert f"{segments + 5} segments (the first 10 shown below)" in report
    for lang in ("ar", "en"):
        lines = (local_run / lang / "news" / "a.txt").read_text(encoding="utf-8").split("\n")
        assert len(lines) == LINES + 1 and lines[-1] == ""
        assert all((line == "") == (i % 10 == 0) for i, line in enumerate(lines[:-1]))


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory):
    """A local Ray cluster of 2 CPUs, started for the test and stopped after it: its address."""
    ray = shutil.which("ray", path=str(Path(sys.executable).parent))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = [ray, "start", "--head", "--num-cpus=2", f"--port={port}", "--include-dashboard=false"]
    subprocess.run(start, check=True, capture_output=True, timeout=120, env={**os.environ, **RAY_ENV})
    yield f"127.0.0.1:{port}"
    subprocess.run([ray, "stop", "--force"], capture_output=True, timeout=120)


def test_ray_executor_gives_the_local_outputs(local_run, ray_cluster, demo_cache, tmp_path_factory):
    root = tmp_path_factory.mktemp("ray")
    write_news(root)
    result = translate_folder(root, demo_cache, "--executor", "ray", "--ray-address", ray_cluster)
    assert result.returncode == 0, result.stderr
    assert outputs(root / "out") == outputs(local_run)
    run = json.loads((root / "out" / "run.json").read_text(encoding="utf-8"))
    local = json.loads((local_run / "run.json").read_text(encoding="utf-8"))
    assert run["executor"] == "ray" and run["chunks"] == local["chunks"] == 3
    assert 1 <= run["model_loads"] <= 2  # once per actor (one per CPU), not per chunk
    assert run["segments"] == local["segments"]
    assert run["model_calls"] + run["cache_hits"] == local["model_calls"] + local["cache_hits"]


def test_ray_address_needs_the_ray_executor(tmp_path, demo_cache):
    write_news(tmp_path)
    result = translate_folder(tmp_path, demo_cache, "--ray-address", "auto")
    assert result.returncode == 2 and "--ray-address is for --executor ray" in result.stderr
