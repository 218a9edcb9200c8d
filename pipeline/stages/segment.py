"""The `segment` stage: each source line split into sentences; the line stays one output line."""

from __future__ import annotations

from ..document import Document
from ..normalize.sentences import SentenceSplitter
from .base import Stage, StageContext


class SentenceSegmenter(Stage):
    name = "segment"
    config = {}
    assigns = ("sentences",)
    follows = ("normalize",)

    def __init__(self, context: StageContext):
        super().__init__(context)
        self._split = SentenceSplitter()

    def __call__(self, doc: Document) -> Document:
        for segment, sentences in zip(doc.segments, self._split(s.source for s in doc.segments), strict=True):
            segment.sentences = sentences
        return doc
