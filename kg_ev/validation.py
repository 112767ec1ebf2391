"""SHACL validation with pySHACL (or pyshacl-turbo), and the quarantine of claims that fail.

:func:`validate` never changes the graph it is given: pySHACL works on a copy, and
pyshacl-turbo on N-Triples text of it, with what the shapes read of the kg_ev ontology
(each predicate's domain and range, the class hierarchy) mixed in. It returns a
:class:`ValidationResult`; the caller decides what to do (``raise_for_errors``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, get_args
from typing import Literal as TypingLiteral

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from .errors import KgEvError
from .namespace import KGEV, OA
from .rdf import article_graphs, claim_parts
from .store import as_store
from .resources import ontology_graph, shapes_graph

__all__ = ["Violation", "ValidationResult", "ValidationError", "validate", "quarantine", "claims_of", "ENGINES",
           "Engine"]


class ValidationError(KgEvError):
    """The graph does not conform to the kg_ev shapes."""


@dataclass(frozen=True)
class Violation:
    """One SHACL result, readable."""

    focus: str
    path: str | None
    message: str
    severity: str
    value: str | None = None
    evidence: str | None = None  # the claim's evidence sentence, when the focus is a claim

    def __str__(self) -> str:
        where = f" ({self.path})" if self.path else ""
        quote = f'\n    evidence: "{self.evidence}"' if self.evidence else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{quote}"


@dataclass(frozen=True)
class ValidationResult:
    """What validation found. ``conforms`` is True when there is no violation."""

    conforms: bool
    violations: tuple[Violation, ...]
    report: Graph

    def raise_for_errors(self) -> None:
        """Raise :class:`ValidationError` listing the violations, if any."""
        if not self.conforms:
            lines = "\n".join(str(v) for v in self.violations[:20])
            more = f"\n... and {len(self.violations) - 20} more" if len(self.violations) > 20 else ""
            raise ValidationError(f"{len(self.violations)} SHACL violation(s):\n{lines}{more}")

    def __str__(self) -> str:
        if self.conforms:
            return "Conforms: the graph satisfies the kg_ev shapes."
        return f"{len(self.violations)} violation(s)\n" + "\n".join(str(v) for v in self.violations)


def _data_copy(graph: Graph | Dataset) -> Graph:
    """A copy of what to validate: a Graph, or the article graphs of a Dataset (not the
    quarantine). pySHACL then works on this copy, never on the caller's graph."""
    copy = Graph()
    for part in article_graphs(graph) if isinstance(graph, Dataset) else [graph]:
        for triple in part:
            copy.add(triple)
    return copy


#: Validation engines: pySHACL, the reference, and pyshacl-turbo, a compiled engine with
#: the same API that gives the same results (checked by tests/test_validate.py), several
#: times faster. "auto" takes pyshacl-turbo when it is installed (``kg_ev[fast]``).
Engine = TypingLiteral["auto", "pyshacl", "turbo"]
ENGINES: tuple[Engine, ...] = get_args(Engine)


def _engine(name: str) -> str:
    """The engine that will run: "pyshacl" or "turbo"."""
    if name not in ENGINES:
        raise KgEvError(f"unknown validation engine {name!r}; use one of {', '.join(ENGINES)}")
    if name == "pyshacl":
        return name
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        if name == "turbo":
            raise KgEvError("the turbo engine needs pyshacl-turbo: pip install 'kg_ev[fast]'") from None
        return "pyshacl"
    return "turbo"


@cache
def _cached_shapes() -> Graph:
    return shapes_graph()


@cache
def _schema() -> Graph:
    """What the shapes read of the ontology: each predicate's domain and range, and the
    class hierarchy (``sh:class`` follows ``rdfs:subClassOf``). Mixed into the data in
    place of the whole ontology, whose labels and comments no shape reads (67 of its
    237 triples are kept; the engines copy them for every article)."""
    ontology, schema = ontology_graph(), Graph()
    for predicate in (RDFS.domain, RDFS.range, RDFS.subClassOf):
        for subject, value in ontology.subject_objects(predicate):
            schema.add((subject, predicate, value))
    return schema


@cache
def _compiled_shapes():
    """The kg_ev shapes compiled once by pyshacl-turbo, for every validation after."""
    from pyshacl_turbo import compile_shapes

    return compile_shapes(_cached_shapes())


def _turbo_input(graph: Graph | Dataset, ontology: Graph):
    """What pyshacl-turbo reads, with no rdflib copy: N-Triples text of the article graphs
    (the quarantine left out) and of the ontology, which turbo parses in Rust. An
    embedded store writes its union view itself (at 1M triples an rdflib copy took longer
    than the validation); other stores' views and an article's graph are written by
    pyoxigraph's serializer through oxrdflib. None when turbo's input class is not there (another
    turbo release): the copy path serves."""
    try:
        from pyshacl_turbo.rdf import Input
    except ImportError:
        return None
    if isinstance(graph, Dataset):  # what queries see, written by the store (Oxigraph writes its own view)
        text = as_store(graph).union().serialize(format="ox-nt", encoding="utf-8").decode("utf-8")
    else:
        text = _ntriples(graph)
    schema = _schema_text() if ontology is _schema() else _ntriples(ontology)
    return Input(text + schema, "nt", None, {}, {})


def _ntriples(graph: Graph) -> str:
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


@cache
def _schema_text() -> str:
    return _ntriples(_schema())


def validate(graph: Graph | Dataset, *, shapes: Graph | None = None, ontology: Graph | None = None,
             engine: Engine = "auto") -> ValidationResult:
    """Validate ``graph`` against the kg_ev shapes (or ``shapes``); the graph is not
    modified. What the shapes read of the kg_ev ontology (domains, ranges, the class
    hierarchy), or the whole ``ontology`` given, is mixed into the data they see.
    ``engine`` is one of :data:`ENGINES`."""
    run = _engine(engine)
    ontology = ontology if ontology is not None else _schema()
    data = _turbo_input(graph, ontology) if run == "turbo" else None
    if data is not None:  # where the evidence of a faulty claim is read
        lookup: Graph = as_store(graph).union() if isinstance(graph, Dataset) else graph
    else:
        # the ontology is mixed into a copy (what pySHACL's ont_graph does), which the engine
        # may then use as it likes; the shapes are only read, so the cached parse serves
        data = lookup = _data_copy(graph)
        for triple in ontology:
            data.add(triple)
    options: dict[str, Any] = dict(inference="none", abort_on_first=False, allow_warnings=False)
    if run == "pyshacl":
        from pyshacl import validate as _pyshacl_validate  # imported here: 0.2 s, and "auto" mostly runs turbo

        conforms, report, _ = _pyshacl_validate(data, shacl_graph=shapes if shapes is not None else _cached_shapes(),
                                                inplace=True, **options)
    elif shapes is None:  # the kg_ev shapes, compiled once
        conforms, report, _ = _compiled_shapes().validate(data, **options)
    else:
        from pyshacl_turbo import validate as turbo

        conforms, report, _ = turbo(data, shacl_graph=shapes, **options)
    violations = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        severity = report.value(result, SH.resultSeverity)
        value = report.value(result, SH.value)
        evidence = None
        for node in (focus, value):  # the claim is the focus, or the value of an article's result
            ev = lookup.value(node, KGEV.evidence) if isinstance(node, URIRef) else None
            if ev is not None:
                evidence = str(lookup.value(ev, OA.exact) or "") or None
                break
        violations.append(Violation(
            focus=str(focus), path=str(path) if path is not None else None,
            message=str(message) if message is not None else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=str(value) if value is not None else None, evidence=evidence,
        ))
    # the whole record is the key: one shape targets kgev:Claim itself, so many results
    # share focus and message and differ by value only
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message, v.value or "", v.evidence or ""))
    return ValidationResult(bool(conforms), tuple(violations), report)


def claims_of(graph: Graph, node: URIRef) -> set[URIRef]:
    """The claims a failing node belongs to: itself if it is a claim, the claim of an
    evidence node, of a resolution or of the mention a resolution points to, or the claims
    that use an entity as subject, object or source."""
    if (node, RDF.type, KGEV.Claim) in graph:
        return {node}
    found = {c for c in graph.subjects(KGEV.evidence, node) if isinstance(c, URIRef)}
    for resolution in [node, *graph.subjects(KGEV.antecedent, node)]:
        found.update(c for c in graph.subjects(KGEV.resolution, resolution) if isinstance(c, URIRef))
    for predicate in (RDF.subject, RDF.object, KGEV.source):
        found.update(c for c in graph.subjects(predicate, node)
                     if isinstance(c, URIRef) and (c, RDF.type, KGEV.Claim) in graph)
    return found


# kept aside without these types, so that the claim's shapes no longer target its parts
_UNTYPED_ASIDE = {(RDF.type, KGEV.Claim), (RDF.type, KGEV.Evidence), (RDF.type, KGEV.Resolution),
                  (RDF.type, KGEV.Mention)}


def quarantine(aside: Graph, graph: Graph, result: ValidationResult) -> int:
    """Move the claims of ``graph`` that ``result`` faults into ``aside`` (the quarantine
    graph of a Dataset, or a Graph to store there), retyped ``kgev:QuarantinedClaim`` and with a ``kgev:violation`` message
    for each reason; their plain triples are withdrawn. Returns how many were moved."""
    reasons: dict[URIRef, list[str]] = {}
    for violation in result.violations:
        nodes = [violation.focus] + ([violation.value] if violation.value else [])
        for node in nodes:
            for claim in claims_of(graph, URIRef(node)):
                reasons.setdefault(claim, []).append(violation.message)
    if not reasons:
        return 0
    for claim, messages in sorted(reasons.items()):
        s, p, o = (graph.value(claim, RDF.subject), graph.value(claim, RDF.predicate), graph.value(claim, RDF.object))
        for part in claim_parts(graph, claim):
            for triple in list(graph.triples((part, None, None))):
                graph.remove(triple)
                if triple[1:] not in _UNTYPED_ASIDE:
                    aside.add(triple)
        aside.add((claim, RDF.type, KGEV.QuarantinedClaim))
        for message in sorted(set(messages)):
            aside.add((claim, KGEV.violation, Literal(message)))
        if None not in (s, p, o):
            graph.remove((s, p, o))
    return len(reasons)
