"""The facts an embedded store keeps (kg_ev.ledger) are the facts its claims give, after
any sequence of puts, replacements and retractions, on any date, through any filter."""

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph

from kg_ev import ledger
from kg_ev.cli import main
from kg_ev.article import read_article
from kg_ev.extraction import extract_many
from kg_ev.rdf import FACTS, extraction_graph
from kg_ev.standing import derive, facts
from kg_ev.store import open_store
from kg_ev.validation import quarantine, validate

from .conftest import DEV, SEED

DATES = [None, "2020", "2020-04", "2021-01-31", "2021-02-15", "2021-03", "2022"]


@pytest.fixture(scope="module")
def graphs(nlp):
    """The dev corpus and the seed, each article's graph and its quarantined claims, as a
    build puts them."""
    paths = [*(p for p in sorted(DEV.glob("*.txt")) if "-en-" not in p.name), SEED]
    found = []
    for extraction in extract_many((read_article(p) for p in paths), nlp=nlp):
        graph = extraction_graph(extraction)
        report, aside = validate(graph), Graph()
        if not report.conforms:
            quarantine(aside, graph, report)
        found.append((graph, aside))
    return found


def same_facts(store, **filters):
    for at in DATES:
        kept = [f.as_record() for f in facts(store, at=at, **filters)]
        derived = [f.as_record() for f in facts(store.in_memory(), at=at, **filters)]
        assert kept == derived, (at, filters)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["put", "retract"]), st.integers(0, 14)), min_size=1, max_size=12))
def test_kept_facts_are_the_facts_of_the_claims_after_any_writes(graphs, steps):
    with open_store(Path(tempfile.mkdtemp()) / "kg.db") as store:
        for action, index in steps:
            graph, aside = graphs[index]
            if action == "put":
                store.put_article(graph, aside)
            else:
                store.retract([ledger_id(graph)])
        assert ledger.keeps_facts(store) or all(action == "retract" for action, _ in steps)
        same_facts(store)
        assert [f.as_record() for f in facts(store)] == [f.as_record() for f in derive(store)]


def ledger_id(graph):
    from kg_ev.rdf import article_id_of

    return article_id_of(graph.identifier)


def test_filters_and_pages_are_asked_of_the_store(graphs, tmp_path):
    with open_store(tmp_path / "kg.db") as store:
        for graph, aside in graphs:
            store.put_article(graph, aside)
        everything = facts(store)
        assert len(everything) > 100
        for filters in [{"standing": "confirmed"}, {"standing": "rumoured"}, {"predicate": "partnersWith"},
                        {"subject": "Baidu"}, {"subject": "Geely"}, {"subject": everything[0].subject},
                        {"subject": "Geely", "predicate": "partnersWith", "standing": "confirmed"},
                        {"limit": 7}, {"limit": 5, "offset": 20}, {"offset": len(everything) - 2},
                        {"standing": "rumoured", "limit": 2, "offset": 1}]:
            same_facts(store, **filters)
        geely = facts(store, subject="Geely", predicate="partnersWith")
        assert geely and all("Geely" in (f.subject_label, f.object_label) for f in geely)
        page = facts(store, limit=5, offset=20)
        assert [f.as_record() for f in page] == [f.as_record() for f in everything[20:25]]
        assert facts(store, limit=0) == []


def test_an_answer_is_freed_when_dropped_and_loads_its_claims_once(graphs, tmp_path):
    """The facts of an answer hold no reference cycle (they are freed without a garbage
    collection), and asking one fact's claims reads those of the whole answer."""
    import gc
    import weakref

    with open_store(tmp_path / "kg.db") as store:
        for graph, aside in graphs:
            store.put_article(graph, aside)
        derived = {(f.subject, f.predicate, f.object): f.claim_iris for f in derive(store.in_memory())}
        gc.disable()
        try:
            answer = facts(store)
            assert answer[0].claim_iris  # loads every fact's claims
            assert all(f._iris for f in answer)
            assert {(f.subject, f.predicate, f.object): f.claim_iris for f in answer} == derived
            first = weakref.ref(answer[0])
            del answer
            assert first() is None
        finally:
            gc.enable()


def test_a_write_reads_and_rewrites_only_the_facts_its_claims_state(graphs, tmp_path, monkeypatch):
    with open_store(tmp_path / "kg.db") as store:
        for graph, aside in graphs[:-1]:
            store.put_article(graph, aside)
        read = []
        stored = ledger._stored
        monkeypatch.setattr(ledger, "_stored", lambda g, fact: read.append(fact) or stored(g, fact))
        seed, aside = graphs[-1]
        stated = {ledger.fact_iri(e.key) for e in ledger.entries(seed)}
        store.put_article(seed, aside)
        assert set(read) == stated  # the seed's facts, not the store's hundreds
        read.clear()
        store.retract([ledger_id(seed)])
        assert set(read) == stated
        same_facts(store)


def test_a_store_without_a_ledger_derives_its_facts_and_builds_one_at_its_next_write(graphs, tmp_path):
    with open_store(tmp_path / "kg.db") as store:
        for graph, aside in graphs[:5]:
            store.put_article(graph, aside)
        before = [f.as_record() for f in facts(store)]
        store.oxigraph.update(f"DROP GRAPH <{FACTS}>")  # as a store written before the ledger existed
        assert not ledger.keeps_facts(store)
        assert [f.as_record() for f in facts(store)] == before  # derived from the claims meanwhile
        store.retract([ledger_id(graphs[0][0])])
        assert ledger.keeps_facts(store)
        same_facts(store)


def test_a_loaded_file_gets_its_facts_and_exports_leave_them_out(graphs, tmp_path):
    with open_store(tmp_path / "a.db") as store:
        for graph, aside in graphs[:8]:
            store.put_article(graph, aside)
        expected = [f.as_record() for f in facts(store)]
        assert main(["export", "--store", str(tmp_path / "a.db"), "-o", str(tmp_path / "a.trig")]) == 2  # busy
    assert main(["export", "--store", str(tmp_path / "a.db"), "-o", str(tmp_path / "a.trig")]) == 0
    assert str(FACTS) not in (tmp_path / "a.trig").read_text(encoding="utf-8")
    with open_store(tmp_path / "b.db") as store:
        store.put_article(*graphs[9])
        store.load_file(tmp_path / "a.trig")
        assert ledger.keeps_facts(store)
        same_facts(store)
        store.retract([ledger_id(graphs[9][0])])
        assert [f.as_record() for f in facts(store)] == expected


def test_the_command_line_pages_and_filters_facts(tmp_path, capsys):
    store = str(tmp_path / "kg.db")
    assert main(["build", *map(str, sorted(DEV.glob("dev0[12]*.txt"))), str(SEED), "--store", store]) == 0
    capsys.readouterr()
    assert main(["facts", "--store", store, "--subject", "Geely", "--predicate", "partnersWith",
                 "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "Baidu" in out and "confirmed" in out
    assert main(["facts", "--store", store, "--limit", "2", "--format", "jsonl"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2 and "--offset 2" in captured.err
    counted = [json.loads(line) for line in captured.out.splitlines()]
    assert all(isinstance(row["claims"], int) and row["claims"] >= 1 for row in counted)
    assert main(["facts", "--store", store, "--limit", "2", "--format", "jsonl", "--claim-iris"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    with open_store(store, read_only=True) as kept:
        assert [row["claims"] for row in listed] == [list(f.claim_iris) for f in facts(kept, limit=2)]
    assert [len(row["claims"]) for row in listed] == [row["claims"] for row in counted]
    with pytest.raises(SystemExit):
        main(["facts", "--store", store, "--offset", "-1"])
    assert "cannot be negative" in capsys.readouterr().err
