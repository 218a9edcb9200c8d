"""Split each source line into sentences (spaCy's rule-based sentencizer), keeping lines aligned."""

from __future__ import annotations

from ..document import Document
from . import StageContext, register


@register("segment")
class SentenceSegmenter:
    """Fills `segment.sentences`; the line itself stays one output line."""

    name = "segment"

    def __init__(self, context: StageContext):
        import spacy

        self._nlp = spacy.blank("xx")
        self._nlp.add_pipe("sentencizer")

    def __call__(self, doc: Document) -> Document:
        for segment, parsed in zip(doc.segments, self._nlp.pipe(s.source for s in doc.segments), strict=True):
            segment.sentences = [s.text for s in parsed.sents if s.text.strip()]
        return doc
