"""The model's output in each language's house style: Lao letters that sentencepiece decomposes
are written whole again, Arabic loses tatweel and harakat but keeps tanween; each change is an
edit with its reason."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS_DIR

from pipeline.edits import apply_changes
from pipeline.normalize.postprocess import postprocess

AM_DECOMPOSED, AM = "\u0ecd\u0eb2", "\u0eb3"


def replayed(text: str, edits) -> str:
    for edit in edits:
        assert text[edit.start : edit.end] == edit.before
        text = apply_changes(text, [(edit.start, edit.end, edit.after)])
    return text


@pytest.mark.parametrize(
    ("model_output", "house_style"),
    [
        ("ຄ" + AM_DECOMPOSED + "ເວົ້າ", "ຄ" + AM + "ເວົ້າ"),  # ຄຳເວົ້າ
        ("ກ\u0ec8" + AM_DECOMPOSED, "ກ\u0ec8" + AM),  # a tone mark before ໍ + າ stays before ຳ
        ("ຫນ້າທີ່", "ໜ້າທີ່"),
        ("ຫມູ່ບ້ານ", "ໝູ່ບ້ານ"),
        ("ສະຫນາມບິນ ຫມາຍເລກ", "ສະໜາມບິນ ໝາຍເລກ"),
    ],
)
def test_lao_letters_decomposed_by_sentencepiece_are_written_whole(model_output, house_style):
    text, edits = postprocess(model_output, "lo")
    assert text == house_style
    assert {edit.reason for edit in edits} == {"lao-recompose"}
    assert replayed(model_output, edits) == house_style


@pytest.mark.parametrize(
    ("model_output", "house_style", "reasons"),
    [
        ("كـوانـغ تـري", "كوانغ تري", {"arabic-tatweel"}),
        ("مُحَمَّدٌ", "محمدٌ", {"arabic-harakat"}),  # dammatan (tanween) stays
        ("شكرًا جزيلاً", "شكرًا جزيلاً", set()),
        ("سُؤَال", "سؤال", {"arabic-harakat"}),
        ("\u0627\u0654\u0646", "\u0623\u0646", {"unicode"}),  # alef + hamza above composed, kept
    ],
)
def test_arabic_loses_tatweel_and_harakat_but_keeps_tanween(model_output, house_style, reasons):
    text, edits = postprocess(model_output, "ar")
    assert text == house_style
    assert {edit.reason for edit in edits} == reasons
    assert replayed(model_output, edits) == house_style


@pytest.mark.parametrize("lang", ["ar", "en", "lo"])
def test_the_references_are_already_in_house_style(lang):
    """Only what the house style forbids is changed: not one reference line changes."""
    for line in (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines():
        assert postprocess(line, lang) == (line, [])


def test_a_tiny_model_run_writes_lao_in_the_references_letters(demo_run):
    hyp = (demo_run / "hyp.lo.txt").read_text(encoding="utf-8")
    for pair in (AM_DECOMPOSED, "ຫນ", "ຫມ"):
        assert pair not in hyp
    assert AM in hyp and "ໜ" in hyp and "ໝ" in hyp
    edits = [json.loads(line) for line in (demo_run / "edits.jsonl").read_text().splitlines()]
    recomposed = [e for e in edits if e["reason"] == "lao-recompose"]
    assert recomposed and all(e["stage"] == "translate" and e["field"] == "hyp.lo" for e in recomposed)
