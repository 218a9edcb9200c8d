"""`mtpipe glossary validate`: each kind of error is reported with its line and fails the run."""

import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

DATA = Path(__file__).parent / "data" / "validate"


@pytest.mark.parametrize(
    ("fixture", "line", "message"),
    [
        ("duplicate_id", 3, "error: duplicate concept id 'quang-tri' (first on line 2)"),
        ("conflicting_targets", 3, "error: Vietnamese term 'Quảng Trị' has conflicting approved en targets"),
        (
            "variant_shadows_canonical",
            3,
            "error: en variant 'Quang Tri' is the canonical form of 'quang-tri'",
        ),
        (
            "canonical_in_own_variants",
            2,
            "error: concept 'quang-tri': the ar form 'كوانغ تري' is also listed among its own ar variants",
        ),
        ("wrong_script", 2, "error: ar field 'Quang Tri' contains latin script"),
        ("lao_in_arabic_field", 2, "error: lo field 'كوانغ' contains arabic script"),
        ("missing_language", 2, "error: missing required language(s): ar"),
        ("unknown_status", 2, "error: unknown status 'draft'"),
        ("unknown_type", 2, "error: unknown type 'planet'"),
    ],
)
def test_each_error_is_reported_with_its_line(fixture, line, message):
    path = DATA / f"{fixture}.tsv"
    result = run_cli("glossary", "validate", str(path))
    assert result.returncode == 1
    assert f"{path}:{line}: {message}" in result.stdout


def test_clean_glossary_passes():
    result = run_cli("glossary", "validate", str(DATA / "clean.tsv"))
    assert result.returncode == 0 and result.stdout == ""


def test_the_project_glossary_has_no_errors():
    result = run_cli("glossary", "validate", str(ROOT / "glossary" / "quangtri.tsv"))
    assert result.returncode == 0, result.stdout
    assert result.stderr.startswith("0 error(s)")


def test_warnings_do_not_fail(tmp_path):
    rows = (DATA / "clean.tsv").read_text(encoding="utf-8").splitlines()
    proposed = "a-proposed\tterm\tproposed\tthử nghiệm\ttrial\t\t\t\t\t\t\t"
    path = tmp_path / "g.tsv"
    path.write_text("\n".join([*rows, proposed]) + "\n", encoding="utf-8")
    result = run_cli("glossary", "validate", str(path))
    assert result.returncode == 0
    assert f"{path}:3: warning: missing required language(s): ar, lo" in result.stdout
    assert "warning: id 'a-proposed' is out of order" in result.stdout


def test_a_canonical_form_among_its_own_variants_is_found_in_any_unicode_form(tmp_path):
    """A variant that differs from the canonical form only in Unicode composition looks identical."""
    header, row = (DATA / "clean.tsv").read_text(encoding="utf-8").splitlines()
    cells = row.split("\t")
    cells[7] = unicodedata.normalize("NFD", cells[3])  # vi_variants: Quảng Trị, decomposed
    path = tmp_path / "g.tsv"
    path.write_text("\n".join([header, "\t".join(cells)]) + "\n", encoding="utf-8")
    result = run_cli("glossary", "validate", str(path))
    assert result.returncode == 1
    assert f"{path}:2: error: concept 'quang-tri': the vi form 'Quảng Trị' is also listed" in result.stdout


def test_proposed_lists_every_proposed_concept_with_its_note(tmp_path):
    path = tmp_path / "g.tsv"
    header = "id\ttype\tstatus\tvi\ten\tar\tlo\tvi_variants\ten_variants\tar_variants\tlo_variants\tnote"
    path.write_text(
        f"{header}\n"
        "a-name\tsite\tproposed\tTà Cơn\tTa Con\tتا كون\tຕ່າເກິນ\t\t\t\t\tLao ຕ່າເກິນ unconfirmed.\n"
        "b-name\tsite\tapproved\tLao Bảo\tLao Bao\tلاو باو\tລາວບາວ\t\t\t\t\t\n",
        encoding="utf-8",
    )
    result = run_cli("glossary", "proposed", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "a-name (site)",
        "  vi: Tà Cơn | ar: تا كون | en: Ta Con | lo: ຕ່າເກິນ",
        "  Lao ຕ່າເກິນ unconfirmed.",
    ]
    assert "1 proposed concept(s)" in result.stderr
