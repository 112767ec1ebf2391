"""The spaCy side of kg_ev: a French pipeline plus kg_ev's own components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories and Doc extensions)

__all__ = ["load_pipeline", "MODELS"]

#: The spaCy model used for each supported language.
MODELS = {"fr": "fr_core_news_md"}


@cache
def load_pipeline(lang: str = "fr") -> Language:
    """The spaCy model for ``lang`` with kg_ev's components added (loaded once)."""
    nlp = spacy.load(MODELS[lang])
    nlp.add_pipe("kg_ev_paragraphs", before="parser")
    nlp.add_pipe("kg_ev_entities", after="ner", config={"lang": lang})
    nlp.add_pipe("kg_ev_coref", config={"lang": lang})
    nlp.add_pipe("kg_ev_relations", config={"lang": lang})
    nlp.add_pipe("kg_ev_attribution", config={"lang": lang})
    return nlp
