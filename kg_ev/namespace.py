"""The kg_ev vocabulary, declared once.

``KGEV`` is a :class:`rdflib.namespace.DefinedNamespace`: a misspelt term raises at
once instead of minting a wrong IRI. ``tests/test_namespace.py`` keeps it in sync with
``ontology/kg-ev.ttl``.

>>> KGEV.partnersWith
rdflib.term.URIRef('https://w3id.org/kg-ev/ontology#partnersWith')
>>> KGEV.partnerWith
Traceback (most recent call last):
...
AttributeError: term 'partnerWith' not in namespace 'https://w3id.org/kg-ev/ontology#'
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal, get_args

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from .errors import KgEvError

__all__ = ["KGEV", "KGID", "OA", "SCHEMA", "PREFIXES", "PREDICATES", "Predicate", "SYMMETRIC",
           "STATUSES", "Status", "ENTITY_TYPES", "bind_prefixes", "check_choice"]


class KGEV(DefinedNamespace):
    """Terms of the kg_ev ontology (``ontology/kg-ev.ttl``)."""

    _NS = Namespace("https://w3id.org/kg-ev/ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Product: URIRef
    Article: URIRef
    Claim: URIRef
    QuarantinedClaim: URIRef
    AnonymousSource: URIRef
    Evidence: URIRef
    Resolution: URIRef
    Mention: URIRef
    ExtractionRun: URIRef
    Status: URIRef
    StatusScheme: URIRef
    # the closed predicate set
    partnersWith: URIRef
    negotiatesWith: URIRef
    competesWith: URIRef
    usesFacilityOf: URIRef
    ownedBy: URIRef
    founderOf: URIRef
    leads: URIRef
    worksFor: URIRef
    locatedIn: URIRef
    produces: URIRef
    plansToLaunch: URIRef
    entersMarket: URIRef
    # claims and provenance
    status: URIRef
    source: URIRef
    anonymousSource: URIRef
    unconfirmedBy: URIRef
    sourceKind: URIRef
    sourceCount: URIRef
    evidence: URIRef
    resolution: URIRef
    argumentRole: URIRef
    antecedent: URIRef
    article: URIRef
    confidence: URIRef
    violation: URIRef
    text: URIRef
    wikidata: URIRef
    softwareVersion: URIRef
    modelName: URIRef
    modelVersion: URIRef
    established: URIRef
    # statuses
    asserted: URIRef
    reported: URIRef
    rumoured: URIRef
    confirmed: URIRef
    denied: URIRef
    # facts kept by a store (kg_ev.ledger)
    Fact: URIRef
    record: URIRef
    claimEntry: URIRef
    standing: URIRef
    ledgerVersion: URIRef
    corroborated: URIRef


#: Instances: entities, articles, claims, runs and named graphs.
KGID = Namespace("https://w3id.org/kg-ev/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

#: The prefixes bound in every graph kg_ev builds and in every query it runs.
PREFIXES: dict[str, Namespace | type[DefinedNamespace] | str] = {
    "kgev": KGEV._NS,
    "kgid": KGID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "oa": OA,
    "schema": SCHEMA,
}

#: The closed predicate set, by local name.
#: A predicate of the closed set, by local name.
Predicate = Literal["partnersWith", "negotiatesWith", "competesWith", "usesFacilityOf", "ownedBy", "founderOf",
                    "leads", "worksFor", "locatedIn", "produces", "plansToLaunch", "entersMarket"]
PREDICATES: tuple[Predicate, ...] = get_args(Predicate)
SYMMETRIC: frozenset[str] = frozenset({"partnersWith", "negotiatesWith", "competesWith"})
#: A claim's status: how its article presents it.
Status = Literal["asserted", "reported", "rumoured", "confirmed", "denied"]
STATUSES: tuple[Status, ...] = get_args(Status)
ENTITY_TYPES: tuple[str, ...] = ("Organization", "Person", "Place", "Product")


def bind_prefixes(graph):
    """Bind kg_ev's prefixes on ``graph`` (a Graph or Dataset) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def check_choice(option: str, value: object, choices: Collection[str]) -> None:
    """Raise :class:`~kg_ev.errors.KgEvError` if ``value`` (a string, or a collection of
    strings for a filter) is not among ``choices``, naming the option and the choices.

    >>> check_choice("status", "rumored", STATUSES)
    Traceback (most recent call last):
    ...
    kg_ev.errors.KgEvError: unknown status 'rumored': use one of asserted, reported, rumoured, confirmed, denied
    """
    for one in [value] if isinstance(value, str) else value if isinstance(value, Collection) else [value]:
        if one not in choices:
            raise KgEvError(f"unknown {option} {one!r}: use one of {', '.join(choices)}")
