"""End to end on the seed article with the real French model."""

import json

from rdflib import Literal, URIRef

from kg_ev.evaluate import score_article
from kg_ev.namespace import KGEV, KGID
from kg_ev.tables import claims, entities
from kg_ev.validation import validate

from .conftest import SEED_GOLD

XIAOMI, GWM, REUTERS = (KGID["entity/xiaomi"], KGID["entity/great-wall-motors"], KGID["entity/reuters"])


def claim(rows, subject, predicate, obj):
    found = [r for r in rows if r["predicate"] == predicate and {r["subject_label"], r["object_label"]} == {subject, obj}]
    assert len(found) == 1, (subject, predicate, obj, found)
    return found[0]


def test_the_seed_graph_validates(seed_result):
    assert seed_result.quarantined == 0
    assert validate(seed_result.dataset).conforms


def test_xiaomi_partners_with_great_wall_rumoured_per_reuters(seed_result):
    row = claim(claims(seed_result.dataset), "Xiaomi", "partnersWith", "Great Wall Motors")
    assert row["status"] == "rumoured"
    assert row["sources"] == [str(REUTERS)]
    assert [(a["kind"], a["count"]) for a in row["anonymous_sources"]] == [("personne", 3)]
    assert "trois personnes" in row["anonymous_sources"][0]["text"]
    assert set(row["unconfirmed_by"]) == {str(XIAOMI), str(GWM)}
    assert row["date"] == "2021-03"
    text = seed_result.dataset.value(URIRef(row["article"]), KGEV.text)
    assert str(text)[row["start"]:row["end"]] == row["evidence"]
    assert "a établi un partenariat avec le constructeur automobile chinois Great Wall Motors" in row["evidence"]


def test_the_asserted_facts(seed_result):
    rows = claims(seed_result.dataset)
    for s, p, o in [("Lei Jun", "founderOf", "Xiaomi"), ("Alan Kang", "worksFor", "LMC Automotive"),
                    ("Great Wall Motors", "locatedIn", "Hebei"), ("Baidu", "partnersWith", "Geely")]:
        row = claim(rows, s, p, o)
        assert row["status"] == "asserted" and row["sources"] == []


def test_only_established_claims_become_plain_triples(seed_result):
    ds = seed_result.dataset
    assert (KGID["entity/baidu"], KGEV.partnersWith, KGID["entity/geely"]) in ds
    assert (XIAOMI, KGEV.partnersWith, GWM) not in ds
    assert not any(True for _ in ds.triples((XIAOMI, KGEV.partnersWith, None)))


def test_every_gold_relation_is_found_with_its_status_and_sources(seed_result):
    gold = json.loads(SEED_GOLD.read_text().splitlines()[0])
    result = score_article(gold["id"], gold, entities(seed_result.dataset), claims(seed_result.dataset))
    assert result.entities.fp == 0 and result.entities.fn == 0
    assert result.relations.fp == 0 and result.relations.fn == 0
    assert result.status_ok == result.matched == result.source_ok == len(gold["relations"])


def test_entities_have_iris_labels_aliases_and_types(seed_result):
    rows = {e["label"]: e for e in entities(seed_result.dataset)}
    assert rows["Great Wall Motors"]["iri"] == str(GWM)
    assert rows["Great Wall Motors"]["wikidata"] == "Q1153390"
    assert {"Great Wall", "la firme"} <= set(rows["Great Wall Motors"]["aliases"])
    assert "l’agence de presse" in rows["Reuters"]["aliases"]
    assert "sa grande rivale" in rows["Huawei"]["aliases"]
    assert rows["Tencent"]["type"] == "Organization"  # the model alone says LOC
    assert rows["Xiaomi"]["type"] == "Organization"  # the model alone says MISC
    assert rows["Apple Car"]["type"] == "Product"


def test_run_provenance(seed_result):
    ds = seed_result.dataset
    runs = set(ds.subjects(None, KGEV.ExtractionRun))
    assert len(runs) == 1
    run = runs.pop()
    assert ds.value(run, KGEV.modelName) == Literal("fr_core_news_md")
    assert ds.value(run, KGEV.modelVersion) == Literal("3.8.0")
