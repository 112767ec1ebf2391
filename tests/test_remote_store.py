"""The same API against a SPARQL 1.1 server: Virtuoso, started on 127.0.0.1 by the tests."""

import pytest

from kg_ev.building import build
from kg_ev.standing import facts
from kg_ev.querying import catalogue
from kg_ev.store import articles, open_store, retract

from .conftest import DEV, SEED, catalogue_rows as rows


@pytest.fixture(scope="module")
def corpus():
    return [*sorted(DEV.glob("*.txt")), SEED]


@pytest.fixture(scope="module")
def stores(nlp, corpus, virtuoso, tmp_path_factory):
    """The dev corpus and the seed in memory, in an Oxigraph folder and in Virtuoso."""
    memory = build(corpus, nlp=nlp).dataset
    embedded = open_store(tmp_path_factory.mktemp("oxigraph") / "kg.db")
    remote = open_store(virtuoso)
    for store in (embedded, remote):
        build(corpus, dataset=store, nlp=nlp)
    yield memory, embedded, remote
    embedded.close()


def test_the_embedded_and_remote_stores_answer_the_catalogue_identically(stores):
    memory, embedded, remote = stores
    for named in catalogue().values():
        expected = rows(memory, named)
        assert expected, named.name
        assert rows(embedded, named) == expected, named.name
        assert rows(remote, named) == expected, named.name


def test_facts_and_retraction_on_the_remote_store(nlp, stores):
    memory, _, remote = stores
    assert [f.as_record() for f in facts(remote)] == [f.as_record() for f in facts(memory)]
    assert articles(remote) == articles(memory)
    assert retract(remote, [SEED.stem]) == [SEED.stem]
    assert SEED.stem not in articles(remote)
    assert not any(f.labels[0] == "Xiaomi" and f.labels[2] == "Great Wall Motors" for f in facts(remote))
    build([SEED], dataset=remote, nlp=nlp)  # and back, once
    assert [f.as_record() for f in facts(remote)] == [f.as_record() for f in facts(memory)]


def test_service_is_refused_on_the_remote_store_and_nothing_reaches_the_listener(stores, listener):
    from kg_ev.errors import ServiceRefusedError
    from kg_ev.querying import query

    from .test_query import EVIDENCE

    _, _, remote = stores
    with pytest.raises(ServiceRefusedError, match="allow_service=True"):
        query(remote, EVIDENCE.format(url=listener.url))
    assert listener.received() == []


def test_comments_strings_and_select_star_on_the_remote_store(stores, listener):
    from kg_ev.querying import query

    from .test_query import BOUND, bound_rows

    memory, _, remote = stores
    for sparql in (f"# SERVICE <{listener.url}> {{ ?x ?p ?o }}\nSELECT DISTINCT ?c WHERE {{ ?c a kgev:Claim }}",
                   f'SELECT DISTINCT ?c WHERE {{ ?c a kgev:Claim FILTER(STR(?c) != "SERVICE <{listener.url}> {{ }}") }}',
                   "SELECT DISTINCT ?c { ?c a kgev:Claim }"):
        assert {r.c for r in query(remote, sparql)} == {r.c for r in query(memory, sparql)}
    assert listener.received(wait=0) == []
    for sparql in BOUND:
        assert bound_rows(remote, sparql) == bound_rows(memory, sparql), sparql


def test_ask_on_the_remote_store_is_a_boolean(stores):
    from kg_ev.querying import query

    _, _, remote = stores
    assert query(remote, "ASK { ?c kgev:status kgev:rumoured }").askAnswer is True
    assert query(remote, "ASK { ?c kgev:status <urn:no-such-status> }").askAnswer is False
