"""The ``kg-ev`` command line.

Errors print one line on stderr and exit non-zero, with no traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import KgEvError

__all__ = ["main"]

#: Rows ``kg-ev query`` prints at most (``--max-rows``): more is a query to narrow.
MAX_ROWS = 100_000


def _rows_out(rows: Sequence[Mapping], fields: tuple[str, ...], fmt: str, out) -> None:
    if fmt == "jsonl":
        encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every line
        for row in rows:
            out.write(encode(row if tuple(row) == fields else {k: row[k] for k in fields}) + "\n")
    elif fmt == "json":
        json.dump([{k: row[k] for k in fields} for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(fields)
        for row in rows:
            writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else
                             ("" if v is None else v) for v in (row[k] for k in fields)])
    else:  # table
        cells = [[_cell(row[k]) for k in fields] for row in rows]
        widths = [min(40, max([len(f)] + [len(c[i]) for c in cells])) for i, f in enumerate(fields)]
        out.write("  ".join(f.ljust(w) for f, w in zip(fields, widths)).rstrip() + "\n")
        for c in cells:
            out.write("  ".join(v[:w].ljust(w) for v, w in zip(c, widths)).rstrip() + "\n")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):  # an anonymous source, or a resolution with what it was resolved to
        return f"{value['text']} → {value['antecedent']}" if "antecedent" in value else str(value.get("text", value))
    text = str(value)
    return text.rsplit("/", 1)[-1] if text.startswith("https://w3id.org/kg-ev/id/") else text


def _open_graph(args):
    """The graph a reading command works on: a graph file, or a store (``--store``) opened
    read-only, as a context manager."""
    from contextlib import nullcontext

    from .export import load
    from .store import open_store

    if (args.file is None) == (args.store is None):
        raise KgEvError("give a graph file or --store STORE (a store folder or a SPARQL endpoint URL)")
    if args.store is not None:
        if not args.store.startswith(("http://", "https://")) and not Path(args.store).is_dir():
            raise KgEvError(f"{args.store}: no such store (build one with 'kg-ev build ... --store {args.store}')")
        return open_store(args.store, read_only=True)
    return nullcontext(load(args.file))


def _progress(paths: list[str]):
    """A progress bar on a terminal (articles/s, claims); nothing when stderr is not one."""
    from tqdm import tqdm

    from .building import iter_article_paths

    total = sum(1 for _ in iter_article_paths(paths))
    return tqdm(total=total, unit="article", disable=not sys.stderr.isatty(), leave=False, dynamic_ncols=True,
                mininterval=0)  # an article takes tens of ms: each one is drawn, the last one too


def _cmd_build(args) -> int:
    from .building import BuildInterrupted

    try:
        return _build(args)
    except BuildInterrupted as stop:
        where = (f"{stop.result.articles} article(s) of this build were stored in {args.store}, each whole; "
                 "the one being stored when interrupted was not" if args.store else "nothing was stored")
        print(f"error: interrupted; {where}; no -o output was written" if args.output else
              f"error: interrupted; {where}", file=sys.stderr)
        return 130


def _build(args) -> int:
    from contextlib import nullcontext

    from .article import check_date
    from .building import build
    from .export import check_output, format_for, write
    from .store import open_store

    if args.date:
        check_date(args.date)
    for path in args.paths:
        if not Path(path).exists():
            raise KgEvError(f"{path}: no such file or folder")
        if Path(path).is_dir() and not any(p.is_file() for p in Path(path).rglob("*.txt")):
            raise KgEvError(f"no .txt article in {path}")
    if args.output is None and args.store is None:
        raise KgEvError("give -o FILE, --store STORE, or both")
    if args.output is not None:
        check_output(args.output)  # before the build, not after it
    with (open_store(args.store) if args.store else nullcontext(None)) as store, _progress(args.paths) as bar:
        def advance(result) -> None:
            bar.set_postfix(claims=result.claims, refresh=False)
            bar.update(1)

        if args.scheduler:  # on Dask: a local cluster of --processes workers, or a running scheduler
            from .distributed import build_on_dask, dask_client

            with dask_client(args.scheduler, workers=args.processes or 2) as client:
                result = build_on_dask(args.paths, client, dataset=store, date=args.date, on_article=advance)
        else:
            result = build(args.paths, dataset=store, date=args.date, n_process=args.processes or 1, on_article=advance)
        if result.articles == 0:
            for failure in result.failures:
                print(f"error: {_failure(failure)}", file=sys.stderr)
            print("error: no article could be built", file=sys.stderr)
            return 1
        if args.output is not None:
            write(result.dataset, args.output, format=args.format or format_for(args.output))
    print(result.summary())
    for violation in result.violations:
        print(f"  {violation}")
    for failure in result.failures:
        print(f"  failed: {_failure(failure)}", file=sys.stderr)
    return 0


def _failure(failure) -> str:
    """An article that failed, its path once (a reading error names it already)."""
    return failure.reason if failure.reason.startswith(f"{failure.path}: ") else f"{failure.path}: {failure.reason}"


def _cmd_validate(args) -> int:
    from .validation import validate

    with _open_graph(args) as graph:
        result = validate(graph)
    print(result)
    return 0 if result.conforms else 1


def _binding(text: str):
    """``VAR=VALUE`` from the command line: ``<iri>`` or ``prefix:name`` (a kg_ev prefix)
    is an IRI, anything else a string literal."""
    from rdflib import Literal, URIRef

    from .namespace import PREFIXES

    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise KgEvError(f"--bind {text!r}: expected VAR=VALUE")
    prefix, colon, local = value.partition(":")
    if value.startswith("<") and value.endswith(">"):
        return name.strip().lstrip("?"), URIRef(value[1:-1])
    if colon and prefix in PREFIXES and " " not in local:
        return name.strip().lstrip("?"), URIRef(str(PREFIXES[prefix]) + local)
    return name.strip().lstrip("?"), Literal(value)


def _cmd_query(args) -> int:
    from .querying import query

    if args.store is not None and args.file is not None and args.sparql is None:
        args.file, args.sparql = None, args.file  # 'query --store kg.db "SELECT ..."'
    if (args.sparql is None) == (args.named is None):
        raise KgEvError("give either a SPARQL query (text or .rq file) or --named NAME (see 'kg-ev queries')")
    sparql = args.named or args.sparql
    if args.sparql and Path(sparql).is_file():
        sparql = Path(sparql).read_text(encoding="utf-8")
    bindings = dict(_binding(b) for b in args.bind)
    if args.timeout is not None and args.timeout <= 0:
        raise KgEvError(f"--timeout {args.timeout:g}: give a number of seconds above 0")
    if args.max_rows < 0:
        raise KgEvError(f"--max-rows {args.max_rows}: give a number of rows, or 0 for no limit")
    with _open_graph(args) as graph:
        result = query(graph, sparql, bindings=bindings, allow_service=args.allow_service, timeout=args.timeout,
                       max_rows=args.max_rows or None)
        return _result_out(result, args.format)


def _result_out(result, fmt: str) -> int:
    if result.type == "ASK":
        print("true" if result.askAnswer else "false")
        return 0
    if result.type in {"CONSTRUCT", "DESCRIBE"}:
        sys.stdout.write(result.graph.serialize(format="turtle"))
        return 0
    names = [str(v) for v in result.vars]
    rows = [{n: (None if row[i] is None else str(row[i])) for i, n in enumerate(names)} for row in result]
    _rows_out(rows, tuple(names), fmt, sys.stdout)
    return 0


def _cmd_queries(args) -> int:
    from .querying import catalogue

    for named in catalogue().values():
        params = " ".join(f"--bind {p}=..." for p in named.parameters)
        print(f"{named.name}{' ' + params if params else ''}\n    {named.description}")
        for parameter, doc in named.parameters.items():
            print(f"    {parameter}: {doc}")
    return 0


def _cmd_draw(args) -> int:
    from .drawing import draw

    with _open_graph(args) as graph:
        draw(graph, args.output, status=args.status or None, predicate=args.predicate or None)
    print(f"wrote {args.output}")
    return 0


def _cmd_graph(args) -> int:
    from .views import claim_graph, write_graph

    with _open_graph(args) as graph:
        g = claim_graph(graph, status=args.status or None, predicate=args.predicate or None)
    write_graph(g, args.output)
    print(f"wrote {args.output}: {g.number_of_nodes()} entities, {g.number_of_edges()} claims")
    return 0


def _cmd_entities(args) -> int:
    from .tables import ENTITY_FIELDS, entities

    with _open_graph(args) as graph:
        rows = entities(graph)
    _rows_out(rows, ENTITY_FIELDS, args.format, sys.stdout)
    return 0


def _cmd_claims(args) -> int:
    from .tables import CLAIM_FIELDS, claims

    with _open_graph(args) as graph:
        rows = claims(graph, status=args.status)
    _rows_out(rows, CLAIM_FIELDS, args.format, sys.stdout)
    return 0


_TABLE_PAGE = 100  # facts a table shows unless --limit says otherwise


def _count(text: str) -> int:
    """A non-negative integer option."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"cannot be negative: {text}")
    return value


def _cmd_facts(args) -> int:
    from .ledger import collector_paused
    from .standing import FACT_FIELDS, facts

    limit = args.limit if args.limit is not None else (_TABLE_PAGE if args.format == "table" else None)
    with _open_graph(args) as graph, collector_paused():
        found = facts(graph, at=args.at, standing=args.standing, subject=args.subject, predicate=args.predicate,
                      limit=None if limit is None else limit + 1, offset=args.offset)
        more = limit is not None and len(found) > limit
        rows = [f.as_record(claims=args.claim_iris) for f in found[:limit]]  # else how many
        if args.format == "table":
            for row in rows:
                row["history"] = [" ".join(str(x) for x in step) for step in row["history"]]
        _rows_out(rows, FACT_FIELDS, args.format, sys.stdout)
    if more:
        print(f"facts {args.offset + 1} to {args.offset + len(rows)} shown; the next page: --offset "
              f"{args.offset + len(rows)} (--limit to change the page's size)", file=sys.stderr)
    return 0


def _cmd_retract(args) -> int:
    from .store import open_store, retract

    if not args.store.startswith(("http://", "https://")) and not Path(args.store).is_dir():
        raise KgEvError(f"{args.store}: no such store")
    from .building import article_id

    wanted = [article_id(a) if a.endswith(".txt") else a for a in args.articles]
    with open_store(args.store) as store:
        removed = retract(store, wanted)
    for article in removed:
        print(f"retracted {article}")
    missing = [a for a in wanted if a not in removed]
    if missing:
        print(f"error: not in {args.store}: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0


def _cmd_articles(args) -> int:
    from .tables import ARTICLE_FIELDS, articles

    with _open_graph(args) as graph:
        rows = articles(graph)
    _rows_out(rows, ARTICLE_FIELDS, args.format, sys.stdout)
    return 0


def _cmd_export(args) -> int:
    from .export import format_for, write

    with _open_graph(args) as graph:
        write(graph, args.output, format=args.format or format_for(args.output))
    print(f"wrote {args.output}")
    return 0


def _cmd_load(args) -> int:
    from .export import load_into
    from .store import open_store

    with open_store(args.store) as store:
        for path in args.files:
            try:
                count = load_into(store, path)
            except KeyboardInterrupt:
                print(f"error: interrupted; {path} was not loaded" + (
                    " (a SPARQL server keeps the requests already sent: load it again to complete it)"
                    if args.store.startswith(("http://", "https://")) else
                    " (nothing of it was written)"), file=sys.stderr)
                return 130
            print(f"{path}: {count} quads loaded")
    return 0


def _cmd_evaluate(args) -> int:
    from .evaluate import evaluate, format_report

    report = evaluate(args.folder, args.gold, only=args.only)
    if args.json:
        print(json.dumps(report.as_dict(details=args.details), ensure_ascii=False, indent=2))
    else:
        print(format_report(report, details=args.details))
    return 0


def _parser() -> argparse.ArgumentParser:
    from . import __version__
    from .namespace import STATUSES
    from .querying import DEFAULT_TIMEOUT

    parser = argparse.ArgumentParser(prog="kg-ev", description="A knowledge graph of the EV industry from news articles.")
    parser.add_argument("--version", action="version", version=f"kg-ev {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and warnings")
    sub = parser.add_subparsers(dest="command", required=True)

    def graph_source(p) -> None:
        p.add_argument("file", nargs="?", help="a graph file (.ttl, .trig, .jsonld, .nq, .nt)")
        p.add_argument("--store", metavar="STORE", help="instead of a file: a store folder or a SPARQL endpoint URL")

    p = sub.add_parser("build", help="articles (.txt files or folders) → a validated graph file")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-o", "--output", help="graph file to write (.ttl, .trig, .jsonld)")
    p.add_argument("--store", metavar="STORE",
                   help="add the articles to a store: a folder (embedded Oxigraph, created if missing) or a SPARQL endpoint URL")
    p.add_argument("--format", choices=["turtle", "trig", "json-ld"], help="default: from the file name")
    p.add_argument("--date", help="date of articles that have no ' date' line (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--processes", type=int,
                   help="spaCy processes (default 1); with --scheduler local, the Dask workers (default 2)")
    p.add_argument("--scheduler", metavar="local|ADDRESS",
                   help="build on Dask (extra [dask]): 'local' for a cluster on this machine, or a scheduler's address")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("validate", help="SHACL report of a graph file; exit 1 when it does not conform")
    graph_source(p)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query (text, .rq file or --named) over a graph file")
    graph_source(p)
    p.add_argument("sparql", metavar="SPARQL_OR_FILE", nargs="?")
    p.add_argument("--named", metavar="NAME", help="a query of the catalogue (see 'kg-ev queries')")
    p.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE",
                   help="bind a variable: VALUE is <iri>, prefix:name or a string (repeatable)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--allow-service", action="store_true",
                   help="let SERVICE patterns ask remote SPARQL servers (refused by default: they send graph data out)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop the query after SECONDS (default {DEFAULT_TIMEOUT:g}); Ctrl-C stops it at any time")
    p.add_argument("--max-rows", type=int, default=MAX_ROWS, metavar="N",
                   help=f"refuse a result of more than N rows (default {MAX_ROWS}; 0: no limit)")
    p.set_defaults(func=_cmd_query)

    p = sub.add_parser("queries", help="list the catalogue of named queries")
    p.set_defaults(func=_cmd_queries)

    from .namespace import PREDICATES

    for name, func, help_text, output in (
            ("draw", _cmd_draw, "draw the entities and their claims to a picture (.png, .svg, .pdf)",
             "picture to write (.png, .svg or .pdf)"),
            ("graph", _cmd_graph, "the entity graph as GraphML or GEXF (Gephi, yEd, Cytoscape)",
             "file to write (.graphml or .gexf)")):
        p = sub.add_parser(name, help=help_text)
        graph_source(p)
        p.add_argument("-o", "--output", required=True, help=output)
        p.add_argument("--status", action="append", choices=STATUSES, help="keep claims of this status (repeatable)")
        p.add_argument("--predicate", action="append", choices=PREDICATES,
                       help="keep claims of this predicate (repeatable)")
        p.set_defaults(func=func)

    p = sub.add_parser("entities", help="the entities of a graph file")
    graph_source(p)
    p.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl")
    p.set_defaults(func=_cmd_entities)

    p = sub.add_parser("claims", help="the claims of a graph file")
    graph_source(p)
    p.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl")
    p.add_argument("--status", choices=STATUSES)
    p.set_defaults(func=_cmd_claims)

    from .standing import STANDINGS

    p = sub.add_parser("facts", help="one record per relation across articles, with its standing and history")
    graph_source(p)
    p.add_argument("--at", metavar="DATE", help="as believed from the articles dated up to DATE (YYYY[-MM[-DD]])")
    p.add_argument("--standing", choices=STANDINGS, help="only the facts of this standing (on --at DATE)")
    p.add_argument("--subject", metavar="ENTITY",
                   help="only the facts about this entity (its label or IRI; either end of a symmetric relation)")
    p.add_argument("--predicate", choices=PREDICATES)
    p.add_argument("--limit", type=_count, metavar="N",
                   help=f"at most N facts (a page; {_TABLE_PAGE} by default for --format table)")
    p.add_argument("--offset", type=_count, default=0, metavar="N", help="skip the first N facts")
    p.add_argument("--claim-iris", action="store_true",
                   help="list the IRIs of each fact's claims (oldest article first) instead of their number")
    p.add_argument("--format", choices=["jsonl", "csv", "table"], default="jsonl")
    p.set_defaults(func=_cmd_facts)

    p = sub.add_parser("articles", help="the articles of a store or a graph file: id, source file, date, title")
    graph_source(p)
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")
    p.set_defaults(func=_cmd_articles)

    p = sub.add_parser("retract", help="remove articles and their claims from a store")
    p.add_argument("articles", nargs="+", metavar="ARTICLE",
                   help="an article id (as 'kg-ev articles' lists it) or the .txt file it was built from")
    p.add_argument("--store", required=True, metavar="STORE", help="a store folder or a SPARQL endpoint URL")
    p.set_defaults(func=_cmd_retract)

    p = sub.add_parser("export", help="write a graph (a store's, or a file's in another format) to a file")
    graph_source(p)
    p.add_argument("-o", "--output", required=True, help="file to write (.ttl, .trig, .jsonld, .nq, .nt)")
    p.add_argument("--format", choices=["turtle", "trig", "json-ld", "nquads", "nt"], help="default: from the file name")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("load", help="add graph files (.trig, .nq, .ttl...) to a store, each all or nothing "
                                    "(on a SPARQL server: in requests of 5,000 quads)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--store", required=True, metavar="STORE", help="a store folder (created if missing) or a SPARQL endpoint URL")
    p.set_defaults(func=_cmd_load)

    p = sub.add_parser("evaluate", help="score extraction on annotated articles (GOLD-FORMAT.md)")
    p.add_argument("folder", help="folder of ID.txt articles")
    p.add_argument("--gold", required=True, help="gold.jsonl")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--details", action="store_true", help="list false positives, false negatives and wrong attributions")
    p.add_argument("--only", metavar="PREFIX", help="score only the articles whose id starts with PREFIX (a batch: b3-)")
    p.set_defaults(func=_cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # warnings say what was done to an input (a missing date, HTML reduced to text...)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return args.func(args)
    except KgEvError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away ('| head'): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except OSError as exc:  # a file the command reads or writes, named by the system's message
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; no output was written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
