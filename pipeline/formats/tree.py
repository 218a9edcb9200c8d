"""The files of a translation job: inputs found in files and folders, named relative to their common
parent, and outputs written beside them or into an output directory that a run replaces whole."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from . import TEXT, FileFormat, ReadOptions, format_for
from .base import ReadFile
from .run import run_summary
from .windows import merged_notes, raw_windows

COMMAND = "translate"
"""What `run.json` of an output directory of `mtpipe translate` says in `command`, so a later run
may replace the directory (`mtpipe run` writes "run")."""


@dataclass
class InputFile:
    path: Path
    """Where it was read."""
    name: Path
    """Its path in the output tree: relative to the common parent of the inputs."""
    file_format: FileFormat
    options: ReadOptions
    content: ReadFile | None = None
    """The file as read, for a format read whole; None for a line-aligned format, read again
    window by window when translated (`parts`)."""
    notes: list[str] = field(default_factory=list)
    """What reading changed, to be said to the user."""
    segments: int = 0
    """How many segments the model is given."""

    def parts(self, lines: int | None = None) -> Iterator[ReadFile]:
        """The file as read whole, or each of its windows (of `lines` lines) in turn."""
        if self.content is not None:
            yield self.content
            return
        for first, data in raw_windows(self.path, lines):
            yield self.file_format.read(data, self.path, replace(self.options, first_line=first))


def read_input(path: Path, name: Path, options: ReadOptions, data: bytes | None = None) -> InputFile:
    """A file read, or checked window by window (a line-aligned format, unless `data` is given):
    every error is found before any model is loaded, and only a whole-read format is kept."""
    file_format = format_for(path) if data is None else TEXT
    item = InputFile(path, name, file_format, options)
    if data is not None or not file_format.line_aligned:
        item.content = file_format.read(path.read_bytes() if data is None else data, path, options)
    notes = []
    for part in item.parts():
        notes += part.notes
        item.segments += sum(len(text.words()) for text in part.texts)
    item.notes = merged_notes(notes)
    return item


def find_inputs(paths: list[Path], targets: list[str], out: Path | None) -> list[tuple[Path, Path]]:
    """(file, name in the output tree) of every input, folders recursed (hidden entries, `out` and
    earlier translations `a.<target>.txt` skipped); a file given twice is read once."""
    parent = Path(os.path.commonpath([_absolute(path).parent for path in paths]))
    found: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            files = [
                file
                for file in sorted(path.rglob("*"))
                if file.is_file() and _wanted(file, path, targets, out)
            ]
        elif path.is_file():
            files = [path]
        else:
            raise InputError("file not found", path)
        for file in files:
            found.setdefault(_absolute(file), file)
    if not found:
        raise InputError("no files to translate here", paths[0])
    return [(file, absolute.relative_to(parent)) for absolute, file in found.items()]


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _wanted(file: Path, folder: Path, targets: list[str], out: Path | None) -> bool:
    relative = file.relative_to(folder)
    if any(part.startswith(".") for part in relative.parts):
        return False
    if out is not None and _absolute(out) in _absolute(file).parents:
        return False
    return not (len(file.suffixes) >= 2 and file.suffixes[-2][1:] in targets)


def read_inputs(found: list[tuple[Path, Path]], options: ReadOptions) -> list[InputFile]:
    """Every input read with its format (errors before any model is loaded)."""
    return [read_input(path, name, options) for path, name in found]


def beside(path: Path, lang: str) -> Path:
    """`news/a.txt` in `ar`: `news/a.ar.txt`."""
    return path.with_name(f"{path.stem}.{lang}{path.suffix}")


Write = Callable[[InputFile, str, bytes], None]
"""Appends the next part of an input's translation into a language to where it goes."""


def append(path: Path, data: bytes) -> None:
    """`data` added at the end of the file (made, with its folders, when absent)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as handle:
        handle.write(data)


def into_directory(directory: Path) -> Write:
    """Translations appended to `directory/<lang>/<name>`."""
    return lambda item, lang, data: append(directory / lang / item.name, data)


@contextmanager
def beside_inputs() -> Iterator[Write]:
    """Translations appended to a hidden file beside each input, each renamed to `a.<lang>.txt`
    once the whole run has succeeded (a failure removes them and leaves earlier files as they were)."""
    partial: dict[Path, Path] = {}

    def write(item: InputFile, lang: str, data: bytes) -> None:
        final = beside(item.path, lang)
        if final not in partial:
            partial[final] = final.with_name(f".{final.name}.{os.getpid()}.partial")
            partial[final].unlink(missing_ok=True)
        append(partial[final], data)

    try:
        yield write
    except BaseException:
        for temporary in partial.values():
            temporary.unlink(missing_ok=True)
        raise
    for final, temporary in partial.items():
        os.replace(temporary, final)


@contextmanager
def staged_directory(out: Path, command: str = COMMAND) -> Iterator[Path]:
    """A fresh directory beside `out` to write a run of `command` into, made at once (so an output
    location that cannot be written fails before any work). When the run succeeds it replaces `out`
    whole (nothing, or an earlier run's output); when it fails it is removed and `out` is as it was."""
    out = _absolute(out)
    if out.exists() and not out.is_dir():
        raise InputError("is a file, not a directory: choose another output directory", out)
    if out.exists() and not _replaceable(out, command):
        raise InputError(
            f"exists and is not the output of an earlier `mtpipe {command}` (its run.json says so): "
            "choose another output directory, or remove it",
            out,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    staging.chmod(0o755)
    if out.exists():
        previous = staging.with_name(f"{staging.name}.previous")
        out.rename(previous)
        staging.rename(out)
        shutil.rmtree(previous)
    else:
        staging.rename(out)


def _replaceable(out: Path, command: str) -> bool:
    """Empty, or written by `command` (a run.json without `command` is an older `mtpipe run`'s)."""
    if not any(out.iterdir()):
        return True
    summary = run_summary(out)
    return summary.get("command", "run" if "corpus" in summary else None) == command
