"""Sentence splitting with spaCy's rule-based sentencizer (no model to download)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cached_property


class SentenceSplitter:
    """Splits texts into their non-blank sentences, each exactly as written in the text."""

    @cached_property
    def _nlp(self):
        """Built at first use: importing spaCy takes seconds, and a run may stop before it."""
        import spacy

        nlp = spacy.blank("xx")
        nlp.add_pipe("sentencizer")
        nlp.max_length = sys.maxsize  # the limit guards parser and NER memory; there are none here
        return nlp

    def __call__(self, texts: Iterable[str]) -> list[list[str]]:
        return [[s.text for s in parsed.sents if s.text.strip()] for parsed in self._nlp.pipe(texts)]
