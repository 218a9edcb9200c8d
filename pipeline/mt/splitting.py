"""Inputs longer than a model's token budget, cut into pieces it can take whole: at clause
boundaries first (after , ; : and sentence punctuation), then between words, then between tokens.
Each piece is translated on its own and the translations joined, so nothing is ever truncated."""

from __future__ import annotations

import re
from collections.abc import Callable

CLAUSE_END = re.compile(r"(?<=[,;:.!?…،؛])\s+")
"""Where a clause ends: after clause or sentence punctuation (Latin or Arabic) and a space."""

Encode = Callable[[str], list[str]]
"""A text as the model's tokens (sentencepiece pieces)."""


def clauses(text: str) -> list[str]:
    """The text cut after each clause's punctuation; the punctuation stays with its clause."""
    return [part for part in CLAUSE_END.split(text) if part]


def split_tokens(tokens: list[str], budget: int) -> list[list[str]]:
    """Pieces of at most `budget` tokens, each cut before a word start ("▁") where one lies past
    the piece's first half, else exactly at the budget."""
    pieces = []
    while len(tokens) > budget:
        cut = next((i for i in range(budget, budget // 2, -1) if tokens[i].startswith("▁")), budget)
        pieces.append(tokens[:cut])
        tokens = tokens[cut:]
    return [*pieces, tokens] if tokens else pieces


def split_to_budget(text: str, encode: Encode, budget: int) -> list[list[str]]:
    """The text's tokens in pieces of at most `budget` tokens: the whole text when it fits, else
    consecutive clauses packed together while they fit, a clause too long cut by `split_tokens`."""
    tokens = encode(text)
    if len(tokens) <= budget:
        return [tokens]
    pieces: list[list[str]] = []
    for clause in clauses(text):
        clause_tokens = encode(clause)
        if pieces and len(pieces[-1]) + len(clause_tokens) <= budget:
            pieces[-1] = pieces[-1] + clause_tokens
        else:
            pieces += split_tokens(clause_tokens, budget)
    return pieces
