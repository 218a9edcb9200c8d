"""The `translate` stage: every sentence into every target language, each by its language pair's
model (`[model] name_or_path`, or the registry's), through the cache, with the
glossary strategy `protect` (placeholders) or `prompt` (an LLM told the terms) where configured;
the output put in each language's house style, and what safe decoding met flagged and counted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from .. import console
from ..document import Document, RunStats, Segment
from ..edits import apply_changes, edits_for, label
from ..mt import ModelOptions, make_translator
from ..mt.cache import CACHE_FILE, TranslationCache
from ..mt.cached import CachedTranslator
from ..mt.lines import prompt_terms, sentence_units, translate_lines
from ..mt.resolve import pair_models
from ..mt.safety import DecodeNote, combined, decode_flags
from ..normalize.postprocess import postprocess
from ..terminology.placeholders import DEFAULT_STYLE, STYLES, PlaceholderStyle, choose_style
from .base import GlossaryOptions, Stage, StageContext


@dataclass
class Engine:
    """One model behind the translation cache, and the placeholder form its vocabulary carries
    (None: terms are not protected)."""

    cached: CachedTranslator
    style: PlaceholderStyle | None


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
        model = context.sections.get("model", ModelOptions())
        self.models = pair_models(model, context.source_lang, context.targets)
        suffix = f";glossary={context.glossary.digest}" if self.strategy == "prompt" else ""
        cache = TranslationCache(context.cache_dir / CACHE_FILE)
        loaded: dict[str, Engine] = {}
        several = len(set(self.models.values())) > 1
        for name in dict.fromkeys(self.models.values()):
            translator = make_translator(model.model_copy(update={"name_or_path": name}), context.cache_dir)
            context.stats.model_loads += 1
            style = self._placeholder_style(translator, context.stats, name, several)
            loaded[name] = Engine(CachedTranslator(translator, cache, suffix), style)
        self.loaded = list(loaded.values())
        self.engines = {lang: loaded[name] for lang, name in self.models.items()}
        forms = dict.fromkeys(e.style.tokens[0] for e in self.loaded if e.style)
        context.stats.placeholder_form = ", ".join(forms) or None
        self.model_id = combined_identity(
            {lang: e.cached.translator.identity for lang, e in self.engines.items()}
        )

    def _placeholder_style(
        self, translator, stats: RunStats, name: str, several: bool
    ) -> PlaceholderStyle | None:
        """Under `protect`, the placeholder form the model's vocabulary can carry (any form for a
        backend that does not say, such as an LLM); where none can, protection is off for the
        model's targets, said once."""
        if self.strategy != "protect":
            return None
        encodes = getattr(translator, "encodes", None)
        style = choose_style(encodes) if encodes else DEFAULT_STYLE
        if style is None:
            whose = f"model {name}'s vocabulary" if several else "the model's vocabulary"
            stats.notices.append(
                f"glossary strategy 'protect': {whose} encodes none of the placeholder forms "
                f"({', '.join(s.tokens[0] for s in STYLES)}) without unknown pieces; terms are "
                "enforced after translation instead"
            )
        return style

    def __call__(self, doc: Document) -> Document:
        doc.stats.model_id = self.model_id
        doc.stats.models = dict(self.models)
        before = [(e.cached.model_calls, e.cached.cache_hits) for e in self.loaded]
        for engine in self.loaded:
            engine.cached.notes.clear()  # an earlier chunk's: memory stays flat over a long job
        units: dict[str | None, list] = {}
        with console.progress() as progress:
            for lang in doc.targets:
                engine = self.engines[lang]
                form = engine.style.tokens[0] if engine.style else None
                if form not in units:
                    units[form] = [
                        sentence_units(s.source, s.sentences, s.terms, doc.targets, engine.style)
                        for s in doc.segments
                    ]
                lines = units[form]
                prompts = None
                if self.strategy == "prompt":  # never protected: the units are plain
                    prompts = prompt_terms(lines, [s.terms for s in doc.segments], lang)
                result = translate_lines(
                    engine.cached,
                    lines,
                    doc.source_lang,
                    lang,
                    style=engine.style,
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
                        segment, lang, text, changes, engine.style
                    )
                    noted(doc.stats, segment, lang, notes)
        for engine, (calls, hits) in zip(self.loaded, before, strict=True):
            doc.stats.model_calls += engine.cached.model_calls - calls
            doc.stats.cache_hits += engine.cached.cache_hits - hits
        return doc

    def _finished(self, segment, lang: str, text: str, changes, style: PlaceholderStyle | None) -> str:
        """The approved forms put in place of carried placeholders, then any placeholder left over
        removed, then the language's house style (`postprocess`); all recorded as edits."""
        field = f"hyp.{lang}"
        segment.edits += label(edits_for(text, changes, "term-protect"), self.name, field)
        restored = apply_changes(text, changes)
        strays = (style or DEFAULT_STYLE).stray_changes(restored)
        segment.edits += label(edits_for(restored, strays, "artifact"), self.name, field)
        styled, style_edits = postprocess(apply_changes(restored, strays), lang)
        segment.edits += label(style_edits, self.name, field)
        return styled


def combined_identity(identities: dict[str, str]) -> str:
    """Target → model identity said as one: the model's identity, or each target's (`ar=…, lo=…`)
    where the targets had different models."""
    distinct = set(identities.values())
    if len(distinct) == 1:
        return distinct.pop()
    return ", ".join(f"{lang}={identity}" for lang, identity in identities.items())


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
