"""Articles, entities and claims of a graph as plain records (dicts; entities and claims
typed :class:`EntityRecord` and :class:`ClaimRecord`), the rows of ``kg-ev articles``,
``kg-ev entities`` and ``kg-ev claims``.

>>> from kg_ev.building import build
>>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
>>> [c["status"] for c in claims(graph) if c["predicate"] == "partnersWith"]
['rumoured', 'asserted']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypedDict, cast

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from .namespace import ENTITY_TYPES, KGEV, OA, PREDICATES, STATUSES, Predicate, Status, check_choice
from .querying import union

__all__ = ["articles", "entities", "claims", "claims_of", "EntityRecord", "ClaimRecord", "AnonymousSourceRecord", "ResolutionRecord",
           "ARTICLE_FIELDS", "ENTITY_FIELDS", "CLAIM_FIELDS"]


class EntityRecord(TypedDict):
    """An entity of a graph, as :func:`entities` gives it (a plain dict)."""

    iri: str
    label: str | None
    type: str  # Organization | Person | Place | Product
    aliases: list[str]
    wikidata: str | None


class AnonymousSourceRecord(TypedDict):
    """Unnamed sources of a claim ('trois personnes ...'), in a :class:`ClaimRecord`."""

    text: str
    kind: str
    count: int | None


class ResolutionRecord(TypedDict):
    """An argument a claim's evidence names by a description or a pronoun, and the earlier
    mention it was resolved to, in a :class:`ClaimRecord` (offsets into the article text)."""

    role: str | None  # "subject" | "object" (None only in a graph the shapes would fault)
    text: str | None
    start: int | None
    end: int | None
    antecedent: str | None
    antecedent_start: int | None
    antecedent_end: int | None


class ClaimRecord(TypedDict):
    """A claim of a graph, as :func:`claims` gives it (a plain dict). Not to be confused
    with :class:`kg_ev.model.Claim` (``kg_ev.ExtractedClaim``), what the extractor
    produces before the claim is written to RDF."""

    iri: str
    subject: str
    subject_label: str | None
    predicate: str
    object: str  # an entity IRI, or the phrase itself (entersMarket)
    object_label: str | None
    status: Status
    sources: list[str]  # IRIs of named sources
    source_labels: list[str]
    anonymous_sources: list[AnonymousSourceRecord]
    unconfirmed_by: list[str]
    confidence: float | None
    evidence: str | None
    start: int | None
    end: int | None
    resolutions: list[ResolutionRecord]
    article: str | None
    date: str | None


ARTICLE_FIELDS = ("id", "source", "date", "title")
ENTITY_FIELDS = ("iri", "label", "type", "aliases", "wikidata")
CLAIM_FIELDS = ("iri", "subject", "subject_label", "predicate", "object", "object_label", "status", "sources",
                "anonymous_sources", "confidence", "evidence", "start", "end", "resolutions", "article", "date")
_TYPES = {KGEV[t]: t for t in ENTITY_TYPES}


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1]


def articles(graph: Graph | Dataset) -> list[dict]:
    """One record per article, sorted by id: its id (what ``kg-ev retract`` takes), the
    file it was read from as given to ``build`` (None for an Article built from text),
    its date and its title (the first line of its text, cut at 80 characters).

    >>> from kg_ev.building import build
    >>> articles(build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset)[0]["source"]
    'seeds/000_50a62ce1ae3c7f69.txt'
    """
    g = union(graph)
    records = []
    for article in set(g.subjects(RDF.type, KGEV.Article)):
        identifier, source = g.value(article, DCTERMS.identifier), g.value(article, DCTERMS.source)
        date, text = g.value(article, DCTERMS.date), g.value(article, KGEV.text)
        title = next((line.strip() for line in str(text or "").splitlines() if line.strip()), "")
        records.append({"id": str(identifier), "source": str(source) if source is not None else None,
                        "date": str(date) if date is not None else None,
                        "title": title if len(title) <= 80 else title[:79] + "…"})
    return sorted(records, key=lambda r: r["id"])


def entities(graph: Graph | Dataset) -> list[EntityRecord]:
    """One record per entity, sorted by IRI: iri, label, type, aliases, wikidata."""
    g = union(graph)
    records: dict[str, EntityRecord] = {}
    for typ_iri, typ in _TYPES.items():
        for entity in g.subjects(RDF.type, typ_iri):
            label = g.value(entity, RDFS.label)
            wikidata = g.value(entity, KGEV.wikidata)
            records[str(entity)] = {
                "iri": str(entity), "label": str(label) if label is not None else None, "type": typ,
                "aliases": sorted({str(a) for a in g.objects(entity, SKOS.altLabel)}),
                "wikidata": str(wikidata) if wikidata is not None else None,
            }
    return [records[k] for k in sorted(records)]


def claims(graph: Graph | Dataset, *, status: Status | None = None, predicate: Predicate | None = None,
           source: str | None = None) -> list[ClaimRecord]:
    """One record per claim (quarantined ones excluded), sorted by article and offsets.

    ``status`` and ``predicate`` are local names (``"rumoured"``, ``"partnersWith"``);
    ``source`` is a source's IRI or label. An unknown status or predicate is a
    :class:`~kg_ev.errors.KgEvError` that lists the known ones.
    """
    if status is not None:
        check_choice("status", status, STATUSES)
    if predicate is not None:
        check_choice("predicate", predicate, PREDICATES)
    g = union(graph)
    rows: list[ClaimRecord] = []
    for claim in g.subjects(RDF.type, KGEV.Claim):
        row = _claim_record(g, claim)
        if status and row["status"] != status or predicate and row["predicate"] != predicate:
            continue
        if source and source not in row["sources"] and source not in row["source_labels"]:
            continue
        rows.append(row)
    rows.sort(key=lambda r: (r["article"] or "", r["start"] or 0, r["predicate"], r["subject"], r["object"]))
    return rows


def claims_of(graph: Graph | Dataset, iris: Iterable[str]) -> list[ClaimRecord]:
    """The records of these claims, in the order given (what a fact's claims are)."""
    g = union(graph)
    return [_claim_record(g, URIRef(iri)) for iri in iris]


def _claim_record(g: Graph, claim) -> ClaimRecord:
    subject, obj = g.value(claim, RDF.subject), g.value(claim, RDF.object)
    evidence = g.value(claim, KGEV.evidence)
    article = g.value(claim, KGEV.article)
    date = g.value(article, DCTERMS.date) if article is not None else None
    sources = sorted(str(s) for s in g.objects(claim, KGEV.source))
    source_labels = sorted(str(g.value(s, RDFS.label)) for s in g.objects(claim, KGEV.source))
    anonymous: list[AnonymousSourceRecord] = []
    for node in sorted(g.objects(claim, KGEV.anonymousSource), key=str):
        count = g.value(node, KGEV.sourceCount)
        anonymous.append({"text": str(g.value(node, RDFS.label)), "kind": str(g.value(node, KGEV.sourceKind)),
                          "count": int(cast(Literal, count)) if count is not None else None})
    resolutions: list[ResolutionRecord] = []
    for node in g.objects(claim, KGEV.resolution):
        mention = g.value(node, KGEV.antecedent)
        resolutions.append({"role": _text(g, node, KGEV.argumentRole), "text": _text(g, node, OA.exact),
                            "start": _int(g, node, OA.start), "end": _int(g, node, OA.end),
                            "antecedent": _text(g, mention, OA.exact),
                            "antecedent_start": _int(g, mention, OA.start), "antecedent_end": _int(g, mention, OA.end)})
    resolutions.sort(key=lambda r: (r["role"] != "subject", r["start"] or 0))
    confidence = g.value(claim, KGEV.confidence)
    start, end = g.value(evidence, OA.start), g.value(evidence, OA.end)
    row: ClaimRecord = {
        "iri": str(claim),
        "subject": str(subject),
        "subject_label": _label(g, subject),
        "predicate": _local(g.value(claim, RDF.predicate)),
        "object": str(obj),
        "object_label": str(obj) if isinstance(obj, Literal) else _label(g, obj),
        "status": cast(Status, _local(g.value(claim, KGEV.status))),
        "sources": sources,
        "source_labels": source_labels,
        "anonymous_sources": anonymous,
        "unconfirmed_by": sorted(str(p) for p in g.objects(claim, KGEV.unconfirmedBy)),
        "confidence": float(cast(Literal, confidence)) if confidence is not None else None,
        "evidence": str(g.value(evidence, OA.exact)) if evidence is not None else None,
        "start": int(cast(Literal, start)) if start is not None else None,
        "end": int(cast(Literal, end)) if end is not None else None,
        "resolutions": resolutions,
        "article": str(article) if article is not None else None,
        "date": str(date) if date is not None else None,
    }
    return row


def _text(graph: Graph, node, predicate) -> str | None:
    value = graph.value(node, predicate) if node is not None else None
    return str(value) if value is not None else None


def _int(graph: Graph, node, predicate) -> int | None:
    value = graph.value(node, predicate) if node is not None else None
    return int(cast(Literal, value)) if value is not None else None


def _label(graph: Graph, node) -> str | None:
    label = graph.value(node, RDFS.label)
    return str(label) if label is not None else None
