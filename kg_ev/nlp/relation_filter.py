"""A trained filter over the relations the rules read: each relation mention gets a
calibrated confidence, and those below the model's threshold stay out of the graph.

The rules find candidate relations with high recall on clean text but, on real press,
many of their arguments are wrong (the nearest name by word order, a name across a
comma, a list read as a rivalry). The filter is a logistic regression over features of
one candidate: the rule and its cue, how each argument was reached (its dependency
relation, its distance and side from the cue, commas and tree hops in between, whether
it is a name, a description or a pronoun), the sentence (its length, how many
organisations it names, a title, a quote) and the rules' own votes (other predicates
read on the same pair). Its weights are data, ``rules/<lang>/relation_filter.json``,
written by ``python -m kg_ev.nlp.train_filter`` from annotated articles; applying it
needs no scikit-learn and no pickle: a dot product and a sigmoid.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from typing import cast

from spacy.tokens import Doc, Token

from ..errors import KgEvError
from .mentions import mention_at

__all__ = ["RelationFilter", "features", "predicate_votes", "rule_signature", "check_model", "load_filter"]

_QUOTES_OPEN, _QUOTES_CLOSE = {"«", "“"}, {"»", "”"}


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "more"


def _ancestors(token: Token) -> list[int]:
    chain = [token.i]
    while token.head.i != token.i and len(chain) < 50:
        token = token.head
        chain.append(token.i)
    return chain


def _hops(a: Token, b: Token) -> int:
    """The length of the dependency path between two tokens of a sentence."""
    up_a, up_b = _ancestors(a), _ancestors(b)
    where = {index: depth for depth, index in enumerate(up_b)}
    for depth, index in enumerate(up_a):
        if index in where:
            return depth + where[index]
    return 99


def _in_quote(doc: Doc, i: int, start: int) -> bool:
    depth = 0
    for token in doc[start:i]:
        if token.text in _QUOTES_OPEN:
            depth += 1
        elif token.text in _QUOTES_CLOSE:
            depth = max(0, depth - 1)
    return depth > 0


def rule_signature(rule: dict) -> str:
    """A name for a relation rule that does not move when rules are added or reordered:
    its predicate, parts of speech and first cue (or the entity type that cues it). A rule
    the model never saw has no weight of its own; its other features still score it."""
    cue = (rule.get("lemmas") or [rule.get("entity_type", "?")])[0]
    if "pattern" in rule:  # a token pattern: named by its predicate and its words
        cue = "_".join(str(t.get("LOWER") or t.get("LEMMA") or "") for t in rule["pattern"] if "slot" not in t)[:40]
        return f"{rule['predicate']}:PATTERN:{cue}"
    return f"{rule['predicate']}:{'+'.join(rule['pos'])}:{cue}{':inverse' if rule.get('inverse') else ''}"


def _dep_path(cue: Token, token: Token) -> str:
    """The dependency labels from the argument up to where it meets the cue, and from the
    cue up to there ('nsubj^/' for the cue's subject, '^obl:arg/^nmod' ...)."""
    up_a, up_b = _ancestors(token), _ancestors(cue)
    where = {index: depth for depth, index in enumerate(up_b)}
    doc = cue.doc
    for depth, index in enumerate(up_a):
        if index in where:
            left = [doc[i].dep_ for i in up_a[:depth]]
            right = [doc[i].dep_ for i in up_b[:where[index]]]
            return "^".join(left) + "/" + "^".join(right)
    return "none"


def features(doc: Doc, relation, pairs: Counter | None = None, signatures: list[str] | None = None,
             hedges: frozenset[str] = frozenset()) -> dict[str, float]:
    """The features of one relation mention of ``doc`` (``doc._.kg_relations``).
    ``signatures``: :func:`rule_signature` of each rule by index (else the rule's index is
    its name); ``hedges``: lemmas that make a sentence a plan or a hypothesis."""
    cue = doc[relation.cue]
    sent = cue.sent
    infos = doc._.kg_entities
    predicate = relation.predicate
    rule = signatures[relation.rule] if signatures is not None and 0 <= relation.rule < len(signatures) else relation.rule
    found: dict[str, float] = {
        "bias": 1.0,
        f"p={predicate}": 1.0,
        f"rule={rule}": 1.0,
        f"conf={round(relation.confidence * 20) / 20:.2f}": 1.0,
        f"cue={cue.lemma_.lower()}|{predicate}": 1.0,
        f"cuepos={cue.pos_}|{predicate}": 1.0,
        f"cuedep={cue.dep_}|{predicate}": 1.0,
        f"sentlen={_bucket(len(sent) // 5)}": 1.0,
    }
    if hedges and any(t.lemma_.lower() in hedges or t.lower_ in hedges for t in sent):
        found["hedge"] = 1.0
        if any(doc[i].lemma_.lower() in hedges or doc[i].lower_ in hedges for i in _ancestors(cue)[1:4]):
            found["hedge_governs_cue"] = 1.0
    named = {k for m in doc._.kg_mentions if sent.start <= m.start < sent.end for k in m.keys if k in infos}
    found[f"entities={_bucket(len(named))}"] = 1.0
    if relation.negated:
        found["negated"] = 1.0
    if relation.conditional:
        found["conditional"] = 1.0
    if _in_quote(doc, cue.i, sent.start):
        found["quote"] = 1.0
    if sent.start == 0 or not any(t.text in {".", "!", "?"} for t in sent):
        found["title_or_line"] = 1.0
    organisations = {k for m in doc._.kg_mentions if sent.start <= m.start < sent.end for k in m.keys
                     if k in infos and infos[k].type == "Organization"}
    found[f"orgs={_bucket(len(organisations))}"] = 1.0
    ends = (("s", relation.anchors[0], relation.subject), ("o", relation.anchors[1], relation.object))
    for role, index, key in ends:
        if role == "o" and relation.object_is_phrase:
            found[f"o=phrase|{predicate}"] = 1.0
            found[f"o.words={_bucket(len(relation.object.split()))}"] = 1.0
            continue
        info = infos.get(key)
        if info is not None:
            found[f"{role}.type={info.type}|{predicate}"] = 1.0
            found[f"{role}.kind={info.kind}"] = 1.0
            found[f"{role}.known={info.wikidata is not None or info.hq is not None}"] = 1.0
        if index < 0 or index >= len(doc):
            continue
        token = doc[index]
        mention = mention_at(doc, token)
        found[f"{role}.via={mention.via if mention else 'none'}|{predicate}"] = 1.0
        distance = index - cue.i
        side = "self" if distance == 0 else "left" if distance < 0 else "right"
        found[f"{role}.side={side}|{predicate}"] = 1.0
        found[f"{role}.dist={_bucket(abs(distance))}"] = 1.0
        found[f"{role}.dep={token.dep_}"] = 1.0
        found[f"{role}.hops={_bucket(_hops(cue, token))}"] = 1.0
        if token.head.i == cue.i:
            found[f"{role}.child_of_cue"] = 1.0
        if token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children):
            found[f"{role}.list"] = 1.0
        if mention is not None and len(mention.keys) > 1:
            found[f"{role}.group"] = 1.0
        path = _dep_path(cue, token)
        if path.count("^") + path.count("/") <= 3:
            found[f"{role}.path={path}|{predicate}"] = 1.0
        low, high = sorted((index, cue.i))
        between = doc[low + 1:high]
        if any(t.text == "," for t in between):
            found[f"{role}.comma"] = 1.0
        if any(t.pos_ in {"VERB", "AUX"} and t.i != cue.i for t in between):
            found[f"{role}.verb_between"] = 1.0
        if not (sent.start <= index < sent.end):
            found[f"{role}.other_sentence"] = 1.0
    if pairs is not None:
        pair = frozenset((relation.subject, relation.object))
        if pairs[pair] > 1:
            found["pair_has_other_predicate"] = 1.0
    return found


def predicate_votes(relations) -> Counter:
    """How many distinct predicates the rules read on each pair of entities of a Doc."""
    return Counter(frozenset((s, o)) for s, o, _ in {(r.subject, r.object, r.predicate) for r in relations})


def check_model(model: dict, where: str) -> dict:
    """The filter's model file, checked: a threshold in [0, 1] and numeric weights."""
    if not isinstance(model, dict) or not isinstance(model.get("weights"), dict):
        raise KgEvError(f"{where}: a relation filter needs a 'weights' object")
    threshold = model.get("threshold")
    if not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1:
        raise KgEvError(f"{where}: 'threshold' must be a number in [0, 1], not {threshold!r}")
    bad = [k for k, v in model["weights"].items() if not isinstance(v, (int, float)) or isinstance(v, bool)]
    if bad:
        raise KgEvError(f"{where}: weight {bad[0]!r} is not a number")
    unknown = set(model) - {"_comment", "threshold", "weights", "trained_on", "cross_validation"}
    if unknown:
        raise KgEvError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    return model


class RelationFilter:
    """Score each relation mention; drop those below the threshold (see module doc)."""

    def __init__(self, nlp, name: str, model: dict | None, lang: str = "fr"):
        from ..resources import rules, words

        self.name = name
        self.model = model
        self.enabled = model is not None
        self.signatures = [rule_signature(rule) for rule in rules(lang, "relations")["rules"]]
        self.hedges = words(lang).get("hedge_words", frozenset())

    def probability(self, values: dict[str, float]) -> float:
        weights = cast(dict, self.model)["weights"]  # called only when enabled (a model)
        z = sum(weights.get(k, 0.0) * v for k, v in values.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def __call__(self, doc: Doc) -> Doc:
        if not self.enabled or not doc._.kg_relations:
            return doc
        pairs = predicate_votes(doc._.kg_relations)
        kept = []
        for relation in doc._.kg_relations:
            p = self.probability(features(doc, relation, pairs, self.signatures, self.hedges))
            if p >= cast(dict, self.model)["threshold"]:
                kept.append(replace(relation, confidence=round(p, 2)))
        doc._.kg_relations = kept
        return doc


def load_filter(lang: str, path=None) -> dict | None:
    """``rules/<lang>/relation_filter.json`` (or ``path``), checked by :func:`check_model`,
    or None when there is none (the rules' relations then pass)."""
    from ..resources import read_model_file

    return read_model_file(lang, "relation_filter", check_model, path)
