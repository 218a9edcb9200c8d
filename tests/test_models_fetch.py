"""`mtpipe models`: a registered model fetched offline from a Hugging Face cache (the tiny
model's Hugging Face files laid out as a cache entry), converted, verified and given its
provenance; every failure one line, and fast when the hub cannot be reached."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import time

import pytest
from conftest import run_cli

REVISION = "0123456789abcdef0123456789abcdef01234567"
TRACEBACK = "Traceback"


def registry_file(tmp_path) -> str:
    path = tmp_path / "registry.toml"
    path.write_text(
        'default_model = "tiny-hub"\n[pairs]\nvi-en = "tiny-hub"\n\n'
        "[models.tiny-hub]\n"
        'repo = "mtpipe/tiny"\n'
        f'revision = "{REVISION}"\n'
        'licence = "Apache-2.0"\n'
        'files = ["*.json", "*.safetensors", "sentencepiece.bpe.model"]\n'
    )
    return str(path)


def fetch_tiny(tmp_path, cache, env: dict):
    """`mtpipe models fetch tiny-hub` with the test registry, into `cache`, under `env`."""
    registry = registry_file(tmp_path)
    return run_cli("models", "fetch", "tiny-hub", "--registry", registry, "--cache-dir", str(cache), env=env)


@pytest.fixture
def hf_cache(tiny_model, tmp_path):
    """A Hugging Face hub cache holding the tiny model as `mtpipe/tiny` at REVISION."""
    hub = tmp_path / "hub"
    snapshot = hub / "models--mtpipe--tiny" / "snapshots" / REVISION
    shutil.copytree(tiny_model / "hf", snapshot)
    (hub / "models--mtpipe--tiny" / "refs").mkdir()
    (hub / "models--mtpipe--tiny" / "refs" / "main").write_text(REVISION)
    return hub


def test_fetch_offline_from_the_hugging_face_cache(hf_cache, tiny_model, tmp_path):
    cache = tmp_path / "cache"
    env = {"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(hf_cache)}
    result = fetch_tiny(tmp_path, cache, env)
    assert result.returncode == 0, result.stderr
    model = cache / "models" / "tiny-hub"
    assert (model / "model.bin").is_file() and not list((cache / "models").glob("*.partial"))
    provenance = json.loads((model / "provenance.json").read_text())
    assert (provenance["repo"], provenance["revision"], provenance["quantization"]) == (
        "mtpipe/tiny",
        REVISION,
        "int8",
    )
    weights = hashlib.sha256((tiny_model / "hf" / "model.safetensors").read_bytes()).hexdigest()
    assert provenance["files"]["model.safetensors"] == weights
    info = json.loads(run_cli("models", "info", str(model)).stdout)
    assert info["languages"] == {"vi": True, "ar": True, "en": True, "lo": True}
    assert info["provenance"]["revision"] == REVISION
    listed = run_cli(
        "models", "list", "--registry", registry_file(tmp_path), "--cache-dir", str(cache)
    ).stdout
    assert "tiny-hub\tmtpipe/tiny@0123456789ab\tApache-2.0\tfetched" in listed
    assert "pair vi-en\ttiny-hub" in listed and "pair *\ttiny-hub" in listed


def test_a_job_translates_with_the_fetched_model_its_registry_names(hf_cache, tmp_path):
    """No --model: the user's registry names the pair's model, found in the cache where fetched."""
    cache = tmp_path / "cache"
    env = {"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(hf_cache)}
    assert fetch_tiny(tmp_path, cache, env).returncode == 0
    document = tmp_path / "news.txt"
    document.write_text("Tỉnh Quảng Trị.\n")
    result = run_cli(
        "translate", str(document), "--to", "en", "--registry", registry_file(tmp_path),
        "--cache-dir", str(cache), "-o", str(tmp_path / "out"), env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "run.json").read_text())
    assert summary["models"] == {"en": "tiny-hub"} and summary["model_loads"] == 1
    assert (tmp_path / "out" / "en" / "news.txt").read_text().strip()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_fetch_without_network_or_cache_fails_fast_in_one_line(tmp_path):
    env = {"HF_ENDPOINT": f"http://127.0.0.1:{closed_port()}", "HF_HUB_CACHE": str(tmp_path / "empty")}
    started = time.monotonic()
    result = fetch_tiny(tmp_path, tmp_path, env)
    assert time.monotonic() - started < 5
    assert result.returncode == 2 and TRACEBACK not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "not in the Hugging Face cache" in result.stderr
    assert not (tmp_path / "models").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["fetch", "no-such-model"], "unknown model 'no-such-model'"),
        (["info", "."], "no model.bin"),
        (["convert", ".", "-o", "out"], "no config.json"),
    ],
)
def test_model_errors_are_one_line(args, message, tmp_path):
    env = {"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path)}
    result = run_cli("models", *args, env=env, cwd=tmp_path)
    assert result.returncode == 2 and TRACEBACK not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_offline_without_the_model_in_the_cache_says_so(tmp_path):
    env = {"HF_HUB_OFFLINE": "1", "HF_HUB_CACHE": str(tmp_path / "empty")}
    result = fetch_tiny(tmp_path, tmp_path, env)
    assert result.returncode == 2 and "HF_HUB_OFFLINE is set" in result.stderr


def test_convert_a_hugging_face_directory(tiny_model, tmp_path):
    result = run_cli(
        "models", "convert", str(tiny_model / "hf"), "-o", str(tmp_path / "ct2"), "--quantization", "float32"
    )
    assert result.returncode == 0, result.stderr
    provenance = json.loads((tmp_path / "ct2" / "provenance.json").read_text())
    assert (
        provenance["source"] == str((tiny_model / "hf").resolve()) and provenance["quantization"] == "float32"
    )


def test_a_registry_with_an_unpinned_revision_is_refused(tmp_path):
    registry = tmp_path / "registry.toml"
    registry.write_text('[models.x]\nrepo = "a/b"\nrevision = "main"\nlicence = "MIT"\nfiles = ["*"]\n')
    result = run_cli("models", "list", "--registry", str(registry))
    assert result.returncode == 2 and "40-hex commit hash" in result.stderr
