"""Where the per-segment stages run: in this process (`local`), or over a pool of Ray actors
(`ray`, the optional extra `mtpipe[ray]`). Both take the job's chunks in order and give each back
processed, in the same order, with what the stages counted (its own `RunStats`) and their seconds;
a chunk is processed the same way by either, so their outputs are identical."""

from __future__ import annotations

import logging
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Literal

from .document import Document, RunStats
from .errors import InputError
from .stages import Stage

Executor = Literal["local", "ray"]
StageBuilder = Callable[[], tuple[RunStats, list[Stage]]]
"""Builds the per-segment stages once (loading the model): what building counted (the model
load, notices) and the stages. A Ray actor calls it in its own process, so it must pickle."""


def run_stages(stages: list[Stage], doc: Document, timings: dict[str, float]) -> Document:
    """Each stage over the document in turn, its seconds added to `timings`."""
    for stage in stages:
        started = time.perf_counter()
        doc = stage(doc)
        timings[stage.name] = round(timings.get(stage.name, 0.0) + time.perf_counter() - started, 3)
    return doc


def add_stats(total: RunStats, part: RunStats) -> None:
    """`part`'s counts added to `total`'s; its identities (models, glossary, placeholder form) and
    notices not yet in `total` taken over."""
    for item in fields(RunStats):
        mine, theirs = getattr(total, item.name), getattr(part, item.name)
        if isinstance(theirs, int):
            setattr(total, item.name, mine + theirs)
        elif isinstance(theirs, list):
            mine.extend(notice for notice in theirs if notice not in mine)
        elif isinstance(theirs, dict):
            mine.update(theirs)
        elif theirs is not None:
            setattr(total, item.name, theirs)


@dataclass
class Processed:
    """A chunk as the stages left it, and the seconds each stage spent on it."""

    doc: Document
    timings: dict[str, float] = field(default_factory=dict)


class LocalExecutor:
    """The stages built once in this process, each chunk run through them in turn."""

    def __init__(self, build: StageBuilder):
        setup, self.stages = build()
        self.setups = [setup]

    def map(self, docs: Iterable[Document]) -> Iterator[Processed]:
        for doc in docs:
            processed = Processed(doc)
            processed.doc = run_stages(self.stages, doc, processed.timings)
            yield processed


class ChunkWorker:
    """A Ray actor: builds the stages at its first chunk (in the thread that calls it, where the
    translation cache's connection then stays), then processes one pickled chunk per batch. That
    first chunk also carries what building counted, so each actor's model load is counted."""

    def __init__(self, build: StageBuilder):
        self.build = build
        self.stages: list[Stage] | None = None

    def __call__(self, batch) -> dict:
        setup = None
        if self.stages is None:
            setup, self.stages = self.build()
        processed = Processed(pickle.loads(batch["doc"][0].as_py()))
        processed.doc = run_stages(self.stages, processed.doc, processed.timings)
        return {"result": [pickle.dumps((processed, setup))]}


class RayExecutor:
    """The chunks as a Ray dataset, one chunk per row, processed by `map_batches` over a pool of
    `actors` ChunkWorkers (one CPU each; by default as many as the cluster has CPUs), in order.
    The chunks are sent to the cluster at once: the driver holds the job's texts, not its
    translations."""

    def __init__(self, build: StageBuilder, address: str | None = None, actors: int | None = None):
        try:
            import ray
        except ImportError:
            raise InputError(
                "--executor ray needs Ray: pip install 'mtpipe[ray]' (make setup installs it)", "--executor"
            ) from None
        logging.getLogger("ray").setLevel(logging.ERROR)  # Ray's progress lines are not the job's
        if not ray.is_initialized():
            quiet = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR}
            try:
                ray.init(address=address, **quiet)
            except ConnectionError as err:
                raise InputError(
                    f"cannot join the Ray cluster ({err}): is it running? A cluster with token "
                    "authentication also needs RAY_AUTH_MODE=token (and its token)",
                    "--ray-address",
                ) from None
        self.build = build
        self.actors = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.setups: list[RunStats] = []

    def map(self, docs: Iterable[Document]) -> Iterator[Processed]:
        import ray.data

        logging.getLogger("ray.data").setLevel(logging.ERROR)
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        rows = [{"doc": pickle.dumps(doc)} for doc in docs]
        if not rows:
            return
        dataset = ray.data.from_items(rows).map_batches(
            ChunkWorker,
            batch_size=1,
            batch_format="pyarrow",
            fn_constructor_kwargs={"build": self.build},
            compute=ray.data.ActorPoolStrategy(size=min(self.actors, len(rows))),
            num_cpus=1,
        )
        try:
            for row in dataset.iter_rows():
                processed, setup = pickle.loads(row["result"])
                if setup is not None:
                    self.setups.append(setup)
                yield processed
        except Exception as err:
            found = _input_error(err)
            if found is None:
                raise
            raise found from None


def _input_error(err: BaseException | None) -> InputError | None:
    """The InputError (bad input, said in one line) behind an error an actor raised, if any."""
    while err is not None and not isinstance(err, InputError):
        err = err.__cause__ or getattr(err, "cause", None)
    return err


def make_executor(kind: Executor, build: StageBuilder, address: str | None = None):
    """The executor of `--executor`, its stages built (locally) or ready to be built (per actor)."""
    if kind == "ray":
        return RayExecutor(build, address)
    if address:
        raise InputError("--ray-address is for --executor ray", "--ray-address")
    return LocalExecutor(build)
