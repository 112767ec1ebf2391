"""kg_ev: a knowledge graph of the electric-vehicle industry from news articles.

Every relation kg_ev reads is a claim with its provenance and epistemic status (who
says it, how it is presented, the evidence sentence, the article, the extraction run),
validated against SHACL shapes. Graphs are plain rdflib objects; views are networkx
graphs. The public API is the names of ``__all__``, documented in docs/api.md.

``import kg_ev`` is light: every name but the errors is imported on first use (PEP 562),
and spaCy with the French model only with the first extraction. No module of the package
shares a name with a public function (``kg_ev.query`` is the function, its module is
``kg_ev.querying``; see docs/api.md, "Renamed"), so importing a module never shadows one.
"""

from __future__ import annotations

import logging as _logging
import warnings as _warnings
from importlib import import_module as _import_module
from typing import TYPE_CHECKING, Any

from .errors import (
    ArticleError,
    GraphFileError,
    KgEvError,
    QueryError,
    QueryTimeoutError,
    ResultTooLargeError,
    RuleFileError,
    ServiceRefusedError,
    UnsupportedLanguageError,
)

if TYPE_CHECKING:  # what the lazy names are, for type checkers and editors
    from .article import parse_article, read_article
    from .building import BuildInterrupted, BuildResult, Failure, build
    from .distributed import build_on_dask
    from .drawing import draw
    from .export import Format, load, load_into, serialize, write
    from .extraction import extract
    from .model import Article, Entity, Extraction
    from .model import Claim as ExtractedClaim
    from .namespace import KGEV, KGID, Predicate, Status
    from .querying import NamedQuery, catalogue, query, query_df
    from .standing import Fact, Standing, facts
    from .store import KgStore, StoreBusyError, StoreError, open_store, retract
    from .tables import ClaimRecord, EntityRecord, articles, claims, entities
    from .validation import Engine, ValidationError, ValidationResult, Violation, validate
    from .views import claim_graph, partnership_graph, write_graph

#: Public name → (module, name in that module), imported on first use.
_LAZY: dict[str, tuple[str, str]] = {
    # builds
    "build": ("building", "build"), "extract": ("extraction", "extract"),
    "BuildResult": ("building", "BuildResult"), "Failure": ("building", "Failure"),
    "build_on_dask": ("distributed", "build_on_dask"),
    "read_article": ("article", "read_article"), "parse_article": ("article", "parse_article"),
    # stores, files and formats
    "open_store": ("store", "open_store"), "retract": ("store", "retract"), "StoreError": ("store", "StoreError"),
    "KgStore": ("store", "KgStore"), "StoreBusyError": ("store", "StoreBusyError"),
    "BuildInterrupted": ("building", "BuildInterrupted"),
    "load": ("export", "load"), "load_into": ("export", "load_into"), "serialize": ("export", "serialize"),
    "write": ("export", "write"), "Format": ("export", "Format"),
    # validation
    "validate": ("validation", "validate"),
    "ValidationResult": ("validation", "ValidationResult"), "ValidationError": ("validation", "ValidationError"),
    "Violation": ("validation", "Violation"), "Engine": ("validation", "Engine"),
    # queries, records, facts, views
    "query": ("querying", "query"), "query_df": ("querying", "query_df"), "catalogue": ("querying", "catalogue"),
    "NamedQuery": ("querying", "NamedQuery"),
    "claims": ("tables", "claims"), "entities": ("tables", "entities"), "articles": ("tables", "articles"),
    "ClaimRecord": ("tables", "ClaimRecord"), "EntityRecord": ("tables", "EntityRecord"),
    "facts": ("standing", "facts"), "Fact": ("standing", "Fact"), "Standing": ("standing", "Standing"),
    "claim_graph": ("views", "claim_graph"), "partnership_graph": ("views", "partnership_graph"),
    "write_graph": ("views", "write_graph"), "draw": ("drawing", "draw"),
    # the records between extraction and RDF, the vocabulary
    "Article": ("model", "Article"), "Entity": ("model", "Entity"), "ExtractedClaim": ("model", "Claim"),
    "Extraction": ("model", "Extraction"),
    "KGEV": ("namespace", "KGEV"), "KGID": ("namespace", "KGID"),
    "Status": ("namespace", "Status"), "Predicate": ("namespace", "Predicate"),
}

#: Old names kept for one release: name → (module, name, what to use instead).
_DEPRECATED: dict[str, tuple[str, str, str]] = {
    "Claim": ("model", "Claim",
              "kg_ev.Claim is now kg_ev.ExtractedClaim (the extraction's dataclass; "
              "kg_ev.claims() returns ClaimRecord dicts)"),
    "EXAMPLES": ("querying", "EXAMPLES",
                 "kg_ev.EXAMPLES is deprecated: use kg_ev.catalogue()[name].sparql, or pass the "
                 "query's name to kg_ev.query"),
}

__all__ = [
    "__version__",
    # builds
    "build", "BuildResult", "BuildInterrupted", "Failure", "build_on_dask", "extract", "read_article", "parse_article",
    # stores, files and formats
    "open_store", "KgStore", "retract", "load", "load_into", "serialize", "write", "Format",
    # validation
    "validate", "ValidationResult", "Violation", "Engine",
    # queries, records, facts, views
    "query", "query_df", "catalogue", "articles", "NamedQuery", "claims", "ClaimRecord", "entities", "EntityRecord",
    "facts", "Fact", "Standing", "claim_graph", "partnership_graph", "write_graph", "draw",
    # records between extraction and RDF, vocabulary
    "Article", "Entity", "ExtractedClaim", "Extraction", "KGEV", "KGID", "Status", "Predicate",
    # errors
    "KgEvError", "ArticleError", "UnsupportedLanguageError", "GraphFileError", "QueryError", "ServiceRefusedError",
    "QueryTimeoutError", "ResultTooLargeError", "StoreError", "StoreBusyError", "ValidationError", "RuleFileError",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(_import_module(f".{module}", __name__), attribute)
        globals()[name] = value  # the next access is a plain lookup
        return value
    if name in _DEPRECATED:
        module, attribute, advice = _DEPRECATED[name]
        _warnings.warn(advice, DeprecationWarning, stacklevel=2)
        return getattr(_import_module(f".{module}", __name__), attribute)
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            globals()[name] = version("kg_ev")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            globals()[name] = "0+unknown"
        return globals()[name]
    raise AttributeError(f"module 'kg_ev' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


_logging.getLogger(__name__).addHandler(_logging.NullHandler())
