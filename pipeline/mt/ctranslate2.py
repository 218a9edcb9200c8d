"""NLLB-family models in CTranslate2 format, decoded safely (`seq2seq`)."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .options import MAX_BATCH_SIZE, ModelOptions
from .seq2seq import Decoded, SafeDecodingTranslator, files_identity, find_spm_model

DEFAULT_POSITIONS = 256
"""Position encodings assumed where model.bin cannot be read (the tiny model's count)."""


def model_identity(model_dir: Path) -> str:
    """Content hash of the weights, vocabulary and tokenizer: the model part of run signatures."""
    names = ("model.bin", "config.json", "shared_vocabulary.json", find_spm_model(model_dir).name)
    return files_identity(model_dir, names)


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


class CTranslate2Translator(SafeDecodingTranslator):
    """Batch translation with every decoding option explicit, as CTranslate2's own API."""

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "cpu",
        compute_type: str = "default",
        beam_size: int = 4,
        max_batch_size: int = MAX_BATCH_SIZE,
        max_decoding_length: int = 256,
        intra_threads: int = 0,
    ):
        import ctranslate2

        if not (model_dir / "model.bin").is_file():
            raise InputError("not a CTranslate2 model directory (no model.bin)", model_dir)
        super().__init__(
            find_spm_model(model_dir),
            model_positions(model_dir) or DEFAULT_POSITIONS,
            beam_size=beam_size,
            max_decoding_length=max_decoding_length,
        )
        self.model_dir = model_dir
        self.identity = model_identity(model_dir)
        self.device = device
        self.compute_type = compute_type
        self.max_batch_size = max_batch_size
        self._translator = ctranslate2.Translator(
            str(model_dir), device=device, compute_type=compute_type, intra_threads=intra_threads
        )

    @classmethod
    def from_options(cls, options: ModelOptions, cache_dir: Path) -> CTranslate2Translator:
        """The model named by `options.name_or_path` (a directory or a known model in the cache)."""
        from .resolve import resolve_model_dir

        return cls(
            resolve_model_dir(options.name_or_path, cache_dir, options.registry),
            device=options.device,
            compute_type=options.compute_type,
            beam_size=options.beam_size,
            max_batch_size=options.max_batch_size,
            max_decoding_length=options.max_decoding_length,
            intra_threads=options.intra_threads,
        )

    def _batch(
        self, inputs: list[list[str]], tgt_code: str, num_hypotheses: int, **guard: float
    ) -> list[Decoded]:
        results = self._translator.translate_batch(
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
        return [Decoded(result.hypotheses, result.scores) for result in results]
