"""HTML through `mtpipe translate` with the tiny model, read back with html5lib (not lxml, which
writes it): the same elements in the same order with the same attributes, text and `alt`/`title`
translated, code, scripts, comments and `translate="no"` copied, `lang` and `dir` set, and bad
files refused in one line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TARGETS
from test_translate_cli import REFERENCE, SOURCE, folded, translate, write_inputs

from pipeline.errors import InputError
from pipeline.formats import ReadOptions, format_for

HTML = f"""<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>{SOURCE[0]}</title>
<style>p::before {{ content: "Tin tức"; }}</style>
<script>const greeting = "Xin chào";</script></head>
<body>
<h1>{SOURCE[1]}</h1>
<p>{SOURCE[2]} <b>{SOURCE[3]}</b> <a href="/lao-bao?x=1&amp;y=2" title="{SOURCE[4]}">{SOURCE[5]}</a></p>
<p><img src="cau.png" alt="{SOURCE[6]}" width="20"><!-- ghi chú nội bộ --></p>
<pre>Số liệu: 312 triệu USD</pre>
<p>Mã: <code>QT-2024 tỉnh</code></p>
<p translate="no">Quảng Trị <i>quê hương</i></p>
<blockquote lang="vi-VN">{SOURCE[7]}</blockquote>
</body>
</html>
"""


@pytest.fixture(scope="module")
def translated(demo_cache, tmp_path_factory) -> dict:
    """The page translated into every target with the tiny model, as html5lib reads it."""
    import html5lib

    root = tmp_path_factory.mktemp("html")
    write_inputs(root, {"page.html": HTML})
    result = translate(
        str(root / "page.html"), "--to", ",".join(TARGETS), "-o", str(root / "out"), cache=demo_cache
    )
    assert result.returncode == 0, result.stderr
    return {
        lang: html5lib.parse((root / "out" / lang / "page.html").read_bytes(), namespaceHTMLElements=False)
        for lang in TARGETS
    }


def source():
    import html5lib

    return html5lib.parse(HTML, namespaceHTMLElements=False)


def markup(root) -> list[tuple[str, dict]]:
    """Every element in order with its attributes, the translated ones left out."""
    return [
        (element.tag, {k: v for k, v in element.attrib.items() if k not in ("alt", "title", "lang", "dir")})
        for element in root.iter()
        if isinstance(element.tag, str)
    ]


def text(root, path: str) -> str:
    return "".join(root.find(path).itertext())


def test_every_element_and_attribute_is_kept_in_order(translated):
    for lang in TARGETS:
        assert markup(translated[lang]) == markup(source())


def test_text_and_alt_and_title_are_translated(translated):
    for lang in TARGETS:
        page, ref = translated[lang], [folded(line) for line in REFERENCE[lang]]
        assert folded(text(page, "head/title")) == ref[0] and folded(text(page, "body/h1")) == ref[1]
        first = page.find("body/p")
        assert folded(first.text.strip()) == ref[2] and folded(text(first, "b")) == ref[3]
        assert folded(first.find("a").get("title")) == ref[4] and folded(text(first, "a")) == ref[5]
        assert folded(page.find("body/p/img").get("alt")) == ref[6]
        assert folded(text(page, "body/blockquote")) == ref[7]


def test_code_scripts_styles_comments_and_translate_no_are_copied(translated):
    copied = ("head/style", "head/script", "body/pre", "body/p/code", "body/p[@translate='no']")
    for lang in TARGETS:
        for path in copied:
            assert text(translated[lang], path) == text(source(), path)
        comments = [node.text for node in translated[lang].iter() if not isinstance(node.tag, str)]
        assert comments == [" ghi chú nội bộ "]


def test_lang_names_the_target_and_arabic_is_right_to_left(translated):
    for lang in TARGETS:
        page = translated[lang]
        assert page.get("lang") == lang and page.find("body/blockquote").get("lang") == lang
        assert page.get("dir") == ("rtl" if lang == "ar" else None)


def read(data: bytes | str):
    data = data.encode("utf-8") if isinstance(data, str) else data
    return format_for(Path("a.html")).read(data, "a.html", ReadOptions("vi"))


@pytest.mark.parametrize(
    "data, message",
    [
        ("", "a.html: empty file: no HTML"),
        (" \n\n", "a.html: empty file: no HTML"),
        (b"%PDF-1.7\n<html>", "a.html: refused: this is a PDF document"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "a.html: refused: this is a PNG image"),
        (b"<html>\n<p>Qu\xb8ng</p>", "a.html:2: invalid UTF-8"),
    ],
)
def test_bad_html_is_refused_naming_file_line_and_problem(data, message):
    with pytest.raises(InputError, match=f"^{re.escape(message)}"):
        read(data)
