"""Text → :class:`~kg_ev.model.Extraction`: run the spaCy pipeline and read its results.

>>> from kg_ev.article import parse_article
>>> article = parse_article(" date 2021-03 Basé à Pékin, Baidu est dirigé par Robin Li.", "brief")
>>> extraction = extract(article)
>>> sorted((c.subject, c.predicate, c.object, c.status) for c in extraction.claims)
[('baidu', 'locatedIn', 'pekin', 'asserted'), ('robin-li', 'leads', 'baidu', 'asserted')]
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version

from spacy.language import Language
from spacy.tokens import Doc

from .model import STATUS_PRECEDENCE, Article, Claim, Entity, Evidence, Extraction, Run
from .nlp import load_pipeline
from .nlp.relations import SYMMETRIC

__all__ = ["extract", "extract_many", "doc_to_extraction", "run_info"]


def run_info(nlp: Language) -> Run:
    """Describe the extraction run: kg_ev's version and the spaCy model."""
    try:
        software = version("kg_ev")
    except PackageNotFoundError:  # running from a source tree
        software = "0+unknown"
    meta = nlp.meta
    return Run(software, f"{meta.get('lang', '')}_{meta.get('name', '')}", str(meta.get("version", "")))


def extract(article: Article, *, nlp: Language | None = None) -> Extraction:
    """Extract entities and claims from one article."""
    nlp = nlp or load_pipeline(article.lang)
    return doc_to_extraction(nlp(article.text), article, run_info(nlp))


def extract_many(articles: Iterable[Article], *, nlp: Language | None = None, batch_size: int = 8,
                 n_process: int = 1) -> Iterator[Extraction]:
    """Extract from many articles, in order, streaming.

    With one process, articles go through ``nlp.pipe`` in batches. With ``n_process`` > 1,
    each worker process loads the pipeline once and returns frozen records (kg_ev's
    ``Doc._`` annotations cannot cross processes, so spaCy's own ``n_process`` is not used).
    """
    if n_process > 1:
        if nlp is not None:
            raise ValueError("n_process > 1 loads kg_ev's pipeline in each worker; do not pass nlp as well")
        with multiprocessing.Pool(n_process, initializer=_start_worker) as pool:
            yield from pool.imap(_extract_in_worker, articles, chunksize=batch_size)
        return
    nlp = nlp or load_pipeline("fr")
    run = run_info(nlp)
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield doc_to_extraction(doc, article, run)


_worker: tuple[Language, Run] | None = None  # each worker process's pipeline and run record


def _start_worker() -> None:
    global _worker
    nlp = load_pipeline("fr")
    _worker = (nlp, run_info(nlp))


def _extract_in_worker(article: Article) -> Extraction:
    nlp, run = _worker
    return doc_to_extraction(nlp(article.text), article, run)


def _evidence(doc: Doc, token_index: int) -> Evidence:
    sent = doc[token_index].sent
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    text = text.strip()
    return Evidence(start, start + len(text), text)


def doc_to_extraction(doc: Doc, article: Article, run: Run) -> Extraction:
    """Read a processed Doc into frozen records.

    When the article presents the same relation several times, one claim is kept, with
    the status that comes first in :data:`~kg_ev.model.STATUS_PRECEDENCE` and the union
    of the sources of the mentions with that status (the policy of the gold format).
    """
    entities = tuple(
        Entity(info.key, info.label, info.type, tuple(info.aliases), info.wikidata)
        for info in sorted(doc._.kg_entities.values(), key=lambda i: i.key)
    )
    grouped: dict[tuple[str, str, str, bool], list] = {}
    for item in doc._.kg_attributed:
        relation = item.relation
        subject, obj = relation.subject, relation.object
        if relation.predicate in SYMMETRIC and obj < subject:
            subject, obj = obj, subject
        grouped.setdefault((subject, relation.predicate, obj, relation.object_is_phrase), []).append(item)
    claims = []
    for (_, predicate, _, is_phrase), items in grouped.items():
        best = min(STATUS_PRECEDENCE.index(item.status) for item in items)
        chosen = [item for item in items if STATUS_PRECEDENCE.index(item.status) == best]
        first = min(chosen, key=lambda item: item.relation.cue)
        claims.append(Claim(
            subject=first.relation.subject,
            predicate=predicate,
            object=first.relation.object,
            status=first.status,
            evidence=_evidence(doc, first.relation.cue),
            confidence=max(item.relation.confidence for item in chosen),
            object_is_phrase=is_phrase,
            sources=tuple(dict.fromkeys(k for item in chosen for k in item.sources)),
            anonymous_sources=tuple(dict.fromkeys(a for item in chosen for a in item.anonymous)),
            unconfirmed_by=tuple(dict.fromkeys(k for item in chosen for k in item.unconfirmed_by)),
        ))
    claims.sort(key=lambda c: (c.evidence.start, c.predicate, c.subject, c.object))
    return Extraction(article, entities, tuple(claims), run)
