import pytest
from rdflib import Literal

from kg_ev.errors import QueryError
from kg_ev.querying import EXAMPLES, query


def test_prefixes_are_bound(seed_result):
    rows = list(query(seed_result.dataset, "SELECT ?c WHERE { ?c a kgev:Claim ; kgev:status kgev:asserted }"))
    assert len(rows) == 10


def test_claims_per_source(seed_result):
    rows = [(str(r.source_label), int(r.claims)) for r in query(seed_result.dataset, EXAMPLES["claims_per_source"])]
    assert rows == [("Reuters", 5)]


def test_a_hostile_label_is_data(seed_result):
    hostile = 'X" } ; DROP ALL ; { "'
    rows = list(query(seed_result.dataset, EXAMPLES["about_entity"], bindings={"name": Literal(hostile)}))
    assert rows == []
    assert len(list(query(seed_result.dataset, EXAMPLES["about_entity"], bindings={"name": "Xiaomi"}))) >= 5


def test_syntax_error_is_a_query_error(seed_result):
    with pytest.raises(QueryError, match="SPARQL"):
        query(seed_result.dataset, "SELECT ?x WHERE { ?x ")


# SPARQL without the network, and bindings through the parsed query, on a graph file
# read into memory and on an embedded store (tests/test_remote_store.py: on a server)

EVIDENCE = "SELECT * WHERE {{ ?c a kgev:Claim ; kgev:evidence/oa:exact ?t . SERVICE <{url}> {{ ?t ?p ?x }} }} LIMIT 1"


@pytest.fixture(params=["file", "store"])
def backend(request, seed_result, tmp_path):
    """The seed as a graph file read back, or in an embedded store."""
    from kg_ev.export import load, write
    from kg_ev.store import open_store

    path = write(seed_result.dataset, tmp_path / "seed.trig")
    if request.param == "file":
        yield load(path)
        return
    from kg_ev.export import load_into

    with open_store(tmp_path / "kg.db") as store:
        load_into(store, path)
        yield store


def test_service_is_refused_and_nothing_reaches_the_listener(backend, listener):
    from kg_ev.errors import ServiceRefusedError

    for sparql in (EVIDENCE.format(url=listener.url),
                   f"SELECT * {{ SERVICE SILENT <{listener.url}> {{ ?x ?p ?o }} }}",
                   f"ASK {{ ?s ?p ?o . {{ SERVICE <{listener.url}> {{ ?x ?p ?o }} }} }}"):
        with pytest.raises(ServiceRefusedError, match=r"SERVICE <http://127\.0\.0\.1:\d+/sparql>.*allow_service=True"):
            query(backend, sparql)
    assert listener.received() == []


def test_service_runs_when_allowed(backend, listener):
    """The control of the test above: the same query, allowed, does reach the listener."""
    list(query(backend, EVIDENCE.format(url=listener.url), allow_service=True))
    assert listener.received(wait=0.2)


@pytest.mark.parametrize("sparql", [
    "# SERVICE <{url}> {{ ?x ?p ?o }}\nSELECT ?c WHERE {{ ?c a kgev:Claim }}",
    "SELECT ?c WHERE {{ ?c a kgev:Claim FILTER(?c != <{url}> && STR(?c) != \"SERVICE <{url}> {{ }}\") }}",
])
def test_the_word_service_in_a_comment_or_a_string_is_not_refused(backend, listener, sparql):
    assert len(list(query(backend, sparql.format(url=listener.url)))) == 15
    assert listener.received(wait=0) == []


BOUND = {  # query -> the rows it gives with name bound to "Xiaomi", on every store
    "# WHERE { ?x ?y ?z }\nSELECT ?label WHERE { ?e rdfs:label ?label FILTER(?label = ?name) }": {("Xiaomi",)},
    "SELECT ?label # WHERE {\nWHERE { ?e rdfs:label ?label . FILTER(?label = ?name) }": {("Xiaomi",)},
    'SELECT ?label WHERE { ?e rdfs:label ?label FILTER(?label != "WHERE {" && ?label = ?name) }': {("Xiaomi",)},
    "SELECT * { ?e rdfs:label ?name }": {("https://w3id.org/kg-ev/id/entity/xiaomi", "Xiaomi")},
    "SELECT ?e WHERE { SELECT ?e ?name { ?e rdfs:label ?name } }": {("https://w3id.org/kg-ev/id/entity/xiaomi",)},
    "ASK { ?e rdfs:label ?name }": {(True,)},
}


def bound_rows(graph, sparql) -> set[tuple]:
    result = query(graph, sparql, bindings={"name": Literal("Xiaomi")})
    if result.type == "ASK":
        return {(str(result.askAnswer),)}
    return {tuple(sorted(str(cell) for cell in row)) for row in result}


@pytest.mark.parametrize("sparql", BOUND)
def test_bindings_go_in_through_the_parsed_query(backend, sparql):
    assert bound_rows(backend, sparql) == {tuple(sorted(map(str, row))) for row in BOUND[sparql]}


def test_select_star_without_where_runs(backend):
    assert len(list(query(backend, "SELECT * { ?c a kgev:Claim }"))) == 15


def test_bindings_into_a_construct_where_on_a_store_are_a_clear_error(seed_result, tmp_path):
    from kg_ev.export import load_into, write
    from kg_ev.store import open_store

    with open_store(tmp_path / "kg.db") as store:
        load_into(store, write(seed_result.dataset, tmp_path / "seed.trig"))
        with pytest.raises(QueryError, match="need a query with a WHERE group"):
            query(store, "CONSTRUCT WHERE { ?e rdfs:label ?name }", bindings={"name": "Xiaomi"})
    # rdflib binds it in memory
    assert len(query(seed_result.dataset, "CONSTRUCT WHERE { ?e rdfs:label ?name }", bindings={"name": "Xiaomi"}).graph) == 1


def test_graph_patterns_on_a_graph_file_are_a_query_error(seed_result, tmp_path, capsys):
    from kg_ev.cli import main
    from kg_ev.export import write

    with pytest.raises(QueryError, match="SPARQL query failed: .*requiring a dataset"):
        query(seed_result.dataset, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    path = str(write(seed_result.dataset, tmp_path / "seed.ttl"))
    assert main(["query", path, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
