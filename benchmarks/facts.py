"""Facts at corpus scale: what `kg-ev facts` costs over an embedded store of 10k, 100k
and 1M claims, what one article's put, replacement and retraction cost there, and the
disk an incremental build leaves.

    python benchmarks/facts.py [--sizes 10000 100000 1000000] [--disk-articles 400]

The stores are copies of the dev corpus's graph (15 articles and the seed, built by
kg_ev): each copy renames its articles and claims, shares its entities with three other
copies (so a fact has about four claims, from articles of different years: each copy's
dates are moved by 0 to 3 years) and is bulk-loaded into Oxigraph with its union view;
the store's facts are then built once (`EmbeddedStore.rebuild_facts`). For each size:

- `facts(store)` and `facts(store, at=...)` through the API, best of 3, and the
  `kg-ev facts --store` command in a fresh process, best of 3 (start-up included, JSON
  lines to /dev/null; each fact's claims counted), the same with `--at`, and with `--claim-iris`
  (every fact's claim IRIs listed: a second scan, of every claim);
- one article put (new), put again (replaced) and retracted, best of 3: the work of a
  write is proportional to the article, so these stay flat as the store grows;
- the growth factor from the smallest size to the largest.

Then the disk: `--disk-articles` article copies put one by one (what a build does), the
store closed; its folder's size, then the size once compacted (pyoxigraph's optimize).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph

from kg_ev.building import build
from kg_ev.rdf import ENTITIES, QUARANTINE, article_graphs, article_id_of
from kg_ev.standing import facts
from kg_ev.store import open_store

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/kg-ev/id/"
_OWN = re.compile(re.escape(ID) + r"(article|graph|claim)/(?!entities>|quarantine>|facts>)([^/>]+)")
_SHARED = re.compile(re.escape(ID) + r"entity/([^/>]+)")
_DATE = re.compile(r'"(\d{4})((?:-\d\d){0,2})"\^\^<http://www\.w3\.org/2001/XMLSchema#(gYear|gYearMonth|date)>')
SHARE = 4  # copies naming the same entities: a fact's claims


def template() -> tuple[list[str], int]:
    """The dev corpus and the seed as N-Quads lines (the article graphs, the shared
    entities, the quarantine), and their number of claims."""
    from kg_ev.tables import claims

    paths = [*(p for p in sorted((ROOT / "corpus" / "dev").glob("*.txt")) if "-en-" not in p.name),
             ROOT / "seeds" / "000_50a62ce1ae3c7f69.txt"]
    dataset = build(paths).dataset
    text = dataset.serialize(format="nquads")
    return [line for line in text.splitlines() if line.strip()], len(claims(dataset))


def copy(lines: list[str], k: int) -> list[str]:
    """Copy ``k``: its own articles, graphs and claims; entities shared by SHARE copies;
    dates moved by k % SHARE years."""
    group, years = k // SHARE, k % SHARE

    def date(found: re.Match) -> str:
        return f'"{int(found[1]) + years}{found[2]}"^^<http://www.w3.org/2001/XMLSchema#{found[3]}>'

    out = []
    for line in lines:
        line = _OWN.sub(lambda m: f"{ID}{m[1]}/{m[2]}-c{k}", line)
        line = _SHARED.sub(lambda m: f"{ID}entity/{m[1]}-g{group}", line)
        out.append(_DATE.sub(date, line) if "XMLSchema#g" in line or "XMLSchema#date" in line else line)
    return out


def make_store(folder: Path, lines: list[str], copies: int) -> None:
    """Bulk-load ``copies`` copies and the union view, then build the facts."""
    import pyoxigraph as ox

    with tempfile.NamedTemporaryFile("w", suffix=".nq", delete=False, encoding="utf-8") as out:
        quarantine = f"<{QUARANTINE}>"
        for k in range(copies):
            for line in copy(lines, k):
                out.write(line + "\n")
                if not line.rstrip(" .").endswith(quarantine):  # the union view: the triple in the default graph
                    out.write(line.rstrip(" .").rsplit(" ", 1)[0] + " .\n")
        name = out.name
    store = ox.Store(str(folder))
    store.bulk_load(path=name, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    os.unlink(name)
    with open_store(folder) as kg:
        kg.rebuild_facts()


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return time.perf_counter() - start, value


def best(function, *args, repeat: int = 3, **kwargs):
    runs = [timed(function, *args, **kwargs) for _ in range(repeat)]
    return min(t for t, _ in runs), runs[0][1]


def command(*args: str, repeat: int = 3) -> float:
    """The best of ``repeat`` runs of a kg-ev command in a fresh process, start-up included."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "kg-ev"), *args], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)


def article(lines: list[str], k: int) -> tuple[Graph, Graph]:
    """Copy ``k`` of the first dev article, as a build gives it to put_article."""
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(data="\n".join(copy(lines, k)), format="nquads")
    graph = next(g for g in article_graphs(dataset) if "dev01" in str(g.identifier))
    whole = Graph(identifier=graph.identifier)
    for triple in graph:
        whole.add(triple)
    for s, p, o in dataset.graph(ENTITIES):  # its entities' descriptions travel with it, as in a build
        if (s, None, None) in whole or (None, None, s) in whole:
            whole.add((s, p, o))
    return whole, Graph()


def du(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--disk-articles", type=int, default=400, help="articles put one by one for the disk figure (0: skip it)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="keep the stores in DIR (kg-SIZE.db) and reuse those already there (1M claims take "
                             "an hour to make on 2 cores)")
    args = parser.parse_args()
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    lines, per_copy = template()
    print(f"template: {len(lines)} quads, {per_copy} claims a copy; a fact's claims come from {SHARE} copies")
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-facts-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in args.sizes:
            copies = max(1, round(size / per_copy))
            folder = work / f"kg-{size}.db"
            reused = folder.exists()
            load_seconds = 0.0 if reused else timed(make_store, folder, lines, copies)[0]
            # the commands first, on the store as it was left: right after the writes below,
            # RocksDB compacts in the background and a read can take seconds more
            cli = command("facts", "--store", str(folder))
            cli_at = command("facts", "--store", str(folder), "--at", "2022-06")
            cli_iris = command("facts", "--store", str(folder), "--claim-iris")
            with open_store(folder) as store:
                everything = facts(store)
                n_facts, n_claims = len(everything), sum(f.claim_count for f in everything)
                t_facts, _ = best(facts, store)
                at = "2022-06"
                t_at, dated = best(facts, store, at=at)
                t_page, _ = best(facts, store, standing="confirmed", limit=100)
                fresh, aside = article(lines, 10_000_000)
                fresh_id = article_id_of(fresh.identifier)
                t_put, _ = best(lambda: (store.put_article(fresh, aside), store.retract([fresh_id])))
                store.put_article(fresh, aside)
                t_replace, _ = best(store.put_article, fresh, aside)
                t_retract, _ = timed(store.retract, [fresh_id])
            size_mb = du(folder) / 1e6
            results.append((n_claims, t_facts, t_at, cli, cli_at))
            made = "reused" if reused else f"bulk load and facts built in {load_seconds:.1f} s"
            print(f"\n{n_claims:,} claims, {n_facts:,} facts, {len(dated):,} by {at}; {made}; "
                  f"{size_mb:,.0f} MB on disk")
            print(f"  facts (API)                     {t_facts:8.2f} s")
            print(f"  facts --at {at} (API)         {t_at:8.2f} s")
            print(f"  facts --standing confirmed --limit 100 (API) {t_page:8.2f} s")
            print(f"  kg-ev facts --store (process)   {cli:8.2f} s")
            print(f"  kg-ev facts --at (process)      {cli_at:8.2f} s")
            print(f"  kg-ev facts --claim-iris (process) {cli_iris:5.2f} s")
            print(f"  put + retract one article       {t_put * 1000:8.1f} ms")
            print(f"  replace one article             {t_replace * 1000:8.1f} ms")
            print(f"  retract one article             {t_retract * 1000:8.1f} ms")
            if not args.keep:
                shutil.rmtree(folder)
        if len(results) > 1:
            for (s0, f0, a0, c0, ca0), (s1, f1, a1, c1, ca1) in zip(results, results[1:]):
                print(f"\ngrowth from {s0:,} to {s1:,} claims (x{s1 / s0:.0f}): facts x{f1 / f0:.1f}, "
                      f"facts --at x{a1 / a0:.1f}; the command x{c1 / c0:.1f}, with --at x{ca1 / ca0:.1f}")
        if args.disk_articles:
            disk(work, lines, args.disk_articles)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def disk(work: Path, lines: list[str], n: int) -> None:
    """Articles put one by one, as a build does; the folder after close, then compacted."""
    import pyoxigraph as ox

    folder = work / "disk.db"
    shutil.rmtree(folder, ignore_errors=True)
    with open_store(folder) as store:
        for k in range(n):
            store.put_article(*article(lines, k))
    closed = du(folder)
    oxigraph = ox.Store(str(folder))
    oxigraph.optimize()
    oxigraph.flush()
    del oxigraph
    compacted = du(folder)
    print(f"\ndisk after putting {n} articles one by one and closing: {closed / 1e6:.1f} MB; compacted "
          f"{compacted / 1e6:.1f} MB; ratio {closed / compacted:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
