"""Machine translation of every sentence into every target language, through the cache.

With the glossary strategy `protect`, source terms are replaced by placeholders before
translation and their approved target forms put back after it. The best of the model's
`protect_hypotheses` translations that carries every placeholder is taken; a sentence for which
none does is translated again without protection (and left to `terms`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.progress import Progress

from ..cache import TranslationCache
from ..document import Document, Segment
from ..errors import MtpipeError
from ..normalize.engine import Change, apply_changes, edits_for
from ..terminology.placeholders import first_carrying, placeholder_count, protect, restoration_changes
from ..translator import CTranslate2Translator
from . import StageContext, register

CHUNK = 64


@dataclass
class Unit:
    """One sentence to translate, and its protected form where it holds glossary terms."""

    plain: str
    protected: str | None = None
    forms: dict[str, list[str]] = field(default_factory=dict)


def sentence_units(segment: Segment, targets: list[str], protect_terms: bool) -> list[Unit]:
    units, cursor = [], 0
    for sentence in segment.sentences or [segment.source]:
        start = segment.source.find(sentence, cursor)
        cursor = end = start + len(sentence)
        terms = [
            t
            for t in segment.terms
            if start <= t.start and t.end <= end and all(t.targets.get(lang) for lang in targets)
        ]
        unit = Unit(sentence)
        if protect_terms and terms and start >= 0:
            unit.protected = protect(sentence, [(t.start - start, t.end - start) for t in terms])
            unit.forms = {lang: [t.targets[lang] for t in terms] for lang in targets}
        units.append(unit)
    return units


def make_translator(context: StageContext):
    """The configured backend: CTranslate2 over the resolved model, or an OpenAI-compatible LLM."""
    options = context.job.model
    if options.backend == "openai":
        from ..llm import OpenAICompatibleTranslator

        return OpenAICompatibleTranslator(options.base_url, options.name_or_path)
    if context.model_dir is None:
        raise MtpipeError("the translate stage needs a model (--model)")
    return CTranslate2Translator(
        context.model_dir,
        device=options.device,
        compute_type=options.compute_type,
        beam_size=options.beam_size,
        max_batch_size=options.max_batch_size,
        max_decoding_length=options.max_decoding_length,
        intra_threads=options.intra_threads,
    )


@register("translate")
class Translate:
    """Fills `segment.translations[lang]` (and `segment.mt`); sentences of a line are joined by a space."""

    name = "translate"

    def __init__(self, context: StageContext):
        self.translator = make_translator(context)
        strategy = context.job.glossary.strategy
        self.protect_terms = strategy == "protect"
        self.protect_hypotheses = (
            context.job.glossary.protect_hypotheses if self.translator.supports_n_best else 1
        )
        self.prompt_terms = strategy == "prompt"
        self.signature = f"{self.translator.identity};{self.translator.options_key()}"
        if self.prompt_terms:
            self.signature += f";glossary={context.glossary.digest}"
        self.cache = TranslationCache(context.job.cache_dir / "translations.sqlite")

    def __call__(self, doc: Document) -> Document:
        doc.stats["model"] = {"id": self.translator.identity}
        units = [sentence_units(segment, doc.targets, self.protect_terms) for segment in doc.segments]
        with Progress(transient=True) as progress:
            for lang in doc.targets:
                plain = sorted({u.plain for seg in units for u in seg if u.protected is None})
                protected = sorted({u.protected for seg in units for u in seg if u.protected is not None})
                prompts = self._prompt_terms(doc, lang) if self.prompt_terms else None
                done = self._translate_all(plain, doc, lang, progress, prompts)
                done |= self._translate_all(
                    protected, doc, lang, progress, hypotheses=self.protect_hypotheses
                )
                restorations = {
                    id(u): restoration_changes(done[u.protected], u.forms[lang])
                    for seg in units
                    for u in seg
                    if u.protected is not None
                }
                fallback = sorted(
                    {u.plain for seg in units for u in seg if restorations.get(id(u), ()) is None}
                )
                doc.count("protected_sentences", len(restorations))
                doc.count("protect_fallbacks", len(fallback))
                done |= self._translate_all(fallback, doc, lang, progress)
                for segment, seg_units in zip(doc.segments, units, strict=True):
                    text, changes = self._joined(seg_units, done, restorations)
                    segment.edits += edits_for(text, changes, self.name, f"hyp.{lang}", "term-protect")
                    segment.translations[lang] = segment.mt[lang] = apply_changes(text, changes)
        return doc

    @staticmethod
    def _joined(
        units: list[Unit], done: dict[str, str], restorations: dict[int, list[Change] | None]
    ) -> tuple[str, list[Change]]:
        """A line's translated sentences joined by a space, placeholders still in where they were
        carried, and the changes that put the approved forms in their place."""
        pieces, changes, offset = [], [], 0
        for unit in units:
            if not unit.plain.strip():
                continue
            restoring = restorations.get(id(unit))
            piece = done[unit.plain] if restoring is None else done[unit.protected]
            changes += [(offset + start, offset + end, form) for start, end, form in restoring or ()]
            pieces.append(piece)
            offset += len(piece) + 1
        return " ".join(pieces), changes

    @staticmethod
    def _prompt_terms(doc: Document, lang: str) -> dict[str, list[tuple[str, str]]]:
        """For each sentence, the (source term, approved target) pairs that go into its prompt."""
        prompts: dict[str, list[tuple[str, str]]] = {}
        for segment in doc.segments:
            for unit in sentence_units(segment, doc.targets, protect_terms=False):
                pairs = {
                    (t.surface, t.targets[lang])
                    for t in segment.terms
                    if t.targets.get(lang) and t.surface in unit.plain
                }
                prompts[unit.plain] = sorted(pairs)
        return prompts

    def _translate_all(
        self,
        texts: list[str],
        doc: Document,
        lang: str,
        progress: Progress,
        prompts: dict[str, list[tuple[str, str]]] | None = None,
        hypotheses: int = 1,
    ) -> dict[str, str]:
        """Translations of `texts`, from the cache or the model. With `hypotheses` > 1 the texts
        hold placeholders, and each gets the best of that many translations that carries them all."""
        texts = [text for text in texts if text.strip()]
        signature = self.signature if hypotheses == 1 else f"{self.signature};placeholder-nbest={hypotheses}"
        done = self.cache.lookup(signature, doc.source_lang, lang, texts)
        doc.count("cache_hits", len(done))
        missing = [text for text in texts if text not in done]
        task = progress.add_task(f"{doc.source_lang}→{lang}", total=len(missing))
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            if hypotheses > 1:
                candidates = self.translator.translate_hypotheses(chunk, doc.source_lang, lang, hypotheses)
                output = [
                    first_carrying(c, placeholder_count(t)) for t, c in zip(chunk, candidates, strict=True)
                ]
            elif prompts is None:
                output = self.translator.translate_batch(chunk, doc.source_lang, lang)
            else:
                output = self.translator.translate_batch(
                    chunk, doc.source_lang, lang, terms=[prompts.get(text, []) for text in chunk]
                )
            doc.count("model_calls", len(chunk))
            fresh = dict(zip(chunk, output, strict=True))
            self.cache.store(signature, doc.source_lang, lang, fresh)
            done.update(fresh)
            progress.advance(task, len(chunk))
        return done
