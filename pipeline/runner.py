"""The job runner: load the corpus, run the configured stages in order, write the run's outputs."""

from __future__ import annotations

import json
import time
from importlib.metadata import version
from pathlib import Path

from .config import JobConfig
from .corpus import Corpus, load_corpus
from .document import Document, Segment
from .errors import InputError
from .models.resolve import resolve_model
from .stages import StageContext, get_stage_factory
from .textio import write_jsonl, write_lines


def build_document(corpus: Corpus, targets: list[str], split: str) -> Document:
    lines = corpus.line_indices(split)
    return Document(
        source_lang=corpus.source_lang,
        targets=targets,
        segments=[Segment(line=i + 1, source=corpus.source[i]) for i in lines],
        references={
            lang: [corpus.references[lang][i] for i in lines] for lang in targets if lang in corpus.references
        },
    )


def run_job(job: JobConfig) -> Document:
    """Run every stage of `job.pipeline` over the corpus and write the outputs to `job.out`."""
    corpus = load_corpus(job.corpus)
    if corpus.source_lang in job.targets:
        raise InputError(f"target {corpus.source_lang!r} is the source language", corpus.source_path)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    model_dir = None
    if "translate" in job.pipeline and job.model.backend == "ctranslate2":
        model_dir = resolve_model(job.model.name_or_path, job.cache_dir, corpus, job.glossary.path)
        timings["model"] = round(time.perf_counter() - started, 3)
    context = StageContext(job=job, model_dir=model_dir)
    doc = build_document(corpus, job.targets, job.split)
    for name in job.pipeline:
        stage_started = time.perf_counter()
        doc = get_stage_factory(name)(context)(doc)
        timings[name] = round(time.perf_counter() - stage_started, 3)
    write_outputs(job, doc, timings)
    return doc


def run_signature(job: JobConfig, doc: Document) -> dict:
    """What a run's outputs depend on: code version, model identity, glossary and options."""
    return {
        "mtpipe": version("mtpipe"),
        "model": doc.stats.get("model", {}).get("id"),
        "glossary": doc.stats.get("glossary", {}).get("hash"),
        "options": job.model.model_dump(exclude={"name_or_path"}) | {"pipeline": job.pipeline},
    }


def write_outputs(job: JobConfig, doc: Document, timings: dict[str, float]) -> None:
    out: Path = job.out
    out.mkdir(parents=True, exist_ok=True)
    for lang in doc.targets:
        write_lines(out / f"hyp.{lang}.txt", (s.translations.get(lang, "") for s in doc.segments))
    write_jsonl(out / "edits.jsonl", (e for s in doc.segments for e in s.edit_records()))
    if doc.scores:
        (out / "scores.json").write_text(
            json.dumps(doc.scores, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    summary = {
        "corpus": str(job.corpus),
        "split": job.split,
        "segments": len(doc.segments),
        "targets": doc.targets,
        "model_calls": doc.stats.get("model_calls", 0),
        "cache_hits": doc.stats.get("cache_hits", 0),
        "protected_sentences": doc.stats.get("protected_sentences", 0),
        "protect_fallbacks": doc.stats.get("protect_fallbacks", 0),
        "term_replacements": doc.stats.get("term_replacements", 0),
        "seconds": timings,
        "signature": run_signature(job, doc),
    }
    (out / "run.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
