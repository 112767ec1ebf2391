"""SPARQL over kg_ev graphs, with the project's prefixes bound.

Queries see the union of the article graphs, each triple once, the quarantine left out:
in memory through a view over the store's index, in an embedded store (:mod:`kg_ev.store`)
through the default graph the store keeps as that union. On a SPARQL server the
server's engine answers over the union of all its graphs, where a triple held by
several graphs matches once per graph, as in any quad store: the catalogue's queries
give the same rows everywhere (a test checks it on Virtuoso), and so should yours
(``DISTINCT``, ``COUNT(DISTINCT ...)``). Put user values in with ``bindings``, never by
formatting strings.

>>> from kg_ev.building import build
>>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
>>> rows = query(graph, EXAMPLES["rumoured_partnerships"])
>>> [(str(r.subject_label), str(r.object_label), str(r.source_label)) for r in rows]
[('Xiaomi', 'Great Wall Motors', 'Reuters')]
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from pyparsing.exceptions import ParseException
from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.algebra import traverse
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result
from rdflib.term import Node

from .errors import KgEvError, QueryError, QueryTimeoutError, ResultTooLargeError, ServiceRefusedError
from .namespace import PREFIXES
from .store import _read_rows, as_store

__all__ = ["query", "query_df", "union", "catalogue", "NamedQuery", "EXAMPLES", "DEFAULT_TIMEOUT"]

@dataclass(frozen=True)
class NamedQuery:
    """A query of the catalogue (``kg_ev/queries/NAME.rq``): its text, the description
    of its header comment and the variables it takes as bindings."""

    name: str
    sparql: str
    description: str
    parameters: dict[str, str]


def _parse_named(name: str, text: str) -> NamedQuery:
    description, parameters = [], {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comment = line.lstrip("#").strip()
        if comment.startswith("param "):
            variable, _, doc = comment[len("param "):].partition(":")
            parameters[variable.strip()] = doc.strip()
        elif comment:
            description.append(comment)
    return NamedQuery(name, text, " ".join(description), parameters)


@cache
def catalogue() -> dict[str, NamedQuery]:
    """The named queries shipped with kg_ev, by name.

    >>> sorted(catalogue())[:3]
    ['about_entity', 'claims_per_source', 'partnerships_by_status']
    >>> list(catalogue()["timeline"].parameters)
    ['name']
    """
    found = {}
    for entry in files("kg_ev.queries").iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = _parse_named(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(found.items()))


#: The catalogue's query texts by name (see docs/queries.md).
EXAMPLES: Mapping[str, str] = MappingProxyType({name: q.sparql for name, q in catalogue().items()})


def _sparql(sparql: str) -> str:
    """A catalogue name stands for its query; anything else is SPARQL text."""
    if sparql in EXAMPLES:
        return EXAMPLES[sparql]
    if sparql.isidentifier():
        raise QueryError(f"no named query {sparql!r}; the catalogue has: {', '.join(EXAMPLES)}")
    return sparql


def union(graph: Graph | Dataset) -> Graph:
    """A read-only view of what queries see: the article graphs of a store or Dataset
    (each triple once, the quarantine left out), or the Graph itself."""
    if isinstance(graph, Dataset):
        return as_store(graph).union()
    return graph


_IRI_UNSAFE = re.compile(r'[\s<>"{}|^`\\]')


@lru_cache(maxsize=256)
def _parsed(sparql: str) -> tuple[Node, ...]:
    """Parse a query with rdflib's SPARQL parser, whatever store will run it, and return
    the targets of its ``SERVICE`` patterns (a query asked again, a catalogue query, is
    parsed once). Raise a QueryError naming the line and column of a syntax error."""
    try:
        tree = parseQuery(sparql)
    except ParseException as exc:
        raise _syntax_error(exc.lineno, exc.col, exc.msg) from None
    found = []
    traverse(tree, visitPost=lambda node: found.append(node["term"]) if isinstance(node, CompValue)
             and node.name == "ServiceGraphPattern" else None)
    return tuple(found)


def _syntax_error(line, column, message: str) -> QueryError:
    return QueryError(f"SPARQL syntax error at line {line}, column {column}: {message}")


def _refuse_service(sparql: str) -> None:
    """Refuse a query whose parse tree holds ``SERVICE``: its engine would send the
    values it has bound (evidence sentences, claims) to another server."""
    services = _parsed(sparql)
    if services:
        target = services[0].n3() if hasattr(services[0], "n3") else str(services[0])
        raise ServiceRefusedError(f"the query asks a remote SPARQL service (SERVICE {target}), which would send "
                                  "graph data over the network; kg_ev refuses it unless asked to "
                                  "(allow_service=True, or --allow-service)")


@cache
def _where_grammar():
    """rdflib's SPARQL grammar with two markers around the query's WHERE group: where its
    ``{`` opens and where its ``}`` closes, comments and strings read as the parser reads
    them (a ``WHERE {`` in a comment or a literal is not the WHERE clause)."""
    import pyparsing as pp
    from rdflib.plugins.sparql import parser as sparql

    def marker(name: str):
        return pp.Empty().set_parse_action(lambda text, location, tokens: [(name, location)])

    comment = sparql.QueryUnit.ignoreExprs[0]  # rdflib's own: its elements have it already
    where = (pp.Suppress(pp.Optional(sparql.Keyword("WHERE"))) + marker("open").ignore(comment)
             + pp.Suppress(sparql.GroupGraphPattern) + marker("close").leave_whitespace())
    datasets = pp.Suppress(pp.ZeroOrMore(sparql.DatasetClause))
    grammar = pp.Suppress(sparql.Prologue) + (
        pp.Suppress(sparql.SelectClause) + datasets + where
        | pp.Suppress(sparql.Keyword("CONSTRUCT") + sparql.ConstructTemplate) + datasets + where
        | pp.Suppress(sparql.Keyword("DESCRIBE") + (pp.OneOrMore(sparql.VarOrIri) | "*")) + datasets + where
        | pp.Suppress(sparql.Keyword("ASK")) + datasets + where)
    return grammar.ignore(comment)


def _with_values(sparql: str, bindings: Mapping[Variable, Node]) -> str:
    """The query with ``VALUES (?a ?b) { (x y) }`` opening its WHERE group (which wraps a
    sub-select in a group of its own): the same solutions as pre-bound variables, for
    engines that take no initial bindings. The group is found by rdflib's SPARQL grammar,
    not in the text (a ``WHERE {`` in a comment or a string is not the WHERE clause, and
    ``SELECT * { ... }`` has none); each value is written as one RDF term (a literal's
    quotes escaped, an IRI checked), so it stays data."""
    if not bindings:
        return sparql
    terms = []
    for value in bindings.values():
        if isinstance(value, URIRef) and _IRI_UNSAFE.search(str(value)):
            raise QueryError(f"not an IRI that can be bound: {str(value)!r}")
        if not isinstance(value, URIRef | Literal):
            raise QueryError(f"only IRIs and literals can be bound, not {value!r}")
        terms.append(value.n3())
    try:
        found = dict(_where_grammar().parse_string(sparql).as_list())
    except ParseException:
        raise QueryError("bindings on this store need a query with a WHERE group "
                         "(write CONSTRUCT { ... } WHERE { ... }, DESCRIBE ... WHERE { ... })") from None
    start, end = found["open"], found["close"]
    values = f"VALUES ({' '.join(v.n3() for v in bindings)}) {{ ({' '.join(terms)}) }}"
    if parseQuery(sparql)[1].get("where", CompValue("")).name == "SubSelect":
        return f"{sparql[:start]}{{ {values} {sparql[start:end]} }}{sparql[end:]}"
    return f"{sparql[:start + 1]} {values} {sparql[start + 1:]}"


#: Seconds a query may run before :func:`query` stops it (``timeout=``, ``--timeout``).
DEFAULT_TIMEOUT: float = 600.0


def query(graph: Graph | Dataset, sparql: str, *, bindings: Mapping[str, object] | None = None,
          allow_service: bool = False, timeout: float | None = DEFAULT_TIMEOUT,
          max_rows: int | None = None) -> Result:
    """Run a SPARQL query (its text, or the name of a catalogue query) with kg_ev's
    prefixes; ``bindings`` maps variable names to values (rdflib terms or Python
    literals), which are bound as data, never pasted into the query.

    A query with a ``SERVICE`` pattern is refused (:class:`~kg_ev.errors.ServiceRefusedError`)
    before anything runs, on every store: its engine would send data to another server.
    ``allow_service=True`` lets it run.

    A query can be stopped: after ``timeout`` seconds (None: no limit) it raises
    :class:`~kg_ev.errors.QueryTimeoutError`, and Ctrl-C (KeyboardInterrupt) is honoured
    at once, on every store. A SELECT giving more than ``max_rows`` rows raises
    :class:`~kg_ev.errors.ResultTooLargeError` once that many are read (None: no limit).

    >>> from rdflib import Literal
    >>> from kg_ev.building import build
    >>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
    >>> rows = query(graph, EXAMPLES["about_entity"], bindings={"name": Literal("Lei Jun")})
    >>> sorted({str(r.predicate).rsplit("#")[-1] for r in rows})
    ['founderOf']
    >>> query(graph, "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg_ev.errors.ServiceRefusedError: the query asks a remote SPARQL service (SERVICE <http://127.0.0.1:9/sparql>), which would send graph data over the network; kg_ev refuses it unless asked to (allow_service=True, or --allow-service)
    """
    init = {Variable(k): (v if isinstance(v, Node) else Literal(v)) for k, v in (bindings or {}).items()}
    sparql = _sparql(sparql)
    # parse first, on every store: a syntax error is named alike, SERVICE is refused
    # before any engine sees the query, and pyparsing, which keeps the last parse's
    # frames alive, does not keep a caller's pyoxigraph Store (and its folder's lock)
    if allow_service:
        _parsed(sparql)
    else:
        _refuse_service(sparql)
    if isinstance(graph, Dataset):
        store = as_store(graph)  # its backend answers: rdflib over the union view, Oxigraph, a server

        def run() -> Result:
            return store.sparql(sparql, init, max_rows=max_rows)
    else:
        def run() -> Result:
            return _read_rows(graph.query(sparql, initNs={p: str(ns) for p, ns in PREFIXES.items()},
                                          initBindings=init), max_rows)  # type: ignore[arg-type]  # rdflib's stub wants str keys and Identifier values; Variable is a str, our values are terms
    result = _stoppable(_reported(run), timeout)
    if max_rows is not None and result.type == "SELECT" and len(result.bindings) > max_rows:
        raise ResultTooLargeError(f"the query gives more than {max_rows} rows; add a LIMIT, narrow it, "
                                  "or raise the limit (max_rows=, --max-rows)")
    if result.type == "SELECT" and [str(v) for v in result.vars or ()] == ["__ASK_RETVAL"]:
        answer = Result("ASK")  # Virtuoso answers ASK in JSON as a table: one row of 1, or none
        answer.askAnswer = any(row[0] is not None and row[0].toPython() not in (0, False) for row in result)  # type: ignore[index, union-attr]  # a SELECT's rows are ResultRows
        return answer
    return result


def _reported(run: Callable[[], Result]) -> Callable[[], Result]:
    """``run`` with the errors of query engines as one-line QueryErrors (rdflib raises
    many kinds for bad queries, and raises them as rows are read)."""
    def reported() -> Result:
        try:
            return run()
        except QueryError:
            raise
        except ParseException as exc:
            raise _syntax_error(exc.lineno, exc.col, exc.msg) from None
        except Exception as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from None
    return reported


class _Stopped(BaseException):
    """Raised inside a query's thread to stop it (a timeout, or Ctrl-C in the caller)."""


def _stoppable(run: Callable[[], Result], timeout: float | None) -> Result:
    """``run()`` in a thread of its own, waited for by the caller, which stays free to
    take Ctrl-C and to give up after ``timeout`` seconds: the engines do not check for
    signals themselves (Oxigraph runs in Rust without Python's lock; a server's answer
    is awaited in a socket). A stopped query's thread is told to stop: rdflib's
    evaluator stops at once, Oxigraph and a server when they next give a row."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["result"] = run()
        except BaseException as exc:  # handed to the caller
            outcome["error"] = exc
        finally:
            done.set()

    worker = threading.Thread(target=work, name="kg_ev query", daemon=True)
    worker.start()
    try:
        finished = done.wait(timeout)
    except BaseException:  # Ctrl-C while waiting
        _stop(worker, done)
        raise
    if not finished:
        _stop(worker, done)
        raise QueryTimeoutError(f"the query ran for {timeout:g} s and was stopped; add a LIMIT, narrow it, "
                                "or give it more time (timeout=, --timeout)")
    if "error" in outcome:
        error = outcome.pop("error")
        raise error.with_traceback(None)
    return outcome["result"]


def _stop(worker: threading.Thread, done: threading.Event) -> None:
    """Raise _Stopped in the query's thread, where it next runs Python code, and again
    until the query has ended: an exception raised where Python ignores exceptions (a
    weakref callback or a finaliser run by the garbage collector) is lost. The caller
    does not wait: a daemon thread repeats it for at most 5 s."""
    def tell() -> None:
        for _ in range(50):
            if worker.ident is None or not worker.is_alive() or done.is_set():
                return
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(_Stopped))
            if done.wait(0.1):
                return

    threading.Thread(target=tell, name="kg_ev query stopper", daemon=True).start()

def _python(value: Node | None):
    """A result cell as a Python value: a literal's value (numbers, dates, strings), an
    IRI as its string."""
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, Decimal):
            return float(python)  # a ratio or a confidence: a float is what a DataFrame computes with
        return str(value) if isinstance(python, Literal) else python
    return str(value)


def query_df(graph: Graph | Dataset, sparql: str, *, allow_service: bool = False,
             timeout: float | None = DEFAULT_TIMEOUT, **bindings):
    """The rows of a SELECT query (text or catalogue name) as a pandas DataFrame of Python
    values, one column per projected variable; other keyword arguments are bindings
    (``allow_service`` and ``timeout`` as in :func:`query`).

    >>> from kg_ev.building import build
    >>> from kg_ev.namespace import KGEV
    >>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
    >>> df = query_df(graph, "partnerships_by_status", status=KGEV.rumoured)
    >>> df[["subject_label", "object_label", "status_name", "source_label", "date"]].values.tolist()
    [['Xiaomi', 'Great Wall Motors', 'rumoured', 'Reuters', '2021-03']]
    >>> query_df(graph, "claims_per_source").dtypes["claims"]
    dtype('int64')
    """
    try:
        import pandas as pd
    except ImportError:
        raise KgEvError("query_df needs pandas: pip install 'kg_ev[notebook]' (or pip install pandas)") from None
    result = query(graph, sparql, bindings=bindings, allow_service=allow_service, timeout=timeout)
    if result.type != "SELECT":
        raise QueryError(f"query_df needs a SELECT query; this one is {result.type}")
    columns = [str(v) for v in result.vars or ()]
    return pd.DataFrame([[_python(cell) for cell in row] for row in result],  # type: ignore[union-attr]  # a SELECT's rows are ResultRows
                        columns=columns)
