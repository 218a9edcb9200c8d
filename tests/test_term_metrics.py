"""Term metrics as the WMT terminology task reports them: success rate and consistency."""

from pipeline.evaluation.terms import missed_terms, term_accuracy, term_consistency


def test_term_accuracy_counts_each_occurrence_of_an_approved_form():
    result = term_accuracy(
        ["Quang Tri and Lao Bao", "Quangtri"],
        [[("qt", "Quang Tri"), ("lb", "Lao Bao")], [("qt", "Quang Tri")]],
    )
    assert (result["hits"], result["total"], result["score"]) == (2, 3, 66.67)
    assert result["per_concept"]["qt"] == {"hits": 1, "total": 2}


def test_missed_terms_are_those_whose_form_does_not_stand_alone_in_each_script():
    output = "زار وفد كوانغ تري ولاوباو " * 300 + "ແຂວງກວາງຈີ"  # a long line, its terms repeated
    required = [("qt", "كوانغ تري"), ("lb", "لاو باو"), ("qt-lo", "ກວາງຈີ")] * 300
    assert missed_terms(output, required) == [("lb", "لاو باو")] * 300


def test_consistency_is_the_share_of_each_terms_majority_rendering():
    same = [[("qt", "Quang Tri")], [("qt", "Quang Tri")], [("lb", "Lao Bao")]]
    assert term_consistency(same) == {"score": 100.0, "concepts": 1, "inconsistent": []}
    mixed = [[("qt", "Quang Tri")], [("qt", "Quang Tri")], [("qt", "Quangtri")], [("qt", None)]]
    assert term_consistency(mixed) == {"score": 50.0, "concepts": 1, "inconsistent": ["qt"]}
    assert term_consistency([[("qt", "Quang Tri")]])["score"] is None
