"""A trained proposer of relations the rules miss: every pair of entity mentions of one
sentence whose types fit a predicate, and that the rules did not already relate, is
scored by a logistic regression of that predicate; a pair above the model's threshold
becomes a relation mention like the rules' own, before attribution gives it a status
and sources.

The features of a candidate (subject, predicate, object) in one sentence are sparse:
the lemmas between the two mentions, the cue lemmas of the sentence (the relation
rules' lemmas, and the predicates they cue), the dependency path between the two heads
(its labels, and the lemma where the two branches meet), distance and commas between
them, their order, both types and kinds, how each is mentioned (name, description,
pronoun), whether one is the subject of the sentence's main verb, the prepositions
right before each mention, a negation or a conditional on the clause, and the rules'
votes on the pair. The weights are data, ``rules/<lang>/relation_proposer.json``,
written by ``python -m kg_ev.nlp.train_proposer`` from annotated articles; applying
them needs no scikit-learn and no pickle: a dot product and a sigmoid. Without that
file the component adds nothing.

A proposed relation carries ``origin='relation_proposer'`` and its probability as
``confidence``; its cue is the word where the dependency paths of the two mentions meet.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from ..errors import KgEvError
from ..resources import read_model_file
from .relation_filter import _bucket
from .relations import PREDICATE_TYPES, SYMMETRIC, RelationMention

__all__ = ["RelationProposer", "Candidate", "candidates", "check_model", "load_model", "ORIGIN"]

#: The ``origin`` of the relations the proposer adds.
ORIGIN = "relation_proposer"

#: Predicates between two entities (not phrases) the proposer may read.
ENTITY_PREDICATES = tuple(p for p, (_, ranges) in PREDICATE_TYPES.items() if ranges != ("Phrase",))

_SUBJECT_DEPS = {"nsubj", "nsubj:pass"}


def _chain(token: Token) -> list[Token]:
    chain = [token]
    while token.head.i != token.i and len(chain) < 60:
        token = token.head
        chain.append(token)
    return chain


def dependency_path(a: Token, b: Token) -> tuple[str, Token | None]:
    """The labels from ``a`` up to where it meets ``b``'s ancestors and down to ``b``
    ('nsubj^ obj_'), and the token where they meet (None across sentences)."""
    up_a, up_b = _chain(a), _chain(b)
    where = {t.i: depth for depth, t in enumerate(up_b)}
    for depth, token in enumerate(up_a):
        if token.i in where:
            ups = [t.dep_ + "^" for t in up_a[:depth]]
            downs = [t.dep_ + "_" for t in reversed(up_b[:where[token.i]])]
            return " ".join(ups + downs), token
    return "none", None


@dataclass(frozen=True)
class Candidate:
    """One (subject, predicate, object) read on two mentions of one sentence."""

    predicate: str
    subject: str
    object: str
    subject_root: int
    object_root: int
    sentence: int  # index of the sentence's first token
    features: dict[str, float]
    cue: int


def check_model(model: Any, where: str) -> dict:
    """The proposer's model file, checked: a threshold in [0, 1] and, for each predicate of
    the closed set between entities, numeric weights (and an optional threshold)."""
    if not isinstance(model, dict):
        raise KgEvError(f"{where}: a relation proposer model must be a JSON object")
    unknown = set(model) - {"_comment", "threshold", "predicates", "trained_on", "cross_validation"}
    if unknown:
        raise KgEvError(f"{where}: unknown key {sorted(unknown)[0]!r}")

    def threshold_ok(value) -> bool:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1

    if not threshold_ok(model.get("threshold")):
        raise KgEvError(f"{where}: 'threshold' must be a number in [0, 1], not {model.get('threshold')!r}")
    predicates = model.get("predicates")
    if not isinstance(predicates, dict):
        raise KgEvError(f"{where}: a relation proposer needs a 'predicates' object (predicate → weights)")
    for predicate, part in predicates.items():
        if predicate not in ENTITY_PREDICATES:
            raise KgEvError(f"{where}: {predicate!r} is not a predicate between two entities; "
                            f"known: {', '.join(ENTITY_PREDICATES)}")
        if not isinstance(part, dict) or not isinstance(part.get("weights"), dict):
            raise KgEvError(f"{where}: predicate {predicate!r} needs a 'weights' object")
        if set(part) - {"weights", "threshold", "examples"}:
            raise KgEvError(f"{where}: predicate {predicate!r}: unknown key {sorted(set(part) - {'weights', 'threshold', 'examples'})[0]!r}")
        if "threshold" in part and not threshold_ok(part["threshold"]):
            raise KgEvError(f"{where}: predicate {predicate!r}: 'threshold' must be a number in [0, 1]")
        bad = [k for k, v in part["weights"].items() if not isinstance(v, (int, float)) or isinstance(v, bool)]
        if bad:
            raise KgEvError(f"{where}: predicate {predicate!r}: weight {bad[0]!r} is not a number")
    return model


def load_model(lang: str, path: Traversable | Path | None = None) -> dict | None:
    """``rules/<lang>/relation_proposer.json`` (or ``path``), checked, or None when there
    is no such file; a malformed file is a :class:`~kg_ev.errors.KgEvError` naming it."""
    return read_model_file(lang, "relation_proposer", check_model, path)


def _preposition_before(doc: Doc, start: int, sent_start: int) -> str:
    for token in reversed(list(doc[max(sent_start, start - 2):start])):
        if token.pos_ == "ADP":
            return token.lower_
        if token.pos_ != "DET":
            break
    return "none"


def candidates(doc: Doc, rules, cue_lemmas: dict[str, set[str]], predicates=ENTITY_PREDICATES) -> Iterator[Candidate]:
    """Every candidate of ``doc`` the rules did not read (``doc._.kg_relations``), with its
    features. ``rules``: the :class:`~kg_ev.nlp.relations.RelationRules` whose negation and
    conditional tests are reused; ``cue_lemmas``: lemma → the predicates it cues."""
    infos = doc._.kg_entities or {}
    relations = doc._.kg_relations or []
    read = set()
    article_votes: dict[frozenset, set[str]] = {}
    sentence_votes: dict[tuple, set[str]] = {}
    for r in relations:
        if r.object_is_phrase:
            continue
        read.add((r.subject, r.predicate, r.object))
        if r.predicate in SYMMETRIC:
            read.add((r.object, r.predicate, r.subject))
        pair = frozenset((r.subject, r.object))
        article_votes.setdefault(pair, set()).add(r.predicate)
        sentence_votes.setdefault((pair, doc[r.cue].sent.start), set()).add(r.predicate)
    by_sentence: dict[int, list] = {}
    for mention in doc._.kg_mentions or ():
        for key in mention.keys:
            if key in infos:
                by_sentence.setdefault(doc[mention.root].sent.start, []).append((mention, key))
    for start, found in sorted(by_sentence.items()):
        if len({key for _, key in found}) < 2:
            continue
        sent = doc[start].sent
        cues = {t.lemma_.lower() for t in sent if t.lemma_.lower() in cue_lemmas}
        sentence_features = {f"scue={c}": 1.0 for c in cues}
        sentence_features.update({f"scuep={p}": 1.0 for c in cues for p in cue_lemmas[c]})
        root = sent.root
        subjects = {c.i for c in root.children if c.dep_ in _SUBJECT_DEPS}
        seen: set[tuple] = set()
        for (ms, s), (mo, o) in ((a, b) for a in found for b in found):
            if s == o or ms.start == mo.start and ms.keys == mo.keys and len(ms.keys) == 1:
                continue
            for predicate in predicates:
                domain, ranges = PREDICATE_TYPES[predicate]
                if infos[s].type != domain or infos[o].type not in ranges:
                    continue
                if predicate in SYMMETRIC and ms.start > mo.start:
                    continue  # one order for a symmetric predicate: the first mention is the subject
                if (s, predicate, o) in read:
                    continue
                key = (predicate, s, o, ms.root, mo.root)
                if key in seen:
                    continue
                seen.add(key)
                yield _candidate(doc, sent, predicate, s, o, ms, mo, infos, rules, sentence_features, subjects,
                                 article_votes.get(frozenset((s, o)), set()),
                                 sentence_votes.get((frozenset((s, o)), start), set()), cue_lemmas)


def _on_path(a: Token, b: Token, meet: Token | None) -> list[Token]:
    """The tokens of the dependency path between ``a`` and ``b``, the two ends left out."""
    if meet is None:
        return []
    found = []
    for start in (a, b):
        for token in _chain(start)[1:]:
            if token.i == meet.i:
                break
            found.append(token)
    return found + ([meet] if meet.i not in (a.i, b.i) else [])


def _candidate(doc, sent, predicate, s, o, ms, mo, infos, rules, sentence_features, subjects, votes,
               sentence_votes, cue_lemmas) -> Candidate:
    a, b = doc[ms.root], doc[mo.root]
    first, second = (ms, mo) if ms.start <= mo.start else (mo, ms)
    between = doc[first.end:second.start] if first.end <= second.start else doc[0:0]
    values: dict[str, float] = {"bias": 1.0, **sentence_features}
    values["order=" + ("so" if ms.start <= mo.start else "os")] = 1.0
    for token in between:
        if not token.is_punct and not token.is_space:
            values[f"btw={token.lemma_.lower()}"] = 1.0
    commas = sum(t.text == "," for t in between)
    values[f"commas={_bucket(commas)}"] = 1.0
    values[f"dist={_bucket(len(between))}"] = 1.0
    if any(t.text in {"(", ")"} for t in between):
        values["paren_between"] = 1.0
    if any(t.pos_ in {"VERB", "AUX"} for t in between):
        values["verb_between"] = 1.0
    if any(t.lower_ in {"et", "ou"} for t in between) and len(between) <= 3:
        values["coordinated"] = 1.0
    path, meet = dependency_path(a, b)
    values[f"path={path}"] = 1.0
    labels = path.split()
    values[f"hops={_bucket(len(labels))}"] = 1.0
    if labels and path != "none":
        values[f"path.first={labels[0]}"] = 1.0
        values[f"path.last={labels[-1]}"] = 1.0
    for token in _on_path(a, b, meet):
        values[f"onpath={token.lemma_.lower()}"] = 1.0
        for p in cue_lemmas.get(token.lemma_.lower(), ()):
            values[f"onpathcue={p}"] = 1.0
    for token in between:
        for p in cue_lemmas.get(token.lemma_.lower(), ()):
            values[f"btwcue={p}"] = 1.0
    cue = meet if meet is not None else a
    if meet is not None:
        values[f"meet={meet.lemma_.lower()}"] = 1.0
        values[f"meetpos={meet.pos_}"] = 1.0
        if meet.i not in (a.i, b.i):
            if rules is not None and rules._negated(meet):
                values["negated"] = 1.0
            if rules is not None and rules._conditional(meet):
                values["conditional"] = 1.0
    for role, mention, token, key in (("s", ms, a, s), ("o", mo, b, o)):
        info = infos[key]
        values[f"{role}.type={info.type}"] = 1.0
        values[f"{role}.kind={info.kind}"] = 1.0
        values[f"{role}.via={mention.via}"] = 1.0
        values[f"{role}.dep={token.dep_}"] = 1.0
        values[f"{role}.prep={_preposition_before(doc, mention.start, sent.start)}"] = 1.0
        for child in token.children:
            if child.dep_ == "case":
                values[f"{role}.case={child.lower_}"] = 1.0
        if token.i in subjects:
            values[f"{role}.sentence_subject"] = 1.0
        if len(mention.keys) > 1:
            values[f"{role}.in_list"] = 1.0
    for p in votes:
        values[f"vote={p}"] = 1.0
    for p in sentence_votes:
        values[f"svote={p}"] = 1.0
    if not votes:
        values["vote=none"] = 1.0
    return Candidate(predicate, s, o, ms.root, mo.root, sent.start, values, cue.i)


class RelationProposer:
    """Add the relations the model trusts among the pairs the rules did not relate (see
    module doc)."""

    def __init__(self, nlp, name: str, model: dict | None, rules=None, cue_lemmas: dict[str, set[str]] | None = None):
        self.name = name
        self.model = model
        self.enabled = model is not None and bool(model["predicates"])
        self.rules = rules
        self.cue_lemmas = cue_lemmas or {}

    def probability(self, predicate: str, values: dict[str, float]) -> float:
        weights = self.model["predicates"][predicate]["weights"]  # type: ignore[index]
        z = sum(weights.get(k, 0.0) * v for k, v in values.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold(self, predicate: str) -> float:
        model = self.model or {}
        return float(model["predicates"][predicate].get("threshold", model["threshold"]))

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled:
            return doc
        predicates = tuple(p for p in ENTITY_PREDICATES if p in self.model["predicates"])  # type: ignore[index]
        best: dict[tuple, tuple[float, Candidate]] = {}
        for candidate in candidates(doc, self.rules, self.cue_lemmas, predicates):
            p = self.probability(candidate.predicate, candidate.features)
            if p < self.threshold(candidate.predicate):
                continue
            key = (candidate.predicate, candidate.subject, candidate.object, candidate.sentence)
            if key not in best or best[key][0] < p:
                best[key] = (p, candidate)
        if not best:
            return doc
        added = [RelationMention(c.predicate, c.subject, c.object, False, c.cue,
                                 tuple(sorted({c.cue, c.subject_root, c.object_root})),
                                 "negated" in c.features, "conditional" in c.features, round(p, 2),
                                 anchors=(c.subject_root, c.object_root), origin=ORIGIN)
                 for p, c in best.values()]
        doc._.kg_relations = sorted([*(doc._.kg_relations or []), *added],
                                    key=lambda r: (r.cue, r.predicate, r.subject, r.object))
        return doc
