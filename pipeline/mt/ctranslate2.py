"""NLLB-family models in CTranslate2 format, tokenized with their own sentencepiece model."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from ..languages import nllb_code
from .base import Terms, code_version
from .options import ModelOptions

SPM_FILES = ("sentencepiece.bpe.model", "spm.model")


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
        self.max_decoding_length = max_decoding_length
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
            f"beam={self.beam_size};maxlen={self.max_decoding_length};device={self.device};"
            f"compute={self.compute_type};processing={code_version(sys.modules[__name__])}"
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
        """The `num_hypotheses` best translations of each text, best first (the beam is at least that
        wide); CTranslate2 re-batches the texts by length (`max_batch_size`). `terms` is not used."""
        if not texts:
            return []
        src_code, tgt_code = nllb_code(source), nllb_code(target)
        tokens = [[src_code, *self._spm.encode(text, out_type=str), "</s>"] for text in texts]
        results = self._translator.translate_batch(
            tokens,
            target_prefix=[[tgt_code]] * len(tokens),
            beam_size=max(self.beam_size, num_hypotheses),
            num_hypotheses=num_hypotheses,
            max_batch_size=self.max_batch_size,
            max_decoding_length=self.max_decoding_length,
        )
        return [[self._spm.decode(pieces[1:]) for pieces in result.hypotheses] for result in results]
