"""kg_ev's spaCy components, registered as factories.

=======================  ===================================================  =========================
factory                  what it does                                         assigns
=======================  ===================================================  =========================
kg_ev_paragraphs         a sentence starts after every line break             ``Token.is_sent_start``
kg_ev_entities           knowledge base, entity splitting and retyping        ``doc.ents``, ``doc._.kg_entities``
kg_ev_coref              descriptive mentions and pronouns → entities         ``doc._.kg_mentions``
kg_ev_relations          relation rules of the closed predicate set           ``doc._.kg_relations``
kg_ev_relation_filter    trained confidence; drops relations below threshold  ``doc._.kg_relations``
kg_ev_relation_proposer  trained; adds relations the rules missed             ``doc._.kg_relations``
kg_ev_attribution        sources and status of each relation                  ``doc._.kg_frames``, ``doc._.kg_attributed``
=======================  ===================================================  =========================
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..resources import rules, words
from .attribution import Attribution
from .docindex import token_texts
from .mentions import CorefResolver, EntityCorrector
from .relation_filter import RelationFilter, load_filter
from .relation_proposer import RelationProposer, load_model
from .relations import RelationRules

__all__ = ["register_extensions"]

_EXTENSIONS = ("kg_entities", "kg_mentions", "kg_mention_index", "kg_sentence_starts", "kg_relations", "kg_frames",
               "kg_attributed")


def register_extensions() -> None:
    """Register kg_ev's ``Doc._`` attributes, once."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


_NOT_A_START = numpy.iinfo(numpy.uint64).max  # -1 as spaCy's uint64 arrays hold it
_FINAL = {".", "!", "?", "…", "...", "?!", ";"}


def _split_paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence; inside a line, a sentence may only start after
    final punctuation, so the parser cannot cut 'Connu pour ses smartphones Mi' in two.
    The starts are written as one array: spaCy's ``token.is_sent_start`` setter checks
    the whole Doc for a parse each time."""
    starts = doc.to_array([SENT_START]).reshape(-1, 1)  # uint64, where -1 (not a start) wraps
    # the words as strings, read once (a token's whitespace_ is "" or one space: no line break)
    texts = token_texts(doc)
    spaces = doc.to_array([IS_SPACE]).tolist()
    for i in range(1, len(doc)):
        previous = texts[i - 1]
        if "\n" in previous:
            starts[i, 0] = 1
        elif not spaces[i] and previous not in _FINAL and not (
                previous in {"»", "\"", "”"} and i >= 2 and texts[i - 2] in _FINAL):
            starts[i, 0] = _NOT_A_START
    doc.from_array([SENT_START], starts)  # type: ignore[arg-type]  # spaCy's stub: to_array is uint64, not float
    return doc


@Language.component("kg_ev_paragraphs", assigns=["token.is_sent_start"])
def make_paragraph_splitter(doc: Doc) -> Doc:
    """A line break ends a sentence (titles and paragraphs); the parser keeps it."""
    return _split_paragraphs(doc)


@Language.factory("kg_ev_entities", default_config={"lang": "fr"}, requires=["doc.ents"],
                  assigns=["doc.ents", "doc._.kg_entities"])
def make_entity_corrector(nlp: Language, name: str, lang: str) -> EntityCorrector:
    return EntityCorrector(nlp, name, lang)


@Language.factory("kg_ev_coref", default_config={"lang": "fr", "window": None},
                  requires=["doc._.kg_entities", "token.dep"], assigns=["doc._.kg_mentions"])
def make_coref(nlp: Language, name: str, lang: str, window: int | None) -> CorefResolver:
    """``window``: sentences a description may look back; by default the lexicon's ``coref_window``."""
    return CorefResolver(nlp, name, lang, window)


@Language.factory("kg_ev_relations", default_config={"lang": "fr"},
                  requires=["doc._.kg_mentions", "token.dep", "token.lemma"], assigns=["doc._.kg_relations"])
def make_relations(nlp: Language, name: str, lang: str) -> RelationRules:
    return RelationRules(nlp, name, rules(lang, "relations"), rules(lang, "lexicon"), words(lang))


@Language.factory("kg_ev_relation_filter", default_config={"lang": "fr"},
                  requires=["doc._.kg_relations"], assigns=["doc._.kg_relations"])
def make_relation_filter(nlp: Language, name: str, lang: str) -> RelationFilter:
    return RelationFilter(nlp, name, load_filter(lang), lang)


@Language.factory("kg_ev_relation_proposer", default_config={"lang": "fr"},
                  requires=["doc._.kg_relations", "doc._.kg_mentions"], assigns=["doc._.kg_relations"])
def make_relation_proposer(nlp: Language, name: str, lang: str) -> RelationProposer:
    """Inactive (adds nothing) until ``rules/<lang>/relation_proposer.json`` exists."""
    model = load_model(lang)
    if model is None:
        return RelationProposer(nlp, name, None)
    from .train_proposer import cue_lemmas

    relations = rules(lang, "relations")
    return RelationProposer(nlp, name, model,
                            RelationRules(nlp, name, relations, rules(lang, "lexicon"), words(lang)), cue_lemmas(relations))


@Language.factory("kg_ev_attribution", default_config={"lang": "fr"},
                  requires=["doc._.kg_relations"], assigns=["doc._.kg_frames", "doc._.kg_attributed"])
def make_attribution(nlp: Language, name: str, lang: str) -> Attribution:
    relations = rules(lang, "relations")
    cue_nouns: dict[str, set[str]] = {}
    for rule in relations["rules"]:
        if "NOUN" in rule.get("pos", ()) and "lemmas" in rule:
            cue_nouns.setdefault(rule["predicate"], set()).update(rule["lemmas"])
    return Attribution(nlp, name, rules(lang, "attribution"), relations["eventive"], relations["background"],
                       rules(lang, "lexicon")["number_words"], words(lang), cue_nouns)
