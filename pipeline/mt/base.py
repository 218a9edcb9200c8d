"""The one interface every translation backend implements (batch-first, as CTranslate2's own API)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import Protocol, runtime_checkable

from .safety import DecodeNote

Terms = Sequence[tuple[str, str]]
"""(source term, approved target form) pairs found in one text."""


class Translator(Protocol):
    """Translates batches of texts; every option that changes output is in `options_key()`."""

    identity: str
    """Content hash of what translates (weights and vocabulary, or endpoint and model name)."""

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        terms: Sequence[Terms] | None = None,
    ) -> list[list[str]]:
        """Up to `num_hypotheses` translations of each text, best first; `terms[i]` are the glossary
        entries of text i for backends that take them (an LLM's prompt)."""
        ...

    def options_key(self) -> str:
        """The decoding options and the backend's own processing version: part of cache keys."""
        ...


@runtime_checkable
class IncrementalTranslator(Translator, Protocol):
    """A translator that hands each text's translations back as soon as they arrive (an HTTP
    backend, one request per text), so that none paid for is lost to a later failure."""

    def translate_each(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        terms: Sequence[Terms] | None = None,
    ) -> Iterator[tuple[int, list[str]]]:
        """(index in `texts`, hypotheses) for each text, in the order they arrive; those that
        arrived before a failure are handed back before it is raised."""
        ...


@runtime_checkable
class NotingTranslator(Translator, Protocol):
    """A translator that says what its safe decoding did for each translation (pieces, guarded
    re-decoding, problems left, tokens removed, score)."""

    def translate_noted(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        terms: Sequence[Terms] | None = None,
    ) -> list[list[tuple[str, DecodeNote]]]:
        """As `translate`, each hypothesis with its note."""
        ...


def code_version(*sources: ModuleType | Path) -> str:
    """Hash of the modules' (or files') source: it changes whenever their processing code does, so
    that nothing computed by older code is taken for the output of the current code."""
    digest = hashlib.sha256()
    for source in sources:
        path = Path(source.__file__) if isinstance(source, ModuleType) else source
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
