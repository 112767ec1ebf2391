"""Entities and their mentions in a Doc: knowledge-base matching, type corrections,
name variants and descriptive or pronominal coreference.

Results live on the Doc:

- ``doc.ents``: names, labelled with kg_ev's types (Organization, Person, Place, Product)
  and with ``kb_id_`` set to the entity key;
- ``doc._.kg_entities``: entity key → :class:`EntityInfo`;
- ``doc._.kg_mentions``: every mention (names, descriptive noun phrases, pronouns),
  sorted by position.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from operator import attrgetter

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import slugify
from ..resources import countries, gazetteer, gazetteer_form, knowledge_base, rules, words
from .docindex import DocIndex, doc_attribute, doc_index, sentence_end, sentence_start

#: The sort key of mentions (a Doc's kg_mentions are kept sorted by it).
mention_start = attrgetter("start")

__all__ = ["EntityInfo", "Mention", "EntityCorrector", "CorefResolver", "mention_at", "last_parties", "preverbal_subjects",
           "sentence_index", "er_forms", "mention_start"]

_LABELS = {"ORG": "Organization", "PER": "Person", "LOC": "Place", "MISC": "Product",
           "GPE": "Place", "PERSON": "Person", "PRODUCT": "Product", "FAC": "Place", "NORP": None}
#: a stock ticker: 'TSLA.O', 'SCHN.PA', '300750.SZ', 'GM:US'
_TICKER = re.compile(r"^(?:[A-Z0-9]{1,6}\.[A-Z]{1,3}|[A-Z]{1,5}:[A-Z]{1,3})$")


@dataclass
class EntityInfo:
    """What a Doc knows of one entity."""

    key: str
    label: str
    type: str
    kind: str | None = None
    wikidata: str | None = None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None  # from the knowledge base: helps 'le groupe allemand' find its entity
    hq: str | None = None

    def add_alias(self, text: str) -> None:
        text = " ".join(text.split())
        if text and text != self.label and text not in self.aliases:
            self.aliases.append(text)


@dataclass(frozen=True)
class Mention:
    """A stretch of tokens [start, end) that refers to one or more entities."""

    start: int
    end: int
    keys: tuple[str, ...]
    via: str  # "name" | "description" | "pronoun"
    root: int  # index of the token that carries the mention's syntactic role
    #: for a description or pronoun resolved by the coreference, the tokens [start, end) of
    #: the earlier mention it was resolved to (its provenance); None otherwise
    antecedent: tuple[int, int] | None = None


def mention_at(doc: Doc, token: Token) -> Mention | None:
    """The mention whose tokens include ``token``, if any."""
    index = doc_attribute(doc, "kg_mention_index")
    return index.get(token.i) if index else None


def _common_words(nlp) -> frozenset[str]:
    """The common words (lemmas) the language model's lemmatizer lists: nouns, verbs,
    adjectives, adverbs. Empty when the pipeline has no lookup lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(word for lemmas in lookups.get_table("lemma_index").values() for word in lemmas)


def _lemma_lookup(nlp):
    """The lookup lemmatizer's table of forms ('interrogé' -> 'interroger'), or None."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_lookup"):
        return None
    return lookups.get_table("lemma_lookup")


def _lexicon(lang: str) -> dict:
    return rules(lang, "lexicon")


class EntityCorrector:
    """Knowledge-base names override the model; model entities are split, trimmed and
    retyped from their context ("le constructeur X", "X, analyste chez Y")."""

    def __init__(self, nlp, name: str, lang: str):
        self.name = name
        self.lang = lang
        self.lexicon = _lexicon(lang)
        self.words = words(lang)
        self.kb = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        known: set[str] = set()
        self.org_surfaces: set[str] = set()  # the known organisations' names, lower case
        for record in knowledge_base(lang):
            key = slugify(record["name"])
            self.kb[key] = record
            surface = [record["name"], *record["aliases"]]
            known.update(text.lower() for text in surface)
            if record["type"] == "Organization":
                self.org_surfaces.update(text.lower() for text in surface)
            self.matcher.add(key, [nlp.make_doc(text) for text in surface])
        for record in countries(lang):  # the countries the knowledge base does not list
            surface = [record["name"], *record["aliases"]]
            if known & {text.lower() for text in surface}:
                continue
            key = slugify(record["name"])
            self.kb[key] = record
            self.matcher.add(key, [nlp.make_doc(text) for text in surface])
        self.not_entities = set(self.lexicon["not_entities"])
        self.org_suffixes = set(self.lexicon["org_suffixes"])
        self.facility_words = set(self.lexicon["facility_words"])
        self.org_prepositions = set(self.lexicon["org_prepositions"])
        self.title_nouns = set(self.lexicon["title_nouns"])
        self.person_titles = set(self.lexicon["person_titles"])
        self.legal_forms = set(self.lexicon["legal_forms"])
        self.same_company_suffixes = self.legal_forms | set(self.lexicon["same_company_suffixes"])
        self.nationalities = set(self.lexicon["nationalities"])
        self.opening_marks = set(self.lexicon["opening_marks"])
        self.headline_markers = [marker.split() for marker in self.lexicon["headline_markers"]]
        self.common_words = _common_words(nlp)
        self.lemma_lookup = _lemma_lookup(nlp)
        self.copula_forms = {form for lemma in self.words["copulas"] for form in er_forms(lemma)}  # 'reste'
        self.government_matcher = Matcher(nlp.vocab)
        government = {"LOWER": {"IN": self.lexicon["government_nouns"]}}
        self.government_matcher.add("government", [[government, {"LOWER": {"IN": list(self.nationalities)}}],
                                                   [government, {"LOWER": {"IN": sorted(self.words["de"])}}]])
        institution = {"LOWER": {"IN": self.lexicon["institution_nouns"]}}
        self.government_matcher.add("institution", [[institution, {"LOWER": {"IN": sorted(self.words["de"])}}]])
        self.dateline_matcher = Matcher(nlp.vocab)  # 'PARIS (Reuters) -', 'ERFURT, Allemagne, 19 octobre'
        capitals = {"IS_UPPER": True, "IS_ALPHA": True, "LENGTH": {">=": 3}}
        self.dateline_matcher.add("dateline", [[capitals, {**capitals, "OP": "?"}, {"ORTH": {"IN": self.lexicon["dateline_marks"]}}]])
        self.lower_model_matcher = Matcher(nlp.vocab)  # "l'iX3", 'la bZ4X', 'le eSprinter': a model's name in lower case first
        self.lower_model_matcher.add("model", [[{"LOWER": {"IN": self.lexicon["model_determiners"]}},
                                                {"TEXT": {"REGEX": r"^[a-z]{1,2}[A-Z0-9][A-Za-z0-9]*$"}}]])
        self.type_nouns = {**{n: "Organization" for n in self.lexicon["org_nouns"]},
                           **{n: "Person" for n in self.lexicon["person_nouns"]},
                           **{n: "Place" for n in self.lexicon["place_nouns"]},
                           **{n: "Product" for n in self.lexicon["product_nouns"]}}

    def __call__(self, doc: Doc) -> Doc:
        doc_index(doc, refresh=True)
        infos: dict[str, EntityInfo] = {}
        kb_spans = []
        for match_id, start, end in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=self.kb[key]["type"], kb_id=key)
            kb_spans.append(span)
        kb_spans = filter_spans(kb_spans)
        events = [ent for ent in doc.ents if any(t.text in self.lexicon["event_words"] for t in ent)]
        kb_spans = [span for span in kb_spans if not any(  # 'Battery Show Europe': no Europe in an event's name
            ent.start <= span.start and span.end <= ent.end and len(ent) > len(span)  # ("Market Day d'Ampere": Ampere)
            and not any(t.lower_ in self.words["de"] for t in doc[ent.start:span.start]) for ent in events)]
        kb_exact = {(span.start, span.end) for span in kb_spans}
        model_spans = []
        evidenced = set()  # names whose type a neighbouring word gives, not the model alone
        makers = {span.start: span.end for span in kb_spans if span.label_ == "Organization"}
        for span in kb_spans:  # 'Ford Europe': a known company and a region name its regional branch
            if span.label_ == "Organization" and span.end < len(doc) and doc[span.end].text in self.words["branch_suffixes"]:
                model_spans.append(Span(doc, span.start, span.end + 1, label="Organization"))
                evidenced.add((span.start, span.end + 1))
        for span in kb_spans:  # 'Peugeot e-3008', 'Volvo EX30': a known maker and a model's code name a product
            if span.label_ == "Organization" and span.end < len(doc) and self._code(doc[span.end]) and (
                    "\n" not in doc[span.end - 1].whitespace_):
                end, _ = self._designation_end(Span(doc, span.start, span.end + 1), "Product")
                model_spans.append(Span(doc, span.start, end, label="Product"))
                evidenced.add((span.start, end))
        for _, start, end in self.lower_model_matcher(doc):  # "l'iX3", 'la bZ4X': a product the model misses
            if doc[end - 1].text not in self.not_entities and not doc[end - 1].ent_type_:
                after = next((ent for ent in doc.ents if ent.start == end and ent.label_ in {"ORG", "MISC"}), None)
                if after is not None and not doc[end - 1].whitespace_.count("\n") and not any(
                        k.start < after.end and after.start < k.end for k in kb_spans):
                    end = after.end  # "l'iX5 Hydrogen": the rest of its name, which the model took apart
                model_spans.append(Span(doc, start + 1, end, label="Product"))
                evidenced.add((start + 1, end))
        for span in self._datelines(doc):  # 'PARIS (Reuters) -': the town a dispatch is dated from
            model_spans.append(span)
            evidenced.add((span.start, span.end))
        for ent in doc.ents:
            for piece in self._pieces(ent):
                if self._ticker(piece):
                    continue  # 'AB Volvo (VOLVb.ST)', 'Nissan (TYO:7201)': a stock code, no name
                if (piece.start, piece.end) in kb_exact or piece[0].pos_ == "DET" and (piece.start + 1, piece.end) in kb_exact:
                    continue  # 'La France est ...': the known name, its article aside
                # 'Tesla Wang Chuanfu': Tesla, then a person; 'la future Vesta de Dacia': Vesta, then Dacia
                piece = self._without_known(piece, kb_spans, person=ent.label_ in {"PER", "PERSON"})
                known = self._known_with_legal_form(piece, kb_spans)
                if known is not None:  # 'Contemporary Amperex Technology Co.', 'Xiaomi Corp'
                    model_spans.append(Span(doc, piece.start, piece.end, label=known.label_, kb_id=known.kb_id_))
                    continue
                context = self._context_type(piece) or self._model_name(piece, makers)
                if context == "Organization" and ent.label_ in {"PER", "PERSON"} and self._person_noun_ambiguous(piece):
                    context = None  # 'son partenaire commercial X Y': a partner may be a person; the model said one
                typ = context or self._model_type(piece, ent.label_)
                if typ and not context and ent.label_ in {"MISC", "ORG"} and self._listed_with_product(piece, kb_spans + model_spans):
                    typ = "Product"  # 'les Scénic, Talisman et Espace': listed with a product, a product
                elif typ and not context and ent.label_ not in {"PER", "PERSON"} and self._listed_with_known_company(
                        piece, kb_spans):  # a person after a company and a comma is often its head ('Nissan, Ivan X')
                    typ = "Organization"  # 'Yanfeng, Grupo Antolin, Toyota Boshoku ou Forvia'
                    context = typ
                if typ in {"Person", "Place"} and not context and (self._numbered(piece) or len(piece) > 1 and (
                        piece[-1].text in self.lexicon["electric_suffixes"] or self._model_code(piece[-1:]))) or (
                        typ and not context and self._model_code(piece)) or (
                        typ == "Organization" and not context and len(piece) > 1 and (
                            self._code(piece[-1]) or piece[-1].text in self.lexicon["electric_suffixes"])
                        and not any(t.text in self.org_suffixes for t in piece)):  # 'Omoda C5': a code ends no company's
                    # name, nor does an electric designation ('des Mini EV')
                    typ = "Product"  # 'des scooters Yamaha 125', 'Mégane E-Tech': a person's or a place's name holds no number;
                    # 'le R1T', "l'A8": a model's code, letters and digits in one word
                if piece.start >= 1 and doc[piece.start - 1].lower_ in self.lexicon["collective_nouns"]:
                    piece = doc[piece.start - 1:piece.end]  # "l'alliance Renault-Nissan": the group's name
                    typ = context = "Organization"
                elif piece.start >= 1 and doc[piece.start - 1].lower_ in self.lexicon["geographic_nouns"]:
                    piece = doc[piece.start - 1:piece.end]  # 'la mer Rouge', 'le golfe Persique': the place's name
                    typ = context = "Place"
                if typ:
                    nxt = doc[piece.end] if piece.end < len(doc) else None
                    if (typ == "Person" and len(piece) == 1 and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title
                            and not nxt.is_stop and not self._common(nxt) and "\n" not in piece[-1].whitespace_
                            and not nxt.ent_type_):
                        piece = doc[piece.start:piece.end + 1]  # 'Par Jean-Baptiste X': the surname the model left out
                    end, product = self._designation_end(piece, typ)
                    if end > piece.end:  # 'ATTO 3', 'Q4 e-tron', 'Luxgen n7', 'Kangoo Z.E': the model's designation
                        piece = doc[piece.start:end]
                        typ = "Product" if product or typ in {"Person", "Place"} else typ
                    model_spans.append(Span(doc, piece.start, piece.end, label=typ))
                    if context:
                        evidenced.add((piece.start, piece.end))
        governments = self._governments(doc, kb_spans + model_spans)
        for span in governments:
            model_spans.append(span)
            evidenced.add((span.start, span.end))
        government_texts = {span.text for span in governments}
        model_spans = self._without_opening_words(model_spans, evidenced)
        # the longest name wins ('Lotus Peak Advisory' over the known 'Lotus'); on a tie, the knowledge base
        spans = filter_spans(kb_spans + model_spans)
        spans = self._unify_names(self._variants(self._one_type_per_name(
            self._acronyms(self._expansions(spans)), evidenced), evidenced), evidenced)
        types = self._entity_types(spans, evidenced)
        for span in sorted(spans, key=lambda sp: (sp.start, sp.end)):
            key = span.kb_id_
            record = self.kb.get(key)
            if key not in infos:
                if record:
                    infos[key] = EntityInfo(key, record["name"], record["type"], record.get("kind"),
                                            record.get("wikidata"), country=record.get("country"),
                                            hq=record.get("hq"))
                else:
                    kind = "government" if span.text in government_texts else self._kind(span)
                    infos[key] = EntityInfo(key, span.text, types[key], kind)
            infos[key].add_alias(span.text)
        # one type per entity in an article: every name of it carries the entity's type
        spans = [span if span.label_ == infos[span.kb_id_].type else
                 Span(doc, span.start, span.end, label=infos[span.kb_id_].type, kb_id=span.kb_id_) for span in spans]
        doc.ents = spans
        doc._.kg_entities = infos
        return doc

    def _governments(self, doc: Doc, names: list[Span]) -> list[Span]:
        """'le gouvernement marocain', 'le gouvernement de Rome': a government, an
        organisation that acts as a party (its country stays a place); 'l'ambassade de
        Chine', 'la mairie de Paris': an institution of a known place."""
        found = []
        places = {span.start: span.end for span in names if span.label_ == "Place"}
        for match_id, start, end in self.government_matcher(doc):
            if doc.vocab.strings[match_id] == "government" and doc[end - 1].lower_ in self.lexicon["nationalities"]:
                found.append(Span(doc, start, end, label="Organization"))
            elif end in places:  # 'de' then a known place
                found.append(Span(doc, start, places[end], label="Organization"))
        return found

    def _entity_types(self, spans: list[Span], evidenced: set[tuple[int, int]]) -> dict[str, str]:
        """One type per entity of the article, from all its names: the types that
        neighbouring words gave win over the model's labels, the most frequent of each
        (the first on a tie). Then what the article says of the entity as a whole: a
        person is named in full at least once ('Elon Musk', then 'Musk'), so a one-word
        "person" never named in full, with no title or civility, is an organisation
        ('Hylane a commandé', 'Symbio dépend'); a "place" the knowledge base does not know
        that acts as the subject of a verb, an agent or a party after 'auprès de' is an
        organisation ('Sixt veut acquérir', 'conclu par X')."""
        by_key: dict[str, list[Span]] = {}
        for span in sorted(spans, key=lambda sp: sp.start):
            by_key.setdefault(span.kb_id_, []).append(span)
        types = {}
        for key, names in by_key.items():
            if key in self.kb:
                types[key] = self.kb[key]["type"]
                continue
            told = [s.label_ for s in names if (s.start, s.end) in evidenced]
            votes = told or [s.label_ for s in names]
            typ = max(dict.fromkeys(votes), key=votes.count)  # the most frequent, the first on a tie
            town = self._town(names, spans)
            if not told and typ == "Person" and all(len(s) == 1 for s in names):
                typ = "Organization"
            elif not told and typ == "Organization" and town and not any(self._acts(s) or self._party(s) for s in names):
                typ = "Place"  # "l'usine Renault de Curitiba", 'installée à Ha Tinh': a town the text places
            elif not told and typ == "Organization" and self._named_like_a_model(names):
                typ = "Product"  # 'la Logan' ... 'la Logan se vend bien': never bare, never a speaker
            elif not told and typ == "Place" and not town and any(self._acts(s) or self._party(s) for s in names):
                typ = "Organization"  # 'Sixt veut acquérir' (not "l'usine de Zwickau" ... 'Zwickau produira')
            elif not told and typ == "Place" and not any(self._placed(s, spans) for s in names) and not any(
                    gazetteer_form(s.text) in gazetteer(self.lexicon["gazetteer_min_population"]) for s in names):
                typ = "Organization"  # 'selon Wabco', 'Radio-Canada rapporte': no town, region or word of the text places it
            types[key] = typ
        return types

    def _town(self, names: list[Span], spans: list[Span]) -> bool:
        """A town or region of the gazetteer that the text places: a locative preposition
        or a noun of place governs one of its names ('installée à Ha Tinh', "l'usine Renault
        de Curitiba", "l'usine historique de X"), whatever the model labelled it."""
        known = gazetteer(self.lexicon["gazetteer_min_population"])
        # 'ST', 'GT': a company's acronym, not the country code the gazetteer holds
        return any(gazetteer_form(s.text) in known and not (s.text.isupper() and len(s.text) <= 3) for s in names) and any(
            self._placed(s, spans) or self._place_head(s) for s in names)

    def _place_head(self, span: Span) -> bool:
        """The name complements a noun of place through 'de', past that noun's adjectives and
        a company's name between ("l'usine historique turinoise de X", "l'usine Renault de
        X"), as the parser hangs it."""
        root = span.root
        head = root.head
        doc = span.doc
        return (root.dep_ == "nmod" and head.i < span.start and head.lemma_.lower() in self.lexicon["place_heads"]
                and span.start >= 1 and doc[span.start - 1].lower_ in self.words["de"])

    def _named_like_a_model(self, names: list[Span]) -> bool:
        """French gives a car model an article ('la X', 'le Y') and a company none ('X a
        annoncé'): an unknown name the model alone called an organisation is a product when
        one of its names has 'le' or 'la' before it (`model_articles`) and none is a bare
        subject, a source after 'selon' or written like an acronym or a company ('CFDT',
        'X Group')."""
        doc = names[0].doc
        articled = False
        for span in names:
            before = doc[span.start - 1] if span.start >= 1 else None
            if (span.text.isupper() or len(span) > 2 or any(t.text in self.org_suffixes for t in span)
                    or before is not None and before.lower_ in self.words["according_words"]):
                return False
            if before is not None and before.lower_ in self.lexicon["model_articles"]:
                articled = True
            elif span.root.dep_ in {"nsubj", "nsubj:pass"} and not (before is not None and before.pos_ == "DET"):
                return False
        return articled

    def _opening(self, token: Token) -> bool:
        """The token opens a line, a sentence, a headline or a quote, where French writes
        any word with a capital: after a line break, a colon, an opening quote or bracket,
        or a headline marker ('À lire aussi')."""
        i = token.i
        if i == 0 or token.is_sent_start:
            return True
        before = token.doc[i - 1]
        if before.is_space or "\n" in before.whitespace_ or before.text in self.opening_marks:
            return True
        return any(i >= len(marker) and [t.lower_ for t in token.doc[i - len(marker):i]] == marker
                   for marker in self.headline_markers)

    def _verb_form(self, token: Token) -> bool:
        """The word is an inflected form of one of the language's common verbs ('interrogé',
        'créez', 'actualisé'): the lookup lemmatizer gives it another lemma, an infinitive
        its index lists."""
        if self.lemma_lookup is None:
            return False
        lemmas = self.lemma_lookup.get(token.lower_)
        lemmas = [lemmas] if isinstance(lemmas, str) else lemmas or []
        return any(lemma != token.lower_ and lemma.endswith(("er", "ir", "re")) and lemma in self.common_words
                   for lemma in lemmas)

    def _common(self, token: Token) -> bool:
        """The word is one of the language's common words (the lemmatizer's index), whatever its case."""
        return token.lower_ in self.common_words or token.lemma_.lower() in self.common_words

    def _without_opening_words(self, spans: list[Span], evidenced: set[tuple[int, int]]) -> list[Span]:
        """A one-word name that is a common word ('Camion', 'Accueil', 'Achat', 'LIRE') and
        is capitalised only where any word would be (line, sentence or headline starts)
        names nothing, unless a neighbouring word gives its type. One decision per word in
        the article: written with a capital anywhere else ('Hertz vient de ... à Hertz'),
        it is a name everywhere."""
        candidates: dict[str, list[Span]] = {}
        for span in spans:
            short_acronym = span.text.isupper() and len(span.text) <= 4  # 'PIF', 'CD': an acronym, not a word
            if len(span) == 1 and (span.start, span.end) not in evidenced and not short_acronym and self._common(span[0]):
                candidates.setdefault(span.text.lower(), []).append(span)
        dropped: set[tuple[int, int]] = set()
        for text, found in candidates.items():
            others = [s for s in spans if s.text.lower() == text and len(s) == 1]
            if all(self._opening(s[0]) for s in others):
                dropped.update((s.start, s.end) for s in others)
        return [s for s in spans if (s.start, s.end) not in dropped] if dropped else spans

    def _without_known(self, piece: Span, kb_spans: list[Span], person: bool) -> Span:
        """A name does not end with 'de' and a known company ('la Vesta de Dacia', 'Anne
        Keller de Renault': the name, then the company), and a person's name holds no
        company, product or place ('Tesla Wang Chuanfu': the known name, then the person)."""
        for known in kb_spans:
            if known.label_ == "Person" or not (piece.start <= known.start and known.end <= piece.end):
                continue
            if not person and known.label_ != "Organization":
                continue
            doc = piece.doc
            if known.start == piece.start and known.end < piece.end:
                if not person:
                    continue
                start, end = known.end, piece.end
            elif known.end == piece.end and known.start > piece.start + 1 and doc[known.start - 1].lower_ in self.words["de"]:
                start, end = piece.start, known.start - 1  # 'X de Tesla'; a surname may be a company's ('Peter Bosch')
            else:
                continue
            rest = doc[start:end]
            if not person and len(rest) and rest[0].text[:1].isupper():
                return rest
            if len(rest) >= 2 and all(t.text[:1].isupper() and t.text not in self.org_suffixes
                                      and not (len(t) > 3 and self._common(t))
                                      for t in rest) and not any(
                    k.label_ != "Person" and k.start < rest.end and rest.start < k.end for k in kb_spans):
                return rest  # a first name and a surname
            return piece
        return piece

    @staticmethod
    def _ticker(span: Span) -> bool:
        """The span lies in brackets that hold a stock code: letters and digits, a dot or a
        colon, letters and digits ('VOLVb.ST', 'TYO:7201', '8TRA.DE')."""
        doc = span.doc
        opening = next((i for i in range(span.start - 1, max(span.start - 4, -1), -1) if doc[i].text == "("), None)
        closing = next((i for i in range(span.end, min(span.end + 3, len(doc))) if doc[i].text == ")"), None)
        if opening is None or closing is None:
            return False
        return re.fullmatch(r"[A-Za-z0-9]{1,8}[.:][A-Za-z0-9]{1,6}", doc[opening + 1:closing].text.replace(" ", "")) is not None

    @staticmethod
    def _numbered(span: Span) -> bool:
        """A word of the name is a number that is not a year ('125', 'X5' is not: a word)."""
        return any(t.is_digit and not (len(t) == 4 and t.text[:2] in {"19", "20"}) for t in span[1:])

    def _designation_end(self, span: Span, typ: str) -> tuple[int, bool]:
        """Where a model's name ends, past the designation the model's span left out: a
        code of letters and digits or of capitals and dots ('Luxgen n7', 'Kangoo Z.E'), an
        electric suffix ('Q4 e-tron', 'Model e'), and after a product a small number that
        no unit or noun follows ('ATTO 3', 'Tesla Model 3'; not 'Model Y 3 000 unités').
        Also whether the designation makes the name a product's (all but a lower-case code)."""
        doc, end, product = span.doc, span.end, False
        while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and not doc[end].is_sent_start:
            token = doc[end]
            text = token.text
            after = doc[end + 1] if end + 1 < len(doc) else None
            code = (any(c.isdigit() for c in text) and any(c.isalpha() for c in text) and text.replace("-", "").isalnum()
                    and not text[:1].isupper() and not re.search(r"\d(e|er|re|ème|ère|es)\b", text))  # not '2e'
            electric = text in self.lexicon["electric_suffixes"] or bool(re.fullmatch(r"[A-Z](\.[A-Z])+\.?", text))
            number = (typ == "Product" and token.is_digit and len(text) <= 3 and (
                after is None or after.is_punct or after.pos_ not in {"NOUN", "NUM", "ADJ"} and after.text not in {"%", "€", "$"}))
            if not (code or electric or number):
                break
            product = product or electric or number
            end += 1
        return end, product

    def _datelines(self, doc: Doc) -> list[Span]:
        """A name in capitals that opens a line or a sentence and is followed by a bracket, a
        comma or a dash ('PARIS (Reuters) -', 'ERFURT, Allemagne, 19 octobre'): a dateline's
        town, a place when the gazetteer or the knowledge base knows it."""
        found = []
        for _, start, end in self.dateline_matcher(doc):
            name = doc[start:end - 1]
            form = gazetteer_form(name.text)
            known = self.kb.get(slugify(name.text), {}).get("type")
            if self._opening(doc[start]) and (known == "Place" or known is None and form in gazetteer(
                    self.lexicon["gazetteer_min_population"])):
                found.append(Span(doc, start, end - 1, label="Place"))
        return filter_spans(found)

    @staticmethod
    def _code(token: Token) -> bool:
        """A model's code: letters and digits mixed in one word, hyphens aside, no year
        ('EX30', 'e-3008', 'ID4'; not '2030', 'COVID-19' is known elsewhere)."""
        text = token.text.replace("-", "")
        return (any(c.isdigit() for c in text) and any(c.isalpha() for c in text) and text.isalnum()
                and not re.search(r"(19|20)\d\d", text) and not re.fullmatch(r"\d+(e|er|re|ème|ère|es)", text))

    @staticmethod
    def _model_code(span: Span) -> bool:
        """The name is one word of letters and digits mixed, no year ('R1T', 'A8', 'SPA2',
        'T03'): a model's or a platform's code, not a company's name."""
        if len(span) != 1:
            return False
        text = span.text
        return (any(c.isdigit() for c in text) and any(c.isalpha() for c in text) and text.isalnum()
                and not re.search(r"(19|20)\d\d", text))

    def _party(self, span: Span) -> bool:
        """The name is the agent of a passive ('conclu par X') or what 'auprès de' governs:
        a company or a person, not a place."""
        root = span.root
        return root.dep_ == "obl:agent" or root.head.lower_ in self.words["party_heads"] and root.head.i < root.i

    def _placed(self, span: Span, spans: list[Span]) -> bool:
        """What the text says of the name places it: a locative preposition governs it, past
        an article ('en Thuringe', 'dans la Silicon Valley', 'au Vietnam'); it complements a
        noun of place ("l'usine d'Oppama", 'le sud-ouest de l'Angleterre'); a word of its
        name is a word of places ('Tyrol du Sud', 'Silicon Valley'); or it is listed with a
        known place ('Douai, Ruitz et Maubeuge')."""
        doc, i = span.doc, span.start - 1
        if any(t.text in self.lexicon["place_name_words"] for t in span):
            return True
        if i >= 0 and doc[i].pos_ == "DET":
            i -= 1
        if i >= 0 and doc[i].lower_ in self.lexicon["locative_prepositions"]:
            return True
        if i >= 1 and doc[i].lower_ in self.words["de"] and doc[i - 1].lemma_.lower() in self.lexicon["place_heads"]:
            return True
        joiners = self.words["name_splitters"]
        return any(other.label_ == "Place" and other.kb_id_ in self.kb and (
            0 < other.start - span.end <= 2 and all(t.lower_ in joiners for t in doc[span.end:other.start])
            or 0 < span.start - other.end <= 2 and all(t.lower_ in joiners for t in doc[other.end:span.start]))
            for other in spans)

    def _acts(self, span: Span) -> bool:
        """The name is the subject of a verb of action: a company or a person, not a place."""
        root = span.root
        head = root.head
        return (root.dep_ == "nsubj" and head.pos_ == "VERB" and head.i > root.i
                and head.lemma_.lower() not in self.words["copulas"])

    def _pieces(self, ent: Span):
        """Split a model entity on coordination and trim leading common nouns or function
        words: 'NIO ou de Xpeng' → NIO, Xpeng; 'SUV Telluride' → Telluride."""
        doc = ent.doc
        pieces, start = [], ent.start
        for token in ent:
            # a line break ends a name ('Xiaomi\n\nChina' is two lines, not one name)
            if (token.lower_ in self.words["name_splitters"] or token.text in self.words["name_breaks"]
                    or token.pos_ in {"VERB", "AUX"} or token.is_space):
                pieces.append((start, token.i))
                start = token.i + 1
        pieces.append((start, ent.end))
        for start, end in pieces:
            person = ent.label_ in {"PER", "PERSON"}
            while start < end and (doc[start].is_lower or doc[start].is_punct or doc[start].is_space
                                   or doc[start].lower_ in self.type_nouns or doc[start].text in self.person_titles
                                   or end - start > 1 and (person and self._common_lead(doc[start])
                                                           or self._headline_lead(doc[start])
                                                           or doc[start].lower_ in self.lexicon["byline_words"]
                                                           and self._opening(doc[start])
                                                           or doc[start].text in self.not_entities
                                                           and doc[start + 1].text[:1].isupper())):
                start += 1  # 'M. Xie' is Xie, whom the article named in full before
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or _TICKER.match(doc[end - 1].text)
                                   or doc[end - 1].is_lower and not doc[end - 1].like_num):
                end -= 1  # 'Schneider Electric SCHN.PA': a stock ticker is no part of the name
            if start >= end:
                continue
            while (end + 1 < len(doc) and doc[end].text in {"-", "‑"} and not doc[end - 1].whitespace_
                   and not doc[end].whitespace_ and doc[end + 1].is_alpha):
                end += 2  # a hyphenated name the tokenizer cut ('Chey Jae-won', 'Kim Dong-kwan')
            span = doc[start:end]
            if len(span) == 1 and self._verb_form(span[0]) and (
                    span[0].is_sent_start or self._opening(span[0])) and span[0].text[:1].isupper():
                continue  # 'Interrogé, X a nié', '(Actualisé avec ...', 'Créez et gérez': a verb opening a clause
            if self._capitalised_word(span) or self._bracketed(span) or self._demonym(span) or all(
                    t.text.rstrip(".") in self.legal_forms for t in span):
                continue  # ... or a legal form cut from its name ('Co. Limited')
            if self._event(span):
                continue  # 'Battery Show Europe', 'le salon IAA': an event, no entity
            if span[0].text in self.facility_words and len(span) > 1:
                continue  # 'la Gigafactory de Shanghai': a facility, whose place is found on its own
            if span.text in self.not_entities or not any(t.is_title or t.is_upper or t.like_num or t.text[:1].isupper() for t in span):
                continue
            if len(span) == 1 and (span[0].is_stop or len(span.text) < 2 or self._title_word(span[0])):
                continue  # ... or a title alone ('P-DG', 'Président-directeur')
            if len(span) > 1 and all(t.is_upper and t.is_alpha and self._common(t) for t in span):
                continue  # a banner in capitals ('NE MANQUEZ RIEN', 'POURRAIT VOUS INTÉRESSER')
            if len(span) == 1 and span[0].is_upper and span[0].is_alpha and self._common(span[0]) and any(
                    0 <= j < len(doc) and doc[j].is_upper and doc[j].is_alpha and self._common(doc[j])
                    for j in (span.start - 1, span.end)):
                continue  # ... one word of it ('À LIRE AUSSI')
            if len(span) == 1 and self._common(span[0]) and self._portfolio(span[0]):
                continue  # 'le ministre de l'Économie et de l'Énergie', 'des Affaires étrangères': a portfolio
            yield span

    def _event(self, span: Span) -> bool:
        """An event's name: a capitalised event word in it ('Battery Show Europe', 'Capital
        Markets Day'; `event_words`), or a lower-case event or plan noun right before it, past
        quotes and adjectives ('le salon IAA', 'la conférence Battery Day', 'son plan
        stratégique « X »'; `event_nouns`)."""
        doc = span.doc
        if any(t.text in self.lexicon["event_words"] for t in span):
            return True
        i = span.start - 1
        while i >= 0 and doc[i].text in self.lexicon["name_quotes"]:
            i -= 1  # 'le sommet "Choose France"', 'son plan stratégique « X »'
        while i >= 0 and span.start - i <= 3 and doc[i].pos_ == "ADJ" and doc[i].is_lower:
            i -= 1
        return i >= 0 and doc[i].is_lower and doc[i].lemma_.lower() in self.lexicon["event_nouns"]

    def _portfolio(self, token: Token) -> bool:
        """The word is the complement of a minister's title, directly or in a coordination
        ('ministre de l'Économie, de l'Innovation et de l'Énergie'): a portfolio, no name."""
        node = token
        for _ in range(4):
            if node.dep_ not in {"nmod", "conj"} or node.head == node:
                return False
            node = node.head
            if node.lemma_.lower() in self.lexicon["portfolio_heads"] or node.lower_ in self.lexicon["portfolio_heads"]:
                return True
        return False

    def _title_word(self, token: Token) -> bool:
        """A title or a type noun, hyphenated or not ('P-DG', 'Président-directeur')."""
        lower = token.lower_
        return (lower in self.type_nouns or lower.replace("-", "") in self.type_nouns
                or "-" in lower and lower.split("-")[0] in self.title_nouns)

    def _headline_lead(self, token: Token) -> bool:
        """A common word that opens a line or a headline before a capitalised name ('À lire
        aussi Comment ACC compte ...', 'Essai X Y'): the headline's first word, not the name's."""
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return (len(token) > 3 and token.pos_ in {"NOUN", "ADV", "VERB", "ADJ", "SCONJ", "PRON"} and self._common(token)
                and self._opening(token) and following is not None and following.text[:1].isupper())

    def _common_lead(self, token: Token) -> bool:
        """A common word heading a person's name: a title or a word of the line before it
        ('Reportage de X', 'Directeur Général X', 'Madame X'), which the tagger reads as no
        proper noun or which opens the line."""
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.text in self.not_entities:
            return True
        # short words are left alone: many family names are also French words ('Li', 'Le')
        return (len(token) > 3 and self._common(token) and (token.pos_ in {"NOUN", "ADJ", "VERB"} or self._opening(token)
                                         and following is not None and following.is_lower))

    def _listed_with_known_company(self, span: Span, kb_spans: list[Span]) -> bool:
        """A known company right before or after the name, joined only by a comma, 'et' or
        'ou': an enumeration of companies ('General Motors et Cruise', 'Yanfeng, Antolin ou
        Faurecia'). Not after a preposition of place ('à Tanger et Somaca' says nothing)."""
        doc = span.doc
        if span.start >= 1 and doc[span.start - 1].lower_ in self.lexicon["locative_prepositions"]:
            return False
        joiners = self.words["name_splitters"]

        def joined(first_end: int, second_start: int) -> bool:
            between = doc[first_end:second_start]
            return 0 < len(between) <= 2 and all(t.text == "," or t.lower_ in joiners for t in between)

        return any(known.label_ == "Organization" and (joined(known.end, span.start) or joined(span.end, known.start))
                   for known in kb_spans)

    def _listed_with_product(self, span: Span, spans: list[Span]) -> bool:
        """The name right before, joined by a comma or 'et', is a product (not one whose name
        begins with this one: 'la X Y, X vise' names the maker after its model)."""
        doc = span.doc
        before = [s for s in spans if s.end <= span.start and span.start - s.end <= 2]
        return any(s.label_ == "Product" and s.text.split()[:len(span)] != span.text.split() and all(t.text == "," or t.lower_ in self.words["name_splitters"]
                                                 for t in doc[s.end:span.start]) for s in before)

    def _known_with_legal_form(self, span: Span, kb_spans: list[Span]) -> Span | None:
        """A known organisation's name followed only by a legal form ('Co.', 'Corp', 'Ltd',
        'Limited') or a word that leaves it the same company ('Huawei Technologies',
        'Geely Auto Group'): the known entity, the whole name its alias."""
        for known in kb_spans:
            suffixes = self.same_company_suffixes if known.label_ == "Organization" else self.legal_forms
            if known.start == span.start and known.end < span.end and all(
                    t.text.rstrip(".") in suffixes or t.is_punct for t in span.doc[known.end:span.end]):
                return known
        return None

    def _model_name(self, span: Span, makers: dict[int, int]) -> str | None:
        """A known maker's name followed by more of a name ('Ford Mustang Mach-E', 'Škoda
        Vision', 'Renault 5') is a product, unless the rest is a company suffix ('Geely
        Auto Group', 'Hyundai Motor')."""
        end = makers.get(span.start)
        if end is None or end >= span.end or span[-1].text in self.org_suffixes:
            return None
        rest = span.doc[end:span.end]
        if any(t.text in self.org_suffixes for t in rest) or rest[0].is_punct:
            return None
        if self.kb.get(slugify(rest.text), {}).get("kind") == "country" or any(
                self.kb.get(slugify(t.text), {}).get("kind") == "country" for t in rest):
            return "Organization"  # 'Renault Maroc', 'Ford Allemagne': a maker's unit in a country
        return "Product"

    def _demonym(self, span: Span) -> bool:
        """'les Coréens', 'un Américain': people of a country, no entity."""
        word = span.text.lower()
        return len(span) == 1 and (word in self.nationalities or word.endswith("s") and word[:-1] in self.nationalities)

    @staticmethod
    def _bracketed(span: Span) -> bool:
        """A name inside square brackets is a ticker or an editor's note ('GM [GM:US]')."""
        doc = span.doc
        if span.start < 1 or span.end >= len(doc):
            return False
        before, after = doc[span.start - 1].text, doc[span.end].text
        # 'GM [GM:US]', '[051910: KS]', '(EPA: RENA)', '(NASDAQ:)': an exchange or a ticker
        return before == "[" and after in {"]", ":"} or before in {"[", "("} and after == ":" or (
            before == ":" and after in {"]", ")"})

    @staticmethod
    def _capitalised_word(span: Span) -> bool | None:  # None: spaCy's is_sent_start unknown
        """A common word capitalised because it opens a line or a sentence ('Reportage de
        X', 'Enquête.', 'Crédit photo'): the tagger calls it a noun, verb or adjective and
        the language model knows it, so it names nothing."""
        token = span[0]
        return (len(span) == 1 and token.is_sent_start and token.is_title
                and token.pos_ in {"NOUN", "VERB", "ADJ", "ADV", "ADP", "DET", "PRON"}
                and token.vocab.has_vector(token.lower_))

    def _context_type(self, span: Span) -> str | None:
        """The type a neighbouring word gives: 'le constructeur X', 'X, analyste chez',
        'chez X', 'X Research'."""
        doc = span.doc
        if self._dispatch_credit(span):
            return "Organization"  # '(AOF) - Nissan et Honda ...', 'PARIS (Reuters) -': a dispatch's agency
        if span.start >= 1 and doc[span.start - 1].text in self.person_titles:
            return "Person"  # 'Mme Le', 'Madame Thuy': a civility names a person
        byline = span.start - 1
        if byline >= 1 and doc[byline].lower_ in self.words["de"]:
            byline -= 1
        if byline >= 0 and doc[byline].lower_ in self.lexicon["byline_words"] and self._opening(doc[byline]):
            return "Person"  # 'Par Julie Marchand', '(Reportage de Paul Girard ...': the author
        if self._in_byline(span):
            return "Person"  # '(Reportage de A et B à Séoul, C à Austin, avec D ; édité par E)': the authors
        if self._articled_powertrain(span):
            return "Product"  # 'le Kona Electric', 'la production du X Hybrid': a model, not 'Lion Electric'
        suffixed = (len(span) > 1 and span[-1].text in self.org_suffixes and self._noun_type_before(span) in {
            None, "Organization"}  # 'les puces Exynos Auto': a product noun before wins over the suffix
            and span[-1].text not in self.lexicon["powertrain_suffixes"])  # 'X Electric': no evidence alone
        if suffixed or span.start >= 1 and doc[span.start - 1].lower_ in self.org_prepositions:
            return "Organization"
        if span.start >= 2 and doc[span.start - 1].lower_ in {"de", "du", "d'", "d’"}:
            title = span.start - 2
            while title > 0 and doc[title].pos_ == "ADJ" and span.start - title <= 4:
                title -= 1  # 'vice-président exécutif d'Aramco'
            if doc[title].lemma_.lower() in self.title_nouns or doc[title].lower_ in self.title_nouns:
                return "Organization"  # 'président de ProLogium Europe', 'patron de Hanwha': a title's complement
        i = span.start - 1
        if i >= 1 and doc[i].lower_ in self.lexicon["nationalities"] and doc[i - 1].pos_ in {"DET", "ADP"}:
            # 'le chinois Geely', 'du néerlandais Fastned': a nationality as a noun; written with a
            # capital it is a demonym, a person ('du Français Maxime Picat'): no evidence either way
            return None if doc[i].text[:1].isupper() and not self._opening(doc[i]) else "Organization"
        naming = i - 1 if i >= 1 and doc[i].is_punct else i
        if naming >= 1 and doc[naming].lemma_.lower() in self.lexicon["naming_verbs"]:
            head = doc[naming].head  # 'son système actuel, appelé « X »': the noun the participle names
            if head.i < naming and head.pos_ == "NOUN" and head.lemma_.lower() in self.type_nouns:
                return self.type_nouns[head.lemma_.lower()]
        if i >= 1 and doc[i].lemma_.lower() in self.lexicon["naming_verbs"]:
            i -= 1  # 'une architecture baptisée SEA'
        if i >= 1 and doc[i].lower_ in self.lexicon["product_adjectives"] and doc[i - 1].pos_ == "DET":
            return "Product"  # 'la future Twingo', 'les prochaines Mégane': what is to come is a product
        while i >= 0 and doc[i].pos_ == "ADJ" and self._type_noun(doc[i]) is None:
            i -= 1  # 'la nouvelle plate-forme électrique X' (the tagger's adjective 'plate-forme' is a noun)
        if self._type_before_complement(doc, i) == "Organization":
            return "Organization"  # 'le spécialiste allemand du freinage X', 'le fabricant de batteries pour véhicules X'
        if i >= 0 and self._type_noun(doc[i]):
            return self._type_noun(doc[i])
        if self._type_before_complement(doc, i):
            return self._type_before_complement(doc, i)  # 'la technologie de pointe X', "le système d'exploitation X"
        if i == span.start - 1 and i >= 1 and doc[i].lower_ in self.lexicon["nationalities"] and doc[i - 1].pos_ in {
                "DET", "ADP"}:
            return "Organization"  # 'le chinois Geely', 'du malaisien Proton': a nationality as a noun
        if i >= 1 and doc[i].lower_ in self.words["de"] and doc[i - 1].lemma_.lower() in self.lexicon["place_nouns"]:
            return "Place"
        if i >= 0 and doc[i].pos_ == "DET" and doc[i].lower_ in self.lexicon["possessives"]:
            return "Product"  # 'sa propre ID.1', 'sa Model 3': companies own products, not companies
        root = span.root
        if i >= 0 and doc[i].pos_ == "DET" and self._made(root):
            return "Product"  # 'la nouvelle Twingo doit être produite', 'commercialiser la Zoe'
        if self._product_with_article(span):
            return "Product"  # "les livraisons de l'X", 'la Y électrique'
        if self._attribute_type(span) == "Product":
            return "Product"  # 'X reste la voiture la plus vendue' (not a person's 'X est un leader')
        j = span.end + 2  # 'Voltaris, une coentreprise', 'X, la filiale de Y': an apposition by word order
        if j < len(doc) and doc[span.end].text == "," and doc[span.end + 1].pos_ == "DET":
            while j < len(doc) and doc[j].pos_ == "ADJ":
                j += 1
            if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].lemma_.lower() in self.type_nouns:
                return self.type_nouns[doc[j].lemma_.lower()]
        for other in [*root.children, root.head]:
            if other.i in range(span.start, span.end):
                continue
            # an apposition after the name is set off by a mark ('X 3, le camion', not the parser's 'à X lance le camion')
            related = other.dep_ == "appos" and (other.i < span.start or any(t.is_punct for t in doc[span.end:other.i])) or (
                root.dep_ == "appos" and other == root.head)
            if related and other.pos_ == "NOUN" and other.lemma_.lower() in self.type_nouns:
                return self.type_nouns[other.lemma_.lower()]
        return None

    def _articled_powertrain(self, span: Span) -> bool:
        """A name that ends with a word of powertrain that companies also end with ('Electric',
        `powertrain_suffixes`) after a definite article: a model ('le X Electric'); a
        company's name takes no article ('X Electric a annoncé')."""
        doc = span.doc
        return (len(span) > 1 and span[-1].text in self.lexicon["powertrain_suffixes"] and span.start >= 1
                and doc[span.start - 1].lower_ in self.words["specific_determiners"])

    def _product_with_article(self, span: Span) -> bool:
        """A name after a definite article ('la X', "l'X", 'du X'; a company's name takes
        none) that complements a noun of what is done to products ("les livraisons de l'X",
        'le prix de la Y', 'la production du Z'; `product_complement_heads`) or that an
        adjective of powertrain follows ('la X électrique'; `product_attributes`)."""
        doc = span.doc
        if span.start < 1 or doc[span.start - 1].lower_ not in self.words["specific_determiners"]:
            return False
        if span.end < len(doc) and doc[span.end].lower_ in self.lexicon["product_attributes"]:
            return True
        head = span.root.head
        return (span.root.dep_ == "nmod" and head.i < span.start and head.pos_ == "NOUN"
                and head.lemma_.lower() in self.lexicon["product_complement_heads"])

    def _attribute_type(self, span: Span) -> str | None:
        """The type noun the name is described by through a copula: 'X est un équipementier',
        'la Y reste la voiture la plus vendue' (the attribute's head, after 'être' or a verb
        like it, `copulas`)."""
        root = span.root
        if root.dep_ != "nsubj":
            return None
        head = root.head
        if head.i < span.end:
            return None
        if head.pos_ == "NOUN" and any(c.dep_ == "cop" for c in head.children):
            return self._type_noun(head)
        if head.lemma_.lower() in self.words["copulas"] or head.lower_ in self.copula_forms:
            for child in head.children:
                if child.dep_ in {"xcomp", "obj"} and child.i > head.i and child.pos_ == "NOUN":
                    return self._type_noun(child)
        return None

    def _in_byline(self, span: Span) -> bool:
        """The name is in a bracket that a byline word opens ('(Reportage de ...', '(Reportage
        X, ...'), not after a locative preposition ('à Séoul') and not known: an author."""
        doc = span.doc
        i = span.start - 1
        if i >= 0 and doc[i].lower_ in self.lexicon["locative_prepositions"] or slugify(span.text) in self.kb:
            return False
        while i >= 1 and doc[i].text not in {"(", ")"} and "\n" not in doc[i].text and span.start - i <= 40:
            i -= 1
        return i >= 0 and doc[i].text == "(" and i + 1 < span.start and doc[i + 1].lower_ in self.lexicon["byline_words"]

    def _person_noun_ambiguous(self, span: Span) -> bool:
        """A name of two words or more right after a noun that names companies and people
        alike ('partenaire', 'investisseur', 'rival'; `person_or_org_nouns`), past its
        adjectives: that noun tells no type."""
        doc, i = span.doc, span.start - 1
        while i >= 0 and doc[i].pos_ == "ADJ":
            i -= 1
        return len(span) > 1 and i >= 0 and doc[i].lemma_.lower() in self.lexicon["person_or_org_nouns"]

    def _noun_type_before(self, span: Span) -> str | None:
        """The type a type noun right before the name gives, past its adjectives."""
        doc, i = span.doc, span.start - 1
        while i >= 0 and doc[i].pos_ == "ADJ":
            i -= 1
        return self.type_nouns.get(doc[i].lemma_.lower()) if i >= 0 and doc[i].pos_ == "NOUN" else None

    def _type_noun(self, token: Token) -> str | None:
        """The type a type noun gives ('constructeur', 'plate-forme'), by its lemma when the
        tagger calls it a noun, by its form whatever the tagger called it."""
        if token.pos_ == "NOUN" and token.lemma_.lower() in self.type_nouns:
            return self.type_nouns[token.lemma_.lower()]
        if token.pos_ in {"NOUN", "ADJ", "PROPN"} and token.is_lower:
            form = token.lower_
            return self.type_nouns.get(form) or (self.type_nouns.get(form[:-1]) if form.endswith("s") else None)
        return None

    def _type_before_complement(self, doc: Doc, i: int, hops: int = 2) -> str | None:
        """The noun at ``i`` is a bare complement ('de batteries', 'du freinage', 'pour
        véhicules électriques', 'de pointe') of a type noun before it, at most ``hops``
        complements away: the name that follows is what that noun names ('le fabricant de
        batteries X' an organisation, 'la technologie de pointe X' a product)."""
        preps = self.words["complement_prepositions"]
        found = None
        for _ in range(hops):
            if not (i >= 2 and doc[i].pos_ == "NOUN" and doc[i - 1].lower_ in preps):
                break
            i -= 2
            while i >= 0 and doc[i].pos_ == "ADJ" and self._type_noun(doc[i]) is None:
                i -= 1
            typ = self._type_noun(doc[i]) if i >= 0 else None
            if typ == "Organization":
                return typ  # the outermost organisation noun names it ('le fabricant de batteries pour véhicules X')
            found = typ or found
        return found

    def _dispatch_credit(self, span: Span) -> bool:
        """'(AOF) - Nissan et Honda ...', 'PARIS (Reuters) - ...': the agency of a dispatch."""
        doc = span.doc
        return (span.start >= 1 and span.end + 1 < len(doc) and doc[span.start - 1].text == "("
                and doc[span.end].text == ")" and doc[span.end + 1].text in self.words["credit_dashes"])

    def _made(self, token: Token) -> bool:
        """The object, or the passive subject, of a verb of making or selling, directly or
        through a modal ('doit être produite'), or a conjunct of it ('produire la X et la Y')."""
        verbs = self.lexicon["product_verbs"]
        if token.dep_ == "conj" and token.head.dep_ in {"obj", "nsubj:pass"}:
            token = token.head  # 'produire la X et la Y': each conjunct is made
        if token.dep_ in {"obj", "nsubj:pass"} and token.head.lemma_.lower() in verbs:
            return True
        return token.dep_ == "nsubj" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in verbs and any(a.dep_ == "aux:pass" for a in c.children)
            for c in token.head.children)

    @staticmethod
    def _model_type(span: Span, label: str) -> str | None:
        """The type the model's label gives, when no neighbouring word tells it."""
        if label == "MISC":
            # Unknown MISC names act as organisations when they are a verb's subject.
            if span.root.dep_ in {"nsubj", "nsubj:pass"} and not any(t.like_num for t in span):
                return "Organization"
            if any(t.like_num or any(c.isdigit() for c in t.text) for t in span):
                return "Product"  # 'Polestar 3', 'ID.3', 'SU7'
            before = span.doc[span.start - 1] if span.start else None
            if before is not None and before.pos_ == "DET" and before.lower_ not in {"des", "ces", "ses", "leurs"}:
                return "Product"  # 'la Mégane', "l'I-PACE": a company's name takes no article
            return "Organization"
        return _LABELS.get(label)

    def _kind(self, span: Span) -> str | None:
        doc = span.doc
        if self._dispatch_credit(span):
            return "media"
        if span.start >= 1 and doc[span.start - 1].lower_ in self.org_prepositions:
            return "analyst" if span.start >= 2 and doc[span.start - 2].lemma_.lower() in self.words["analyst_nouns"] else None
        i = span.start - 1
        while i >= 0 and doc[i].pos_ == "ADJ":
            i -= 1
        if i >= 0:
            return self.lexicon["org_nouns"].get(doc[i].lemma_.lower())
        return None

    def _acronyms(self, spans: list[Span]) -> list[Span]:
        """An acronym anywhere in the article and an organisation's name of several words
        whose initials it spells ('Automotive Cells Company' ... 'ACC'; 'Banque européenne
        d'investissement' ... 'BEI', function words aside) are one entity, unless the
        knowledge base knows the acronym."""
        skip = set(self.words["de"]) | set(self.lexicon["acronym_skipped_words"])
        longs: dict[str, Span] = {}
        for span in spans:
            if len(span) > 1 and span.label_ == "Organization":
                for letters in ("".join(t.text[0] for t in span if t.text[:1].isupper()),
                                "".join(t.text[0] for t in span if t.is_alpha and t.lower_ not in skip)):
                    if len(letters) >= 2:
                        longs.setdefault(letters.upper(), span)
        keys: dict[str, str] = {}
        for span in spans:
            text = span.text
            if len(span) == 1 and not span.kb_id_ and text.isupper() and text.isalpha() and 2 <= len(text) <= 6 and text in longs:
                long = longs[text]
                keys[text] = long.kb_id_ or slugify(long.text)
                if not long.kb_id_:
                    keys[long.text] = keys[text]
        if not keys:
            return spans
        label_of = {keys[text]: longs[text].label_ for text in keys if text in longs}
        return [Span(span.doc, span.start, span.end, label=label_of.get(keys[span.text], span.label_), kb_id=keys[span.text])
                if span.text in keys and not span.kb_id_ else span for span in spans]

    @staticmethod
    def _expansions(spans: list[Span]) -> list[Span]:
        """An acronym followed closely by its expansion is one entity ('PEAR, pour «
        Personal Electric Automotive Revolution »', 'FCA (Fiat Chrysler Automobiles)')."""
        def initials(span: Span) -> str:
            return "".join(t.text[0] for t in span if t.text[:1].isupper())

        result = list(spans)
        for i in range(len(result) - 1):
            first, second = result[i], result[i + 1]
            doc = first.doc
            near = second.start - first.end <= 4 and not any(t.is_sent_start for t in doc[first.end:second.start])
            acronym = len(first) == 1 and len(second) > 1 and first.text.isupper() and initials(second) == first.text
            if near and acronym:
                key = first.kb_id_ or slugify(first.text)
                result[i] = Span(doc, first.start, first.end, label=first.label_, kb_id=key)
                result[i + 1] = Span(doc, second.start, second.end, label=first.label_, kb_id=key)
            # 'Canadian Industries Limited (CIL)': the expansion, then its acronym in brackets
            bracketed = second.start - first.end == 1 and doc[first.end].text == "(" and (
                second.end < len(doc) and doc[second.end].text == ")")
            if bracketed and len(second) == 1 and len(first) > 1 and second.text.isupper() and (
                    initials(first) == second.text) and not second.kb_id_:
                key = first.kb_id_ or slugify(first.text)
                result[i] = Span(doc, first.start, first.end, label=first.label_, kb_id=key)
                result[i + 1] = Span(doc, second.start, second.end, label=first.label_, kb_id=key)
        return result

    def _one_type_per_name(self, spans: list[Span], evidenced: set[tuple[int, int]]) -> list[Span]:
        """One name, one entity in an article: where a neighbouring word typed a name ('le
        Kona Electric', 'le constructeur X'), its other occurrences that only the model typed
        take that type (the most frequent told, the first on a tie), so they are not a second
        entity of another type ('dont Kona Electric' an organisation). A name of two or three
        capitalised words that only the model typed, whose last word is named alone as a
        person, is that person named in full ('Milan X', then 'X')."""
        told: dict[str, list[str]] = {}
        for span in spans:
            if (span.start, span.end) in evidenced and not span.kb_id_:
                told.setdefault(span.text, []).append(span.label_)
        surnames = {span.text for span in spans if span.label_ == "Person" and len(span) == 1 and not span.kb_id_}
        result = []
        for span in spans:
            votes = told.get(span.text)
            if votes and not span.kb_id_ and (span.start, span.end) not in evidenced:
                typ = max(dict.fromkeys(votes), key=votes.count)
                if typ != span.label_:
                    span = Span(span.doc, span.start, span.end, label=typ)
            elif (span.label_ in {"Organization", "Place"} and not span.kb_id_ and (span.start, span.end) not in evidenced
                  and 1 < len(span) <= 3 and span[-1].text in surnames and all(t.is_title and t.is_alpha for t in span)
                  and not any(t.text in self.org_suffixes for t in span)):
                span = Span(span.doc, span.start, span.end, label="Person")  # 'a déclaré Milan X' ... 'X' (a person)
            result.append(span)
        return result

    def _variants(self, spans: list[Span], evidenced: set[tuple[int, int]]) -> list[Span]:
        """A longer name that begins with a product's whole name ('la berline X' ... 'X Sport',
        'X Cross') is a variant of it, a product, when only the model typed it and the rest
        holds no company word ('X Motors', 'X Europe'). A name only the model typed an
        organisation, listed right after a product, is a product too."""
        products = {tuple(span.text.split()) for span in spans if span.label_ == "Product"}
        result: list[Span] = []
        for span in spans:
            words = span.text.split()
            if span.label_ != "Product" and not span.kb_id_ and (span.start, span.end) not in evidenced and any(
                    len(words) > len(p) and tuple(words[:len(p)]) == p for p in products) and not any(
                    t.text in self.org_suffixes or t.text in self.words["branch_suffixes"] for t in span[1:]):
                span = Span(span.doc, span.start, span.end, label="Product")
            elif span.label_ == "Organization" and not span.kb_id_ and (span.start, span.end) not in evidenced and not any(
                    t.text in self.org_suffixes and t.text not in self.lexicon["powertrain_suffixes"] for t in span) and (
                    self._listed_with_product(span, result)):
                span = Span(span.doc, span.start, span.end, label="Product")  # 'dont X Electric, Y Electric': listed
            result.append(span)  # with a name that is a product now that its type is settled
        return result

    def _unify_names(self, spans: list[Span], evidenced: set[tuple[int, int]] = frozenset()) -> list[Span]:  # type: ignore[assignment]
        """Give every name the key of the entity it stands for: knowledge-base key, or the
        longest name of the same type in the article that it begins ('Great Wall' → 'Great
        Wall Motors'; not a regional branch: 'ProLogium' is not 'ProLogium Europe') or, for a
        person, ends ('Musk' → 'Elon Musk'), or, for a product, ends after a known maker's
        name ('Model 3' → 'Tesla Model 3'). A one-word name that only the model called a
        person and that begins an organisation's longer name is that organisation ('Lion
        Électrique', then 'Lion'). A one-word name that ends a person's full name,
        or begins it (not a product's name), accents aside, is that person whatever the model
        called it, unless a neighbouring word gave its type ('José Munoz', then 'Munoz'
        labelled a place, 'Jose' an organisation)."""
        names: dict[tuple[str, str], str] = {}
        relabel: dict[tuple[str, str], str] = {}
        told = {span.text for span in spans if (span.start, span.end) in evidenced}
        for span in spans:
            if span.kb_id_:
                names.setdefault((span.label_, span.text), span.kb_id_)
        for span in sorted(spans, key=len, reverse=True):
            if not span.kb_id_:
                words = span.text.split()
                for (label, text), key in list(names.items()):
                    other = text.split()
                    if label == span.label_ and len(other) > len(words) and (
                            other[:len(words)] == words and not (label == "Organization" and set(
                                other[len(words):]) <= self.words["branch_suffixes"])
                            or label == "Person" and other[-len(words):] == words
                            or label == "Product" and other[-len(words):] == words
                            and " ".join(other[:-len(words)]).lower() in self.org_surfaces) or (
                            label == span.label_ == "Product" and len(other) < len(words) and words[-len(other):] == other
                            and " ".join(words[:-len(other)]).lower() in self.org_surfaces):  # 'Tesla Model 3', 'Model 3'
                        names[(span.label_, span.text)] = key
                        break
                    if (label == "Organization" and span.label_ == "Person" and len(words) == 1 and len(other) > 1
                            and span.text not in told and other[0] == words[0]
                            and not set(other[1:]) <= self.words["branch_suffixes"]):
                        names[(span.label_, span.text)] = key  # 'Lion Électrique' ... 'Lion a annoncé' (the model's
                        relabel[(span.label_, span.text)] = label  # person): a company's name by its first word
                        break
                    if (label == "Person" and len(words) == 1 and len(other) > 1 and span.text not in told
                            and (gazetteer_form(words[0]) == gazetteer_form(other[-1]) or span.label_ != "Product"
                                 and gazetteer_form(words[0]) == gazetteer_form(other[0]))):
                        names[(span.label_, span.text)] = key
                        relabel[(span.label_, span.text)] = label
                        break
                else:
                    names.setdefault((span.label_, span.text), slugify(span.text))
        result = []
        for span in spans:
            key = span.kb_id_ or names[(span.label_, span.text)]
            label = relabel.get((span.label_, span.text), span.label_)
            result.append(Span(span.doc, span.start, span.end, label=label, kb_id=key))
        return result


def er_forms(lemma: str) -> set[str]:
    """Inflected forms of a regular -er verb that taggers often miss: présent (3rd
    person), participles, futur and conditionnel."""
    if not lemma.endswith("er") or " " in lemma or "'" in lemma:
        return set()
    stem = lemma[:-2]
    endings = ["e", "ent", "é", "ée", "és", "ées", "era", "eront", "erait", "eraient", "ait", "aient", "ant"]
    return {stem + e for e in endings}


def doc_prev_is_mark(clause: Token, marks: frozenset[str] | set[str]) -> bool:
    """Whether the word right before a clause's first word is one of ``marks`` ('il est
    prévu de construire': the parser may hang 'de' elsewhere)."""
    i = clause.left_edge.i - 1
    return i >= 0 and clause.doc[i].lower_ in marks


def sentence_index(doc: Doc, i: int) -> int:
    """The index of the sentence holding token ``i`` (``doc._.kg_sentence_starts`` is set
    by the coreference component)."""
    return bisect_right(doc._.kg_sentence_starts, i) - 1


def last_parties(before: Token, count: int, mentions: list[Mention], infos: dict,
                 typ: str = "Organization") -> list[str]:
    """The last ``count`` distinct entities of a type named before a token, news outlets
    and analyst firms aside: what 'les deux groupes' or 'ces deux modèles' refers to."""
    keys: list[str] = []
    for mention in reversed(mentions):
        if mention.end > before.i:
            continue
        for key in mention.keys:
            info = infos[key]
            if info.type == typ and info.kind not in {"media", "analyst", "government"} and key not in keys:
                keys.append(key)
        if len(keys) >= count:
            break
    return keys[:count]


def preverbal_subjects(verb: Token, words: dict[str, frozenset[str]]) -> list[Token]:
    """The names right before a verb that the parser left without a subject
    ('Quelques jours plus tard, Foxconn et Stellantis ont dévoilé ...'); ``words`` are
    the language's function words (:func:`kg_ev.resources.words`)."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    doc = verb.doc
    i = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i]) - 1
    while i >= sentence_start(verb) and (doc[i].pos_ == "ADV" or doc[i].lower_ in words["preverbal_clitics"]):
        i -= 1
    start = sentence_start(verb)
    while i > start and doc[i].text == ",":
        # an incise between the name and its verb ('Toyota, de son côté, s'est associé'):
        # a stretch between two commas with no verb and no name
        j = i - 1
        while j >= start and doc[j].text != "," and doc[j].pos_ not in {"VERB", "AUX"} and mention_at(doc, doc[j]) is None:
            j -= 1
        if j < start or doc[j].text != "," or j == i - 1:
            break
        i = j - 1
    found = []
    while i >= sentence_start(verb):
        mention = mention_at(doc, doc[i])
        if mention is None:
            break
        found.append(doc[mention.root])
        i = mention.start - 1
        if i >= sentence_start(verb) and (doc[i].lower_ in words["coordination"] or doc[i].text == ","):
            i -= 1
        else:
            break
    return found


class CorefResolver:
    """Resolve descriptive noun phrases ('la firme', "l'agence de presse", 'sa grande
    rivale') and subject pronouns to the entities named before them, and record the
    descriptions as aliases."""

    def __init__(self, nlp, name: str, lang: str, window: int | None = None):
        self.name = name
        self.lexicon = _lexicon(lang)
        self.words = words(lang)
        #: forms of the -er copulas the lemmatizer leaves as they are ('Tesla reste le leader')
        self.copula_forms = {form for verb in self.words["copulas"] for form in er_forms(verb)}
        self.window = self.lexicon["coref_window"] if window is None else window  # in sentences
        self.org_nouns = self.lexicon["org_nouns"]
        self.person_nouns = set(self.lexicon["person_nouns"])
        self.place_nouns = set(self.lexicon["place_nouns"])
        self.product_nouns = set(self.lexicon["product_nouns"])
        self.determiners = set(self.lexicon["descriptive_determiners"])
        self.pronouns = self.lexicon["pronouns"]
        self.pronoun_genders = self.lexicon["pronoun_genders"]
        #: a country's names (lower case) → its ISO code, the form of EntityInfo.country
        self.country_codes = {name.lower(): record["country"] for record in countries(lang)
                              for name in [record["name"], *record["aliases"]] if record.get("country")}
        self.impersonal_verbs = set(self.lexicon["impersonal_verbs"])

    def __call__(self, doc: Doc) -> Doc:
        infos = doc._.kg_entities
        doc._.kg_sentence_starts = [sent.start for sent in doc.sents]
        mentions: list[Mention] = [
            Mention(ent.start, ent.end, (ent.kb_id_,), "name", ent.root.i) for ent in doc.ents
        ]
        named = {i for ent in doc.ents for i in range(ent.start, ent.end)}
        # appositions and type nouns right before a name: 'sa grande rivale, Huawei',
        # 'le constructeur Geely' are mentions of that name
        describing = {ent.start: self._described_by(ent) for ent in doc.ents}
        # a singular noun describes one name: the nearest after it ('le président de A, X, le
        # PDG de B, Y': the parser hangs the list's other names on the first title)
        by_noun: dict[int, list] = {}
        for ent in doc.ents:
            noun = describing[ent.start]
            if noun is not None and noun.pos_ == "NOUN" and "Sing" in noun.morph.get("Number"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                by_noun.setdefault(noun.i, []).append(ent)
        # 'A, directeur général de X, B, ...': a title set off right after a person's name
        # describes that name, not the next one of the list
        for ent in doc.ents:
            noun = describing[ent.start]
            if noun is not None and noun.i < ent.start and ent.label_ == "Person":
                start = self._np_start(noun)
                before = doc[start - 2] if start >= 2 and doc[start - 1].text == "," else None
                if before is not None and before.ent_type_ == "Person" and before.ent_iob_ in {"B", "I"} and (
                        before.i + 1 >= len(doc) or doc[before.i + 1].ent_iob_ != "I"):
                    describing[ent.start] = None
        for noun_i, ents in by_noun.items():
            if len(ents) > 1:
                keep = min(ents, key=lambda e: (e.start < noun_i, abs(e.start - noun_i)))
                for ent in ents:
                    if ent is not keep:
                        describing[ent.start] = None
        for ent in doc.ents:
            described = describing[ent.start]
            if described is not None:
                start = self._np_start(described)
                end = max(described.i + 1, ent.end) if ent.start > described.i else described.i + 1
                mentions.append(Mention(start, described.i + 1, (ent.kb_id_,), "description", described.i))
                if described.i < ent.start:
                    between = doc[described.i + 1:ent.start]
                    alias = doc[start:described.i + 1] if any(t.is_punct for t in between) else doc[start:ent.end]
                else:
                    alias = doc[start:self._np_end(described)]
                infos[ent.kb_id_].add_alias(alias.text)
                named.update(range(start, described.i + 1))
        mentions.sort(key=mention_start)
        for i in self._candidates(doc_index(doc, refresh=True)):
            if i in named:
                continue
            token = doc[i]
            if self._is_pair(token):  # 'les deux groupes', 'ces deux modèles'
                typ = "Product" if token.lemma_.lower() in self.product_nouns else "Organization"
                keys = tuple(last_parties(token, 2, mentions, infos, typ))
                if len(keys) == 2:
                    insort(mentions, Mention(self._np_start(token), token.i + 1, keys, "description", token.i),
                           key=mention_start)
                continue
            wanted = self._wanted_type(token)
            if wanted is None or self._predicative(token):
                continue
            if token.pos_ == "PRON" and token.lower_ in self.pronoun_genders:
                if self._impersonal(token):
                    continue  # 'il s'agit de', 'il est prévu que'
                rival = self._rival_subject(doc, token, mentions, infos)
                if isinstance(rival, Mention):  # 'C'est Marie X qui ... . Elle ...': that person
                    if len(rival.keys) == 1 and infos[rival.keys[0]].type == "Person":
                        insort(mentions, Mention(token.i, token.i + 1, rival.keys, "pronoun", token.i, (rival.start, rival.end)),
                               key=mention_start)
                    continue
                if rival:  # 'La ville ..., mais elle ...'
                    continue
            typ, kind = wanted
            keys = (self._apposed_name(doc, token, infos) if typ == "Person" else self._apposed_organisation(
                doc, token, infos) if typ == "Organization" else ())
            antecedent = None
            if not keys:
                chosen = self._resolve(doc, token, typ, kind, mentions, infos)
                if chosen is None:
                    continue
                keys, antecedent = chosen.keys, (chosen.start, chosen.end)
            if token.pos_ == "PRON":
                mention = Mention(token.i, token.i + 1, keys, "pronoun", token.i, antecedent)
            else:
                start = self._np_start(token)
                end = self._np_end(token)
                mention = Mention(start, end, keys, "description", token.i, antecedent)
                if len(keys) == 1:
                    infos[keys[0]].add_alias(doc[start:end].text)
            insort(mentions, mention, key=mention_start)  # kept sorted by start
        doc._.kg_mentions = mentions
        doc._.kg_mention_index = {i: m for m in mentions for i in range(m.start, m.end)}
        return doc

    def _candidates(self, index: DocIndex) -> list[int]:
        """The tokens that may be a description or a pronoun to resolve, read from the
        Doc's index: a type noun (:meth:`_is_pair`, :meth:`_wanted_type`) or a pronoun
        the lexicon lists."""
        nouns = self.org_nouns.keys() | self.person_nouns | self.product_nouns  # a few hundred words
        pronouns = self.pronouns.keys() | self.words["stressed_pronouns"]
        return [i for i, (lemma, pos, lower) in enumerate(zip(index.lemma, index.pos, index.lower))
                if pos in {"NOUN", "PROPN", "X"} and lemma in nouns or pos == "PRON" and lower in pronouns]

    # -- finding descriptions ------------------------------------------------------
    def _described_by(self, ent: Span) -> Token | None:
        """A common noun in apposition to the name or right before it."""
        root = ent.root
        doc = ent.doc
        candidates = []
        comma_before = ent.start >= 1 and doc[ent.start - 1].text == ","
        if root.head.pos_ == "NOUN" and (root.dep_ == "appos" or root.dep_ == "conj" and comma_before
                                         and not any(c.dep_ == "cc" for c in root.children)):
            candidates.append(root.head)
        if root.dep_ == "nmod" and ent.label_ == "Place" and root.head.lemma_.lower() in self.place_nouns:
            candidates.append(root.head)
        candidates += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].pos_ == "DET":
            j = ent.end + 2  # 'Audi, la filiale haut de gamme du groupe', 'SAIC, son partenaire'
            while j < len(doc) and doc[j].pos_ == "ADJ":
                j += 1
            # unless the name closes a source phrase and the noun is the subject of the clause
            # that follows ('Selon X, analyste au cabinet Y, la marque affronte ...': the brand
            # is not the firm; but 'Du côté de Geely, le groupe ...' is Geely)
            source_phrase = any(t.lower_ in self.words["according_words"] for t in doc[ent.sent.start:ent.start])
            # nor when a fronted phrase headed by a common noun holds the name ('Propriétaire
            # d'Iveco et de FPT, le groupe ...': the group owns them, it is neither)
            fronted = ent.start > ent.sent.start and not doc[ent.sent.start].ent_type_ and doc[
                ent.sent.start].pos_ in {"NOUN", "ADJ"} and not any(
                "Fin" in t.morph.get("VerbForm") for t in doc[ent.sent.start:ent.start])  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            if j < len(doc) and doc[j].pos_ == "NOUN" and not (
                    (source_phrase or fronted) and doc[j].dep_ in {"nsubj", "nsubj:pass"} and doc[j].head.i > j):
                candidates.append(doc[j])
        if comma_before and ent.start >= 2 and doc[ent.start - 2].pos_ == "NOUN" and (
                ent.end == len(doc) or doc[ent.end].is_punct):
            candidates.append(doc[ent.start - 2])  # 'sa grande rivale, Huawei,'
        if ent.start >= 1:
            j = ent.start - 1
            while j >= 0 and doc[j].pos_ == "ADJ":
                j -= 1
            if j >= 0 and doc[j].pos_ == "NOUN":
                candidates.append(doc[j])
                # 'le fabricant de batteries CATL': the head noun before a 'de' complement
                if j >= 2 and doc[j - 1].lower_ in self.words["de"] and doc[j - 2].pos_ == "NOUN":
                    candidates.append(doc[j - 2])
        for noun in candidates:
            lemma = noun.lemma_.lower()
            if noun.lower_ in self.lexicon["nationalities"] and ent.label_ == "Organization" and noun.i == ent.start - 1:
                lemma = "groupe"  # 'au chinois Xpeng', "l'américain Tesla": a nationality as a noun
            if (lemma in self.org_nouns and ent.label_ == "Organization" or lemma in self.person_nouns
                    and ent.label_ == "Person" or lemma in self.place_nouns and ent.label_ == "Place"
                    or lemma in self.product_nouns and ent.label_ == "Product"):
                if self._determiner(noun) is not None:
                    return noun
        return None

    def _apposed_name(self, doc: Doc, noun: Token, infos: dict) -> tuple[str, ...]:
        """'Le patron de Polestar, Thomas Ingenlath, ...', 'le haut responsable de Polestar
        Thomas Ingenlath', 'le président et fondateur de X, Y': a person's title followed by
        their name is that person."""
        for i in range(noun.i + 1, min(noun.i + 10, sentence_end(noun))):
            token = doc[i]
            if token.ent_type_ == "Person" and token.ent_iob_ == "B":
                key = token.ent_kb_id_
                return (key,) if key in infos and (doc[i - 1].text == "," or doc[i - 1].ent_type_) else ()
            if token.pos_ == "CCONJ" and i + 1 < sentence_end(noun) and doc[i + 1].lemma_.lower() in self.person_nouns:
                continue  # 'le président et fondateur de X, Y': one person's two titles
            if token.pos_ in {"VERB", "AUX", "PRON", "SCONJ", "CCONJ"} or token.is_punct and token.text != ",":
                return ()
        return ()

    def _apposed_organisation(self, doc: Doc, noun: Token, infos: dict) -> tuple[str, ...]:
        """'le principal rival de Samsung, TSMC, ...': a description followed, after its own
        complements and a comma, by a company's name is that company (not the topic the
        coreference would pick); the names of its complements ('de Samsung') are not it."""
        for i in range(noun.i + 1, min(noun.i + 10, sentence_end(noun))):
            token = doc[i]
            if token.ent_iob_ == "B" and token.ent_type_ == "Organization" and doc[i - 1].text == ",":
                key = token.ent_kb_id_
                return (key,) if key in infos else ()
            if doc[i - 1].text == "," or token.pos_ in {"VERB", "AUX", "PRON", "SCONJ", "CCONJ"} or (
                    token.is_punct and token.text != ","):
                return ()  # the comma opened something else, or the phrase ended
        return ()

    def _determiner(self, noun: Token) -> Token | None:
        """The definite, possessive or demonstrative determiner of a noun, or the article
        inside 'du' / 'au' ('la filiale du groupe allemand')."""
        for child in noun.children:
            if child.dep_ == "det" and child.lower_ in self.determiners or (
                    child.dep_ == "case" and child.lower_ in self.words["contracted_articles"]):
                return child
        return None

    def _predicative(self, noun: Token) -> bool:
        """'Tesla reste le leader du marché', 'X est le premier constructeur': a noun said
        of the subject describes it; it is no mention of another entity."""
        head = noun.head
        return any(c.dep_ == "cop" for c in noun.children) or noun.dep_ == "xcomp" and (
            head.lemma_.lower() in self.words["copulas"] or head.lemma_.lower() == head.lower_ and head.lower_ in self.copula_forms)

    def _is_pair(self, token: Token) -> bool:
        return (token.pos_ == "NOUN" and (token.lemma_.lower() in self.org_nouns or token.lemma_.lower() in self.product_nouns)
                and any(c.lower_ in self.words["pair_numerals"] for c in token.children)
                and any(c.dep_ == "det" and c.lower_ in self.words["pair_determiners"] for c in token.children))

    def _wanted_type(self, token: Token) -> tuple[str, str | None] | None:
        lower = token.lower_
        if token.pos_ == "PRON" and lower in self.pronouns and token.dep_ in {"nsubj", "nsubj:pass"}:
            return (self.pronouns[lower], None)
        according = self.words["according_words"]
        if token.pos_ == "PRON" and lower in self.words["stressed_pronouns"] and (
                token.head.lemma_ in according or any(c.lemma_ in according for c in token.children)):
            return ("Person", None)
        if token.pos_ != "NOUN" and not (token.pos_ in {"PROPN", "X"} and token.is_lower):
            return None  # a lower-case word the tagger took for a name ('start-up') is a noun
        det = self._determiner(token)
        if det is None or det.lower_ == "les" or token.morph.get("Number") == ["Plur"]:  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            return None
        lemma = token.lemma_.lower()
        if lemma in self.org_nouns:
            # 'le géant de l'internet', 'le groupe d'électronique': a modifier tells the kind
            return ("Organization", self.org_nouns[lemma])
        if lemma in self.person_nouns and det.lower_ in self.words["specific_determiners"]:
            return ("Person", None)  # 'le PDG de Tesla', 'le dirigeant portugais'
        return None

    # -- pronouns that stand for no organisation ---------------------------------------
    def _impersonal(self, pronoun: Token) -> bool:
        """'il s'agit de', 'il y a', 'il faut', 'il est prévu que', 'il convient de': an
        impersonal 'il' refers to nothing."""
        if self.pronoun_genders.get(pronoun.lower_) != "Masc" or "Plur" in pronoun.morph.get("Number"):  # type: ignore[call-arg]
            return False
        head = pronoun.head
        if head.lemma_.lower() == "agir" or head.lemma_.lower() == "avoir" and any(
                c.lower_ == "y" and c.i < head.i for c in head.children):
            return True  # 's'agir', 'il y a'
        verbs = {head.lemma_.lower()} | {c.lemma_.lower() for c in head.children if c.dep_ in {"cop", "aux:pass"}}
        if not verbs & self.impersonal_verbs:
            return False
        marks = self.words["de"] | {"que", "qu'", "qu’", "à"}
        return any(c.dep_ in {"ccomp", "csubj", "csubj:pass", "xcomp", "advcl"} and c.i > head.i and (
            any(g.dep_ == "mark" and g.lower_ in marks for g in c.children) or doc_prev_is_mark(c, marks))
            for c in head.children)

    def _rival_subject(self, doc: Doc, pronoun: Token, mentions: list[Mention], infos: dict) -> Mention | bool:
        """What the nearest subject before a subject pronoun is, when it (in its sentence or the one
        before) makes it stand for no organisation: a person ('C'est Marie X qui ... . Elle
        ...'), a place or a product, a title ('le patron'), or a common noun of the pronoun's
        gender that names no entity ('La ville est candidate, mais elle est en concurrence
        avec X'): that person's mention, or True; False when the pronoun may stand for an
        organisation."""
        gender = self.pronoun_genders[pronoun.lower_]
        starts = doc._.kg_sentence_starts
        first = starts[max(0, sentence_index(doc, pronoun.i) - 1)]
        relatives = self.words["relatives"]
        for i in range(pronoun.i - 1, first - 1, -1):
            t = doc[i]
            # a cleft's focus, 'C'est Marie X qui ...', is the topic
            cleft = t.dep_ == "ROOT" and any(c.dep_ == "cop" for c in t.children) and any(
                m.start <= i < m.end for m in mentions)
            if not cleft and (t.dep_ not in {"nsubj", "nsubj:pass"} or t.lower_ in relatives or t.head.dep_ == "acl:relcl"
                              or any(c.dep_ in {"nsubj", "nsubj:pass"} and c.lower_ in relatives for c in t.head.children)):
                continue  # a relative clause's words ('ce qui reste son premier marché') are no topic
            # a verb has one subject: of two, the parser's first ('le groupe fondé par Li X
            # poursuit': 'Li' is the agent of 'fondé')
            if not cleft:
                t = min((c for c in t.head.children if c.dep_ == t.dep_ and c.lower_ not in relatives), key=lambda c: c.i)
                i = t.i
            mention = next((m for m in mentions if m.start <= i < m.end), None)
            if mention is not None:
                # a person, a place, a product, a government or a medium: the pronoun stands
                # for it, not for a company named before
                return False if any(infos[k].type == "Organization" and infos[k].kind not in {
                    "media", "analyst", "government"} for k in mention.keys if k in infos) else mention
            if t.pos_ == "PRON":
                continue
            lemma = t.lemma_.lower()
            if lemma in self.person_nouns:
                return True  # 'Le patron ajoutait qu'il ...'
            # a noun that may describe an organisation ('le fournisseur') is no rival
            if (t.pos_ == "NOUN" and lemma not in self.org_nouns and gender in t.morph.get("Gender")  # type: ignore[call-arg]
                    and "Plur" not in t.morph.get("Number")):  # type: ignore[call-arg]
                return True
            return False
        return False

    # -- resolving -----------------------------------------------------------------
    def _resolve(self, doc, token, typ, kind, mentions, infos) -> Mention | None:
        sent = token.sent
        starts = doc._.kg_sentence_starts
        window_start = starts[max(0, sentence_index(doc, token.i) - self.window)]

        def fits(mention: Mention) -> bool:
            if mention.end > token.i or mention.start < window_start or len(mention.keys) != 1:
                return False
            info = infos[mention.keys[0]]
            if typ == "Organization" and info.type != "Organization":
                return False
            if typ == "Person" and (info.type != "Person" or mention.via == "pronoun"):
                return False  # a title ('le fondateur') stands for a person named, not for 'elle'
            if kind is None and info.kind in {"media", "analyst", "government"} and typ == "Organization":
                return False
            if kind is not None and info.kind not in (None, kind):
                return False
            return True

        # inside a description of X ('Audi, la filiale du groupe allemand'), the noun is not X
        ancestors = set()
        node = token
        for _ in range(3):
            if node.head == node or node.dep_ not in {"nmod", "appos", "flat:name"}:
                break
            node = node.head
            ancestors.add(node.i)
        enclosing = {k for m in mentions if m.root != token.i and (m.start <= token.i < m.end or m.root in ancestors)
                     for k in m.keys}
        # 'Propriétaire d'Iveco et de FPT, le groupe ...': a fronted phrase headed by a common
        # noun describes the subject; the names it holds are its complements, not the subject
        start = self._np_start(token)
        if token.dep_ in {"nsubj", "nsubj:pass"} and start - 1 > sent.start and doc[start - 1].text == "," and (
                doc[sent.start].pos_ in {"NOUN", "ADJ"}) and not doc[sent.start].ent_type_ and not any(
                "Fin" in t.morph.get("VerbForm") for t in doc[sent.start:start]):
            enclosing |= {k for m in mentions if sent.start <= m.start and m.end < start for k in m.keys}
        candidates = [m for m in mentions if fits(m) and not enclosing & set(m.keys)]
        if not candidates:
            return None
        if kind is not None:  # 'le constructeur': a known automaker before an entity of unknown kind
            known = [m for m in candidates if infos[m.keys[0]].kind == kind]
            candidates = known or candidates
        if token.lemma_.lower() in self.lexicon["brand_nouns"]:
            # 'la marque': an organisation the text used as a brand ('des modèles Leapmotor')
            brands = {k for m in mentions if m.end <= token.i and self._names_products(doc, m) for k in m.keys}
            candidates = [m for m in candidates if m.keys[0] in brands] or candidates
        # 'le constructeur américain', 'le groupe de Cupertino': what the description says
        # of the entity's country or seat rules candidates in or out
        nationality, seat = self._origin(token, mentions, infos)
        kinds = self.lexicon["kind_words"]  # 'le géant de l'internet': a hint of the kind
        hint = None if kind else next((kinds[t.lower_] for t in token.subtree
                                       if 0 < t.i - token.i <= 3 and t.lower_ in kinds), None)
        if nationality or seat or hint:
            def agrees(mention: Mention) -> bool | None:
                info = infos[mention.keys[0]]
                known = [(nationality, info.country), (seat, info.hq), (hint, info.kind)]
                checks = [want == have for want, have in known if want and have]
                return all(checks) if checks else None
            matching = [m for m in candidates if agrees(m)]
            if matching:
                return matching[-1]
            # what the description says rules out every candidate: it speaks of another entity
            candidates = [m for m in candidates if agrees(m) is not False]
            if not candidates:
                return None
        if self._points_to_latest(token):
            return candidates[-1]
        is_subject = token.dep_ in {"nsubj", "nsubj:pass"}
        same = [m for m in candidates if m.start >= sent.start]
        if not is_subject and same:
            clause_subjects = {k for m in same if doc[m.root].dep_ in {"nsubj", "nsubj:pass"} for k in m.keys}
            others = [m for m in same if m.keys[0] not in clause_subjects]
            if others:
                return others[-1]
        earlier = [m for m in candidates if m.start < sent.start]
        if is_subject:  # a subject continues the last subject, even of an earlier clause of its sentence
            clause = token.head
            earlier = earlier + [m for m in same if doc[m.root].head != clause]
        # a subject, or a name heading its sentence ('Foxconn accélère ...' parsed as a noun phrase)
        subjects = [m for m in earlier if doc[m.root].dep_ in {"nsubj", "nsubj:pass"}
                    or doc[m.root].dep_ == "ROOT" and m.start == sentence_start(doc[m.root])]
        if subjects:
            return subjects[-1]
        if is_subject and same:
            return same[-1]
        return candidates[-1]

    def _names_products(self, doc: Doc, mention: Mention) -> bool:
        """A name right after a plural product noun: 'les modèles Leapmotor' (whatever the
        parser made of it)."""
        before = doc[mention.start - 1] if mention.start >= 1 else None
        return (mention.via == "name" and before is not None and before.pos_ == "NOUN"
                and before.lemma_.lower() in self.product_nouns and "Plur" in before.morph.get("Number"))  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None

    def _origin(self, noun: Token, mentions, infos) -> tuple[str | None, str | None]:
        """The country an adjective gives ('chinois') and the seat a 'de + place'
        complement gives ('de Cupertino')."""
        nationalities = self.lexicon["nationalities"]
        nationality = next((nationalities[c.lower_] for c in noun.children
                            if c.dep_ in {"amod", "nmod"} and c.lower_ in nationalities), None)
        seat = None
        if noun.dep_ in {"nsubj", "nsubj:pass"}:
            # 'Basé à Wolfsburg et dirigé par X, le groupe ...': the fronted participle gives the seat
            sent = noun.sent
            first = sent[0] if len(sent) else None
            if first is not None and first.lemma_.lower() in self.lexicon["seat_participles"]:
                for mention in mentions:
                    if first.i < mention.start <= first.i + 4 and infos[mention.keys[0]].type == "Place":
                        seat = infos[mention.keys[0]].label
                        break
        for child in noun.children:
            if child.dep_ == "nmod" and child.i > noun.i:
                mention = mention_at(noun.doc, child) if noun.doc._.kg_mention_index else None
                mention = mention or next((m for m in mentions if m.start <= child.i < m.end), None)
                if mention is not None and infos[mention.keys[0]].type == "Place":
                    place = infos[mention.keys[0]]
                    if place.kind == "country" and any(c.dep_ == "case" and c.lower_ in self.words["de"] for c in child.children):
                        # 'le premier conglomérat de Corée du Sud': a nationality ('le groupe en Chine' is no origin)
                        nationality = nationality or place.country or self.country_codes.get(place.label.lower())
                    else:
                        seat = place.label
        return nationality, seat

    def _points_to_latest(self, noun: Token) -> bool:
        """'cette structure', 'la nouvelle société': the entity just introduced."""
        return any(c.dep_ == "det" and c.lower_ in self.lexicon["demonstratives"] or
                   c.dep_ == "amod" and c.lemma_.lower() in self.lexicon["novelty_adjectives"]
                   for c in noun.children)

    def _np_start(self, noun: Token) -> int:
        start = noun.i
        for child in noun.lefts:
            if child.dep_ in {"det", "amod", "nummod"} and child.i < start:
                start = child.i
        return start

    def _np_end(self, noun: Token) -> int:
        end = noun.i + 1
        doc = noun.doc
        for child in noun.rights:
            if child.dep_ == "amod" and child.i == end:
                end = child.i + 1
            elif child.dep_ == "nmod" and child.i - end <= 2 and any(c.dep_ == "case" for c in child.children):
                sub = list(child.subtree)
                if len(sub) <= 4 and not any(t.ent_type_ and t.ent_type_ != "Place" for t in sub) and not any(t.is_punct for t in sub):
                    end = sub[-1].i + 1
            else:
                break
        return min(end, len(doc))
