"""Where a knowledge graph lives: in memory, in an embedded store on disk, or on a SPARQL
1.1 server. All three are rdflib Datasets with one named graph per article, so the
build, the queries, the facts and the exports work on each alike.

- ``open_store()``: an rdflib memory store (gone when the process ends);
- ``open_store("kg.db")``: an `Oxigraph <https://github.com/oxigraph/oxigraph>`_ store
  persisted in that folder (through oxrdflib), no server; SPARQL runs in Oxigraph, over
  the store's default graph, which the store keeps as the union of the article graphs,
  each triple once (Oxigraph answers over one graph tens of times faster than over
  the union of many);
- ``open_store("http://host:8890/sparql", update_endpoint=...)``: a remote SPARQL 1.1
  store (Virtuoso, Fuseki, GraphDB...), queried and updated over HTTP.

An article's graph is replaced as a whole (:func:`put_article`): re-ingesting an
article never duplicates its claims, and :func:`retract` removes an article and its
quarantined claims. Standings are derived from the claims when asked
(:mod:`kg_ev.facts`), so a retraction changes them at once.

>>> import tempfile
>>> from kg_ev.build import build
>>> folder = tempfile.mkdtemp() + "/kg.db"
>>> with open_store(folder) as store:
...     print(build(["seeds/000_50a62ce1ae3c7f69.txt"], dataset=store).summary())
1 article(s), 13 entities, 15 claims, 0 quarantined, 0 failed
>>> with open_store(folder) as store:   # another run, the same graph
...     articles(store)
['000_50a62ce1ae3c7f69']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.memory import Memory
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from .errors import ArticleError, KgEvError
from .namespace import KGEV, KGID, bind_prefixes
from .rdf import (
    ENTITIES,
    QUARANTINE,
    SHARED_SUBJECTS,
    article_id_of,
    article_iri,
    graph_iri,
    is_shared,
)

__all__ = ["StoreError", "open_store", "is_native", "union_graph", "put_article", "put_shared", "retract", "articles"]

_CHUNK = 5_000  # quads per write: one SPARQL update per chunk on a remote store


class StoreError(KgEvError):
    """A store that cannot be opened or written."""


class _Opened(Dataset):
    """A Dataset that closes its store at the end of a ``with`` block. ``oxigraph`` is the
    pyoxigraph Store of an embedded store (None otherwise), for bulk reads and writes."""

    oxigraph = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self, commit_pending_transaction: bool = False) -> None:
        super().close(commit_pending_transaction)
        self.oxigraph = None  # the last reference: pyoxigraph releases the folder's lock


def open_store(location: str | Path | None = None, *, update_endpoint: str | None = None) -> Dataset:
    """The Dataset of a store: in memory (no location), an Oxigraph folder (created when
    missing), or a SPARQL endpoint URL (``update_endpoint`` defaults to the same URL).
    Use it in a ``with`` block, or call ``close()``, so that an embedded store releases
    its folder for the next process."""
    if location is None:
        return bind_prefixes(_Opened(default_union=True))
    text = str(location)
    if text.startswith(("http://", "https://")):
        store = SPARQLUpdateStore(query_endpoint=text, update_endpoint=update_endpoint or text,
                                  context_aware=True, autocommit=True, returnFormat="json")
        return bind_prefixes(_Opened(store=store, default_union=True))
    import pyoxigraph
    from oxrdflib import OxigraphStore

    path = Path(location)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder (give a folder, e.g. kg.db)")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    try:
        oxigraph = pyoxigraph.Store(str(path))
    except (OSError, RuntimeError) as exc:  # pyoxigraph names the lock or the corrupt file
        raise StoreError(f"{path}: cannot open the store ({' '.join(str(exc).split())})") from None
    dataset = bind_prefixes(_Opened(store=OxigraphStore(store=oxigraph), default_union=True))
    dataset.oxigraph = oxigraph
    return dataset


def union_graph(dataset: Dataset) -> Graph | None:
    """The graph an embedded store keeps as the union of its article graphs (each triple
    once, the quarantine left out), or None for other stores."""
    if getattr(dataset, "oxigraph", None) is None:
        return None
    return Graph(store=dataset.store, identifier=DATASET_DEFAULT_GRAPH_ID, namespace_manager=dataset.namespace_manager)


def is_native(dataset: Graph) -> bool:
    """True when SPARQL is answered by the store itself (Oxigraph, a SPARQL server)
    rather than by rdflib's evaluator over the memory store."""
    return not isinstance(dataset.store, Memory)


def put_article(dataset: Dataset, graph: Graph, quarantined: Graph | None = None) -> None:
    """Store one article's graph, replacing what the store held for that article (its
    named graph and its claims in quarantine); ``quarantined`` holds its claims kept
    aside by validation. An article of that id read from another file (``dcterms:source``)
    is not replaced: :class:`~kg_ev.errors.ArticleError` says so, and the store is
    unchanged. The descriptions of entities and runs go to the shared
    ``ENTITIES`` graph, once: in a quad store, a label copied into every article naming
    the entity would multiply the rows of every join through it."""
    article_id = article_id_of(graph.identifier)
    _check_source(dataset, article_id, graph.value(article_iri(article_id), DCTERMS.source))
    _remove_article(dataset, article_id)
    context, shared = _named(dataset, graph.identifier), _named(dataset, ENTITIES)
    _add(dataset, ((s, p, o, shared if is_shared((s, p, o)) else context) for s, p, o in graph))
    view = union_graph(dataset)
    if view is not None:
        _add(dataset, ((s, p, o, view) for s, p, o in graph))
    if quarantined is not None and len(quarantined):
        aside = _named(dataset, QUARANTINE)
        _add(dataset, ((s, p, o, aside) for s, p, o in quarantined))


def put_shared(dataset: Dataset, descriptions: Graph) -> None:
    """Add descriptions of entities and runs (the ``ENTITIES`` graph of another Dataset)
    to the store's shared graph, and to its union view if it keeps one."""
    targets = [_named(dataset, ENTITIES)]
    view = union_graph(dataset)
    if view is not None:
        targets.append(view)
    _add(dataset, ((s, p, o, target) for s, p, o in descriptions for target in targets))


def _check_source(dataset: Dataset, article_id: str, source) -> None:
    """Refuse to replace the stored article ``article_id`` by one read from another file."""
    if source is None:
        return
    stored = _named(dataset, graph_iri(article_id)).value(article_iri(article_id), DCTERMS.source)
    if stored is not None and not _same_file(str(stored), str(source)):
        raise ArticleError(f"the store holds article {article_id!r} from {stored}, another file: it was not "
                           f"replaced (rename the file, or 'kg-ev retract {article_id}' first)")


def _same_file(stored: str, new: str) -> bool:
    """Whether two paths, as given to two builds, name the same file: equal once
    normalised, or a relative one that, from here, is the absolute other."""
    stored, new = os.path.normpath(stored), os.path.normpath(new)
    return stored == new or os.path.abspath(stored) == os.path.abspath(new)


def retract(dataset: Dataset, article_ids: Iterable[str]) -> list[str]:
    """Remove articles (by id, as :func:`articles` lists them: the file name without
    ``.txt``, see :func:`kg_ev.build.article_id`) and their quarantined claims. Returns
    the ids that were in the store; the others are ignored."""
    present = set(articles(dataset))
    removed = [a for a in article_ids if a in present]
    for article_id in removed:
        _remove_article(dataset, article_id)
    return removed


def articles(dataset: Dataset) -> list[str]:
    """The ids of the articles a store holds, sorted."""
    prefix = str(KGID["graph/"])
    rows = dataset.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?article a <{KGEV.Article}> }} }}")
    return sorted(article_id_of(row[0]) for row in rows
                  if str(row[0]).startswith(prefix) and row[0] not in (QUARANTINE, ENTITIES))


def _remove_article(dataset: Dataset, article_id: str) -> None:
    identifier = graph_iri(article_id)
    named = _named(dataset, identifier)
    triples = list(named)
    described = {node for triple in triples for node in (triple[0], triple[2]) if str(node).startswith(SHARED_SUBJECTS)}
    if isinstance(dataset.store, SPARQLUpdateStore):  # servers differ on dropping a missing graph
        dataset.update(f"DROP SILENT GRAPH <{identifier}>")  # an IRI of kg_ev's own making
    else:
        dataset.remove_graph(identifier)
    aside = _named(dataset, QUARANTINE)
    for claim in list(aside.subjects(KGEV.article, article_iri(article_id))):
        for node in [claim, *aside.objects(claim, KGEV.evidence)]:
            aside.remove((node, None, None))
    shared = _named(dataset, ENTITIES)
    for node in sorted(described):  # descriptions no other article (or quarantined claim) needs
        if not _referenced(dataset, node):
            triples.extend(shared.triples((node, None, None)))
            shared.remove((node, None, None))
    view = union_graph(dataset)
    if view is not None:  # the union view, each triple once
        for triple in triples:
            if not any(_name(c) not in (DATASET_DEFAULT_GRAPH_ID, QUARANTINE)
                       for _, contexts in dataset.store.triples(triple, context=None) for c in contexts):
                view.remove(triple)


def _referenced(dataset: Dataset, node: URIRef) -> bool:
    """Whether a graph other than ``ENTITIES`` names ``node``: an index lookup in memory
    and Oxigraph, an ASK on a server (which does not say which graph a triple is in)."""
    if isinstance(dataset.store, SPARQLUpdateStore):
        return dataset.query(f"ASK {{ GRAPH ?g {{ {{ ?x ?p <{node}> }} UNION {{ <{node}> ?p ?x }} }} "
                             f"FILTER(?g != <{ENTITIES}>) }}").askAnswer  # IRIs of kg_ev's own making
    for pattern in ((None, None, node), (node, None, None)):
        for _, contexts in dataset.store.triples(pattern, context=None):
            if any(_name(c) not in (ENTITIES, DATASET_DEFAULT_GRAPH_ID) for c in contexts if c is not None):
                return True
    return False


def _name(context) -> URIRef:
    return context.identifier if isinstance(context, Graph) else context


def _named(dataset: Dataset, identifier: URIRef) -> Graph:
    """A named graph of the store, without declaring it first: a graph exists in a quad
    store when it holds a quad (and SPARQL servers differ on ``CREATE GRAPH``)."""
    return Graph(store=dataset.store, identifier=identifier, namespace_manager=dataset.namespace_manager)


def _add(dataset: Dataset, quads) -> None:
    """Quads whose contexts are graphs of the dataset's store (:func:`_named`), in chunks,
    straight to the store: ``Dataset.addN`` would make a new Graph object for each quad
    (a third of the time of storing an article in memory)."""
    chunk = []
    for quad in quads:
        chunk.append(quad)
        if len(chunk) == _CHUNK:
            dataset.store.addN(chunk)
            chunk = []
    if chunk:
        dataset.store.addN(chunk)
