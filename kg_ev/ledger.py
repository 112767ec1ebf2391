"""The facts of an embedded store, kept as data and updated with each write.

:mod:`kg_ev.standing` derives a fact's standing from its claims. Over a store of a
million claims that is minutes a call, so an :class:`~kg_ev.store.EmbeddedStore` keeps
its facts in the named graph ``FACTS`` (outside the article union: derived data, never
exported), written in the same transaction as the article that changes them:

- a **tally** per fact, date, status and named source: how many claims of the fact an
  article of that date makes with that status (and that source). A fact's standing is a
  function of its tallies (:func:`kg_ev.standing.history_of`), so putting or retracting an
  article adds or takes its claims from the tallies of the facts it names and
  recomputes those facts alone: the work is proportional to the article, not to the
  corpus nor to how many claims a fact has;
- the fact's **standing** and **since**, and its **history** twice: over all its claims
  (what ``facts`` prints) and over its dated claims only (what ``facts --at DATE`` reads:
  the standing on a date is the last dated change up to it);
- one link per claim, ``claim kgev:fact F`` with the claim's sort key (date, article,
  offset), so a fact lists its claims without reading them.

A store written before the ledger existed has no ``kgev:ledgerVersion`` mark: its first
write builds the whole ledger, in the same transaction; until then, and for any other
store, facts are derived from the claims when asked.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from .namespace import KGEV, KGID, OA, SYMMETRIC
from .rdf import FACTS

__all__ = ["LEDGER_VERSION", "MARK", "Entry", "Tallies", "entries", "fact_key", "fact_iri", "changes", "stored_version"]

#: The version of the ledger's layout; a store marked with another is rebuilt.
LEDGER_VERSION = 1
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
    sort_key: str  # "date|article|offset", what orders a fact's claims
    article: URIRef | None = None

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


def sort_key(date: str | None, article: str | None, start: int | None) -> str:
    return f"{date or ''}|{article or ''}|{start or 0:010d}"


def parse_sort_key(key: str) -> tuple[str, str, int]:
    date, rest = key.split("|", 1)
    article, start = rest.rsplit("|", 1)
    return date, article, int(start)


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
                           date_text, sort_key(date_text, str(article) if article is not None else None,
                                               int(start) if start is not None else None),  # type: ignore[call-overload]
                           article))  # type: ignore[arg-type]
    return found


def stored_entries(oxigraph) -> list[Entry]:
    """The ledger entries of every claim an embedded store's union view holds, read in
    one query (what rebuilding the ledger starts from)."""
    rows = _select(oxigraph, """SELECT ?c ?s ?p ?o (isLiteral(?o) AS ?phrase) ?status ?a ?date ?start
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
                           sort_key(date, article, int(start) if start is not None else None),
                           URIRef(article) if article is not None else None))
    return found


def _stored(facts: Graph, fact: URIRef) -> tuple[Tallies, list[Quad], list[Node]]:
    """A fact's tallies as stored, with the quads and the nodes that hold it (its
    claims' links apart)."""
    tallies: Tallies = {}
    nodes: list[Node] = [fact]
    for predicate in (KGEV.tally, KGEV.change, KGEV.datedChange):
        nodes.extend(facts.objects(fact, predicate))
    quads = [(s, p, o, FACTS) for node in nodes for s, p, o in facts.triples((node, None, None))]
    for tally in facts.objects(fact, KGEV.tally):
        date, status = facts.value(tally, KGEV.date), facts.value(tally, KGEV.status)
        source, count = facts.value(tally, KGEV.source), facts.value(tally, KGEV.count)
        if status is not None and count is not None:
            tallies[(str(date) if date is not None else None, _local(status),
                     str(source) if source is not None else None)] = int(count)  # type: ignore[call-overload]
    return tallies, quads, nodes


def _fact_quads(fact: URIRef, key: tuple[Node, str, Node], tallies: Tallies) -> list[Quad]:
    from .standing import history_of

    s, p, o = key
    history = history_of(tallies)
    dated = history_of({k: n for k, n in tallies.items() if k[0] is not None})
    since, standing = history[-1]
    quads: list[Quad] = [(fact, RDF.type, KGEV.Fact, FACTS), (fact, RDF.subject, s, FACTS),
                         (fact, RDF.predicate, KGEV[p], FACTS), (fact, RDF.object, o, FACTS),
                         (fact, KGEV.standing, KGEV[standing], FACTS)]
    if since is not None:
        quads.append((fact, KGEV.since, Literal(since), FACTS))
    for link, series, name in ((KGEV.change, history, "c"), (KGEV.datedChange, dated, "d")):
        for index, (date, step) in enumerate(series):
            node = URIRef(f"{fact}/{name}{index}")
            quads += [(fact, link, node, FACTS), (node, KGEV.index, Literal(index), FACTS),
                      (node, KGEV.standing, KGEV[step], FACTS)]
            if date is not None:
                quads.append((node, KGEV.date, Literal(date), FACTS))
    for (date, status, source), count in sorted(tallies.items(), key=lambda item: str(item[0])):
        node = URIRef(f"{fact}/t{hashlib.sha256(f'{date}|{status}|{source}'.encode()).hexdigest()[:16]}")
        quads += [(fact, KGEV.tally, node, FACTS), (node, KGEV.status, KGEV[status], FACTS),
                  (node, KGEV.count, Literal(count), FACTS)]
        if date is not None:
            quads.append((node, KGEV.date, Literal(date), FACTS))
        if source is not None:
            quads.append((node, KGEV.source, URIRef(source), FACTS))
    return quads


def changes(facts: Graph, removed: list[Entry], added: list[Entry]
            ) -> tuple[list[Quad], list[tuple[Node, Node]], list[Quad]]:
    """What the ledger in ``facts`` (the store's ``FACTS`` graph) becomes when the claims
    ``removed`` leave and the claims ``added`` come: the quads to remove, the subjects
    whose triples go with them (for stores written by SPARQL Update), and the quads to
    add. Only the facts these claims state are read and rewritten."""
    delta: dict[tuple[Node, str, Node], Tallies] = defaultdict(dict)
    for sign, claims in ((-1, removed), (1, added)):
        for entry in claims:
            counts = delta[entry.key]
            for tally, n in entry.tallies().items():
                counts[tally] = counts.get(tally, 0) + sign * n
    gone: list[Quad] = []
    subjects: list[tuple[Node, Node]] = []
    new: list[Quad] = []
    for key, counts in delta.items():
        fact = fact_iri(key)
        tallies, quads, nodes = _stored(facts, fact)
        gone += quads
        subjects += [(FACTS, node) for node in nodes]
        for tally, n in counts.items():
            tallies[tally] = tallies.get(tally, 0) + n
        tallies = {tally: n for tally, n in tallies.items() if n > 0}
        if any(source is None for _, _, source in tallies):  # some claim still states it
            new += _fact_quads(fact, key, tallies)
    for entry in removed:
        fact = fact_iri(entry.key)
        gone += [(entry.iri, KGEV.fact, fact, FACTS), (entry.iri, KGEV.sortKey, Literal(entry.sort_key), FACTS)]
        subjects.append((FACTS, entry.iri))
    for entry in added:
        fact = fact_iri(entry.key)
        new += [(entry.iri, KGEV.fact, fact, FACTS), (entry.iri, KGEV.sortKey, Literal(entry.sort_key), FACTS)]
    return gone, subjects, new


def stored_version(facts: Graph) -> int | None:
    value = facts.value(FACTS, KGEV.ledgerVersion)
    return int(value) if value is not None else None  # type: ignore[call-overload]


def keeps_facts(graph) -> bool:
    """Whether ``graph`` is a store that keeps its facts (an embedded store whose ledger
    is complete and of this version)."""
    from .store import EmbeddedStore

    return (isinstance(graph, EmbeddedStore) and graph.oxigraph is not None
            and stored_version(graph._named(FACTS)) == LEDGER_VERSION)


def read(store, *, at: str | None = None, standing: str | None = None, subject: str | None = None,
         predicate: str | None = None, limit: int | None = None, offset: int = 0) -> list:
    """The facts an embedded store keeps, as :func:`kg_ev.standing.facts` gives them:
    the filters and the page are the store's query; on a date, the standing is the
    last of the fact's dated changes up to it and its claims and sources those of the
    articles dated up to it."""
    from .store import _term
    from .standing import Fact

    oxigraph = store.oxigraph
    graph = _term(FACTS)
    where = [f"GRAPH {graph} {{ ?f a kgev:Fact ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; "
             "kgev:standing ?standing . OPTIONAL { ?f kgev:since ?since } }"]
    if predicate is not None:
        where.append(f"FILTER(?p = {_term(KGEV[predicate])})")
    if subject is not None:
        wanted, entities = _term(Literal(subject)), _term(_entities())

        def names(end: str) -> str:
            return f"(STR({end}) = {wanted} || EXISTS {{ GRAPH {entities} {{ {end} rdfs:label {wanted} }} }})"

        symmetric = ", ".join(_term(KGEV[p]) for p in sorted(SYMMETRIC))
        where.append(f"FILTER({names('?s')} || ?p IN ({symmetric}) && {names('?o')})")
    paged = at is None  # on a date, the standing to filter on is computed here first
    if paged and standing is not None:
        where.append(f"FILTER(?standing = {_term(KGEV[standing])})")
    selection = " ".join(where)
    page = ""
    if paged and (limit is not None or offset):
        page = f" OFFSET {offset}" + (f" LIMIT {limit}" if limit is not None else "")
    rows = _select(oxigraph, f"SELECT ?f ?s ?p ?o ?standing ?since (isLiteral(?o) AS ?phrase) WHERE {{ {selection} }} "
                             f"ORDER BY STR(?s) STR(?p) STR(?o){page}")
    chosen = {row[0]: row for row in rows}
    if not chosen:
        return []
    # the other parts of the chosen facts, each one query over them all (or over the page)
    scope = selection if not page else "VALUES ?f { " + " ".join(f"<{f}>" for f in chosen) + " }"
    dated = f"FILTER(STRBEFORE(?key, '|') != '' && STRBEFORE(?key, '|') <= {_term(Literal(at))})" if at else ""
    claims: dict[str, list[tuple[tuple[str, str, int], str]]] = defaultdict(list)
    for f, claim, key in _select(oxigraph, f"SELECT ?f ?c ?key WHERE {{ {scope} GRAPH {graph} "
                                           f"{{ ?c kgev:fact ?f ; kgev:sortKey ?key }} {dated} }}"):
        claims[f].append((parse_sort_key(key), claim))
    series = "kgev:datedChange" if at else "kgev:change"
    dated = f"FILTER(BOUND(?d) && STR(?d) <= {_term(Literal(at))})" if at else ""
    history: dict[str, list[tuple[int, str | None, str]]] = defaultdict(list)
    for f, index, date, step in _select(oxigraph, f"SELECT ?f ?i ?d ?st WHERE {{ {scope} GRAPH {graph} {{ ?f "
                                                  f"{series} ?c . ?c kgev:index ?i ; kgev:standing ?st "
                                                  f"OPTIONAL {{ ?c kgev:date ?d }} }} {dated} }}"):
        history[f].append((int(index), date, _local(step)))
    dated = f"FILTER(BOUND(?d) && STR(?d) <= {_term(Literal(at))})" if at else ""
    sources: dict[str, set[str]] = defaultdict(set)
    for f, label in _select(oxigraph, f"SELECT DISTINCT ?f ?label WHERE {{ {scope} GRAPH {graph} {{ ?f kgev:tally "
                                      f"?t . ?t kgev:source ?src OPTIONAL {{ ?t kgev:date ?d }} }} {dated} "
                                      f"OPTIONAL {{ GRAPH {_term(_entities())} {{ ?src rdfs:label ?label }} }} }}"):
        sources[f].add(str(label))
    labels = _labels(oxigraph, {row[1] for row in chosen.values()} | {row[3] for row in chosen.values()
                                                                     if row[6] != "true"})
    found = []
    for f, (_, s, p, o, current, since, phrase) in chosen.items():
        steps = [(date, step) for _, date, step in sorted(history.get(f, []))]
        if not steps:
            continue  # no article dated by then states it
        if at is None:
            standing_now, since_now = _local(current), since
        else:
            since_now, standing_now = steps[-1]
            if standing is not None and standing_now != standing:
                continue
        found.append(Fact(s, _local(p), o, labels.get(s), o if phrase == "true" else labels.get(o),
                          tuple(iri for _, iri in sorted(claims.get(f, []))), tuple(sorted(sources.get(f, ()))),
                          standing_now, since_now, tuple(steps), store))  # type: ignore[arg-type]
    if not paged:
        found = found[offset:None if limit is None else offset + limit]
    return found


def _entities() -> URIRef:
    from .rdf import ENTITIES

    return ENTITIES


def _labels(oxigraph, nodes: set[str]) -> dict[str, str]:
    """The labels of these entities (the least, where an entity has several)."""
    iris = sorted(nodes)
    labels: dict[str, str] = {}
    for start in range(0, len(iris), 5_000):
        values = " ".join(f"<{n}>" for n in iris[start:start + 5_000])
        for node, label in _select(oxigraph, f"SELECT ?e (MIN(STR(?l)) AS ?label) WHERE {{ VALUES ?e {{ {values} }} "
                                             f"GRAPH {_term_of(_entities())} {{ ?e rdfs:label ?l }} }} GROUP BY ?e"):
            labels[node] = label
    return labels


def _term_of(node: Node) -> str:
    from .store import _term

    return _term(node)


def _select(oxigraph, sparql: str) -> list[tuple]:
    """The rows of a SELECT as tuples of plain strings (None where unbound)."""
    from .namespace import PREFIXES

    answer = oxigraph.query(sparql, prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()})
    return [tuple(None if value is None else value.value for value in row) for row in answer]
