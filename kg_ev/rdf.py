"""Extraction records → RDF, one named graph per article in an rdflib Dataset.

Each claim is a node typed ``kgev:Claim`` (an ``rdf:Statement``) with its status,
sources, evidence (a Web Annotation text quote and position), article and extraction
run (PROV-O). The plain triple is added too when the status is *established*: by
default asserted and confirmed, as the ontology's ``kgev:established`` says; rumours,
reports and denials stay claims. Every IRI is derived from content, never from a
counter, so the same input gives the same graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from decimal import Decimal
from pathlib import PurePath
from urllib.parse import quote, unquote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .errors import ArticleError
from .model import Claim, Extraction, Run
from .namespace import KGEV, KGID, OA, bind_prefixes

__all__ = [
    "ESTABLISHED", "QUARANTINE", "ENTITIES", "FACTS", "RESERVED_IDS", "SHARED_SUBJECTS", "is_shared", "new_dataset", "extraction_graph", "entity_iri",
    "article_iri", "graph_iri", "article_id_of", "claim_iri", "article_graphs",
]

#: Statuses whose claims also give the plain triple (see ``kgev:established`` in the ontology).
ESTABLISHED: frozenset[str] = frozenset({"asserted", "confirmed"})
#: The named graph where claims that violate the shapes are kept, with the reasons.
QUARANTINE = KGID["graph/quarantine"]
#: The named graph of what articles share: the descriptions of entities (type, label,
#: aliases, Wikidata id) and of extraction runs, held once however many articles name them.
ENTITIES = KGID["graph/entities"]
#: The named graph where an embedded store keeps its facts and their standings, updated
#: with each article written or retracted (:mod:`kg_ev.ledger`); derived data, outside
#: the article union that queries read and exports write.
FACTS = KGID["graph/facts"]
#: Article ids no article may have: the names of the graphs kg_ev keeps beside the
#: articles' (an article with such an id would overwrite one of them).
RESERVED_IDS: frozenset[str] = frozenset(str(g)[len(str(KGID["graph/"])):] for g in (ENTITIES, QUARANTINE, FACTS))
#: What describes an entity or a run, rather than something an article says of it.
DESCRIPTIVE = frozenset({RDF.type, RDFS.label, SKOS.altLabel, KGEV.wikidata, SKOS.exactMatch,
                         KGEV.softwareVersion, KGEV.modelName, KGEV.modelVersion})

#: IRI prefixes of the nodes whose descriptions go to ``ENTITIES``.
SHARED_SUBJECTS = (str(KGID["entity/"]), str(KGID["run/"]))
_DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}


def _safe(text: str) -> str:
    return quote(text, safe="-_.~")


def entity_iri(key: str) -> URIRef:
    return KGID[f"entity/{_safe(key)}"]


def article_iri(article_id: str) -> URIRef:
    return KGID[f"article/{_safe(article_id)}"]


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds one article's claims. A reserved id
    (:data:`RESERVED_IDS`) is refused: its graph is one of kg_ev's own."""
    if article_id in RESERVED_IDS:
        raise ArticleError(f"{article_id!r} cannot be an article id: kg_ev keeps a graph of that name "
                           f"(reserved: {', '.join(sorted(RESERVED_IDS))})")
    return KGID[f"graph/{_safe(article_id)}"]


def article_id_of(identifier: Node | str) -> str:
    """The article id of an article graph's IRI (the inverse of :func:`graph_iri`)."""
    return unquote(str(identifier)[len(str(KGID["graph/"])):])


def claim_iri(article_id: str, claim: Claim) -> URIRef:
    """Derived from the claim's content: article, predicate, ends and evidence offsets."""
    content = "|".join([article_id, claim.predicate, claim.subject, claim.object,
                        str(claim.evidence.start), str(claim.evidence.end)])
    return KGID[f"claim/{hashlib.sha256(content.encode('utf-8')).hexdigest()[:20]}"]


def _run_iri(run: Run) -> URIRef:
    content = "|".join([run.software_version, run.model_name, run.model_version])
    return KGID[f"run/{hashlib.sha256(content.encode('utf-8')).hexdigest()[:12]}"]


def _decimal(value: float) -> Literal:
    """Two decimals, in the canonical form (``0.8``, ``1``) that stores such as Oxigraph
    write back, so a graph reads the same from any store."""
    return Literal(format(Decimal(f"{value:.2f}").normalize(), "f"), datatype=XSD.decimal)


def new_dataset() -> Dataset:
    """An empty Dataset with kg_ev's prefixes bound. Its default graph reads as the union
    of its named graphs, so ``dataset.query(...)`` and ``dataset.value(...)`` see every
    article (quarantined claims are typed ``kgev:QuarantinedClaim``, not ``kgev:Claim``)."""
    return bind_prefixes(Dataset(default_union=True))


def is_shared(triple) -> bool:
    """True for a triple that describes an entity or a run (it goes to ``ENTITIES``)."""
    subject, predicate, _ = triple
    return predicate in DESCRIPTIVE and str(subject).startswith(SHARED_SUBJECTS)


def article_graphs(dataset: Dataset) -> list[Graph]:
    """The graphs that hold what articles say: each article's named graph and the
    entities they share (not the quarantine), or, for a dataset read from a plain Turtle
    file, its default graph."""
    graphs = sorted((g for g in dataset.graphs() if isinstance(g.identifier, URIRef)
                     and str(g.identifier).startswith(str(KGID["graph/"])) and g.identifier not in (QUARANTINE, FACTS)),
                    key=lambda g: g.identifier)
    return graphs or [dataset.default_context]


def extraction_graph(extraction: Extraction, *, materialise: Collection[str] = ESTABLISHED) -> Graph:
    """The triples of one article's extraction, as a standalone Graph."""
    # rdflib's store without graph bookkeeping, and kg_ev's prefixes only (rdflib's thirty
    # defaults): 3.3 -> 1.6 ms an article, of a build that spends about 60 ms in spaCy
    graph = bind_prefixes(Graph(store="SimpleMemory", identifier=graph_iri(extraction.article.id),
                                bind_namespaces="none"))
    _write(graph, extraction, materialise)
    return graph


def _write(graph: Graph, extraction: Extraction, materialise: Collection[str]) -> None:
    unknown = set(materialise) - set(_STATUSES)
    if unknown:
        raise ValueError(f"unknown status in materialise: {sorted(unknown)}; use {list(_STATUSES)}")
    article = extraction.article
    a = article_iri(article.id)
    graph.add((a, RDF.type, KGEV.Article))
    graph.add((a, DCTERMS.identifier, Literal(article.id)))
    graph.add((a, DCTERMS.language, Literal(article.lang)))
    graph.add((a, KGEV.text, Literal(article.text)))
    if article.path:  # the file it was read from, as given to build (/ as separator)
        graph.add((a, DCTERMS.source, Literal(PurePath(article.path).as_posix())))
    if article.date:
        graph.add((a, DCTERMS.date, Literal(article.date, datatype=_DATE_TYPES.get(len(article.date)))))
    run = extraction.run
    r = _run_iri(run)
    graph.add((r, RDF.type, KGEV.ExtractionRun))
    graph.add((r, RDFS.label, Literal(f"kg_ev {run.software_version} with {run.model_name} {run.model_version}")))
    graph.add((r, KGEV.softwareVersion, Literal(run.software_version)))
    graph.add((r, KGEV.modelName, Literal(run.model_name)))
    graph.add((r, KGEV.modelVersion, Literal(run.model_version)))
    graph.add((r, PROV.used, a))
    for entity in extraction.entities:
        e = entity_iri(entity.key)
        graph.add((e, RDF.type, KGEV[entity.type]))
        graph.add((e, RDFS.label, Literal(entity.label)))
        for alias in entity.aliases:
            graph.add((e, SKOS.altLabel, Literal(alias)))
        if entity.wikidata:
            graph.add((e, KGEV.wikidata, Literal(entity.wikidata)))
            graph.add((e, SKOS.exactMatch, URIRef(f"http://www.wikidata.org/entity/{entity.wikidata}")))
    for claim in extraction.claims:
        c = claim_iri(article.id, claim)
        predicate: URIRef = KGEV[claim.predicate]
        subject = entity_iri(claim.subject)
        obj = Literal(claim.object) if claim.object_is_phrase else entity_iri(claim.object)
        graph.add((c, RDF.type, KGEV.Claim))
        graph.add((c, RDF.subject, subject))
        graph.add((c, RDF.predicate, predicate))
        graph.add((c, RDF.object, obj))
        graph.add((c, KGEV.status, KGEV[claim.status]))
        graph.add((c, KGEV.confidence, _decimal(claim.confidence)))
        graph.add((c, KGEV.article, a))
        graph.add((c, PROV.wasGeneratedBy, r))
        for source in claim.sources:
            graph.add((c, KGEV.source, entity_iri(source)))
        for party in claim.unconfirmed_by:
            graph.add((c, KGEV.unconfirmedBy, entity_iri(party)))
        for anonymous in claim.anonymous_sources:
            s = KGID[f"article/{_safe(article.id)}/source/{anonymous.start}-{anonymous.end}"]
            graph.add((c, KGEV.anonymousSource, s))
            graph.add((s, RDF.type, KGEV.AnonymousSource))
            graph.add((s, RDFS.label, Literal(anonymous.text)))
            graph.add((s, KGEV.sourceKind, Literal(anonymous.kind)))
            if anonymous.count is not None:
                graph.add((s, KGEV.sourceCount, Literal(anonymous.count)))
        ev = URIRef(f"{c}/evidence")
        graph.add((c, KGEV.evidence, ev))
        graph.add((ev, RDF.type, KGEV.Evidence))
        _quote(graph, ev, claim.evidence.text, claim.evidence.start, claim.evidence.end)
        for resolution in claim.resolutions:
            node = URIRef(f"{c}/resolution/{resolution.role}")
            graph.add((c, KGEV.resolution, node))
            graph.add((node, RDF.type, KGEV.Resolution))
            graph.add((node, KGEV.argumentRole, Literal(resolution.role)))
            _quote(graph, node, resolution.text, resolution.start, resolution.end)
            mention = URIRef(f"{node}/antecedent")
            graph.add((node, KGEV.antecedent, mention))
            graph.add((mention, RDF.type, KGEV.Mention))
            _quote(graph, mention, resolution.antecedent_text, resolution.antecedent_start, resolution.antecedent_end)
        if claim.status in materialise:
            graph.add((subject, predicate, obj))


def claim_parts(graph: Graph, claim: Node) -> list[Node]:
    """The nodes one claim is written as: the claim, its evidence, its resolutions and the
    mentions they were resolved to (what quarantine moves, and a retraction removes, whole)."""
    resolutions = list(graph.objects(claim, KGEV.resolution))
    parts = [claim, *graph.objects(claim, KGEV.evidence), *resolutions]
    parts += [m for r in resolutions for m in graph.objects(r, KGEV.antecedent)]
    return parts


def _quote(graph: Graph, node: URIRef, text: str, start: int, end: int) -> None:
    graph.add((node, OA.exact, Literal(text)))
    graph.add((node, OA.start, Literal(start)))
    graph.add((node, OA.end, Literal(end)))


_STATUSES = ("asserted", "reported", "rumoured", "confirmed", "denied")
