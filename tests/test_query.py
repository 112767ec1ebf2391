import pytest
from rdflib import Literal

from kg_ev.errors import QueryError
from kg_ev.query import EXAMPLES, query


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
