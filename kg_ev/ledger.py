"""The facts of an embedded store, kept as data and updated with each write.

:mod:`kg_ev.standing` derives a fact's standing from its claims. Over a store of a
million claims that is minutes a call, so an :class:`~kg_ev.store.EmbeddedStore` keeps
its facts in the named graph ``FACTS`` (outside the article union: derived data, never
exported), written in the same transaction as the article that changes them. Per fact
``F`` (``kgev:Fact``, with ``rdf:subject``, ``rdf:predicate``, ``rdf:object`` and
``kgev:standing`` for SPARQL and for filters):

- ``F kgev:record "..."``, one literal of fields split by "|": the relation, its **tallies** (how many of
  its claims articles of one date make with one status, and with one named source), and
  what they give: the standing, since when, the history over all claims and the history
  over dated claims only (what ``facts --at DATE`` reads: the standing on a date is the
  last dated change up to it). A fact's standing is a function of its tallies
  (:func:`kg_ev.standing.history_of`), so putting or retracting an article adds or takes
  its claims from the tallies of the facts it names and rewrites those facts alone: the
  work is proportional to the article, not to the corpus nor to a fact's claims;
- ``F kgev:claimEntry "fact|date|article|offset|claim IRI"`` per claim, what lists and orders
  a fact's claims.

Reading all facts is then two scans of one pattern each (records, claim entries) and
one of the entities' labels, serialised by Oxigraph and split here: no join.

A store written before the ledger existed has no ``kgev:ledgerVersion`` mark: its first
write builds the whole ledger, in the same transaction; until then, and for any other
store, facts are derived from the claims when asked.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from .namespace import KGEV, KGID, OA, PREFIXES, SYMMETRIC
from .rdf import FACTS

__all__ = ["LEDGER_VERSION", "MARK", "Entry", "Tallies", "entries", "stored_entries", "fact_key", "fact_iri", "changes",
           "stored_version", "keeps_facts", "read"]

#: The version of the ledger's layout; a store marked with another is rebuilt.
LEDGER_VERSION = 3
MARK = (FACTS, KGEV.ledgerVersion, Literal(LEDGER_VERSION))
Quad = tuple[Node, Node, Node, Node]
#: (date or None, status, named source or None) -> number of claims
Tallies = dict[tuple[str | None, str, str | None], int]


@dataclass(frozen=True)
class Entry:
    """What one claim counts for in its fact's ledger."""

    iri: URIRef
    key: tuple[Node, str, Node]  # subject, predicate (local name), object; symmetric ones ordered
    status: str
    sources: tuple[str, ...]
    date: str | None
    article: URIRef | None = None
    start: int | None = None  # the evidence's offset: with the date and the article, what orders a fact's claims

    def tallies(self) -> Tallies:
        counted: Tallies = {(self.date, self.status, None): 1}
        for source in self.sources:
            counted[(self.date, self.status, source)] = 1
        return counted


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1]


def fact_key(subject: Node, predicate: str, obj: Node) -> tuple[Node, str, Node]:
    """One fact for a relation either way round when its predicate is symmetric (a
    phrase object as a plain literal, however its store typed it)."""
    if isinstance(obj, Literal):
        obj = Literal(str(obj))
    if predicate in SYMMETRIC and str(obj) < str(subject):
        subject, obj = obj, subject
    return subject, predicate, obj


def fact_iri(key: tuple[Node, str, Node]) -> URIRef:
    """Derived from the relation (a phrase object told apart from an IRI of the same text)."""
    s, p, o = key
    text = "|".join([str(s), p, ("L" if isinstance(o, Literal) else "I") + str(o)])
    return KGID[f"fact/{hashlib.sha256(text.encode('utf-8')).hexdigest()[:24]}"]


# Records and claim entries are short texts split by "|", ";" and ",": kg_ev's IRIs written
# relative to their base, every value escaped where it holds "%" or a separator. No quote
# nor backslash, so Oxigraph writes them as they are and reading one is a split.
_BASE = str(KGID)
_ESCAPES = (("%", "%25"), ("|", "%7C"), (";", "%3B"), (",", "%2C"))


def _pack(value: str | None, *, iri: bool = False) -> str:
    if value is None:
        return ""
    if iri and value.startswith(_BASE):
        value = value[len(_BASE):]  # kg_ev's ids are percent-encoded: no ":" in them
    if any(c in value for c in "%|;,"):
        for char, escape in _ESCAPES:
            value = value.replace(char, escape)
    return value


def _unpack(value: str, *, iri: bool = False) -> str | None:
    if not value:
        return None
    if "%" in value:
        for char, escape in reversed(_ESCAPES):
            value = value.replace(escape, char)
    return _BASE + value if iri and ":" not in value else value


def _fact_id(fact: URIRef) -> str:
    return str(fact)[len(_BASE) + len("fact/"):]


def _claim_entry(entry: Entry) -> Literal:
    """fact|date|article|offset|claim"""
    return Literal("|".join([_fact_id(fact_iri(entry.key)), _pack(entry.date), _pack(entry.article, iri=True),
                             f"{entry.start or 0:010d}", _pack(entry.iri, iri=True)]))


def _parse_entry(text: str) -> tuple[str, tuple[str, str, int], str]:
    """The fact's id, what orders the claim among the fact's (date, article, offset), and
    the claim's IRI."""
    fact, date, article, start, claim = text.split("|")
    return fact, (_unpack(date) or "", _unpack(article, iri=True) or "", int(start)), _unpack(claim, iri=True)  # type: ignore[return-value]


def entries(triples: Iterable[tuple[Node, Node, Node]]) -> list[Entry]:
    """The claims among the triples of article graphs, each as its ledger entry."""
    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)

    def one(node: Node, predicate: Node) -> Node | None:
        values = by_subject.get(node, {}).get(predicate)
        return values[0] if values else None

    found = []
    for node, properties in by_subject.items():
        if KGEV.Claim not in properties.get(RDF.type, ()):
            continue
        subject, predicate, obj = one(node, RDF.subject), one(node, RDF.predicate), one(node, RDF.object)
        status, article = one(node, KGEV.status), one(node, KGEV.article)
        if subject is None or predicate is None or obj is None or status is None:
            continue  # not a claim kg_ev wrote: facts derived from claims skip it too
        date = one(article, DCTERMS.date) if article is not None else None
        evidence = one(node, KGEV.evidence)
        start = one(evidence, OA.start) if evidence is not None else None
        date_text = str(date) if date is not None else None
        found.append(Entry(node, fact_key(subject, _local(predicate), obj),  # type: ignore[arg-type]
                           _local(status), tuple(sorted(str(s) for s in properties.get(KGEV.source, ()))),
                           date_text, article, int(start) if start is not None else None))  # type: ignore[arg-type, call-overload]
    return found


def stored_entries(oxigraph) -> list[Entry]:
    """The ledger entries of every claim an embedded store's union view holds, read in
    one query (what rebuilding the ledger starts from)."""
    rows = _rows(oxigraph, """SELECT ?c ?s ?p ?o (isLiteral(?o) AS ?phrase) ?status ?a ?date ?start
        (GROUP_CONCAT(STR(?source); separator=" ") AS ?sources) WHERE {
          ?c a kgev:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgev:status ?status .
          OPTIONAL { ?c kgev:article ?a OPTIONAL { ?a dcterms:date ?date } }
          OPTIONAL { ?c kgev:evidence/oa:start ?start }
          OPTIONAL { ?c kgev:source ?source }
        } GROUP BY ?c ?s ?p ?o ?status ?a ?date ?start""")
    found = []
    for claim, s, p, o, phrase, status, article, date, start, sources in rows:
        obj: Node = Literal(o) if phrase == "true" else URIRef(o)
        found.append(Entry(URIRef(claim), fact_key(URIRef(s), _local(p), obj), _local(status),
                           tuple(sorted(set(sources.split()))) if sources else (), date,
                           URIRef(article) if article is not None else None, int(start) if start is not None else None))
    return found


_FACT_PROPERTIES = (RDF.type, RDF.subject, RDF.predicate, RDF.object, KGEV.standing, KGEV.record)


def _stored(facts: Graph, fact: URIRef) -> tuple[Tallies, list[Quad]]:
    """A fact's tallies as stored, and the quads that hold it (its claim entries apart):
    one index lookup per property, however many claims the fact has."""
    quads: list[Quad] = [(s, p, o, FACTS) for p in _FACT_PROPERTIES for s, _, o in facts.triples((fact, p, None))]
    record = next((o for _, p, o, _ in quads if p == KGEV.record), None)
    tallies: Tallies = {}
    if record is not None:
        for date, status, source, count in _parse_record(str(record))["tallies"]:
            tallies[(date, status, source)] = count
    return tallies, quads


def _record(fact: URIRef, key: tuple[Node, str, Node], tallies: Tallies) -> tuple[str, str]:
    """The fact's record, and its standing:
    fact|subject|predicate|object|phrase|standing|since|history|dated history|tallies,
    a history as date,standing;... and the tallies as date,status,source,count;..."""
    from .standing import history_of

    s, p, o = key
    history = history_of(tallies)
    dated = history_of({k: n for k, n in tallies.items() if k[0] is not None})
    phrase = isinstance(o, Literal)
    counted = sorted(tallies.items(), key=lambda item: (item[0][0] or "", item[0][1], item[0][2] or ""))
    fields = [_fact_id(fact), _pack(str(s), iri=True), p, _pack(str(o), iri=not phrase), "1" if phrase else "",
              history[-1][1], _pack(history[-1][0]),
              ";".join(f"{_pack(date)},{step}" for date, step in history),
              ";".join(f"{_pack(date)},{step}" for date, step in dated),
              ";".join(f"{_pack(date)},{status},{_pack(source, iri=True)},{n}" for (date, status, source), n in counted)]
    return "|".join(fields), history[-1][1]


@lru_cache(maxsize=1 << 16)
def _steps(series: str) -> tuple:
    """A history, "date,standing;...": few distinct ones in a corpus (months times
    standings), so each is parsed once per process."""
    return tuple((_unpack(date), step) for date, step in (pair.split(",") for pair in series.split(";") if pair))


@lru_cache(maxsize=1 << 16)
def _tallies(series: str) -> tuple:
    """Tallies, "date,status,source,count;...": as repetitive as histories."""
    counted = []
    for item in series.split(";"):
        date, status, source, n = item.split(",")
        counted.append((_unpack(date), status, _unpack(source, iri=True), int(n)))
    return tuple(counted)


def _parse_record(text: str) -> dict:
    fact, s, p, o, phrase, standing, since, history, dated, tallies = text.split("|")
    return {"fact": fact, "subject": _unpack(s, iri=True), "predicate": p, "object": _unpack(o, iri=not phrase),
            "phrase": bool(phrase), "standing": standing, "since": _unpack(since), "history": _steps(history),
            "dated": _steps(dated), "tallies": _tallies(tallies)}


def _fact_quads(fact: URIRef, key: tuple[Node, str, Node], tallies: Tallies) -> list[Quad]:
    record, standing = _record(fact, key, tallies)
    s, p, o = key
    return [(fact, RDF.type, KGEV.Fact, FACTS), (fact, RDF.subject, s, FACTS), (fact, RDF.predicate, KGEV[p], FACTS),
            (fact, RDF.object, o, FACTS), (fact, KGEV.standing, KGEV[standing], FACTS),
            (fact, KGEV.record, Literal(record), FACTS)]


def changes(facts: Graph, removed: list[Entry], added: list[Entry]) -> tuple[list[Quad], list[Quad]]:
    """What the ledger in ``facts`` (the store's ``FACTS`` graph) becomes when the claims
    ``removed`` leave and the claims ``added`` come: the quads to remove and the quads to
    add. Only the facts these claims state are read and rewritten."""
    delta: dict[URIRef, Tallies] = defaultdict(dict)
    keys: dict[URIRef, tuple[Node, str, Node]] = {}
    for sign, claims in ((-1, removed), (1, added)):
        for entry in claims:
            fact = fact_iri(entry.key)
            keys[fact] = entry.key
            counts = delta[fact]
            for tally, n in entry.tallies().items():
                counts[tally] = counts.get(tally, 0) + sign * n
    gone: list[Quad] = []
    new: list[Quad] = []
    for fact, counts in delta.items():
        tallies, quads = _stored(facts, fact)
        gone += quads
        for tally, n in counts.items():
            tallies[tally] = tallies.get(tally, 0) + n
        tallies = {tally: n for tally, n in tallies.items() if n > 0}
        if any(source is None for _, _, source in tallies):  # some claim still states it
            new += _fact_quads(fact, keys[fact], tallies)
    gone += [(fact_iri(e.key), KGEV.claimEntry, _claim_entry(e), FACTS) for e in removed]
    new += [(fact_iri(e.key), KGEV.claimEntry, _claim_entry(e), FACTS) for e in added]
    return gone, new


def stored_version(facts: Graph) -> int | None:
    value = facts.value(FACTS, KGEV.ledgerVersion)
    return int(value) if value is not None else None  # type: ignore[call-overload]


def keeps_facts(graph) -> bool:
    """Whether ``graph`` is a store that keeps its facts (an embedded store whose ledger
    is complete and of this version)."""
    from .store import EmbeddedStore

    return (isinstance(graph, EmbeddedStore) and graph.oxigraph is not None
            and stored_version(graph._named(FACTS)) == LEDGER_VERSION)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a large answer is built. A full
    collection walks every live object again each time a quarter more have survived, so
    building a quarter of a million facts triggered it again and again: a third of the
    command's time at a million claims (measured). Collection resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read(store, *, at: str | None = None, standing: str | None = None, subject: str | None = None,
         predicate: str | None = None, limit: int | None = None, offset: int = 0) -> list:
    """The facts an embedded store keeps, as :func:`kg_ev.standing.facts` gives them.
    ``predicate``, ``subject`` and (without ``at``) ``standing`` are patterns of the
    store's query; on a date, the standing is the last of the fact's dated changes up to
    it, its claims and sources those of the articles dated up to it."""
    from concurrent.futures import ThreadPoolExecutor

    from .rdf import ENTITIES

    # the whole ledger asked for: every entity's label is read beside the records, on a
    # second core when there is one (Oxigraph lets go of the GIL while it reads)
    whole = subject is None and predicate is None and standing is None and (limit is None or limit > _FEW)
    with collector_paused(), ThreadPoolExecutor(max_workers=1) as pool:
        labelled = (pool.submit(_labelled, store.oxigraph, f"SELECT ?e ?l WHERE {{ GRAPH <{ENTITIES}> "
                                                           "{ ?e rdfs:label ?l } }") if whole else None)
        return _read(store, at=at, standing=standing, subject=subject, predicate=predicate, limit=limit,
                     offset=offset, labelled=labelled)


_FEW = 1_000  # an answer of more facts reads every entity's label in one scan, rather than its own


def _read(store, *, at: str | None, standing: str | None, subject: str | None, predicate: str | None,
          limit: int | None, offset: int, labelled) -> list:
    from .rdf import ENTITIES
    from .standing import Fact

    oxigraph, graph = store.oxigraph, f"<{FACTS}>"
    where = [f"GRAPH {graph} {{ ?f kgev:record ?record }}"]
    if predicate is not None:
        where.append(f"GRAPH {graph} {{ ?f rdf:predicate <{KGEV[predicate]}> }}")
    if standing is not None and at is None:
        where.append(f"GRAPH {graph} {{ ?f kgev:standing <{KGEV[standing]}> }}")
    selections = [where]
    if subject is not None:  # a query per end of each entity so named: an index lookup each, no union to plan
        ends = {subject} | {e for e, in _rows(oxigraph, f"SELECT ?e WHERE {{ GRAPH <{ENTITIES}> "
                                                      f"{{ ?e rdfs:label {json.dumps(subject)} }} }}")}
        selections = []
        for end in sorted(e for e in ends if _is_iri(e)):
            selections.append([f"GRAPH {graph} {{ ?f rdf:subject <{end}> }}", *where])
            for symmetric in sorted(SYMMETRIC):
                if predicate in (None, symmetric):
                    selections.append([f"GRAPH {graph} {{ ?f rdf:object <{end}> ; rdf:predicate <{KGEV[symmetric]}> }}",
                                       *where])
    records = {}
    for selection in selections:
        for text in _literals(oxigraph, f"SELECT ?record WHERE {{ {' '.join(selection)} }}"):
            record = _parse_record(text)
            records[record["fact"]] = record
    keys = sorted(records, key=lambda f: (records[f]["subject"], records[f]["predicate"], records[f]["object"]))
    dated: dict[str, tuple] = {}
    if at is not None:  # the standing and history on that date, from the dated history
        upto: dict[int, tuple] = {}  # once per distinct history (parsed ones are shared, see _steps)
        for f in keys:
            history = records[f]["dated"]
            steps = upto.get(id(history))
            if steps is None:
                steps = upto[id(history)] = tuple(step for step in history if step[0] <= at)
            if steps and (standing is None or steps[-1][1] == standing):
                dated[f] = steps
        keys = [f for f in keys if f in dated]
    keys = keys[offset:None if limit is None else offset + limit]
    if not keys:
        return []
    labels: dict[str, str] = {}
    if len(keys) > _FEW and labelled is not None:  # a long answer: every label, read meanwhile
        pairs = labelled.result()
    else:
        scope = ""  # a page's entities are looked up, a long answer's read in one scan
        if len(keys) <= _FEW:
            named = {end for f in keys for end in (records[f]["subject"], records[f]["object"])}
            named |= {source for f in keys for _, _, source, _ in records[f]["tallies"] if source}
            scope = "VALUES ?e { " + " ".join(f"<{e}>" for e in named if _is_iri(e)) + " }"
        pairs = _labelled(oxigraph, f"SELECT ?e ?l WHERE {{ {scope} GRAPH <{ENTITIES}> {{ ?e rdfs:label ?l }} }}")
    for entity, label in pairs:
        if entity not in labels or label < labels[entity]:
            labels[entity] = label
    # each fact's list of claim IRIs, filled for all the facts at once when one is asked; the
    # loader holds the lists, not the facts: no reference cycle, so an answer is freed as
    # soon as it is dropped, not by a collection walking every fact (1.5 s at 1M claims)
    iris: dict[str, list[str]] = {}

    def load_iris() -> None:  # the claims of all these facts, one scan
        oxigraph = store.oxigraph  # not kept from the call: facts kept must not hold a closed store's folder
        if oxigraph is None:
            from .store import StoreError

            raise StoreError(f"{store.path}: closed before the claims of its facts were read (read "
                             "Fact.claim_iris, or as_record(), while the store is open)")
        few = len(iris) <= 5_000  # else the whole ledger's claims are read, those of other facts left
        scope = "VALUES ?f { " + " ".join(f"<{_BASE}fact/{f}>" for f in iris) + " }" if few else ""
        claims: dict[str, list[tuple[tuple[str, str, int], str]]] = defaultdict(list)
        with collector_paused():
            for text in _literals(oxigraph, f"SELECT ?entry WHERE {{ {scope} GRAPH {graph} {{ ?f kgev:claimEntry ?entry }} }}"):
                f, order, claim = _parse_entry(text)
                if f in iris and (at is None or order[0] and order[0] <= at):
                    claims[f].append((order, claim))
            for f, listed in iris.items():
                listed[:] = [claim for _, claim in sorted(claims.get(f, []))]

    # what the tallies give (claim count, sources' labels), once per distinct tallies: the
    # parsed tallies are shared by the facts whose text is the same (see _tallies)
    summaries: dict[int, tuple[int, tuple[str, ...]]] = {}
    found: dict[str, Fact] = {}
    for f in keys:
        record = records[f]
        summary = summaries.get(id(record["tallies"]))
        if summary is None:
            tallies = [row for row in record["tallies"] if at is None or row[0] is not None and row[0] <= at]
            summary = (sum(n for _, _, source, n in tallies if source is None),
                       tuple(sorted({labels.get(source, "None") for _, _, source, _ in tallies if source})))
            summaries[id(record["tallies"])] = summary
        s, o = record["subject"], record["object"]
        found[f] = Fact._kept(s, record["predicate"], o, labels.get(s), o if record["phrase"] else labels.get(o),
                              summary[0], summary[1], record["history"] if at is None else dated[f], store,
                              load_iris)
        iris[f] = found[f]._iris
    return list(found.values())


def _is_iri(text: str) -> bool:
    return text.startswith(("http://", "https://", "urn:")) and not any(c in text for c in ' <>"{}|^`\\')


def _rows(oxigraph, sparql: str) -> list[list]:
    """The rows of a SELECT, serialised by Oxigraph as TSV and split here: each value as
    its lexical form (IRIs and literals alike; none of these answers holds a blank node)."""
    import pyoxigraph as ox

    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    answer = oxigraph.query(sparql, prefixes=prefixes).serialize(format=ox.QueryResultsFormat.TSV)
    return [[_value(cell) for cell in line.split("\t")] for line in answer.decode("utf-8").split("\n")[1:] if line]


def _literals(oxigraph, sparql: str) -> list:
    """The rows of a SELECT whose every cell is a plain literal (``STR()`` of an IRI or a
    label), read in one ``json.loads``: N-Triples writes a literal as a JSON string, and
    a tab inside one is escaped, so the tabs between cells are commas of one JSON list.
    One column gives its values, several give tuples. Anything else (an unbound cell, an
    IRI, a typed literal) is read cell by cell (:func:`_rows`)."""
    import pyoxigraph as ox

    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    answer = oxigraph.query(sparql, prefixes=prefixes).serialize(format=ox.QueryResultsFormat.TSV)
    lines = answer.decode("utf-8").split("\n")
    width = lines[0].count("\t") + 1
    body = [line for line in lines[1:] if line]
    try:
        flat = json.loads("[" + ",".join(body).replace("\t", ",") + "]")
    except ValueError:
        rows = _rows(oxigraph, sparql)
        return [row[0] for row in rows] if width == 1 else [tuple(row) for row in rows]
    if len(flat) != width * len(body):  # not one value per cell: read it the slow way
        rows = _rows(oxigraph, sparql)
        return [row[0] for row in rows] if width == 1 else [tuple(row) for row in rows]
    return flat if width == 1 else list(zip(*(flat[k::width] for k in range(width))))


def _labelled(oxigraph, sparql: str) -> list[tuple[str, str]]:
    """The (IRI, label) rows of a SELECT of two columns, an entity and its label, as
    Oxigraph writes them: no ``STR()`` in the query, which would make a new string of
    each value (a third of the time at 235k labels, measured). A label with an escape,
    a language or a datatype, or an entity that is no IRI, is read cell by cell."""
    import pyoxigraph as ox

    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    answer = oxigraph.query(sparql, prefixes=prefixes).serialize(format=ox.QueryResultsFormat.TSV)
    found = []
    for line in answer.decode("utf-8").split("\n")[1:]:
        if not line:
            continue
        entity, _, label = line.partition("\t")
        if entity[0] == "<" and label[-1] == '"' and "\\" not in label:
            found.append((entity[1:-1], label[1:-1]))
        else:
            found.append((_value(entity), _value(label)))
    return found


def _value(cell: str):
    """The value of a TSV cell: an IRI without its brackets, a literal's lexical form
    (its N-Triples escapes are JSON's), None when unbound."""
    if not cell:
        return None
    if cell[0] == "<":
        return cell[1:-1]
    if cell[0] == '"':
        end = cell.rindex('"')
        return cell[1:end] if "\\" not in cell else json.loads(cell[:end + 1])
    return cell
