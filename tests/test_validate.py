from rdflib import Graph, Literal
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import RDF

from kg_ev.namespace import KGEV, OA
from kg_ev.rdf import QUARANTINE, article_graphs
from kg_ev.tables import claims
from kg_ev.validation import quarantine, validate


def test_validation_never_changes_the_graph(seed_dataset):
    before = to_isomorphic(article_graphs(seed_dataset)[0])
    validate(seed_dataset)
    assert isomorphic(before, article_graphs(seed_dataset)[0])
    assert len(article_graphs(seed_dataset)[0]) == len(before)


def test_a_broken_claim_is_quarantined_with_its_reason(seed_dataset):
    graph = article_graphs(seed_dataset)[0]
    victim = next(c for c in graph.subjects(RDF.type, KGEV.Claim))
    evidence = graph.value(victim, KGEV.evidence)
    graph.set((evidence, OA.end, Literal(10**6)))
    result = validate(seed_dataset)
    assert not result.conforms
    (violation,) = result.violations
    assert str(victim) in (violation.focus, violation.value)
    assert violation.evidence == str(graph.value(evidence, OA.exact))
    assert quarantine(seed_dataset.graph(QUARANTINE), graph, result) == 1
    aside = seed_dataset.graph(QUARANTINE)
    assert (victim, RDF.type, KGEV.QuarantinedClaim) in aside
    assert any("evidence offsets" in str(m) for m in aside.objects(victim, KGEV.violation))
    assert str(victim) not in {c["iri"] for c in claims(seed_dataset)}
    assert validate(seed_dataset).conforms


def test_raise_for_errors(seed_dataset):
    import pytest

    from kg_ev.validation import ValidationError

    validate(seed_dataset).raise_for_errors()
    graph = article_graphs(seed_dataset)[0]
    claim = next(graph.subjects(RDF.type, KGEV.Claim))
    graph.remove((claim, KGEV.status, None))
    with pytest.raises(ValidationError, match="status"):
        validate(seed_dataset).raise_for_errors()


def _break_six_claims(graph) -> None:
    """Six claims of the seed, each broken in its own way."""
    victims = sorted(graph.subjects(RDF.type, KGEV.Claim))[:6]
    graph.remove((victims[0], KGEV.status, None))                                    # a missing status
    graph.set((victims[1], KGEV.confidence, Literal(3.5)))                           # out of range
    graph.add((victims[2], RDF.predicate, KGEV.leads))                               # two predicates
    graph.set((graph.value(victims[3], KGEV.evidence), OA.start, Literal(10**6)))    # sh:sparql: offsets
    graph.set((graph.value(victims[4], KGEV.evidence), OA.exact, Literal("ailleurs")))  # quote not the text
    graph.set((victims[5], RDF.object, Literal("a phrase where an entity belongs")))  # range


def test_pyshacl_turbo_finds_exactly_what_pyshacl_finds(seed_dataset):
    _break_six_claims(article_graphs(seed_dataset)[0])
    reference = validate(seed_dataset, engine="pyshacl")
    turbo = validate(seed_dataset, engine="turbo")
    assert not reference.conforms and len(reference.violations) >= 6
    assert turbo.conforms == reference.conforms
    assert turbo.violations == reference.violations
    assert all(v.evidence for v in turbo.violations if "Claim" in v.focus or "claim" in v.focus)
    graph = article_graphs(seed_dataset)[0]  # one article's graph, as the build validates it
    assert validate(graph, engine="turbo").violations == validate(graph, engine="pyshacl").violations


def test_an_embedded_store_is_read_by_turbo_without_a_copy_and_with_the_same_findings(seed_dataset, tmp_path):
    from kg_ev.export import load_into, write
    from kg_ev.store import open_store
    from kg_ev.validation import _turbo_input

    _break_six_claims(article_graphs(seed_dataset)[0])
    reference = validate(seed_dataset, engine="pyshacl")
    write(seed_dataset, tmp_path / "broken.trig")
    with open_store(tmp_path / "kg.db") as store:
        load_into(store, tmp_path / "broken.trig")
        assert _turbo_input(store, Graph()) is not None  # the path without an rdflib copy is taken
        turbo = validate(store, engine="turbo")
        assert turbo.violations == reference.violations
        assert all(v.evidence for v in turbo.violations if v.value or "Claim" in v.focus)
        assert validate(store, engine="pyshacl").violations == reference.violations
