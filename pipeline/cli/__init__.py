"""The `mtpipe` command line: one module per command group, each command a thin function over the
library; user errors become one line on stderr and exit status 2."""

from __future__ import annotations

import sys

import typer

from ..errors import MtpipeError, describe_os_error
from . import baseline, cache, glossary, models
from .evaluate import compare, qa, score
from .normalize import normalize
from .run import run
from .translate import translate

app = typer.Typer(
    help="Terminology-aware MT of Vietnamese provincial news into ar, en and lo.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.command()(translate)
app.command()(run)
app.command()(normalize)
app.command()(score)
app.command()(compare)
app.command()(qa)
app.add_typer(baseline.app, name="baseline")
app.add_typer(models.app, name="models")
app.add_typer(glossary.app, name="glossary")
app.add_typer(cache.app, name="cache")


def main() -> None:
    """Console entry point."""
    try:
        app()
    except MtpipeError as err:
        print(f"mtpipe: error: {err}", file=sys.stderr)
        sys.exit(2)
    except OSError as err:
        print(f"mtpipe: error: {describe_os_error(err)}", file=sys.stderr)
        sys.exit(2)
