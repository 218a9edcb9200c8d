"""Issue 13, hardening: a bad output location, an empty corpus or a full disk stops a command before
any work with one line and exit status 2; outputs are replaced whole or not at all; secrets are
never written; `run`, `validate`, `import` and scoring agree with one another. The runs go through
the LLM stub (tests/llm_stub.py), so no model is loaded."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import GLOSSARY
from test_corpus import make_corpus

from pipeline.cli import main
from pipeline.mt.cache import TranslationCache

SOURCE = ["Tỉnh Quảng Trị mở cửa khẩu Lao Bảo.", "Trời mưa."]


def cli(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """`mtpipe ARGS` in this process: its exit status and standard error."""
    monkeypatch.setattr(sys, "argv", ["mtpipe", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    return stopped.value.code, capsys.readouterr().err


def assert_one_line(code: int, stderr: str, *fragments: str) -> None:
    assert code == 2, stderr
    assert stderr.startswith("mtpipe: error: ") and stderr.count("\n") == 1, stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in stderr, stderr


def llm_job(tmp_path: Path, base_url: str, top: str = "") -> Path:
    """A job file (`top`: its top-level keys) that translates through the LLM at `base_url`, so no
    model is loaded."""
    config = tmp_path / "job.toml"
    config.write_text(
        f'{top}[model]\nbackend = "openai"\nname_or_path = "stub-llm"\nbase_url = "{base_url}"\n'
        "retry_base_delay = 0.01\nmax_attempts = 2\n",
        encoding="utf-8",
    )
    return config


def run_args(tmp_path: Path, config: Path, out: Path, *extra: str, source: list[str] = SOURCE) -> list[str]:
    corpus = make_corpus(tmp_path / "corpus", source, en=[f"{line} (en)" for line in source])
    return [
        "run", str(corpus), "--to", "en", "--config", str(config), "-o", str(out),
        "--cache-dir", str(tmp_path / "cache"), *extra,
    ]  # fmt: skip


# 3. Fail before work, never after.


@pytest.mark.parametrize("where", ["existing-file", "under-a-file"])
def test_an_output_that_is_or_lies_under_a_file_is_refused_before_any_request(
    where, llm, tmp_path, monkeypatch, capsys
):
    (tmp_path / "file").write_text("x")
    out = tmp_path / "file" if where == "existing-file" else tmp_path / "file" / "out"
    code, stderr = cli(monkeypatch, capsys, *run_args(tmp_path, llm_job(tmp_path, llm.base_url), out))
    assert_one_line(code, stderr, str(tmp_path / "file"), "choose another")
    assert llm.requests == []


def test_a_read_only_output_location_is_refused_before_any_request(llm, tmp_path, monkeypatch, capsys):
    def read_only(*args, dir=None, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)  # root may write anywhere: a read-only disk
    args = run_args(tmp_path, llm_job(tmp_path, llm.base_url), tmp_path / "ro" / "out")
    code, stderr = cli(monkeypatch, capsys, *args)
    assert_one_line(code, stderr, str(tmp_path / "ro"), "Read-only file system", "choose a writable location")
    assert llm.requests == []


def test_translate_refuses_an_output_that_is_a_file_before_reading_the_model(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text("Trời mưa.\n", encoding="utf-8")
    (tmp_path / "out").write_text("x")
    args = ["translate", str(tmp_path / "a.txt"), "--to", "en", "-o", str(tmp_path / "out"),
            "--model", str(tmp_path / "no-model")]  # fmt: skip
    code, stderr = cli(monkeypatch, capsys, *args)
    assert_one_line(code, stderr, str(tmp_path / "out"), "is a file, not a directory")


def test_an_empty_corpus_is_named(tmp_path, monkeypatch, capsys):
    corpus = make_corpus(tmp_path / "c", [], en=[])
    code, stderr = cli(monkeypatch, capsys, "run", str(corpus), "-o", str(tmp_path / "o"))
    assert_one_line(code, stderr, str(corpus / "source.vi.txt"), "holds no lines")


def test_a_job_files_out_may_not_leave_its_directory_unless_allowed(llm, tmp_path, monkeypatch, capsys):
    jobs = tmp_path / "project" / "jobs"
    jobs.mkdir(parents=True)
    config = llm_job(jobs, llm.base_url, 'out = "../../escaped_out"\n')
    monkeypatch.chdir(jobs)
    args = run_args(tmp_path, config, tmp_path / "unused")
    args = [arg for arg in args if arg not in ("-o", str(tmp_path / "unused"))]
    code, stderr = cli(monkeypatch, capsys, *args)
    assert_one_line(code, stderr, str(config), "escaped_out", "--allow-outside")
    assert not (tmp_path / "escaped_out").exists() and llm.requests == []
    code, stderr = cli(monkeypatch, capsys, *args, "--allow-outside")
    assert code == 0, stderr
    assert (tmp_path / "escaped_out" / "hyp.en.txt").is_file()


def test_a_line_over_spacys_limit_is_split_into_sentences():
    from pipeline.normalize.sentences import SentenceSplitter

    sentence = "Quảngtrị" * 1000 + ". "
    line = sentence * (1_000_001 // len(sentence) + 1)
    [sentences] = SentenceSplitter()([line])
    assert len(line) > 1_000_000 and len(sentences) == line.count(". ")


# 4. Atomic outputs: a full disk leaves the previous outputs whole and a resumable cache.


def test_a_full_disk_leaves_the_previous_outputs_and_a_resumable_cache(llm, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    args = run_args(tmp_path, llm_job(tmp_path, llm.base_url), out)
    assert cli(monkeypatch, capsys, *args)[0] == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    asked = len(llm.requests)
    (tmp_path / "corpus" / "source.vi.txt").write_text("Trời nắng.\nTrời mưa.\n", encoding="utf-8")
    write_bytes = Path.write_bytes

    def full_at_run_json(path: Path, data: bytes) -> int:
        if "run.json" in path.name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", full_at_run_json)
    code, stderr = cli(monkeypatch, capsys, *args)
    assert_one_line(code, stderr, "run.json", "No space left on device", "free disk space")
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".out")) == []
    assert len(llm.requests) == asked + 1  # the new sentence, and it stays in the cache
    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert cli(monkeypatch, capsys, *args)[0] == 0
    assert len(llm.requests) == asked + 1
    assert (out / "hyp.en.txt").read_text(encoding="utf-8").startswith("[stub] Trời nắng.\n")


def test_a_full_cache_disk_is_one_line_naming_the_cache(llm, tmp_path, monkeypatch, capsys):
    opened = TranslationCache.__init__

    def full(self, path, *args, **kwargs):
        opened(self, path, *args, **kwargs)
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        self._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"

    monkeypatch.setattr(TranslationCache, "__init__", full)
    long_line = "Trời mưa ở Quảng Trị " * 1000  # one sentence whose translation needs new pages
    args = run_args(tmp_path, llm_job(tmp_path, llm.base_url), tmp_path / "out", source=[long_line])
    code, stderr = cli(monkeypatch, capsys, *args)
    assert_one_line(code, stderr, str(tmp_path / "cache"), "database or disk is full", "--cache-dir")
    assert not (tmp_path / "out").exists()


# 5. Secrets.


def test_credentials_are_in_no_output_message_or_report(llm, tmp_path, monkeypatch, capsys):
    key, password, query = "sk-KEY-4815162342", "PASS-271828", "QUERY-314159"
    monkeypatch.setenv("MTPIPE_API_KEY", key)
    secret_url = llm.base_url.replace("://", f"://user:{password}@") + f"?token={query}"
    out = tmp_path / "out"
    code, ok_err = cli(monkeypatch, capsys, *run_args(tmp_path, llm_job(tmp_path, secret_url), out))
    assert code == 0, ok_err
    assert {"report.html", "scores.json", "run.json", "segments.jsonl"} <= {p.name for p in out.iterdir()}
    closed = secret_url.replace(str(llm._server.server_port), "9")  # nothing listens on port 9
    failed = tmp_path / "failed"
    failed.mkdir()
    code, failed_err = cli(monkeypatch, capsys, *run_args(failed, llm_job(failed, closed), failed / "out"))
    assert code == 2 and "127.0.0.1:9" in failed_err
    written = [p.read_bytes().decode("utf-8", "replace") for p in tmp_path.rglob("*") if p.is_file()]
    written = [text for text in written if "[model]" not in text]  # the job files hold what they hold
    for secret in (key, password, query):
        assert secret not in ok_err + failed_err
        assert not [text for text in written if secret in text]


# 6. Consistency between commands.


def test_run_refuses_duplicate_concept_ids_as_validate_does(tmp_path, monkeypatch, capsys):
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    glossary = tmp_path / "g.tsv"
    glossary.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    concept_id = lines[1].split("\t")[0]
    monkeypatch.setattr(sys, "argv", ["mtpipe", "glossary", "validate", str(glossary)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 1
    assert f"duplicate concept id {concept_id!r}" in capsys.readouterr().out
    config = tmp_path / "job.toml"
    config.write_text(f'[glossary]\npath = "{glossary}"\n', encoding="utf-8")
    corpus = make_corpus(tmp_path / "c", SOURCE, en=SOURCE)
    args = ["run", str(corpus), "-o", str(tmp_path / "o"), "--config", str(config)]
    code, stderr = cli(monkeypatch, capsys, *args)
    assert_one_line(code, stderr, f"{glossary}:{len(lines) + 1}: duplicate concept id {concept_id!r}")


def test_a_pipeline_without_translate_cannot_score(tmp_path, monkeypatch, capsys):
    config = tmp_path / "job.toml"
    config.write_text('pipeline = ["score", "report"]\n', encoding="utf-8")
    corpus = make_corpus(tmp_path / "c", SOURCE, en=SOURCE)
    code, stderr = cli(
        monkeypatch, capsys, "run", str(corpus), "-o", str(tmp_path / "o"), "--config", str(config)
    )
    assert_one_line(code, stderr, "'score' needs 'translations'", "'translate'")
    assert not (tmp_path / "o").exists()


def test_an_unknown_split_of_a_corpus_without_splits_says_so(tmp_path, monkeypatch, capsys):
    corpus = make_corpus(tmp_path / "c", SOURCE, en=SOURCE)
    code, stderr = cli(monkeypatch, capsys, "run", str(corpus), "--split", "test", "-o", str(tmp_path / "o"))
    assert_one_line(code, stderr, f"{corpus}: unknown split 'test'", "names no splits", "--split all")


def test_an_imported_csv_validates(tmp_path, monkeypatch, capsys):
    (tmp_path / "terms.csv").write_text("id,vi,en,ar,lo\nlao-bao,Lao Bảo,Lao Bao,لاو باو,ລາວບາວ\n")
    (tmp_path / "codes.csv").write_text("vi,en\nĐông Hà,Dong Ha\n")
    for name in ("terms", "codes"):
        imported = tmp_path / f"{name}.tsv"
        args = ["glossary", "import", str(tmp_path / f"{name}.csv"), "-o", str(imported)]
        assert cli(monkeypatch, capsys, *args)[0] == 0
        code, stderr = cli(monkeypatch, capsys, "glossary", "validate", str(imported))
        assert code == 0, capsys.readouterr().out + stderr


def test_invisible_format_characters_do_not_change_a_score():
    from pipeline.evaluation.metrics import corpus_scores

    plain = ["مرحبا بكم في كوانغ تري", "معبر لاو باو الحدودي"]
    marked = ["\u200fمرحبا بكم في كوانغ\u200c تري\u200e", "معبر لاو\u200d باو\u2067 الحدودي\u2069\ufeff"]
    for hypotheses, references in ((plain, marked), (marked, plain)):
        scores = corpus_scores("ar", hypotheses, references, ["BLEU", "chrF++"], n_bootstrap=1)
        assert round(scores["BLEU"].score, 2) == round(scores["chrF++"].score, 2) == 100
        assert scores["BLEU"].signature.endswith("|invisible:removed")
