"""`mtpipe glossary diff`: exactly what changed, in text, JSON and HTML, and the segments it touches."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CORPUS_DIR, GLOSSARY, run_cli

SCRIPT = "<script>document.body.setAttribute('data-pwned','yes')</script>"


def edited_glossary(tmp_path: Path) -> Path:
    """The project glossary with one concept added, one removed, one Arabic form and one status changed."""
    header, *rows = GLOSSARY.read_text(encoding="utf-8").rstrip("\n").split("\n")
    edited = []
    for row in rows:
        cells = row.split("\t")
        if cells[0] == "la-lay":
            continue
        if cells[0] == "lao-bao":
            cells[5] = "لاو باوو"
        if cells[0] == "dong-ha":
            cells[2] = "proposed"
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


def test_json_reports_exactly_the_four_changes(tmp_path):
    result = run_cli("glossary", "diff", str(GLOSSARY), str(edited_glossary(tmp_path)), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED


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
    assert json.loads(result.stdout) == EXPECTED
    same = diff("HEAD:glossary/quangtri.tsv", "glossary/quangtri.tsv")
    assert json.loads(same.stdout) == {"added": [], "removed": [], "changed": []}
    bad = diff("NOPE:glossary/quangtri.tsv", "glossary/quangtri.tsv")
    assert bad.returncode != 0 and "git cannot show it" in bad.stderr


def test_html_renders_in_chromium_and_runs_no_script(tmp_path):
    """Headless Chromium (Debian's chromium + chromium-driver, installed by .ci/run) renders the
    page; a concept whose id holds a <script> shows it as text and the script does not run."""
    chromedriver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    if not Path(chromedriver).exists():
        pytest.fail("chromedriver is missing: .ci/run installs Debian's chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    header, *rows = GLOSSARY.read_text(encoding="utf-8").rstrip("\n").split("\n")
    evil = "\t".join([f"x{SCRIPT}", "term", "proposed", "thử", "trial", "تجربة", "ທົດລອງ", "", "", "", "", ""])
    new = tmp_path / "new.tsv"
    new.write_text("\n".join([header, *rows, evil]) + "\n", encoding="utf-8")
    page = tmp_path / "diff.html"
    page.write_text(run_cli("glossary", "diff", str(GLOSSARY), str(new), "--format", "html").stdout)

    options = webdriver.ChromeOptions()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        driver.get(page.as_uri())
        table = driver.find_element("id", "concepts")
        assert f"x{SCRIPT}" in table.text
        assert driver.find_element("tag name", "body").get_attribute("data-pwned") is None
    finally:
        driver.quit()
