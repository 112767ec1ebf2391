"""Where a knowledge graph lives: in memory, in an embedded store on disk, or on a SPARQL
1.1 server. :func:`open_store` chooses the backend once and returns one class per
backend, each an rdflib Dataset (one named graph per article) that answers the same
calls, the :class:`KgStore` interface: put or replace an article, retract articles,
list them, load a graph file, write the store to a file, answer SPARQL, give the union
view queries read, close. Every kg_ev function that takes a graph takes a store, and
a plain rdflib Dataset is taken as a memory store (:func:`as_store`).

- ``open_store()``: a :class:`MemoryStore`, rdflib's memory store (gone when the
  process ends);
- ``open_store("kg.db")``: an :class:`EmbeddedStore`, an `Oxigraph
  <https://github.com/oxigraph/oxigraph>`_ store persisted in that folder (through
  oxrdflib), no server. SPARQL runs in Oxigraph, over the store's default graph, which the
  store keeps as the union of the article graphs, each triple once (Oxigraph answers
  over one graph tens of times faster than over the union of many);
  ``read_only=True`` opens it for reading only (what the reading commands do);
- ``open_store("kg.db", snapshot=True)``: a :class:`SnapshotStore`, a read-only copy of
  that folder in an in-memory Oxigraph store, for a notebook that queries many times;
- ``open_store("http://host:8890/sparql", update_endpoint=...)``: a :class:`RemoteStore`,
  a SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB...), queried and updated over HTTP.

Writes are whole: putting, replacing or retracting articles (their graphs, their
quarantined claims, the shared descriptions of entities, the embedded store's union
view) is one transaction, so an error or an interrupt midway leaves the store as it
was: rdflib's :class:`~rdflib.plugins.stores.auditable.AuditableStore` undoes a memory
store's partial write, Oxigraph applies one SPARQL Update in one transaction, and a
server receives one SPARQL Update request (which the SPARQL 1.1 Protocol asks servers
to apply atomically). An embedded store also keeps its facts and their standings
(:mod:`kg_ev.ledger`), rewritten in that same transaction for the facts the article's
claims state, so a retraction changes them at once; the other backends derive them from
the claims when asked (:mod:`kg_ev.standing`).

>>> import tempfile
>>> from kg_ev.building import build
>>> folder = tempfile.mkdtemp() + "/kg.db"
>>> with open_store(folder) as store:
...     print(build(["seeds/000_50a62ce1ae3c7f69.txt"], dataset=store).summary())
1 article(s), 13 entities, 15 claims, 0 quarantined, 0 failed
>>> with open_store(folder, read_only=True) as store:   # another run, the same graph
...     store.articles()
['000_50a62ce1ae3c7f69']
"""

from __future__ import annotations

import fcntl
import os
from weakref import WeakValueDictionary
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any, ClassVar, cast

from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.stores.auditable import AuditableStore
from rdflib.plugins.stores.memory import Memory
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result, ResultRow
from rdflib.term import IdentifiedNode, Identifier, Node

from .errors import ArticleError, KgEvError
from .namespace import KGEV, KGID, PREFIXES, bind_prefixes
from .rdf import (ENTITIES, FACTS, QUARANTINE, RESERVED_IDS, SHARED_SUBJECTS, article_id_of, article_iri, claim_parts,
                  graph_iri, is_shared)

__all__ = ["StoreError", "StoreBusyError", "KgStore", "MemoryStore", "EmbeddedStore", "SnapshotStore", "RemoteStore",
           "open_store", "as_store", "is_native", "union_graph", "put_article", "put_shared", "retract", "articles"]

_CHUNK = 5_000  # quads per request when a file is loaded into a SPARQL server
Quad = tuple[Node, Node, Node, Node]  # subject, predicate, object, graph name


class StoreError(KgEvError):
    """A store that cannot be opened or written."""


class StoreBusyError(StoreError):
    """A store folder another process (or another open in this one) has open for writing."""


def graph_name(context: Graph | IdentifiedNode | None) -> IdentifiedNode | None:
    """The name of a graph as rdflib gives it: a Graph's identifier, or the name itself."""
    return context.identifier if isinstance(context, Graph) else context


def _quads_of(dataset: Dataset) -> list[Quad]:
    """A Dataset's quads, each with its graph's name (rdflib types a quad's graph
    Optional; a Dataset's quads always have one)."""
    return [(s, p, o, cast(IdentifiedNode, graph_name(g))) for s, p, o, g in dataset.quads((None, None, None, None))]


class KgStore(Dataset):
    """A kg_ev store: an rdflib Dataset whose class is its backend. The methods below are
    the interface every backend answers; the module's functions (:func:`put_article`,
    :func:`retract`...) call them on :func:`as_store` of what they are given."""

    #: True when SPARQL is answered by the store's own engine rather than rdflib's.
    native: ClassVar[bool] = False
    #: True when the store keeps its facts and their standings as data (:mod:`kg_ev.ledger`),
    #: updated in the transaction of each article put or retracted.
    keeps_facts: ClassVar[bool] = False

    def __init__(self, store: Any = "default", *, read_only: bool = False):
        super().__init__(store=store, default_union=True)
        bind_prefixes(self)
        self.read_only = read_only

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # the interface

    def put_article(self, graph: Graph, quarantined: Graph | None = None) -> None:
        """Store one article's graph, replacing what the store held for that article (its
        named graph and its claims in quarantine), in one transaction; ``quarantined``
        holds its claims kept aside by validation. An article of that id read from
        another file (``dcterms:source``) is not replaced: :class:`~kg_ev.errors.ArticleError`
        says so, and the store is unchanged. The descriptions of entities and runs go
        to the shared ``ENTITIES`` graph, once: in a quad store, a label copied into
        every article naming the entity would multiply the rows of every join through it."""
        self._writable()
        article_id = article_id_of(graph.identifier)
        self._check_source(article_id, graph.value(article_iri(article_id), DCTERMS.source))
        added: list[Quad] = [(s, p, o, ENTITIES if is_shared((s, p, o)) else graph.identifier) for s, p, o in graph]
        added += [(s, p, o, QUARANTINE) for s, p, o in quarantined or ()]
        removal = self._removal([article_id], added)
        self._keep_facts(removal, added)
        self._commit(removal, added)

    def put_shared(self, descriptions: Graph) -> None:
        """Add descriptions of entities and runs to the store's shared graph, in one
        transaction."""
        self._writable()
        self._commit(_Removal(), [(s, p, o, ENTITIES) for s, p, o in descriptions])

    def retract(self, article_ids: Iterable[str]) -> list[str]:
        """Remove articles (by id, as :meth:`articles` lists them) and their quarantined
        claims, all in one transaction. Returns the ids that were in the store; the
        others are ignored."""
        self._writable()
        removed = [a for a in dict.fromkeys(article_ids) if a not in RESERVED_IDS and self._holds(a)]
        if removed:
            removal, added = self._removal(removed, []), cast(list[Quad], [])
            self._keep_facts(removal, added)
            self._commit(removal, added)
        return removed

    def _holds(self, article_id: str) -> bool:
        """Whether the store holds that article: one index lookup (listing every article
        would make a retraction as slow as the store is large)."""
        return (article_iri(article_id), RDF.type, KGEV.Article) in self._named(graph_iri(article_id))

    def articles(self) -> list[str]:
        """The ids of the articles the store holds, sorted."""
        prefix = str(KGID["graph/"])
        rows = cast("Iterable[ResultRow]", self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?article a <{KGEV.Article}> }} }}"))
        return sorted(article_id_of(row[0]) for row in rows
                      if str(row[0]).startswith(prefix) and row[0] not in (QUARANTINE, ENTITIES))

    def load_file(self, path: str | Path, *, format: str | None = None) -> int:
        """Add a graph file (TriG and N-Quads keep their graphs; the triples of other
        formats go to the default graph), all or nothing: a malformed file, an error or
        an interrupt adds nothing. Returns how many quads the file holds."""
        from .export import load

        self._writable()
        quads = _quads_of(load(path, format=format))  # type: ignore[arg-type]  # load checks the format's name
        self._commit(_Removal(), quads)
        return len(quads)

    def dump(self, out: IO[bytes], *, format: str) -> None:
        """Write the store in ``format`` (see :func:`kg_ev.export.serialize`) to a binary file."""
        from .export import serialize

        out.write(serialize(self, format=format).encode("utf-8"))  # type: ignore[arg-type]

    def union(self) -> Graph:
        """A read-only view of what queries see: the article graphs and the shared
        entities, each triple once, the quarantine left out."""
        return _ArticleUnion(self)

    def sparql(self, sparql: str, bindings: Mapping[Variable, Node], *, max_rows: int | None = None) -> Result:
        """Answer a query already checked by :func:`kg_ev.querying.query` (parsed, no
        ``SERVICE`` unless allowed) with variables bound; at most ``max_rows`` + 1 rows
        of a SELECT are read."""
        result = self.union().query(sparql, initNs=_prefixes(), initBindings=bindings)  # type: ignore[arg-type]  # rdflib's stub wants str keys and Identifier values; Variable is a str, our values are terms
        return _read_rows(result, max_rows)

    def in_memory(self) -> Dataset:
        """The store's named graphs as a memory Dataset (itself for a memory store)."""
        return self

    def close(self, commit_pending_transaction: bool = False) -> None:
        super().close(commit_pending_transaction)

    # what the interface is built on

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store was opened read-only (open_store(..., read_only=False) to write)")

    def _named(self, identifier: Node) -> Graph:
        """A named graph of the store, without declaring it first: a graph exists in a
        quad store when it holds a quad (and SPARQL servers differ on ``CREATE GRAPH``)."""
        return Graph(store=self.store, identifier=identifier, namespace_manager=self.namespace_manager)  # type: ignore[arg-type]

    def _check_source(self, article_id: str, source) -> None:
        """Refuse to replace the stored article ``article_id`` by one read from another file."""
        if source is None:
            return
        stored = self._named(graph_iri(article_id)).value(article_iri(article_id), DCTERMS.source)
        if stored is not None and not _same_file(str(stored), str(source)):
            raise ArticleError(f"the store holds article {article_id!r} from {stored}, another file: it was not "
                               f"replaced (rename the file, or 'kg-ev retract {article_id}' first)")

    def _keep_facts(self, removal: _Removal, added: list[Quad]) -> None:
        """Extend a transaction with what it changes in the store's facts: the facts its
        claims state, read and rewritten (:func:`kg_ev.ledger.changes`); the whole ledger
        when the store has none yet (a store written before it existed)."""
        if not self.keeps_facts:
            return
        from . import ledger

        facts = self._named(FACTS)
        new = ledger.entries((s, p, o) for s, p, o, g in added if g not in (ENTITIES, QUARANTINE, FACTS))
        if ledger.stored_version(facts) == ledger.LEDGER_VERSION:
            old = ledger.entries((s, p, o) for s, p, o, g in removal.quads if g in set(removal.graphs))
        else:
            removal.graphs.append(FACTS)
            removal.quads.update((s, p, o, FACTS) for s, p, o in facts)
            leaving: set[Node] = {article_iri(article_id_of(g)) for g in removal.graphs if g != FACTS}
            old, new = [], [*self._entries(leaving), *new]
            facts = Graph()
            added.append((*ledger.MARK, FACTS))
        gone, kept = ledger.changes(facts, old, new)
        removal.quads.update(gone)
        removal.exact += gone
        added += kept

    def _entries(self, leaving: set[Node]) -> list:
        """The ledger entries of the claims the store holds but those of the articles
        ``leaving``."""
        from . import ledger

        return [entry for entry in ledger.entries(self.union()) if entry.article not in leaving]

    def _removal(self, article_ids: list[str], added: list[Quad]) -> _Removal:
        """What removing these articles removes: their graphs, their quarantined claims
        (with their evidence), and the shared descriptions that nothing left names (the
        quads ``added`` in the same transaction count as left)."""
        removal = _Removal()
        described: set[Node] = set()
        aside = self._named(QUARANTINE)
        for article_id in article_ids:
            identifier = graph_iri(article_id)
            removal.graphs.append(identifier)
            for s, p, o in self._named(identifier):
                removal.quads.add((s, p, o, identifier))
                described.update(n for n in (s, o) if str(n).startswith(SHARED_SUBJECTS))
            for claim in list(aside.subjects(KGEV.article, article_iri(article_id))):
                for node in claim_parts(aside, claim):
                    removal.subjects.append((QUARANTINE, node))
                    removal.quads.update((s, p, o, QUARANTINE) for s, p, o in aside.triples((node, None, None)))
        named = {n for s, _, o, g in added if g != ENTITIES for n in (s, o)}
        shared = self._named(ENTITIES)
        for node in sorted(described - named):  # type: ignore[type-var]  # rdflib orders its terms; Node's stub has no __lt__ # descriptions no other article (or quarantined claim) needs
            if not self._referenced(node, removal):
                removal.subjects.append((ENTITIES, node))
                removal.quads.update((s, p, o, ENTITIES) for s, p, o in shared.triples((node, None, None)))
        return removal

    def _referenced(self, node: Node, removal: _Removal) -> bool:
        """Whether a graph other than ``ENTITIES`` names ``node`` in a quad that stays: an
        index lookup in memory and in Oxigraph."""
        for pattern in ((None, None, node), (node, None, None)):
            for triple, contexts in self.store.triples(pattern, context=None):
                for context in contexts:
                    name = graph_name(context)
                    if (name is not None and name not in (ENTITIES, DATASET_DEFAULT_GRAPH_ID)
                            and (*triple, name) not in removal.quads):
                        return True
        return False

    def _commit(self, removal: _Removal, added: list[Quad]) -> None:
        """Remove ``removal.quads`` and add ``added``, all or nothing: an exception (an
        interrupt too) midway undoes what was done, through rdflib's AuditableStore."""
        audit = AuditableStore(self.store)
        graphs: dict[Node, Graph] = {}

        def graph(name: Node) -> Graph:
            if name not in graphs:
                graphs[name] = Graph(store=self.store, identifier=name)  # type: ignore[arg-type]
            return graphs[name]

        if not removal.quads and not removal.subjects and set(removal.graphs) <= {g for *_, g in added}:
            # adding only (a new article): add directly and, on failure, take back what was
            # new; the audit log of every quad tripled the cost of a build's writes
            new: list[tuple[tuple[Node, Node, Node], Graph]] = []
            try:
                for s, p, o, g in added:
                    context = graph(g)
                    if (s, p, o) not in context:
                        self.store.add((s, p, o), context)
                        new.append(((s, p, o), context))
            except BaseException:
                for triple, context in reversed(new):
                    self.store.remove(triple, context)
                raise
            return
        try:
            for s, p, o, g in removal.quads:
                audit.remove((s, p, o), graph(g))
            for s, p, o, g in added:
                audit.add((s, p, o), graph(g))
            refilled = {g for *_, g in added}
            for name in removal.graphs:  # an emptied graph is no longer listed (re-adding its quads lists it again)
                if name not in refilled:
                    self.store.remove_graph(graph(name))
        except BaseException:
            audit.rollback()
            raise
        audit.commit()


class _Removal:
    """What a transaction removes: whole article graphs, the triples of some subjects in
    a graph (quarantined claims, shared descriptions), and those quads listed."""

    def __init__(self) -> None:
        self.graphs: list[Node] = []
        self.subjects: list[tuple[Node, Node]] = []  # (graph, subject)
        self.exact: list[Quad] = []  # quads removed one by one by a SPARQL Update (DELETE DATA)
        self.quads: set[Quad] = set()


class MemoryStore(KgStore):
    """rdflib's memory store (or any rdflib store a Dataset is given on, through rdflib's
    API); SPARQL by rdflib's evaluator over :meth:`union`."""


class _SparqlUpdates(KgStore):
    """A store written by SPARQL Update: each transaction is one update request."""

    def _commit(self, removal: _Removal, added: list[Quad]) -> None:
        operations = [f"DROP SILENT GRAPH {_term(g)}" for g in removal.graphs]
        operations += [f"DELETE WHERE {{ GRAPH {_term(g)} {{ {_term(s)} ?p ?o }} }}" for g, s in removal.subjects]
        if removal.exact:
            operations.append(f"DELETE DATA {{ {_data(removal.exact)} }}")
        operations += self._view_operations(removal, added)
        if added:
            operations.append(f"INSERT DATA {{ {_data(added)} }}")
        if operations:
            self._update(" ;\n".join(operations))

    def _view_operations(self, removal: _Removal, added: list[Quad]) -> list[str]:
        return []

    def _referenced(self, node: Node, removal: _Removal) -> bool:
        """A query over the named graphs, which stops at the first reference: a server
        does not say which graph a triple it lists is in, and Oxigraph lists a node's
        triples in the union view first (every claim names the extraction run: a
        retraction read them all). Servers answer ASK in different shapes: a SELECT of
        one row is read alike."""
        ignored = ", ".join(_term(g) for g in [ENTITIES, FACTS, *removal.graphs])
        leaving = [s for g, s in removal.subjects if g == QUARANTINE]
        aside = f"FILTER(?g != {_term(QUARANTINE)} || ?x NOT IN ({', '.join(map(_term, leaving))}))" if leaving else ""
        return bool(list(self.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ {{ ?x ?p {_term(node)} }} UNION "
                                    f"{{ {_term(node)} ?p ?x }} }} FILTER(?g NOT IN ({ignored})) {aside} }} LIMIT 1")))

    def _update(self, text: str) -> None:
        raise NotImplementedError


class EmbeddedStore(_SparqlUpdates):
    """An Oxigraph folder. Its default graph is the union view (each triple of the article
    graphs and the shared entities once), which SPARQL reads and each write keeps."""

    native = True
    keeps_facts = True

    def __init__(self, oxigraph, path: Path, *, read_only: bool = False, lock: IO[bytes] | None = None):
        from oxrdflib import OxigraphStore

        super().__init__(store=OxigraphStore(store=oxigraph), read_only=read_only)
        self.path = path
        self._oxigraph = oxigraph
        self._lock = lock

    def close(self, commit_pending_transaction: bool = False) -> None:
        written = self._oxigraph is not None and not self.read_only and type(self) is EmbeddedStore
        if written:
            try:  # the write-ahead log into table files: else each read-only open replays it (seconds at 100k quads)
                self._oxigraph.flush()
            except OSError:
                written = False  # what was written is in the log, which the next open replays
        super().close(commit_pending_transaction)
        self._oxigraph = None  # the last reference: pyoxigraph releases the folder's lock
        if self._lock is not None:
            self._lock.close()  # a reader's shared lock on the folder
            self._lock = None
        if _OPEN.get(self.path.resolve()) is self:
            del _OPEN[self.path.resolve()]
        if written:
            _purge_log(self.path)


    @property
    def oxigraph(self):
        """The pyoxigraph Store (None once closed)."""
        return self._oxigraph

    def union(self) -> Graph:
        return Graph(store=self.store, identifier=DATASET_DEFAULT_GRAPH_ID, namespace_manager=self.namespace_manager)

    def _entries(self, leaving: set[Node]) -> list:
        from .ledger import stored_entries

        return [entry for entry in stored_entries(self._oxigraph) if entry.article not in leaving]

    def rebuild_facts(self) -> None:
        """Build the store's facts again from its claims (after a ``load``, whose graphs
        may hold claims): the old ones dropped, the new ones added in one Oxigraph
        transaction, the ledger's mark last; interrupted midway, the store has no mark
        and facts are derived from its claims until the next write rebuilds them."""
        from oxrdflib._converter import to_ox

        from . import ledger

        self._writable()
        self._update(f"DROP SILENT GRAPH {_term(FACTS)}")
        _, quads = ledger.changes(Graph(), [], ledger.stored_entries(self._oxigraph))
        try:
            self._oxigraph.extend(to_ox(q) for q in (*quads, (*ledger.MARK, FACTS)))  # type: ignore[arg-type]  # a quad's graph as a name, which to_ox takes
        except (OSError, RuntimeError, ValueError) as exc:
            raise StoreError(f"{self.path}: the facts could not be built ({exc}); they are derived from the "
                             "claims until the next write") from None

    def _view_operations(self, removal: _Removal, added: list[Quad]) -> list[str]:
        """The union view loses the triples removed that no graph left holds (and that the
        transaction does not add again), and gains the triples added (but quarantined ones)."""
        staying = {(s, p, o) for s, p, o, g in added if g not in (QUARANTINE, FACTS)}
        gone = []
        for s, p, o, g in removal.quads:
            triple = (s, p, o)
            if g in (QUARANTINE, FACTS) or triple in staying:
                continue
            if not any(graph_name(c) not in (DATASET_DEFAULT_GRAPH_ID, QUARANTINE, FACTS)
                       and (s, p, o, graph_name(c)) not in removal.quads
                       for _, contexts in self.store.triples(triple, context=None) for c in contexts):
                gone.append((s, p, o, DATASET_DEFAULT_GRAPH_ID))
        operations = [f"DELETE DATA {{ {_data(gone)} }}"] if gone else []
        view = [(s, p, o, DATASET_DEFAULT_GRAPH_ID) for s, p, o in staying]
        if view:
            operations.append(f"INSERT DATA {{ {_data(view)} }}")
        return operations

    def _update(self, text: str) -> None:
        try:
            self._oxigraph.update(text)  # one transaction: all of it or nothing
        except (OSError, RuntimeError, ValueError, SyntaxError) as exc:
            raise StoreError(f"{self.path}: the write failed and was not applied ({exc})") from None

    def load_file(self, path: str | Path, *, format: str | None = None) -> int:
        """Add a graph file, in one Oxigraph transaction (``Store.extend``) with the
        union view's triples: a malformed file, an error or an interrupt adds nothing."""
        import pyoxigraph as ox

        from .errors import GraphFileError
        from .export import _OXIGRAPH_FORMATS, _QUAD_FORMATS, _check_format, check_nesting, format_for

        path = Path(path)
        fmt = _check_format(format) if format else format_for(path, default=None)
        if fmt not in _OXIGRAPH_FORMATS:
            count = super().load_file(path, format=format)
            self.rebuild_facts()
            return count
        self._writable()
        if not path.is_file():
            raise GraphFileError(f"{path}: no such file")
        check_nesting(path, fmt)  # refused as rdflib refuses it (Oxigraph's parser would take it)
        rdf_format = getattr(ox.RdfFormat, _OXIGRAPH_FORMATS[fmt])
        aside, default, derived = ox.NamedNode(str(QUARANTINE)), ox.DefaultGraph(), ox.NamedNode(str(FACTS))
        count = 0

        def quads():
            nonlocal count
            for quad in ox.parse(path=str(path), format=rdf_format):
                count += 1
                if quad.graph_name == derived:
                    continue  # another store's facts: this store's are built from its claims
                yield quad
                if fmt in _QUAD_FORMATS and quad.graph_name not in (aside, default):
                    yield ox.Quad(quad.subject, quad.predicate, quad.object)  # the union view's

        try:
            self._oxigraph.extend(quads())
        except SyntaxError as exc:
            raise GraphFileError(f"{path}: malformed {fmt} ({' '.join(str(exc).split())[:300]})") from None
        except (OSError, ValueError) as exc:
            raise GraphFileError(f"{path}: cannot be loaded ({' '.join(str(exc).split())[:300]})") from None
        except MemoryError:  # pyoxigraph's parser buffer: "Reached the buffer maximal size of 16777216"
            raise GraphFileError(f"{path}: cannot be loaded (a literal or a line over 16 MiB, more than "
                                 "Oxigraph's parser reads at once); nothing was added") from None
        self.rebuild_facts()  # interrupted before it ends, facts are derived from the claims until the next write
        return count

    def dump(self, out: IO[bytes], *, format: str) -> None:
        """Oxigraph's own serializers, streaming, for Turtle, TriG, N-Quads and N-Triples:
        the same triples as :func:`kg_ev.export.serialize` gives, the same bytes for the
        same graph; JSON-LD through rdflib."""
        import pyoxigraph as ox

        from .export import _OXIGRAPH_FORMATS, _QUAD_FORMATS

        if format not in _OXIGRAPH_FORMATS:
            super().dump(out, format=format)
            return
        rdf_format = getattr(ox.RdfFormat, _OXIGRAPH_FORMATS[format])
        prefixes = _prefixes() if format in {"turtle", "trig"} else None
        if format in _QUAD_FORMATS:  # the named graphs; the default graph is the union view; not the facts, derived
            derived = ox.NamedNode(str(FACTS))
            quads = (q for q in self._oxigraph.quads_for_pattern(None, None, None)
                     if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name != derived)
            ox.serialize(quads, out, rdf_format, prefixes=prefixes)
            return
        # the union view (the default graph), then the quarantine: two documents, one file
        self._oxigraph.dump(out, rdf_format, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        self._oxigraph.dump(out, rdf_format, from_graph=ox.NamedNode(str(QUARANTINE)), prefixes=prefixes)

    def sparql(self, sparql: str, bindings: Mapping[Variable, Node], *, max_rows: int | None = None) -> Result:
        """Oxigraph answers over its default graph (the union view); bindings go in as a
        VALUES block, checked and written as terms; each distinct term of the answer is
        converted to rdflib once."""
        from .querying import _with_values

        return _query_oxigraph(self._oxigraph, _with_values(sparql, bindings), max_rows)

    def in_memory(self) -> Dataset:
        return _memory_copy(q for q in self.quads((None, None, None, None))
                            if graph_name(q[3]) not in (DATASET_DEFAULT_GRAPH_ID, FACTS))


class SnapshotStore(EmbeddedStore):
    """A read-only copy, in memory, of an Oxigraph folder: the folder's quads bulk-loaded
    into an in-memory pyoxigraph Store when it is opened (the folder is then released:
    a build may write it meanwhile, the snapshot does not change). Queries take
    :class:`EmbeddedStore`'s path, from memory; writes are refused."""

    def __init__(self, oxigraph, path: Path, view=None):
        from oxrdflib import OxigraphStore

        class _Refusing(OxigraphStore):  # rdflib's own writes (Dataset.add...) refused too
            def _refuse(self, *args, **kwargs):
                raise StoreError(_SNAPSHOT_WRITE.format(path=path))

            add = addN = remove = update = add_graph = remove_graph = _refuse

        KgStore.__init__(self, store=_Refusing(store=oxigraph), read_only=True)
        self.path = path
        self._oxigraph = oxigraph
        self._view = view if view is not None else oxigraph
        self._lock = None

    def close(self, commit_pending_transaction: bool = False) -> None:
        self._view = None
        super().close(commit_pending_transaction)

    def _writable(self) -> None:
        raise StoreError(_SNAPSHOT_WRITE.format(path=self.path))

    def sparql(self, sparql: str, bindings: Mapping[Variable, Node], *, max_rows: int | None = None) -> Result:
        """Asked of the union view alone, in a store of its own: an in-memory Oxigraph
        store answers over its default graph several times slower when it holds the
        named graphs too (up to 15x at 1M quads)."""
        from .querying import _with_values

        return _query_oxigraph(self._view, _with_values(sparql, bindings), max_rows)


_SNAPSHOT_WRITE = "{path}: a snapshot is a read-only copy in memory (open_store(path) to write the store)"


class RemoteStore(_SparqlUpdates):
    """A SPARQL 1.1 server, queried and updated over HTTP. It answers over the union of
    all its graphs, where a triple held by several graphs matches once per graph."""

    native = True

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None):
        store = SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=update_endpoint or endpoint,
                                  context_aware=True, autocommit=True, returnFormat="json")
        super().__init__(store=store)
        self.endpoint = endpoint

    def _holds(self, article_id: str) -> bool:
        """A query (a server's triple lookups in a named graph go through rdflib's
        SPARQLStore, which does not answer that pattern)."""
        article, graph = _term(article_iri(article_id)), _term(graph_iri(article_id))
        return bool(list(self.query(f"SELECT ?a WHERE {{ GRAPH {graph} {{ {article} a <{KGEV.Article}> . "
                                    f"BIND({article} AS ?a) }} }} LIMIT 1")))

    def _update(self, text: str) -> None:
        from urllib.error import HTTPError, URLError

        try:
            cast(SPARQLUpdateStore, self.store).update(text)  # one request
        except URLError as exc:  # HTTPError too: the server refused the request, and applied none of it
            self.store.rollback()  # rdflib would send it again with the next one
            said = " ".join(exc.read().decode("utf-8", "replace").split())[:300] if isinstance(exc, HTTPError) else ""
            raise StoreError(f"{self.endpoint}: the update was not applied ({exc}{': ' + said if said else ''})") from None

    def load_file(self, path: str | Path, *, format: str | None = None) -> int:
        """Add a graph file in requests of 5,000 quads: a malformed file adds nothing, but
        a load stopped midway leaves the requests already sent (loading the file again
        completes it: a store is a set of quads)."""
        from .export import load

        self._writable()
        quads = _quads_of(load(path, format=format))  # type: ignore[arg-type]  # load checks the format's name
        for start in range(0, len(quads), _CHUNK):
            self._update(f"INSERT DATA {{ {_data(quads[start:start + _CHUNK])} }}")
        return len(quads)

    def sparql(self, sparql: str, bindings: Mapping[Variable, Node], *, max_rows: int | None = None) -> Result:
        """The server's engine answers over the union of its graphs; it takes bindings as
        a VALUES block, checked and written as terms."""
        from .querying import _with_values

        result = self.query(_with_values(sparql, bindings), initNs=_prefixes())
        return _read_rows(result, max_rows)

    def in_memory(self) -> Dataset:
        return _memory_copy(self.quads((None, None, None, None)))


class _ArticleUnion(Graph):
    """A read-only view of a Dataset's article graphs: each triple once, whatever number
    of graphs hold it (an entity's label is in every article naming it), and none that
    only the quarantine graph holds. Lookups go to the store's own index."""

    def __init__(self, dataset: Dataset):
        super().__init__(store=dataset.store, identifier=URIRef("urn:kg-ev:article-union"),
                         namespace_manager=dataset.namespace_manager)
        self._one_entry_per_triple = isinstance(dataset.store, Memory)

    def triples(self, triple):
        s, p, o = triple
        if isinstance(p, PropertyPath):
            for s1, o1 in p.eval(self, s, o):
                yield s1, p, o1
            return
        if self._one_entry_per_triple:  # rdflib's memory store lists each triple's graphs
            for found, contexts in self.store.triples((s, p, o), context=None):
                if any(graph_name(c) != QUARANTINE for c in contexts):
                    yield found
            return
        seen = set()  # other stores give one entry per graph holding the triple
        for found, contexts in self.store.triples((s, p, o), context=None):
            if found not in seen and all(graph_name(c) != QUARANTINE for c in contexts or ()):
                seen.add(found)
                yield found

    def add(self, triple):
        raise StoreError("the article union is read-only")

    def remove(self, triple):
        raise StoreError("the article union is read-only")


def _prefixes() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _term(node: Node) -> str:
    """An RDF term in SPARQL (N-Triples) syntax, escaped by pyoxigraph."""
    from oxrdflib._converter import to_ox

    return str(to_ox(node))


def _data(quads: Iterable[Quad]) -> str:
    """The quads as the body of ``INSERT DATA`` / ``DELETE DATA``: a GRAPH block each."""
    by_graph: dict[Node, list[str]] = defaultdict(list)
    for s, p, o, g in quads:
        by_graph[g].append(f"{_term(s)} {_term(p)} {_term(o)} .")
    return "\n".join("\n".join(lines) if g == DATASET_DEFAULT_GRAPH_ID else
                     f"GRAPH {_term(g)} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


def _memory_copy(quads: Iterable) -> Dataset:
    """A memory Dataset of these quads, ``xsd:string`` literals written plain as kg_ev
    writes them (RDF 1.1 stores such as Oxigraph give every string that type)."""
    from .rdf import new_dataset

    copy = new_dataset()
    graphs: dict = {}

    def graph_of(context) -> Graph:
        name = graph_name(context)
        if name not in graphs:
            graphs[name] = copy.graph(name)
        return graphs[name]

    copy.addN((s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o, graph_of(g))
              for s, p, o, g in quads)
    return copy


def _read_rows(result: Result, max_rows: int | None) -> Result:
    """rdflib evaluates as rows are read: read them here (its errors are raised inside
    :func:`kg_ev.querying.query`), at most ``max_rows`` + 1 of them."""
    if result.type != "SELECT":
        return result
    if max_rows is None:
        result.bindings  # noqa: B018 - evaluates the rows
        return result
    rows = []
    for row in result:
        rows.append(row.asdict())  # type: ignore[union-attr]
        if len(rows) > max_rows:
            break
    kept = Result("SELECT")
    kept.vars = result.vars
    kept.bindings = [{Variable(k): v for k, v in row.items()} for row in rows]
    return kept


def _query_oxigraph(store, sparql: str, max_rows: int | None) -> Result:
    """Ask Oxigraph directly, over its default graph, each distinct term of the answer
    converted to rdflib once (a term repeated in many rows, a predicate or an article,
    is not converted again)."""
    import re

    import pyoxigraph as ox

    from .errors import QueryError
    from .querying import _syntax_error

    try:
        answer = store.query(sparql, prefixes=_prefixes())
    except SyntaxError as exc:
        found = re.match(r"^error at (\d+):(\d+): ", str(exc))
        if found is None:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        raise _syntax_error(found[1], found[2], str(exc)[found.end():]) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"SPARQL query failed: {exc}") from None
    converted: dict = {}

    def term(value):
        if value is None:
            return None
        found = converted.get(value)
        if found is None:
            found = converted[value] = _rdflib_term(value, ox)
        return found

    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
    elif isinstance(answer, ox.QuerySolutions):
        result = Result("SELECT")
        result.vars = [Variable(v.value) for v in answer.variables]
        rows: list[Mapping[Variable, Identifier]] = []
        for row in answer:
            rows.append({v: term(value) for v, value in zip(result.vars, row) if value is not None})
            if max_rows is not None and len(rows) > max_rows:
                break
        result.bindings = rows
    else:
        result = Result("CONSTRUCT")
        result.graph = Graph()
        result.graph.addN((term(t.subject), term(t.predicate), term(t.object), result.graph) for t in answer)
    return result


def _rdflib_term(value, ox) -> Node:
    from .errors import QueryError

    if isinstance(value, ox.NamedNode):
        return URIRef(value.value)
    if isinstance(value, ox.BlankNode):
        from rdflib import BNode

        return BNode(value.value)
    if isinstance(value, ox.Literal):
        if value.language:
            return Literal(value.value, lang=value.language)
        return Literal(value.value, datatype=URIRef(value.datatype.value))
    raise QueryError(f"an answer rdflib cannot hold (an RDF-star triple term?): {value!r}")


def _same_file(stored: str, new: str) -> bool:
    """Whether two paths, as given to two builds, name the same file: equal once
    normalised, or a relative one that, from here, is the absolute other."""
    stored, new = os.path.normpath(stored), os.path.normpath(new)
    return stored == new or os.path.abspath(stored) == os.path.abspath(new)


# opening

#: Store folders this process has open, and how ("read" or "write"): a second open of a
#: folder in one process is refused, as another process's would be (a reader's lock on
#: the folder is a POSIX record lock, which any close of the file by its process drops).
_OPEN: WeakValueDictionary[Path, EmbeddedStore] = WeakValueDictionary()
_OXIGRAPH_FILES = ("CURRENT", "IDENTITY", "LOCK")


def open_store(location: str | Path | None = None, *, update_endpoint: str | None = None,
               read_only: bool = False, snapshot: bool = False) -> KgStore:
    """A store: in memory (no location), an Oxigraph folder (created when missing), or a
    SPARQL endpoint URL (``update_endpoint`` defaults to the same URL). Use it in a
    ``with`` block, or call ``close()``, so that an embedded store releases its folder
    for the next process.

    ``read_only=True`` opens a folder for reading only: nothing is written in it (a
    read-only folder can be read), a folder that holds no store is refused, and so is a
    store another process is writing (:class:`StoreBusyError`); while it is open, a
    writer is refused in turn. A folder written to is either new, empty or a store.

    ``snapshot=True`` reads a folder once into memory and releases it: a
    :class:`SnapshotStore`, read-only, for a notebook that queries many times (its
    queries do not touch the disk; it takes the memory of the store's data, and opening
    it reads the whole store)."""
    if snapshot:
        if location is None or str(location).startswith(("http://", "https://")):
            raise StoreError("snapshot=True takes a store folder (an embedded store)")
        return _snapshot(Path(location))
    if location is None:
        return MemoryStore(read_only=read_only)
    text = str(location)
    if text.startswith(("http://", "https://")):
        return RemoteStore(text, update_endpoint=update_endpoint)
    import pyoxigraph

    path = Path(location)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: is a file, not a store folder (give a folder, e.g. kg.db)")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: the folder {path.parent} does not exist")
    is_store = path.is_dir() and any((path / name).exists() for name in _OXIGRAPH_FILES)
    if read_only and not is_store:
        raise StoreError(f"{path}: no such store" if not path.is_dir() or not any(path.iterdir()) else
                         f"{path}: not a kg_ev store (a folder with no Oxigraph files in it)")
    if not read_only and path.is_dir() and not is_store and any(path.iterdir()):
        raise StoreError(f"{path}: not a kg_ev store, and not empty: give a new or empty folder for a new store")
    key = path.resolve()
    held = _OPEN.get(key)
    if held is not None:
        raise StoreBusyError(f"{path}: store busy (this process has it open for {'reading' if held.read_only else 'writing'}; "
                             "close that store first)")
    lock = _reader_lock(path) if read_only else None
    try:
        oxigraph = pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except (OSError, RuntimeError) as exc:  # pyoxigraph names the lock or the corrupt file
        if lock is not None:
            lock.close()
        message = " ".join(str(exc).split())
        if "lock" in message.lower() and ("unavailable" in message.lower() or "hold" in message.lower()):
            raise StoreBusyError(f"{path}: store busy (another process has it open: a build, a load or a reader; "
                                 "try again when it is done)") from None
        raise StoreError(f"{path}: cannot open the store ({message})") from None
    store = _OPEN[key] = EmbeddedStore(oxigraph, path, read_only=read_only, lock=lock)
    return store


def _snapshot(path: Path) -> SnapshotStore:
    """The folder's quads (its named graphs and its union view), dumped as N-Quads by
    Oxigraph and bulk-loaded into an in-memory Oxigraph store, and the union view again
    in a store of its own for queries: no rdflib term made."""
    import tempfile

    import pyoxigraph as ox

    with open_store(path, read_only=True) as disk, tempfile.TemporaryFile() as dump:
        try:
            disk.oxigraph.dump(dump, ox.RdfFormat.N_QUADS)
            dump.seek(0)
            memory = ox.Store()
            memory.bulk_load(dump, ox.RdfFormat.N_QUADS)
            dump.seek(0)
            dump.truncate()
            disk.oxigraph.dump(dump, ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            dump.seek(0)
            view = ox.Store()  # the union view alone, which queries read
            view.bulk_load(dump, ox.RdfFormat.N_TRIPLES)
        except (OSError, ValueError, SyntaxError) as exc:
            raise StoreError(f"{path}: cannot copy the store into memory ({' '.join(str(exc).split())[:300]})") from None
    return SnapshotStore(memory, path, view)


def _reader_lock(path: Path) -> IO[bytes] | None:
    """A shared lock on the folder's LOCK file, held while a reader has the store open:
    refused while a writer (RocksDB's exclusive lock) holds it, and refusing writers in
    turn. None when the file cannot be opened (the open then says why)."""
    try:
        handle = open(path / "LOCK", "rb")
    except OSError:
        return None
    try:
        fcntl.lockf(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise StoreBusyError(f"{path}: store busy (another process is writing it: a build or a load; "
                             "try again when it is done)") from None
    return handle


def as_store(dataset: Dataset) -> KgStore:
    """The store itself, or a :class:`MemoryStore` over a plain Dataset's rdflib store
    (the same data: what it writes, the Dataset holds)."""
    if isinstance(dataset, KgStore):
        return dataset
    view = MemoryStore(store=dataset.store)
    for prefix, namespace in dataset.namespaces():
        view.bind(prefix, namespace, override=False)
    return view


def union_graph(dataset: Dataset) -> Graph:
    """What queries see of a store or Dataset (:meth:`KgStore.union`)."""
    return as_store(dataset).union()


def is_native(dataset: Graph) -> bool:
    """True when SPARQL is answered by the store itself (Oxigraph, a SPARQL server)
    rather than by rdflib's evaluator over the memory store."""
    return isinstance(dataset, KgStore) and dataset.native


def put_article(dataset: Dataset, graph: Graph, quarantined: Graph | None = None) -> None:
    """:meth:`KgStore.put_article` on a store or Dataset."""
    as_store(dataset).put_article(graph, quarantined)


def put_shared(dataset: Dataset, descriptions: Graph) -> None:
    """:meth:`KgStore.put_shared` on a store or Dataset."""
    as_store(dataset).put_shared(descriptions)


def retract(dataset: Dataset, article_ids: Iterable[str]) -> list[str]:
    """Remove articles (by id, as :func:`articles` lists them: the file name without
    ``.txt``, see :func:`kg_ev.building.article_id`) and their quarantined claims, in one
    transaction. Returns the ids that were in the store; the others are ignored."""
    return as_store(dataset).retract(article_ids)


def articles(dataset: Dataset) -> list[str]:
    """The ids of the articles a store holds, sorted."""
    return as_store(dataset).articles()


def _purge_log(path: Path) -> None:
    """Open the folder once more and close it: RocksDB then deletes the write-ahead log the
    flush made obsolete (an incremental build of 100 articles left a 45 MB log beside
    14 MB of tables). Skipped when another process has taken the folder meanwhile."""
    import pyoxigraph as ox

    try:
        ox.Store(str(path))
    except OSError:
        pass
