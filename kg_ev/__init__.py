"""kg_ev: a knowledge graph of the electric-vehicle industry from news articles.

Every relation kg_ev reads is a claim with its provenance and epistemic status (who
says it, how it is presented, the evidence sentence, the article, the extraction run),
validated against SHACL shapes. Graphs are plain rdflib objects; views are networkx
graphs.
"""

from importlib.metadata import PackageNotFoundError, version

from .article import parse_article, read_article
from .build import BuildResult, build
from .draw import draw
from .errors import (
    ArticleError,
    GraphFileError,
    KgEvError,
    QueryError,
    ServiceRefusedError,
    UnsupportedLanguageError,
)
from .export import load, serialize, write
from .extract import extract
from .facts import Fact, facts
from .model import Article, Claim, Entity, Extraction
from .namespace import KGEV, KGID
from .query import EXAMPLES, catalogue, query, query_df
from .tables import claims, entities
from .validate import ValidationError, ValidationResult, validate
from .views import claim_graph, partnership_graph, write_graph

try:
    __version__ = version("kg_ev")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "__version__",
    "build", "BuildResult", "extract", "read_article", "parse_article",
    "validate", "ValidationResult", "ValidationError",
    "facts", "Fact",
    "query", "query_df", "catalogue", "EXAMPLES", "entities", "claims",
    "claim_graph", "partnership_graph", "write_graph", "draw",
    "serialize", "write", "load",
    "Article", "Entity", "Claim", "Extraction", "KGEV", "KGID",
    "KgEvError", "ArticleError", "UnsupportedLanguageError", "GraphFileError", "QueryError",
    "ServiceRefusedError",
]

import logging as _logging

_logging.getLogger(__name__).addHandler(_logging.NullHandler())
