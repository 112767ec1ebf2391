"""networkx views of a kg_ev graph. The RDF graph is only read.

>>> from kg_ev.building import build
>>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
>>> g = partnership_graph(graph)
>>> sorted(g.nodes[n]["label"] for n in g)
['Baidu', 'Geely', 'Great Wall Motors', 'Xiaomi']
>>> sorted(partnership_graph(graph, status={"asserted", "confirmed"}).edges)
[('https://w3id.org/kg-ev/id/entity/baidu', 'https://w3id.org/kg-ev/id/entity/geely')]
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph

from .errors import GraphFileError
from .namespace import PREDICATES, STATUSES, Predicate, Status, check_choice
from .tables import claims, entities

__all__ = ["claim_graph", "partnership_graph", "flat_graph", "write_graph"]


def _as_set(value: str | Collection[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


def claim_graph(graph: Graph | Dataset, *, status: Status | Collection[Status] | None = None,
                predicate: Predicate | Collection[Predicate] | None = None,
                source: str | Collection[str] | None = None) -> nx.MultiDiGraph:
    """Entities as nodes (``label``, ``type``, ``aliases``), one edge per claim between
    entities, keyed by the claim IRI, with ``predicate``, ``status``, ``sources``,
    ``confidence``, ``article`` and ``evidence``. Claims whose object is a phrase
    (``entersMarket``) have no edge: literals never become nodes.

    ``status``, ``predicate`` and ``source`` (IRI or label) filter the claims.
    """
    if status is not None:
        check_choice("status", status, STATUSES)
    if predicate is not None:
        check_choice("predicate", predicate, PREDICATES)
    statuses, predicates, sources = _as_set(status), _as_set(predicate), _as_set(source)
    g = nx.MultiDiGraph()
    for entity in entities(graph):
        g.add_node(entity["iri"], label=entity["label"], type=entity["type"], aliases=entity["aliases"])
    for claim in claims(graph):
        if claim["object_label"] == claim["object"] or claim["object"] not in g:
            continue  # a phrase object
        if statuses and claim["status"] not in statuses or predicates and claim["predicate"] not in predicates:
            continue
        if sources and not sources & (set(claim["sources"]) | set(claim["source_labels"])):
            continue
        g.add_edge(claim["subject"], claim["object"], key=claim["iri"], predicate=claim["predicate"],
                   status=claim["status"], sources=claim["sources"], confidence=claim["confidence"],
                   article=claim["article"], evidence=claim["evidence"])
    return g


def partnership_graph(graph: Graph | Dataset, *, status: Status | Collection[Status] | None = None) -> nx.Graph:
    """The undirected graph of ``partnersWith`` claims between organisations (only the
    entities in a partnership are nodes); an edge keeps the ``statuses`` and ``claims``."""
    multi = claim_graph(graph, status=status, predicate="partnersWith")
    g = nx.Graph()
    for u, v, data in multi.edges(data=True):
        for node in (u, v):
            g.add_node(node, **multi.nodes[node])
        if g.has_edge(u, v):
            g[u][v]["statuses"].add(data["status"])
            g[u][v]["claims"].append(data)
        else:
            g.add_edge(u, v, statuses={data["status"]}, claims=[data])
    return g


def _flat_value(value):
    """An attribute GraphML and GEXF can hold: lists and sets joined with ' | ', the
    evidence as its text, None as ''."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get("text", ""))
    if isinstance(value, list | tuple | set | frozenset):
        return " | ".join(sorted(str(_flat_value(v)) for v in value))
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def flat_graph(g: nx.Graph) -> nx.Graph:
    """A copy of a view whose node and edge attributes are strings and numbers only, as
    GraphML and GEXF require (Gephi, yEd and Cytoscape read them)."""
    flat = g.__class__()
    for node, data in g.nodes(data=True):
        flat.add_node(node, **{k: _flat_value(v) for k, v in data.items()})
    if g.is_multigraph():
        for u, v, key, data in g.edges(keys=True, data=True):
            flat.add_edge(u, v, key=key, **{k: _flat_value(v2) for k, v2 in data.items()})
    else:
        for u, v, data in g.edges(data=True):
            flat.add_edge(u, v, **{k: _flat_value(v2) for k, v2 in data.items() if k != "claims"})
    return flat


def write_graph(g: nx.Graph, path: str | Path) -> Path:
    """Write a networkx view as GraphML (``.graphml``) or GEXF (``.gexf``), atomically.

    >>> import tempfile, os
    >>> from kg_ev.building import build
    >>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
    >>> path = write_graph(claim_graph(graph), os.path.join(tempfile.mkdtemp(), "seed.graphml"))
    >>> back = nx.read_graphml(path)
    >>> [(d["status"], d["sources"]) for u, v, d in back.edges(data=True)
    ...  if back.nodes[u]["label"] == "Xiaomi" and d["predicate"] == "partnersWith"]
    [('rumoured', 'https://w3id.org/kg-ev/id/entity/reuters')]
    """
    from .export import atomic_path

    path = Path(path)
    writers = {".graphml": nx.write_graphml, ".gexf": nx.write_gexf}
    writer = writers.get(path.suffix.lower())
    if writer is None:
        raise GraphFileError(f"{path}: a networkx view is written as .graphml or .gexf")
    with atomic_path(path) as tmp:
        writer(flat_graph(g), tmp)
    return path
