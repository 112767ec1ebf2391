"""Articles → a validated knowledge graph (an rdflib Dataset, one named graph per article).

>>> result = build(["seeds/000_50a62ce1ae3c7f69.txt"])
>>> result.summary()
'1 article(s), 13 entities, 15 claims, 0 quarantined, 0 failed'
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from .article import read_article
from .errors import ArticleError
from .model import Article
from .rdf import ESTABLISHED, extraction_graph, new_dataset
from .store import put_article
from .validate import Violation, quarantine, validate

__all__ = ["BuildResult", "Failure", "build", "iter_article_paths"]

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
    goes on. ``on_article(result)`` is called after each article, built or failed (a
    progress bar, say).
    """
    from .extract import extract_many  # spaCy is imported with the first extraction

    def done() -> None:
        if on_article is not None:
            on_article(result)

    result = BuildResult(dataset if dataset is not None else new_dataset())
    def articles() -> Iterator[Article]:
        for source in sources:
            if isinstance(source, Article):
                yield source
                continue
            for path in iter_article_paths([source]):
                try:
                    yield read_article(path, date=date)
                except ArticleError as exc:
                    logger.warning("%s", exc)
                    result.failures.append(Failure(str(path), str(exc)))
                    done()

    for extraction in extract_many(articles(), nlp=nlp, batch_size=batch_size, n_process=n_process):
        graph = extraction_graph(extraction, materialise=materialise)
        report = validate(graph)
        aside = Graph()
        moved = quarantine(aside, graph, report) if not report.conforms else 0
        put_article(result.dataset, graph, aside)
        result.articles += 1
        result.claims += len(extraction.claims) - moved
        result.quarantined += moved
        result.violations.extend(report.violations)
        result.entity_keys.update(e.key for e in extraction.entities)
        done()
    result.entities = len(result.entity_keys)
    return result
