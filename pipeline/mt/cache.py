"""A persistent translation cache (SQLite): a rerun of unchanged input makes no model calls, and a
killed run resumes where it stopped. Several runs may share one cache: it is written through a
write-ahead log (readers never block the writer) and a writer waits its turn for `BUSY_TIMEOUT`
seconds rather than failing with "database is locked"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

CACHE_FILE = "translations.sqlite"
"""The cache's file name in a cache directory."""
BUSY_TIMEOUT = 60.0


@dataclass(frozen=True)
class CacheGroup:
    """The entries of one model signature and language pair."""

    signature: str
    source_lang: str
    target_lang: str
    entries: int


class TranslationCache:
    """Maps (model signature, language pair, source text) to a translation."""

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, timeout=busy_timeout)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            with self._db:
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS translations ("
                    " signature TEXT, source_lang TEXT, target_lang TEXT, source TEXT, target TEXT,"
                    " PRIMARY KEY (signature, source_lang, target_lang, source))"
                )
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS decode_notes ("
                    " signature TEXT, source_lang TEXT, target_lang TEXT, source TEXT, note TEXT,"
                    " PRIMARY KEY (signature, source_lang, target_lang, source))"
                )
        except sqlite3.DatabaseError as err:
            self._db.close()
            raise InputError(f"cannot use this file as the translation cache ({err})", path) from None

    @classmethod
    def existing(cls, path: Path) -> TranslationCache:
        """The cache at `path`, which must exist (commands that inspect a cache never create one)."""
        if not path.is_file():
            raise InputError("no translation cache here", path)
        return cls(path)

    def lookup(
        self, signature: str, source_lang: str, target_lang: str, texts: Iterable[str]
    ) -> dict[str, str]:
        """The cached translations among `texts`."""
        return self._found("translations", "target", (signature, source_lang, target_lang), texts)

    def _found(
        self, table: str, column: str, key: tuple[str, str, str], texts: Iterable[str]
    ) -> dict[str, str]:
        """`column` of `table` for each of `texts` that has a row under `key` (signature, languages)."""
        found: dict[str, str] = {}
        query = (
            f"SELECT {column} FROM {table} WHERE signature=? AND source_lang=? AND target_lang=? AND source=?"
        )
        with self._failing():
            for text in set(texts):
                row = self._db.execute(query, (*key, text)).fetchone()
                if row is not None:
                    found[text] = row[0]
        return found

    @contextmanager
    def _failing(self) -> Iterator[None]:
        """SQLite's errors (a full disk, a broken file) as one line naming the cache."""
        try:
            yield
        except sqlite3.Error as err:
            raise InputError(
                f"translation cache: {err}: free disk space, or pass another --cache-dir", self.path
            ) from None

    def store(
        self,
        signature: str,
        source_lang: str,
        target_lang: str,
        pairs: dict[str, str],
        notes: dict[str, str] | None = None,
    ) -> None:
        """Save translations, and what decoding noted about some of them (JSON), at once and
        together, so that work done survives a kill and a rerun carries the same flags."""
        key = (signature, source_lang, target_lang)
        with self._failing(), self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)",
                [(*key, s, t) for s, t in pairs.items()],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO decode_notes VALUES (?, ?, ?, ?, ?)",
                [(*key, s, note) for s, note in (notes or {}).items()],
            )

    def lookup_notes(
        self, signature: str, source_lang: str, target_lang: str, texts: Iterable[str]
    ) -> dict[str, str]:
        """The decoding notes (JSON) stored with the translations among `texts`."""
        return self._found("decode_notes", "note", (signature, source_lang, target_lang), texts)

    def groups(self) -> list[CacheGroup]:
        """Entries per model signature and language pair."""
        rows = self._db.execute(
            "SELECT signature, source_lang, target_lang, COUNT(*) FROM translations"
            " GROUP BY signature, source_lang, target_lang ORDER BY signature, source_lang, target_lang"
        )
        return [CacheGroup(*row) for row in rows]

    def size(self) -> int:
        """Bytes on disk: the database file and its write-ahead log."""
        wal = self.path.with_name(self.path.name + "-wal")
        return sum(path.stat().st_size for path in (self.path, wal) if path.is_file())

    def clear(self, signature: str | None = None) -> int:
        """Remove every entry, or those of model signature `signature` (also the entries whose
        signature extends it: `IDENTITY` removes every option set of that model); the number removed."""
        with self._db:
            if signature is None:
                removed = self._db.execute("DELETE FROM translations").rowcount
                self._db.execute("DELETE FROM decode_notes")
            else:
                where = "WHERE signature = ? OR substr(signature, 1, ?) = ?"
                match = (signature, len(signature) + 1, signature + ";")
                removed = self._db.execute(f"DELETE FROM translations {where}", match).rowcount
                self._db.execute(f"DELETE FROM decode_notes {where}", match)
        self._db.execute("VACUUM")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed

    def close(self) -> None:
        self._db.close()
