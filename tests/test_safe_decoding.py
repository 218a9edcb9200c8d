"""Safe decoding with the tiny model (256 positions): a sentence far over the token budget is cut
at clauses and translated whole; looping or cut-off output is decoded again with a repetition
guard and flagged when that does not cure it; counts land in run.json and flags per segment,
and a rerun from the cache carries the same."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS_DIR, run_cli

from pipeline.document import Flag
from pipeline.mt.ctranslate2 import model_positions
from pipeline.mt.safety import decode_flags, repeated_ngram
from pipeline.mt.splitting import clauses, split_to_budget, split_tokens

LOOPING_INPUT = "Lào " * 60
"""Forces looping output: the tiny model answers it with 'Laos' over and over, and the guard
(no_repeat_ngram_size 4) still lets one word stand four times in a row."""


def test_clauses_end_after_their_punctuation():
    assert clauses("Một, hai; ba: bốn. Năm") == ["Một,", "hai;", "ba:", "bốn.", "Năm"]
    assert clauses("96.500 tấn, 1,2 triệu") == ["96.500 tấn,", "1,2 triệu"]


def test_a_long_clause_is_cut_before_a_word_start():
    tokens = ["▁a", "b", "c", "▁d", "e", "▁f", "g", "h", "i"]
    # ▁d lies past the first half of the first 4 tokens; no word starts at 3 or 4 of the rest.
    assert split_tokens(tokens, 4) == [["▁a", "b", "c"], ["▁d", "e", "▁f", "g"], ["h", "i"]]
    assert split_tokens(["x"] * 9, 4) == [["x"] * 4, ["x"] * 4, ["x"]]


def test_split_to_budget_packs_clauses_and_loses_no_token():
    def encode(text):
        return [f"▁{word}" for word in text.split()]

    text = "một hai, ba bốn năm, sáu, bảy tám chín mười mười một"
    pieces = split_to_budget(text, encode, 5)
    assert pieces == [
        ["▁một", "▁hai,", "▁ba", "▁bốn", "▁năm,"],
        ["▁sáu,"],
        ["▁bảy", "▁tám", "▁chín", "▁mười", "▁mười"],
        ["▁một"],
    ]
    assert split_to_budget("một hai", encode, 5) == [["▁một", "▁hai"]]


def test_looping_is_an_ngram_four_times_in_a_row():
    assert repeated_ngram(["▁x", "▁a", "▁b", "▁a", "▁b", "▁a", "▁b", "▁a", "▁b"]) == "a b"
    assert repeated_ngram(["▁a", "▁b"] * 3) is None
    assert repeated_ngram(["▁the", "▁year", "▁the", "▁plan", "▁the", "▁end", "▁the"]) is None


def test_the_token_budget_is_read_from_the_model(tiny_model, tiny_translator):
    assert model_positions(tiny_model) == 256
    assert tiny_translator.max_input_length == 256
    assert tiny_translator.max_decoding_length <= 256
    assert "maxin=256" in tiny_translator.options_key()


def two_thousand_words() -> str:
    """Train sentences of the corpus joined as clauses of one sentence of 2,000 words or more."""
    lines = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()[:160]
    clauses_, words = [], 0
    for line in lines:
        clauses_.append(line.rstrip(".").strip())
        words += len(line.split())
        if words >= 2000:
            break
    return ", ".join(clauses_) + "."


def test_a_sentence_of_two_thousand_words_translates_in_full(tiny_translator):
    text = two_thousand_words()
    assert len(text.split()) >= 2000
    [[(output, note)]] = tiny_translator.translate_noted([text], "vi", "en")
    pieces = split_to_budget(text, tiny_translator._encode, tiny_translator.input_budget)
    assert note.pieces == len(pieces) > 10
    assert not [p for p in note.failed if p[0] == "truncated"]
    # Every piece's translation is in the output, in order: nothing was cut off or dropped.
    alone = tiny_translator.translate([tiny_translator._spm.decode(piece) for piece in pieces], "vi", "en")
    assert all(hypotheses[0].strip() for hypotheses in alone)
    assert output == " ".join(hypotheses[0] for hypotheses in alone)


def test_forced_looping_is_guarded_then_flagged(tiny_translator):
    [[(output, note)]] = tiny_translator.translate_noted([LOOPING_INPUT], "vi", "en")
    assert note.retried == 1
    assert "looping" in {check for check, _ in note.guarded}
    assert "looping" in {check for check, _ in note.failed}
    assert repeated_ngram(output.split()) is not None
    [flag] = [f for f in decode_flags(note) if f.check == "looping"]
    assert flag.severity == "error" and "Laos" in flag.evidence


@pytest.fixture(scope="module")
def looping_corpus(tmp_path_factory):
    """A corpus of one ordinary line and one that makes the tiny model loop."""
    corpus = tmp_path_factory.mktemp("looping-corpus")
    first = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()[0]
    (corpus / "corpus.toml").write_text('name = "looping"\nsource = "vi"\n')
    (corpus / "source.vi.txt").write_text(f"{first}\n{LOOPING_INPUT.strip()}\n", encoding="utf-8")
    for lang in ("en", "lo"):
        ref = (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines()[0]
        (corpus / f"ref.{lang}.txt").write_text(f"{ref}\n{ref}\n", encoding="utf-8")
    return corpus


def test_looping_output_is_flagged_in_the_run_and_again_from_the_cache(looping_corpus, tiny_model, tmp_path):
    cache = tmp_path / "cache"  # `--model tiny` would train a model on this corpus: give its path
    runs = []
    for name in ("first", "rerun"):
        out = tmp_path / name
        result = run_cli(
            "run", str(looping_corpus), "--to", "en", "-o", str(out), "--model", str(tiny_model),
            "--cache-dir", str(cache),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        runs.append(out)
    for out in runs:
        segments = [json.loads(line) for line in (out / "segments.jsonl").read_text().splitlines()]
        assert not [f for f in segments[0]["en"]["flags"] if f["check"] == "looping"]
        looping = [Flag(**f) for f in segments[1]["en"]["flags"] if f["check"] == "looping"]
        assert [f.severity for f in looping] == ["error"]
        assert all(isinstance(s["en"]["model_score"], float) for s in segments)
    first, rerun = (json.loads((out / "run.json").read_text()) for out in runs)
    assert rerun["model_calls"] == 0
    for field in ("guarded_decodes", "looping_outputs"):
        assert first[field] == rerun[field] == 1
    assert first["truncated_outputs"] == first["removed_tokens"] == first["split_inputs"] == 0
