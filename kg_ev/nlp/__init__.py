"""The spaCy side of kg_ev: a French pipeline plus kg_ev's own components."""

from __future__ import annotations

import gc
from functools import cache
from typing import TYPE_CHECKING, cast

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

from ..resources import rules

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
from . import components  # noqa: F401  (registers the factories and Doc extensions)

__all__ = ["load_pipeline", "keep_hyphenated_words", "split_glued_sentences", "freeze_long_lived", "MODELS"]

#: The spaCy model used for each supported language.
MODELS = {"fr": "fr_core_news_md"}


@cache
def load_pipeline(lang: str = "fr") -> Language:
    """The spaCy model for ``lang`` with kg_ev's components added (loaded once)."""
    nlp = spacy.load(MODELS[lang])
    keep_hyphenated_words(nlp, lang)
    split_glued_sentences(nlp)
    nlp.add_pipe("kg_ev_paragraphs", before="parser")
    nlp.add_pipe("kg_ev_entities", after="ner", config={"lang": lang})
    nlp.add_pipe("kg_ev_coref", config={"lang": lang})
    nlp.add_pipe("kg_ev_relations", config={"lang": lang})
    nlp.add_pipe("kg_ev_relation_filter", config={"lang": lang})
    nlp.add_pipe("kg_ev_relation_proposer", config={"lang": lang})
    nlp.add_pipe("kg_ev_attribution", config={"lang": lang})
    freeze_long_lived()
    return nlp


def freeze_long_lived() -> None:
    """Move the objects alive now (the model's: some 400,000 lists of its lookup tables,
    kept as long as the process) out of the reach of Python's cyclic garbage collector.
    A build allocates enough to trigger a full collection every few dozen articles, and
    each one scanned all of them (about 0.5 s on the 2-core machine, a fifth of a build of
    15 articles); frozen, they are no longer scanned. Garbage is collected first, so
    nothing unreachable is kept; what is frozen is still freed when its last reference
    goes (``gc.unfreeze()`` undoes it)."""
    gc.collect()
    gc.freeze()


def keep_hyphenated_words(nlp: Language, lang: str) -> None:
    """Keep the lexicon's hyphenated cue words ('start-up', 'porte-parole', 'maison-mère')
    as one token, as the rules expect, in lower case and capitalised."""
    lexicon = rules(lang, "lexicon")
    relations = rules(lang, "relations")
    words = set(lexicon["org_nouns"]) | set(lexicon["person_nouns"]) | set(lexicon["product_nouns"])
    words |= {lemma for rule in relations["rules"] for lemma in rule.get("lemmas", ())}
    for word in sorted(w for w in words if "-" in w and " " not in w):
        for form in {word, word[:1].upper() + word[1:], word.upper()}:
            for text in (form, form + "s"):
                cast("Tokenizer", nlp.tokenizer).add_special_case(text, [{"ORTH": text}])


#: A full stop glued to the next sentence by a missing space ('en 2024.Cependant'): after
#: a digit or a lower-case letter, before a capital and a lower-case letter.
GLUED_FULL_STOP = r"(?<=[0-9a-zà-ÿ])\.(?=[A-ZÀ-Ý][a-zà-ÿ])"


def split_glued_sentences(nlp: Language) -> None:
    """Cut 'en 2024.Cependant' into three tokens, so the sentence ends where it should and
    no name is glued to the previous sentence's last word."""
    infixes = cast("list[str]", nlp.Defaults.infixes)  # spaCy types it Optional; every language sets it
    cast("Tokenizer", nlp.tokenizer).infix_finditer = compile_infix_regex([*infixes, GLUED_FULL_STOP]).finditer
