"""Quality checks on translations, per segment, each finding naming its evidence: numbers and dates,
script and untranslated output, model artifacts, looping output, length outliers, glossary term
misses and forbidden terms, and names spelled two ways in one document."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..document import Flag
from ..languages import language
from .terms import term_accuracy

CHECKS = ("numbers", "script", "artifacts", "repetition", "length", "term-miss", "forbidden-term", "names")
DEFAULT_SEVERITIES = {
    "numbers": "error",
    "script": "error",
    "artifacts": "error",
    "repetition": "error",
    "length": "warning",
    "term-miss": "warning",
    "forbidden-term": "error",
    "names": "warning",
}
SEVERITIES = ("error", "warning", "off")

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹໐໑໒໓໔໕໖໗໘໙", "0123456789" * 3)
NUMBER = re.compile(r"\d+(?:[.,٫٬]\d+)*")
DATE = re.compile(r"(?<![\d/])(?:(\d{1,2})/(\d{1,2})(?:/(\d{4}))?|(\d{1,2})/(\d{4}))(?![\d/])")
"""d/m, d/m/yyyy (groups 1-3) or m/yyyy (groups 4-5)."""
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split(),
    "lo": "ມັງກອນ ກຸມພາ ມີນາ ເມສາ ພຶດສະພາ ມິຖຸນາ ກໍລະກົດ ສິງຫາ ກັນຍາ ຕຸລາ ພະຈິກ ທັນວາ".split(),
}
DECIMAL_COMMA = {"vi", "lo"}
"""Languages writing 1.234,5 (the corpus's Lao does, as Vietnamese); others write 1,234.5."""
SCRIPT_RANGES = {"Arabic": [(0x0600, 0x06FF), (0x0750, 0x077F)], "Lao": [(0x0E80, 0x0EFF)]}
VIETNAMESE_ONLY = re.compile(r"[đĐăĂơƠưƯ]|[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
ARTIFACT = re.compile(r"⟦\d*⟧?|⟧|⁇|<unk>|</?s>|\b[a-z]{3}_[A-Z][a-z]{3}\b|__[a-z]{2,3}__")
LOOP = re.compile(r"(\b\S+(?:\s+\S+){0,3}?)(?:\s+\1\b){3,}")
LAO_LOOP = re.compile(r"(\S{4,12}?)\1{3,}")


@dataclass(frozen=True)
class QaInput:
    """One segment: source, translation, and the (concept id, approved form) of its source terms."""

    source: str
    hypothesis: str
    required: Sequence[tuple[str, str]] = ()


@dataclass
class QaChecker:
    """Runs the checks on a document of one target language."""

    lang: str
    severities: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITIES))
    forbidden: Sequence[str] = ()
    """Target forms the glossary forbids."""
    name_key: Callable[[str], list[tuple[str, str]]] | None = None
    """Finds (canonical form, spelling) pairs in a translation, for the names check."""

    def __call__(self, segments: Sequence[QaInput]) -> list[list[Flag]]:
        flags: list[list[Flag]] = [[] for _ in segments]
        per_segment = {
            "numbers": self.numbers,
            "script": self.script,
            "artifacts": artifacts,
            "repetition": self.repetition,
            "term-miss": term_misses,
            "forbidden-term": self.forbidden_terms,
        }
        for check, find in per_segment.items():
            if self.severities.get(check, "off") == "off":
                continue
            for found, segment in zip(flags, segments, strict=True):
                found += [Flag(check, self.severities[check], evidence) for evidence in find(segment)]
        for check, find in (("length", length_outliers), ("names", self.names)):
            if self.severities.get(check, "off") != "off":
                for index, evidence in find(segments):
                    flags[index].append(Flag(check, self.severities[check], evidence))
        return flags

    def numbers(self, segment: QaInput) -> list[str]:
        """Numbers of the source missing from the translation; a date's month may be a month name."""
        found = set(numbers_in(segment.hypothesis, self.lang))
        evidence = []
        source = segment.source
        for date in DATE.finditer(source):
            day, month, year, only_month, its_year = date.groups()
            month, year = month or only_month, year or its_year
            month_name = MONTHS.get(self.lang, [""] * 12)[int(month) - 1] if 1 <= int(month) <= 12 else ""
            missing = [part for part in (day, year) if part and part not in found]
            if month not in found and not (month_name and month_name in segment.hypothesis):
                missing.append(f"month {month}")
            if missing:
                evidence.append(f"date {date.group()}: {', '.join(missing)} missing")
        rest = DATE.sub(" ", source)
        for number in numbers_in(rest, "vi"):
            if number not in found:
                evidence.append(f"number {number} missing")
        return evidence

    def script(self, segment: QaInput) -> list[str]:
        """Output in another script than the language's, or the source left untranslated."""
        text = segment.hypothesis
        if not text.strip():
            return ["empty translation"] if segment.source.strip() else []
        if text.strip().casefold() == segment.source.strip().casefold():
            return ["untranslated: the translation equals the source"]
        letters = [c for c in text if c.isalpha()]
        script = language(self.lang).script
        if script in SCRIPT_RANGES and letters:
            share = sum(in_script(c, script) for c in letters) / len(letters)
            if share < 0.5:
                return [f"only {share:.0%} of the letters are {script}"]
        if script == "Latin" and len(VIETNAMESE_ONLY.findall(text)) >= 3:
            return ["Vietnamese letters in the output: " + "".join(VIETNAMESE_ONLY.findall(text))[:20]]
        return []

    def repetition(self, segment: QaInput) -> list[str]:
        pattern = LAO_LOOP if self.lang == "lo" else LOOP
        loop = pattern.search(segment.hypothesis)
        return [f"repeated: {loop.group(1)!r} ×{loop.group().count(loop.group(1))}"] if loop else []

    def forbidden_terms(self, segment: QaInput) -> list[str]:
        """Forbidden forms standing as words (Arabic: proclitics may precede; Lao: anywhere)."""
        before = "" if self.lang in ("ar", "lo") else r"(?<!\w)"
        after = "" if self.lang == "lo" else r"(?!\w)"
        return [
            f"forbidden term {form!r}"
            for form in self.forbidden
            if re.search(before + re.escape(form) + after, segment.hypothesis, re.IGNORECASE)
        ]

    def names(self, segments: Sequence[QaInput]) -> list[tuple[int, str]]:
        """Segments spelling a name otherwise than the document's usual spelling: the canonical
        form where the document uses it, else its most frequent spelling."""
        if self.name_key is None:
            return []
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        where: list[list[tuple[str, str]]] = []
        for segment in segments:
            found = self.name_key(segment.hypothesis)
            where.append(found)
            for name, spelling in found:
                spellings[name][spelling] += 1
        flags = []
        for index, found in enumerate(where):
            for name, spelling in found:
                usual = name if name in spellings[name] else spellings[name].most_common(1)[0][0]
                if len(spellings[name]) > 1 and spelling != usual:
                    flags.append((index, f"{spelling!r} where the document writes {usual!r}"))
        return flags


def numbers_in(text: str, lang: str) -> list[str]:
    """Numbers as digit strings with their decimal part: '96.500' (vi) and '96,500' (en) are both
    '96500'; Eastern Arabic and Lao digits count as digits."""
    values = []
    for match in NUMBER.finditer(text.translate(DIGITS)):
        token = match.group().replace("٬", ",").replace("٫", ".")
        thousands, decimal = (".", ",") if lang in DECIMAL_COMMA else (",", ".")
        if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+", token):
            token = token.replace(thousands, "")
        values.append(token.replace(decimal, "."))
    return values


def in_script(char: str, script: str) -> bool:
    return any(low <= ord(char) <= high for low, high in SCRIPT_RANGES[script])


def artifacts(segment: QaInput) -> list[str]:
    """Placeholders, unknown-token marks and language tokens a model left in its output."""
    return [f"model artifact {found!r}" for found in dict.fromkeys(ARTIFACT.findall(segment.hypothesis))]


def term_misses(segment: QaInput) -> list[str]:
    if not segment.required:
        return []
    result = term_accuracy([segment.hypothesis], [segment.required])
    forms = dict(segment.required)
    return [
        f"term {concept}: {forms[concept]!r} missing"
        for concept, counts in result["per_concept"].items()
        if counts["hits"] < counts["total"]
    ]


def length_outliers(segments: Sequence[QaInput], limit: float = 3.5) -> list[tuple[int, str]]:
    """Translations much longer or shorter than the document's usual length ratio (robust z-score
    of the log ratio; with fewer than 8 segments, ratios beyond 1:4 either way)."""
    ratios = [
        (index, math.log(len(s.hypothesis) / len(s.source)))
        for index, s in enumerate(segments)
        if s.source.strip() and s.hypothesis.strip()
    ]
    if not ratios:
        return []
    values = [ratio for _, ratio in ratios]
    median = statistics.median(values)
    spread = statistics.median(abs(v - median) for v in values) * 1.4826
    flags = []
    for index, ratio in ratios:
        robust = len(values) >= 8 and spread > 0
        outlier = abs(ratio - median) > limit * spread if robust else abs(ratio) > math.log(4)
        if outlier:
            usual = f"document median {math.exp(median):.2f}"
            flags.append((index, f"length ratio {math.exp(ratio):.2f} ({usual})"))
    return flags
