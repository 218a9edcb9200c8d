"""`mtpipe glossary diff`: exactly what changed, in text, JSON and HTML, and the segments it touches."""

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import lxml.html
from conftest import CORPUS_DIR, GLOSSARY, run_cli

SCRIPT = "<script>document.body.setAttribute('data-pwned','yes')</script>"


FOUR_CHANGES = {"lao-bao": {"ar": "لاو باوو"}, "dong-ha": {"status": "proposed"}}


def edited_glossary(tmp_path: Path, edits: dict[str, dict[str, str]] = FOUR_CHANGES) -> Path:
    """The project glossary with one concept added, la-lay removed and the cells in `edits` changed
    (by default one Arabic form and one status)."""
    header, *rows = GLOSSARY.read_text(encoding="utf-8").rstrip("\n").split("\n")
    columns = header.split("\t")
    edited = []
    for row in rows:
        cells = row.split("\t")
        if cells[0] == "la-lay":
            continue
        for column, value in edits.get(cells[0], {}).items():
            cells[columns.index(column)] = value
        edited.append("\t".join(cells))
    edited.append(
        "\t".join(
            [
                "zz-new-term",
                "term",
                "proposed",
                f"thử {SCRIPT}",
                "trial",
                "تجربة",
                "ທົດລອງ",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    )
    path = tmp_path / "new.tsv"
    path.write_text("\n".join([header, *edited]) + "\n", encoding="utf-8")
    return path


EXPECTED = {
    "added": ["zz-new-term"],
    "removed": ["la-lay"],
    "changed": [
        {"id": "dong-ha", "changes": [{"field": "status", "old": "approved", "new": "proposed"}]},
        {"id": "lao-bao", "changes": [{"field": "ar", "old": "لاو باو", "new": "لاو باوو"}]},
    ],
}


def core(data: dict) -> dict:
    """The fields that every version of the JSON has written, which tools may rely on."""
    return {key: data[key] for key in EXPECTED}


def test_json_reports_exactly_the_four_changes(tmp_path):
    result = run_cli("glossary", "diff", str(GLOSSARY), str(edited_glossary(tmp_path)), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert core(data) == EXPECTED
    assert sorted(data) == ["added", "changed", "concepts", "removed", "warnings"]


def test_text_reports_exactly_the_four_changes(tmp_path):
    result = run_cli("glossary", "diff", str(GLOSSARY), str(edited_glossary(tmp_path)))
    lines = result.stdout.splitlines()
    assert [line.split()[0] + " " + line.split()[1] for line in lines if line[:1] in "+-~"] == [
        "+ zz-new-term",
        "- la-lay",
        "~ dong-ha",
        "~ lao-bao",
    ]
    assert "status: approved → proposed" in result.stdout and "ar: لاو باو → لاو باوو" in result.stdout
    assert "vi: La Lay | en: La Lay | ar: لا لاي" in result.stdout
    assert lines[-1] == "1 added, 1 removed, 2 changed"


def test_html_reports_exactly_the_four_changes(tmp_path):
    result = run_cli("glossary", "diff", str(GLOSSARY), str(edited_glossary(tmp_path)), "--format", "html")
    html = result.stdout
    assert html.count('<tr class="added">') == 1 and html.count('<tr class="removed">') == 1
    assert html.count('<tr class="changed">') == 2
    assert SCRIPT not in html and "thử &lt;script&gt;" in html  # the added concept's forms, escaped
    assert "la-lay" in html and "لا لاي" in html  # the removed concept's forms


def vi_lines(concept_ids: set[str]) -> dict[str, list[int]]:
    """Independent reference: lines of the source containing each concept's vi forms (substring)."""
    forms: dict[str, list[str]] = {}
    for row in GLOSSARY.read_text(encoding="utf-8").splitlines()[1:]:
        cells = row.split("\t")
        if cells[0] in concept_ids:
            forms[cells[0]] = [cells[3].lower(), *(v.lower() for v in cells[7].split("|") if v)]
    source = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").lower().splitlines()
    return {
        cid: [n for n, line in enumerate(source, start=1) if any(f in line for f in forms.get(cid, []))]
        for cid in concept_ids
    }


def test_corpus_impact_lists_exactly_the_affected_segments(tmp_path):
    result = run_cli(
        "glossary",
        "diff",
        str(GLOSSARY),
        str(edited_glossary(tmp_path)),
        "--corpus",
        str(CORPUS_DIR),
        "--format",
        "json",
    )
    impact = json.loads(result.stdout)["impact"]
    expected = vi_lines({"la-lay", "lao-bao", "dong-ha"}) | {"zz-new-term": []}
    assert impact == expected
    assert impact["la-lay"] and impact["lao-bao"]


def test_git_revisions_are_accepted(tmp_path):
    """In a repository of its own, so the result does not depend on this checkout's HEAD."""
    repo = tmp_path / "repo"
    (repo / "glossary").mkdir(parents=True)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copy(GLOSSARY, repo / "glossary" / "quangtri.tsv")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "glossary"], check=True)
    shutil.copy(edited_glossary(tmp_path), repo / "glossary" / "quangtri.tsv")
    subprocess.run([*git, "commit", "-qam", "edited"], check=True)

    def diff(old: str, new: str):
        return run_cli("glossary", "diff", old, new, "--format", "json", cwd=repo)

    result = diff("HEAD~1:glossary/quangtri.tsv", "HEAD:glossary/quangtri.tsv")
    assert result.returncode == 0, result.stderr
    assert core(json.loads(result.stdout)) == EXPECTED
    same = diff("HEAD:glossary/quangtri.tsv", "glossary/quangtri.tsv")
    assert json.loads(same.stdout) == {
        "added": [],
        "removed": [],
        "changed": [],
        "concepts": {},
        "warnings": [],
    }
    bad = diff("NOPE:glossary/quangtri.tsv", "glossary/quangtri.tsv")
    assert bad.returncode != 0 and "git cannot show it" in bad.stderr


SOURCE = (CORPUS_DIR / "source.vi.txt").read_text(encoding="utf-8").splitlines()
REFERENCES = {
    lang: (CORPUS_DIR / f"ref.{lang}.txt").read_text(encoding="utf-8").splitlines()
    for lang in ("ar", "en", "lo")
}


def fake_run(tmp_path: Path, split: str = "all") -> Path:
    """An `mtpipe run` output directory for `split` whose translations are the corpus references."""
    ranges = tomllib.loads((CORPUS_DIR / "corpus.toml").read_text(encoding="utf-8"))["splits"]
    first, last = map(int, ranges[split].split("-")) if split != "all" else (1, len(SOURCE))
    run = tmp_path / f"run-{split}"
    run.mkdir()
    for lang, lines in REFERENCES.items():
        (run / f"hyp.{lang}.txt").write_text(
            "".join(f"{t}\n" for t in lines[first - 1 : last]), encoding="utf-8"
        )
    (run / "run.json").write_text(json.dumps({"split": split}), encoding="utf-8")
    return run


def diff_output(tmp_path: Path, *options: str) -> str:
    """Standard output of a diff from the project glossary to the edited one (four changes)."""
    result = run_cli("glossary", "diff", str(GLOSSARY), str(edited_glossary(tmp_path)), *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_added_and_removed_concepts_show_their_status(tmp_path):
    data = json.loads(diff_output(tmp_path, "--format", "json"))
    assert {cid: fields["status"] for cid, fields in data["concepts"].items()} == {
        "zz-new-term": "proposed",
        "la-lay": "approved",
    }
    assert data["concepts"]["la-lay"]["ar"] == "لا لاي" and data["concepts"]["la-lay"]["ar.variants"]
    text = diff_output(tmp_path)
    assert "+ zz-new-term [proposed]" in text and "- la-lay [approved]" in text
    page = lxml.html.fromstring(diff_output(tmp_path, "--format", "html"))
    assert page.xpath("//tr[@class='added']/td[@class='status']/text()") == ["proposed"]
    assert page.xpath("//tr[@class='removed']/td[@class='status']/text()") == ["approved"]


def test_affected_lines_show_their_source_text(tmp_path):
    data = json.loads(diff_output(tmp_path, "--corpus", str(CORPUS_DIR), "--format", "json"))
    assert data["lines"]["lao-bao"]
    for concept_id, numbers in data["impact"].items():
        assert data["lines"][concept_id] == [
            {"line": n, "source": SOURCE[n - 1], "translations": {}} for n in numbers
        ]
    first = data["impact"]["lao-bao"][0]
    assert f"    {first}  vi: {SOURCE[first - 1]}" in diff_output(tmp_path, "--corpus", str(CORPUS_DIR))
    page = lxml.html.fromstring(diff_output(tmp_path, "--corpus", str(CORPUS_DIR), "--format", "html"))
    assert SOURCE[first - 1] in page.xpath("//table[@class='lines']//td[@lang='vi']/text()")


def test_affected_lines_show_the_current_translation_in_each_changed_language(tmp_path):
    """lao-bao changed only its Arabic form: Arabic only; a status change or a removed concept
    changes every language."""
    options = ("--corpus", str(CORPUS_DIR), "--run", str(fake_run(tmp_path)))
    data = json.loads(diff_output(tmp_path, *options, "--format", "json"))
    languages = {"lao-bao": ["ar"], "dong-ha": ["ar", "en", "lo"], "la-lay": ["ar", "en", "lo"]}
    for concept_id, langs in languages.items():
        assert data["lines"][concept_id]
        for line in data["lines"][concept_id]:
            assert line["translations"] == {lang: REFERENCES[lang][line["line"] - 1] for lang in langs}
    text = diff_output(tmp_path, *options)
    assert f"ar: {REFERENCES['ar'][1]}" in text and REFERENCES["en"][1] not in text  # line 2: lao-bao only
    page = lxml.html.fromstring(diff_output(tmp_path, *options, "--format", "html"))
    assert REFERENCES["ar"][1] in page.xpath("//table[@class='lines']//td[@lang='ar'][@dir='rtl']/text()")


def test_a_run_of_one_split_shows_translations_of_its_lines_only(tmp_path):
    options = ("--corpus", str(CORPUS_DIR), "--run", str(fake_run(tmp_path, "test")), "--format", "json")
    lines = {
        line["line"]: line["translations"]
        for line in json.loads(diff_output(tmp_path, *options))["lines"]["dong-ha"]
    }
    assert lines[53] == {} and lines[182] == {lang: REFERENCES[lang][181] for lang in ("ar", "en", "lo")}


def test_a_run_that_does_not_match_the_corpus_is_refused(tmp_path):
    run = fake_run(tmp_path)
    hyp = run / "hyp.ar.txt"
    hyp.write_text("".join(f"{t}\n" for t in REFERENCES["ar"][:-1]), encoding="utf-8")
    new = str(edited_glossary(tmp_path))
    result = run_cli("glossary", "diff", str(GLOSSARY), new, "--corpus", str(CORPUS_DIR), "--run", str(run))
    assert result.returncode == 2
    assert result.stderr.startswith(f"mtpipe: error: {hyp}: has {len(SOURCE) - 1} lines but")
    alone = run_cli("glossary", "diff", str(GLOSSARY), new, "--run", str(run))
    assert alone.returncode == 2 and "--run needs --corpus" in alone.stderr


def test_exit_code_says_whether_the_glossaries_differ(tmp_path):
    new = str(edited_glossary(tmp_path))
    assert run_cli("glossary", "diff", str(GLOSSARY), new, "--exit-code").returncode == 1
    as_json = run_cli("glossary", "diff", str(GLOSSARY), new, "--exit-code", "--format", "json")
    assert as_json.returncode == 1 and core(json.loads(as_json.stdout)) == EXPECTED
    assert run_cli("glossary", "diff", str(GLOSSARY), str(GLOSSARY), "--exit-code").returncode == 0
    assert run_cli("glossary", "diff", str(GLOSSARY), new).returncode == 0


def test_an_old_form_dropped_entirely_is_a_warning_naming_file_line_concept_and_language(tmp_path):
    new = edited_glossary(tmp_path)
    line = next(
        n
        for n, row in enumerate(new.read_text(encoding="utf-8").splitlines(), 1)
        if row.startswith("lao-bao\t")
    )
    result = run_cli("glossary", "diff", str(GLOSSARY), str(new), "--format", "json")
    warning = (
        f"{new}:{line}: warning: concept 'lao-bao': the old ar form 'لاو باو' is neither its ar form "
        "nor one of its ar variants any more, so text written with it is no longer recognised"
    )
    assert result.returncode == 0
    assert [w for w in result.stderr.splitlines() if "warning" in w] == [
        warning + " (keep it in ar_variants)"
    ]
    assert json.loads(result.stdout)["warnings"] == [warning + " (keep it in ar_variants)"]
    kept = {"lao-bao": {"ar": "لاو باوو", "ar_variants": "لاو باو|لاوباو"}}
    result = run_cli("glossary", "diff", str(GLOSSARY), str(edited_glossary(tmp_path, kept)))
    assert result.returncode == 0 and "warning" not in result.stderr


def test_html_renders_in_chromium_and_runs_no_script(tmp_path, browser):
    """The page renders; a concept whose id holds a <script> shows it as text and the script does
    not run."""
    header, *rows = GLOSSARY.read_text(encoding="utf-8").rstrip("\n").split("\n")
    evil = "\t".join([f"x{SCRIPT}", "term", "proposed", "thử", "trial", "تجربة", "ທົດລອງ", "", "", "", "", ""])
    new = tmp_path / "new.tsv"
    new.write_text("\n".join([header, *rows, evil]) + "\n", encoding="utf-8")
    page = tmp_path / "diff.html"
    page.write_text(run_cli("glossary", "diff", str(GLOSSARY), str(new), "--format", "html").stdout)

    browser.get(page.as_uri())
    table = browser.find_element("id", "concepts")
    assert f"x{SCRIPT}" in table.text
    assert browser.find_element("tag name", "body").get_attribute("data-pwned") is None


def test_html_arabic_is_right_to_left_never_struck_through_and_only_changed_words_marked(tmp_path, browser):
    """Arabic cells (forms, old and new values, current translations) are dir=rtl and right-aligned,
    nothing in them has a line through it, and only the changed word is highlighted; Lao too."""
    edits = {"lao-bao": {"ar": "لاو باوو"}, "trieu-phong": {"lo": "ຈິວຟອງ"}}
    new = edited_glossary(tmp_path, edits)
    run = fake_run(tmp_path)
    html = run_cli(
        "glossary",
        "diff",
        str(GLOSSARY),
        str(new),
        "--corpus",
        str(CORPUS_DIR),
        "--run",
        str(run),
        "--format",
        "html",
    ).stdout
    page = tmp_path / "diff.html"
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())

    cells = browser.find_elements("css selector", "td[lang='ar']")
    texts = [cell.text for cell in cells]
    assert "لا لاي" in texts and REFERENCES["ar"][1] in texts  # a removed form, a current translation
    for cell in cells:
        assert cell.get_attribute("dir") == "rtl"
        assert cell.value_of_css_property("text-align") == "right"
    for element in browser.find_elements("css selector", "[lang='ar'], [lang='ar'] *"):
        assert "line-through" not in element.value_of_css_property("text-decoration-line")

    def marked(field: str, side: str, tag: str) -> list[str]:
        cell = browser.find_element("xpath", f"//tr[td[4]='{field}']/td[contains(@class, '{side}')]")
        return [element.text for element in cell.find_elements("tag name", tag)]

    assert (marked("ar", "old", "del"), marked("ar", "new", "ins")) == (["باو"], ["باوو"])
    assert (marked("lo", "old", "del"), marked("lo", "new", "ins")) == (["ຈ້ຽວ"], ["ຈິວ"])
    assert browser.find_elements("css selector", "td[lang='lo'] del, td[lang='lo'] ins")
    assert {c.get_attribute("dir") for c in browser.find_elements("css selector", "td[lang='lo']")} == {"ltr"}
