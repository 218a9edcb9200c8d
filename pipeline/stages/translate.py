"""Machine translation of every sentence into every target language, through the cache."""

from __future__ import annotations

from rich.progress import Progress

from ..cache import TranslationCache
from ..document import Document
from ..errors import MtpipeError
from ..translator import CTranslate2Translator
from . import StageContext, register

CHUNK = 64


@register("translate")
class Translate:
    """Fills `segment.translations[lang]`; sentences of one line are joined by a space."""

    name = "translate"

    def __init__(self, context: StageContext):
        if context.model_dir is None:
            raise MtpipeError("the translate stage needs a model (--model)")
        options = context.job.model
        self.translator = CTranslate2Translator(
            context.model_dir,
            device=options.device,
            compute_type=options.compute_type,
            beam_size=options.beam_size,
            max_batch_size=options.max_batch_size,
            max_decoding_length=options.max_decoding_length,
            intra_threads=options.intra_threads,
        )
        self.signature = f"{self.translator.identity};{self.translator.options_key()}"
        self.cache = TranslationCache(context.job.cache_dir / "translations.sqlite")

    def __call__(self, doc: Document) -> Document:
        doc.stats["model"] = {
            "path": str(self.translator.model_dir),
            "id": self.translator.identity,
        }
        sentences = [s.sentences or [s.source] for s in doc.segments]
        unique = sorted({text for texts in sentences for text in texts if text.strip()})
        with Progress(transient=True) as progress:
            for lang in doc.targets:
                done = self._translate_all(unique, doc, lang, progress)
                for segment, texts in zip(doc.segments, sentences, strict=True):
                    segment.translations[lang] = " ".join(done[t] for t in texts if t.strip())
        return doc

    def _translate_all(self, texts: list[str], doc: Document, lang: str, progress: Progress):
        done = self.cache.lookup(self.signature, doc.source_lang, lang, texts)
        doc.count("cache_hits", len(done))
        missing = [text for text in texts if text not in done]
        task = progress.add_task(f"{doc.source_lang}→{lang}", total=len(missing))
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            output = self.translator.translate_batch(chunk, doc.source_lang, lang)
            doc.count("model_calls", len(chunk))
            fresh = dict(zip(chunk, output, strict=True))
            self.cache.store(self.signature, doc.source_lang, lang, fresh)
            done.update(fresh)
            progress.advance(task, len(chunk))
        return done
