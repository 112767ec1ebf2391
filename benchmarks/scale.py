"""Benchmarks at scale: graphs of 1k to 1M triples, measured in one run.

    python benchmarks/scale.py [--max 1000000]

The graphs are copies of the dev corpus's own graph (15 articles and the seed, built by
kg_ev): each copy renames its articles, claims and evidence, and shares the entities, as
a growing corpus would. For each size:

- SHACL validation of the whole graph: pyshacl-turbo reading the embedded store (no
  rdflib copy) and the memory store; pySHACL, the reference, up to 100k triples; the
  same violations checked; the growth exponent of the time over the sizes;
- SPARQL latency of the catalogue's queries (best of 3 runs each): rdflib's memory store
  vs the embedded Oxigraph store (kg_ev.store), the same rows checked; then vs the
  store's in-memory snapshot (open_store(folder, snapshot=True)), with the snapshot's
  open time and the resident memory it adds;
- Turtle export and import (the union of the graphs): rdflib's serializer and parser vs
  kg_ev's store path (kg_ev.export.write of a store, kg_ev.export.load_into a store);
- memory per triple: the resident memory the rdflib memory store and the Oxigraph store
  take (the store loaded through kg_ev's import, load_into), the Oxigraph folder on disk,
  and what a fresh process serving the store holds after the catalogue's queries.
"""

from __future__ import annotations

import argparse
import gc
import math
import multiprocessing
import os
import platform
import resource
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef

from kg_ev.building import build
from kg_ev.export import _flat, load_into, write
from kg_ev.namespace import KGEV, KGID
from kg_ev.querying import catalogue, query
from kg_ev.rdf import new_dataset
from kg_ev.store import open_store
from kg_ev.validation import validate

ROOT = Path(__file__).resolve().parent.parent
_RENAMED = tuple(str(KGID[p]) for p in ("article/", "graph/", "claim/"))
BINDINGS = {"name": Literal("Xiaomi"), "status": KGEV.rumoured, "source_label": Literal("Reuters")}


def _rss() -> int:
    """Resident memory now, in bytes (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def corpus_quads() -> list[tuple]:
    paths = [*sorted((ROOT / "corpus" / "dev").glob("*.txt")), ROOT / "seeds" / "000_50a62ce1ae3c7f69.txt"]
    dataset = build(paths).dataset
    return [(s, p, o, g.identifier if hasattr(g, "identifier") else g)
            for s, p, o, g in dataset.quads((None, None, None, None))]


def _rename(term, k: int):
    if isinstance(term, URIRef) and str(term).startswith(_RENAMED):
        head, _, tail = str(term).partition("/id/")
        kind, _, rest = tail.partition("/")
        ident, sep, more = rest.partition("/")
        return URIRef(f"{head}/id/{kind}/{ident}-c{k}{sep}{more}")
    return term


def copies(template: list[tuple], n_triples: int):
    """Quads of whole renamed copies of the template, as many as reach ``n_triples``."""
    for k in range(max(1, math.ceil(n_triples / len(template)))):
        for s, p, o, g in template:
            yield _rename(s, k), p, _rename(o, k), _rename(g, k)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - start, value


def best(function, *args, repeat: int = 3):
    """The best of ``repeat`` runs (a query's latency once its data is in the caches, on
    either store), and the value; one run when the first took over a minute."""
    seconds, value = timed(function, *args)
    for _ in range(repeat - 1 if seconds < 60 else 0):
        seconds = min(seconds, timed(function, *args)[0])
    return seconds, value


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The slope of log(time) over log(size), least squares."""
    xs, ys = [math.log(s) for s in sizes], [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def memory_dataset(quads) -> Dataset:
    dataset = new_dataset()
    graphs = {}
    batch = []
    for s, p, o, g in quads:
        if g not in graphs:
            graphs[g] = dataset.graph(g)
        batch.append((s, p, o, graphs[g]))
    dataset.addN(batch)
    return dataset


def serving_memory(folder: Path) -> int:
    """Run in a fresh process: the resident memory that opening the store and answering
    every catalogue query adds to the process (bytes)."""
    gc.collect()
    base = _rss()
    with open_store(folder) as store:
        for named in catalogue().values():
            rows(store, named)
        gc.collect()
        return _rss() - base


def snapshot_open(folder: Path) -> tuple[float, int]:
    """Run in a fresh process: the time open_store(folder, snapshot=True) takes, and the
    resident memory the open snapshot adds to the process (bytes)."""
    import pyoxigraph  # noqa: F401 - its import is not the snapshot's memory

    gc.collect()
    base = _rss()
    seconds, snapshot = timed(open_store, folder, snapshot=True)
    gc.collect()
    gained = _rss() - base
    snapshot.close()
    return seconds, gained


def snapshot_queries(folder: Path, on_rdflib: dict[str, tuple[float, list]], size: int) -> None:
    """open_store(folder, snapshot=True): its open time, the resident memory it adds, and
    each catalogue query's latency against rdflib's memory store (the same rows checked)."""
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as fresh:
        seconds, gained = fresh.submit(snapshot_open, folder).result()
    print(f"snapshot open (in-memory Oxigraph copy): {seconds:8.2f} s, {gained / 2**20:7.0f} MiB RSS gained, "
          f"{gained / size:6.0f} bytes/triple (a fresh process)")
    with open_store(folder, snapshot=True) as snapshot:
        print("SPARQL (catalogue)           rdflib memory   snapshot    ratio")
        total_memory = total_snapshot = 0.0
        for named in catalogue().values():
            t_snapshot, got = best(rows, snapshot, named)
            if named.name not in on_rdflib:
                print(f"  {named.name:24s} {'(skipped)':>13s} {t_snapshot * 1000:9.1f} ms")
                continue
            t_memory, expected = on_rdflib[named.name]
            assert got == expected, f"{named.name}: the snapshot disagrees"
            total_memory += t_memory
            total_snapshot += t_snapshot
            print(f"  {named.name:24s} {t_memory * 1000:10.1f} ms {t_snapshot * 1000:9.1f} ms "
                  f"{t_memory / max(t_snapshot, 1e-9):7.1f}x")
        print(f"  {'all compared':24s} {total_memory * 1000:10.1f} ms {total_snapshot * 1000:9.1f} ms "
              f"{total_memory / max(total_snapshot, 1e-9):7.1f}x")


def write_nquads(quads, path: Path) -> None:
    """The quads as an N-Quads file, the input of the embedded store's import."""
    from rdflib.plugins.serializers.nquads import _nq_row

    with open(path, "w", encoding="utf-8") as out:
        for s, p, o, g in quads:
            out.write(_nq_row((s, p, o), g))


def rows(graph, named) -> list:
    found = query(graph, named.sparql, bindings={p: BINDINGS[p] for p in named.parameters})
    return sorted(tuple(str(c) for c in row) for row in found)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max", type=int, default=1_000_000, help="largest graph, in triples (default 1M)")
    parser.add_argument("--pyshacl-max", type=int, default=100_000, help="largest graph pySHACL validates")
    parser.add_argument("--only", type=int, help="one size only")
    parser.add_argument("--skip-rdflib", default="", metavar="NAMES",
                        help="catalogue queries (and 'export') not to ask rdflib, comma-separated: with --only, "
                             "those it took too long for at a smaller size")
    parser.add_argument("--rdflib-limit", type=float, default=10.0,
                        help="skip a query on rdflib once it took more seconds than this (default 10)")
    args = parser.parse_args()
    sizes = [n for n in (1_000, 10_000, 100_000, 1_000_000) if n <= args.max] or [args.max]
    if args.only:
        sizes = [args.only]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
          f"{platform.python_version()}")
    template = corpus_quads()
    print(f"template: the dev corpus and the seed, {len(template)} quads")
    work = Path(tempfile.mkdtemp(prefix="kg-ev-scale-"))
    shacl = {"turbo, store": [], "turbo": [], "pyshacl": []}
    slow: dict[str, float] = {name: math.inf for name in args.skip_rdflib.split(",") if name}
    try:
        for size in sizes:
            quads = list(copies(template, size))
            size = len(quads)
            print(f"\n== {size:,} quads ({size // len(template)} copies)")
            gc.collect()
            before = _rss()
            seconds, memory = timed(memory_dataset, quads)
            rss_memory = _rss() - before
            print(f"load, rdflib memory store      : {seconds:8.2f} s, {rss_memory / size:6.0f} bytes/triple (RSS)")

            folder, nquads = work / f"kg-{size}.db", work / f"kg-{size}.nq"
            write_nquads(quads, nquads)
            gc.collect()
            before = _rss()
            with open_store(folder) as store:
                seconds, _ = timed(load_into, store, nquads)
                rss_store = _rss() - before
                disk = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
                print(f"load, Oxigraph store (N-Quads): {seconds:8.2f} s, {rss_store / size:6.0f} bytes/triple "
                      f"(RSS), {disk / size:6.0f} bytes/triple on disk (named graphs and union view)")

                seconds, on_store = timed(validate, store, engine="turbo")
                shacl["turbo, store"].append((size, seconds))
                print(f"SHACL turbo, embedded store  : {seconds:8.2f} s ({len(on_store.violations)} violations)")
                for engine in ("turbo", "pyshacl"):
                    if engine == "pyshacl" and size > args.pyshacl_max:
                        continue
                    seconds, report = timed(validate, memory, engine=engine)
                    assert report.violations == on_store.violations, f"{engine}: not what the store gave"
                    shacl[engine].append((size, seconds))
                    print(f"SHACL {engine:8s}, memory store : {seconds:8.2f} s ({len(report.violations)} violations)")

                print("SPARQL (catalogue)           rdflib memory   Oxigraph    ratio")
                total_memory = total_store = 0.0
                on_rdflib: dict[str, tuple[float, list]] = {}  # for the snapshot below
                for named in catalogue().values():
                    t_store, got = best(rows, store, named)
                    if slow.get(named.name, 0) > args.rdflib_limit:
                        print(f"  {named.name:24s} {'(skipped)':>13s} {t_store * 1000:9.1f} ms   rdflib took "
                              f"{slow[named.name]:.0f} s at a smaller size")
                        continue
                    t_memory, expected = best(rows, memory, named)
                    slow[named.name] = t_memory
                    assert got == expected, f"{named.name}: the stores disagree"
                    on_rdflib[named.name] = (t_memory, expected)
                    total_memory += t_memory
                    total_store += t_store
                    print(f"  {named.name:24s} {t_memory * 1000:10.1f} ms {t_store * 1000:9.1f} ms "
                          f"{t_memory / max(t_store, 1e-9):7.1f}x")
                print(f"  {'all compared':24s} {total_memory * 1000:10.1f} ms {total_store * 1000:9.1f} ms "
                      f"{total_memory / max(total_store, 1e-9):7.1f}x")

                out_rdflib, out_kg = work / "rdflib.ttl", work / "kg.ttl"
                t_kg, _ = timed(write, store, out_kg)
                if slow.get("export", 0) > args.rdflib_limit * 3:
                    # rdflib's Turtle serializer grew faster than linearly here: the file
                    # for its parser below comes from Oxigraph (the same triples)
                    print(f"Turtle export: rdflib (skipped: {slow['export']:.0f} s at a smaller size), "
                          f"kg_ev (store) {t_kg:7.2f} s")
                    shutil.copy(out_kg, out_rdflib)
                else:
                    flat = _flat(memory)
                    t_rdflib, _ = timed(flat.serialize, out_rdflib, format="turtle", encoding="utf-8")
                    slow["export"] = t_rdflib
                    del flat
                    print(f"Turtle export: rdflib {t_rdflib:7.2f} s, kg_ev (store) {t_kg:7.2f} s, "
                          f"{t_rdflib / t_kg:5.1f}x")
            snapshot_queries(folder, on_rdflib, size)
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as fresh:
                serving = fresh.submit(serving_memory, folder).result()
            print(f"memory, a process serving the store: {serving / size:6.0f} bytes/triple (RSS after the "
                  f"catalogue queries)")
            del memory, quads  # each import is timed in a process that holds no other graph
            gc.collect()
            target = work / f"import-{size}.db"
            with open_store(target) as into:
                t_kg, added = timed(load_into, into, out_kg)
            t_rdflib, parsed = timed(lambda: Graph().parse(out_rdflib, format="turtle"))
            assert added == len(parsed), (added, len(parsed))
            del parsed
            gc.collect()
            print(f"Turtle import: rdflib {t_rdflib:7.2f} s, kg_ev (store) {t_kg:7.2f} s, {t_rdflib / t_kg:5.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    for engine, points in shacl.items():
        if len(points) >= 2:
            print(f"SHACL {engine}: time grows as size^{exponent(*zip(*points)):.2f} over "
                  f"{points[0][0]:,}-{points[-1][0]:,} triples")
    print(f"peak RSS of the run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
