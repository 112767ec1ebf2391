"""The shape of the rule files of ``kg_ev/rules/<lang>/``, checked when they load.

Each file has a table of allowed top-level keys, each with a check; a relation rule has
its own table. Keys starting with ``_comment`` are free text. An unknown key, a wrong
type, an unknown predicate or argument strategy raises :class:`~kg_ev.errors.RuleFileError`
naming the file and the rule, so a typo in the rules fails at load, not silently at use.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from ..errors import RuleFileError
from .relations import PHRASES, PREDICATE_TYPES, STRATEGIES, compile_pattern

_VOCAB = Vocab()

__all__ = ["check_rule_file"]

# -- checks: each returns None, or what is wrong ------------------------------------------


def _words(value) -> str | None:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        return "must be a list of non-empty strings"
    return None


def _nonempty_words(value) -> str | None:
    return _words(value) or (None if value else "must not be empty")


def _word_map(*value_types: type) -> Callable[[Any], str | None]:
    def check(value) -> str | None:
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and (v is None and type(None) in value_types or isinstance(v, value_types))
                for k, v in value.items()):
            return f"must map words to {' or '.join('null' if t is type(None) else t.__name__ for t in value_types)}"
        return None
    return check


def _word_lists(value) -> str | None:
    if not isinstance(value, dict) or any(_words(v) for v in value.values()):
        return "must map words to lists of words"
    return None


def _sequences(value) -> str | None:
    if not isinstance(value, list) or any(_nonempty_words(v) for v in value):
        return "must be a list of non-empty lists of words"
    return None


def _predicates(value) -> str | None:
    if _words(value):
        return _words(value)
    unknown = [p for p in value if p not in PREDICATE_TYPES]
    return f"names unknown predicates {unknown}; known: {sorted(PREDICATE_TYPES)}" if unknown else None


def _calibrated_cues(value) -> str | None:
    """'predicate:cue lemma' → a confidence in [0, 1] ('locatedIn:site': 0.14)."""
    if not isinstance(value, dict):
        return "must map 'predicate:lemma' to a confidence"
    for key, confidence in value.items():
        predicate, _, lemma = str(key).partition(":")
        if predicate not in PREDICATE_TYPES or not lemma:
            return f"key {key!r} must be 'predicate:lemma' with a known predicate"
        if _fraction(confidence):
            return f"{key!r} must be a number in [0, 1]"
    return None


def _count(value) -> str | None:
    return None if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else "must be a whole number ≥ 0"


def _fraction(value) -> str | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
    return None if ok else "must be a number in [0, 1]"


def _counts(value) -> str | None:
    if not isinstance(value, dict) or any(_count(v) for v in value.values()):
        return "must map names to whole numbers ≥ 0"
    return None


def _kinds(*kinds: str) -> Callable[[Any], str | None]:
    def check(value) -> str | None:
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            return f"must map words to one of {list(kinds)}"
        unknown = sorted(set(value.values()) - set(kinds))
        return f"names unknown kinds {unknown}; known: {list(kinds)}" if unknown else None
    return check


def _strategies(value) -> str | None:
    if _nonempty_words(value):
        return _nonempty_words(value)
    unknown = [name for name in value if not _known_strategy(name)]
    if unknown:
        return (f"names unknown argument strategies {unknown}; known: {sorted(STRATEGIES)} "
                f"and phrase:{{{','.join(sorted(PHRASES))}}}")
    return None


def _known_strategy(name: str) -> bool:
    kind, _, arg = name.partition(":")
    if kind == "phrase":
        return arg.partition(":")[0] in PHRASES
    return kind in STRATEGIES


def _pos(value) -> str | None:
    tags = {"NOUN", "PROPN", "VERB", "ADJ", "AUX", "ADV", "X", "NUM"}
    if _nonempty_words(value):
        return _nonempty_words(value)
    return f"names unknown parts of speech {sorted(set(value) - tags)}" if set(value) - tags else None


def _true_or_false(value) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


_RULE: dict[str, Callable[[Any], str | None]] = {
    "predicate": lambda v: None if v in PREDICATE_TYPES else f"is not a known predicate; known: {sorted(PREDICATE_TYPES)}",
    "pos": _pos,
    "lemmas": _nonempty_words,
    "subject": _strategies,
    "object": _strategies,
    "confidence": _fraction,
    "inverse": _true_or_false,
    "governors": _words,
    "blocked_by_governors": _words,
    "blocked_by_modifiers": _words,
    "blocked_by_lemma_nearby": _words,
    "purpose_marks": _words,
    "determiners": _words,
    "requires_object_cue": _word_lists,
    "realised_only": lambda v: _true_or_false(v) and _words(v) and "must be true, false or a list of words",
    "past_only": _true_or_false,
    "pairs_among_objects": _true_or_false,
    "context_lemmas": _words,
    "function_title": _true_or_false,
    "present_only": _true_or_false,
    "blocked_object_kinds": _words,
    "object_determiners": _words,
    "coordinated_subjects": _true_or_false,
    "apposition_only": _true_or_false,
    "part_of_title": _true_or_false,
    "not_in_apposition": _words,
    "reflexive_only": _words,
    "blocked_in_purpose": _true_or_false,
    "owner_not_listed": _true_or_false,
    "possessed_object_governors": _words,
    "entity_type": lambda v: None if v in {"Organization", "Person", "Place", "Product"} else "must be an entity type",
    "pattern": lambda v: _pattern(v),
    "bare_subject": _true_or_false,
    "required_modifiers": _words,
    "coordinate": lambda v: None if v in {"subject", "object"} else "must be 'subject' or 'object'",
}


def _pattern(value) -> str | None:
    """A token pattern: a list of spaCy Matcher token patterns (objects), with exactly one
    subject slot and one object slot ({"slot": "subject"}) and at most one token marked
    "cue": true."""
    if not isinstance(value, list) or not value or not all(isinstance(t, dict) and t for t in value):
        return "must be a non-empty list of token patterns (objects)"
    slots = [t["slot"] for t in value if "slot" in t]
    if sorted(slots) != ["object", "subject"] or any(len(t) != 1 for t in value if "slot" in t):
        return "must hold one {\"slot\": \"subject\"} and one {\"slot\": \"object\"}, each alone in its object"
    if sum(1 for t in value if t.get("cue")) > 1:
        return "must mark at most one token \"cue\": true"
    return None
_RULE_REQUIRED = ("predicate", "pos", "subject", "object", "confidence")

_FILES: dict[str, dict[str, Callable[[Any], str | None]]] = {
    "relations": {
        "rules": lambda v: None if isinstance(v, list) and all(isinstance(r, dict) for r in v) else "must be a list of rules",
        "market_nouns": _words, "market_stop": _words, "negating_verbs": _words,
        "eventive": _predicates, "background": _predicates,
        "limits": _counts, "coreference_penalty": _fraction, "min_confidence": _fraction, "calibrated_cues": _calibrated_cues, "irregular_forms": _word_map(str),
        "phrase_stop_heads": _words, "broad_places": _words, "function_words": _words,
        "phrase_heads": _words, "generic_determiners": _words, "rank_words": _words,
    },
    "attribution": {
        "according_to": _sequences,
        "speech_verbs": lambda v: _word_lists(v) or (None if set(v) <= {"report", "confirm", "deny", "unveil"}
                                                    else "must map report, confirm, deny or unveil to verbs"),
        "speech_forms": _kinds("report", "confirm", "deny", "unveil"),
        "unconfirm_verbs": _words, "declining_verbs": _words, "anonymous_heads": _words,
        "voice_nouns": _words, "party_nouns": _words, "role_nouns": _words, "appointment_verbs": _words, "outcome_nouns": _words, "subject_lending_verbs": _words, "echoed_predicates": _predicates, "comment_nouns": _words,
    },
    "lexicon": {
        "org_nouns": _word_map(str, type(None)), "person_nouns": _words, "place_nouns": _words,
        "product_nouns": _words, "not_entities": _words, "descriptive_determiners": _words,
        "pronouns": _kinds("Organization", "Person", "Place", "Product"),
        "number_words": _word_map(int, type(None)), "org_suffixes": _words, "org_prepositions": _words,
        "demonstratives": _words, "novelty_adjectives": _words, "kind_words": _word_map(str),
        "nationalities": _word_map(str), "facility_words": _words, "seat_participles": _words,
        "brand_nouns": _words, "naming_verbs": _words, "possessives": _words, "product_verbs": _words,
        "coref_window": _count, "title_nouns": _words, "person_titles": _words, "legal_forms": _words,
        "same_company_suffixes": _words, "place_heads": _words, "place_name_words": _words,
        "gazetteer_min_population": _count, "institution_nouns": _words, "geographic_nouns": _words,
        "electric_suffixes": _words, "powertrain_suffixes": _words, "name_quotes": _words, "person_or_org_nouns": _words, "portfolio_heads": _words,
        "opening_marks": _words, "headline_markers": _words, "byline_words": _words,
        "locative_prepositions": _words, "product_adjectives": _words, "product_complement_heads": _words,
        "model_articles": _words, "event_words": _words, "event_nouns": _words, "dateline_marks": _words,
        "acronym_skipped_words": _words, "model_determiners": _words,
        "product_attributes": _words, "government_nouns": _words, "collective_nouns": _words,
        "pronoun_genders": _kinds("Masc", "Fem"), "impersonal_verbs": _words,
    },
}


def check_rule_file(name: str, data: Any, *, source: str) -> None:
    """Check the parsed rule file ``name`` ('relations', 'attribution', 'lexicon',
    'words') read from ``source``; raise :class:`RuleFileError` at the first problem."""
    if not isinstance(data, dict):
        raise RuleFileError(f"{source}: a rule file must hold a JSON object")
    if name == "words":  # every key is a list of function words
        allowed: dict[str, Callable[[Any], str | None]] = {key: _words for key in data}
    elif name in _FILES:
        allowed = _FILES[name]
    else:
        raise RuleFileError(f"{source}: no schema for a rule file named {name!r}; known: "
                            f"{sorted(_FILES) + ['words']}")
    _check_keys(data, allowed, source, required=tuple(allowed) if name != "words" else ())
    for index, rule in enumerate(data.get("rules", ()) if name == "relations" else ()):
        lemmas = rule.get("lemmas", [])
        where = f"{source}: rule {index} ({rule.get('predicate', '?')}: {', '.join(map(str, lemmas[:3]))}"
        where += ", ...)" if len(lemmas) > 3 else ")"
        _check_keys(rule, _RULE, where, required=("predicate", "pattern", "confidence") if "pattern" in rule else _RULE_REQUIRED)
        if ("lemmas" in rule) + ("entity_type" in rule) + ("pattern" in rule) != 1:
            raise RuleFileError(f"{where}: a rule is cued by one of 'lemmas', an 'entity_type' or a 'pattern'")
        if "pattern" in rule:
            try:
                Matcher(_VOCAB).add("check", [compile_pattern(rule)[0]])
            except Exception as error:  # spaCy's own check of the token patterns
                raise RuleFileError(f"{where}: 'pattern' is not a valid token pattern: {error}") from None
        for lemma in rule.get("requires_object_cue", {}):
            if lemma not in lemmas:
                raise RuleFileError(f"{where}: 'requires_object_cue' names {lemma!r}, which is not one of its lemmas")


def _check_keys(data: dict, allowed: dict, where: str, *, required) -> None:
    for key, value in data.items():
        if key.startswith("_comment"):
            if not isinstance(value, str):
                raise RuleFileError(f"{where}: {key!r} must be a string")
            continue
        if key not in allowed:
            raise RuleFileError(f"{where}: unknown key {key!r}; allowed: {sorted(allowed)} (and '_comment...')")
        problem = allowed[key](value)
        if problem:
            raise RuleFileError(f"{where}: {key!r} {problem}")
    missing = [key for key in required if key not in data]
    if missing:
        raise RuleFileError(f"{where}: missing {missing}")
