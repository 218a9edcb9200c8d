"""The job runner: check the configured stages against each other, build them, run them over the
corpus and write the run's outputs. The only importer of `pipeline.stages`."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .config import JobConfig, JobOptions, TranslateJob
from .document import Document, RunStats, Segment
from .errors import InputError, describe_validation_error
from .evaluation.metrics import preprocess, segmented_by_mtpipe
from .formats.base import SourceText, Translation
from .formats.corpus import Corpus, load_corpus
from .formats.tmx import memory_bytes, read_memory
from .formats.tree import COMMAND, InputFile, beside, staged_directory
from .mt import ModelOptions
from .mt.base import code_version
from .mt.resolve import TINY
from .paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY
from .stages import STAGES, Stage, StageContext, stage_class
from .stages.base import GlossaryOptions
from .textio import write_atomic, write_jsonl, write_lines

PACKAGE_DIR = Path(__file__).resolve().parent
RUN_COMMAND = "run"
"""What `run.json` of an output directory of `mtpipe run` says in `command`."""


def validate_sections(job: JobOptions) -> dict[str, BaseModel]:
    """Every section of the job validated by the schema of the stages that read it; a section no
    stage reads is an unknown key. Only the pipeline's stages are imported, unless a section
    belongs to another stage."""
    schemas = {name: schema for cls in map(stage_class, job.pipeline) for name, schema in cls.config.items()}
    for name in set(job.sections) - set(schemas):
        schemas |= {
            section: schema for cls in map(stage_class, STAGES) for section, schema in cls.config.items()
        }
        if name not in schemas:
            raise InputError(f"{name}: unknown key", job.source)
    sections = {}
    for name, schema in schemas.items():
        try:
            sections[name] = schema.model_validate(job.sections.get(name, {}))
        except ValidationError as err:
            raise InputError(describe_validation_error(err, prefix=f"{name}."), job.source) from None
    return sections


def check_order(job: JobOptions, sections: Mapping[str, BaseModel]) -> list[type[Stage]]:
    """The pipeline's stage classes, after checking that each one's requirements are assigned by an
    earlier stage and that it runs after the stages it must follow; errors name both stages."""
    classes = [stage_class(name) for name in job.pipeline]
    assigned: set[str] = set()
    for position, cls in enumerate(classes):
        try:
            cls.check_config(sections)
        except ValueError as err:
            raise InputError(str(err), job.source) from None
        later = job.pipeline[position + 1 :]
        for earlier in cls.follows:
            if earlier in later:
                raise InputError(
                    f"{earlier!r} must come before {cls.name!r}: it changes what {cls.name!r} reads",
                    job.source,
                )
        for need in cls.requirements(sections):
            if need not in assigned:
                raise InputError(_missing(cls.name, need, later), job.source)
        assigned.update(cls.assigns)
    return classes


def _missing(stage: str, need: str, later: list[str]) -> str:
    """The error for a requirement no earlier stage assigns, naming the stage that would."""
    providers = [name for name in STAGES if need in stage_class(name).assigns and name != stage]
    after = [name for name in providers if name in later]
    if after:
        return f"{stage!r} needs {need!r}, which {after[0]!r} assigns: put {after[0]!r} before {stage!r}"
    named = " or ".join(map(repr, providers))
    return f"{stage!r} needs {need!r}, which {named} assigns: add it before {stage!r}"


def build_document(corpus: Corpus, targets: list[str], split: str, stats: RunStats) -> Document:
    lines = corpus.line_indices(split)
    return Document(
        source_lang=corpus.source_lang,
        targets=targets,
        segments=[Segment(line=i + 1, source=corpus.source[i], split=corpus.split_of(i)) for i in lines],
        references={
            lang: [corpus.references[lang][i] for i in lines] for lang in targets if lang in corpus.references
        },
        stats=stats,
    )


def build_stages(
    job: JobOptions, out: Path, corpus: Path, glossary: Path | None = None
) -> tuple[dict[str, BaseModel], StageContext, list]:
    """The validated sections, the stages' shared context and the stages, built once (the model
    loaded once); `--model tiny` is built from `corpus` and `glossary` (the job's by default)."""
    sections = validate_sections(job)
    classes = check_order(job, sections)
    if "translate" in job.pipeline:
        glossary = glossary or sections.get("glossary", GlossaryOptions()).path
        sections["model"] = _built_model(sections["model"], corpus, glossary, job.cache_dir)
    context = StageContext(job.targets, out, job.cache_dir, sections)
    stages = [cls(context) for cls in classes]
    for notice in context.stats.notices:
        print(f"mtpipe: {notice}", file=sys.stderr)
    return sections, context, stages


def run_stages(stages: list[Stage], doc: Document, timings: dict[str, float]) -> Document:
    """Each stage over the document in turn, its seconds added to `timings`."""
    for stage in stages:
        started = time.perf_counter()
        doc = stage(doc)
        timings[stage.name] = round(time.perf_counter() - started, 3)
    return doc


def run_job(job: JobConfig) -> Document:
    """Run every stage of `job.pipeline` over the corpus and write the outputs to `job.out`, which
    they replace whole only once all are written (a failure leaves `job.out` as it was)."""
    corpus = load_corpus(job.corpus)
    if corpus.source_lang in job.targets:
        raise InputError(f"target {corpus.source_lang!r} is the source language", corpus.source_path)
    lines = corpus.line_indices(job.split)
    if not lines:
        raise InputError("holds no lines: nothing to translate; add source lines", corpus.source_path)
    with staged_directory(job.out, RUN_COMMAND) as staging:
        started = time.perf_counter()
        sections, context, stages = build_stages(job, staging, job.corpus)
        doc = build_document(corpus, job.targets, job.split, context.stats)
        timings = {"setup": round(time.perf_counter() - started, 3)}
        doc = run_stages(stages, doc, timings)
        write_outputs(job, sections, doc, timings, staging)
    return doc


def translate_files(job: TranslateJob, inputs: list[InputFile], out: Path | None) -> list[dict[str, bytes]]:
    """Every input in every target language (per input, language → the file's bytes), through one
    pipeline built once (one model load for all files); with `out`, `run.json` and the report there.

    A translation memory (`job.tm`) stands in for the model: its exact matches are taken as they
    are, and a segment it holds in every target language is not translated at all. With
    `job.write_tm`, every segment pair of the run is exported as TMX."""
    memory = read_memory(job.tm, job.source_lang) if job.tm else {}
    if out is None:
        job = job.model_copy(update={"pipeline": [name for name in job.pipeline if name != "report"]})
    started = time.perf_counter()
    sections, context, stages = build_stages(job, out or Path("."), DEFAULT_CORPUS, DEFAULT_GLOSSARY)
    segments = [
        Segment(text.line, words, file=str(item.name))
        for item in inputs
        for text in item.content.texts
        for words in text.words()
    ]
    sources = [segment.source for segment in segments]
    remembered = [memory.get(source, {}) for source in sources]
    model_segments = [s for s, known in zip(segments, remembered, strict=True) if not _all_known(job, known)]
    doc = Document(job.source_lang, job.targets, model_segments, stats=context.stats)
    timings = {"setup": round(time.perf_counter() - started, 3)}
    doc = run_stages(stages, doc, timings)
    translated = iter(doc.segments)
    segments = [
        segment if _all_known(job, known) else next(translated)
        for segment, known in zip(segments, remembered, strict=True)
    ]
    tm_hits = {lang: sum(lang in known for known in remembered) for lang in job.targets}
    for segment, known in zip(segments, remembered, strict=True):
        _remembered_translations(segment, known, job.targets)
    if job.write_tm:
        pairs = ((source, s.translations) for source, s in zip(sources, segments, strict=True))
        write_atomic(job.write_tm, memory_bytes(pairs, job.source_lang))
    if out is not None:
        summary = {
            "command": COMMAND,
            "files": [str(item.name) for item in inputs],
            "segments": len(segments),
        }
        summary |= {
            "targets": doc.targets,
            **stats_summary(doc.stats),
            "tm_hits": tm_hits,
            "seconds": timings,
        }
        summary["signature"] = run_signature(
            job,
            sections,
            doc,
            source=job.source_lang,
            overwrite=job.overwrite,
            tm=code_version(job.tm) if job.tm else None,
        )
        write_atomic(out / "run.json", (json.dumps(summary, indent=2) + "\n").encode("utf-8"))
    return _rendered(inputs, iter(segments), job.targets)


def _all_known(job: TranslateJob, known: dict[str, str]) -> bool:
    return all(lang in known for lang in job.targets)


def _remembered_translations(segment: Segment, known: dict[str, str], targets: list[str]) -> None:
    """The memory's translations in place of the model's (whose edits no longer apply)."""
    for lang in targets:
        if lang in known:
            segment.translations[lang] = known[lang]
            segment.edits = [edit for edit in segment.edits if edit.field != f"hyp.{lang}"]


def _rendered(
    inputs: list[InputFile], segments: Iterator[Segment], targets: list[str]
) -> list[dict[str, bytes]]:
    """Each input's bytes per language, from its texts' segments (in the order they were made)."""
    outputs = []
    for item in inputs:
        texts = item.content.texts
        groups = [[next(segments) for _ in text.words()] for text in texts]
        outputs.append(
            {
                lang: item.content.render(
                    [_translation(text, group, lang) for text, group in zip(texts, groups, strict=True)], lang
                )
                for lang in targets
            }
        )
    return outputs


def _translation(text: SourceText, segments: list[Segment], lang: str) -> Translation:
    field = f"hyp.{lang}"
    return Translation(
        text.translated(s.translations.get(lang, "") for s in segments),
        [edit for s in segments for edit in s.edits if edit.field == field],
    )


def translate_job(job: TranslateJob, inputs: list[InputFile], out: Path | None) -> None:
    """Write the inputs' translations into `out` (`out/<lang>/<name>`, replacing an earlier run's
    directory only once this one has succeeded), or beside each input as `a.<lang>.txt`."""
    if out is None:
        for item, files in zip(inputs, translate_files(job, inputs, None), strict=True):
            for lang, data in files.items():
                write_atomic(beside(item.path, lang), data)
        return
    with staged_directory(out) as staging:
        for item, files in zip(inputs, translate_files(job, inputs, staging), strict=True):
            for lang, data in files.items():
                write_atomic(staging / lang / item.name, data)


def _built_model(
    options: ModelOptions, corpus_dir: Path, glossary_path: Path, cache_dir: Path
) -> ModelOptions:
    """`--model tiny` is built from the corpus and glossary (cached by content hash) and used as a
    directory."""
    if options.backend == "openai" or options.name_or_path != TINY:
        return options
    from .mt.tiny import build_tiny_model
    from .terminology.glossary import load_glossary

    corpus = load_corpus(corpus_dir)
    path = build_tiny_model(corpus, sorted(corpus.references), load_glossary(glossary_path), cache_dir)
    return options.model_copy(update={"name_or_path": str(path)})


def processing_version() -> str:
    """Hash of mtpipe's own code and rules: changes whenever its pre- or post-processing does."""
    suffixes = (".py", ".toml", ".j2", ".css", ".js")
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in suffixes and p.is_file())
    return code_version(*files)


def run_signature(job: JobOptions, sections: Mapping[str, BaseModel], doc: Document, **job_options) -> dict:
    """What a run's outputs depend on: code, model identity, glossary content and every option
    (`job_options`: those of the command, such as the split)."""
    options = {name: section.model_dump(mode="json") for name, section in sorted(sections.items())}
    options.get("model", {}).pop("name_or_path", None)  # the model hash identifies the model
    options.get("glossary", {}).pop("path", None)  # the glossary hash identifies the glossary
    return {
        "mtpipe": version("mtpipe"),
        "processing": processing_version(),
        "model": doc.stats.model_id,
        "glossary": doc.stats.glossary_hash,
        "options": options | {"pipeline": job.pipeline, "targets": job.targets, **job_options},
    }


def segment_record(segment: Segment, targets: list[str]) -> dict:
    """One line of `segments.jsonl`: the segment's split, and per language its chrF++, the model's
    score and the flags."""
    return {
        "line": segment.line,
        "split": segment.split,
        **{
            lang: {
                "chrF++": segment.scores.get(lang),
                "model_score": segment.model_scores.get(lang),
                "flags": [asdict(flag) for flag in segment.flags.get(lang, [])],
            }
            for lang in targets
        },
    }


def write_scored_texts(out: Path, doc: Document) -> None:
    """The references as scored (`ref.<lang>.txt`), and for languages mtpipe segments before
    scoring the segmented texts (`scored.<lang>.txt`, `ref-scored.<lang>.txt`), so anyone can
    re-run sacrebleu on exactly what was scored."""
    for lang, references in doc.references.items():
        write_lines(out / f"ref.{lang}.txt", references)
        if segmented_by_mtpipe(lang):
            write_lines(
                out / f"scored.{lang}.txt",
                preprocess(lang, [s.translations.get(lang, "") for s in doc.segments]),
            )
            write_lines(out / f"ref-scored.{lang}.txt", preprocess(lang, references))


def stats_summary(stats: RunStats) -> dict[str, object]:
    """What the stages counted, as `run.json` says it. Placeholder survival is the share of
    protected sentences whose translation carried every placeholder."""
    protected = stats.protected_sentences
    survival = round((protected - stats.protect_fallbacks) / protected, 4) if protected else None
    return {
        "model_loads": stats.model_loads,
        "model_calls": stats.model_calls,
        "cache_hits": stats.cache_hits,
        "protected_sentences": stats.protected_sentences,
        "protect_fallbacks": stats.protect_fallbacks,
        "placeholder_form": stats.placeholder_form,
        "placeholder_survival": survival,
        "term_replacements": stats.term_replacements,
        "split_inputs": stats.split_inputs,
        "guarded_decodes": stats.guarded_decodes,
        "truncated_outputs": stats.truncated_outputs,
        "looping_outputs": stats.looping_outputs,
        "removed_tokens": stats.removed_tokens,
        "notices": stats.notices,
    }


def write_outputs(
    job: JobConfig, sections: Mapping[str, BaseModel], doc: Document, timings: dict[str, float], out: Path
) -> None:
    """The run's files (README "Outputs") into `out`."""
    for lang in doc.targets:
        write_lines(out / f"hyp.{lang}.txt", (s.translations.get(lang, "") for s in doc.segments))
    write_jsonl(out / "edits.jsonl", (e for s in doc.segments for e in s.edit_records()))
    if doc.scores:
        scores = json.dumps(doc.scores, ensure_ascii=False, indent=2) + "\n"
        write_atomic(out / "scores.json", scores.encode("utf-8"))
        write_jsonl(out / "segments.jsonl", (segment_record(s, doc.targets) for s in doc.segments))
        write_scored_texts(out, doc)
    summary = {
        "command": RUN_COMMAND,
        "corpus": str(job.corpus),
        "split": job.split,
        "segments": len(doc.segments),
        "targets": doc.targets,
        **stats_summary(doc.stats),
        "seconds": timings,
        "signature": run_signature(job, sections, doc, split=job.split),
    }
    write_atomic(out / "run.json", (json.dumps(summary, indent=2) + "\n").encode())
