"""TBX-Basic export and import: schema validity, lossless round trip, the official examples, XML safety."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import GLOSSARY, ROOT
from lxml import etree

from pipeline.errors import InputError
from pipeline.safexml import XmlRefusedError
from pipeline.terminology.glossary import Concept, load_glossary, write_glossary
from pipeline.terminology.tbx import TBX_NS, export_tbx, import_tbx

DATA = Path(__file__).parent / "data" / "terminology"
# The TBX-Basic reference files (LTAC-Global/TBX-Basic_dialect) are shared with the project, not copied
# into it: the upstream repository states no licence.
REFERENCE = next(
    (
        p
        for p in (ROOT.parent / "shared" / "interop" / "tbx", ROOT / "shared" / "interop" / "tbx")
        if p.is_dir()
    ),
    None,
)
needs_reference = pytest.mark.skipif(REFERENCE is None, reason="TBX-Basic reference files not found")
EXAMPLES = ["Example_Astronomy_DCA_VALID.tbx", "Example_Astronomy_DCT_VALID.tbx"]


def _fields(concept):
    return concept.id, concept.type, concept.status, concept.forms, concept.variants


@pytest.fixture(scope="module")
def project_tbx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tbx") / "quangtri.tbx"
    export_tbx(load_glossary(GLOSSARY), out)
    return out


@needs_reference
def test_export_validates_against_the_tbx_basic_schema(project_tbx):
    schema = etree.RelaxNG(etree.parse(str(REFERENCE / "TBX-Basic_DCA.rng")))
    assert schema.validate(etree.parse(str(project_tbx))), schema.error_log


def test_export_is_dca_tbx_basic_with_one_entry_per_concept(project_tbx):
    root = etree.parse(str(project_tbx)).getroot()
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    ids = [e.get("id") for e in root.iter(f"{{{TBX_NS}}}conceptEntry")]
    assert ids == sorted(c.id for c in load_glossary(GLOSSARY).concepts)


def test_statuses_and_variants_in_the_export(project_tbx):
    root = etree.parse(str(project_tbx)).getroot()
    annam = root.find(f".//{{{TBX_NS}}}conceptEntry[@id='annam']")
    vi = annam.find(f"{{{TBX_NS}}}langSec")
    terms = [t.findtext(f"{{{TBX_NS}}}term") for t in vi]
    notes = [[(n.get("type"), n.text) for n in t.findall(f"{{{TBX_NS}}}termNote")] for t in vi]
    assert terms == ["Trung Kỳ", "Trung Ky", "An Nam"]
    deprecated = ("administrativeStatus", "deprecatedTerm-admn-sts")
    assert notes == [
        [deprecated],
        [deprecated, ("termType", "variant")],
        [deprecated, ("termType", "variant")],
    ]
    assert annam.find(f"{{{TBX_NS}}}descrip[@type='subjectField']").text == "term"
    assert annam.find(f"{{{TBX_NS}}}note").text.startswith("Colonial-era name")
    lao_bao = root.find(f".//{{{TBX_NS}}}conceptEntry[@id='lao-bao-border-gate']")
    statuses = [
        n.text for n in lao_bao.iter(f"{{{TBX_NS}}}termNote") if n.get("type") == "administrativeStatus"
    ]
    assert statuses[0] == "preferredTerm-admn-sts"


@pytest.mark.parametrize("source", [GLOSSARY, DATA / "extra_languages.tsv"], ids=lambda p: p.name)
def test_round_trip_is_lossless(source, tmp_path):
    glossary = load_glossary(source)
    export_tbx(glossary, tmp_path / "g.tbx")
    back = import_tbx(tmp_path / "g.tbx")
    assert back.concepts == glossary.concepts
    write_glossary(back, tmp_path / "g.tsv")
    assert (tmp_path / "g.tsv").read_bytes() == source.read_bytes()


@needs_reference
@pytest.mark.parametrize("name", EXAMPLES)
def test_the_official_examples_keep_every_concept_and_language(name):
    path = REFERENCE / name
    glossary = import_tbx(path)
    entries = etree.parse(str(path)).getroot().iter(f"{{{TBX_NS}}}conceptEntry")
    assert len(glossary.concepts) == sum(1 for _ in entries) == 45
    assert {"en", "es", "zu"} <= {lang for c in glossary.concepts for lang in c.forms}
    concepts = glossary.by_id()
    assert concepts["c1"].forms == {"en": "open cluster", "es": "cúmulo abierto"}
    assert concepts["c1"].variants["en"] == ("galactic cluster",)
    assert concepts["c1"].status == "approved" and concepts["c4"].status == "proposed"
    assert concepts["c1"].type == "General"
    assert "G-Source: http://www.physics.drexel.edu/observatory/dump.shtml" in concepts["c1"].note
    assert "[en: galactic cluster] Another name for an open star cluster." in concepts["c1"].note
    assert concepts["c38"].forms["es"] == "ciclo del carbono-nitrógeno"  # preferred, though a variant


@needs_reference
def test_dca_and_dct_examples_give_the_same_terms():
    dca, dct = (import_tbx(REFERENCE / name).concepts for name in EXAMPLES)
    assert [_fields(c) for c in dca] == [_fields(c) for c in dct]


def test_status_mapping_and_canonical_choice():
    concepts = import_tbx(DATA / "statuses.tbx").by_id()
    assert concepts["agree-deprecated"].status == "forbidden"
    assert set(concepts["agree-deprecated"].forms) == {"en", "fr"}
    assert concepts["disagree"].status == "proposed"
    best = concepts["best-status-wins"]
    assert (best.status, best.type, best.forms["en"]) == ("approved", "river", "Ben Hai River")
    assert best.variants["en"] == ("Benhai River",)
    assert best.note == "[en] Language-level note.; [en: Ben Hai River] Term-level note."
    only = concepts["only-variants"]
    assert ("en" not in only.forms, only.variants["en"], only.status) == (True, ("colour",), "proposed")


def _refused_fast(path: Path) -> str:
    start = time.monotonic()
    with pytest.raises(XmlRefusedError) as caught:
        import_tbx(path)
    assert time.monotonic() - start < 1.0
    message = str(caught.value)
    assert message.startswith(f"{path}: refused")
    return message


def test_billion_laughs_is_refused_fast():
    _refused_fast(DATA / "billion_laughs.tbx")


@pytest.mark.parametrize(
    "doctype",
    ['<!ENTITY x SYSTEM "{uri}">', '<!ENTITY % x SYSTEM "{uri}"> %x;'],
    ids=["external-entity", "parameter-entity"],
)
def test_external_entities_are_refused_and_never_read(doctype, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7731", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE tbx [ {doctype.format(uri=secret.as_uri())} ]>\n'
        f'<tbx xmlns="{TBX_NS}" type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&x;</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    assert "TOP-SECRET" not in _refused_fast(path)


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("not_tbx.xml", r":2: not a TBX document: the root element is martif"),
        ("malformed.csv", r":1: not well-formed XML"),
        ("missing.tbx", r": file not found"),
    ],
)
def test_bad_input_names_the_file(name, problem):
    with pytest.raises(InputError, match=rf"^{DATA / name}{problem}"):
        import_tbx(DATA / name)


def test_export_refuses_an_id_that_is_not_an_xml_name(tmp_path):
    glossary = load_glossary(DATA / "extra_languages.tsv")
    glossary.concepts[0] = Concept("17th-parallel", "site", "approved", {"en": "x"})
    with pytest.raises(InputError, match="not a unique XML name"):
        export_tbx(glossary, tmp_path / "g.tbx")
