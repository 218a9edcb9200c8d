"""The job runner: check the configured stages against each other, build them, run them over the
corpus (or, for `mtpipe translate`, over the files chunk by chunk, through an executor) and write
the run's outputs. The only module that builds stages."""

from __future__ import annotations

import json
import sys
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .config import JobConfig, JobOptions, TranslateJob
from .console import progress
from .document import Document, RunStats, Segment
from .errors import InputError, describe_validation_error
from .evaluation.metrics import preprocess, segmented_by_mtpipe
from .executor import Processed, add_stats, make_executor, run_stages
from .formats.base import ReadFile, SourceText, Translation
from .formats.corpus import Corpus, load_corpus
from .formats.tmx import memory_bytes, read_memory
from .formats.tree import COMMAND, InputFile, Write, beside_inputs, into_directory, staged_directory
from .mt import ModelOptions
from .mt.base import code_version
from .mt.resolve import TINY
from .paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY
from .stages import STAGES, Stage, StageContext, stage_class
from .stages.base import GlossaryOptions
from .stages.report import ReportOptions
from .textio import write_atomic, write_jsonl, write_lines

PACKAGE_DIR = Path(__file__).resolve().parent
RUN_COMMAND = "run"
"""What `run.json` of an output directory of `mtpipe run` says in `command`."""
DOCUMENT_STAGES = ("report",)
"""Stages over the whole job, not chunk by chunk: run once at the end, in this process."""


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


def prepared_sections(job: JobOptions, corpus: Path, glossary: Path | None = None) -> dict[str, BaseModel]:
    """The validated sections of a job whose stages fit together; `--model tiny` built from
    `corpus` and `glossary` (the job's by default), once, before any stage loads it."""
    sections = validate_sections(job)
    check_order(job, sections)
    if "translate" in job.pipeline:
        glossary = glossary or sections.get("glossary", GlossaryOptions()).path
        sections["model"] = _built_model(sections["model"], corpus, glossary, job.cache_dir)
    return sections


def build_stages(
    job: JobOptions,
    sections: dict[str, BaseModel],
    out: Path,
    source_lang: str,
    names: list[str] | None = None,
) -> tuple[StageContext, list[Stage]]:
    """The stages `names` (the job's pipeline by default) built on one context (each model loaded
    once)."""
    context = StageContext(job.targets, out, job.cache_dir, sections, source_lang=source_lang)
    return context, [stage_class(name)(context) for name in job.pipeline if names is None or name in names]


def say_notices(stats: RunStats) -> None:
    for notice in stats.notices:
        print(f"mtpipe: {notice}", file=sys.stderr)


@dataclass(frozen=True)
class ChunkStages:
    """Builds a translate job's per-chunk stages (those not in DOCUMENT_STAGES); it pickles, for
    a Ray actor to build its own."""

    job: TranslateJob
    sections: dict[str, BaseModel]

    def __call__(self) -> tuple[RunStats, list[Stage]]:
        names = [name for name in self.job.pipeline if name not in DOCUMENT_STAGES]
        context, stages = build_stages(self.job, self.sections, Path("."), self.job.source_lang, names)
        return context.stats, stages


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
        sections = prepared_sections(job, job.corpus)
        context, stages = build_stages(job, sections, staging, corpus.source_lang)
        say_notices(context.stats)
        doc = build_document(corpus, job.targets, job.split, context.stats)
        timings = {"setup": round(time.perf_counter() - started, 3)}
        doc = run_stages(stages, doc, timings)
        write_outputs(job, sections, doc, timings, staging)
    return doc


@dataclass
class Chunk:
    """Consecutive parts of the inputs (whole files, or windows of a line-aligned one), their
    segments in order, and what the translation memory knows of each segment."""

    parts: list[tuple[InputFile, ReadFile]] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    remembered: list[dict[str, str]] = field(default_factory=list)


def chunks(inputs: list[InputFile], size: int, memory: dict[str, dict[str, str]]) -> Iterator[Chunk]:
    """The inputs' parts (a line-aligned file in windows of `size` lines) gathered into chunks of
    at least `size` segments (the last one fewer)."""
    chunk = Chunk()
    for item in inputs:
        for content in item.parts(size):
            segments = [
                Segment(text.line, words, file=str(item.name))
                for text in content.texts
                for words in text.words()
            ]
            chunk.parts.append((item, content))
            chunk.segments += segments
            chunk.remembered += [memory.get(segment.source, {}) for segment in segments]
            if len(chunk.segments) >= size:
                yield chunk
                chunk = Chunk()
    if chunk.parts:
        yield chunk


@dataclass
class Tally:
    """What a translate job's chunks add up to: run.json's counts and seconds, the segments the
    report lists (the first `keep`), and the segment pairs for `--write-tm`."""

    job: TranslateJob
    keep: int
    stats: RunStats = field(default_factory=RunStats)
    timings: dict[str, float] = field(default_factory=dict)
    chunks: int = 0
    tm_hits: dict[str, int] = field(init=False)
    shown: list[Segment] = field(default_factory=list)
    pairs: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.tm_hits = dict.fromkeys(self.job.targets, 0)

    def add(self, chunk: Chunk, processed: Processed) -> list[Segment]:
        """The chunk's segments in order, the memory's translations in place, counted."""
        self.chunks += 1
        add_stats(self.stats, processed.doc.stats)
        for name, seconds in processed.timings.items():
            self.timings[name] = round(self.timings.get(name, 0.0) + seconds, 3)
        segments = _with_memory(self.job, chunk, iter(processed.doc.segments))
        for lang in self.job.targets:
            self.tm_hits[lang] += sum(lang in known for known in chunk.remembered)
        if self.job.write_tm:
            self.pairs += [(segment.source, segment.translations) for segment in segments]
        self.shown += segments[: self.keep - len(self.shown)]
        return segments


def translate_files(job: TranslateJob, inputs: list[InputFile], write: Write, out: Path | None) -> None:
    """Every input in every target language, part by part through `write`, by stages built once
    (one model load for all files; one per actor with `--executor ray`); with `out`, `run.json`
    and the report there.

    The per-segment stages see one chunk of `job.chunk_segments` segments at a time, so memory
    stays flat however long the input; only the segments the report lists are kept.
    A translation memory (`job.tm`) stands in for the model: its exact matches are taken as they
    are, and a segment it holds in every target language is not translated at all. With
    `job.write_tm`, every segment pair of the run is exported as TMX."""
    memory = read_memory(job.tm, job.source_lang) if job.tm else {}
    started = time.perf_counter()
    sections = prepared_sections(job, DEFAULT_CORPUS, DEFAULT_GLOSSARY)
    executor = make_executor(job.executor, ChunkStages(job, sections), job.ray_address)
    report = sections.get("report", ReportOptions()) if "report" in job.pipeline else None
    tally = Tally(job, report.max_segments if report else 0)
    tally.timings["setup"] = round(time.perf_counter() - started, 3)
    pending: deque[Chunk] = deque()

    def model_documents() -> Iterator[Document]:
        for chunk in chunks(inputs, job.chunk_segments, memory):
            pending.append(chunk)
            known = zip(chunk.segments, chunk.remembered, strict=True)
            todo = [segment for segment, remembered in known if not _all_known(job, remembered)]
            yield Document(job.source_lang, job.targets, todo, stats=RunStats())

    total = sum(item.segments for item in inputs)
    with progress() as display:
        task = display.add_task("translating", total=total)
        for processed in executor.map(model_documents()):
            chunk = pending.popleft()
            _write_parts(chunk.parts, iter(tally.add(chunk, processed)), job.targets, write)
            display.advance(task, len(chunk.segments))
    for setup in executor.setups:
        add_stats(tally.stats, setup)
    say_notices(tally.stats)
    if job.write_tm:
        write_atomic(job.write_tm, memory_bytes(iter(tally.pairs), job.source_lang))
    if out is not None:
        doc = Document(job.source_lang, job.targets, tally.shown, stats=tally.stats, total_segments=total)
        _, document_stages = build_stages(job, sections, out, job.source_lang, list(DOCUMENT_STAGES))
        run_stages(document_stages, doc, tally.timings)
        write_translate_summary(job, sections, inputs, tally, doc, out)


def write_translate_summary(
    job: TranslateJob,
    sections: Mapping[str, BaseModel],
    inputs: list[InputFile],
    tally: Tally,
    doc: Document,
    out: Path,
) -> None:
    """`run.json` of `mtpipe translate` (README "Translating files")."""
    summary = {
        "command": COMMAND,
        "files": [str(item.name) for item in inputs],
        "segments": doc.total_segments,
        "targets": job.targets,
        "executor": job.executor,
        "chunks": tally.chunks,
        **stats_summary(tally.stats),
        "tm_hits": tally.tm_hits,
        "seconds": tally.timings,
        "signature": run_signature(
            job,
            sections,
            doc,
            source=job.source_lang,
            overwrite=job.overwrite,
            tm=code_version(job.tm) if job.tm else None,
        ),
    }
    write_atomic(out / "run.json", (json.dumps(summary, indent=2) + "\n").encode("utf-8"))


def _all_known(job: TranslateJob, known: dict[str, str]) -> bool:
    return all(lang in known for lang in job.targets)


def _with_memory(job: TranslateJob, chunk: Chunk, translated: Iterator[Segment]) -> list[Segment]:
    """The chunk's segments in order: the model's, with the memory's translations in place of
    the model's (whose edits no longer apply), or the memory's alone."""
    segments = []
    for segment, known in zip(chunk.segments, chunk.remembered, strict=True):
        if not _all_known(job, known):
            segment = next(translated)
        for lang in job.targets:
            if lang in known:
                segment.translations[lang] = known[lang]
                segment.edits = [edit for edit in segment.edits if edit.field != f"hyp.{lang}"]
        segments.append(segment)
    return segments


def _write_parts(
    parts: list[tuple[InputFile, ReadFile]], segments: Iterator[Segment], targets: list[str], write: Write
) -> None:
    """Each part rendered in each language from its texts' segments (in the order they were made)."""
    for item, content in parts:
        texts = content.texts
        groups = [[next(segments) for _ in text.words()] for text in texts]
        for lang in targets:
            pieces = zip(texts, groups, strict=True)
            translations = [_translation(text, group, lang) for text, group in pieces]
            write(item, lang, content.render(translations, lang))


def _translation(text: SourceText, segments: list[Segment], lang: str) -> Translation:
    field = f"hyp.{lang}"
    return Translation(
        text.translated(s.translations.get(lang, "") for s in segments),
        [edit for s in segments for edit in s.edits if edit.field == field],
    )


def translate_job(job: TranslateJob, inputs: list[InputFile], out: Path | None) -> None:
    """Write the inputs' translations into `out` (`out/<lang>/<name>`, replacing an earlier run's
    directory only once this one has succeeded), or beside each input as `a.<lang>.txt` (the
    document stages, such as the report, then left out)."""
    if out is None:
        with beside_inputs() as write:
            translate_files(job, inputs, write, None)
        return
    with staged_directory(out) as staging:
        translate_files(job, inputs, into_directory(staging), staging)


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
    for key in ("name_or_path", "registry"):  # the model hashes identify the models
        options.get("model", {}).pop(key, None)
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
        "models": stats.models,
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
