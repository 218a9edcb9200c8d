"""`report.html` as a reviewer reads it, in headless Chromium: the scores table fits a laptop screen,
every segment sits beside its reference with its score, edits, terms and flags, the filters and the
sort change what is shown, and nothing in the corpus can run as script or load anything."""

import json
from pathlib import Path

import lxml.html
import pytest
from conftest import CORPUS_DIR, TARGETS, run_cli, run_demo
from selenium.webdriver.support.ui import Select

from pipeline.document import Document, Flag, Segment, TermMatch
from pipeline.edits import Edit, TextEdit, pieces
from pipeline.evaluation.report import render_report

WIDTH, HEIGHT = 1280, 900
LINES = len((CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines())


def records(run: Path) -> list[dict]:
    return [json.loads(line) for line in (run / "segments.jsonl").read_text().splitlines()]


def scores(run: Path) -> dict:
    return json.loads((run / "scores.json").read_text())


def open_page(browser, page: Path, **choices: str):
    """The page at 1280×900, its console emptied first, with filter and sort `choices` made."""
    browser.set_window_size(WIDTH, HEIGHT)
    browser.get_log("browser")
    browser.get(page.as_uri())
    for name, value in choices.items():
        choose(browser, name, value)
    return browser


def choose(browser, name: str, value: str) -> None:
    """Pick the option of the `name` control whose value is `value` (any characters in it)."""
    select = Select(browser.find_element("name", name))
    select.select_by_index([option.get_attribute("value") for option in select.options].index(value))


def visible(browser, selector: str) -> list[dict]:
    """The data attributes of the elements matching `selector` that are shown, in page order."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".filter(e => e.getClientRects().length > 0).map(e => Object.assign({}, e.dataset));",
        selector,
    )


def rows(browser) -> list[dict]:
    return visible(browser, "#segments tr.translation")


def segments_shown(browser) -> list[dict]:
    return visible(browser, "#segments tbody")


@pytest.fixture(scope="module")
def report(demo_run) -> Path:
    return demo_run / "report.html"


@pytest.fixture(scope="module")
def tree(report):
    return lxml.html.fromstring(report.read_bytes())


def test_the_scores_table_fits_a_laptop_screen(report, browser):
    open_page(browser, report)
    width = browser.execute_script("return window.innerWidth")
    assert width == WIDTH
    page = browser.execute_script(
        "const t = document.getElementById('scores'), d = document.documentElement;"
        "return {doc: d.scrollWidth, view: d.clientWidth, right: t.getBoundingClientRect().right,"
        " table: [t.scrollWidth, t.clientWidth],"
        " cells: Array.from(t.querySelectorAll('th, td')).filter(c => c.scrollWidth > c.clientWidth).length};"
    )
    assert page["doc"] <= page["view"], "the page scrolls sideways"
    assert page["right"] <= page["view"] and page["table"][0] <= page["table"][1]
    assert page["cells"] == 0, "a cell of the scores table cuts its content"


def test_the_scores_table_shows_intervals_signatures_and_term_accuracy_final_and_raw(demo_run, tree):
    for lang, s in scores(demo_run).items():
        cells = tree.xpath(f"//table[@id='scores']//tr[th[starts-with(normalize-space(), '{lang} ')]]/td")
        texts = [cell.text_content() for cell in cells]
        bleu, chrf, ter, chrf_mt, terms, terms_mt = texts
        assert (f"{s['BLEU']['score']:.2f}" in bleu) and ("{:.2f}–{:.2f}".format(*s["BLEU"]["ci"]) in bleu)
        assert f"{s['TER']['score']:.2f}" in ter and f"{s['chrF++_mt']['score']:.2f}" in chrf_mt
        assert "primary" in cells[1 if s["primary"] == "chrF++" else 0].classes
        final, raw = s["term_accuracy"], s["term_accuracy_mt"]
        assert f"{final['score']:.2f}%" in terms and f"{final['hits']}/{final['total']}" in terms
        assert f"{raw['score']:.2f}%" in terms_mt and f"{raw['hits']}/{raw['total']}" in terms_mt
        signatures = tree.xpath(
            f"//table[@id='scores']//tbody[tr/th[starts-with(normalize-space(), '{lang} ')]]"
        )
        assert s["chrF++"]["signature"] in signatures[0].text_content()


def test_each_translation_sits_beside_its_reference_with_its_score(demo_run, tree):
    references = {
        lang: (demo_run / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in TARGETS
    }
    for index, record in enumerate(records(demo_run)):
        group = tree.xpath(f"//table[@id='segments']/tbody[@data-line='{record['line']}']")[0]
        assert record["split"] in group.xpath("string(tr[@class='source']/th)")
        for lang in TARGETS:
            row = group.xpath(f"tr[@data-lang='{lang}']")[0]
            assert float(row.get("data-score")) == record[lang]["chrF++"]
            assert f"{record[lang]['chrF++']:.1f}" in row.xpath("string(th)")
            assert row.xpath("string(td[@class='reference'])") == references[lang][index]
            flags = [li.text_content() for li in row.xpath("td/ul[@class='flags']/li")]
            assert flags == [f"{f['check']} {f['evidence']}" for f in record[lang]["flags"]]


def test_edits_show_inline_as_before_and_after_in_their_translation(demo_run, tree):
    edits = [json.loads(line) for line in (demo_run / "edits.jsonl").read_text(encoding="utf-8").splitlines()]
    assert edits
    for edit in edits:
        lang = edit["field"].removeprefix("hyp.")
        cell = tree.xpath(
            f"//tbody[@data-line='{edit['line']}']/tr[@data-lang='{lang}']/td[@class='hypothesis']"
        )[0]
        shown = [
            (span.xpath("string(del)"), span.xpath("string(ins)"))
            for span in cell.xpath("span[@class='edit']")
        ]
        assert (edit["before"], edit["after"]) in shown


def test_term_misses_are_marked_in_each_translation_as_scored(demo_run, tree):
    """Each missing approved form is shown under its translation: as many per concept as term
    accuracy counts misses; every term found is marked in the text."""
    for lang, s in scores(demo_run).items():
        misses = tree.xpath(f"//tr[@data-lang='{lang}']/td[@class='hypothesis']//mark[@class='miss']")
        per_concept = s["term_accuracy"]["per_concept"]
        expected = {c: n["total"] - n["hits"] for c, n in per_concept.items() if n["total"] > n["hits"]}
        shown = {}
        for mark in misses:
            shown[mark.get("data-concept")] = shown.get(mark.get("data-concept"), 0) + 1
        assert shown == expected
        hits = tree.xpath(f"//tr[@data-lang='{lang}']/td[@class='hypothesis']//mark[@class='hit']")
        assert {mark.get("data-concept") for mark in hits} == {c for c, n in per_concept.items() if n["hits"]}


def test_arabic_and_lao_cells_carry_their_language_and_direction(tree):
    for lang, direction in (("ar", "rtl"), ("lo", "ltr")):
        cells = tree.xpath(f"//table[@id='segments']//td[@lang='{lang}']")
        assert len(cells) == 2 * 194
        assert {cell.get("dir") for cell in cells} == {direction}


def test_the_language_filter_shows_one_language(report, browser):
    assert len(rows(open_page(browser, report))) == 3 * 194
    shown = rows(open_page(browser, report, lang="ar"))
    assert len(shown) == 194 and {row["lang"] for row in shown} == {"ar"}


def test_the_flag_filter_shows_the_flagged_translations(demo_run, report, browser):
    data = records(demo_run)
    flagged = [(r["line"], lang) for r in data for lang in TARGETS if r[lang]["flags"]]
    numbers = [
        (r["line"], lang)
        for r in data
        for lang in TARGETS
        if any(f["check"] == "numbers" for f in r[lang]["flags"])
    ]
    assert 0 < len(numbers) < len(flagged) < 3 * len(data)
    open_page(browser, report, flag="*")
    assert len(rows(browser)) == len(flagged)
    assert len(segments_shown(browser)) == len({line for line, _ in flagged})
    open_page(browser, report, flag="numbers")
    assert len(rows(browser)) == len(numbers)
    shown = segments_shown(browser)
    assert [int(s["line"]) for s in shown] == sorted({line for line, _ in numbers})
    form = browser.find_element("id", "filters")
    assert form.get_attribute("data-shown") == str(len(shown))


def test_the_split_filter_shows_the_lines_of_one_split(demo_run, report, browser):
    test_lines = [r["line"] for r in records(demo_run) if r["split"] == "test"]
    assert 0 < len(test_lines) < 194
    open_page(browser, report, split="test")
    assert [int(s["line"]) for s in segments_shown(browser)] == test_lines
    assert len(rows(browser)) == 3 * len(test_lines)


def test_the_term_filter_shows_the_segments_holding_the_term(demo_run, report, browser):
    per_concept = scores(demo_run)["en"]["term_accuracy"]["per_concept"]
    concept = max(per_concept, key=lambda c: per_concept[c]["total"])
    open_page(browser, report, term=concept)
    count = (
        "return Array.from(document.querySelectorAll('#segments tbody'))"
        ".filter(b => (b.getClientRects().length > 0) === arguments[1])"
        ".map(b => b.querySelectorAll(`tr.source mark[data-concept='${arguments[0]}']`).length);"
    )
    shown, hidden = (browser.execute_script(count, concept, flag) for flag in (True, False))
    assert 0 < len(shown) < 194 and all(shown) and not any(hidden)
    assert sum(shown) == per_concept[concept]["total"]


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_sorting_orders_segments_by_the_chosen_languages_score(demo_run, report, browser, order):
    expected = sorted((r["en"]["chrF++"] for r in records(demo_run)), reverse=order == "desc")
    open_page(browser, report, sort=f"en:{order}")
    shown = [float(row["score"]) for row in rows(browser) if row["lang"] == "en"]
    assert shown == expected and expected[0] != expected[-1]
    choose(browser, "sort", "")
    assert [int(s["line"]) for s in segments_shown(browser)] == list(range(1, LINES + 1))


def test_the_page_loads_nothing_and_its_own_script_runs_under_its_policy(report, browser, tree):
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert policy.startswith("default-src 'none';") and "unsafe" not in policy
    open_page(browser, report, lang="en")
    assert len(rows(browser)) == 194, "the filters did not run"
    assert browser.find_element("id", "filters").is_displayed()
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []


def test_without_its_script_the_page_shows_every_segment_in_line_order(report, browser):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        open_page(browser, report)
        assert [int(s["line"]) for s in segments_shown(browser)] == list(range(1, LINES + 1))
        assert len(rows(browser)) == 3 * 194
        assert not browser.find_element("id", "filters").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})


SCRIPT = "<script>document.documentElement.setAttribute('data-pwned', 'script')</script>"
IMAGE = "<img src=x onerror=\"document.title='pwned'\">"
CONCEPT = 'x"><img src=y onerror="document.title=\'pwned\'">'


@pytest.fixture
def hostile_page(tmp_path) -> Path:
    """A report of one segment whose source, translations, references, edits, term, flag, model
    and history each hold a <script> or an <img onerror>."""
    english = f"Quang Tri {IMAGE}"
    source = f"Tỉnh Quảng Trị {SCRIPT}"
    segment = Segment(
        line=1,
        source=source,
        translations={"en": english, "ar": f"كوانغ تري {SCRIPT}"},
        terms=[TermMatch(CONCEPT, 5, 14, "Quảng Trị", {"en": "Quang Tri", "ar": IMAGE})],
        edits=[
            Edit("normalize", "source", 5, 14, "Quang Tri", "Quảng Trị", "restore"),
            Edit("unify", "hyp.en", 0, len(SCRIPT), SCRIPT, "Quang Tri", "unify"),
        ],
        split="test",
        scores={"en": 40.0, "ar": 10.0},
        flags={"en": [Flag("artifacts", "error", IMAGE)], "ar": []},
    )
    doc = Document("vi", ["ar", "en"], [segment], references={"en": [IMAGE], "ar": [SCRIPT]})
    doc.stats.model_id = SCRIPT
    term_accuracy = {"score": 50.0, "hits": 1, "total": 2, "per_concept": {CONCEPT: {"hits": 1, "total": 2}}}
    doc.scores = {
        lang: {
            "primary": "BLEU",
            "BLEU": {"score": 12.5, "ci": [1.0, 20.0], "signature": IMAGE},
            "test_set": SCRIPT,
            "term_accuracy": {"strategy": "enforce", **term_accuracy},
            "term_accuracy_mt": term_accuracy,
        }
        for lang in doc.targets
    }
    history = [{"date": IMAGE, "model": SCRIPT, "scores": {"en": {"metric": "BLEU", "score": 20.0}}}]
    page = tmp_path / "report.html"
    page.write_text(render_report(doc, history), encoding="utf-8")
    return page


def test_corpus_text_holding_script_shows_as_text_and_runs_nothing(hostile_page, browser):
    open_page(browser, hostile_page)
    assert browser.execute_script("return document.documentElement.getAttribute('data-pwned')") is None
    assert browser.title == "mtpipe report"
    assert browser.find_elements("tag name", "img") == []
    assert len(browser.find_elements("tag name", "script")) == 1
    segments = browser.find_element("id", "segments").text
    assert SCRIPT in segments and IMAGE in segments
    source = browser.find_element("css selector", "tr.source td")
    assert source.text.endswith(SCRIPT)
    assert browser.find_element("css selector", "tr[data-lang='en'] .edit del").text == SCRIPT
    assert browser.find_element("css selector", "tr[data-lang='ar'] mark.miss").text == IMAGE
    assert IMAGE in browser.find_element("id", "scores").get_attribute("textContent")  # a signature
    choose(browser, "term", CONCEPT)
    assert len(segments_shown(browser)) == 1
    assert [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"] == []


def test_the_normalized_source_shows_its_changes_and_terms(hostile_page, browser):
    cell = open_page(browser, hostile_page).find_element("css selector", "tr.source td")
    edit = cell.find_element("css selector", ".edit")
    assert (edit.find_element("tag name", "del").text, edit.find_element("tag name", "ins").text) == (
        "Quang Tri",
        "Quảng Trị",
    )
    assert edit.find_element("css selector", "ins mark.term").get_attribute("data-concept") == CONCEPT
    assert "restore" in edit.text


def test_overlapping_edits_show_as_one_change_from_the_original():
    edits = [TextEdit(0, 9, "Quang Tri", "Quảng Trị", "restore"), TextEdit(6, 9, "Trị", "TRỊ", "case")]
    parts = pieces("Quảng TRỊ là", edits)
    assert [(p.before, p.text, p.reasons) for p in parts] == [
        ("Quang Tri", "Quảng TRỊ", ("restore", "case")),
        (None, " là", ()),
    ]


def test_baseline_update_keeps_the_history_of_the_baseline_it_replaces(demo_run, tmp_path):
    path = tmp_path / "baseline.json"
    for _ in range(3):
        assert run_cli("baseline", "update", str(demo_run), "-o", str(path)).returncode == 0
    baseline = json.loads(path.read_text())
    s = scores(demo_run)
    assert len(baseline["history"]) == 2
    for entry in baseline["history"]:
        assert entry["date"] == baseline["date"] and entry["model"] == s["ar"]["model"]
        assert {lang: score["metric"] for lang, score in entry["scores"].items()} == {
            lang: s[lang]["primary"] for lang in TARGETS
        }
        for lang, score in entry["scores"].items():
            assert abs(score["score"] - s[lang][score["metric"]]["score"]) <= 0.01


def test_baseline_update_refuses_to_overwrite_a_file_that_is_not_a_baseline(demo_run, tmp_path):
    path = tmp_path / "notes.json"
    path.write_text('{"mine": true}')
    result = run_cli("baseline", "update", str(demo_run), "-o", str(path))
    assert result.returncode == 2 and "not a baseline" in result.stderr
    assert path.read_text() == '{"mine": true}'


def test_a_run_given_a_baseline_charts_its_history_and_this_run(demo_run, demo_cache, tmp_path):
    path = tmp_path / "baseline.json"
    for _ in range(2):
        assert run_cli("baseline", "update", str(demo_run), "-o", str(path)).returncode == 0
    result = run_demo(tmp_path / "run", demo_cache, "--baseline", str(path))
    assert result.returncode == 0, result.stderr
    chart = lxml.html.fromstring((tmp_path / "run" / "report.html").read_bytes()).xpath(
        "//svg[@id='history']"
    )[0]
    series = chart.xpath("g")
    assert len(series) == 3
    s = scores(demo_run)
    for group, lang in zip(series, TARGETS, strict=True):
        tips = [title.text for title in group.xpath("circle/title")]
        assert len(tips) == 3  # one history entry, the baseline, this run
        assert tips[-1].startswith("this run") and tips[-1].endswith(
            f"{lang} {s[lang]['primary']} {s[lang][s[lang]['primary']]['score']:.2f}"
        )
