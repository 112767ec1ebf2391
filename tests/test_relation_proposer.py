"""The trained relation proposer: applying a model (hand-written weights on sentences of
our own), checking and loading model files, training deterministically."""

import json

import pytest

from kg_ev.article import parse_article
from kg_ev.errors import KgEvError
from kg_ev.extraction import docs_to_extraction, run_info
from kg_ev.nlp.relation_proposer import ORIGIN, RelationProposer, candidates, check_model, load_model
from kg_ev.nlp.train_proposer import cue_lemmas, in_evidence
from kg_ev.resources import rules

MISSED = "Renault planifie avec Geely des moteurs hybrides."  # no rule reads "planifier avec"
READ = "Basé à Pékin, Baidu est dirigé par Robin Li."

#: A tiny model: a partnership when 'avec' stands between two organisations.
MODEL = {"threshold": 0.5,
         "predicates": {"partnersWith": {"weights": {"bias": -3.0, "btw=avec": 5.0}}}}


def propose(nlp, text, model):
    with nlp.select_pipes(disable=["kg_ev_relation_proposer", "kg_ev_attribution"]):
        doc = nlp(text)
    return RelationProposer(nlp, "p", model, nlp.get_pipe("kg_ev_relations"), cue_lemmas(rules("fr", "relations")))(doc)


def test_a_model_adds_the_pair_the_rules_missed_with_its_origin_and_confidence(nlp):
    doc = propose(nlp, MISSED, MODEL)
    added = [r for r in doc._.kg_relations if r.origin == ORIGIN]
    assert [(r.subject, r.predicate, r.object) for r in added] == [("renault", "partnersWith", "geely")]
    assert added[0].confidence == 0.88  # sigmoid(-3 + 5)
    assert doc[added[0].cue].lemma_ == "planifier"  # where the two mentions' paths meet


def test_the_added_relation_gets_a_status_like_any_other(nlp):
    doc = propose(nlp, MISSED, MODEL)
    nlp.get_pipe("kg_ev_attribution")(doc)
    extraction = docs_to_extraction([(doc, 0)], parse_article(MISSED, "own"), run_info(nlp))
    [claim] = extraction.claims
    assert (claim.predicate, claim.status, claim.origin, claim.confidence) == ("partnersWith", "asserted", ORIGIN, 0.88)


def test_a_model_below_its_threshold_adds_nothing_and_the_rules_relations_stay(nlp):
    doc = propose(nlp, MISSED, {**MODEL, "threshold": 0.95})
    assert not doc._.kg_relations
    doc = propose(nlp, READ, {"threshold": 0.5, "predicates": {"leads": {"weights": {"bias": 9.0}}}})
    assert {(r.subject, r.predicate, r.object, r.origin) for r in doc._.kg_relations} == {
        ("baidu", "locatedIn", "pekin", "rules"), ("robin-li", "leads", "baidu", "rules")}


def test_a_predicate_threshold_overrides_the_model_threshold(nlp):
    model = {"threshold": 0.5, "predicates": {"partnersWith": {**MODEL["predicates"]["partnersWith"], "threshold": 0.9}}}
    assert not propose(nlp, MISSED, model)._.kg_relations


def test_candidates_skip_what_the_rules_read_and_types_that_do_not_fit(nlp):
    with nlp.select_pipes(disable=["kg_ev_relation_proposer", "kg_ev_attribution"]):
        doc = nlp(READ)
    found = {(c.subject, c.predicate, c.object) for c in candidates(doc, None, cue_lemmas(rules("fr", "relations")))}
    assert ("robin-li", "leads", "baidu") not in found and ("baidu", "locatedIn", "pekin") not in found
    assert ("robin-li", "worksFor", "baidu") in found and ("robin-li", "founderOf", "baidu") in found
    assert not any(p == "leads" and s != "robin-li" for s, p, _ in found)  # a person leads, not a place


def test_without_a_model_file_the_component_adds_nothing(nlp):
    assert load_model("fr") is None
    assert not nlp.get_pipe("kg_ev_relation_proposer").enabled


@pytest.mark.parametrize("model, message", [
    ({"threshold": 2, "predicates": {}}, "threshold"),
    ({"threshold": 0.5}, "predicates"),
    ({"threshold": 0.5, "predicates": {"likes": {"weights": {}}}}, "not a predicate"),
    ({"threshold": 0.5, "predicates": {"leads": {"weights": {"bias": "x"}}}}, "weight"),
    ({"threshold": 0.5, "predicates": {"leads": {}}}, "weights"),
    ({"threshold": 0.5, "predicates": {}, "colour": 1}, "unknown key"),
])
def test_a_bad_model_is_refused_by_name(model, message):
    with pytest.raises(KgEvError, match=message):
        check_model(model, "rules/fr/relation_proposer.json")


def test_a_malformed_model_file_is_an_error_naming_the_file(tmp_path):
    broken = tmp_path / "relation_proposer.json"
    broken.write_text('{"threshold": 0.5, "predicates": {"leads": {"weights": {"bias": true}}}}', encoding="utf-8")
    with pytest.raises(KgEvError, match="relation_proposer.json.*'bias' is not a number"):
        load_model("fr", broken)
    broken.write_text('{"threshold": 0.5,', encoding="utf-8")
    with pytest.raises(KgEvError, match="relation_proposer.json: not JSON"):
        load_model("fr", broken)
    broken.write_text(json.dumps(MODEL), encoding="utf-8")
    assert load_model("fr", broken) == MODEL


def test_evidence_is_found_by_its_longest_fragment():
    assert in_evidence("Selon la presse, Renault travaille avec Geely depuis mars.", "Renault travaille ... avec Geely")
    assert not in_evidence("Geely vend des voitures.", "Renault travaille ... avec Geely")


def test_training_is_deterministic_and_scored_across_articles(tmp_path, capsys):
    pytest.importorskip("sklearn")
    from kg_ev.nlp.train_proposer import main

    outputs = []
    for run in ("a", "b"):
        out = tmp_path / f"{run}.json"
        assert main(["corpus/dev:corpus/dev/gold.jsonl", "--folds", "3", "--min-positives", "3", "--no-nested",
                     "--out", str(out)]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    model = check_model(json.loads(outputs[0]), "a.json")
    assert model["cross_validation"]["folds"] == 3 and model["predicates"]
    printed = capsys.readouterr().out
    assert "rules alone" in printed and "verdict:" in printed
