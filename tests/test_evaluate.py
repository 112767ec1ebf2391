import json

import pytest

from kg_ev.cli import main
from kg_ev.evaluate import evaluate, normalise, score_article

from .conftest import DEV

GOLD = {"id": "a", "entities": [
    {"name": "Xiaomi", "type": "Organization", "aliases": ["la firme"]},
    {"name": "Great Wall Motors", "type": "Organization", "aliases": ["Great Wall"]},
    {"name": "Reuters", "type": "Organization", "aliases": []}],
    "relations": [
        {"s": "Great Wall Motors", "p": "partnersWith", "o": "Xiaomi", "status": "rumoured", "sources": ["Reuters"]},
        {"s": "Xiaomi", "p": "entersMarket", "o": "\"véhicules électriques\"", "status": "rumoured", "sources": ["Reuters"]}]}


def entity(key, label, aliases=()):
    return {"iri": key, "label": label, "type": "Organization", "aliases": list(aliases), "wikidata": None}


def claim(s, p, o, status, sources, o_label=None):
    return {"subject": s, "predicate": p, "object": o, "object_label": o_label or o, "status": status,
            "sources": sources, "subject_label": s, "evidence": ""}


def test_normalise():
    assert normalise("L'Apple Car") == "apple car"
    assert normalise("la") == "la"
    assert normalise("Citroën  ë-C4") == "citroen e c4"


def test_scoring_follows_the_gold_format():
    entities = [entity("x", "Xiaomi"), entity("g", "Great Wall"), entity("g2", "Great Wall Motors"),
                entity("r", "Reuters")]
    claims = [claim("x", "partnersWith", "g", "rumoured", ["r"]),  # symmetric, alias-resolved
              claim("x", "entersMarket", "marché des véhicules électriques", "reported", ["r"]),
              claim("x", "competesWith", "r", "asserted", [])]
    result = score_article("a", GOLD, entities, claims)
    assert (result.entities.tp, result.entities.fp, result.entities.fn) == (3, 1, 0)  # unmerged alias: one FP
    assert (result.relations.tp, result.relations.fp, result.relations.fn) == (2, 1, 0)
    assert (result.matched, result.status_ok, result.source_ok) == (2, 1, 2)


def test_cli_evaluate_json(tmp_path, capsys):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "dev04-hyundai-kia-dementi.txt").write_text((DEV / "dev04-hyundai-kia-dementi.txt").read_text(encoding="utf-8"), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(next(line for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                         if '"dev04-hyundai-kia-dementi"' in line) + "\n", encoding="utf-8")
    assert main(["evaluate", str(folder), "--gold", str(gold), "--json", "--details"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["articles"] == 1 and data["entities"]["tp"] > 0
    assert "dev04-hyundai-kia-dementi" in data["details"]


# Regression guard on the development corpus: the floors issue 12 sets for it (the dev
# corpus is written for the project; real articles, corpus/real, are the measure now).
FLOORS = {"entity_f1": 0.90, "relation_f1": 0.80, "status": 0.90, "source": 0.90}


@pytest.fixture(scope="module")
def dev_report(nlp):
    return evaluate(DEV, DEV / "gold.jsonl", nlp=nlp)


def test_dev_corpus_scores_do_not_regress(dev_report):
    assert dev_report.total("entities").f1 >= FLOORS["entity_f1"]
    assert dev_report.total("relations").f1 >= FLOORS["relation_f1"]
    assert dev_report.status_accuracy >= FLOORS["status"]
    assert dev_report.source_accuracy >= FLOORS["source"]


def test_missing_texts_say_how_to_recreate_them(tmp_path, capsys):
    """A real-article set on a fresh clone has its gold but not its texts (third-party
    material, never committed): evaluate says in one line how to get them."""
    folder = tmp_path / "real"
    folder.mkdir()
    (folder / "recreate.py").write_text("# re-creates the texts\n", encoding="utf-8")
    gold = folder / "gold.jsonl"
    gold.write_text('{"id": "b1-01-x", "date": "2021-03", "lang": "fr", "entities": [], "relations": []}\n',
                    encoding="utf-8")
    assert main(["evaluate", str(folder), "--gold", str(gold)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "recreate.py" in err and "re-create" in err


def test_only_scores_one_batch(tmp_path, capsys):
    folder = tmp_path / "c"
    folder.mkdir()
    lines = [line for line in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines()
             if '"dev04-' in line or '"dev08-' in line]
    for line in lines:
        name = json.loads(line)["id"] + ".txt"
        (folder / name).write_text((DEV / name).read_text(encoding="utf-8"), encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["evaluate", str(folder), "--gold", str(gold), "--json", "--only", "dev08-"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 1
    assert main(["evaluate", str(folder), "--gold", str(gold), "--only", "zz-"]) == 2
    assert "zz-" in capsys.readouterr().err
