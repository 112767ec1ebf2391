"""Text → :class:`~kg_ev.model.Extraction`: run the spaCy pipeline and read its results.

>>> from kg_ev.article import parse_article
>>> article = parse_article(" date 2021-03 Basé à Pékin, Baidu est dirigé par Robin Li.", "brief")
>>> extraction = extract(article)
>>> sorted((c.subject, c.predicate, c.object, c.status) for c in extraction.claims)
[('baidu', 'locatedIn', 'pekin', 'asserted'), ('robin-li', 'leads', 'baidu', 'asserted')]
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from .model import STATUS_PRECEDENCE, Article, Claim, Entity, Evidence, Extraction, Resolution, Run
from .namespace import SYMMETRIC

if TYPE_CHECKING:  # spaCy is imported with the first extraction (kg_ev.nlp), not with kg_ev
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["extract", "extract_many", "doc_to_extraction", "docs_to_extraction", "run_info", "MAX_PART_CHARS"]

logger = logging.getLogger(__name__)


def load_pipeline(lang: str = "fr") -> Language:
    """:func:`kg_ev.nlp.load_pipeline`, imported on first use (spaCy takes seconds to import)."""
    from .nlp import load_pipeline as load

    return load(lang)


def run_info(nlp: Language) -> Run:
    """Describe the extraction run: kg_ev's version and the spaCy model."""
    try:
        software = version("kg_ev")
    except PackageNotFoundError:  # running from a source tree
        software = "0+unknown"
    meta = nlp.meta
    return Run(software, f"{meta.get('lang', '')}_{meta.get('name', '')}", str(meta.get("version", "")))


#: Longer articles are read in parts cut at paragraph ends: spaCy's parser needs about
#: 1 GB of memory per 100,000 characters of one text.
MAX_PART_CHARS = 100_000


def _parts(article: Article) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most :data:`MAX_PART_CHARS`, cut after a paragraph, else
    after a line or a sentence, else anywhere."""
    text, limit = article.text, MAX_PART_CHARS
    if len(text) <= limit:
        return [(0, text)]
    parts, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = max(window.rfind("\n\n"), 0) or max(window.rfind("\n"), 0) or max(window.rfind(". "), 0) or limit - 1
        parts.append((start, text[start:start + cut + 1]))
        start += cut + 1
    parts.append((start, text[start:]))
    logger.warning("article %s is long (%d characters): read in %d parts; coreference and attribution "
                   "do not cross a part", article.id, len(text), len(parts))
    return parts


def extract(article: Article, *, nlp: Language | None = None) -> Extraction:
    """Extract entities and claims from one article."""
    nlp = nlp or load_pipeline(article.lang)
    return docs_to_extraction([(nlp(piece), offset) for offset, piece in _parts(article)], article, run_info(nlp))


def extract_many(articles: Iterable[Article], *, nlp: Language | None = None, batch_size: int = 8,
                 n_process: int = 1) -> Iterator[Extraction]:
    """Extract from many articles, in order, streaming.

    Without ``nlp``, each article is read by the pipeline of its language (``article.lang``),
    one pipeline loaded per language met. With one process, articles go through
    ``nlp.pipe`` in batches. With ``n_process`` > 1, each worker process loads each
    pipeline once and returns frozen records (kg_ev's ``Doc._`` annotations cannot cross
    processes, so spaCy's own ``n_process`` is not used).
    """
    if n_process > 1:
        if nlp is not None:
            raise ValueError("n_process > 1 loads kg_ev's pipeline in each worker; do not pass nlp as well")
        with multiprocessing.Pool(n_process) as pool:
            yield from pool.imap(_extract_in_worker, articles, chunksize=batch_size)
        return
    if nlp is not None:
        yield from _extract_with(nlp, articles, batch_size)
        return
    for lang, same_language in groupby(articles, key=attrgetter("lang")):  # runs of one language, in order
        yield from _extract_with(load_pipeline(lang), same_language, batch_size)


def _extract_with(nlp: Language, articles: Iterable[Article], batch_size: int) -> Iterator[Extraction]:
    run = run_info(nlp)
    pieces = ((piece, (article, offset, i == len(parts) - 1))
              for article in articles for parts in [_parts(article)] for i, (offset, piece) in enumerate(parts))
    done: list[tuple[Doc, int]] = []
    for doc, (article, offset, last) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        done.append((doc, offset))
        if last:
            yield docs_to_extraction(done, article, run)
            done = []


_worker: dict[str, tuple[Language, Run]] = {}  # each worker process's pipelines and run records, by language


def _extract_in_worker(article: Article) -> Extraction:
    if article.lang not in _worker:
        nlp = load_pipeline(article.lang)
        _worker[article.lang] = (nlp, run_info(nlp))
    nlp, run = _worker[article.lang]
    return docs_to_extraction([(nlp(piece), offset) for offset, piece in _parts(article)], article, run)


def _origin(items) -> str:
    """The rules', unless every mention of the claim came from one trained component."""
    origins = {getattr(item.relation, "origin", "rules") for item in items}
    return origins.pop() if len(origins) == 1 else "rules"


def _evidence(doc: Doc, token_index: int, offset: int = 0) -> Evidence:
    sent = doc[token_index].sent
    text = sent.text
    start = offset + sent.start_char + (len(text) - len(text.lstrip()))
    text = text.strip()
    return Evidence(start, start + len(text), text)


def _resolutions(doc: Doc, relation, offset: int = 0) -> tuple[Resolution, ...]:
    """The arguments of a relation its sentence names by a resolved description or pronoun,
    with the mention each was resolved to (character offsets into the article)."""
    from .nlp.mentions import mention_at  # spaCy is loaded by now: the Doc exists

    found = []
    for role, anchor in zip(("subject", "object"), getattr(relation, "anchors", ())):
        mention = mention_at(doc, doc[anchor]) if 0 <= anchor < len(doc) else None
        if mention is None or mention.via == "name" or mention.antecedent is None:
            continue
        start, end = _named_antecedent(doc, mention.antecedent)
        span, earlier = doc[mention.start:mention.end], doc[start:end]
        found.append(Resolution(role, span.text, offset + span.start_char, offset + span.end_char,
                                earlier.text, offset + earlier.start_char, offset + earlier.end_char))
    return tuple(found)


def _named_antecedent(doc: Doc, antecedent: tuple[int, int]) -> tuple[int, int]:
    """Follow a chain of descriptions and pronouns ('Il' → 'le constructeur' → 'Renault')
    back to the mention that names the entity; where the chain ends without a name, its
    first mention."""
    from .nlp.mentions import mention_at

    seen = {antecedent}
    while True:
        mention = mention_at(doc, doc[antecedent[0]])
        if mention is None or mention.via == "name" or mention.antecedent is None or mention.antecedent in seen:
            return antecedent
        antecedent = mention.antecedent
        seen.add(antecedent)


def doc_to_extraction(doc: Doc, article: Article, run: Run) -> Extraction:
    """Read a processed Doc into frozen records (see :func:`docs_to_extraction`)."""
    return docs_to_extraction([(doc, 0)], article, run)


def docs_to_extraction(parts: list[tuple[Doc, int]], article: Article, run: Run) -> Extraction:
    """Read the processed Doc(s) of one article, each with the character offset of its
    part, into frozen records.

    When the article presents the same relation several times, one claim is kept, with
    the status that comes first in :data:`~kg_ev.model.STATUS_PRECEDENCE` and the union
    of the sources of the mentions with that status (the policy of the gold format).
    """
    infos: dict = {}
    for doc, _ in parts:
        for key, info in doc._.kg_entities.items():
            if key in infos:
                infos[key][1].extend(a for a in info.aliases if a not in infos[key][1])
            else:
                infos[key] = (info, list(info.aliases))
    entities = tuple(Entity(info.key, info.label, info.type, tuple(aliases), info.wikidata)
                     for info, aliases in sorted(infos.values(), key=lambda pair: pair[0].key))
    grouped: dict[tuple[str, str, str, bool], list] = {}
    for index, (doc, offset) in enumerate(parts):
        for item in doc._.kg_attributed:
            relation = item.relation
            subject, obj = relation.subject, relation.object
            if relation.predicate in SYMMETRIC and obj < subject:
                subject, obj = obj, subject
            key = (subject, relation.predicate, obj, relation.object_is_phrase)
            grouped.setdefault(key, []).append((index, item, doc, offset))
    claims = []
    for (_, predicate, _, is_phrase), found in grouped.items():
        best = min(STATUS_PRECEDENCE.index(item.status) for _, item, _, _ in found)
        chosen = [entry for entry in found if STATUS_PRECEDENCE.index(entry[1].status) == best]
        _, first, doc, offset = min(chosen, key=lambda entry: (entry[0], entry[1].relation.cue))
        items = [item for _, item, _, _ in chosen]
        claims.append(Claim(
            subject=first.relation.subject,
            predicate=predicate,
            object=first.relation.object,
            status=first.status,
            evidence=_evidence(doc, first.relation.cue, offset),
            confidence=max(item.relation.confidence for item in items),
            object_is_phrase=is_phrase,
            sources=tuple(dict.fromkeys(k for item in items for k in item.sources)),
            anonymous_sources=tuple(dict.fromkeys(a for item in items for a in item.anonymous)),
            unconfirmed_by=tuple(dict.fromkeys(k for item in items for k in item.unconfirmed_by)),
            origin=_origin(items),
            resolutions=_resolutions(doc, first.relation, offset),
        ))
    claims.sort(key=lambda c: (c.evidence.start, c.predicate, c.subject, c.object))
    return Extraction(article, entities, tuple(claims), run)
