"""Each shape catches its violation: a small broken graph beside a conforming one."""

import pytest
from rdflib import Graph

from kg_ev.validation import validate

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
    kgev:text "Xiaomi fait des téléphones. Selon Reuters, le groupe s'associe avec Great Wall Motors." .
kgid:run a kgev:ExtractionRun .
kgid:xiaomi a kgev:Organization ; rdfs:label "Xiaomi" .
kgid:gwm a kgev:Organization ; rdfs:label "Great Wall Motors" .
kgid:reuters a kgev:Organization ; rdfs:label "Reuters" .
kgid:c a kgev:Claim ; rdf:subject kgid:xiaomi ; rdf:predicate kgev:partnersWith ; rdf:object kgid:gwm ;
    kgev:status kgev:reported ; kgev:source kgid:reuters ; kgev:confidence "0.8"^^xsd:decimal ;
    kgev:article kgid:article\\/a ; prov:wasGeneratedBy kgid:run ; kgev:evidence kgid:ev ;
    kgev:resolution kgid:res .
kgid:ev a kgev:Evidence ; oa:exact "le groupe s'associe" ; oa:start 43 ; oa:end 62 .
kgid:res a kgev:Resolution ; kgev:argumentRole "subject" ; oa:exact "le groupe" ; oa:start 43 ; oa:end 52 ;
    kgev:antecedent kgid:men .
kgid:men a kgev:Mention ; oa:exact "Xiaomi" ; oa:start 0 ; oa:end 6 .
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
    "offsets outside the article": ("oa:end 62", "oa:end 620", "evidence offsets"),
    "quote differs from the text": ('oa:exact "le groupe s\'associe"', 'oa:exact "le groupe s\'allie!!"',
                                    "evidence offsets"),
    "resolution's words differ from the text": ('oa:exact "le groupe" ;', 'oa:exact "la marque" ;', "evidence offsets"),
    "mention outside the article": ("oa:start 0 ; oa:end 6", "oa:start 0 ; oa:end 600", "evidence offsets"),
    "resolution of no argument": ('kgev:argumentRole "subject"', 'kgev:argumentRole "source"', "argumentRole"),
    "resolution without its mention": ("kgev:antecedent kgid:men .", 'kgev:argumentRole "subject" .',
                                       "kgev:antecedent"),
    "resolution untyped": ('kgid:res a kgev:Resolution ;', "kgid:res", "kgev:Resolution"),
    "resolution pointing at nothing": ("kgev:resolution kgid:res .", "kgev:resolution kgid:res , kgid:nothing .",
                                       "kgev:Resolution"),
    "resolution of no claim": ("kgev:resolution kgid:res .", ".", "belongs to one claim"),
    "two resolutions of one argument": ("kgev:resolution kgid:res .", "kgev:resolution kgid:res , kgid:res2 .\n"
                                        'kgid:res2 a kgev:Resolution ; kgev:argumentRole "subject" ; '
                                        'oa:exact "Xiaomi" ; oa:start 0 ; oa:end 6 ; kgev:antecedent kgid:men .',
                                        "same argument"),
    "mention without a quote": ('kgid:men a kgev:Mention ; oa:exact "Xiaomi" ;', "kgid:men a kgev:Mention ;",
                                "oa:exact"),
    "no evidence": ("kgev:evidence kgid:ev ;", "", "Evidence"),
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


def _typed(predicate: str, subject_type: str, object_type: str) -> str:
    """GOOD with its claim's predicate replaced and the ends retyped."""
    return (GOOD.replace("rdf:predicate kgev:partnersWith", f"rdf:predicate {predicate}")
            .replace("kgid:xiaomi a kgev:Organization", f"kgid:xiaomi a {subject_type}")
            .replace("kgid:gwm a kgev:Organization", f"kgid:gwm a {object_type}"))


def _short(node) -> str:
    return "kgev:" + str(node).rsplit("#", 1)[1]


def test_every_domain_and_range_of_the_ontology_is_enforced():
    from rdflib.namespace import RDFS

    from kg_ev.namespace import KGEV
    from kg_ev.resources import ontology_graph

    ontology = ontology_graph()
    classes = [KGEV[t] for t in ("Organization", "Person", "Place", "Product")]
    checked = 0
    for predicate, domain in ontology.subject_objects(RDFS.domain):
        range_ = ontology.value(predicate, RDFS.range)
        if domain not in classes or range_ not in classes:
            continue
        p, d, r = _short(predicate), _short(domain), _short(range_)
        assert validate(graph(_typed(p, d, r))).conforms, p
        wrong = _short(next(c for c in classes if c not in (domain, range_)))
        for end, text in (("subject", _typed(p, wrong, r)), ("object", _typed(p, d, wrong))):
            messages = [v.message for v in validate(graph(text)).violations]
            expected = f"The {end} of {p} is not of the type the predicate requires ({d if end == 'subject' else r})."
            assert expected in messages, (p, end, messages)
        checked += 1
    assert checked >= 10


def test_the_rule_follows_the_ontology_it_is_given():
    from rdflib.namespace import RDFS

    from kg_ev.namespace import KGEV
    from kg_ev.resources import ontology_graph

    ontology = ontology_graph()
    ontology.set((KGEV.partnersWith, RDFS.domain, KGEV.Place))
    result = validate(graph(GOOD), ontology=ontology)
    assert [v.message for v in result.violations] == [
        "The subject of kgev:partnersWith is not of the type the predicate requires (kgev:Place)."]
    assert result.violations[0].value == "https://w3id.org/kg-ev/id/c"  # the claim, for the quarantine


def test_an_entity_of_a_subclass_has_the_type_required():
    from rdflib import Namespace
    from rdflib.namespace import RDFS

    from kg_ev.namespace import KGEV
    from kg_ev.resources import ontology_graph

    ex = Namespace("https://example.org/")
    ontology = ontology_graph()
    ontology.add((ex.Carmaker, RDFS.subClassOf, ex.Company))
    ontology.add((ex.Company, RDFS.subClassOf, KGEV.Organization))  # two levels down
    text = GOOD.replace("kgid:gwm a kgev:Organization", "kgid:gwm a kgev:Organization, <https://example.org/Carmaker>")
    text = text.replace("kgid:xiaomi a kgev:Organization", "kgid:xiaomi a <https://example.org/Carmaker>")
    for engine in ("pyshacl", "turbo"):
        result = validate(graph(text), ontology=ontology, engine=engine)
        assert not any("type the predicate requires" in v.message for v in result.violations), engine
        assert validate(graph(text), engine=engine).violations  # without the hierarchy: not an Organization
