"""The trained relation filter: applying a model, checking model files, training by
cross-validation over articles."""

import json
from dataclasses import replace

import pytest

from kg_ev.errors import KgEvError
from kg_ev.nlp.relation_filter import RelationFilter, check_model, features, load_filter

TEXT = "Renault et Geely ont signé un partenariat. Le groupe Stellantis, basé à Amsterdam, vend la Peugeot 208."


def run(nlp, model):
    with nlp.select_pipes(disable=["kg_ev_relation_filter", "kg_ev_attribution"]):
        doc = nlp(TEXT)
    assert doc._.kg_relations
    return RelationFilter(nlp, "f", model)(doc)


def test_a_model_keeps_what_it_trusts_with_its_confidence(nlp):
    kept = run(nlp, {"threshold": 0.5, "weights": {"bias": 3.0}})._.kg_relations
    assert kept and all(r.confidence == 0.95 for r in kept)
    assert not run(nlp, {"threshold": 0.5, "weights": {"bias": -3.0}})._.kg_relations


def test_a_model_weighs_features_of_the_relation(nlp):
    kept = run(nlp, {"threshold": 0.5, "weights": {"bias": 3.0, "p=locatedIn": -6.0}})._.kg_relations
    assert kept and all(r.predicate != "locatedIn" for r in kept)
    with nlp.select_pipes(disable=["kg_ev_relation_filter", "kg_ev_attribution"]):
        doc = nlp(TEXT)
    values = features(doc, doc._.kg_relations[0])
    assert values["bias"] == 1.0 and any(k.startswith("cue=") for k in values)


@pytest.mark.parametrize("model, message", [
    ({"threshold": 2, "weights": {}}, "threshold"),
    ({"threshold": 0.5, "weights": {"bias": "x"}}, "weight"),
    ({"threshold": 0.5, "weights": {}, "colour": 1}, "unknown key"),
    ({"threshold": 0.5}, "weights"),
])
def test_a_bad_model_file_is_refused_by_name(model, message):
    with pytest.raises(KgEvError, match=message):
        check_model(model, "rules/fr/relation_filter.json")


def test_training_writes_a_model_scored_across_articles(tmp_path, capsys):
    pytest.importorskip("sklearn")
    from kg_ev.nlp.train_filter import main

    out = tmp_path / "filter.json"
    assert main(["corpus/dev:corpus/dev/gold.jsonl", "--folds", "3", "--out", str(out)]) == 0
    model = load_filter("fr", out)  # what the pipeline's factory reads: a trained file must load there
    assert model is not None and model["cross_validation"]["folds"] == 3 and "bias" in model["weights"]
    assert "3-fold CV" in capsys.readouterr().out


def test_the_filter_file_is_read_as_a_model_not_a_rule_file(tmp_path):
    assert load_filter("fr", tmp_path / "absent.json") is None  # no model: the rules' relations pass
    broken = tmp_path / "relation_filter.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(KgEvError, match="relation_filter.json: not JSON"):
        load_filter("fr", broken)
    broken.write_text(json.dumps({"threshold": 0.5, "weights": {"bias": 1.0}}), encoding="utf-8")
    assert load_filter("fr", broken)["threshold"] == 0.5


def test_a_rule_is_named_by_what_it_reads_not_by_its_place_in_the_file(nlp):
    from kg_ev.nlp.relation_filter import rule_signature
    from kg_ev.resources import rules, words

    table = rules("fr", "relations")["rules"]
    signatures = [rule_signature(rule) for rule in table]
    with nlp.select_pipes(disable=["kg_ev_relation_filter", "kg_ev_attribution"]):
        doc = nlp(TEXT)
    relation = doc._.kg_relations[0]
    named = features(doc, relation, None, signatures, words("fr")["hedge_words"])
    assert f"rule={signatures[relation.rule]}" in named and signatures[relation.rule].startswith(relation.predicate + ":")
    # a rule added before it (another lane's recall rule) does not rename it
    moved = [rule_signature({"predicate": "competesWith", "pos": ["NOUN"], "lemmas": ["rival"]})] + signatures
    shifted = replace(relation, rule=relation.rule + 1)
    assert f"rule={signatures[relation.rule]}" in features(doc, shifted, None, moved)
    # an unseen rule has no weight of its own: the model scores it by its other features
    model = {"threshold": 0.5, "weights": {"bias": 2.0, f"p={relation.predicate}": 1.0}}
    unseen = RelationFilter(nlp, "f", model)
    assert unseen.probability(features(doc, replace(relation, rule=len(signatures) + 5), None, unseen.signatures)) > 0.9


@pytest.mark.parametrize("text, feature, present", [
    ("Renault envisagerait un partenariat avec Geely.", "hedge", True),
    ("Renault a signé un partenariat avec Geely.", "hedge", False),
    ("Renault, Nissan et Mitsubishi ont signé un partenariat avec Geely.", "entities=5", True),
])
def test_the_filter_sees_hedges_and_crowded_sentences(nlp, text, feature, present):
    from kg_ev.resources import words

    with nlp.select_pipes(disable=["kg_ev_relation_filter", "kg_ev_attribution"]):
        doc = nlp(text)
    assert doc._.kg_relations
    values = features(doc, doc._.kg_relations[0], None, None, words("fr")["hedge_words"])
    assert (feature in values) is present
