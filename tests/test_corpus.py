from pathlib import Path

import pytest
from conftest import CORPUS_DIR, run_cli

from pipeline.errors import InputError
from pipeline.formats.corpus import load_corpus, parse_line_range


def make_corpus(root: Path, source: list[str], **refs: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "source.vi.txt").write_text("".join(f"{line}\n" for line in source))
    for lang, lines in refs.items():
        (root / f"ref.{lang}.txt").write_text("".join(f"{line}\n" for line in lines))
    return root


def test_loads_source_references_and_splits(tmp_path: Path):
    root = make_corpus(tmp_path / "c", ["a", "b", "c"], en=["A", "B", "C"])
    (root / "corpus.toml").write_text('source = "vi"\n[splits]\ntrain = "1-2"\ntest = "3-3"\n')
    corpus = load_corpus(root)
    assert corpus.references == {"en": ["A", "B", "C"]}
    assert corpus.line_indices("train") == [0, 1]
    assert corpus.line_indices("test") == [2]
    assert corpus.line_indices("all") == [0, 1, 2]


def test_line_count_mismatch_names_both_files_and_counts(tmp_path: Path):
    root = make_corpus(tmp_path / "c", ["a", "b", "c"], ar=["x", "y"])
    with pytest.raises(InputError) as err:
        load_corpus(root)
    message = str(err.value)
    assert str(root / "ref.ar.txt") in message and str(root / "source.vi.txt") in message
    assert "has 2 lines" in message and "has 3" in message


def test_missing_source_file_is_named(tmp_path: Path):
    (tmp_path / "c").mkdir()
    with pytest.raises(InputError, match=r"source.vi.txt: file not found"):
        load_corpus(tmp_path / "c")


def test_missing_directory_is_named(tmp_path: Path):
    with pytest.raises(InputError, match="corpus directory not found"):
        load_corpus(tmp_path / "nowhere")


def test_unknown_reference_language_is_named(tmp_path: Path):
    root = make_corpus(tmp_path / "c", ["a"], xx=["?"])
    with pytest.raises(InputError, match=r"ref.xx.txt: unknown language code 'xx'"):
        load_corpus(root)


def test_manifest_unknown_key_and_out_of_range_split(tmp_path: Path):
    root = make_corpus(tmp_path / "c", ["a", "b"])
    (root / "corpus.toml").write_text('source = "vi"\nlanguage = "vi"\n')
    with pytest.raises(InputError, match="language: unknown key"):
        load_corpus(root)
    (root / "corpus.toml").write_text('[splits]\ntrain = "1-5"\n')
    with pytest.raises(InputError, match="ends at line 5 but the source has 2 lines"):
        load_corpus(root)


@pytest.mark.parametrize("spec", ["1", "0-3", "5-2", "a-b"])
def test_bad_line_ranges_are_refused(spec: str):
    with pytest.raises(ValueError):
        parse_line_range(spec)


def test_manifest_that_is_not_utf8_is_an_input_error(tmp_path: Path):
    """Found by fuzzing (fuzz/run.py corpus): it escaped as a UnicodeDecodeError."""
    root = make_corpus(tmp_path / "c", ["a"])
    (root / "corpus.toml").write_bytes(b'source = "\xa5"\n')
    with pytest.raises(InputError, match=r"corpus.toml: not UTF-8 \(invalid start byte\)"):
        load_corpus(root)


SOURCE = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()[:5]
REFERENCE = (CORPUS_DIR / "ref.en.txt").read_text(encoding="utf-8").splitlines()[:5]


def cr_corpus(root: Path) -> Path:
    """The corpus's first five lines with a BOM, lone CR line ends and a NUL; the reference with CRLF."""
    root.mkdir()
    (root / "source.vi.txt").write_bytes(b"\xef\xbb\xbf" + "\r".join(SOURCE).encode() + b"\x00\r")
    (root / "ref.en.txt").write_bytes(("\r\n".join(REFERENCE) + "\r\n").encode())
    return root


def test_lone_cr_and_crlf_line_ends_split_corpus_lines_and_are_said(tmp_path: Path, caplog):
    root = cr_corpus(tmp_path / "c")
    corpus = load_corpus(root)
    assert corpus.source == SOURCE and corpus.references == {"en": REFERENCE}
    assert [r.getMessage() for r in caplog.records] == [
        f"{root / 'source.vi.txt'}: removed a byte-order mark",
        f"{root / 'source.vi.txt'}: converted 5 CR line end(s) to LF",
        f"{root / 'source.vi.txt'}: removed 1 NUL byte(s)",
        f"{root / 'ref.en.txt'}: converted 5 CRLF line end(s) to LF",
    ]


def test_run_translates_every_line_of_a_cr_only_corpus_and_says_the_clean_ups(tmp_path: Path, demo_cache):
    root = cr_corpus(tmp_path / "c")
    out = tmp_path / "out"
    result = run_cli(
        "run", str(root), "--to", "en", "-o", str(out), "--model", "tiny",
        "--cache-dir", str(demo_cache),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len((out / "hyp.en.txt").read_text(encoding="utf-8").splitlines()) == 5
    for note in ("removed a byte-order mark", "converted 5 CR line end(s) to LF", "removed 1 NUL byte(s)"):
        assert f"mtpipe: {root / 'source.vi.txt'}: {note}" in result.stderr
