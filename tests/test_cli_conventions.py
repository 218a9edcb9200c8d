"""The conventions every command follows: -h and --version, help pages with an example and no
internal type names, one spelling of language codes in all their forms, --quiet, and user and
usage errors as one line with exit status 2."""

import re
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from conftest import GLOSSARY, run_cli
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.languages import language

MINI = str(Path(__file__).parent / "data" / "mini_glossary.tsv")
TYPE_NAME = re.compile(r"<(list\[|bool|str|int|float|path|Path|choice)[^>]*>", re.IGNORECASE)


def command_paths(command=None, path=()):
    """Every command and group of the CLI, as its words after `mtpipe` (the root is ())."""
    command = command or typer.main.get_command(app)
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from command_paths(sub, (*path, name))


PATHS = list(command_paths())


def help_page(*words: str) -> str:
    result = CliRunner().invoke(app, [*words, "-h"], prog_name="mtpipe")
    assert result.exit_code == 0, result.output
    return result.output


def test_version_is_the_package_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"mtpipe {version('mtpipe')}"


def test_every_command_is_covered():
    names = {" ".join(path) for path in PATHS}
    assert {"translate", "run", "normalize", "score", "compare", "qa", "baseline update"} <= names
    assert {"glossary export", "glossary diff", "models build-tiny", "cache clear"} <= names


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "mtpipe")
def test_help_has_an_example_and_no_type_names(path):
    page = help_page(*path)
    assert "Usage: mtpipe" in page
    assert f"Example: mtpipe {path[0] if path else ''}" in page
    assert not TYPE_NAME.search(page), TYPE_NAME.search(page).group()


def test_short_and_long_help_as_a_user_types_them():
    for flag in ("-h", "--help"):
        result = run_cli("glossary", "export", flag)
        assert result.returncode == 0 and "--format" in result.stdout and "--from" in result.stdout


def test_defaults_are_shown():
    page = help_page("normalize")
    assert "[default: text]" in page and "[default: traditional]" in page
    assert "[default: (vi)]" in page


@pytest.mark.parametrize(
    "code, expected",
    [
        ("ar", "ar"), ("ara", "ar"), ("arb", "ar"), ("arb_Arab", "ar"), ("ar-SA", "ar"), ("AR_sa", "ar"),
        ("eng", "en"), ("en-US", "en"), ("eng_Latn", "en"), ("lao_Laoo", "lo"), ("lo-LA", "lo"),
        ("vie", "vi"), ("vie_Latn", "vi"), ("vi-VN", "vi"),
    ],
)  # fmt: skip
def test_language_code_forms(code, expected):
    assert language(code).code == expected


@pytest.mark.parametrize("code", ["ar", "ara", "arb_Arab", "ar-SA"])
def test_every_form_of_a_code_works_on_the_command_line(tmp_path, code):
    source = tmp_path / "in.txt"
    source.write_text("زار وكوانج تري\n", encoding="utf-8")
    result = run_cli("normalize", "--from", code, "--glossary", MINI, str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "زار وكوانغ تري\n"


def test_glossary_export_reads_codes_in_any_form(tmp_path):
    outputs = {"vi→ar": tmp_path / "short.tsv", "vie_Latn→ar-SA": tmp_path / "long.tsv"}
    for pair, out in outputs.items():
        source, target = pair.split("→")
        result = run_cli(
            "glossary", "export", str(GLOSSARY), "--format", "deepl", "--from", source, "--to", target,
            "-o", str(out),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    short, long = outputs.values()
    assert short.read_bytes() == long.read_bytes() and short.stat().st_size > 0


@pytest.mark.parametrize(
    "args, suggestion",
    [
        (["normalize", "--from", "englsh"], "did you mean 'en'?"),
        (["score", "--hyp", "h.txt", "--ref", "r.txt", "--to", "laoo"], "did you mean 'lo'?"),
        (["run", "corpus", "--to", "ar,arbb"], "did you mean 'ar'?"),
    ],
)
def test_an_unknown_code_is_one_line_with_a_suggestion(args, suggestion):
    result = run_cli(*args, input="")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "unknown language code" in result.stderr
    assert suggestion in result.stderr


def test_normalize_refuses_a_docx_for_what_it_is(tmp_path):
    docx = tmp_path / "news.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Quảng Trị</w:document>")
    result = run_cli("normalize", "--from", "vi", str(docx))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "news.docx: refused: this is a ZIP archive" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "corpus", "--targets", "ar"], "mtpipe run: No such option: --targets"),
        (["glossary", "export", str(GLOSSARY), "-o", "x.tbx"], "Missing option '--format'"),
        (["score", "--hyp", "h", "--ref", "r", "--to", "en", "--format", "xml"], "'xml' is not one of"),
    ],
)
def test_usage_errors_are_one_line_with_exit_status_2(args, message):
    result = run_cli(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_quiet_silences_info_lines_but_not_results():
    loud = run_cli("glossary", "validate", str(GLOSSARY))
    quiet = run_cli("glossary", "validate", str(GLOSSARY), "--quiet")
    assert loud.returncode == quiet.returncode == 0
    assert "error(s)" in loud.stderr and "error(s)" not in quiet.stderr
    assert quiet.stdout == loud.stdout


def test_progress_only_on_a_terminal_and_never_when_quiet(monkeypatch):
    from pipeline import console

    def disabled() -> bool:
        with console.progress() as display:
            return display.disable

    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not disabled()
    monkeypatch.setattr(console, "_quiet", True)
    assert disabled()
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    monkeypatch.setattr(console, "_quiet", False)
    assert disabled()


def test_a_progress_display_inside_another_joins_it():
    from pipeline import console

    with console.progress() as outer:
        outer.add_task("job", total=3)
        with console.progress() as inner:
            assert inner is outer
            inner.add_task("vi→ar", total=2)
            assert len(outer.tasks) == 2
        assert [task.description for task in outer.tasks] == ["job"]
