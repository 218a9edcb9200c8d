"""NLLB-family models in Hugging Face format run with transformers' `generate`, decoded safely
(`seq2seq`) exactly as the CTranslate2 backend: the reference the faster engines are checked
against, with the n-best lists that term protection needs (`num_return_sequences`)."""

from __future__ import annotations

from pathlib import Path

from .options import MAX_BATCH_SIZE, ModelOptions
from .seq2seq import Decoded, SafeDecodingTranslator, files_identity, find_spm_model

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def model_identity(hf_dir: Path) -> str:
    """Content hash of the weights, configuration and tokenizer."""
    return files_identity(hf_dir, (*WEIGHT_FILES, "config.json", find_spm_model(hf_dir).name))


class TransformersTranslator(SafeDecodingTranslator):
    """Batch translation with `model.generate`; tokens as the CTranslate2 backend makes them."""

    def __init__(
        self,
        hf_dir: Path,
        *,
        device: str = "cpu",
        beam_size: int = 4,
        max_batch_size: int = MAX_BATCH_SIZE,
        max_decoding_length: int = 256,
        intra_threads: int = 0,
    ):
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging

        logging.disable_progress_bar()
        if intra_threads:
            torch.set_num_threads(intra_threads)
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self._model = AutoModelForSeq2SeqLM.from_pretrained(hf_dir, dtype=torch.float32).to(device).eval()
        self._tokenizer = AutoTokenizer.from_pretrained(hf_dir)
        super().__init__(
            find_spm_model(hf_dir),
            self._model.config.max_position_embeddings,
            beam_size=beam_size,
            max_decoding_length=max_decoding_length,
        )
        self.model_dir = hf_dir
        self.identity = model_identity(hf_dir)
        self.device = device
        self.compute_type = "float32"
        self.max_batch_size = max_batch_size

    @classmethod
    def from_options(cls, options: ModelOptions, cache_dir: Path) -> TransformersTranslator:
        """The model named by `options.name_or_path`: a Hugging Face directory, a CTranslate2
        directory with its `hf/` copy (the tiny model), or a known model in the hub cache."""
        from .resolve import resolve_hf_dir

        return cls(
            resolve_hf_dir(options.name_or_path, cache_dir, options.registry),
            device=options.device,
            beam_size=options.beam_size,
            max_batch_size=options.max_batch_size,
            max_decoding_length=options.max_decoding_length,
            intra_threads=options.intra_threads,
        )

    def _batch(
        self, inputs: list[list[str]], tgt_code: str, num_hypotheses: int, **guard: float
    ) -> list[Decoded]:
        found: list[Decoded] = []
        for start in range(0, len(inputs), self.max_batch_size):
            chunk = inputs[start : start + self.max_batch_size]
            found += self._generate(chunk, tgt_code, num_hypotheses, guard)
        return found

    def _generate(
        self, inputs: list[list[str]], tgt_code: str, num_hypotheses: int, guard: dict[str, float]
    ) -> list[Decoded]:
        import torch

        tokenizer = self._tokenizer
        ids = [tokenizer.convert_tokens_to_ids(tokens)[: self.max_input_length] for tokens in inputs]
        width = max(map(len, ids))
        input_ids = torch.tensor([row + [tokenizer.pad_token_id] * (width - len(row)) for row in ids])
        mask = torch.tensor([[1] * len(row) + [0] * (width - len(row)) for row in ids])
        beams = max(self.beam_size, num_hypotheses)
        with torch.inference_mode():
            out = self._model.generate(
                input_ids=input_ids.to(self.device),
                attention_mask=mask.to(self.device),
                forced_bos_token_id=tokenizer.convert_tokens_to_ids(tgt_code),
                num_beams=beams,
                num_return_sequences=num_hypotheses,
                do_sample=False,
                max_length=self.max_decoding_length + 1,
                return_dict_in_generate=True,
                output_scores=True,
                **guard,
            )
            steps = self._model.compute_transition_scores(
                out.sequences, out.scores, getattr(out, "beam_indices", None), normalize_logits=beams == 1
            )
        return [
            Decoded(
                [self._tokens(out.sequences[i * num_hypotheses + k]) for k in range(num_hypotheses)],
                [self._score(steps[i * num_hypotheses + k]) for k in range(num_hypotheses)],
            )
            for i in range(len(inputs))
        ]

    def _tokens(self, sequence) -> list[str]:
        """A generated sequence as the CTranslate2 backend's hypotheses: the target-language token
        first, without the decoder's start token, the end token and padding."""
        ids = sequence.tolist()[1:]
        eos = self._tokenizer.eos_token_id
        return self._tokenizer.convert_ids_to_tokens(ids[: ids.index(eos)] if eos in ids else ids)

    @staticmethod
    def _score(steps) -> float:
        """Length-normalized log-probability of one hypothesis (padding steps are 0 or -inf)."""
        finite = steps[steps.isfinite() & (steps != 0)]
        return float(finite.mean()) if len(finite) else 0.0
