"""The model's output put in each language's house style (`corpora/quangtri/README.md`), as edits
with a reason, before any name or term is matched in it:

- Lao (`lao-recompose`): sentencepiece's NFKC normalization writes ຳ as ໍ + າ, ໜ as ຫ + ນ and ໝ
  as ຫ + ມ; the references and the glossary write the single letters everywhere (no ຫນ or ຫມ at
  all), so every such pair becomes its letter. NFC cannot do it: these are compatibility
  decompositions.
- Arabic: no tatweel (`arabic-tatweel`), no harakat but tanween (`arabic-harakat`): fatha, damma,
  kasra, shadda, sukun, the other marks up to U+065F and superscript alef go, after NFC has joined
  hamza and madda to their letters.
- every language: NFC (`unicode`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..edits import Change, TextEdit, apply_changes, edits_for
from .unicode import nfc_changes

LAO_LETTERS = {"\u0ecd\u0eb2": "\u0eb3", "\u0eab\u0e99": "\u0edc", "\u0eab\u0ea1": "\u0edd"}
"""ໍ + າ → ຳ, ຫ + ນ → ໜ, ຫ + ມ → ໝ."""
LAO_PAIR = re.compile("|".join(LAO_LETTERS))
TATWEEL = re.compile("\u0640+")
HARAKAT = re.compile("[\u064e-\u065f\u0670]+")
"""Arabic marks the house style forbids; tanween (U+064B–U+064D) is allowed."""

Pass = tuple[Callable[[str], list[Change]], str]


def _removed(pattern: re.Pattern[str]) -> Callable[[str], list[Change]]:
    return lambda text: [(m.start(), m.end(), "") for m in pattern.finditer(text)]


def lao_recompose_changes(text: str) -> list[Change]:
    return [(m.start(), m.end(), LAO_LETTERS[m.group()]) for m in LAO_PAIR.finditer(text)]


PASSES: dict[str, list[Pass]] = {
    "lo": [(lao_recompose_changes, "lao-recompose"), (nfc_changes, "unicode")],
    "ar": [
        (nfc_changes, "unicode"),
        (_removed(TATWEEL), "arabic-tatweel"),
        (_removed(HARAKAT), "arabic-harakat"),
    ],
}
DEFAULT_PASSES: list[Pass] = [(nfc_changes, "unicode")]


def postprocess(text: str, lang: str) -> tuple[str, list[TextEdit]]:
    """The model's output in `lang`'s house style, and the edits that made it, in order."""
    edits: list[TextEdit] = []
    for changes_in, reason in PASSES.get(lang, DEFAULT_PASSES):
        changes = changes_in(text)
        edits += edits_for(text, changes, reason)
        text = apply_changes(text, changes)
    return text, edits
