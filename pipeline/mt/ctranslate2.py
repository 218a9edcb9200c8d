"""NLLB-family models in CTranslate2 format, tokenized with their own sentencepiece model, decoded
safely: inputs over the model's token budget are cut into pieces (`splitting`) and never truncated,
output cut at the decoding limit or looping is decoded again with a repetition guard and noted
if it still fails, and unknown or special tokens never reach the output."""

from __future__ import annotations

import hashlib
import struct
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..languages import nllb_code
from . import safety, splitting
from .base import Terms, code_version
from .options import ModelOptions
from .safety import GUARD, DecodeNote, combined, problems
from .splitting import split_to_budget

SPM_FILES = ("sentencepiece.bpe.model", "spm.model")
TRAINED_TOKENS = 512
"""NLLB-200 was trained on inputs of at most 512 tokens: no input piece is longer."""
DEFAULT_POSITIONS = 256
"""Position encodings assumed where model.bin cannot be read (the tiny model's count)."""


def find_spm_model(model_dir: Path) -> Path:
    """The sentencepiece model shipped beside a converted model."""
    for name in SPM_FILES:
        if (model_dir / name).is_file():
            return model_dir / name
    raise InputError(f"no sentencepiece model ({' or '.join(SPM_FILES)}) in the model directory", model_dir)


def model_identity(model_dir: Path) -> str:
    """Content hash of the weights, vocabulary and tokenizer: the model part of run signatures."""
    digest = hashlib.sha256()
    for name in (
        "model.bin",
        "config.json",
        "shared_vocabulary.json",
        find_spm_model(model_dir).name,
    ):
        path = model_dir / name
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def _read_string(handle: BinaryIO) -> str:
    (length,) = struct.unpack("<H", handle.read(2))
    return handle.read(length)[:-1].decode("utf-8")


def model_positions(model_dir: Path) -> int | None:
    """How many positions the model encodes: the first dimension of its position-encoding table in
    model.bin (CTranslate2's format, version 6: header, then each variable's name, shape, type and
    bytes), or None where the file holds none (relative positions) or cannot be read."""
    try:
        with (model_dir / "model.bin").open("rb") as handle:
            handle.read(4)  # binary version
            _read_string(handle)  # spec name
            _, count = struct.unpack("<II", handle.read(8))  # spec revision, variables
            for _ in range(count):
                name = _read_string(handle)
                (rank,) = struct.unpack("<B", handle.read(1))
                shape = struct.unpack(f"<{rank}I", handle.read(4 * rank))
                _, size = struct.unpack("<BI", handle.read(5))  # type, bytes
                if name.endswith("position_encodings/encodings") and rank == 2:
                    return shape[0]
                handle.seek(size, 1)
    except (OSError, struct.error, UnicodeDecodeError):
        return None
    return None


class CTranslate2Translator:
    """Batch translation with every decoding option explicit, as CTranslate2's own API."""

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "cpu",
        compute_type: str = "default",
        beam_size: int = 4,
        max_batch_size: int = 32,
        max_decoding_length: int = 256,
        intra_threads: int = 0,
    ):
        import ctranslate2
        import sentencepiece

        if not (model_dir / "model.bin").is_file():
            raise InputError("not a CTranslate2 model directory (no model.bin)", model_dir)
        self.model_dir = model_dir
        self.identity = model_identity(model_dir)
        self.device = device
        self.compute_type = compute_type
        self.beam_size = beam_size
        self.max_batch_size = max_batch_size
        positions = model_positions(model_dir) or DEFAULT_POSITIONS
        self.max_decoding_length = min(max_decoding_length, positions)
        self.max_input_length = min(positions, TRAINED_TOKENS)
        self.input_budget = min(self.max_input_length, self.max_decoding_length // 2) - 2
        """Tokens of text per input piece: the language code and </s> fill the rest of the input,
        and half the decoding limit keeps room for an output longer than its input."""
        self._spm = sentencepiece.SentencePieceProcessor(model_file=str(find_spm_model(model_dir)))
        self._translator = ctranslate2.Translator(
            str(model_dir), device=device, compute_type=compute_type, intra_threads=intra_threads
        )

    @classmethod
    def from_options(cls, options: ModelOptions, cache_dir: Path) -> CTranslate2Translator:
        """The model named by `options.name_or_path` (a directory or a known model in the cache)."""
        from .resolve import resolve_model_dir

        return cls(
            resolve_model_dir(options.name_or_path, cache_dir),
            device=options.device,
            compute_type=options.compute_type,
            beam_size=options.beam_size,
            max_batch_size=options.max_batch_size,
            max_decoding_length=options.max_decoding_length,
            intra_threads=options.intra_threads,
        )

    def options_key(self) -> str:
        """The decoding options that change output, and this module's processing version."""
        return (
            f"beam={self.beam_size};maxlen={self.max_decoding_length};maxin={self.max_input_length};"
            f"budget={self.input_budget};guard={GUARD};device={self.device};"
            f"compute={self.compute_type};"
            f"processing={code_version(sys.modules[__name__], splitting, safety)}"
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

    def _encode(self, text: str) -> list[str]:
        return self._spm.encode(text, out_type=str)

    def _decoded(
        self, inputs: list[list[str]], tgt_code: str, num_hypotheses: int
    ) -> list[list[tuple[str, DecodeNote]]]:
        """Per input piece, its hypotheses as text with their notes. A piece whose best output hit
        the decoding limit or loops is decoded again with the repetition guard; its hypotheses are
        then the first decoding's sound ones, best first, followed by the guarded decoding's."""
        limit = self.max_decoding_length
        results = self._batch(inputs, tgt_code, num_hypotheses)
        found = [
            [(tokens, score, ()) for tokens, score in zip(r.hypotheses, r.scores, strict=True)]
            for r in results
        ]
        redo = [i for i, hypotheses in enumerate(found) if problems(hypotheses[0][0], limit)]
        for i, result in zip(
            redo, self._batch([inputs[i] for i in redo], tgt_code, num_hypotheses, **GUARD), strict=True
        ):
            first = tuple(problems(found[i][0][0], limit))
            sound = [hypothesis for hypothesis in found[i] if not problems(hypothesis[0], limit)]
            guarded = [
                (tokens, score, first) for tokens, score in zip(result.hypotheses, result.scores, strict=True)
            ]
            found[i] = (sound + guarded)[:num_hypotheses]
        return [[self._finished(*hypothesis) for hypothesis in hypotheses] for hypotheses in found]

    def _batch(self, inputs: list[list[str]], tgt_code: str, num_hypotheses: int, **guard):
        if not inputs:
            return []
        return self._translator.translate_batch(
            inputs,
            target_prefix=[[tgt_code]] * len(inputs),
            beam_size=max(self.beam_size, num_hypotheses),
            num_hypotheses=num_hypotheses,
            max_batch_size=self.max_batch_size,
            max_input_length=self.max_input_length,
            max_decoding_length=self.max_decoding_length,
            return_scores=True,
            **guard,
        )

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
