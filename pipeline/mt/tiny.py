"""Build the project's tiny NLLB-architecture model from a corpus's train split.

The recipe is the real one at toy size: a sentencepiece BPE vocabulary, an NLLB tokenizer over
it, an M2M100 (NLLB architecture) model trained with transformers, converted to CTranslate2. The
Hugging Face copy is kept in `hf/` inside the CTranslate2 directory, so that both backends can run
the same weights. It only memorizes its train split; its output is never a quality figure.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from ..formats.corpus import Corpus
from ..languages import nllb_code
from ..terminology.finder import TermFinder
from ..terminology.glossary import Glossary
from ..terminology.placeholders import DEFAULT_STYLE, PLACEHOLDERS
from .resolve import HF_SUBDIR

SPM_FILE = "sentencepiece.bpe.model"


@dataclass(frozen=True)
class TinyRecipe:
    """Every knob of the tiny model; part of its cache key."""

    vocab_size: int = 2000
    d_model: int = 192
    layers: int = 2
    heads: int = 4
    ffn_dim: int = 512
    epochs: int = 30
    batch_size: int = 24
    learning_rate: float = 2e-3
    warmup_steps: int = 60
    seed: int = 1234
    threads: int = 2
    placeholders: bool = True
    """Teach the model term placeholders (single vocabulary pieces and pairs that hold them). A
    model without them is like NLLB, whose vocabulary has none: it tests protection that must work
    with any vocabulary."""
    recipe_version: int = 2


def training_pairs(corpus: Corpus, targets: list[str]) -> list[tuple[str, str, str]]:
    """(source text, target language, reference) for every train line and target language."""
    lines = corpus.line_indices("train" if "train" in corpus.splits else "all")
    return [(corpus.source[i], lang, corpus.references[lang][i]) for lang in targets for i in lines]


def placeholder_pairs(pairs: list[tuple[str, str, str]], glossary: Glossary) -> list[tuple[str, str, str]]:
    """Copies of the pairs whose glossary terms appear in both source and reference, with each
    term replaced by a numbered placeholder on both sides: the model learns to carry placeholders
    through, which is what term protection needs."""
    finder = TermFinder(glossary)
    augmented = []
    for source, lang, reference in pairs:
        spans, forms = [], []
        for start, end, concept in finder.find(source):
            form = concept.forms.get(lang)
            if not form or form not in reference or form in forms:
                spans = []
                break
            spans.append((start, end))
            forms.append(form)
        target = reference
        for placeholder, form in zip(PLACEHOLDERS, forms, strict=False):
            target = target.replace(form, placeholder, 1)
        if spans and all(placeholder in target for placeholder in PLACEHOLDERS[: len(forms)]):
            augmented.append((DEFAULT_STYLE.protect(source, spans), lang, target))
    return augmented


def all_training_pairs(
    corpus: Corpus, targets: list[str], glossary: Glossary, recipe: TinyRecipe
) -> list[tuple[str, str, str]]:
    pairs = training_pairs(corpus, targets)
    return pairs + placeholder_pairs(pairs, glossary) if recipe.placeholders else pairs


def cache_key(corpus: Corpus, targets: list[str], glossary: Glossary, recipe: TinyRecipe) -> str:
    """Content hash of everything the model is built from."""
    digest = hashlib.sha256()
    digest.update(json.dumps(asdict(recipe), sort_keys=True).encode())
    digest.update(corpus.source_lang.encode())
    for source, lang, reference in all_training_pairs(corpus, targets, glossary, recipe):
        digest.update(f"{lang}\t{source}\t{reference}\n".encode())
    return digest.hexdigest()[:16]


def build_tiny_model(
    corpus: Corpus, targets: list[str], glossary: Glossary, cache_dir: Path, recipe: TinyRecipe | None = None
) -> Path:
    """Return the CTranslate2 directory of the tiny model (its Hugging Face copy in `hf/`),
    building it only if not cached."""
    recipe = recipe or TinyRecipe()
    out = cache_dir / "models" / f"tiny-{cache_key(corpus, targets, glossary, recipe)}"
    if (out / "model.bin").is_file() and (out / HF_SUBDIR / "config.json").is_file():
        return out
    pairs = all_training_pairs(corpus, targets, glossary, recipe)
    from transformers.utils import logging

    logging.disable_progress_bar()
    with tempfile.TemporaryDirectory(prefix="mtpipe-tiny-") as tmp:
        hf_dir = Path(tmp) / HF_SUBDIR
        tokenizer = _train_tokenizer(corpus.source_lang, pairs, hf_dir, recipe)
        model = _train_model(corpus.source_lang, pairs, tokenizer, hf_dir / SPM_FILE, recipe)
        model.save_pretrained(hf_dir)
        tokenizer.save_pretrained(hf_dir)
        staging = Path(tmp) / "ct2"
        _convert(hf_dir, staging)
        (staging / "mtpipe-model.json").write_text(
            json.dumps({"name": "tiny", "recipe": asdict(recipe), "targets": targets}, indent=2)
        )
        shutil.move(str(hf_dir), staging / HF_SUBDIR)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(out, ignore_errors=True)
        shutil.move(str(staging), out)
    return out


def _train_tokenizer(source_lang: str, pairs, hf_dir: Path, recipe: TinyRecipe):
    import sentencepiece as spm
    from transformers import NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    hf_dir.mkdir(parents=True)
    texts = sorted({text for source, _, ref in pairs for text in (source, ref)})
    text_file = hf_dir.parent / "spm-train.txt"
    text_file.write_text("\n".join(texts) + "\n", encoding="utf-8")
    spm.set_random_generator_seed(recipe.seed)
    spm.SentencePieceTrainer.train(
        input=str(text_file),
        model_prefix=str(hf_dir / "spm"),
        model_type="bpe",
        vocab_size=recipe.vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
        user_defined_symbols=list(PLACEHOLDERS) if recipe.placeholders else [],
    )
    (hf_dir / "spm.model").rename(hf_dir / SPM_FILE)
    (hf_dir / "spm.vocab").unlink()
    return NllbTokenizer.from_pretrained(
        hf_dir, src_lang=nllb_code(source_lang), extra_special_tokens=FAIRSEQ_LANGUAGE_CODES
    )


def _train_model(source_lang: str, pairs, tokenizer, spm_model: Path, recipe: TinyRecipe):
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    torch.manual_seed(recipe.seed)
    torch.set_num_threads(recipe.threads)
    torch.use_deterministic_algorithms(True)
    config = M2M100Config(
        vocab_size=len(tokenizer),
        d_model=recipe.d_model,
        encoder_layers=recipe.layers,
        decoder_layers=recipe.layers,
        encoder_attention_heads=recipe.heads,
        decoder_attention_heads=recipe.heads,
        encoder_ffn_dim=recipe.ffn_dim,
        decoder_ffn_dim=recipe.ffn_dim,
        max_position_embeddings=256,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        encoder_layerdrop=0.0,
        decoder_layerdrop=0.0,
        scale_embedding=True,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
    )
    model = M2M100ForConditionalGeneration(config)
    examples = _encode_pairs(source_lang, pairs, tokenizer, spm_model)
    optimizer = torch.optim.AdamW(model.parameters(), lr=recipe.learning_rate, weight_decay=0.0)
    steps_per_epoch = -(-len(examples) // recipe.batch_size)
    total = steps_per_epoch * recipe.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda step: min((step + 1) / recipe.warmup_steps, max(0.05, 1 - step / total)),
    )
    shuffler = random.Random(recipe.seed)
    model.train()
    for _ in range(recipe.epochs):
        order = list(range(len(examples)))
        shuffler.shuffle(order)
        for start in range(0, len(order), recipe.batch_size):
            batch = [examples[i] for i in order[start : start + recipe.batch_size]]
            inputs = _collate(batch, tokenizer.pad_token_id)
            loss = model(**inputs).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
    model.eval()
    return model


def _encode_pairs(source_lang: str, pairs, tokenizer, spm_model: Path) -> list[tuple[list[int], list[int]]]:
    """Token ids as NLLB sees them: `src_lang x </s>` in, `tgt_lang y </s>` out. Pieces come from
    sentencepiece itself, as at translation time (placeholders stay single pieces)."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_file=str(spm_model))

    def ids(text: str) -> list[int]:
        return tokenizer.convert_tokens_to_ids(processor.encode(text, out_type=str))

    src_code = tokenizer.convert_tokens_to_ids(nllb_code(source_lang))
    eos = tokenizer.eos_token_id
    return [
        (
            [src_code, *ids(source), eos],
            [tokenizer.convert_tokens_to_ids(nllb_code(lang)), *ids(reference), eos],
        )
        for source, lang, reference in pairs
    ]


def _collate(batch, pad_id: int):
    import torch

    src_len = max(len(src) for src, _ in batch)
    tgt_len = max(len(tgt) for _, tgt in batch)
    input_ids = torch.full((len(batch), src_len), pad_id)
    attention = torch.zeros((len(batch), src_len), dtype=torch.long)
    labels = torch.full((len(batch), tgt_len), -100)
    for row, (src, tgt) in enumerate(batch):
        input_ids[row, : len(src)] = torch.tensor(src)
        attention[row, : len(src)] = 1
        labels[row, : len(tgt)] = torch.tensor(tgt)
    return {"input_ids": input_ids, "attention_mask": attention, "labels": labels}


def _convert(hf_dir: Path, out: Path) -> None:
    import ctranslate2

    converter = ctranslate2.converters.TransformersConverter(str(hf_dir), copy_files=[SPM_FILE])
    converter.convert(str(out))
