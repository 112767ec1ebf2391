"""SPARQL over kg_ev graphs, with the project's prefixes bound.

Over a Dataset, queries see the union of the article graphs (the quarantine is left
out). Put user values in with ``bindings``, never by formatting strings.

>>> from kg_ev.build import build
>>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
>>> rows = query(graph, EXAMPLES["rumoured_partnerships"])
>>> [(str(r.subject_label), str(r.object_label), str(r.source_label)) for r in rows]
[('Xiaomi', 'Great Wall Motors', 'Reuters')]
"""

from __future__ import annotations

from collections.abc import Mapping

from pyparsing.exceptions import ParseException
from rdflib import Dataset, Graph, Literal, Variable
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.query import Result
from rdflib.term import Node

from .errors import QueryError
from .namespace import PREFIXES
from .rdf import article_graphs

__all__ = ["query", "union", "EXAMPLES"]

#: Documented example queries (see docs/queries.md).
EXAMPLES: dict[str, str] = {
    "rumoured_partnerships": """
SELECT ?subject_label ?object_label ?source_label ?evidence WHERE {
  ?claim a kgev:Claim ; rdf:predicate kgev:partnersWith ; kgev:status kgev:rumoured ;
         rdf:subject ?s ; rdf:object ?o ; kgev:evidence/oa:exact ?evidence .
  ?s rdfs:label ?subject_label . ?o rdfs:label ?object_label .
  OPTIONAL { ?claim kgev:source/rdfs:label ?source_label }
} ORDER BY ?subject_label ?object_label ?source_label""",
    "about_entity": """
SELECT ?predicate ?subject_label ?object ?status ?evidence ?article WHERE {
  ?entity rdfs:label|skos:altLabel ?name .
  ?claim a kgev:Claim ; rdf:subject|rdf:object ?entity ; rdf:predicate ?predicate ;
         rdf:subject ?s ; rdf:object ?object ; kgev:status ?status ;
         kgev:evidence/oa:exact ?evidence ; kgev:article ?article .
  ?s rdfs:label ?subject_label .
} ORDER BY ?article ?predicate ?subject_label""",
    "claims_per_source": """
SELECT ?source_label (COUNT(DISTINCT ?claim) AS ?claims) WHERE {
  ?claim a kgev:Claim ; kgev:source ?source .
  ?source rdfs:label ?source_label .
} GROUP BY ?source_label ORDER BY DESC(?claims) ?source_label""",
}


def union(graph: Graph | Dataset) -> Graph:
    """A read-only view of what queries see: the article graphs of a Dataset, or the Graph."""
    if isinstance(graph, Dataset):
        return ReadOnlyGraphAggregate(article_graphs(graph))
    return graph


def query(graph: Graph | Dataset, sparql: str, *, bindings: Mapping[str, object] | None = None) -> Result:
    """Run a SPARQL query with kg_ev's prefixes; ``bindings`` maps variable names to
    values (rdflib terms or Python literals).

    >>> from rdflib import Literal
    >>> from kg_ev.build import build
    >>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
    >>> rows = query(graph, EXAMPLES["about_entity"], bindings={"name": Literal("Lei Jun")})
    >>> sorted({str(r.predicate).rsplit("#")[-1] for r in rows})
    ['founderOf']
    """
    init = {Variable(k): (v if isinstance(v, Node) else Literal(v)) for k, v in (bindings or {}).items()}
    try:
        return union(graph).query(sparql, initNs=dict(PREFIXES), initBindings=init)
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except Exception as exc:  # rdflib raises many kinds for bad queries
        raise QueryError(f"SPARQL query failed: {exc}") from None

