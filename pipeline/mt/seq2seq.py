"""Safe decoding for NLLB-family models, whatever engine runs them: texts tokenized with the
model's own sentencepiece model, inputs over the model's token budget cut into pieces
(`splitting`) and never truncated, output cut at the decoding limit or looping decoded again with
a repetition guard and noted if it still fails, unknown or special tokens never in the output. An
engine (CTranslate2, transformers) supplies only `_batch`: token lists in, hypotheses out."""

from __future__ import annotations

import hashlib
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..languages import nllb_code
from . import safety, splitting
from .base import Terms, code_version
from .safety import GUARD, DecodeNote, combined, problems
from .splitting import split_to_budget

SPM_FILES = ("sentencepiece.bpe.model", "spm.model")
TRAINED_TOKENS = 512
"""NLLB-200 was trained on inputs of at most 512 tokens: no input piece is longer."""


def find_spm_model(model_dir: Path) -> Path:
    """The sentencepiece model shipped beside a model."""
    for name in SPM_FILES:
        if (model_dir / name).is_file():
            return model_dir / name
    raise InputError(f"no sentencepiece model ({' or '.join(SPM_FILES)}) in the model directory", model_dir)


def files_identity(model_dir: Path, names: Iterable[str]) -> str:
    """Content hash of the named files of a model directory (those present)."""
    digest = hashlib.sha256()
    for name in names:
        path = model_dir / name
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Decoded:
    """One input's hypotheses as an engine returns them: tokens (the target-language token first,
    no end token) and their length-normalized log-probabilities, best first."""

    hypotheses: list[list[str]]
    scores: list[float]


class SafeDecodingTranslator(ABC):
    """The `Translator` protocol over an engine's batch decoding, with safe decoding."""

    identity: str
    device: str
    compute_type: str
    """The engine's number format (part of the options key)."""

    def __init__(self, spm_model: Path, positions: int, *, beam_size: int, max_decoding_length: int):
        import sentencepiece

        self.beam_size = beam_size
        self.max_decoding_length = min(max_decoding_length, positions)
        self.max_input_length = min(positions, TRAINED_TOKENS)
        self.input_budget = min(self.max_input_length, self.max_decoding_length // 2) - 2
        """Tokens of text per input piece: the language code and </s> fill the rest of the input,
        and half the decoding limit keeps room for an output longer than its input."""
        self._spm = sentencepiece.SentencePieceProcessor(model_file=str(spm_model))

    @abstractmethod
    def _batch(
        self, inputs: list[list[str]], tgt_code: str, num_hypotheses: int, **guard: float
    ) -> list[Decoded]:
        """Decode token lists (`src_lang … </s>`) into `tgt_code`, `num_hypotheses` each, with
        `guard` (`safety.GUARD`'s options) where given."""

    def decoding_key(self) -> str:
        """The safe-decoding options that change output (part of every engine's options key)."""
        return (
            f"beam={self.beam_size};maxlen={self.max_decoding_length};maxin={self.max_input_length};"
            f"budget={self.input_budget};guard={GUARD}"
        )

    def options_key(self) -> str:
        """The decoding options that change output, and the engine's processing version (its
        module's code and safe decoding's)."""
        engine = sys.modules[type(self).__module__]
        return (
            f"{self.decoding_key()};device={self.device};compute={self.compute_type};"
            f"processing={code_version(engine, sys.modules[__name__], splitting, safety)}"
        )

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        terms: Sequence[Terms] | None = None,
    ) -> list[list[str]]:
        """The `num_hypotheses` best translations of each text, best first. `terms` is not used."""
        found = self.translate_noted(texts, source, target, num_hypotheses=num_hypotheses)
        return [[text for text, _ in hypotheses] for hypotheses in found]

    def translate_noted(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        *,
        num_hypotheses: int = 1,
        terms: Sequence[Terms] | None = None,
    ) -> list[list[tuple[str, DecodeNote]]]:
        """Each text's `num_hypotheses` best translations with what safe decoding did for them.
        Texts over the token budget are cut into pieces whose translations are joined by a space
        (hypothesis k of a text joins hypothesis k of its pieces)."""
        if not texts:
            return []
        src_code, tgt_code = nllb_code(source), nllb_code(target)
        splits = [split_to_budget(text, self._encode, self.input_budget) for text in texts]
        inputs = [[src_code, *piece, "</s>"] for pieces in splits for piece in pieces]
        decoded = iter(self._decoded(inputs, tgt_code, num_hypotheses))
        found = []
        for pieces in splits:
            outputs = [next(decoded) for _ in pieces]
            found.append([self._joined([out[k] for out in outputs]) for k in range(num_hypotheses)])
        return found

    def encodes(self, text: str) -> bool:
        """Whether the model's vocabulary holds every piece of `text` (none is unknown)."""
        return self._spm.unk_id() not in self._spm.encode(text)

    def _encode(self, text: str) -> list[str]:
        return self._spm.encode(text, out_type=str)

    def _decoded(
        self, inputs: list[list[str]], tgt_code: str, num_hypotheses: int
    ) -> list[list[tuple[str, DecodeNote]]]:
        """Per input piece, its hypotheses as text with their notes. A piece whose best output hit
        the decoding limit or loops is decoded again with the repetition guard; its hypotheses are
        then the first decoding's sound ones, best first, followed by the guarded decoding's."""
        limit = self.max_decoding_length
        results = self._batch(inputs, tgt_code, num_hypotheses) if inputs else []
        found = [
            [(tokens, score, ()) for tokens, score in zip(r.hypotheses, r.scores, strict=True)]
            for r in results
        ]
        redo = [i for i, hypotheses in enumerate(found) if problems(hypotheses[0][0], limit)]
        again = self._batch([inputs[i] for i in redo], tgt_code, num_hypotheses, **GUARD) if redo else []
        for i, result in zip(redo, again, strict=True):
            first = tuple(problems(found[i][0][0], limit))
            sound = [hypothesis for hypothesis in found[i] if not problems(hypothesis[0], limit)]
            guarded = [
                (tokens, score, first) for tokens, score in zip(result.hypotheses, result.scores, strict=True)
            ]
            found[i] = (sound + guarded)[:num_hypotheses]
        return [[self._finished(*hypothesis) for hypothesis in hypotheses] for hypotheses in found]

    def _finished(self, tokens: list[str], score: float, guarded: tuple) -> tuple[str, DecodeNote]:
        """An output's text without unknown or special tokens (language codes, <unk>: pieces the
        sentencepiece model does not know or that are control symbols), and its note (`guarded`:
        the problems that made it come from the guarded decoding)."""
        kept = [t for t in tokens[1:] if not self._special(t)]
        removed = tuple(t for t in tokens[1:] if self._special(t))
        note = DecodeNote(
            retried=int(bool(guarded)),
            guarded=guarded,
            failed=tuple(problems(tokens, self.max_decoding_length)),
            removed=removed,
            score=score,
        )
        return self._spm.decode(kept), note

    def _special(self, token: str) -> bool:
        piece = self._spm.piece_to_id(token)
        return piece == self._spm.unk_id() or self._spm.is_control(piece)

    @staticmethod
    def _joined(pieces: list[tuple[str, DecodeNote]]) -> tuple[str, DecodeNote]:
        text = " ".join(text for text, _ in pieces if text)
        return text, combined(note for _, note in pieces)
