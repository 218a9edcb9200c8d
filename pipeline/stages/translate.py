"""The `translate` stage: every sentence into every target language, through the cache, with the
glossary strategy `protect` (placeholders) or `prompt` (an LLM told the terms) where configured;
the output put in each language's house style, and what safe decoding met flagged and counted."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel

from .. import console
from ..document import Document, RunStats, Segment
from ..edits import apply_changes, edits_for, label
from ..mt import ModelOptions, make_translator
from ..mt.cache import CACHE_FILE, TranslationCache
from ..mt.cached import CachedTranslator
from ..mt.lines import prompt_terms, sentence_units, translate_lines
from ..mt.safety import DecodeNote, combined, decode_flags
from ..normalize.postprocess import postprocess
from ..terminology.placeholders import DEFAULT_STYLE, STYLES, PlaceholderStyle, choose_style
from .base import GlossaryOptions, Stage, StageContext


class Translate(Stage):
    """Fills `segment.translations[lang]` and `segment.mt[lang]` (the model's own output)."""

    name = "translate"
    config = {"model": ModelOptions, "glossary": GlossaryOptions}
    assigns = ("translations", "mt")

    @classmethod
    def requirements(cls, sections: Mapping[str, BaseModel]) -> tuple[str, ...]:
        strategy = sections.get("glossary", GlossaryOptions()).strategy
        return ("terms",) if strategy in ("protect", "prompt") else ()

    @classmethod
    def check_config(cls, sections: Mapping[str, BaseModel]) -> None:
        strategy = sections.get("glossary", GlossaryOptions()).strategy
        if strategy == "prompt" and sections.get("model", ModelOptions()).backend != "openai":
            raise ValueError("glossary.strategy 'prompt' needs model.backend = 'openai' (an LLM)")

    def __init__(self, context: StageContext):
        super().__init__(context)
        options = context.glossary_options
        self.strategy = options.strategy
        self.protect_hypotheses = options.protect_hypotheses
        translator = make_translator(context.sections.get("model", ModelOptions()), context.cache_dir)
        context.stats.model_loads += 1
        suffix = f";glossary={context.glossary.digest}" if self.strategy == "prompt" else ""
        cache = TranslationCache(context.cache_dir / CACHE_FILE)
        self.engine = CachedTranslator(translator, cache, suffix)
        protecting = self.strategy == "protect"
        self.style = self._placeholder_style(translator, context.stats) if protecting else None

    @staticmethod
    def _placeholder_style(translator, stats: RunStats) -> PlaceholderStyle | None:
        """The placeholder form the model's vocabulary can carry (any form for a backend that
        does not say, such as an LLM); where none can, protection is off, said once."""
        encodes = getattr(translator, "encodes", None)
        style = choose_style(encodes) if encodes else DEFAULT_STYLE
        if style is None:
            stats.notices.append(
                "glossary strategy 'protect': the model's vocabulary encodes none of the placeholder "
                f"forms ({', '.join(s.tokens[0] for s in STYLES)}) without unknown pieces; terms are "
                "enforced after translation instead"
            )
        stats.placeholder_form = style.tokens[0] if style else None
        return style

    def __call__(self, doc: Document) -> Document:
        doc.stats.model_id = self.engine.translator.identity
        calls, hits = self.engine.model_calls, self.engine.cache_hits
        self.engine.notes.clear()  # an earlier chunk's: memory stays flat over a long job
        lines = [
            sentence_units(s.source, s.sentences, s.terms, doc.targets, self.style) for s in doc.segments
        ]
        with console.progress() as progress:
            for lang in doc.targets:
                prompts = None
                if self.strategy == "prompt":
                    plain_lines = [
                        sentence_units(s.source, s.sentences, s.terms, doc.targets, None)
                        for s in doc.segments
                    ]
                    prompts = prompt_terms(plain_lines, [s.terms for s in doc.segments], lang)
                result = translate_lines(
                    self.engine,
                    lines,
                    doc.source_lang,
                    lang,
                    style=self.style,
                    protect_hypotheses=self.protect_hypotheses,
                    prompts=prompts,
                    progress=progress,
                )
                doc.stats.protected_sentences += result.protected_sentences
                doc.stats.protect_fallbacks += result.protect_fallbacks
                for segment, (text, changes), notes in zip(
                    doc.segments, result.lines, result.notes, strict=True
                ):
                    segment.translations[lang] = segment.mt[lang] = self._finished(
                        segment, lang, text, changes
                    )
                    noted(doc.stats, segment, lang, notes)
        doc.stats.model_calls += self.engine.model_calls - calls
        doc.stats.cache_hits += self.engine.cache_hits - hits
        return doc

    def _finished(self, segment, lang: str, text: str, changes) -> str:
        """The approved forms put in place of carried placeholders, then any placeholder left over
        removed, then the language's house style (`postprocess`); all recorded as edits."""
        field = f"hyp.{lang}"
        segment.edits += label(edits_for(text, changes, "term-protect"), self.name, field)
        restored = apply_changes(text, changes)
        strays = (self.style or DEFAULT_STYLE).stray_changes(restored)
        segment.edits += label(edits_for(restored, strays, "artifact"), self.name, field)
        styled, style_edits = postprocess(apply_changes(restored, strays), lang)
        segment.edits += label(style_edits, self.name, field)
        return styled


def noted(stats: RunStats, segment: Segment, lang: str, notes: list[DecodeNote]) -> None:
    """What safe decoding noted about a segment's sentences: counted in the run's stats, flagged
    on the segment, and the model's score kept."""
    note = combined(notes)
    stats.split_inputs += sum(n.pieces > 1 for n in notes)
    stats.guarded_decodes += note.retried
    stats.truncated_outputs += sum(check == "truncated" for check, _ in note.failed)
    stats.looping_outputs += sum(check == "looping" for check, _ in note.failed)
    stats.removed_tokens += len(note.removed)
    segment.flags[lang] = [*segment.flags.get(lang, []), *decode_flags(note)]
    if note.score is not None:
        segment.model_scores[lang] = note.score
