"""`glossary suggest`: unknown Vietnamese names with proposed forms, and the spellings of names
the references write more than one way."""

from pathlib import Path

from pipeline.normalize.suggest import suggest_concepts
from pipeline.terminology.glossary import load_glossary

GLOSSARY = load_glossary(Path(__file__).resolve().parent.parent / "glossary" / "quangtri.tsv")


def test_reference_spellings_of_a_source_name_become_its_variants():
    source = ["Ông Lê Quang Vinh thăm Đông Hà.", "Ông Lê Quang Vinh phát biểu."]
    ar = ["زار لي كوانج فينه دونغ ها.", "وتحدث لي كوانغ فينه."]
    ((concept, count),) = suggest_concepts(GLOSSARY, source, {"ar": ar})
    assert (concept.forms["vi"], concept.forms["ar"], count) == ("Lê Quang Vinh", "لي كوانغ فينه", 2)
    assert concept.variants["ar"] == ("لي كوانج فينه",)


def test_a_name_only_the_references_spell_two_ways_is_listed():
    en = ["Mr Dinh Van Phong spoke.", "Đinh Văn Phong added.", "Dinh Van Phong left."]
    ((concept, count),) = suggest_concepts(GLOSSARY, ["Trời mưa."], {"en": en})
    assert (concept.id, concept.status, concept.forms, count) == (
        "en-name",
        "proposed",
        {"en": "Dinh Van Phong"},
        3,
    )
    assert concept.variants["en"] == ("Đinh Văn Phong",)
    assert "spelled 2 ways" in concept.note
