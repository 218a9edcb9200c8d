from pathlib import Path

import pytest

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
