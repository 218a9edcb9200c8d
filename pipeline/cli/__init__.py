"""The `mtpipe` command line: one module per command group, each command a thin function over the
library. Exit status: 0 ok, 1 a check failed (the gate, QA, `glossary validate`, `glossary diff
--exit-code`), 2 bad input or usage; user errors are one line on stderr."""

from __future__ import annotations

import logging
import sys
from importlib.metadata import version
from typing import Annotated, NoReturn

import typer

from ..errors import MtpipeError, describe_os_error
from ..textio import NOTES
from . import baseline, cache, glossary, models
from .evaluate import compare, qa, score
from .help import Command, Group
from .normalize import normalize
from .run import run
from .translate import translate

CONTEXT = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    cls=Group,
    context_settings=CONTEXT,
    rich_markup_mode="markdown",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
for command in (translate, run, normalize, score, compare, qa):
    app.command(cls=Command)(command)
for group in (baseline, models, glossary, cache):
    app.add_typer(group.app, name=group.__name__.rsplit(".", 1)[-1], cls=Group)


def _version(show: bool) -> None:
    if show:
        typer.echo(f"mtpipe {version('mtpipe')}")
        raise typer.Exit()


@app.callback()
def root(
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print mtpipe's version and exit."),
    ] = False,
) -> None:
    """Terminology-aware MT of Vietnamese provincial news into ar, en and lo.

    Exit status: 0 ok; 1 a check failed (the gate, QA, glossary validate, glossary diff --exit-code);
    2 bad input or usage.

    Example: mtpipe translate news/ --to ar,en,lo -o out/
    """


def main() -> None:
    """Console entry point: user and usage errors as one line on stderr, exit status 2."""
    said = logging.StreamHandler(sys.stderr)
    said.setFormatter(logging.Formatter("mtpipe: %(message)s"))
    NOTES.handlers[:] = [said]  # one handler, on this call's stderr, however often main runs
    NOTES.propagate = False
    try:
        status = app(standalone_mode=False)
    except MtpipeError as err:
        fail(str(err))
    except OSError as err:
        fail(describe_os_error(err))
    except typer.TyperException as err:
        message = " ".join(err.format_message().split())
        if not message:  # a group called alone: typer has printed its help
            sys.exit(err.exit_code)
        context = getattr(err, "ctx", None)
        where = f"{context.command_path}: " if context else ""
        hint = f" (see {context.command_path} -h)" if context else ""
        fail(f"{where}{message}{hint}", err.exit_code)
    sys.exit(status or 0)


def fail(message: str, status: int = 2) -> NoReturn:
    print(f"mtpipe: error: {message}", file=sys.stderr)
    sys.exit(status)
