"""kg_ev's exceptions. Each message says what went wrong and what to do."""

from __future__ import annotations

__all__ = ["KgEvError", "ArticleError", "UnsupportedLanguageError", "GraphFileError", "QueryError", "ServiceRefusedError",
           "QueryTimeoutError", "ResultTooLargeError", "RuleFileError"]


class KgEvError(Exception):
    """Base class of every error kg_ev raises on purpose."""


class ArticleError(KgEvError):
    """An article cannot be read: missing, unreadable, empty, or a malformed date."""


class UnsupportedLanguageError(ArticleError):
    """The article is not in a language kg_ev has rules for."""


class GraphFileError(KgEvError):
    """A graph file cannot be read or written: missing, malformed, or an unknown format."""


class QueryError(KgEvError):
    """A SPARQL query cannot be parsed or run."""


class RuleFileError(KgEvError):
    """A rule file of ``kg_ev/rules/<lang>/`` does not fit its schema (:mod:`kg_ev.nlp.schema`):
    the message names the file, the rule and the key to fix."""


class ServiceRefusedError(QueryError):
    """A SPARQL query asks a remote service (``SERVICE``), which kg_ev runs only when asked."""


class QueryTimeoutError(QueryError):
    """A SPARQL query ran longer than its ``timeout`` and was stopped."""


class ResultTooLargeError(QueryError):
    """A SPARQL query gives more rows than its ``max_rows``."""
