"""Relation rules for the closed predicate set, read from ``rules/<lang>/relations.json``.

A rule names cue lemmas (a noun such as *partenariat*, a verb such as *fonder*) and,
for each argument, strategies tried in order over the dependency parse: the clause's
subject, an apposition, a prepositional complement with a given case marker, a
possessive determiner, the agent of a passive... The ontology's domain and range of the
predicate filter what each strategy finds, so the same rule reads active, passive,
apposition and relative-clause forms. The result is ``doc._.kg_relations``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from typing import cast

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from .docindex import DocIndex, doc_attribute, doc_index, sentence_end, sentence_start
from .mentions import Mention, er_forms, mention_at, mention_start, preverbal_subjects

__all__ = ["RelationMention", "RelationRules", "PREDICATE_TYPES", "STRATEGIES", "strategy", "PHRASES", "phrase", "er_forms"]

#: (domain, range) of each predicate; "Phrase" admits a literal. Kept equal to the
#: ontology's rdfs:domain / rdfs:range by tests/test_namespace.py.
PREDICATE_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "partnersWith": ("Organization", ("Organization",)),
    "negotiatesWith": ("Organization", ("Organization",)),
    "competesWith": ("Organization", ("Organization",)),
    "usesFacilityOf": ("Organization", ("Organization",)),
    "ownedBy": ("Organization", ("Organization",)),
    "founderOf": ("Person", ("Organization",)),
    "leads": ("Person", ("Organization",)),
    "worksFor": ("Person", ("Organization",)),
    "locatedIn": ("Organization", ("Place",)),
    "produces": ("Organization", ("Product",)),
    "plansToLaunch": ("Organization", ("Product", "Phrase")),
    "entersMarket": ("Organization", ("Phrase",)),
}
SYMMETRIC = {"partnersWith", "negotiatesWith", "competesWith"}

_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "expl:subj"}  # the parser labels a subject before "se" expl:subj
_CLIMB_DEPS = {"obj", "xcomp", "obl", "obl:arg", "obl:mod", "nmod", "acl", "ccomp", "conj", "advcl", "iobj", "cop", "advmod", "mark"}
#: Strategies that find one argument by word order: no conjunct is read after it
#: ('l'intégration d'AID, le département de VAG, au sein d'Argo AI').
_SINGLE_STRATEGIES = {"apposition_de", "before_paren"}
_GOVERNED_DEPS = {"xcomp", "ccomp", "obj", "nsubj:pass", "obl", "obl:arg", "obl:mod", "nmod", "acl", "advcl", "iobj"}


#: Argument strategies by name, filled by :func:`strategy`: functions (rules, doc, cue,
#: argument) → the tokens whose mentions may fill the argument. A rule names a strategy
#: alone ('clause_subject') or with its argument after a colon ('case:à,dans',
#: 'nearest_left:4'); 'phrase:...' objects are read by :meth:`RelationRules._phrase`.
STRATEGIES: dict[str, Callable[..., list[Token]]] = {}


def strategy(*names: str):
    """Register an argument strategy under one or more names."""
    def register(function):
        for name in names:
            STRATEGIES[name] = function
        return function
    return register


#: Phrase objects by name ('phrase:market', 'phrase:case:de'), filled by :func:`phrase`:
#: functions (rules, cue, argument) → (text, head index) or None.
PHRASES: dict[str, Callable[..., tuple[str, int] | None]] = {}


def phrase(name: str):
    """Register a way of reading a phrase object."""
    def register(function):
        PHRASES[name] = function
        return function
    return register


def _plain(text: str) -> str:
    """Without accents: 'mèneraient' → 'meneraient'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _cases(arg: str) -> set[str]:
    """The case markers of a strategy's argument: 'à,dans' → {'à', 'dans'}."""
    return set(arg.split(",")) if arg else set()


def _percent(span, percent_words) -> float | None:
    """The percentage a phrase states ('49,9 %', '20 pour cent'), if any."""
    for token in span:
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if token.like_num and following is not None and following.lower_ in percent_words:
            try:
                return float(token.text.replace(",", ".").replace("\u202f", "").replace(" ", ""))
            except ValueError:
                return None
    return None


#: The entity type of the mention a token belongs to ('' outside mentions), set by
#: :class:`RelationRules` before its token patterns run, so a pattern can name a slot by type.
if not Token.has_extension("kg_entity_type"):
    Token.set_extension("kg_entity_type", default="")


def compile_pattern(rule: dict) -> tuple[list[dict], dict[str, int], int]:
    """A pattern rule's token pattern as spaCy's Matcher reads it: each slot
    (``{"slot": "subject"}``, ``{"slot": "object"}``) becomes one or more tokens of a mention
    of the predicate's domain or range type; the others are Matcher token patterns, one of them
    marked ``"cue": true``. Returns the pattern, each slot's position in it, and the cue's."""
    domain, ranges = PREDICATE_TYPES[rule["predicate"]]
    compiled, slots, cue = [], {}, -1
    for position, spec in enumerate(rule["pattern"]):
        if "slot" in spec:
            wanted = [domain] if spec["slot"] == "subject" else [t for t in ranges if t != "Phrase"]
            compiled.append({"_": {"kg_entity_type": {"IN": wanted}}, "OP": "+"})
            slots[spec["slot"]] = position
        else:
            token = {k: v for k, v in spec.items() if k != "cue"}
            compiled.append(token)
            if spec.get("cue"):
                cue = position
    return compiled, slots, cue


def mention_start_at(doc: Doc, i: int) -> bool:
    """Whether a named mention starts at token ``i``."""
    mention = mention_at(doc, doc[i])
    return mention is not None and mention.start == i and mention.via == "name"


@dataclass(frozen=True)
class RelationMention:
    """A relation read from one sentence, before attribution."""

    predicate: str
    subject: str
    object: str
    object_is_phrase: bool
    cue: int  # token index of the cue word
    tokens: tuple[int, ...]  # cue and argument token indices
    negated: bool
    conditional: bool
    confidence: float
    rule: int = -1  # index of the rule in its rule file
    anchors: tuple[int, int] = (-1, -1)  # token indices of the subject and object arguments
    origin: str = "rules"  # what read it: the rules, or a trained component ("relation_proposer")


class RelationRules:
    """Apply the relation rules of one language to a Doc."""

    def __init__(self, nlp, name: str, rule_data: dict, lexicon: dict, words: dict[str, frozenset[str]]):
        self.name = name
        self.words = words
        self.possessives = set(lexicon["possessives"])
        self.rules = rule_data["rules"]
        self.market_nouns = set(rule_data["market_nouns"])
        self.market_stop = set(rule_data["market_stop"])
        self.naming_verbs = set(lexicon["naming_verbs"])
        self.phrase_stop_heads = set(rule_data["phrase_stop_heads"])
        self.phrase_heads = set(rule_data["phrase_heads"])
        self.generic_determiners = set(rule_data["generic_determiners"])
        self.rank_words = set(rule_data["rank_words"])
        self.purpose_marks = {w for rule in self.rules for w in rule.get("purpose_marks", ())}
        self.broad_places = set(rule_data["broad_places"])
        self.function_words = set(rule_data["function_words"])
        self.negating_verbs = set(rule_data["negating_verbs"])
        self.limits = rule_data["limits"]
        self.coreference_penalty = rule_data["coreference_penalty"]
        self.min_confidence = rule_data["min_confidence"]
        # a cue's measured precision caps the confidence of what any rule reads at it
        self.calibrated = rule_data["calibrated_cues"]
        self.limits_kinds = {"media", "analyst", "government"}
        self.title_nouns = set(lexicon["title_nouns"])
        self.org_nouns = set(lexicon["org_nouns"])
        self.place_nouns = set(lexicon["place_nouns"])
        self.by_lemma: dict[tuple[str, str], list[dict]] = {}
        self.by_form: dict[str, list[tuple[str, dict]]] = {}
        self.rule_index = {id(rule): i for i, rule in enumerate(self.rules)}
        # rules cued by a name of a type ('la Renault Kangoo', 'les iPhone d'Apple'), not a word
        self.entity_rules = [rule for rule in self.rules if "entity_type" in rule]
        # rules cued by a token pattern over words and typed mentions ('l'usine X de Y'): read by
        # word order where the parser's tree is often wrong
        self.pattern_matcher = Matcher(nlp.vocab)
        self.pattern_rules: dict[str, tuple[dict, dict[str, int], int]] = {}
        for i, rule in enumerate(self.rules):
            if "pattern" in rule:
                compiled, slots, cue = compile_pattern(rule)
                self.pattern_rules[f"pattern-{i}"] = (rule, slots, cue)
                self.pattern_matcher.add(f"pattern-{i}", [compiled])
        for rule in self.rules:
            for lemma in rule.get("lemmas", ()):
                for pos in rule["pos"]:
                    self.by_lemma.setdefault((lemma, pos), []).append(rule)
                if "VERB" in rule["pos"]:
                    forms = er_forms(lemma) | {f for f, verb in rule_data["irregular_forms"].items() if verb == lemma}
                    for form in forms:
                        self.by_form.setdefault(form, []).append((lemma, rule))

    def __call__(self, doc: Doc) -> Doc:
        found: dict[tuple, RelationMention] = {}
        index = doc_index(doc, refresh=True)
        for i in self._cue_candidates(index):
            token = doc[i]
            for rule in self._rules_for(token):
                for relation in self._apply(doc, token, rule):
                    key = (relation.predicate, relation.subject, relation.object, index.sent_start[i])
                    if key not in found or found[key].confidence < relation.confidence:
                        found[key] = relation
        infos = doc._.kg_entities
        for mention in doc._.kg_mentions:
            if mention.via != "name" or len(mention.keys) != 1 or mention.keys[0] not in infos:
                continue
            token = doc[mention.root]
            for rule in self.entity_rules:
                if infos[mention.keys[0]].type != rule["entity_type"]:
                    continue
                for relation in self._apply(doc, token, rule):
                    key = (relation.predicate, relation.subject, relation.object, index.sent_start[token.i])
                    if key not in found or found[key].confidence < relation.confidence:
                        found[key] = relation
        for relation in self._patterns(doc):
            key = (relation.predicate, relation.subject, relation.object, doc[relation.cue].sent.start)
            if key not in found or found[key].confidence < relation.confidence:
                found[key] = relation
        # a rule whose measured precision is low carries a low confidence: its claims stay out
        kept = [r for r in found.values() if r.confidence >= self.min_confidence and self._plausible(doc, r)]
        # the chief of an organisation is no mere employee of it: where the article says a
        # person leads it, a worksFor read elsewhere ('un des vice-présidents de X') is dropped
        leading = {(r.subject, r.object) for r in kept if r.predicate == "leads"}
        kept = [r for r in kept if not (r.predicate == "worksFor" and (r.subject, r.object) in leading)]
        doc._.kg_relations = sorted(kept, key=lambda r: (r.cue, r.predicate, r.subject, r.object))
        return doc

    def _confidence(self, rule: dict, predicate: str, lemma: str, coref: bool) -> float:
        """The rule's confidence, capped by its cue's measured precision (``calibrated_cues``,
        whichever rule reads at the cue), less the penalty for an argument named by a
        description or a pronoun."""
        capped = min(rule["confidence"], self.calibrated.get(f"{predicate}:{lemma}", 1.0))
        return round(capped - (self.coreference_penalty if coref else 0.0), 2)

    def _patterns(self, doc: Doc):
        """The relations the pattern rules read: a match inside one sentence gives its
        subject slot's mention and its object slot's (with the object's conjuncts when the
        rule says ``coordinate``), unless the cue is qualified as a plan (``realised_only``)
        or by a blocked modifier (``blocked_by_modifiers``: 'la future usine', 'l'ancien site'), or
        its subject follows a preposition when the rule wants it bare (``bare_subject``)."""
        if not self.pattern_rules:
            return
        infos = doc._.kg_entities
        for token in doc:
            token._.kg_entity_type = ""
        for mention in doc._.kg_mentions:
            types = {infos[k].type for k in mention.keys if k in infos}
            if len(types) == 1:
                for token in doc[mention.start:mention.end]:
                    token._.kg_entity_type = next(iter(types))
        matches = cast(list[tuple[int, int, int, list[int]]], self.pattern_matcher(doc, with_alignments=True))
        for match_id, start, end, alignment in matches:
            rule, slots, cue_position = self.pattern_rules[doc.vocab.strings[match_id]]
            if doc[start].sent.start != doc[end - 1].sent.start:
                continue
            where = {position: start + k for k, position in reversed(list(enumerate(alignment)))}  # first token of each
            cue = doc[where[cue_position]] if cue_position >= 0 else doc[start]
            if rule.get("realised_only") and self._unrealised(cue):
                continue
            if "blocked_by_modifiers" in rule and any(
                    t.lemma_.lower() in rule["blocked_by_modifiers"] or t.lower_ in rule["blocked_by_modifiers"]
                    for t in doc[max(start - 2, cue.sent.start):end]):
                continue  # 'la future usine X de Y': a plan
            if "blocked_by_governors" in rule and self._governed(cue, rule["blocked_by_governors"]):
                continue  # 'construire l'usine de X à Y': a plant being built
            before = cast(Mention, mention_at(doc, doc[where[slots["subject"]]])).start - 1
            while before >= 0 and doc[before].pos_ == "DET":
                before -= 1
            if rule.get("bare_subject") and before >= 0 and doc[before].pos_ == "ADP":
                continue  # 'Contactée par l'AFP, la branche de X': the name is a complement, not the unit
            domain, ranges = PREDICATE_TYPES[rule["predicate"]]
            sides = []
            for slot, wanted in (("subject", (domain,)), ("object", ranges)):
                mention = cast(Mention, mention_at(doc, doc[where[slots[slot]]]))
                keys = tuple(k for k in mention.keys if self._type(doc, k) in wanted)
                found = [(keys, mention.root)] if keys else []
                if found and rule.get("coordinate") == slot:
                    found += self._coordinated_after(doc, mention.root, wanted, set(), found)
                sides.append(found)
            subjects, objects = sides
            if not subjects or not objects:
                continue
            negated, conditional = self._negated(cue), self._conditional(cue)
            for (skeys, stok), (okeys, otok) in product(subjects, objects):
                for s, o in product(skeys, okeys):
                    if s == o:
                        continue
                    coref = self._is_coref(doc, stok) or self._is_coref(doc, otok)
                    confidence = self._confidence(rule, rule["predicate"], cue.lemma_.lower(), coref)
                    yield RelationMention(rule["predicate"], s, o, False, cue.i, tuple(sorted({cue.i, stok, otok})),
                                          negated, conditional, confidence, self.rule_index[id(rule)], (stok, otok))

    def _plausible(self, doc: Doc, relation: RelationMention) -> bool:
        """What no rule may assert: a seat on a continent when the sentence names the city
        ('l'usine d'Arnstadt, la première en Europe'), an ownership told with a minority
        share ('détient 9,55 % de X')."""
        if relation.predicate == "locatedIn":
            infos = doc._.kg_entities
            if not self._broad(infos.get(relation.object)):
                return True
            sent = doc[relation.cue].sent  # a continent only when the sentence names no narrower place
            return not any(k != relation.object and infos[k].type == "Place" and not self._broad(infos[k])
                           for m in doc._.kg_mentions if sent.start <= m.start < sent.end for k in m.keys)
        if relation.predicate == "ownedBy":
            low, high = sorted((relation.cue, *relation.anchors))[0], sorted((relation.cue, *relation.anchors))[-1]
            # the share may follow the cue as its object ('Y, dont X détient 17 % du capital')
            high = max([high] + [c.right_edge.i for c in doc[relation.cue].children if c.dep_ == "obj"])
            share = _percent(doc[max(low, 0):high + 1], self.words["percent_words"])
            return share is None or share > self.limits["minority_share"]
        return True

    def _broad(self, info) -> bool:
        return info is not None and bool({info.label, *info.aliases} & self.broad_places)

    def _cue_candidates(self, index: DocIndex) -> list[int]:
        """The tokens :meth:`_rules_for` may give a rule, read from the Doc's index: its
        lemma and part of speech, a noun's lemma as a verb's, its form as a verb's."""
        by_lemma, by_form = self.by_lemma, self.by_form
        return [i for i, (lemma, pos, lower) in enumerate(zip(index.lemma, index.pos, index.lower))
                if (lemma, pos) in by_lemma
                or pos in {"NOUN", "PROPN", "ADJ"} and (lemma, "VERB") in by_lemma
                or pos in {"VERB", "NOUN", "ADJ"} and lemma == lower and lower in by_form]

    def _rules_for(self, token: Token) -> list[dict]:
        """Rules whose cue the token is: by lemma and part of speech, or, for a verb the
        lemmatizer or tagger got wrong ('forme' for 'former'), by its inflected form when
        no determiner makes it a noun."""
        rules = list(self.by_lemma.get((token.lemma_.lower(), token.pos_), ()))
        if token.pos_ in {"NOUN", "PROPN", "ADJ"} and self._verb_in_disguise(token):
            # 'qui le dirige', 'il contrôle Volvo': a verb the tagger took for a noun
            rules += [r for r in self.by_lemma.get((token.lemma_.lower(), "VERB"), ()) if r not in rules]
        if token.pos_ in {"VERB", "NOUN", "ADJ"} and token.lemma_.lower() == token.lower_ and not any(
                c.dep_ == "det" for c in token.children):
            rules += [rule for lemma, rule in self.by_form.get(token.lower_, ()) if lemma != token.lower_ and rule not in rules]
        return rules

    @staticmethod
    def _verb_in_disguise(token: Token) -> bool:
        """A word tagged as a noun that has no determiner but a subject before it."""
        return not any(c.dep_ == "det" for c in token.children) and any(
            c.dep_ in _SUBJECT_DEPS and c.i < token.i and (c.pos_ == "PRON" or c.i == token.i - 1)
            for c in token.children)

    # -- one rule at one cue --------------------------------------------------------
    def _apply(self, doc: Doc, cue: Token, rule: dict):
        lemma = cue.lemma_.lower()
        if "lemmas" in rule and lemma not in rule["lemmas"]:  # matched by its inflected form
            lemma = next((l for l, r in self.by_form.get(cue.lower_, ()) if r is rule), lemma)
        needed = rule.get("requires_object_cue", {}).get(lemma)
        if needed and not self._has_nearby(cue, needed):
            return
        if lemma in rule.get("reflexive_only", ()) and not any(
                "Yes" in c.morph.get("Reflex") for c in cue.children):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            return  # 'se lancer dans l'automobile' enters it; 'lancer une division', 'lancer la vente' do not
        # 'sa future X': a required modifier, or else one of the governors ('le lancement de sa X')
        modified = any(c.dep_ in {"amod", "advmod"} and (c.lemma_.lower() in rule.get("required_modifiers", ()) or c.lower_ in rule.get(
            "required_modifiers", ())) for c in cue.children)
        if "required_modifiers" in rule and "governors" not in rule and not modified:
            return
        if "governors" in rule and not modified and not (self._governed(cue, rule["governors"]) or any(
                c.dep_ == "mark" and c.lower_ in rule.get("purpose_marks", ()) for c in cue.children)):
            return
        if "blocked_by_governors" in rule and self._governed(cue, rule["blocked_by_governors"]) and not (
                cue.dep_ == "obj" and cue.head.lemma_.lower() in rule.get("possessed_object_governors", ()) and any(
                    c.dep_ in {"det", "nmod:poss"} and c.lower_ in self.possessives for c in cue.children)):
            return  # 'a choisi son usine de Douai': a plant of its own, chosen, exists
        if "determiners" in rule and not any(c.dep_ in {"det", "nmod:poss"} and c.lower_ in rule["determiners"]
                                             for c in cue.children):
            return
        if "blocked_by_modifiers" in rule and any(c.dep_ in {"amod", "advmod"} and c.lemma_.lower() in rule["blocked_by_modifiers"]
                                                  for c in cue.children):
            return
        if "blocked_by_lemma_nearby" in rule and self._has_nearby(cue, rule["blocked_by_lemma_nearby"], depth=3):
            return
        if "context_lemmas" in rule and not any(t.lemma_.lower() in rule["context_lemmas"] or t.lower_ in rule["context_lemmas"]
                                                for t in doc[max(sentence_start(cue), cue.i - 6):cue.i]):
            return  # 'qui rassemble A et B' is a partnership only after 'coentreprise', 'alliance'...
        if "function_title" in rule and self._function_title(cue) != rule["function_title"]:
            return  # the head of a function or a division works for the company; the chief leads it
        realised = rule.get("realised_only")
        if realised and (realised is True or self._has_nearby(cue, realised)) and self._unrealised(cue):
            return  # a plan, not a fact (for a list: when one of its words is near the cue)
        if rule.get("past_only") and not self._past(cue):
            return
        if lemma in rule.get("not_in_apposition", ()) and self._named_before_apposition(doc, cue) is not None:
            return  # 'Yamaha, déjà partenaire de Chapuis': the role of the name before the comma (another rule's)
        if rule.get("apposition_only") and self._apposition_anchor(doc, cue) is None:
            return  # 'X, une entreprise de Y': the noun describes the name before the comma
        if rule.get("present_only") and self._former(cue):
            return  # 'a dirigé Toyota durant dix ans': a former role gives no relation
        if rule.get("part_of_title") and self._title_modifier(cue):
            return  # 'vice-président directeur', 'ingénieur en chef': a word of another title
        predicate = rule["predicate"]
        domain, ranges = PREDICATE_TYPES[predicate]
        left_type, right_type = (ranges, (domain,)) if rule.get("inverse") else ((domain,), ranges)
        subjects = self._first(doc, cue, rule["subject"], left_type, coordinate=rule.get("coordinated_subjects", False))
        # 'des partenariats avec des industriels, dont les groupes A et B, ...': names listed as
        # examples after the cue are members of a plural noun, not the cue's subject
        subjects = [(keys, t) for keys, t in subjects if not self._listed_example(doc, cue, t, of_other_noun=True)]
        if rule.get("blocked_in_purpose") and len({k for keys, _ in subjects for k in keys}) >= 2 and any(
                c.dep_ == "mark" and c.lower_ in self.purpose_marks for c in cue.children):
            return  # 'A et B investiraient dans une usine pour produire le X': a joint aim tells no maker
        objects = self._first(doc, cue, rule["object"], right_type, exclude={k for m in subjects for k in m[0]},
                              coordinate=True)
        if "object_determiners" in rule:  # 'produit des Chrysler': a brand as what is made
            wanted = set(rule["object_determiners"])  # the list's first name carries the article
            if objects and not (any(c.dep_ == "det" and c.lower_ in wanted for c in doc[objects[0][1]].children)
                                or doc[objects[0][1] - 1].lower_ in wanted):
                objects = []
        if rule.get("owner_not_listed") and any(self._coordinated_after(doc, t, right_type, set(), []) for _, t in objects):
            return  # 'les marques de Jeep, Dodge, Ram et Chrysler': the list names the brands, no owner
        pairs = []
        # names listed as examples of a plural noun ('avec des industriels, dont A, B et C') are
        # that noun's members: parties with the noun's owner, never paired with each other
        pairable = [(keys, t) for keys, t in objects if not self._listed_example(doc, cue, t)]
        object_keys = sorted({k for keys, _ in pairable for k in keys})
        between = self._between(doc, cue, right_type) if predicate in SYMMETRIC and cue.pos_ == "NOUN" else []
        if len(between) >= 2:  # 'le fruit d'un partenariat entre A et le sud-coréen B'
            pairs = [(a, b, ta, tb) for i, (a, ta) in enumerate(between) for b, tb in between[i + 1:]]
        if pairs:
            pass
        elif predicate in {"partnersWith", "negotiatesWith"} and cue.pos_ == "NOUN" and lemma not in self.words["party_role_nouns"] and len(object_keys) >= 2 and (not self._case(
                cue) or any(self._case(doc[t]) & self.words["between"] for _, t in objects)) and any(
                self._case(doc[t]) & self.words["pair_prepositions"] for _, t in objects):
            # 'l'alliance entre A et B', 'la fusion de A et de B': the pair is the complement's
            pairs = [(a, b, cue.i, cue.i) for i, a in enumerate(object_keys) for b in object_keys[i + 1:]]
        elif rule.get("pairs_among_objects") and len(object_keys) >= 2:
            # 'une coentreprise unissant A, B et C': the objects are the partners
            anchor = {k: t for keys, t in pairable for k in keys}
            pairs = [(a, b, anchor[a], anchor[b]) for i, a in enumerate(object_keys) for b in object_keys[i + 1:]]
        elif subjects and objects:
            for (skeys, stok), (okeys, otok) in product(subjects, objects):
                for s, o in product(skeys, okeys):
                    if s != o:
                        pairs.append((s, o, stok, otok))
        elif predicate in SYMMETRIC and "coordinated_subject" in rule["object"] and not objects and len(
                {k for keys, _ in subjects for k in keys}) < 2 and not self._third_party(doc, cue, subjects):
            # 'Daimler Truck et le groupe Volvo ont annoncé ... former une coentreprise': the
            # names listed before the sentence's first verb, which the parser often splits
            listed = self._sentence_list(doc, cue)
            named = {k for keys, _ in subjects for k in keys}
            if len(listed) >= 2 and named <= {k for k, _ in listed}:
                pairs = [(a, b, ta, tb) for i, (a, ta) in enumerate(listed) for b, tb in listed[i + 1:]]
        elif predicate in SYMMETRIC and "coordinated_subject" in rule["object"] and len(
                {k for keys, _ in subjects for k in keys}) >= 2 and not self._third_party(doc, cue, subjects):
            # 'A et B s'allient'; not 'A et B deviennent des partenaires industriels de C'; a rule
            # that names its partner otherwise does not pair its subjects
            keys = sorted({k for keys, _ in subjects for k in keys})
            pairs = [(a, b, cue.i, cue.i) for i, a in enumerate(keys) for b in keys[i + 1:]]
        if "blocked_object_kinds" in rule:  # 'produites en Chine': a country of production is no seat
            infos, blocked = doc._.kg_entities, set(rule["blocked_object_kinds"])
            side = 0 if rule.get("inverse") else 1
            pairs = [p for p in pairs if not (p[side] in infos and infos[p[side]].kind in blocked)]
        if not pairs:
            return
        negated = self._negated(cue)
        conditional = self._conditional(cue)
        coref = any(self._is_coref(doc, t) for _, _, a, b in pairs for t in (a, b))
        confidence = self._confidence(rule, predicate, lemma, coref)
        for s, o, stok, otok in pairs:
            if rule.get("inverse"):
                s, o, stok, otok = o, s, otok, stok
            is_phrase = o.startswith('"')
            yield RelationMention(predicate, s, o.strip('"') if is_phrase else o, is_phrase, cue.i,
                                  tuple(sorted({cue.i, stok, otok})), negated, conditional, confidence,
                                  self.rule_index[id(rule)], (stok, otok))

    def _first(self, doc, cue, strategies, types, exclude=frozenset(), coordinate=False):
        """The mentions found by the first strategy that yields one of the wanted types:
        a list of (entity keys, anchor token index)."""
        if "appos_child" in strategies and "Person" in types and cue.pos_ == "NOUN" and "Sing" in cue.morph.get("Number"):
            # 'A, directeur général de X, B, ...': a title set off after a person's name is
            # that person's, whatever name the parser hung on it after its complement
            before = self._named_before_apposition(doc, cue)
            if before is not None and any(c.dep_ == "det" for c in cue.children):
                # 'A, le PDG de X, B': a title with its article may name the holder after it
                comma = next((t.i for t in doc[cue.i + 1:cue.sent.end] if t.text == ","), None)
                after = mention_at(doc, doc[comma + 1]) if comma is not None and comma + 1 < cue.sent.end else None
                if after is not None and after.via == "name" and any(self._type(doc, k) == "Person" for k in after.keys):
                    before = None
            mention = mention_at(doc, before) if before is not None else None
            keys = tuple(k for k in mention.keys if self._type(doc, k) == "Person" and k not in exclude) if mention else ()
            if mention is not None and keys:
                return [(keys, mention.root)]
        for strategy in strategies:
            if strategy.startswith("phrase:"):
                if "Phrase" in types:
                    phrase = self._phrase(cue, strategy[len("phrase:"):])
                    if phrase:
                        return [((f'"{phrase[0]}"',), phrase[1])]
                continue
            found = []
            linear = strategy.startswith(("nearest_", "after_comma"))
            # a singular title in apposition describes one name, not its conjuncts
            alone = strategy == "appos_head" and "Plur" not in cue.morph.get("Number") and (
                self._named_before_apposition(doc, cue) is not None) or (
                # 'A, basée en Corée, et B lancent ...': a singular participle describes A alone
                strategy == "participle_subject" and cue.dep_ in {"acl", "amod"} and "Sing" in cue.morph.get("Number"))
            for token in self._strategy(doc, cue, strategy):
                own = mention_at(doc, token) if alone else None
                for mention in [own] if own is not None else self._mentions(doc, token):
                    keys = tuple(k for k in mention.keys if self._type(doc, k) in types and k not in exclude)
                    if keys and all(keys != f[0] for f in found):
                        found.append((keys, mention.root))
                if linear and found:
                    break
            if found and strategy == "appos_child" and cue.pos_ == "NOUN" and "Sing" in cue.morph.get("Number") and len(found) > 1:
                # 'le président de A, X, le PDG de B, Y': a singular title names one holder, the
                # nearest name in apposition after it (the parser hangs the list's other names on it)
                after = [f for f in found if f[1] > cue.i]
                found = [min(after or found, key=lambda f: abs(f[1] - cue.i))]
            if found:
                if coordinate and strategy.partition(":")[0] not in _SINGLE_STRATEGIES:
                    found += self._coordinated_after(doc, found[-1][1], types, exclude, found)
                    found += self._repeated_case(doc, found, types, exclude)
                elif (strategy in {"clause_subject", "appos_head"} or strategy == "appos_child" and doc[found[0][1]].dep_ in _SUBJECT_DEPS) and not alone:
                    found += self._coordinated_before(doc, found[0][1], types, exclude, found)
                return found
        return []

    def _listed_example(self, doc: Doc, cue: Token, index: int, of_other_noun: bool = False) -> bool:
        """Whether the name at ``index`` follows, in the cue's sentence, a word that opens a
        list of examples ('dont', 'comme', 'notamment', 'tels que', 'parmi lesquels') after
        the cue: 'des partenariats avec des industriels, dont A, B et C'. With
        ``of_other_noun``, only when a common noun between the cue and that word is what the
        list gives examples of ('ses rivaux, comme A' lists the cue's own instances)."""
        if index <= cue.i or doc[index].sent.start != cue.sent.start:
            return False
        words = self.words
        for i in range(cue.i + 1, index):
            token, following = doc[i], doc[i + 1].lower_
            if token.lower_ in words["list_openers"] or (
                    token.lower_ in words["such_as"] and following in words["such_as_que"]) or (
                    token.lower_ in words["list_openers_before"] and following in words["list_openers_after"]):
                return not of_other_noun or any(t.pos_ == "NOUN" for t in doc[cue.i + 1:i])
        return False

    def _between(self, doc: Doc, cue: Token, types) -> list[tuple[str, int]]:
        """The parties named after 'entre' on the cue, with their conjuncts by word order."""
        found: list[tuple[tuple[str, ...], int]] = []
        # 'une entente initiée en 2019 entre A et B': the complement of the cue's participle too
        participles = [c for c in cue.children if c.dep_ in {"acl", "amod"} and c.pos_ in {"VERB", "ADJ"} and c.i > cue.i]
        for token in self._with_case(cue, set(self.words["between"])) + [
                t for p in participles for t in self._with_case(p, set(self.words["between"]))]:
            for mention in self._mentions(doc, token):
                keys = tuple(k for k in mention.keys if self._type(doc, k) in types)
                if keys and all(keys != f[0] for f in found):
                    found.append((keys, mention.root))
        if found:
            for keys, t in self._coordinated_after(doc, found[-1][1], types, set(), found):
                previous = cast(Mention, mention_at(doc, doc[found[-1][1]]))
                start = cast(Mention, mention_at(doc, doc[t])).start
                if any(x.pos_ in {"NOUN", "ADP"} for x in doc[previous.end:start]):
                    break  # 'entre A et les marques du groupe B': B is no party
                found.append((keys, t))
        return list(dict.fromkeys((keys[0], t) for keys, t in found if len(keys) == 1))

    def _sentence_list(self, doc: Doc, cue: Token) -> list[tuple[str, int]]:
        """The organisations listed as the subject at the head of the cue's sentence, before
        its first verb: names joined by commas, 'et' or dashes, each perhaps with a
        description ('le fabricant de pneus Michelin') or a bracketed ticker; none of them
        after a preposition ('Selon Reuters, ...'), no media, and no other organisation named
        between the verb and the cue. Empty unless it is such a list."""
        sent = cue.sent
        infos = doc._.kg_entities
        found: list[tuple[str, int]] = []
        separated, apposition, depth, i = True, False, 0, sent.start
        while i < cue.i:
            token = doc[i]
            if token.text == "(":
                depth += 1
            elif token.text == ")":
                depth = max(0, depth - 1)
            elif depth:
                pass
            elif token.pos_ in {"VERB", "AUX"}:
                break
            else:
                mention = mention_at(doc, token)
                if mention is not None and mention.via == "name":
                    j = mention.start - 1
                    while j >= sent.start and doc[j].pos_ == "DET":
                        j -= 1
                    if apposition or j >= sent.start and doc[j].pos_ == "ADP":
                        i = mention.end  # 'Selon Reuters, ...', ', une filiale de X,': no party of the list
                        continue
                    if not separated or len(mention.keys) != 1 or self._type(doc, mention.keys[0]) != "Organization" or (
                            infos[mention.keys[0]].kind in self.limits_kinds):
                        return []
                    found.append((mention.keys[0], mention.root))
                    separated = False
                    i = mention.end
                    continue
                if token.text == "," and found and i + 1 < cue.i and doc[i + 1].lower_ in self.words["indefinite_articles"]:
                    apposition = True  # 'A et B, une filiale du groupe C, ont annoncé'
                elif token.text == "," and apposition:
                    apposition = False
                elif token.text in self.words["list_separators"] or token.lower_ in self.words["coordination"]:
                    separated = True
                elif token.pos_ not in {"DET", "ADJ", "NOUN", "ADP", "NUM", "PUNCT", "ADV", "CCONJ"}:
                    return []
            i += 1
        if i >= cue.i or len({k for k, _ in found}) < 2:
            return []
        for token in doc[i:cue.i]:  # no other organisation between the verb and the cue
            mention = mention_at(doc, token)
            if mention is not None and mention.via == "name" and any(self._type(doc, k) == "Organization" for k in mention.keys):
                return []
        return list(dict.fromkeys(found))

    def _coordinated_before(self, doc, anchor: int, types, exclude, found) -> list:
        """Names coordinated right before a subject ('qu'Apple et Hyundai Motor
        discutaient'), which the parser often attaches elsewhere."""
        extra: list[tuple[tuple[str, ...], int]] = []
        mention = mention_at(doc, doc[anchor])
        i = (mention.start if mention is not None else anchor) - 1
        start = sentence_start(doc[anchor])
        listed: list[tuple[tuple[str, ...], int]] = []  # names joined by commas before the 'et'
        while i - 1 >= start and (doc[i].lower_ in self.words["coordination"] or (extra or len(found) >= 2) and doc[i].text in self.words[
                "list_separators"]):
            previous = mention_at(doc, doc[i - 1])
            if previous is None or len(previous.keys) != 1 or previous.end != i:
                break
            keys = tuple(k for k in previous.keys if self._type(doc, k) in types and k not in exclude)
            if not keys:
                break
            if all(keys != f[0] for f in found + extra + listed):
                (extra if doc[i].lower_ in self.words["coordination"] else listed).append((keys, previous.root))
            i = previous.start - 1
        # 'A, B et C appartiennent à X': a list that opens its clause; not 'Selon Reuters, B et C ...'
        if listed and (i < start or doc[i].text in self.words["list_separators"] or doc[i].pos_ in {"DET", "CCONJ"} or (
                doc[i].is_punct and doc[i].text not in {",", "(", ")"})):
            extra += listed
        return extra

    def _repeated_case(self, doc, found, types, exclude) -> list:
        """'des accords avec A pour le lithium et avec B et C pour le nickel': a list that goes
        on after a phrase of its own with the same preposition repeated after 'et' (or a
        comma), up to the next verb or clause mark; with the names listed after each."""
        first = doc[found[0][1]]
        cases = self._case(first) & set(self.words["repeated_cases"])
        if not cases:
            return []
        extra: list[tuple[tuple[str, ...], int]] = []
        last = mention_at(doc, doc[found[-1][1]])
        i = last.end if last is not None else found[-1][1] + 1
        end = sentence_end(first)
        while i < end:
            token = doc[i]
            if token.pos_ in {"VERB", "AUX", "SCONJ"} or token.text in {";", ":", "«", "»", "(", ")"}:
                break
            if token.lower_ in self.words["coordination"] or token.text == ",":
                j = i + 1
                while j < end and j - i <= 5 and (doc[j].is_punct or doc[j].pos_ == "ADV") and doc[j].text not in {";", ":"}:
                    j += 1  # 'et, plus récemment, avec X'
                if j < end and doc[j].lower_ in cases:
                    k = j + 1
                    while k < end and k - j <= 4 and mention_at(doc, doc[k]) is None and doc[k].pos_ in {"DET", "ADJ", "NOUN"}:
                        k += 1  # 'avec la société américaine X'
                    named = mention_at(doc, doc[k]) if k < end else None
                    if named is not None and named.via == "name" and len(named.keys) == 1:
                        keys = tuple(key for key in named.keys if self._type(doc, key) in types and key not in exclude)
                        if keys:
                            if all(keys != f[0] for f in found + extra):
                                extra.append((keys, named.root))
                            extra += self._coordinated_after(doc, named.root, types, exclude, found + extra)
                            last = mention_at(doc, doc[extra[-1][1]])
                            i = last.end if last is not None else k + 1
                            continue
            i += 1
        return extra

    def _coordinated_after(self, doc, anchor: int, types, exclude, found) -> list:
        """Names coordinated after the last one found, which the parser often attaches
        elsewhere: 'affronter Tesla, mais aussi NIO, Xpeng et Li Auto'."""
        extra: list[tuple[tuple[str, ...], int]] = []
        mention = mention_at(doc, doc[anchor])
        i = mention.end if mention is not None else anchor + 1
        sent_end = sentence_end(doc[anchor])
        named = mention_at(doc, doc[i]) if i < sent_end else None
        if mention is not None and named is not None and named.keys == mention.keys:
            i = named.end  # 'ses smartphones Mi et Redmi': past the name the noun describes
        # inside brackets ('Stellantis (marques Peugeot, Fiat, Alfa Romeo)') the list runs to the
        # closing bracket: no name in it is the subject of the clause that follows
        opened = [t.text for t in doc[sentence_start(doc[anchor]):anchor] if t.text in {"(", ")"}]
        bracketed = bool(opened) and opened[-1] == "("
        # 'aussi bien des A que des B': the correlative 'que' joins the list like 'et'
        first = mention.start if mention is not None else anchor
        correlative = any(t.lower_ in self.words["correlative_openers"] for t in doc[max(sentence_start(doc[anchor]), first - 3):first])
        while i < sent_end:
            gap, coordinated = 0, False
            while i < sent_end and mention_at(doc, doc[i]) is None:
                token = doc[i]
                if correlative and token.lower_ in self.words["que"]:
                    correlative, coordinated, gap, i = False, True, gap + 1, i + 1
                    continue
                if token.pos_ in {"VERB", "AUX", "PRON", "SCONJ"} or token.dep_ == "mark" or token.text in {
                        ".", ";", ":", "«", "»", "(", ")"} or token.lower_ in self.words["according_words"]:
                    return extra  # ', selon le Financial Times': a source, no conjunct
                if token.lower_ in self.words["proximity_words"]:
                    return extra  # 'à Yokohama, près de Tokyo': a landmark, no conjunct
                if token.pos_ == "NOUN" and i + 1 < sent_end and doc[i + 1].pos_ == "ADP":
                    return extra  # 'une coentreprise avec X et des participations dans Y': a new phrase
                coordinated = coordinated or token.pos_ == "CCONJ" or token.text == ","
                gap += 1
                i += 1
                if gap > self.limits["coordination_gap"]:
                    return extra
            if i >= sent_end or not coordinated:
                return extra
            nxt = cast(Mention, mention_at(doc, doc[i]))  # the loop above stopped on a mention
            keys = tuple(k for k in nxt.keys if self._type(doc, k) in types and k not in exclude)
            if not keys or len(nxt.keys) != 1:
                return extra
            root = doc[nxt.root]
            if nxt.via == "description" and root.lemma_.lower() in self.place_nouns:
                return extra  # 'à Wuhu, dans la province d'Anhui': the region of the place, no second place
            if not bracketed and (root.dep_ in _SUBJECT_DEPS and root.head.i >= nxt.end or nxt.end < sent_end and doc[
                    nxt.end].pos_ in {"VERB", "AUX"}):
                return extra  # 'analyste chez Natixis, BYD est ...': the next clause's subject, no conjunct
            if all(keys != f[0] for f in found + extra):
                extra.append((keys, nxt.root))
            i = nxt.end
        return extra

    @staticmethod
    def _type(doc, key):
        info = doc_attribute(doc, "kg_entities").get(key)
        return info.type if info else None

    # -- argument strategies ----------------------------------------------------------
    def _strategy(self, doc: Doc, cue: Token, name: str) -> list[Token]:
        """The tokens the strategy ``name`` ('case:à,dans', 'nearest_left:4') finds around the cue."""
        kind, _, arg = name.partition(":")
        return STRATEGIES[kind](self, doc, cue, arg)

    @strategy("self")
    def _self(self, doc, cue, arg):
        return [cue]

    @strategy("clause_subject", "coordinated_subject")  # as object: the partner in 'A et B s'allient'
    def _clause_subject_of(self, doc, cue, arg):
        return self._clause_subject(cue)

    @strategy("active_subject")
    def _active_subject(self, doc, cue, arg):
        # the doer: a passive participle's noun ('une coentreprise détenue à parts égales')
        # is what is done to; the doer is then the subject of the clause that names it
        if cue.dep_ in {"acl", "amod"} and "Part" in cue.morph.get("VerbForm") and "Pres" not in cue.morph.get(
                "Tense") and not any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
            return self._strategy(doc, cue.head, "main_subject")
        return self._clause_subject(cue)

    @strategy("main_subject")
    def _main_subject(self, doc, cue, arg):
        """The subject of the sentence, through appositions and participles."""
        token = cue
        for _ in range(6):
            subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
            if subjects:
                return [self._antecedent(s) if s.lower_ in self.words["relatives"] else s for s in subjects]
            if token.head == token:
                return preverbal_subjects(token, self.words)
            token = token.head
        return []

    @strategy("participle_subject")
    def _participle_subject(self, doc, cue, arg):
        if "Part" not in cue.morph.get("VerbForm") and cue.pos_ != "ADJ":
            return []
        if all(t.is_punct or t.pos_ in {"ADV", "CCONJ"} for t in doc[sentence_start(cue):cue.i]):
            # fronted: 'Basé à Séoul, Hyundai Motor ...' describes the name after the comma
            return self._strategy(doc, cue, "after_comma")
        if cue.dep_ in {"acl", "amod"}:
            # 'A, basée en Corée, et B ...': a participle opened by a comma describes the name before it
            return [self._named_before_apposition(doc, cue) or cue.head]
        if cue.dep_ in {"advcl", "ccomp"}:
            return self._clause_subject(cue.head)
        if cue.dep_ == "ROOT":  # 'Basée à X, Y développe...' parsed with the participle as root
            for child in cue.rights:
                subjects = [c for c in child.children if c.dep_ in _SUBJECT_DEPS]
                if child.dep_ in {"parataxis", "conj"} and subjects:
                    return subjects
        return []

    @strategy("appos_head")
    def _appos_head(self, doc, cue, arg):
        adjacent = self._named_before_apposition(doc, cue)
        if adjacent is not None:
            return [adjacent]
        return [cue.head] if cue.dep_ in {"appos", "acl", "amod", "nmod"} and cue.head != cue else []

    def _named_before_apposition(self, doc: Doc, cue: Token) -> Token | None:
        """'Paul Martin, directeur de X, et Hiro Tanaka, ...', 'Valeo (filiale de Bosch)': a
        phrase opened by a comma or a parenthesis describes the name right before it, by word
        order, whatever the parser attached it to (its root token, or None)."""
        i = cue.i - 1
        counted = False  # 'A et B, deux fournisseurs de Y'
        while i > sentence_start(cue) and doc[i].pos_ in {"DET", "ADJ", "ADV", "NUM"} and doc[i].is_lower and (
                doc[i].lower_ not in self.words["distributive_adverbs"]):  # 'A et B, respectivement P et Q'
            counted = counted or doc[i].pos_ == "NUM"
            i -= 1  # 'X, le président de Y', 'X, actuel responsable de Y', 'X, déjà partenaire de Y'
        if i - 1 < sentence_start(cue) or doc[i].text not in {",", "("}:
            return None
        mention = mention_at(doc, doc[i - 1])
        if counted and mention is not None and mention.start > sentence_start(cue) and (
                doc[mention.start - 1].pos_ == "ADP" or doc[mention.start - 1].pos_ == "DET" and doc[mention.start - 2].pos_ == "ADP"):
            return None  # '... auprès de Reuters, les deux partenaires ont': a complement, then the clause's subject
        return doc[mention.root] if mention is not None and mention.end == i else None

    @strategy("appos_child", "flat_child")
    def _appos_child(self, doc, cue, arg):
        # a name the tagger took for an adjective ('ses marques Lynk&Co et Polestar') is one too
        return [c for c in cue.children if (c.dep_ in {"appos", "flat:name", "nmod", "compound", "nsubj"} or c.dep_ == "amod" and c.pos_ in {"NOUN", "PROPN", "X"} and (
            c.i > cue.i and mention_at(doc, c) is not None and mention_at(doc, c).via == "name")) and not self._case(c)]

    @strategy("possessor")
    def _possessor_of(self, doc, cue, arg):
        return self._possessor(doc, cue)

    @strategy("possessor_of_subject")
    def _possessor_of_subject(self, doc, cue, arg):
        found = []
        for subject in self._clause_subject(cue):
            # 'les modèles de Jidu', 'des modèles Leapmotor', 'ses modèles'
            found += [c for c in subject.children if c.dep_ in {"nmod", "compound", "flat:name", "appos"}
                      and (not self._case(c) or self._case(c) & self.words["de"])]
            found += self._possessor(doc, subject)
        return found

    @strategy("agent")
    def _agent(self, doc, cue, arg):
        found = [c for c in cue.children if c.dep_ == "obl:agent" or c.dep_.startswith("obl") and self._case(c) & self.words["agent_prepositions"]]
        # 'détenue à 51 % par X et à 49 % par Y': the other agents hang anywhere; read
        # them by word order up to the next verb
        for token in doc[cue.i + 1:min(sentence_end(cue), cue.i + self.limits["agent"])]:
            if token.pos_ in {"VERB", "AUX"} or token.text in {";", ":", "«", "»"}:
                break
            if token not in found and token.pos_ in {"PROPN", "NOUN", "X"} and self._case(token) & self.words["agent_prepositions"]:
                found.append(token)
        return found

    @strategy("patient")
    def _patient(self, doc, cue, arg):
        found = [c for c in cue.children if c.dep_ == "nsubj:pass"]
        if not found and cue.dep_ in {"acl", "amod"}:
            found = [cue.head]
        if not found and cue.dep_ == "advcl":
            found = self._clause_subject(cue.head)
        if not found and cue.dep_ == "conj" and cue.head.pos_ in {"VERB", "ADJ"}:
            return self._strategy(doc, cue.head, "patient")  # 'est présidé par X et dirigé par Y'
        return found

    @strategy("share_of")
    def _share_of(self, doc, cue, arg):
        """'détient 20 % du capital de Leapmotor', 'une participation dans X'."""
        found = []
        for obj in (c for c in cue.children if c.dep_ in {"obj", "nsubj:pass", "obl:arg"}):
            share = _percent(doc[obj.left_edge.i:obj.right_edge.i + 1], self.words["percent_words"])
            stake = obj.lemma_.lower() in self.words["stake_nouns"] and not any(
                c.lemma_.lower() in self.words["majority_words"] for c in obj.children)
            if stake or share is not None and share <= self.limits["minority_share"]:
                continue  # 'rachète une part de Proton', 'détient 20 % de X': a minority stake owns nothing
            found += [t for t in obj.subtree if t.i > obj.i and t.i - obj.i <= self.limits["complement"] and t.dep_ == "nmod"
                      and self._case(t) & self.words["stake_prepositions"] and mention_at(doc, t) is not None]
        return found[:1]

    @strategy("before_comma")
    def _before_comma(self, doc, cue, arg):
        # 'le groupe, devenu propriétaire d'Opel': a predicative phrase after a comma
        # describes the name right before the comma
        clause = cue.head if cue.dep_ in {"obj", "xcomp"} else cue
        start = clause.left_edge.i
        if start >= 2 and doc[start - 1].text == "," and clause.dep_ in {"advcl", "acl", "appos", "conj", "parataxis"}:
            return [doc[start - 2]]
        return []

    @strategy("appos_name")
    def _appos_name(self, doc, cue, arg):
        """'Foxtron, une entreprise de Foxconn': the name before the comma the noun follows."""
        anchor = self._apposition_anchor(doc, cue)
        return [doc[anchor]] if anchor is not None else []

    def _apposition_anchor(self, doc: Doc, cue: Token) -> int | None:
        """The root of the name right before ', [det] [adj] cue' or '(cue', if any; not when
        the noun is the subject of the clause ('Contactée par l'AFP, la branche de X a dit')."""
        if cue.dep_ in _SUBJECT_DEPS:
            return None
        i = cue.i - 1
        start = sentence_start(cue)
        while i > start and doc[i].pos_ in {"DET", "ADJ", "ADV", "NUM"} and doc[i].text not in {",", "("}:
            i -= 1
        if i - 1 < start or doc[i].text not in {",", "("}:
            return None
        mention = mention_at(doc, doc[i - 1])
        if mention is None or mention.via != "name" or self._case(doc[mention.root]) & self.words["agent_prepositions"]:
            return None  # 'Contactée par l'AFP, la branche de X': the agent of a fronted participle
        return mention.root

    @strategy("apposition_de")
    def _apposition_de(self, doc, cue, arg):
        """'X, filiale dédiée aux véhicules électriques de Renault': the first name introduced
        by 'de' after the cue, within its phrase (up to a comma, a bracket or a verb), read by
        word order since the parser hangs it on any noun of the phrase."""
        for j in range(cue.i + 1, min(sentence_end(cue), cue.i + 1 + self.limits["apposition"])):
            token = doc[j]
            if token.text in {",", ";", ":", "(", ")", "«", "»"} or token.pos_ in {"VERB", "AUX"} and "Part" not in token.morph.get("VerbForm"):
                return []
            mention = mention_at(doc, token)
            if mention is not None and mention.start == j and mention.via == "name":
                k = j - 1
                while k > cue.i and doc[k].pos_ in {"DET", "ADJ"} and doc[k].lower_ not in self.words["de"]:
                    k -= 1
                if doc[k].lower_ in self.words["de"]:
                    return [doc[mention.root]]
        return []

    @strategy("before_paren")
    def _before_paren(self, doc, cue, arg):
        """'Stellantis (marques Peugeot, Fiat)': the name right before the bracket that opens
        the cue's phrase."""
        i = cue.i - 1
        while i > sentence_start(cue) and doc[i].pos_ == "DET":
            i -= 1
        if i - 1 >= sentence_start(cue) and doc[i].text == "(":
            mention = mention_at(doc, doc[i - 1])
            if mention is not None:
                return [doc[mention.root]]
        return []

    @strategy("name_de")
    def _name_de(self, doc, cue, arg):
        """'la plateforme E-GMP de Hyundai', 'le modèle Ioniq 5 de Hyundai': the name right
        after the cue's own name, introduced by 'de', read by word order since the parser
        hangs the complement on the noun before the name or on the name's last word."""
        mention = mention_at(doc, cue)
        if mention is None or mention.via != "name":
            return []
        i = mention.end
        if i + 1 >= sentence_end(cue) or doc[i].lower_ not in self.words["de"]:
            return []
        following = mention_at(doc, doc[i + 1])
        if following is None or following.start != i + 1 or following.via != "name":
            return []
        return [doc[following.root]]

    @strategy("relative_dont")
    def _relative_dont(self, doc, cue, arg):
        """'Renault, dont l'alliance avec Nissan ...': the antecedent of 'dont' that opens the
        cue's phrase; with 'relative_dont:nearest', when the parser attached the relative clause
        to nothing, the nearest organisation named before 'dont'."""
        i = cue.left_edge.i - 1
        relatives = [c for c in cue.children if c.lower_ in self.words["dont"] and c.i < cue.i]
        if not relatives and i > sentence_start(cue) and doc[i].lower_ in self.words["dont"]:
            relatives = [doc[i]]
        for relative in relatives:
            antecedent = self._antecedent(relative)
            if antecedent.i != relative.i:
                return [antecedent]
            if arg == "nearest":  # 'X est une entreprise fondée en 1997, dont le siège est à Y': the
                # parser left the relative clause unattached; the nearest organisation before it
                for mention in reversed(doc._.kg_mentions):
                    if cue.sent.start <= mention.start and mention.end <= relative.i and any(
                            self._type(doc, k) == "Organization" for k in mention.keys):
                        return [doc[mention.root]]
            return []
        return []

    @strategy("relative_object")
    def _relative_object(self, doc, cue, arg):
        # 'sa propre ID.1, que le groupe prévoit de commercialiser': the antecedent of the
        # relative 'que' of the cue's clause, whatever the parser made of 'que'
        for token in self._clause_chain(cue):
            for child in token.children:
                if child.lower_ in self.words["que"] and child.dep_ in {"obj", "mark"} and child.i < token.i:
                    antecedent = self._antecedent(child)
                    return [antecedent] if antecedent.i != child.i else []
        return []

    @strategy("obj")
    def _obj(self, doc, cue, arg):
        found = [c for c in cue.children if c.dep_ in {"obj", "nsubj:pass"}]
        if any(c.dep_ in _SUBJECT_DEPS and c.i < cue.i for c in cue.children):
            # 'il contrôle Volvo': a name after the verb the parser made a second subject
            found += [c for c in cue.children if c.dep_ == "nsubj" and c.i > cue.i]
        return found

    @strategy("iobj")
    def _iobj(self, doc, cue, arg):
        """'le groupe X, auquel appartient Y': a relative pronoun that holds its preposition."""
        return [c for c in cue.children if c.dep_ == "iobj" and c.lower_ in self.words["relatives"]]

    @strategy("xcomp_obj")
    def _xcomp_obj(self, doc, cue, arg):
        return [g for c in cue.children if c.dep_ in {"xcomp", "obl:arg"} for g in c.children if g.dep_ in {"obj", "obl:arg"}]

    @strategy("case")
    def _case_complement(self, doc, cue, arg):
        return self._with_case(cue, _cases(arg))

    @strategy("case_deep")
    def _case_deep(self, doc, cue, arg):
        """'l'acquisition de 60 % du capital du malaisien Proton': the first name down the complement."""
        for child in self._with_case(cue, _cases(arg)):
            for token in child.subtree:
                if token.i - child.i > self.limits["complement"] or self._case(token) & self.words["agent_prepositions"]:
                    continue
                if mention_at(doc, token) is not None:
                    share = _percent(doc[child.left_edge.i:token.i], self.words["percent_words"])
                    minority = share is not None and share <= self.limits["minority_share"]
                    return [] if minority else [token]  # a minority stake owns nothing
        return []

    @strategy("case_below")
    def _case_below(self, doc, cue, arg):
        """A complement the parser hung one level lower ('produit des Model 3 à Shanghai')."""
        return [t for child in cue.children if child.dep_ in {"obj", "obl:arg", "obl", "nsubj:pass"}
                for t in self._with_case(child, _cases(arg))]

    @strategy("head_case")
    def _head_case(self, doc, cue, arg):
        if cue.dep_ in {"obj", "nsubj", "nsubj:pass", "obl", "obl:arg", "xcomp", "nmod"}:
            return self._with_case(cue.head, _cases(arg))
        return []

    @strategy("after_case")
    def _after_case_strategy(self, doc, cue, arg):
        """'un accord ... avec X, Y et Z' by word order, wherever the parser hung 'avec'."""
        return self._after_case(doc, cue, _cases(arg))

    @strategy("nearest_left")
    def _nearest_left(self, doc, cue, arg):
        return self._linear(doc, cue, -1, int(arg or self.limits["nearest_left"]))

    @strategy("nearest_right")
    def _nearest_right(self, doc, cue, arg):
        return self._linear(doc, cue, 1, int(arg or self.limits["nearest_right"]))

    @strategy("after_comma")
    def _after_comma(self, doc, cue, arg):
        """'Basé à Séoul, Hyundai Motor...': the phrase's subject follows it; so does the
        speaker of an inverted 'a indiqué X'. When the sentence's clause already has its
        subject before the phrase, a name right after the comma continues a list or an
        aside ('X a signé avec ses fournisseurs, dont A, B et C'): no subject."""
        sent = cue.sent
        subject_before = any(c.dep_ in _SUBJECT_DEPS and c.i < cue.i for c in sent.root.children)
        for i in range(cue.i + 1, min(sent.end, cue.i + self.limits["after_comma"])):
            if doc[i].text == "," and i + 1 < sent.end:
                if subject_before and doc[i + 1].pos_ not in {"VERB", "AUX"}:
                    continue
                following = doc[i + 1 + (doc[i + 1].pos_ == "DET" and i + 2 < sent.end)]
                if following.dep_ == "appos" and following.head.i < i and following.head.i > cue.i:
                    continue  # 'Créée par X, DG de Y, Z ...': an apposition to the agent
                return self._linear(doc, doc[i], 1, self.limits["name_after_comma"])
        return []

    @strategy("left_subject")
    def _left_subject(self, doc, cue, arg):
        """The last subject named before the cue in its sentence."""
        mentions, sent_start = doc._.kg_mentions, sentence_start(cue)
        for mention in reversed(mentions[:bisect_left(mentions, cue.i, key=mention_start)]):  # sorted by start
            if mention.start < sent_start:
                break
            if mention.end <= cue.i and doc[mention.root].dep_ in _SUBJECT_DEPS:
                return [doc[mention.root]]
        return []

    @strategy("topic")
    def _topic(self, doc, cue, arg):
        """The organisation the text is about: the last subject named before."""
        infos, mentions, sent_start = doc._.kg_entities, doc._.kg_mentions, sentence_start(cue)
        for mention in reversed(mentions[:bisect_left(mentions, sent_start, key=mention_start)]):
            if (mention.root < sent_start and doc[mention.root].dep_ in _SUBJECT_DEPS
                    and all(infos[k].kind not in {"media", "analyst", "government"} for k in mention.keys)):
                return [doc[mention.root]]
        return []

    @strategy("title_conjunct")
    def _title_conjunct(self, doc, cue, arg):
        """'son fondateur et CEO X', 'CEO et directeur de la technologie de Lucid': titles
        joined by 'et' share the organisation one of them names."""
        if cue.dep_ == "conj" and cue.head.lemma_.lower() in self.title_nouns:
            others = [cue.head]
        else:
            others = [c for c in cue.children if c.dep_ == "conj" and c.lemma_.lower() in self.title_nouns]
        for other in others:
            found = self._case_deep(doc, other, "de,du,des,d',d’,chez") or self._possessor(doc, other)
            if found:
                return found
        return []

    @strategy("epithet")
    def _epithet(self, doc, cue, arg):
        """'le groupe de Cupertino', 'le constructeur automobile de Detroit': the 'de'
        complement right after the noun and its adjectives (not 'le groupe X hors de France')."""
        i = cue.i + 1
        while i < sentence_end(cue) and doc[i].pos_ == "ADJ":
            i += 1
        if i + 1 >= sentence_end(cue) or doc[i].lower_ not in _cases(arg):
            return []
        mention = mention_at(doc, doc[i + 1])
        return [doc[mention.root]] if mention is not None and mention.start == i + 1 else []

    @strategy("juxtaposed")
    def _juxtaposed(self, doc, cue, arg):
        """'l'usine Volvo de Charleston': a name right after the noun, with no preposition,
        is whose it is; the 'de' complement that follows is then its place."""
        if cue.i + 1 >= len(doc):
            return []
        mention = mention_at(doc, doc[cue.i + 1])
        if mention is None or mention.start != cue.i + 1 or mention.via != "name":
            return []
        root = doc[mention.root]
        return [root] if root.head.i == cue.i and not self._case(root) else []

    @strategy("compound")
    def _compound(self, doc, cue, arg):
        return [c for c in cue.children if c.dep_ in {"compound", "flat:name"}]

    def _third_party(self, doc: Doc, cue: Token, subjects) -> bool:
        """An organisation named after the cue by 'de' or 'avec' that is none of the subjects."""
        keys = {k for found, _ in subjects for k in found}
        for token in self._after_case(doc, cue, {"de", "d'", "d’", "du", "avec"}):
            mention = mention_at(doc, token)
            if mention is not None and any(k not in keys and self._type(doc, k) == "Organization" for k in mention.keys):
                return True
        return False

    @staticmethod
    def _after_case(doc: Doc, cue: Token, cases: set[str], window: int = 8) -> list[Token]:
        """The name right after the first of ``cases`` that follows the cue in its
        sentence, before another verb or clause mark ('des contrats de fourniture avec
        Scania', 'une lettre d'intention avec Hyundai')."""
        sent = cue.sent
        for i in range(cue.i + 1, min(sent.end, cue.i + window + 1)):
            token = doc[i]
            if token.text in {";", ":", "«", "»", "("} or token.pos_ in {"VERB", "AUX"} and i > cue.i + 1:
                return []
            if token.lower_ in cases:  # the name right after it, else try the next case word
                for j in range(i + 1, min(sent.end, i + 5)):
                    mention = mention_at(doc, doc[j])
                    if mention is not None:
                        return [doc[mention.root]]
                    if not (doc[j].pos_ in {"DET", "ADJ", "ADP"} or doc[j].lower_ in {"de", "du", "des", "d'", "d’"}
                            or doc[j].pos_ == "NOUN" and doc[j].is_lower and j == i + 2):
                        break
        return []

    @staticmethod
    def _linear(doc: Doc, cue: Token, step: int, window: int) -> list[Token]:
        """Mentions by word order, nearest first, within ``window`` tokens of the cue in
        its sentence and not across a quote mark or a semicolon: a fallback for the
        appositions and fronted phrases the parser misreads."""
        sent = cue.sent
        i = cue.i + step
        found = []
        seen = set()
        while sent.start <= i < sent.end and abs(i - cue.i) <= window:
            token = doc[i]
            if token.text in {";", "«", "»", "\"", ":"}:
                break
            if step > 0 and token.text == "," and not (i + 1 < sent.end and doc[i + 1].pos_ == "DET"):
                break  # rightwards, a comma ends the phrase ('actionnaire majoritaire, Geely détenant...')
                # unless an apposition follows ('un prototype de berline, le Vision-S')

            mention = mention_at(doc, token)
            if mention is not None and mention.keys not in seen:
                seen.add(mention.keys)
                found.append(doc[mention.root])
            i += step
        return found

    def _case(self, token: Token) -> set[str]:
        found = {c.lower_ for c in token.children if c.dep_ in {"case", "fixed"}} | {
            c.lemma_.lower() for c in token.children if c.dep_ == "case"}
        if found & self.words["elided_de"]:  # the elided 'de', whatever apostrophe the text uses
            found.add("de")
        return found

    def _with_case(self, head: Token, cases: set[str]) -> list[Token]:
        found = []
        for child in head.children:
            if child.dep_ in {"obl", "nmod", "obl:arg", "obl:mod", "obl:agent", "iobj", "appos", "acl"} and self._case(child) & cases:
                found.append(child)
        return found

    @staticmethod
    def _headline_names(label: Token, verb: Token) -> list[Token]:
        """The names a headline's label governs after its colon ('Camion à hydrogène : A et B
        officialisent ...', the parser making the label the subject): the label's own words
        run to the colon with no verb, the names are its children after it."""
        doc = label.doc
        colon = next((t for t in doc[label.i + 1:verb.i] if t.text == ":"), None)
        if colon is None or any(t.pos_ in {"VERB", "AUX"} for t in doc[label.i:colon.i]) or not all(
                label.left_edge.i <= t.i for t in doc[label.i:colon.i]):
            return []
        return [c for c in label.children if c.i > colon.i and mention_at(doc, c) is not None]

    def _clause_subject(self, cue: Token) -> list[Token]:
        if cue.dep_ == "appos":
            return []  # an apposition describes its head, not the clause's subject
        token = cue
        for _ in range(6):
            subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
            if any(c.i < token.i for c in subjects):  # a second 'subject' after the verb is its object
                subjects = [c for c in subjects if c.i < token.i]
            if subjects:
                resolved = []
                for subject in subjects:
                    if subject.lower_ in self.words["relatives"]:
                        resolved.append(self._antecedent(subject))
                    elif mention_at(cue.doc, subject) is None and self._headline_names(subject, token):
                        # 'Electrique : Nissan et Mitsubishi comptent ...', 'Camion à hydrogène : A et B
                        # officialisent ...': a headline's label before a colon, the names after it
                        resolved += self._headline_names(subject, token)
                    else:
                        resolved.append(subject)
                return resolved
            if token.dep_ == "acl:relcl":
                return [token.head]
            if token.dep_ in _SUBJECT_DEPS and token.head.i < token.i and mention_at(cue.doc, token) is None:
                before = [c for c in token.head.children if c.dep_ in _SUBJECT_DEPS and c.i < token.head.i]
                if before:  # 'X est devenu le premier client de Y': the noun after the verb is X's attribute
                    return [self._antecedent(c) if c.lower_ in self.words["relatives"] else c for c in before]
            if token.dep_ in {"acl", "amod"} and token.head.pos_ in {"NOUN", "PROPN"} and (
                    "Inf" not in token.morph.get("VerbForm") or token.head.lemma_.lower() not in self.words["aspect_nouns"]):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                return [token.head]  # not 'X est sur le point de signer': the noun is X's
            if token.dep_ not in _CLIMB_DEPS or token.head == token:
                return preverbal_subjects(token, self.words)
            head = token.head
            named = mention_at(cue.doc, head) if head.i < token.i and token.pos_ in {"VERB", "AUX"} else None
            if named is not None and named.via == "name" and head.head == head and all(
                    t.pos_ in {"PRON", "ADV", "AUX"} for t in cue.doc[named.end:token.i]) and not any(
                    c.dep_ in _SUBJECT_DEPS for c in head.children):
                return [head]  # 'Nissan négocie avec Honda' parsed with the name as root: it is the subject
            token = head
        return []


    def _antecedent(self, relative: Token) -> Token:
        """The antecedent of a relative pronoun: the mention right before it ('Baidu, qui
        a établi...', past its preposition: 'X, avec lequel'), else the noun its clause attaches to."""
        doc = relative.doc
        i = relative.i - 1
        if i >= 0 and doc[i].pos_ == "ADP" and any(c.i == i and c.dep_ == "case" for c in relative.children):
            i -= 1  # 'le groupe X, avec lequel Y développe ...': the relative's preposition
        while i >= 0 and doc[i].is_punct:
            i -= 1
        source = mention_at(doc, doc[i]) if i >= 0 else None
        if source is not None and source.start > 0 and doc[source.start - 1].lower_ in self.words["according_words"]:
            i = source.start - 2  # 'X selon Les Echos, avec qui ...': the source is no antecedent
            while i >= 0 and doc[i].is_punct:
                i -= 1
        if i >= 0 and mention_at(doc, doc[i]) is not None:
            return doc[cast(Mention, mention_at(doc, doc[i])).root]
        clause = relative.head
        return clause.head if clause.dep_ == "acl:relcl" else relative

    @staticmethod
    def _clitic_antecedent(pronoun: Token) -> Token | None:
        """An object clitic ('qui le dirige toujours, NIO ...') stands for the sentence's
        main subject when it is a name, else for the last subject named before."""
        doc = pronoun.doc
        root = pronoun.sent.root
        for subject in (c for c in root.children if c.dep_ in _SUBJECT_DEPS):
            mention = mention_at(doc, subject)
            if mention is not None and subject.i != pronoun.i:
                return doc[mention.root]
        for mention in reversed(doc._.kg_mentions):
            if mention.end <= pronoun.i and doc[mention.root].dep_ in _SUBJECT_DEPS and mention.root < sentence_start(pronoun):
                return doc[mention.root]
        return None

    def _possessor(self, doc: Doc, cue: Token) -> list[Token]:
        if not any(c.dep_ in {"det", "nmod:poss"} and c.lower_ in self.possessives for c in cue.children):
            return []
        if cue.dep_ == "conj":
            return [cue.head]
        clause_subjects = [s for s in self._clause_subject(cue) if s.i not in range(cue.left_edge.i, cue.right_edge.i + 1)]
        subjects = [s for s in clause_subjects if self._mentions(doc, s)]
        if subjects:
            return subjects
        # 'le conseil d'administration de X ... son accord': the organisation whose body speaks
        bodies = [t for s in clause_subjects if s.pos_ == "NOUN" for t in self._case_deep(doc, s, "de,du,des,d',d’")]
        if bodies:
            return bodies
        # the nearest organisation named before it in the sentence
        for mention in reversed(doc._.kg_mentions):
            if sentence_start(cue) <= mention.start and mention.end <= cue.i and mention.root != cue.i and any(
                    self._type(doc, k) == "Organization" for k in mention.keys):
                return [doc[mention.root]]
        # the topic: the subject of an earlier sentence
        for mention in reversed(doc._.kg_mentions):
            if mention.end <= cue.i and doc[mention.root].dep_ in _SUBJECT_DEPS and mention.root < sentence_start(cue):
                return [doc[mention.root]]
        return []

    def _mentions(self, doc: Doc, token: Token, depth: int = 0) -> list[Mention]:
        """The mentions a syntactic argument stands for: its own, those it describes
        ('le constructeur Geely'), and those of its conjuncts ('Hyundai et Kia')."""
        found = []
        if token.lower_ in self.words["relatives"]:
            token = self._antecedent(token)
        elif token.pos_ == "PRON" and token.lower_ in self.words["object_clitics"] and token.dep_ in {"obj", "iobj"}:
            token = self._clitic_antecedent(token) or token
        own = mention_at(doc, token)
        if own is not None:
            found.append(own)
            if depth < 4 and token.pos_ == "NOUN" and token.lemma_.lower() in self.org_nouns and "Plur" in token.morph.get("Number"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                # 'les marques Audi, Seat et Skoda' (one mention with its noun): the list it opens
                found += [m for m in self._listed_after_noun(doc, token) if m not in found]
                if own.via == "description":  # 'les quatre grands fabricants japonais : A, B, C et D'
                    found += [m for m in self._instances_after(doc, token) if m not in found]
        elif token.pos_ in {"NOUN", "PROPN", "X"}:
            for child in token.children:
                # 'la plateforme Apollo', 'le constructeur Geely': the name the noun introduces
                if child.dep_ in {"appos", "flat:name", "nmod", "compound", "nummod"} and not self._case(child):
                    child_mention = mention_at(doc, child)
                    if child_mention is not None:
                        found.append(child_mention)
                        if depth < 4 and token.lemma_.lower() in self.org_nouns and "Plur" in token.morph.get("Number"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                            # 'les marques Audi, Seat et Skoda': the list the plural noun introduces
                            found += [m for m in self._listed_after_noun(doc, token) if m not in found]
                            found += [m for c in child.children if c.dep_ == "conj"
                                      for m in self._mentions(doc, c, depth + 1) if m not in found]
            plural = "Plur" in token.morph.get("Number")  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            if not found and plural:
                # 'des sociétés, telles que A, B et C': the instances the noun announces, before
                # any reading of the list's later names as the noun's apposition
                found += self._instances_after(doc, token)
            if not found:  # 'un prototype de berline, le Vision-S': an apposition by word order
                after = token.right_edge.i + 1
                if after + 1 < sentence_end(token) and doc[after].text == ",":
                    j = after + 1 + (doc[after + 1].pos_ == "DET")
                    appositive = mention_at(doc, doc[j]) if j < sentence_end(token) else None
                    root = doc[appositive.root] if appositive is not None else None
                    if appositive is not None and appositive.start == j and root is not None and not (
                            root.dep_ in _SUBJECT_DEPS and root.head.i >= appositive.end):
                        found.append(appositive)  # not '..., Apple serait ...': the next clause's subject
            if not found:  # 'une architecture baptisée SEA': a naming participle gives the name
                for child in token.children:
                    if child.dep_ in {"acl", "amod"} and child.lemma_.lower() in self.naming_verbs:
                        found += [m for g in child.children if g.dep_ in {"obj", "xcomp", "nsubj", "nsubj:pass"}
                                  for m in [mention_at(doc, g)] if m is not None]
            if not found and plural:
                found += self._instances_next(doc, token)
            if not found and depth < 4 and token.lemma_.lower() in self.words["quantity_nouns"]:
                # 'une flopée de marques sous son égide : A, B et C': what the quantity counts
                found += [m for c in token.children if c.dep_ == "nmod" and self._case(c) & self.words["de"]
                          and "Plur" in c.morph.get("Number") for m in self._mentions(doc, c, depth + 1)]  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            before = token.left_edge.i - 1
            if not found and before >= 1 and doc[before].text == "," and sentence_start(token) < before and any(
                    c.dep_ == "det" and c.lower_ in self.words["indefinite_articles"] for c in token.children):
                # 'Mobile Drive, une coentreprise détenue à parts égales': the name before
                named = mention_at(doc, doc[before - 1])
                if named is not None and named.via == "name":
                    found.append(named)
        if depth < 4:
            for child in token.children:
                if child.dep_ == "conj" and not (child.pos_ == "NOUN" and (mention_at(doc, child) is None or token.pos_ == "NOUN") and any(
                        self._case(c) for c in child.children if c.dep_ == "nmod")):
                    # not 'X et des participations dans Y': a new phrase with its own complement;
                    # not 'le président de A, X, le PDG de B': a noun's conjunct noun with its own
                    # complement describes another
                    found += self._mentions(doc, child, depth + 1)
        return found

    def _listed_after_noun(self, doc: Doc, noun: Token) -> list[Mention]:
        """'les marques Audi, Seat et Skoda': the names listed right after a plural noun of
        organisations, by word order (the parser hangs them anywhere), each of the first
        name's type; the first name itself is the noun's own."""
        if noun.i + 1 >= sentence_end(noun):
            return []
        first = mention_at(doc, doc[noun.i + 1])
        if first is None or first.start != noun.i + 1 or first.via != "name":
            return []
        types = {self._type(doc, k) for k in first.keys}
        listed = [first] + [m for _, t in self._coordinated_after(doc, first.root, types, set(), [(first.keys, first.root)])
                            for m in [mention_at(doc, doc[t])] if m is not None]
        return list(dict.fromkeys(listed))

    def _instances_after(self, doc: Doc, noun: Token) -> list[Mention]:
        """'plusieurs modèles ..., dont le grand SUV Telluride': the names after 'dont'
        (or 'notamment', 'comme') that follows a plural noun in its sentence, read by word
        order since the parser hangs them anywhere."""
        sent = noun.sent
        for i in range(noun.i + 1, sent.end):
            # 'de grands noms pour ce projet : A, B et C': a colon right before a name opens the list
            colon = doc[i].text in self.words["list_colons"] and i + 1 < sent.end and (
                mention_start_at(doc, i + 1))
            if not colon and (doc[i].pos_ in {"VERB", "AUX"} and not doc[i].text[:1].isupper() or doc[i].text in {
                    ";", ":", "«", "»"}):
                return []
            such_as = doc[i].lower_ in self.words["such_as"] and i + 1 < sent.end and doc[i + 1].lower_ in self.words["such_as_que"]
            if colon or such_as or doc[i].lower_ in self.words["instance_markers"] or (
                    doc[i].lower_ in self.words["instance_markers_after_comma"] and doc[i - 1].text == ","):
                found = []
                for j in range(i + 1, min(sent.end, i + self.limits["instances"])):
                    if doc[j].pos_ in {"VERB", "AUX"}:
                        break
                    mention = mention_at(doc, doc[j])
                    if mention is not None and mention.root == j and mention not in found:
                        found.append(mention)
                return found
        return []

    def _instances_next(self, doc: Doc, noun: Token) -> list[Mention]:
        """'de nombreuses entreprises souhaitant intégrer le marché. Parmi elles, Huawei et
        Tencent ...': the names the next sentence gives after an instance marker, when it
        names nothing before the marker (it speaks of the plural noun, not of a topic of its
        own). The list ends where a clause begins."""
        if sentence_end(noun) >= len(doc):
            return []
        following = doc[sentence_end(noun)].sent
        for token in following:
            if mention_at(doc, token) is not None or token.text in {";", ":", "«", "»"}:
                return []
            if token.lower_ in self.words["next_sentence_instance_markers"]:
                found = []
                for t in doc[token.i + 1:following.end]:
                    mention = mention_at(doc, t)
                    if mention is None and (t.pos_ in {"VERB", "AUX"} or t.lower_ in self.words["relatives"]):
                        break
                    if mention is not None and mention.root == t.i and mention not in found:
                        found.append(mention)
                return found
        return []

    @staticmethod
    def _is_coref(doc, index):
        mention = mention_at(doc, doc[index])
        return mention is not None and mention.via == "pronoun"

    # -- conditions ---------------------------------------------------------------------
    def _has_nearby(self, cue: Token, lemmas, depth: int = 2) -> bool:
        wanted = set(lemmas)
        frontier = [cue]
        for _ in range(depth):
            frontier = [c for t in frontier for c in t.children]
            if any(t.lemma_.lower() in wanted or t.lower_ in wanted for t in frontier):
                return True
        if cue.head.lemma_.lower() in wanted:
            return True
        return False

    @staticmethod
    def _governed(cue: Token, lemmas) -> bool:
        wanted = set(lemmas)
        token = cue
        for _ in range(3):
            if any(c.dep_.startswith("aux") and c.lemma_.lower() in wanted for c in token.children):
                return True
            if token.head == token or token.dep_ not in _GOVERNED_DEPS:
                return False
            if token.dep_ == "acl" and token.pos_ in {"VERB", "ADJ"} and "Inf" not in token.morph.get("VerbForm"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                return False  # '... confier à Foxconn, basé à Taïwan': a participle describes its noun
                # (an infinitive completes it: 'sur le point de signer', 'le projet de racheter')
            token = token.head
            if token.lemma_.lower() in wanted:
                return True
        return False

    def _clause_chain(self, cue: Token) -> list[Token]:
        chain = [cue]
        token = cue
        for _ in range(4):
            if token.dep_ not in _CLIMB_DEPS or token.head == token:
                break
            if token.pos_ in {"VERB", "AUX"} and any("Rel" in c.morph.get("PronType") and c.i < token.i  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                                                     for c in token.children):
                break  # a relative clause however the parser hung it ('..., que développe X'): its own mood
            token = token.head
            chain.append(token)
            if token.pos_ in {"VERB", "AUX"} and any(c.dep_ in _SUBJECT_DEPS for c in token.children):
                break
        return chain

    def _negated(self, cue: Token) -> bool:
        """'ne ... pas' on the cue's clause, or a governing verb that negates what it
        governs ('renoncent à développer', 'a abandonné le projet de produire')."""
        return any(c.lower_ in self.words["negations"] and c.dep_ in {"advmod", "fixed"}
                   for t in self._clause_chain(cue) for c in t.children) or self._governed(cue, self.negating_verbs)

    def _function_title(self, cue: Token) -> bool:
        """A title of a function or a division: 'directeur financier', 'directeur des achats',
        'directeur général de Qualcomm pour l'automobile'."""
        doc = cue.doc
        end = next((t.i for t in doc[cue.i + 1:sentence_end(cue)] if t.is_punct), sentence_end(cue))
        for child in (c for c in cue.rights if c.i < end):  # within the title, before a comma
            if child.dep_ in {"amod", "nmod"} and child.lemma_.lower() in self.function_words:
                return True
            if child.dep_ in {"nmod", "compound"} and child.pos_ == "NOUN" and not self._case(child) and (
                    mention_at(doc, child) is None):
                return True  # 'directeur nouvelles mobilités de X': a bare noun names the function
            if child.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ == "pour" for c in child.children):
                return True
            if child.dep_ == "nmod":  # 'directeur général de Qualcomm pour l'automobile'
                if any(g.dep_ == "nmod" and any(c.dep_ == "case" and c.lower_ == "pour" for c in g.children)
                       for g in child.children):
                    return True
        # a region's head: 'patron de Toyota aux États-Unis', 'le directeur de X en Chine' (by
        # word order, within the title: the parser hangs the place anywhere)
        infos = doc._.kg_entities
        for token in doc[cue.i + 1:end]:
            if token.lower_ in self.words["regional_prepositions"] and token.i + 1 < end:
                mention = mention_at(doc, doc[token.i + 1]) or (
                    mention_at(doc, doc[token.i + 2]) if token.i + 2 < end and doc[token.i + 1].pos_ == "DET" else None)
                if mention is not None and any(k in infos and infos[k].type == "Place" for k in mention.keys):
                    return True
        return False

    def _title_modifier(self, cue: Token) -> bool:
        """A title word that qualifies another title: 'vice-président directeur de X' (the
        word right after 'vice-président'), 'ingénieur en chef' ('en chef' qualifies the noun
        before it, wherever the parser hung it)."""
        if any(c.dep_ == "case" and c.lower_ == "en" for c in cue.children):
            return True
        head = cue.head
        return head.i < cue.i and (head.lemma_.lower() in self.title_nouns or head.lower_ in self.title_nouns) and (
            cue.dep_ in {"amod", "compound", "flat", "flat:name"} or head.i == cue.i - 1 and not self._case(cue))

    def _unrealised(self, cue: Token) -> bool:
        """A plan, not a fact: the cue is an infinitive ('prévoit de produire', 'pour
        construire', 'va ouvrir'), or its clause is in the future or the conditional."""
        if "Inf" in cue.morph.get("VerbForm"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            return True
        for token in self._clause_chain(cue):
            for t in (token, *(c for c in token.children if c.dep_.startswith("aux") or c.dep_ == "cop")):
                if "Fut" in t.morph.get("Tense") or "Cnd" in t.morph.get("Mood"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                    return True
        return False

    @staticmethod
    def _former(cue: Token) -> bool:
        """Done and over: an active past ('a dirigé', 'avait présidé') or an imperfect
        ('dirigeait'); a passive participle states the present ('dirigé par X')."""
        if "Imp" in cue.morph.get("Tense") and "Fin" in cue.morph.get("VerbForm"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            return True
        return "Part" in cue.morph.get("VerbForm") and any(  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            c.dep_ == "aux:tense" and c.lemma_ == "avoir" for c in cue.children)

    @staticmethod
    def _past(cue: Token) -> bool:
        """Done: a past participle with its auxiliary ('a ouvert', 'a été construite'), a
        past participle describing a noun ('l'usine construite en 2019'), or a past or
        imperfect tense."""
        morph = cue.morph
        if "Part" in morph.get("VerbForm") and "Past" in morph.get("Tense"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            auxiliaries = [c for c in cue.children if c.dep_.startswith("aux")]
            if not auxiliaries:  # 'BYD construit une usine': a present tense the tagger read as a participle
                return cue.dep_ in {"acl", "amod"}
            return all("Fut" not in a.morph.get("Tense") and "Inf" not in a.morph.get("VerbForm") for a in auxiliaries)  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
        return bool({"Past", "Imp"} & set(morph.get("Tense")))  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None

    def _conditional(self, cue: Token) -> bool:
        for token in self._clause_chain(cue):
            if self._conditional_form(token):
                return True
            if any((c.dep_.startswith("aux") or c.dep_ == "cop") and self._conditional_form(c) for c in token.children):
                return True
        return False

    def _conditional_form(self, token: Token) -> bool:
        """The conditional mood, from the tagger or, for a verb it left without a mood
        ('mèneraient'), from the ending."""
        form, lemma = _plain(token.lower_), _plain(token.lemma_.lower())
        if "Cnd" in token.morph.get("Mood"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            # every conditional has an 'r' before its ending ('serait', 'produirait'); the
            # tagger's Cnd on an imperfect ('produisait') is wrong
            return token.pos_ not in {"VERB", "AUX"} or form.endswith(tuple(self.words["conditional_form_endings"]))
        if token.pos_ not in {"VERB", "AUX"}:
            return False
        for ending in self.words["conditional_endings"]:  # 'ait', 'aient' after the infinitive
            if form.endswith(ending) and form[:-len(ending)] in {lemma, lemma[:-1]} and form[:-len(ending)].endswith("r"):
                return True  # 'mèneraient' (mener), 'prendrait' (prendre); not 'déclarait' (déclarer)
        return False

    # -- phrase objects ---------------------------------------------------------------
    def _phrase(self, cue: Token, how: str) -> tuple[str, int] | None:
        """The phrase object ``how`` ('market', 'obj', 'case:de') reads at the cue: its text and head."""
        kind, _, arg = how.partition(":")
        return PHRASES[kind](self, cue, arg)

    @phrase("market")
    def _market_phrase(self, cue, arg):
        for token in cue.subtree:
            if token.lemma_.lower() in self.market_nouns and token.i > cue.i:
                for child in token.children:
                    if child.dep_ == "nmod" and self._case(child) & self.words["de"]:
                        return self._np_text(child), child.i
                if any(c.dep_ == "amod" for c in token.children):  # 'le marché européen'
                    return self._np_text(token), token.i
                return None
        targets = [c for c in cue.children if c.dep_ in {"obl", "obl:arg", "obl:mod", "obj"} and c.i > cue.i and self._case(c) & self.words["market_prepositions"]]
        if targets:
            return self._np_text(targets[0]), targets[0].i
        return None

    @phrase("obj")
    def _object_phrase(self, cue, arg):
        targets = [c for c in cue.children if c.dep_ == "obj" and c.pos_ in {"NOUN", "PROPN"}
                   and any(d.dep_ in {"det", "nummod", "nmod:poss"} for d in c.children)]
        return self._unnamed(cue, targets)

    @phrase("case")
    def _case_phrase(self, cue, arg):
        return self._unnamed(cue, self._with_case(cue, _cases(arg)))

    def _unnamed(self, cue: Token, targets: list[Token]) -> tuple[str, int] | None:
        """A phrase object: a noun phrase that names nothing, says what kind of product it is
        ('deux modèles électriques', 'un nouveau VUS'; not a bare 'batteries', not 'le siège
        social'), is no plant or figure ('une usine', '1 million') and, in a purpose clause, no
        generic activity ('signé avec X pour produire des voitures électriques', unless counted:
        'pour lancer les premiers modèles'; 'prévoit de commercialiser des voitures' is a plan)."""
        if not targets or mention_at(cue.doc, targets[0]) is not None:  # a named thing is no phrase
            return None
        head = targets[0]
        text = self._np_text(head)
        if head.like_num or head.lemma_.lower() in self.phrase_stop_heads or len(text.split()) < 2:
            return None
        if head.lemma_.lower() not in self.phrase_heads and head.lower_ not in self.phrase_heads:
            return None  # 'construire le siège social', 'lancer une division': no product
        counted = any(c.dep_ == "nummod" or c.like_num or c.lower_ in self.rank_words for c in head.children)
        purpose = any(c.dep_ == "mark" and c.lower_ in self.purpose_marks for c in cue.children)
        if purpose and not counted and any(c.dep_ in {"det", "nmod:poss"} and c.lower_ in self.generic_determiners
                                           for c in head.children):
            return None  # 'a signé avec X pour produire des voitures électriques': an activity, not a launch
        return text, head.i

    def _np_text(self, head: Token) -> str:
        words = [t for t in head.lefts if t.dep_ in {"amod", "nummod"} and t.lower_ not in self.market_stop]
        words.append(head)
        for child in head.rights:
            if child.dep_ == "amod" and child.i <= words[-1].i + 1:
                words.append(child)
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
