"""Gettext PO, read and written by polib: each entry without a translation gets its msgid translated
into its msgstr and is marked fuzzy, for a translator to review; the header's `Language` and
`Plural-Forms` become the target's.

Format placeholders (`%s`, `%(name)s`, `%1$d`, `{name}`, `{0}`) are protected spans: only the text
between them is translated. A plural entry gets one msgstr[n] per plural form of the target
language (`Language.plural_forms`): the form that only n = 1 takes gets msgid's translation, every
other form msgid_plural's (Arabic: [1] the singular, [0], [2]–[5] the plural; Lao has one form, the
plural). Entries that have a translation are left alone unless overwriting; obsolete ones always.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polib

from ..errors import InputError
from ..languages import language
from ..textio import decode_lines
from .base import ReadOptions, SourceText, Translation
from .spans import Protected

PLACEHOLDERS = re.compile(
    r"%(?:\d+\$|\([^)\s]*\))?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|ll|[hlLqjzt])?[diouxXeEfFgGcrsa%]"
    r"|\{[^{}\s]*\}"
)
"""printf and Python %-format conversions (not `% d`: "50% discount" is text) and brace fields."""
FUZZY = "fuzzy"


@dataclass
class PoFile:
    source: str
    """The file as read, parsed again for each language."""
    overwrite: bool
    texts: list[SourceText]
    notes: list[str]

    def render(self, translations: list[Translation], lang: str) -> bytes:
        po = polib.pofile(self.source)
        po.metadata |= {
            "Language": lang,
            "Plural-Forms": language(lang).plural_forms,
            "Content-Type": "text/plain; charset=UTF-8",
        }
        texts = (translation.text for translation in translations)
        for entry in _to_translate(po, self.overwrite):
            forms = [Protected.cut(text, PLACEHOLDERS).joined(texts) for text in _sources(entry)]
            if entry.msgid_plural:
                entry.msgstr_plural = {n: forms[form] for n, form in enumerate(plural_sources(lang))}
            else:
                entry.msgstr = forms[0]
            if FUZZY not in entry.flags:
                entry.flags.insert(0, FUZZY)
        return str(po).encode("utf-8")


def read_po(data: bytes, path: Path | str, options: ReadOptions) -> PoFile:
    """A UTF-8 PO file; a syntax error is an InputError naming the line polib stopped at."""
    notes: list[str] = []
    source = "".join(line + "\n" for line in decode_lines(data, path, notes=notes))
    if not source.strip():
        raise InputError("empty file: no PO header or entries", path)
    # polib reads a string that names an existing file as that file: `source` ends with a line
    # break, which no path does.
    try:
        po = polib.pofile(source)
    except OSError as err:
        where = re.search(r"\(line (\d+)\)(?:: (.+))?", str(err))
        line, detail = (int(where.group(1)), where.group(2)) if where else (None, None)
        raise InputError(f"malformed PO: {detail or 'syntax error'}", path, line) from None
    texts = [
        text
        for entry in _to_translate(po, options.overwrite)
        for source_text in _sources(entry)
        for text in Protected.cut(source_text, PLACEHOLDERS).texts(entry.linenum)
    ]
    return PoFile(source, options.overwrite, texts, notes)


def _to_translate(po: polib.POFile, overwrite: bool) -> list[polib.POEntry]:
    return [
        entry
        for entry in po
        if entry.msgid and not entry.obsolete and (overwrite or not _has_translation(entry))
    ]


def _has_translation(entry: polib.POEntry) -> bool:
    return bool(entry.msgstr.strip() or any(text.strip() for text in entry.msgstr_plural.values()))


def _sources(entry: polib.POEntry) -> list[str]:
    return [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]


@cache
def plural_sources(lang: str) -> tuple[int, ...]:
    """For each plural form of `lang`, 0 (msgid) for the form that n = 1 alone takes, else 1
    (msgid_plural)."""
    plural_forms = language(lang).plural_forms
    count = int(re.search(r"nplurals\s*=\s*(\d+)", plural_forms).group(1))
    choose = gettext.c2py(re.search(r"plural\s*=\s*(.+?);?\s*$", plural_forms).group(1))
    takers: dict[int, list[int]] = {form: [] for form in range(count)}
    for n in range(1000):
        takers[choose(n)].append(n)
    return tuple(0 if takers[form] == [1] else 1 for form in range(count))
