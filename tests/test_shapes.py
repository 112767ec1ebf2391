"""Each shape catches its violation: a small broken graph beside a conforming one."""

import pytest
from rdflib import Graph

from kg_ev.validate import validate

GOOD = """
@prefix kgev: <https://w3id.org/kg-ev/ontology#> .
@prefix kgid: <https://w3id.org/kg-ev/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix oa: <http://www.w3.org/ns/oa#> .

kgid:article\\/a a kgev:Article ; dcterms:identifier "a" ; dcterms:date "2021-03"^^xsd:gYearMonth ;
    kgev:text "Selon Reuters, Xiaomi s'associe avec Great Wall Motors." .
kgid:run a kgev:ExtractionRun .
kgid:xiaomi a kgev:Organization ; rdfs:label "Xiaomi" .
kgid:gwm a kgev:Organization ; rdfs:label "Great Wall Motors" .
kgid:reuters a kgev:Organization ; rdfs:label "Reuters" .
kgid:c a kgev:Claim ; rdf:subject kgid:xiaomi ; rdf:predicate kgev:partnersWith ; rdf:object kgid:gwm ;
    kgev:status kgev:reported ; kgev:source kgid:reuters ; kgev:confidence "0.8"^^xsd:decimal ;
    kgev:article kgid:article\\/a ; prov:wasGeneratedBy kgid:run ; kgev:evidence kgid:ev .
kgid:ev a kgev:Evidence ; oa:exact "Xiaomi s'associe" ; oa:start 15 ; oa:end 31 .
"""


def graph(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def test_the_reference_graph_conforms():
    result = validate(graph(GOOD))
    assert result.conforms, str(result)


BROKEN = {
    "two subjects": ("rdf:subject kgid:xiaomi ;", "rdf:subject kgid:xiaomi, kgid:reuters ;", "exactly one subject"),
    "no predicate": ("rdf:predicate kgev:partnersWith ;", "", "closed predicate set"),
    "predicate outside the set": ("kgev:partnersWith ;", "kgev:likes ;", "closed predicate set"),
    "wrong domain": ("rdf:predicate kgev:partnersWith", "rdf:predicate kgev:founderOf", "is not of the type"),
    "wrong range": ("rdf:predicate kgev:partnersWith", "rdf:predicate kgev:locatedIn", "is not of the type"),
    "phrase where an entity is needed": ("rdf:object kgid:gwm", 'rdf:object "Great Wall"', "is not of the type"),
    "status outside the scheme": ("kgev:status kgev:reported", "kgev:status kgev:probable", "StatusScheme"),
    "reported without a source": ("kgev:source kgid:reuters ;", "", "at least one source"),
    "confidence above one": ('"0.8"^^xsd:decimal', '"1.5"^^xsd:decimal', "confidence"),
    "offsets outside the article": ("oa:end 31", "oa:end 310", "evidence offsets"),
    "quote differs from the text": ('oa:exact "Xiaomi s\'associe"', 'oa:exact "Xiaomi s\'allie!!"', "evidence offsets"),
    "no evidence": ("kgev:evidence kgid:ev .", "prov:wasGeneratedBy kgid:run .", "Evidence"),
    "source is not an entity": ('kgid:reuters a kgev:Organization ; rdfs:label "Reuters" .', "", "entity with a label"),
    "entity without a label": ('kgid:gwm a kgev:Organization ; rdfs:label "Great Wall Motors" .',
                               "kgid:gwm a kgev:Organization .", "label"),
    "article without identifier": ('dcterms:identifier "a" ;', "", "identifier"),
    "malformed date": ('"2021-03"^^xsd:gYearMonth', '"2021-3"^^xsd:gYearMonth', "well-formed"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_shape_catches_its_violation(name):
    old, new, message = BROKEN[name]
    assert old in GOOD, name
    result = validate(graph(GOOD.replace(old, new, 1)))
    assert not result.conforms
    assert any(message in v.message for v in result.violations), [v.message for v in result.violations]


def test_asserted_claims_need_no_source():
    text = GOOD.replace("kgev:status kgev:reported ; kgev:source kgid:reuters ;", "kgev:status kgev:asserted ;")
    assert validate(graph(text)).conforms


def test_a_rumour_may_rest_on_anonymous_sources_only():
    text = GOOD.replace("kgev:status kgev:reported ; kgev:source kgid:reuters ;",
                        "kgev:status kgev:rumoured ; kgev:anonymousSource kgid:anon ;")
    text += 'kgid:anon a kgev:AnonymousSource ; rdfs:label "trois personnes" ; kgev:sourceCount 3 .\n'
    assert validate(graph(text)).conforms


def test_an_article_without_a_date_conforms():
    assert validate(graph(GOOD.replace('dcterms:date "2021-03"^^xsd:gYearMonth ;', ""))).conforms


def test_domain_and_range_shapes_follow_the_ontology():
    from rdflib.namespace import OWL, RDF, RDFS

    from importlib.resources import files

    from kg_ev.namespace import KGEV
    from kg_ev.resources import ontology_graph

    shapes = files("kg_ev.ontology").joinpath("shapes.ttl").read_text(encoding="utf-8")
    ontology = ontology_graph()
    for predicate in ontology.subjects(RDF.type, OWL.ObjectProperty):
        domain, range_ = ontology.value(predicate, RDFS.domain), ontology.value(predicate, RDFS.range)
        if not str(predicate).startswith(str(KGEV._NS)) or domain is None or range_ is None:
            continue
        if domain not in {KGEV[t] for t in ("Person", "Organization")}:
            continue
        name, d, r = (str(x).rsplit("#", 1)[1] for x in (predicate, domain, range_))
        assert (f"[ sh:path rdf:subject ; sh:class kgev:{d} ] [ sh:path rdf:object ; sh:class kgev:{r} ]"
                in shapes.split(f"kgsh:{name}Types", 1)[1].split("sh:message", 1)[0]), name
