"""The translation cache shared by several runs: written through a write-ahead log, so that two runs
translating into one cache at once both finish, and a reader never blocks a writer; `mtpipe cache
stats` and `mtpipe cache clear`."""

import sqlite3
import time

from conftest import finished, run_cli, start_cli
from llm_stub import Reply, marked
from test_corpus import make_corpus

from pipeline.mt.cache import CACHE_FILE, TranslationCache


def test_two_runs_translating_into_one_cache_at_once_both_finish_with_every_line(llm, tmp_path):
    source = [f"Dòng {n} của bản tin tỉnh Quảng Trị." for n in range(1, 121)]
    corpus = make_corpus(tmp_path / "corpus", source)
    config = tmp_path / "job.toml"
    config.write_text(
        f'pipeline = ["translate"]\n[model]\nbackend = "openai"\nname_or_path = "stub-llm"\n'
        f'base_url = "{llm.base_url}"\nconcurrency = 4\n'
    )

    def once_both_ask(request):
        """Answers wait until requests of both runs are in flight (at most 30 s): the runs overlap."""
        deadline = time.monotonic() + 30
        while llm.max_in_flight <= 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        return Reply(marked(request).body, delay=0.01)

    llm.reply = once_both_ask
    runs = [
        start_cli(
            "run",
            str(corpus),
            "--to",
            "en,ar",
            "--config",
            str(config),
            "-o",
            str(tmp_path / name),
            "--cache-dir",
            str(tmp_path / "cache"),
        )  # fmt: skip
        for name in ("first", "second")
    ]
    results = [finished(run, timeout=300) for run in runs]
    assert [result.returncode for result in results] == [0, 0], [result.stderr for result in results]
    assert llm.max_in_flight > 4  # more requests at once than one run makes
    expected = "".join(f"[stub] {line}\n" for line in source)
    for name in ("first", "second"):
        for lang in ("en", "ar"):
            assert (tmp_path / name / f"hyp.{lang}.txt").read_text() == expected
    groups = TranslationCache(tmp_path / "cache" / CACHE_FILE).groups()
    assert [(g.target_lang, g.entries) for g in groups] == [("ar", 120), ("en", 120)]


def test_a_reader_holding_the_cache_open_does_not_block_a_run_writing_to_it(tmp_path):
    path = tmp_path / CACHE_FILE
    TranslationCache(path).store("model;beam=4", "vi", "en", {"Trời mưa.": "It rains."})
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM translations").fetchone() == (1,)
    writer = TranslationCache(path, busy_timeout=0.5)
    writer.store("model;beam=4", "vi", "en", {"Trời nắng.": "It is sunny."})
    assert reader.execute("SELECT COUNT(*) FROM translations").fetchone() == (1,)  # its snapshot
    reader.rollback()
    assert writer.lookup("model;beam=4", "vi", "en", ["Trời mưa.", "Trời nắng."]) == {
        "Trời mưa.": "It rains.",
        "Trời nắng.": "It is sunny.",
    }


def filled_cache(cache_dir):
    cache = TranslationCache(cache_dir / CACHE_FILE)
    cache.store("model-a;beam=4", "vi", "en", {f"câu {n}": f"sentence {n}" for n in range(3)})
    cache.store("model-a;beam=4;placeholder-nbest=16", "vi", "en", {"⟦0⟧ mở cửa": "⟦0⟧ opens"})
    cache.store("model-a;beam=40", "vi", "ar", {"câu": "جملة"})
    cache.store("model-b;llm", "vi", "lo", {"câu 1": "ປະໂຫຍກ 1", "câu 2": "ປະໂຫຍກ 2"})
    return cache


def test_clearing_a_signature_removes_it_and_the_signatures_that_extend_it(tmp_path):
    cache = filled_cache(tmp_path)
    assert cache.clear("model-a;beam=4") == 4
    assert [(g.signature, g.entries) for g in cache.groups()] == [("model-a;beam=40", 1), ("model-b;llm", 2)]
    assert cache.clear("model-b;ll") == 0
    assert cache.clear() == 3 and cache.groups() == []


def test_cache_stats_and_clear_on_the_command_line(tmp_path):
    cache = filled_cache(tmp_path / "cache")
    stats = run_cli("cache", "stats", "--cache-dir", str(tmp_path / "cache"))
    assert stats.returncode == 0, stats.stderr
    lines = stats.stdout.splitlines()
    assert lines[0] == f"{cache.path}: 7 entries, {cache.size()} bytes"
    assert lines[1:] == [
        "       3  vi→en  model-a;beam=4",
        "       1  vi→ar  model-a;beam=40",
        "       1  vi→en  model-a;beam=4;placeholder-nbest=16",
        "       2  vi→lo  model-b;llm",
    ]
    cleared = run_cli("cache", "clear", "--cache-dir", str(cache.path.parent), "--model-signature", "model-a")
    assert cleared.stdout == f"removed 5 entries from {cache.path}\n"
    assert [g.signature for g in cache.groups()] == ["model-b;llm"]


def test_cache_commands_never_create_a_cache_and_refuse_a_broken_one(tmp_path):
    missing = run_cli("cache", "stats", "--cache-dir", str(tmp_path / "none"))
    assert missing.returncode == 2
    assert missing.stderr == f"mtpipe: error: {tmp_path / 'none' / CACHE_FILE}: no translation cache here\n"
    assert not (tmp_path / "none").exists()
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / CACHE_FILE).write_text("not a database\n" * 100)
    broken = run_cli("cache", "stats", "--cache-dir", str(tmp_path / "bad"))
    assert broken.returncode == 2
    assert broken.stderr == (
        f"mtpipe: error: {tmp_path / 'bad' / CACHE_FILE}: cannot use this file as the translation cache"
        " (file is not a database)\n"
    )
