"""Corpus builds beyond one machine, on Dask.

The articles' paths are cut into partitions; each Dask worker builds its partition with
the ordinary single-process :func:`kg_ev.building.build` (loading the French pipeline once
per worker process) and sends back its graphs as an N-Quads shard; the shards are merged
into the store as they arrive, article by article, each with the descriptions of the
entities it names in one transaction (:meth:`kg_ev.store.KgStore.put_article`).
Claim IRIs derive from their content and a store is a set of quads, so the graph is the
one a single-process build gives, byte for byte once serialised.

Workers must read the article files at the paths given (a shared file system) and have
kg_ev installed. Needs the ``dask`` extra: ``pip install 'kg_ev[dask]'``.

::

    from dask.distributed import Client, LocalCluster
    from kg_ev.distributed import build_on_dask
    from kg_ev.store import open_store

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        with open_store("kg.db") as store:
            result = build_on_dask(["corpus/"], client, dataset=store)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rdflib import RDF, Dataset, Graph

from .building import BuildInterrupted, BuildResult, build, iter_article_paths
from .errors import KgEvError
from .export import serialize
from .namespace import KGEV
from .rdf import ENTITIES, QUARANTINE, article_graphs, claim_parts, new_dataset
from .store import put_article, put_shared

__all__ = ["build_on_dask", "dask_client"]


def _build_partition(paths: list[str], date: str | None) -> dict:
    """Runs on a worker: one partition of articles → an N-Quads shard and its counts."""
    result = build(paths, date=date)
    return {"nquads": serialize(result.dataset, format="nquads"), "articles": result.articles,
            "claims": result.claims, "quarantined": result.quarantined, "violations": result.violations,
            "failures": result.failures, "entity_keys": result.entity_keys}


def build_on_dask(sources: Iterable[str | Path], client, *, dataset: Dataset | None = None,
                  partitions: int | None = None, date: str | None = None,
                  on_article: Callable[[BuildResult], None] | None = None) -> BuildResult:
    """Build the articles of ``sources`` (files or folders) on the workers of a Dask
    ``client`` into ``dataset`` (a new memory Dataset by default, or a store). Articles
    that fail are listed in the result's ``failures``, as in :func:`build`;
    ``on_article(result)`` is called for each article, built or failed, as its
    partition is merged. Ctrl-C raises :class:`~kg_ev.building.BuildInterrupted`, whose
    ``result`` counts the articles stored until then, each whole."""
    try:
        from distributed import as_completed
    except ImportError:
        raise KgEvError("build_on_dask needs Dask: pip install 'kg_ev[dask]'") from None
    paths = [str(p) for p in iter_article_paths(sources)]
    n = partitions or max(1, 2 * len(client.scheduler_info().get("workers", {})))
    chunks = [paths[i::n] for i in range(n) if paths[i::n]]
    futures = [client.submit(_build_partition, chunk, date, pure=False) for chunk in chunks]
    result = BuildResult(dataset if dataset is not None else new_dataset())
    try:
        _merge_all(result, as_completed(futures), on_article)
    except KeyboardInterrupt:
        result.entities = len(result.entity_keys)
        raise BuildInterrupted(result) from None
    result.entities = len(result.entity_keys)
    result.failures.sort(key=lambda f: f.path)
    return result


def _merge_all(result: BuildResult, futures, on_article) -> None:
    for future in futures:
        shard = future.result()
        stored = result.articles
        _merge(result, shard["nquads"])
        future.release()
        if result.articles - stored != shard["articles"]:
            raise KgEvError(f"a Dask worker's shard held {result.articles - stored} article(s) for "
                            f"{shard['articles']} built")
        result.claims += shard["claims"]
        result.quarantined += shard["quarantined"]
        result.violations.extend(shard["violations"])
        result.failures.extend(shard["failures"])
        result.entity_keys |= shard["entity_keys"]
        if on_article is not None:
            for _ in range(shard["articles"] + len(shard["failures"])):
                on_article(result)


@contextmanager
def dask_client(scheduler: str, *, workers: int = 2) -> Iterator[Any]:
    """A Dask ``distributed.Client`` for ``scheduler``: ``"local"`` starts a cluster of
    ``workers`` processes of one thread each on this machine (each loads the French
    pipeline once), closed at the end of the ``with`` block; anything else is the address
    of a running scheduler (``tcp://host:8786``)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KgEvError("building on Dask needs Dask: pip install 'kg_ev[dask]'") from None
    if scheduler == "local":
        if workers < 1:
            raise KgEvError(f"a local Dask cluster needs at least one worker, not {workers}")
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          host="127.0.0.1") as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise KgEvError(f"cannot reach the Dask scheduler {scheduler!r} ({exc}); "
                        "give its address (tcp://host:8786) or 'local'") from None
    with client:
        yield client


def _merge(result: BuildResult, nquads: str) -> None:
    """Put a shard's articles into the result's dataset, each in one transaction with its
    quarantined claims and the descriptions of the entities and runs it names; count
    each as it is stored. The descriptions of entities named by no claim follow."""
    shard = Dataset()
    shard.parse(data=nquads, format="nquads")
    aside, shared = shard.graph(QUARANTINE), shard.graph(ENTITIES)
    for graph in article_graphs(shard):
        article = graph.value(predicate=RDF.type, object=KGEV.Article)
        if article is None:
            continue  # the shared entities, or an empty default graph
        whole = Graph(identifier=graph.identifier)
        for triple in graph:
            whole.add(triple)
        for node in {n for s, _, o in graph for n in (s, o)}:  # what it names, described once in the shard
            for triple in shared.triples((node, None, None)):
                whole.add(triple)
        quarantined = Graph()
        for claim in aside.subjects(KGEV.article, article):
            for node in claim_parts(aside, claim):
                for triple in aside.triples((node, None, None)):
                    quarantined.add(triple)
        put_article(result.dataset, whole, quarantined)
        result.articles += 1
    put_shared(result.dataset, shared)  # and the entities no claim names
