"""Writing and reading kg_ev graphs: Turtle, TriG, JSON-LD (N-Quads, N-Triples).

Output is deterministic: the same graph gives the same bytes (content-derived IRIs, no
blank nodes, sorted output). Files are written atomically: an interrupted write leaves
the previous file intact.
"""

from __future__ import annotations

import io
import json
import mmap
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Literal as TypingLiteral
from typing import cast, get_args, overload

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from .errors import GraphFileError
from .namespace import PREFIXES, bind_prefixes
from .rdf import QUARANTINE, article_graphs, new_dataset
from .store import as_store

__all__ = ["Format", "FORMATS", "serialize", "write", "load", "load_into", "format_for", "atomic_path",
           "check_output", "check_nesting", "MAX_NESTING"]

Format = TypingLiteral["turtle", "trig", "json-ld", "nquads", "nt"]
FORMATS: dict[str, Format] = {".ttl": "turtle", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld",
                              ".nq": "nquads", ".nt": "nt"}
_QUAD_FORMATS = {"trig", "nquads"}
_OXIGRAPH_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nquads": "N_QUADS", "nt": "N_TRIPLES"}


def _check_format(fmt: str) -> Format:
    """``fmt`` if it is a :data:`Format`, else a :class:`GraphFileError` listing them."""
    if fmt not in get_args(Format):
        raise GraphFileError(f"unknown format {fmt!r}: use one of {', '.join(get_args(Format))}")
    return cast(Format, fmt)


@overload
def format_for(path: str | Path, default: Format = "turtle") -> Format: ...
@overload
def format_for(path: str | Path, default: None) -> Format | None: ...
def format_for(path: str | Path, default: Format | None = "turtle") -> Format | None:
    """The format a file name implies (``.ttl``, ``.trig``, ``.jsonld``...), else ``default``."""
    return FORMATS.get(Path(path).suffix.lower(), default)


def _flat(dataset: Dataset) -> Graph:
    """The union of the article graphs and the quarantine, as one Graph."""
    graph = bind_prefixes(Graph())
    for part in [*article_graphs(dataset), dataset.graph(QUARANTINE)]:
        for triple in part:
            graph.add(triple)
    return graph


def serialize(graph: Graph | Dataset, *, format: Format = "turtle") -> str:
    """The graph as text. For a Dataset, ``turtle``, ``json-ld`` and ``nt`` give the
    union (every claim with its provenance, quarantined claims typed
    ``kgev:QuarantinedClaim``); ``trig`` and ``nquads`` keep the named graphs."""
    _check_format(format)
    if isinstance(graph, Dataset):
        graph = as_store(graph).in_memory()  # a store's named graphs, read once
    if isinstance(graph, Dataset) and format not in _QUAD_FORMATS:
        graph = _flat(graph)
    if format == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        data = _sorted_json(json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True)))
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if format == "nquads" or format == "nt":
        lines = graph.serialize(format=format).splitlines()
        return "\n".join(sorted(line for line in lines if line.strip())) + "\n"
    if format == "trig":
        return _trig(graph)
    return graph.serialize(format=format)


def _sorted_json(node, key: str | None = None):
    """A JSON-LD document with every array in a fixed order: node objects by ``@id``,
    values by their JSON text (rdflib writes them in set order, which changes with
    Python's string hashing). ``@list`` arrays, whose order is data, are kept."""
    if isinstance(node, dict):
        return {k: _sorted_json(v, k) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_json(item) for item in node]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: (item.get("@id", "") if isinstance(item, dict) else "",
                                               json.dumps(item, ensure_ascii=False, sort_keys=True)))
    return node


def _trig(graph: Graph | Dataset) -> str:
    """TriG with the named graphs in the order of their names: rdflib lists a store's
    graphs in set order, which changes with Python's string hashing."""
    serializer = TrigSerializer(graph)
    serializer.contexts.sort(key=lambda context: (context.identifier == serializer.default_context,
                                                  str(context.identifier)))
    stream = io.BytesIO()
    serializer.serialize(stream, encoding="utf-8")
    return stream.getvalue().decode("utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output(path: str | Path) -> Path:
    """The file a write to ``path`` replaces (a symbolic link's target: the link stays),
    checked before any work: its folder exists and takes a new file, and it is not a
    folder nor a read-only file (which a rename would replace, and make writable).
    Raises :class:`GraphFileError` saying which."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise GraphFileError(f"{path}: the folder {folder} does not exist")
    if target.is_dir():
        raise GraphFileError(f"{path}: is a folder, not a file")
    if target.exists() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        raise GraphFileError(f"{path}: a read-only file, not replaced (make it writable, or write another file)")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot be written ({exc.strerror})") from None
    return target


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write into; it replaces ``path`` only when the
    block ends without error, so an interrupted write leaves the previous file intact.
    A symbolic link is written through (its target replaced, the link kept), an existing
    file keeps its permissions, and a read-only one is refused (:func:`check_output`)."""
    path = Path(path)
    target = check_output(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        # an existing file's permissions, else what open() would give (not mkstemp's owner-only 0600)
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot be written ({exc.strerror})") from None
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot be written ({exc.strerror})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write(graph: Graph | Dataset, path: str | Path, *, format: Format | None = None) -> Path:
    """Serialize to ``path`` atomically (a temporary file renamed over the target).

    A store writes itself (:meth:`kg_ev.store.KgStore.dump`): an embedded store through
    Oxigraph's own serializers, streaming, in Turtle, TriG, N-Quads and N-Triples, the
    same triples as :func:`serialize` gives, laid out by Oxigraph, the same bytes for the
    same graph."""
    path = Path(path)
    fmt = _check_format(format or format_for(path))
    if isinstance(graph, Dataset):
        store = as_store(graph)
        with atomic_path(path) as tmp, open(tmp, "wb") as out:
            store.dump(out, format=fmt)
        return path
    text = serialize(graph, format=fmt)
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


def load_into(store: Dataset, path: str | Path, *, format: Format | None = None) -> int:
    """Add a graph file to a store (TriG and N-Quads keep their graphs; the triples of
    other formats go to the default graph), all or nothing. Returns how many quads the
    file holds.

    A malformed file adds nothing, and neither does an error or an interrupt while it is
    written: a memory store undoes a partial write, an embedded store reads the file with
    Oxigraph into one transaction (``Store.extend``) with the triples its union view gains.
    A SPARQL server receives the file in requests of 5,000 quads: one stopped midway
    leaves the requests already sent, which loading the file again completes (a store
    is a set of quads)."""
    return as_store(store).load_file(path, format=format)


#: How deep ``[ ]`` and ``( )`` may nest in Turtle and TriG: rdflib's parser, recursive,
#: fails past about 120 (Oxigraph's would take any depth); kg_ev's own files never nest.
MAX_NESTING = 100
_TOKENS = re.compile(  # what may hold a bracket that is none: strings, IRIs, comments, escapes
    rb'"""(?:[^"\\]|\\.|"(?!""))*"""' rb"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    rb'|"(?:[^"\\\n]|\\.)*"' rb"|'(?:[^'\\\n]|\\.)*'" rb'|<[^<>"{}|^`\\\s]*>|#[^\n]*|\\.'
    rb"|([\[(])|([\])])", re.DOTALL)


def check_nesting(path: Path, fmt: str) -> None:
    """Refuse a Turtle or TriG file whose ``[ ]`` or ``( )`` nest deeper than
    :data:`MAX_NESTING` (the brackets outside strings, IRIs and comments), as malformed:
    the same answer whichever parser reads it."""
    if fmt not in ("turtle", "trig") or path.stat().st_size == 0:
        return
    with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if sum(1 for _ in islice(re.finditer(rb"[\[(]", data), MAX_NESTING + 1)) <= MAX_NESTING:
            return  # the common case: too few brackets to nest that deep
        depth = 0
        for found in _TOKENS.finditer(data):
            if found.lastindex == 1:
                depth += 1
                if depth > MAX_NESTING:
                    line = data[:found.start()].count(b"\n") + 1
                    raise GraphFileError(f"{path}: malformed {fmt} ([ ] or ( ) nested deeper than {MAX_NESTING} "
                                         f"levels, line {line})")
            elif found.lastindex == 2:
                depth = max(depth - 1, 0)


def load(path: str | Path, *, format: Format | None = None) -> Dataset:
    """Read a graph file into a Dataset (Turtle lands in the default graph, TriG keeps
    its named graphs). Raises :class:`GraphFileError` naming the file and the problem."""
    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file")
    fmt = _check_format(format) if format else format_for(path, default=None)
    if not fmt:
        raise GraphFileError(f"{path}: unknown graph format; use a .ttl, .trig, .jsonld, .nq or .nt file")
    check_nesting(path, fmt)
    dataset = new_dataset()
    try:
        data = path.read_text(encoding="utf-8")
        if fmt == "json-ld":
            _refuse_remote_contexts(path, data)
        if fmt in _QUAD_FORMATS:
            dataset.parse(data=data, format=fmt)
        else:
            dataset.default_context.parse(data=data, format=fmt)
    except GraphFileError:
        raise
    except UnicodeDecodeError:
        raise GraphFileError(f"{path}: not UTF-8 text") from None
    except Exception as exc:  # rdflib's parsers raise many exception types
        message = " ".join(str(exc).split())[:300]
        raise GraphFileError(f"{path}: malformed {fmt} ({message})") from None
    return dataset


def _refuse_remote_contexts(path: Path, data: str) -> None:
    """kg_ev never fetches from the network: a JSON-LD document whose ``@context`` (or
    ``@import``) names a document by IRI is refused, before rdflib would fetch it."""
    try:
        document = json.loads(data)
    except ValueError as exc:
        raise GraphFileError(f"{path}: malformed json-ld ({exc})") from None

    def remote(context) -> str | None:
        if isinstance(context, str):
            return context
        if isinstance(context, list):
            return next((r for r in map(remote, context) if r), None)
        if isinstance(context, dict) and isinstance(context.get("@import"), str):
            return context["@import"]
        return None

    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            iri = remote(node["@context"]) if "@context" in node else None
            if iri:
                raise GraphFileError(f"{path}: the JSON-LD context {iri!r} is remote; kg_ev never fetches "
                                     "from the network (embed the context in the document)")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
