"""A persistent translation cache (SQLite): a rerun of unchanged input makes no model calls,
and a killed run resumes where it stopped."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path


class TranslationCache:
    """Maps (model signature, language pair, source text) to a translation."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS translations ("
            " signature TEXT, source_lang TEXT, target_lang TEXT, source TEXT, target TEXT,"
            " PRIMARY KEY (signature, source_lang, target_lang, source))"
        )

    def lookup(
        self, signature: str, source_lang: str, target_lang: str, texts: Iterable[str]
    ) -> dict[str, str]:
        """The cached translations among `texts`."""
        found: dict[str, str] = {}
        query = (
            "SELECT target FROM translations"
            " WHERE signature=? AND source_lang=? AND target_lang=? AND source=?"
        )
        for text in set(texts):
            row = self._db.execute(query, (signature, source_lang, target_lang, text)).fetchone()
            if row is not None:
                found[text] = row[0]
        return found

    def store(self, signature: str, source_lang: str, target_lang: str, pairs: dict[str, str]) -> None:
        """Save translations at once, so that work done survives a kill."""
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)",
                [(signature, source_lang, target_lang, s, t) for s, t in pairs.items()],
            )

    def close(self) -> None:
        self._db.close()
