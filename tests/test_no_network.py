"""Nothing kg_ev reads reaches the network: a socket guard fails any attempt."""

import socket

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from kg_ev.errors import GraphFileError
from kg_ev.export import load, serialize
from kg_ev.validation import validate

from .conftest import SEED


def test_the_guard_works(no_network):
    with pytest.raises(OSError, match="attempted"):
        socket.create_connection(("example.org", 80), timeout=1)


@pytest.mark.parametrize("context", ['"https://schema.org/"', '["https://w3id.org/kg-ev/context.jsonld", {"a": "b"}]',
                                     '{"@import": "https://example.org/ctx.jsonld"}'])
def test_a_remote_json_ld_context_is_refused_not_fetched(no_network, tmp_path, context):
    path = tmp_path / "remote.jsonld"
    path.write_text(f'{{"@context": {context}, "@id": "https://example.org/x", "name": "X"}}', encoding="utf-8")
    with pytest.raises(GraphFileError, match="remote; kg_ev never fetches"):
        load(path)
    assert not no_network


def test_a_nested_remote_context_is_refused(no_network, tmp_path):
    path = tmp_path / "nested.jsonld"
    path.write_text('{"@graph": [{"@context": "https://example.org/c", "@id": "https://example.org/x"}]}',
                    encoding="utf-8")
    with pytest.raises(GraphFileError, match="remote"):
        load(path)


def test_kg_ev_json_ld_loads_offline(no_network, seed_result, tmp_path):
    path = tmp_path / "seed.jsonld"
    path.write_text(serialize(seed_result.dataset, format="json-ld"), encoding="utf-8")
    assert len(load(path)) > 0 and not no_network


def test_owl_imports_in_data_are_not_followed(no_network, seed_dataset):
    graph = Graph()
    for s, p, o, _ in seed_dataset.quads():
        graph.add((s, p, o))
    graph.add((URIRef("https://example.org/data"), OWL.imports, URIRef("https://example.org/ontology.ttl")))
    report = validate(graph)
    assert report.conforms and not no_network


def test_a_url_is_not_a_file_to_load(no_network):
    with pytest.raises(GraphFileError, match="no such file"):
        load("https://example.org/graph.ttl")


def test_rdf_xml_is_not_read(no_network, tmp_path):
    path = tmp_path / "entities.rdf"
    path.write_text('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "https://example.org/x">]>'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&e;</rdf:RDF>')
    with pytest.raises(GraphFileError, match="unknown graph format"):
        load(path)
    assert not no_network


def test_building_an_article_is_offline(no_network, nlp):
    from kg_ev.building import build

    result = build([SEED], nlp=nlp)
    assert result.articles == 1 and not no_network
    assert (None, RDF.type, None) in result.dataset and Literal("Reuters") in set(result.dataset.objects())


STORE_SCRIPT = """
import sys
from kg_ev.export import load_into
from kg_ev.querying import catalogue, query
from kg_ev.store import open_store
from kg_ev.validation import validate

with open_store(sys.argv[1]) as store:
    load_into(store, sys.argv[2])
    result = validate(store, engine="turbo")
    named = catalogue()["rumoured_partnerships"]
    rows = list(query(store, named.sparql))
    print(result.conforms, len(rows))
"""


def test_the_embedded_store_runs_with_no_network_at_all(seed_dataset, tmp_path):
    """Oxigraph and pyshacl-turbo work in Rust, where a socket guard in Python sees
    nothing: the store's import, validation and queries run here in a process with no
    network (a network namespace of its own), over a file whose data owl:imports a URL."""
    import subprocess
    import sys

    from kg_ev.export import write
    from kg_ev.rdf import article_graphs

    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow network namespaces")
    pytest.importorskip("pyshacl_turbo")
    article_graphs(seed_dataset)[0].add(
        (URIRef("https://example.org/data"), OWL.imports, URIRef("https://example.org/ontology.ttl")))
    path = write(seed_dataset, tmp_path / "seed.trig")
    run = subprocess.run(["unshare", "-n", sys.executable, "-c", STORE_SCRIPT, str(tmp_path / "kg.db"), str(path)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["True", "1"]
