"""Articles → a validated knowledge graph (an rdflib Dataset, one named graph per article).

>>> result = build(["seeds/000_50a62ce1ae3c7f69.txt"])
>>> result.summary()
'1 article(s), 13 entities, 15 claims, 0 quarantined, 0 failed'
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib import Dataset, Graph

from .article import read_article
from .errors import ArticleError
from .model import Article
from .rdf import ESTABLISHED, RESERVED_IDS, extraction_graph, new_dataset
from .store import put_article
from .validation import Violation, quarantine, validate

__all__ = ["BuildResult", "BuildInterrupted", "Failure", "build", "iter_article_paths", "article_id"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    """An article that could not be built, and why."""

    path: str
    reason: str


@dataclass
class BuildResult:
    """The dataset built, with what was kept aside and what failed."""

    dataset: Dataset
    articles: int = 0
    entities: int = 0
    claims: int = 0
    quarantined: int = 0
    violations: list[Violation] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    entity_keys: set[str] = field(default_factory=set, repr=False)

    def summary(self) -> str:
        return (f"{self.articles} article(s), {self.entities} entities, {self.claims} claims, "
                f"{self.quarantined} quarantined, {len(self.failures)} failed")


class BuildInterrupted(KeyboardInterrupt):
    """Ctrl-C during a build: ``result`` holds what was built until then (each article
    in it was stored whole; the one being stored when the interrupt came was not)."""

    def __init__(self, result: BuildResult):
        super().__init__(f"interrupted after {result.articles} article(s)")
        self.result = result


def article_id(path: str | Path) -> str:
    """The id of an article file: its name without ``.txt``, the same for the same name in
    any folder; a name kg_ev keeps for its own graphs (``entities``, ``quarantine``)
    gets ``-article`` added.

    >>> article_id("corpus/dev/dev01-baidu-geely-rumeur.txt"), article_id("inbox/quarantine.txt")
    ('dev01-baidu-geely-rumeur', 'quarantine-article')
    """
    stem = Path(path).stem
    return f"{stem}-article" if stem in RESERVED_IDS else stem


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and the ``.txt`` files of folders (sorted, recursively)."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def build(sources: Iterable[str | Path | Article], *, dataset: Dataset | None = None, date: str | None = None,
          materialise: Collection[str] = ESTABLISHED, nlp=None, batch_size: int = 8,
          n_process: int = 1, on_article: Callable[[BuildResult], None] | None = None) -> BuildResult:
    """Extract, write and validate each article into ``dataset`` (a new memory Dataset
    by default, or a store of :mod:`kg_ev.store`), one article at a time: articles are
    read as they are parsed, never held all at once.

    Each article's graph is validated before it is stored, replacing what the store held
    for that article; claims that violate the shapes go to the quarantine graph with the
    reasons. An article that cannot be read is recorded in ``failures`` and the build
    goes on. A file's article id is :func:`article_id` of its path: a second file whose
    id another file of the build has, or whose id a store holds for another file, is a
    failure too (never a silent replacement); the same file given twice is built once.
    ``on_article(result)`` is called after each article, built or failed (a progress
    bar, say). Each article is stored in one transaction: Ctrl-C raises
    :class:`BuildInterrupted`, whose ``result`` counts the articles stored until then.
    """
    from .extraction import extract_many  # spaCy is imported with the first extraction

    def done() -> None:
        if on_article is not None:
            on_article(result)

    def fail(path, reason: str) -> None:
        logger.warning("%s: %s", path, reason)
        result.failures.append(Failure(str(path), reason))
        done()

    result = BuildResult(dataset if dataset is not None else new_dataset())
    taken: dict[str, tuple[str, str]] = {}  # article id -> (the file's absolute path, as given)

    def claim(identifier: str, key: str, shown: str) -> bool:
        """Whether the file ``key`` may have ``identifier``: two files never share an id."""
        if identifier in RESERVED_IDS:
            fail(shown, f"{identifier!r} cannot be an article id: kg_ev keeps a graph of that name")
            return False
        other, other_shown = taken.setdefault(identifier, (key, shown))
        if other == key:
            return True
        fail(shown, f"its article id {identifier!r} is already taken by {other_shown} in this build; "
                    "rename one of the files (an article's id is its file name)")
        return False

    def articles() -> Iterator[Article]:
        for source in sources:
            if isinstance(source, Article):
                origin = source.path or f"article {source.id!r}"
                if claim(source.id, origin, origin):
                    yield source
                continue
            for path in iter_article_paths([source]):
                identifier, key = article_id(path), os.path.abspath(path)
                if taken.get(identifier, ("",))[0] == key:
                    continue  # the same file given twice
                if not claim(identifier, key, str(path)):
                    continue
                try:
                    yield replace(read_article(path, date=date), id=identifier)
                except ArticleError as exc:
                    logger.warning("%s", exc)
                    result.failures.append(Failure(str(path), str(exc)))
                    done()

    try:
        _store_all(result, extract_many(articles(), nlp=nlp, batch_size=batch_size, n_process=n_process),
                   materialise, fail, done)
    except KeyboardInterrupt:
        result.entities = len(result.entity_keys)
        raise BuildInterrupted(result) from None
    result.entities = len(result.entity_keys)
    return result


def _store_all(result: BuildResult, extractions, materialise: Collection[str], fail, done) -> None:
    """Validate each extraction's graph and store it, counting what was stored."""
    for extraction in extractions:
        graph = extraction_graph(extraction, materialise=materialise)
        report = validate(graph)
        aside = Graph()
        moved = quarantine(aside, graph, report) if not report.conforms else 0
        try:
            put_article(result.dataset, graph, aside)
        except ArticleError as exc:  # another file's article of that id is in the store
            fail(extraction.article.path or extraction.article.id, str(exc))
            continue
        result.articles += 1
        result.claims += len(extraction.claims) - moved
        result.quarantined += moved
        result.violations.extend(report.violations)
        result.entity_keys.update(e.key for e in extraction.entities)
        done()
