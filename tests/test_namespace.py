import pytest
from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.namespace import SKOS, XSD

from kg_ev.namespace import KGEV, PREDICATES, STATUSES, SYMMETRIC
from kg_ev.nlp.relations import PREDICATE_TYPES
from kg_ev.resources import ontology_graph

NS = str(KGEV._NS)


def ontology_terms():
    g = ontology_graph()
    return {str(s)[len(NS):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_defined_namespace_matches_the_ontology():
    declared = set(KGEV.__annotations__)
    assert declared == ontology_terms()


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KGEV.partnerWith  # noqa: B018


def test_closed_predicate_set_and_symmetry():
    g = ontology_graph()
    for name in PREDICATES:
        assert (KGEV[name], RDFS.domain, None) in g
    assert {str(p)[len(NS):] for p in g.subjects(RDF.type, OWL.SymmetricProperty)} == SYMMETRIC


def test_extractor_types_follow_the_ontology():
    g = ontology_graph()
    for name, (domain, ranges) in PREDICATE_TYPES.items():
        assert g.value(KGEV[name], RDFS.domain) == KGEV[domain]
        declared = g.value(KGEV[name], RDFS.range)
        if declared is None:  # plansToLaunch: a Product or a phrase
            assert ranges == ("Product", "Phrase")
        elif declared == XSD.string:  # entersMarket: a phrase
            assert ranges == ("Phrase",)
        else:
            assert ranges == (str(declared)[len(NS):],)


def test_status_scheme():
    g = ontology_graph()
    members = {str(s)[len(NS):] for s in g.subjects(SKOS.inScheme, KGEV.StatusScheme)}
    assert members == set(STATUSES)


def test_ontology_has_no_imports():
    assert not list(ontology_graph().objects(None, OWL.imports))
