"""SubRip subtitles through `mtpipe translate` with the tiny model, read back with pysrt (not srt,
which writes them): numbering, timecodes and positions as they were, only the text translated, cue
lines translated whole and broken again, tags in place, and bad files refused in one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TARGETS, run_cli
from test_translate_cli import REFERENCE, SOURCE, folded, refused, translate, write_inputs

from pipeline.errors import InputError
from pipeline.formats import ReadOptions, format_for

WORDS = SOURCE[1].split()
HALF = len(WORDS) // 2
FONT = f'{{\\an8}}<font color="#ffff00">{SOURCE[3]}</font>'
SRT = (
    f"7\n00:00:01,000 --> 00:00:04,200\n{SOURCE[0]}\n\n"
    f"8\n00:00:04,500 --> 00:00:09,000\n{' '.join(WORDS[:HALF])}\n{' '.join(WORDS[HALF:])}\n\n"
    f"9\n00:01:10,040 --> 00:01:15,999 X1:100 X2:600 Y1:20 Y2:80\n<i>{SOURCE[2]}</i>\n\n"
    f"10\n01:02:03,004 --> 01:02:05,000\n{FONT}\n\n"
    f"11\n01:02:06,000 --> 01:02:08,000\n- {SOURCE[4]}\n- {SOURCE[5]}\n\n"
    "12\n01:02:09,000 --> 01:02:10,000\n♪ ♪\n\n"
)
TAG = re.compile(r"<[^>]+>|\{\\[^}]*\}")


@pytest.fixture(scope="module")
def translated(demo_cache, tmp_path_factory) -> dict[str, bytes]:
    """The SRT file translated into every target with the tiny model."""
    root = tmp_path_factory.mktemp("srt")
    write_inputs(root, {"film.srt": SRT})
    result = translate(
        str(root / "film.srt"), "--to", ",".join(TARGETS), "-o", str(root / "out"), cache=demo_cache
    )
    assert result.returncode == 0, result.stderr
    return {lang: (root / "out" / lang / "film.srt").read_bytes() for lang in TARGETS}


def cues(data: str) -> list:
    import pysrt

    return list(pysrt.from_string(data, error_handling=pysrt.SubRipFile.ERROR_RAISE))


def headers(data: str) -> list[list[str]]:
    """Each cue's number and timecode lines, as written."""
    return [block.split("\n")[:2] for block in data.strip("\n").split("\n\n")]


def test_numbering_timecodes_and_positions_are_written_back_byte_for_byte(translated):
    source = cues(SRT)
    for lang in TARGETS:
        text = translated[lang].decode("utf-8")
        assert headers(text) == headers(SRT)
        read = cues(text)
        assert [(c.index, c.start, c.end, c.position) for c in read] == [
            (c.index, c.start, c.end, c.position) for c in source
        ]
        assert read[-1].text == "♪ ♪"


def test_a_cue_is_translated_and_wrapped_lines_are_translated_whole(translated):
    for lang in TARGETS:
        first, wrapped = cues(translated[lang].decode("utf-8"))[:2]
        assert folded(first.text) == folded(REFERENCE[lang][0])
        assert folded(wrapped.text.replace("\n", " ")) == folded(REFERENCE[lang][1])
    for lang in ("ar", "en"):
        assert cues(translated[lang].decode("utf-8"))[1].text.count("\n") == 1


def test_tags_stay_in_place_around_the_translation(translated):
    for lang in TARGETS:
        italic, font = (c.text for c in cues(translated[lang].decode("utf-8"))[2:4])
        assert TAG.findall(italic) == ["<i>", "</i>"] and TAG.findall(font) == TAG.findall(FONT)
        assert folded(TAG.sub("", italic)) == folded(REFERENCE[lang][2])
        assert folded(TAG.sub("", font)) == folded(REFERENCE[lang][3])


def test_each_speakers_line_is_translated_on_its_own(translated):
    for lang in TARGETS:
        dialogue = cues(translated[lang].decode("utf-8"))[4].text.split("\n")
        assert [folded(line) for line in dialogue] == [folded(f"- {REFERENCE[lang][i]}") for i in (4, 5)]


def read(data: bytes | str):
    data = data.encode("utf-8") if isinstance(data, str) else data
    return format_for(Path("a.srt")).read(data, "a.srt", ReadOptions("vi"))


@pytest.mark.parametrize(
    "data, message",
    [
        ("1\n00:00:01,000 --> 00:00:0x,500\nA\n", "a.srt:2: malformed SRT: '00:00:01,000 --> 00:00:0x,500'"),
        (
            "1\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03 --> 00:00:04,000\nB\n",
            "a.srt:6: malformed SRT",
        ),
        ("\nnot a cue\n\n1\n00:00:01,000 --> 00:00:02,000\nA\n", "a.srt:2: malformed SRT: 'not a cue'"),
        ("", "a.srt: empty file: no subtitles"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a.srt: refused: this is a ZIP archive"),
        (b"%PDF-1.7\n" + bytes(64), "a.srt: refused: this is a PDF document"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nQu\xb8ng\n", "a.srt:3: invalid UTF-8"),
    ],
)
def test_bad_srt_is_refused_naming_file_line_and_problem(data, message):
    with pytest.raises(InputError, match=f"^{re.escape(message)}"):
        read(data)


def test_the_command_refuses_a_malformed_timecode_in_one_line(tmp_path):
    write_inputs(tmp_path, {"film/ok.srt": SRT, "film/bad.srt": "1\n00:00:01,000 --> 00:00:0x,500\nA\n"})
    result = run_cli("translate", str(tmp_path / "film"), "--to", "en", "-o", str(tmp_path / "out"))
    refused(result, f"{tmp_path / 'film' / 'bad.srt'}:2", "malformed SRT")
