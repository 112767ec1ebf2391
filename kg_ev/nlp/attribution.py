"""Attribution: who says each sentence, and how.

Frames are read from ``rules/<lang>/attribution.json``: "selon X" / "d'après X"
(according-to markers), speech verbs with their subject ("X rapporte", "a déclaré X",
« ... », explique X), confirmation and denial by a party, anonymous sources ("trois
personnes directement en lien avec l'affaire", "des sources proches du dossier") and
negated confirmation ("ni X ni Y n'ont confirmé les informations de Reuters").

A frame governs its own sentence (except the words of the source phrase itself) and,
for event-like relations and conditional clauses, the rest of its paragraph. The
status of each relation follows from the frames that govern it; see :func:`status_of`.
Results: ``doc._.kg_frames`` and ``doc._.kg_attributed`` (relation, status, sources).
"""

from __future__ import annotations

from dataclasses import dataclass, replace, field

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..model import AnonymousSource
from .docindex import doc_index, sentence_end, sentence_start
from .mentions import mention_at, preverbal_subjects, sentence_index
from .relations import RelationMention, er_forms

__all__ = ["Frame", "Attributed", "Attribution", "status_of"]


@dataclass(frozen=True)
class Frame:
    """One attribution in one sentence."""

    sentence: int
    paragraph: int
    kind: str  # according | report | confirm | unveil | deny | unconfirm
    speakers: tuple[str, ...]
    anonymous: tuple[AnonymousSource, ...]
    span: tuple[int, int]  # token range of the source phrase
    targets: tuple[str, ...] = ()  # for unconfirm: the sources whose information is not confirmed
    quote: tuple[int, int] | None = None  # token range of the « quotation » the speaker closes
    collective: bool = False  # 'ont annoncé les entreprises': the parties of what the sentence tells


@dataclass(frozen=True)
class Attributed:
    """A relation with its status and sources."""

    relation: RelationMention
    status: str
    sources: tuple[str, ...] = ()
    anonymous: tuple[AnonymousSource, ...] = ()
    unconfirmed_by: tuple[str, ...] = ()


@dataclass
class _ArticleFacts:
    anonymous_behind: dict[str, list[AnonymousSource]] = field(default_factory=dict)
    unconfirmed: list[Frame] = field(default_factory=list)


class Attribution:
    """Find attribution frames and give each relation of a Doc its status."""

    def __init__(self, nlp, name: str, rule_data: dict, eventive, background, numbers: dict,
                 words: dict[str, frozenset[str]], cue_nouns: dict[str, set[str]] | None = None):
        self.name = name
        self.cue_nouns = cue_nouns or {}  # predicate → the nouns that name such an arrangement
        self.words = words
        self.background = set(background)
        self.numbers = numbers
        self.eventive = set(eventive)
        self.matcher = Matcher(nlp.vocab)
        for index, sequence in enumerate(rule_data["according_to"]):
            self.matcher.add(f"according_{index}", [[{"LOWER": word} for word in sequence]])
        # 'mettre en garde', 'faire savoir': a light verb speaks only with its complement word
        self.verbs = {lemma.split()[0]: kind for kind, lemmas in rule_data["speech_verbs"].items() for lemma in lemmas}
        self.light_verbs = {lemma.split()[0]: set(lemma.split()[1:]) for lemmas in rule_data["speech_verbs"].values()
                            for lemma in lemmas if " " in lemma}
        # inflected forms, for verbs the lemmatizer leaves as they are ('estime')
        self.verb_forms = {form: kind for lemma, kind in self.verbs.items() for form in er_forms(lemma)}
        self.verb_forms.update(rule_data["speech_forms"])  # irregular verbs: 'dément', 'dit', 'reconnaît'

        self.unconfirm = set(rule_data["unconfirm_verbs"])
        self.declining = set(rule_data["declining_verbs"])  # 'a refusé de commenter'
        self.comment_nouns = set(rule_data["comment_nouns"])  # 'se sont refusés à tout commentaire'
        self.anonymous_heads = set(rule_data["anonymous_heads"])
        self.voices = set(rule_data["voice_nouns"])
        self.party_nouns = set(rule_data["party_nouns"])
        self.role_nouns = set(rule_data["role_nouns"])
        self.appointments = set(rule_data["appointment_verbs"])
        self.outcome_nouns = set(rule_data["outcome_nouns"])
        self.roles = {"leads", "worksFor"}
        self.lending = set(rule_data["subject_lending_verbs"])
        self.echoed = set(rule_data["echoed_predicates"])

    def __call__(self, doc: Doc) -> Doc:
        doc_index(doc, refresh=True)
        sentences = list(doc.sents)
        paragraphs = _paragraph_numbers(doc, sentences)
        frames: list[Frame] = []
        markers = [(start, end) for _, start, end in self.matcher(doc)]
        for index, sent in enumerate(sentences):
            here = [(start, end) for start, end in markers if sent.start <= start < sent.end]
            frames += self._frames(doc, sent, index, paragraphs[index], frames, here)
        facts = _ArticleFacts()
        for frame in frames:
            if frame.kind == "unconfirm":
                facts.unconfirmed.append(frame)
            elif frame.anonymous:
                for speaker in frame.speakers:
                    facts.anonymous_behind.setdefault(speaker, []).extend(frame.anonymous)
        # the source named in 'selon nos confrères de X, A négocie avec B' is no party to
        # what it tells: a relation whose argument lies inside a source phrase, its cue
        # outside, is dropped (an event; not the source's own role told after it: 'selon X,
        # porte-parole de Y, ...')
        sources = [f.span for f in frames if f.kind == "according" and f.speakers]

        def only_in_source(relation: RelationMention) -> bool:
            sent = doc[relation.cue].sent
            for start, end in sources:
                if not sent.start <= start < sent.end or start <= relation.cue < end:
                    continue
                for key in (relation.subject, relation.object):
                    named = [m for m in doc._.kg_mentions if key in m.keys and sent.start <= m.start < sent.end]
                    if named and all(start <= m.start and m.end <= end for m in named):
                        return True  # named in this sentence only inside the source phrase
            return False

        doc._.kg_relations = [r for r in doc._.kg_relations if r.predicate not in self.eventive or not only_in_source(r)]
        attributed = []
        # the parties of an arrangement are those of every relation read at its cue word
        # ('détenue à 51 % par Stellantis et à 49 % par Leapmotor, a précisé Stellantis')
        arrangement: dict[int, set[str]] = {}
        for relation in doc._.kg_relations:
            arrangement.setdefault(relation.cue, set()).update((relation.subject, relation.object))
        # a person speaks for the company the article says they lead or work for
        speaks_for: dict[str, set[str]] = {}
        for relation in doc._.kg_relations:
            if relation.predicate in {"leads", "worksFor", "founderOf"} and not relation.negated:
                speaks_for.setdefault(relation.subject, set()).add(relation.object)
        units = _units(doc._.kg_entities)
        for relation in doc._.kg_relations:
            index = sentence_index(doc, relation.cue)
            governing = self._governing(relation, frames, index, paragraphs[index], doc, speaks_for)
            own = {relation.subject, relation.object}
            infos = doc._.kg_entities
            # 'ont annoncé les entreprises': the parties of the arrangement speak
            # ('les deux entreprises' taken by the coreference for another pair: those of the arrangement)
            governing = [replace(f, speakers=tuple(k for k in sorted(arrangement[relation.cue]) if k in infos and infos[k].type == "Organization"))
                         if f.collective and f.sentence == index and not (f.speakers and set(f.speakers) <= arrangement[relation.cue]) else f
                         for f in governing if f.speakers or f.anonymous or f.sentence == index]
            governing = [replace(f, speakers=f.speakers + tuple(
                o for k in f.speakers for o in sorted(speaks_for.get(k, set()) | {units[u] for u in speaks_for.get(k, set()) if u in units})
                if (o in own or units.get(o) in own) and o not in f.speakers))
                for f in governing]
            if relation.predicate not in self.background and not relation.negated and _described(relation, doc, self.words, self.role_nouns, self.outcome_nouns):
                # 'TomTom, partenaire de longue date de Renault', 'son concurrent LG': a noun
                # phrase that presupposes the fact, whoever speaks and in whatever mood
                attributed.append(Attributed(relation, "asserted"))
                continue
            result = status_of(relation, governing, facts, doc, eventive=relation.predicate in self.eventive,
                               sentence=index, parties=arrangement[relation.cue], units=units)
            appointer = self._appointer(doc, relation)
            if appointer is not None and result is not None and result.status == "asserted" \
                    and relation.object in appointer:
                # 'Nissan a nommé X directeur général': the organisation's own act tells it
                result = Attributed(relation, "confirmed", (relation.object,))
            if result is not None and relation.predicate in self.background and appointer is None and result.status in {
                    "reported", "rumoured", "confirmed"}:
                # a role or a seat told in someone's sentence is background the article states
                # ('a déclaré Mary Barra, PDG de GM'): its own voice, unless a party denies it
                result = Attributed(relation, "asserted")
            if result is not None:
                attributed.append(result)
        attributed = [self._confirmed_later(doc, item, frames) or item for item in attributed]
        attributed = [self._denied_later(doc, item, frames, speaks_for) or item for item in attributed]
        attributed = [self._echoed(doc, item, frames, speaks_for) or item for item in attributed]
        attributed = [self._relayed(doc, item, frames) or item for item in attributed]
        doc._.kg_frames = frames
        doc._.kg_attributed = attributed
        return doc

    def _appointer(self, doc: Doc, relation: RelationMention) -> tuple[str, ...] | None:
        """For a role given by an appointment ('a nommé X directeur général', 'a choisi comme
        directeur X', 'va prendre la direction de Y'), the keys of who appoints (possibly
        none): the appointment is the news, not background. None for any other role."""
        if relation.predicate not in self.roles:
            return None
        token = doc[relation.cue]
        for _ in range(3):
            if token.head == token or token.dep_ in {"acl", "acl:relcl", "appos"}:
                return None
            token = token.head
            if token.pos_ == "VERB" and token.lemma_.lower() in self.appointments:
                if "Part" in token.morph.get("VerbForm") and not any(  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                        c.dep_.startswith("aux") for c in token.children):
                    return None  # 'X, nommé PDG en 2019': a participle describes
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                return self._speakers(doc, subject) if subject is not None else ()
        return None

    def _confirmed_later(self, doc: Doc, item: Attributed, frames: list[Frame]) -> Attributed | None:
        """An arrangement told in the article's voice that a party announces or confirms
        elsewhere by naming it again ('Xpeng a confirmé que l'accord comprend ...', 'les deux
        constructeurs ont annoncé que leur coopération ...'): confirmed by that party."""
        relation = item.relation
        if item.status != "asserted" or relation.predicate not in self.eventive:
            return None
        nouns = self.cue_nouns.get(relation.predicate, set())
        parties = {relation.subject, relation.object}
        infos = doc._.kg_entities
        for frame in frames:
            speakers = set(frame.speakers)
            if frame.kind != "confirm" or not speakers & parties:
                continue
            start, end = frame.span
            sent = doc[start].sent
            if any(t.lemma_.lower() in nouns and any(c.dep_ == "det" and c.lower_ in self.words["anaphoric_nouns_determiners"]
                                                     for c in t.children) for t in sent):
                sources = tuple(k for k in frame.speakers if k in parties or infos[k].type == "Person")
                return Attributed(relation, "confirmed", sources, item.anonymous, item.unconfirmed_by)
        return None

    def _denied_later(self, doc: Doc, item: Attributed, frames: list[Frame],
                      speaks_for: dict[str, set[str]]) -> Attributed | None:
        """A rumour or a report that a party denies elsewhere in the article ('Selon le
        quotidien X, A négocierait avec B. [...] Interrogé, A a nié l'affaire', 'une
        information démentie par le président de A'): denied, with the party as source.
        The denial must be about this story: what it says names no organisation but the
        relation's ends (it is not 'A dément vouloir quitter C')."""
        relation = item.relation
        if item.status not in {"rumoured", "reported"} or relation.negated or relation.predicate not in self.eventive:
            return None
        ends = {relation.subject, relation.object}
        infos = doc._.kg_entities
        for frame in frames:
            if frame.kind != "deny" or frame.anonymous:
                continue
            voices = {k for k in frame.speakers if k in ends} | {
                o for k in frame.speakers for o in speaks_for.get(k, ()) if o in ends}
            if not voices:
                continue
            start, end = frame.span
            sent = doc[start].sent
            told = {k for t in sent if not start <= t.i < end for m in [mention_at(doc, t)] if m is not None
                    for k in m.keys if infos[k].type == "Organization" and infos[k].kind != "media"}
            if told - ends - set(frame.speakers):
                continue
            sources = tuple(dict.fromkeys([*(k for k in frame.speakers if k in ends or infos[k].type == "Person"
                                               or infos[k].kind == "media"), *sorted(voices)]))
            return Attributed(relation, "denied", sources, item.anonymous, item.unconfirmed_by)
        return None

    def _relayed(self, doc: Doc, item: Attributed, frames: list[Frame]) -> Attributed | None:
        """A party's confirmation or denial that the article gives again elsewhere through a
        medium ('Nissan dit ne pas discuter avec Apple' ... '« Nous ne sommes pas en
        discussions avec Apple », a déclaré Nissan à Reuters'): the medium relays it too,
        when the party's words there name the other end."""
        relation = item.relation
        if item.status not in {"confirmed", "denied"} or relation.object_is_phrase:
            return None
        ends = {relation.subject, relation.object}
        infos = doc._.kg_entities
        added: list[str] = []
        for frame in frames:
            if frame.kind not in {"report", "confirm", "deny"} or frame.anonymous:
                continue
            voices = set(frame.speakers) & set(item.sources) & ends
            media = [k for k in frame.speakers if infos[k].kind == "media" and k not in item.sources and k not in ends]
            if not voices or not media:
                continue
            others = ends - voices
            start, end = frame.quote or (doc[frame.span[0]].sent.start, doc[frame.span[0]].sent.end)
            named = {k for t in doc[start:end] if not frame.span[0] <= t.i < frame.span[1]
                     for m in [mention_at(doc, t)] if m is not None for k in m.keys}
            if others and others <= named:
                added += [k for k in media if k not in added]
        if not added:
            return None
        return Attributed(relation, item.status, item.sources + tuple(added), item.anonymous, item.unconfirmed_by)

    def _echoed(self, doc: Doc, item: Attributed, frames: list[Frame], speaks_for: dict[str, set[str]]) -> Attributed | None:
        """An arrangement a party (or who speaks for it) talks about elsewhere in the
        article, naming it again or naming the other party in its words ('« Ce nouveau
        partenariat nous assure ... », a déclaré X, PDG de A'; '« A et B ont des atouts
        complémentaires », a déclaré Y, PDG de A'): that speaker confirms it too."""
        relation = item.relation
        if item.status not in {"asserted", "confirmed"} or relation.negated or relation.predicate not in self.echoed:
            return None
        nouns = self.cue_nouns.get(relation.predicate, set())
        determiners = self.words["echo_determiners"]
        parties = {relation.subject, relation.object}
        infos = doc._.kg_entities
        added: list[str] = []
        for frame in frames:
            if frame.kind not in {"confirm", "report"} or frame.anonymous or frame.collective or (
                    frame.kind == "report" and frame.quote is None):
                continue  # an announcement, or a speaker's own words in quotation marks
            voices = {k for k in frame.speakers if k in parties} | {
                o for k in frame.speakers for o in speaks_for.get(k, ()) if o in parties}
            if not voices:
                continue
            start, end = frame.quote or (doc[frame.span[0]].sent.start, doc[frame.span[0]].sent.end)
            content = [t for t in doc[start:end] if not frame.span[0] <= t.i < frame.span[1]]
            named = {k for t in content for m in [mention_at(doc, t)] if m is not None and m.via == "name" for k in m.keys}
            # one arrangement named again ('ce partenariat', 'notre alliance'), not the
            # speaker's trade partners in general ('nos clients', 'nos partenaires')
            again = any(t.lemma_.lower() in nouns and t.lemma_.lower() not in self.role_nouns
                        and "Plur" not in t.morph.get("Number")  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                        and any(c.dep_ in {"det", "nmod:poss"} and c.lower_ in determiners for c in t.children)
                        for t in content)
            # the other party named: only in the speaker's quoted words ('« A et B ont des
            # atouts complémentaires », a déclaré X, PDG de A'), not in an announcement of
            # something else ('A a annoncé investir dans l'unité de B')
            if not (again or frame.quote and parties - voices and parties - voices <= named):
                continue
            added += [k for k in frame.speakers if k in parties or infos[k].type == "Person"] + sorted(voices)
        if not added:
            return None
        sources = tuple(dict.fromkeys([*(item.sources if item.status == "confirmed" else ()), *added]))
        if item.status == "confirmed" and set(sources) == set(item.sources):
            return None
        return Attributed(relation, "confirmed", sources, item.anonymous, item.unconfirmed_by)

    # -- which frames govern a relation ----------------------------------------------
    def _governing(self, relation, frames, index, paragraph, doc, speaks_for=None) -> list[Frame]:
        def outside(frame):
            # a relation read inside the source phrase itself ('selon son fondateur, Lei
            # Jun', 'résume Wang Lei, analyste chez X') is the article's own voice
            start, end = frame.span
            return not start <= relation.cue < end

        if relation.predicate in self.background and _presupposed(relation, doc):
            return []
        if relation.predicate not in self.eventive and _in_relative_clause(doc[relation.cue], self.words):
            return []  # '..., avec Tesla, lequel produit des Model 3': background on a third party
        here = [f for f in frames if (f.sentence == index or f.quote and f.quote[0] <= relation.cue < f.quote[1])
                and f.kind != "unconfirm" and outside(f)]
        if here:
            return here
        if relation.predicate in self.eventive or relation.conditional:
            before = [f for f in frames if f.paragraph == paragraph and f.sentence < index
                      and f.kind not in {"unconfirm", "unveil"} and not _quote_closed_between(doc, f.span[0], relation.cue)]
            if before:
                last = before[-1]
                voices = set(last.speakers) | {o for k in last.speakers for o in (speaks_for or {}).get(k, ())}
                if last.kind in {"confirm", "deny"} and not last.anonymous and not voices & {relation.subject, relation.object}:
                    return []  # a party's announcement of its own business tells nothing of others' after it
                return [last]
            if relation.conditional:
                after = [f for f in frames if f.paragraph == paragraph and f.sentence > index
                         and f.kind not in {"unconfirm", "unveil"}]
                if after:
                    return [after[0]]
        return []

    # -- frames of one sentence ---------------------------------------------------------
    def _frames(self, doc: Doc, sent: Span, index: int, paragraph: int, earlier: list[Frame],
                markers: list[tuple[int, int]]) -> list[Frame]:
        frames = []
        anonymous = self._anonymous(doc, sent)
        used_anonymous = False
        for start, end in markers:
            head = self._np_after(doc, end, sent)
            if head is None:
                continue
            phrase_end = max(_phrase_end(doc, head, sent, self.words), end)
            if head.lemma_.lower() in self.anonymous_heads and any(
                    c.lower_ in self.words["anaphoric_determiners"] for c in head.children if c.dep_ == "det"):
                previous = [f for f in earlier if f.anonymous]
                if previous:
                    frames.append(Frame(index, paragraph, "according", previous[-1].speakers,
                                        previous[-1].anonymous, (start, phrase_end)))
                continue
            # only the names inside the phrase: the parser may hang the clause's own subject
            # on it ('Selon le FT, Renault et FCA mèneraient ...')
            within = {k for m in doc._.kg_mentions if start <= m.start and m.end <= phrase_end for k in m.keys}
            speakers = tuple(k for k in self._speakers(doc, head) if k in within)
            inside = tuple(a for a in anonymous if start <= a.token < phrase_end + 1)
            if not speakers and not inside:
                continue
            used_anonymous = used_anonymous or bool(inside)
            frames.append(Frame(index, paragraph, "according", speakers, tuple(a.source for a in inside),
                                (start, phrase_end)))
        ix = doc_index(doc)
        for i in range(sent.start, sent.end):
            # only a speech verb's form, or a verb that speaks, declines or does not confirm, can open a frame
            if not (ix.lower[i] in self.verb_forms or ix.pos[i] == "VERB" and (
                    ix.lemma[i] in self.verbs or ix.lemma[i] in self.declining or ix.lemma[i] in self.unconfirm)):
                continue
            token = doc[i]
            kind = None
            if token.pos_ == "VERB":
                kind = self.verbs.get(token.lemma_.lower())
                if kind is None and token.lemma_.lower() == token.lower_:
                    kind = self.verb_forms.get(token.lower_)
            elif token.lower_ in self.verb_forms and token.i + 1 < sent.end and (
                    doc[token.i + 1].pos_ in {"VERB", "AUX"} and "Inf" in doc[token.i + 1].morph.get("VerbForm")  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                    or doc[token.i + 1].lower_ in self.words["que"]):
                kind = self.verb_forms[token.lower_]  # a headline's 'Tesla dément vouloir ...' tagged as an adverb
            negated = _is_negated(token, self.words)
            declined = token.pos_ == "VERB" and token.lemma_.lower() in self.declining and any(
                c.dep_ == "xcomp" and c.lemma_.lower() in self.unconfirm or c.lemma_.lower() in self.comment_nouns
                for c in token.children)
            # 'n'a fait aucun commentaire', 'n'a pas fait de commentaire': no comment given
            declined = declined or token.pos_ == "VERB" and any(
                c.dep_ in {"obj", "obl:arg", "obl:mod", "obl"} and c.lemma_.lower() in self.comment_nouns
                and (negated or any(d.lower_ in self.words["negative_determiners"] for d in c.children))
                for c in token.children)
            if declined or token.pos_ == "VERB" and negated and token.lemma_.lower() in self.unconfirm:
                frame = self._unconfirm(doc, token, index, paragraph)
                if frame is not None:
                    frames.append(frame)
                continue
            if kind is None:
                continue
            agent = None
            if token.dep_ in {"acl", "amod"} and "Part" in token.morph.get("VerbForm") and not any(  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                    c.dep_ == "obl:agent" for c in token.children):
                # 'une information démentie lundi par le président de X': a denial or a
                # confirmation told by a participle speaks with its agent, read by word order
                # when the parser hung it on the noun
                agent = self._participle_agent(doc, token, sent) if kind in {"deny", "confirm"} else None
                if agent is None:
                    continue  # 'des informations publiées samedi': a participle describing a noun speaks for nobody
            needed = self.light_verbs.get(token.lemma_.lower())
            if needed and not any(t.lemma_.lower() in needed for t in doc[token.i + 1:min(token.i + 4, sent.end)]):
                continue
            if kind == "report" and token.pos_ == "VERB" and not _tells(doc, token, self.words["que"], self.words["topic_prepositions"]):
                continue  # 'les deux groupes avancent à grands pas': a speech verb used for something else
            subjects = [agent] if agent is not None else [c for c in token.children if c.dep_ in {"nsubj", "nsubj:pass"}][:1]
            if agent is not None:
                pass
            elif not subjects and token.dep_ == "xcomp" and token.head.lemma_.lower() in self.lending:
                # 'les deux groupes viennent d'annoncer que ...': the infinitive's speaker is
                # the subject of the verb that carries it (recent past, insistence)
                subjects = [c for c in token.head.children if c.dep_ in {"nsubj", "nsubj:pass"}][:1] or \
                    preverbal_subjects(token.head, self.words)[::-1]
            inverted = [c for c in token.children if c.dep_ in {"nsubj", "nsubj:pass", "expl:subj"}
                        and c.lower_ in self.words["inverted_pronouns"] and mention_at(doc, c) is None]
            if agent is not None:
                pass
            elif inverted:  # ', a-t-il annoncé': the subject of the clause it comments on
                subjects = self._inverted_referent(doc, token)
            elif _adjunct_participle(token):
                # '..., affirme le FT, précisant qu'il ...', 'tout en assurant ne pas ...': the
                # participle adds to its clause, whose speaker (if any) is read at its own verb
                continue
            elif (first := min([token.i] + [c.i for c in token.children if c.dep_.startswith("aux") and c.i < token.i])) \
                    > sent.start and doc[first - 1].text in {",", "»", "”", '"'}:
                # an incise ('..., affirme le quotidien Nikkei'): the speaker follows the verb,
                # whatever the parser made the subject
                subjects = self._postverbal(doc, token) or subjects
            if not subjects:  # the parser left the verb without a subject: read the word order
                subjects = preverbal_subjects(token, self.words)[::-1] or self._postverbal(doc, token)
            if not subjects and token.pos_ != "VERB" and token.i > sent.start:
                before = mention_at(doc, doc[token.i - 1])  # 'Tesla dément ...' tagged as an adverb
                subjects = [doc[before.root]] if before is not None else []
            if not subjects:
                continue
            subject = subjects[0]
            if subject.i < token.i:  # 'Renault et LG Chem ont annoncé': names coordinated before the subject
                subjects += [s for s in preverbal_subjects(token, self.words) if s not in subjects]
            speakers = tuple(dict.fromkeys(k for s in subjects for k in self._speakers(doc, s)))
            # the medium a party speaks to relays it ('a déclaré à Reuters une porte-parole de X')
            speakers += tuple(k for c in token.children if c.dep_ in {"obl:arg", "obl:mod", "iobj", "obl"}
                              and any(p.dep_ == "case" and p.lower_ in self.words["relay_prepositions"] for p in c.children)
                              for k in self._speakers(doc, c) if doc._.kg_entities[k].kind == "media" and k not in speakers)
            # ... or hung on the speaker's noun ('a déclaré un porte-parole de X à Reuters')
            speakers += tuple(dict.fromkeys(
                k for s in subjects for c in s.children if c.dep_ == "nmod" and c.i > s.i
                and any(p.dep_ == "case" and p.lower_ in self.words["relay_prepositions"] for p in c.children)
                for m in [mention_at(doc, c)] if m is not None for k in m.keys
                if doc._.kg_entities[k].kind == "media" and k not in speakers))
            collective = "Inf" not in token.morph.get("VerbForm") and any(  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                self._collective(t) for s in subjects for t in _conjuncts(s))
            # an inverted speaker ('», estime Li Wei, analyste chez X.') runs to the end; a
            # speaker's fronted description ('Partenaire de Huawei, Seres présente...') is his
            span = (subject.left_edge.i, sent.end if subject.i > token.i else min(subject.right_edge.i + 1, token.i))
            if subject.i < token.i and span[0] > sent.start and doc[span[0] - 1].text == "," and not any(
                    "Fin" in t.morph.get("VerbForm") for t in doc[sent.start:span[0]]):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                span = (sent.start, span[1])
            sources = tuple(a.source for a in anonymous if span[0] <= a.token < span[1])
            if not speakers and not sources and not collective:
                continue
            if not sources and not used_anonymous:
                sources = tuple(a.source for a in anonymous)
            if kind == "deny" and negated:
                continue
            frames.append(Frame(index, paragraph, kind, speakers, sources, span, quote=_quote_before(doc, token),
                                collective=collective))
        # anonymous sources with no named outlet in the sentence: 'd'après des médias chinois';
        # not what a verb other than a speech verb acts on ('X n'a pas apprécié les fuites
        # dans la presse': the leaks are talked about, they tell nothing here)
        telling = [a for a in anonymous if not (doc[a.token].dep_ in {"obj", "nsubj:pass"} and doc[a.token].head.pos_ == "VERB"
                                                and doc[a.token].head.lemma_.lower() not in self.verbs)]
        if telling and not frames:
            start = min(a.token for a in telling)
            frames.append(Frame(index, paragraph, "according", (), tuple(a.source for a in telling),
                                (start, start + 1)))
        return frames

    def _participle_agent(self, doc: Doc, participle: Token, sent: Span) -> Token | None:
        """The agent of a participle that describes a noun, by word order: the noun after
        the first 'par' that follows it in its clause ('une information démentie, lundi,
        par le président de X'), when it names a speaker."""
        for i in range(participle.i + 1, min(participle.i + 12, sent.end)):
            t = doc[i]
            if t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm"):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                return None  # another clause
            if t.lower_ in self.words["agent_prepositions"] and t.head.i > i and t.head.pos_ in {"NOUN", "PROPN", "PRON"}:
                return t.head if self._speakers(doc, t.head) else None
        return None

    def _postverbal(self, doc: Doc, verb: Token) -> list[Token]:
        """An inverted speaker: '..., a précisé Stellantis dans un communiqué'."""
        i = verb.i + 1
        while i < sentence_end(verb) and doc[i].lower_ in self.words["inversion_particles"]:
            i += 1
        # past a date or an adverb ('ont annoncé mardi les deux entreprises', 'a indiqué jeudi soir X')
        j = i
        while j < min(i + 8, sentence_end(verb)):
            if doc[j].lower_ in self.words["relay_prepositions"] and doc[j].dep_ == "case" and doc[j].head.i > j:
                j = doc[j].head.right_edge.i + 1  # past the medium spoken to ('a déclaré à Reuters une porte-parole')
                continue
            if doc[j].pos_ == "NOUN" and doc[j].lemma_.lower() in self.voices:
                return [doc[j]]  # 'une porte-parole du constructeur'
            mention = mention_at(doc, doc[j])
            if mention is not None:
                return [doc[mention.root]]
            if doc[j].pos_ == "NOUN" and any(self._collective(t) for t in _conjuncts(doc[j])):
                return [doc[j]]  # 'ont annoncé ce jeudi les entreprises'
            if doc[j].pos_ == "DET" and doc[j].head.i > j and doc[j].head.i < sentence_end(verb):
                j += 1
                continue  # the determiner of a date or of the speaker's noun
            if doc[j].is_punct or doc[j].pos_ in {"VERB", "AUX", "DET", "ADP", "PROPN"}:
                break
            j += 1
        return []

    def _collective(self, token: Token) -> bool:
        """A plural noun for the parties themselves, pointed to ('les entreprises', 'les
        deux groupes', 'ces sociétés'): in its own sentence, the parties of what it tells
        (whatever pair the coreference gave it)."""
        return (token.pos_ == "NOUN" and token.lemma_.lower() in self.party_nouns
                and "Plur" in token.morph.get("Number")  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
                and any(c.dep_ == "det" and c.lower_ in self.words["pair_determiners"] for c in token.children))

    def _inverted_referent(self, doc: Doc, verb: Token) -> list[Token]:
        """Who an inverted pronoun stands for (', a-t-il annoncé', ', ont-elles indiqué'):
        the subject of the clause the speech verb comments on, when it is a name or a
        description of one."""
        head = verb.head
        if head.i < verb.i and verb.dep_ in {"advcl", "parataxis", "ccomp", "conj"}:
            for child in head.children:
                if child.dep_ in {"nsubj", "nsubj:pass"} and self._speakers(doc, child):
                    return [child]
        return []

    def _np_after(self, doc: Doc, end: int, sent: Span) -> Token | None:
        for i in range(end, min(end + 6, sent.end)):
            token = doc[i]
            if token.pos_ in {"NOUN", "PROPN", "PRON"} and not token.is_punct:
                return token
            if token.is_punct:
                return None
        return None

    def _speakers(self, doc: Doc, token: Token) -> tuple[str, ...]:
        """Entity keys a source phrase names: its mention, the names it describes or
        coordinates, a possessor for 'un porte-parole de Nissan', or the two parties for
        'les deux constructeurs'."""
        keys: list[str] = []

        def visit(t: Token, depth: int = 0):
            mention = mention_at(doc, t)
            if mention is not None:
                keys.extend(k for k in mention.keys if k not in keys)
            elif t.pos_ in {"NOUN", "PROPN"}:
                # 'un porte-parole de Nissan', 'le communiqué de Renault', 'les termes de
                # l'accord présentés par Baidu': the speaker behind a voice or a document
                voice = t.lemma_.lower() in self.voices
                for child in t.children:
                    if child.dep_ in {"appos", "flat:name"} and depth < 2:
                        visit(child, depth + 1)
                    elif child.dep_ == "nmod" and voice and depth < 2 and {
                            c.lower_ for c in child.children if c.dep_ == "case"} & self.words["de"]:
                        visit(child, depth + 1)
                if voice or depth == 0:
                    for below in t.subtree:
                        if below.i != t.i and below.i - t.i <= 8 and {c.lower_ for c in below.children if c.dep_ == "case"} & self.words["agent_prepositions"]:
                            visit(below, depth + 1)
            for child in t.children:
                if child.dep_ == "conj" and depth < 3:
                    visit(child, depth + 1)

        visit(token)
        infos = doc._.kg_entities
        return tuple(k for k in keys if infos[k].type in {"Organization", "Person"})

    def _anonymous(self, doc: Doc, sent: Span) -> list["_Anon"]:
        """Anonymous sources: a source noun ('des médias', 'plusieurs personnes', 'une
        source') plural or indefinite, not pointing back ('ces sources'), with no name
        inside its phrase, whatever adjective or complement follows ('des médias
        japonais', 'des sources proches du dossier')."""
        found = []
        ix = doc_index(doc)
        for i in range(sent.start, sent.end):
            if ix.lemma[i] not in self.anonymous_heads or ix.pos[i] != "NOUN":
                continue
            token = doc[i]
            if mention_at(doc, token) is not None:
                continue
            children = list(token.children)
            plural = "Plur" in token.morph.get("Number")  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            determiners = {c.lower_ for c in children if c.dep_ == "det"}
            indefinite = bool(determiners & self.words["indefinite_articles"])
            if not (plural or indefinite) or determiners & self.words["anaphoric_determiners"]:
                continue
            if not any(c.dep_ in {"det", "nummod", "case"} for c in children) and (
                    token.i == sent.start or doc[token.i - 1].pos_ not in {"ADP", "DET", "NUM"}):
                continue  # a bare plural after a name is a predicate ('A et B proches d'un accord'), no source
            count = None
            for child in children:
                if child.dep_ == "nummod" or child.lower_ in self.numbers:
                    count = int(child.lower_) if child.lower_.isdigit() else self.numbers.get(child.lower_)
                    if count is not None:
                        break
            left = min([token.i] + [c.left_edge.i for c in children if c.dep_ in {"det", "nummod", "amod"} and c.i < token.i])
            right = token.i + 1
            for child in token.rights:
                if child.dep_ in {"amod", "nmod", "acl"} and not child.is_punct:
                    right = max(right, child.right_edge.i + 1)
            right = min(right, token.i + 9)
            phrase_end = next((t.i for t in doc[token.i:right] if t.is_punct), right)
            if self._names_a_source(doc, doc[left:phrase_end]):
                continue
            text = doc[left:right].text
            found.append(_Anon(token.i, AnonymousSource(text=text, kind=token.lemma_.lower(), count=count,
                                                        start=doc[left].idx, end=doc[left].idx + len(text))))
        return found

    def _names_a_source(self, doc: Doc, phrase: Span) -> bool:
        """An organisation or person named in a source phrase ('des sources citées par
        Reuters', 'plusieurs médias dont Bloomberg') makes it no anonymous source; a name
        in a 'de' complement is what the sources are close to ('proches de Tesla'). The
        phrase stops at a comma, where the parser may hang the clause the sources tell."""
        infos = doc._.kg_entities
        for token in phrase:
            mention = mention_at(doc, token)
            if mention is None or mention.via != "name" or mention.root != token.i:
                continue
            if any(infos[k].type in {"Organization", "Person"} for k in mention.keys) and not any(
                    c.dep_ == "case" and c.lower_ in self.words["de"] for c in token.children):
                return True
        return False

    def _unconfirm(self, doc: Doc, verb: Token, index: int, paragraph: int) -> Frame | None:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
        if subject is None:
            return None
        parties = self._speakers(doc, subject)
        # 'les entreprises concernées n'ont pas souhaité commenter', 'aucune des deux
        # entreprises n'a souhaité s'exprimer': the parties of the story told before
        collective = not parties and (any(self._collective(t) for t in _conjuncts(subject)) or any(
            c.dep_ == "nmod" and c.lemma_.lower() in self.party_nouns and "Plur" in c.morph.get("Number")  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            for c in subject.children if subject.lower_ in self.words["negative_determiners"]) or (
            subject.lemma_.lower() in self.party_nouns and any(
                c.dep_ == "det" and c.lower_ in self.words["negative_determiners"] for c in subject.children)))
        if not parties and not collective:
            return None
        targets: list[str] = []
        for obj in verb.children:
            if obj.dep_ == "obj":
                for child in obj.subtree:
                    mention = mention_at(doc, child)
                    if mention is not None:
                        targets.extend(k for k in mention.keys if k not in targets)
        return Frame(index, paragraph, "unconfirm", parties, (), (subject.left_edge.i, subject.right_edge.i + 1),
                     targets=tuple(targets), collective=collective)


@dataclass(frozen=True)
class _Anon:
    token: int
    source: AnonymousSource


def status_of(relation: RelationMention, frames: list[Frame], facts: _ArticleFacts, doc: Doc, *,
              eventive: bool = True, sentence: int = 0, parties: set[str] | None = None,
              units: dict[str, str] | None = None) -> Attributed | None:
    """The status of one relation under the frames that govern it.

    - a party that denies it, or a negated relation in a party's words → denied;
    - a party that says or announces it → confirmed;
    - anonymous sources, or a named outlet that relies on them, whose information the
      parties did not confirm or that tells it in the conditional (for event-like
      relations), or a conditional with no named source → rumoured;
    - a named source that is not a party → reported;
    - no attribution → asserted (a negated relation with no attribution is dropped).

    ``parties`` are the entities of the arrangement the relation belongs to (by default
    its two ends).
    """
    own = {relation.subject, relation.object}
    parties = own | (parties or set())
    # unveiling a product confirms what the party unveils; it reports nothing of others
    frames = [f for f in frames if f.kind != "unveil" or parties & set(f.speakers)]
    speakers = [k for f in frames for k in f.speakers]
    # a party to the arrangement confirms it (a denial speaks only for the one who denies)
    party_frames = [f for f in frames if own & set(f.speakers)] or [
        f for f in frames if parties & set(f.speakers) and f.kind != "deny"]
    # a party speaks for itself ('Hyundai et Kia ont démenti' → Kia for Kia), an
    # executive for the company
    # A party that speaks for itself in a joint statement ('Hyundai et Kia ont démenti
    # être en discussion avec Apple': Kia for Kia) is the source of its own relation; a
    # joint announcement about a third party ('les deux constructeurs ont annoncé Horse,
    # détenue à parts égales') has all its speakers as sources. An executive speaks for
    # the company.
    infos = doc._.kg_entities
    party_speakers = tuple(dict.fromkeys(k for f in party_frames for k in f.speakers))
    if relation.subject in party_speakers:
        party_speakers = tuple(k for k in party_speakers if k in own or infos[k].type == "Person"
                               or (units or {}).get(k) in own or infos[k].kind == "media")
    if any(f.kind == "deny" for f in party_frames) or relation.negated and party_frames:
        return Attributed(relation, "denied", party_speakers)
    if relation.negated:
        return None
    if party_frames:
        return Attributed(relation, "confirmed", party_speakers)
    named = tuple(dict.fromkeys(speakers))
    anonymous = tuple(dict.fromkeys(a for f in frames for a in f.anonymous))
    anonymous += tuple(a for k in named for a in facts.anonymous_behind.get(k, ()) if a not in anonymous)
    # a party that declines to confirm turns news about it into rumour (not an analyst's view)
    unconfirmed = () if not eventive else tuple(dict.fromkeys(
        p for f in facts.unconfirmed
        # 'ni X ni Y n'ont confirmé les informations de Reuters' covers Reuters' claims;
        # 'X n'a pas souhaité commenter' covers the news about X told before it
        if (set(f.targets) & set(named) or (not f.targets and (parties & set(f.speakers) or f.collective)
                                             and sentence <= f.sentence))
        and frames
        for p in (f.speakers if not f.collective else sorted(own))))
    if anonymous or unconfirmed:
        return Attributed(relation, "rumoured", named, anonymous, unconfirmed)
    if named and eventive and relation.conditional and all(infos[k].type == "Organization" for k in named):
        # a medium's story told in the conditional ('Selon le FT, Renault et FCA mèneraient des
        # discussions') is news nobody has confirmed; an analyst's conditional is his view
        return Attributed(relation, "rumoured", named)
    if named:
        return Attributed(relation, "reported", named)
    if relation.conditional:
        cue = doc[relation.cue]
        hearsay = AnonymousSource(text=cue.text, kind="unattributed", count=None, start=cue.idx,
                                  end=cue.idx + len(cue.text))
        return Attributed(relation, "rumoured", (), (hearsay,))
    return Attributed(relation, "asserted")


_TELLING = {"obj", "ccomp", "xcomp", "iobj", "expl:comp", "parataxis"}


def _tells(doc: Doc, verb: Token, que: frozenset[str], topics: frozenset[str]) -> bool:
    """A speech verb that tells something: it has a complement (an object, a clause), it
    comments on what precedes it ('..., explique X', '« ... » estime X'), or a quotation or
    a colon follows it."""
    if any(c.dep_ in _TELLING for c in verb.children):
        return True
    if any(c.dep_ == "obl:arg" and any(p.dep_ == "case" and p.lower_ in topics for p in c.children) for c in verb.children):
        return True  # 'a insisté sur ...', 'a parlé de ...' (not 'avancent depuis ...')
    if verb.head.i < verb.i and verb.dep_ in {"parataxis", "advcl", "conj", "ccomp"} and verb.head.pos_ in {"VERB", "AUX", "ADJ"}:
        return True
    if any(t.lower_ in que for t in doc[verb.i + 1:sentence_end(verb)]):
        return True  # a 'que' clause the parser hung elsewhere
    before = [t for t in doc[max(sentence_start(verb), verb.i - 4):verb.i] if t.pos_ not in {"AUX", "PRON", "ADV"}]
    if before and before[-1].is_punct:
        return True
    return any(t.text in {":", "«", "“", '"'} for t in doc[verb.i + 1:min(verb.i + 4, sentence_end(verb))])


def _adjunct_participle(token: Token) -> bool:
    """A present participle that adds to the clause before it ('..., précisant que ...')."""
    return ("Part" in token.morph.get("VerbForm") and "Pres" in token.morph.get("Tense")  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
            and token.head.i < token.i and token.head.pos_ in {"VERB", "AUX"}
            and token.dep_ in {"advcl", "acl", "xcomp", "conj", "parataxis"})


def _units(infos: dict) -> dict[str, str]:
    """Organisations named after another one of the article, their group ('Huawei Smart
    Car' → Huawei, 'Ford Europe' → Ford): who speaks for the unit speaks for the group."""
    organisations = {k: info.label for k, info in infos.items() if info.type == "Organization" and info.label}
    units = {}
    for key, label in organisations.items():
        groups = [g for g, name in organisations.items() if g != key and label.startswith(name + " ")]
        if groups:
            units[key] = max(groups, key=lambda g: len(organisations[g]))
    return units


def _conjuncts(token: Token) -> list[Token]:
    """A token and the words coordinated with it ('les autorités et les deux entreprises')."""
    return [token] + [c for c in token.children if c.dep_ == "conj"]


def _described(relation: RelationMention, doc: Doc, words: dict[str, frozenset[str]], role_nouns: set[str],
               outcome_nouns: set[str]) -> bool:
    """A fact presupposed by a noun phrase that describes a name: the cue noun is in
    apposition ('TomTom, partenaire de Renault', 'X, une coentreprise de A et B') or is
    itself a description of one end by its tie to the other (``role_nouns``: 'son partenaire
    chinois', 'sa filiale Cariad', 'le principal rival de Samsung, TSMC'; not an arrangement
    noun: 'sa coentreprise avec X' is no description of a party), or it sits in a 'dont' relative clause ('Renault,
    dont l'alliance avec Nissan ...')."""
    cue = doc[relation.cue]
    if cue.pos_ not in {"NOUN", "PROPN"}:
        return False
    if cue.dep_ == "appos":
        return True
    mention = mention_at(doc, cue)
    if mention is not None and mention.via == "description" and set(mention.keys) & {relation.subject, relation.object} \
            and cue.lemma_.lower() in role_nouns:
        return True
    # an apposition by word order, whatever the parser made of it: 'au détriment de TomTom,
    # partenaire de longue date de Renault' (a role noun after one end), 'Beijing Hyundai,
    # une coentreprise de Hyundai et BAIC' (any noun after a third name, both ends in its
    # complements; not 'A et B ont dévoilé X, une coentreprise ...'), and the complement
    # of such a noun ('Renault, l'autre membre de l'alliance avec Nissan')
    ends = {relation.subject, relation.object}
    for noun in (cue, cue.head) if cue.dep_ == "nmod" and cue.head.pos_ == "NOUN" else (cue,):
        i = noun.i - 1
        while i > sentence_start(noun) and doc[i].pos_ in {"DET", "ADJ"}:
            i -= 1
        if doc[i].text != "," or i - 1 < sentence_start(noun) or noun.dep_ in {"nsubj", "nsubj:pass"}:
            continue
        before = mention_at(doc, doc[i - 1])
        if before is None or before.via != "name" or any(
                t.lower_ in words["according_words"] for t in doc[sentence_start(noun):before.start]):
            continue
        if noun is cue and cue.lemma_.lower() in role_nouns and set(before.keys) & ends:
            return True
        if noun is cue and not set(before.keys) & ends and min(relation.anchors) > cue.i:
            return True  # both ends named in the noun's complements: 'une coentreprise de A et B'
        if noun is not cue:
            return True
    if cue.dep_ == "nmod" and cue.head.pos_ == "NOUN" and cue.head.lemma_.lower() in outcome_nouns and any(
            c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in cue.children):
        return True  # 'après l'échec de ses négociations avec Honda': a known arrangement, referred to
    if any(c.lower_ in words["possessive_relatives"] for c in cue.children if c.i < cue.i):
        return True  # 'dont l'alliance', however the parser hangs the relative clause
    clause = cue.head
    if cue.dep_ in {"nsubj", "nsubj:pass", "obj"} and clause.dep_ == "acl:relcl":
        return any(c.lower_ in words["possessive_relatives"] for c in clause.children if c.i < cue.i)
    return False


def _presupposed(relation: RelationMention, doc: Doc) -> bool:
    """A background fact given inside a noun phrase: an apposition or a participle
    ('Robin Li, le PDG de Baidu', 'le groupe dirigé par Tim Cook', 'Basé à Séoul, X').
    The article states those in its own voice, whoever speaks in the sentence."""
    cue = doc[relation.cue]
    if cue.dep_ in {"appos", "acl", "acl:relcl", "amod", "flat:name"} or cue.pos_ == "NOUN" and cue.head.pos_ in {"NOUN", "PROPN"} and cue.dep_ != "obj":
        return True
    if "Part" in cue.morph.get("VerbForm") and not any(c.dep_.startswith("aux") for c in cue.children):  # type: ignore[call-arg]  # spaCy's stub omits get()'s default=None
        return True
    return False


_CLOSING_QUOTES = {"»": "«", "”": "“", '"': '"'}


def _quote_closed_between(doc: Doc, start: int, end: int) -> bool:
    """A quotation opens and closes between a speaker's phrase and a later sentence
    ('..., a déclaré X. « Nous ... ». CATL a développé ...'): the speaker's turn is over
    and the article speaks in its own voice again."""
    opened = False
    for token in doc[max(start, 0):end]:
        if token.text in _CLOSING_QUOTES.values() and token.text != '"':
            opened = True
        elif opened and token.text in _CLOSING_QUOTES:
            return True
    return False


def _quote_before(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """The « quotation » a speech verb closes ('« ... », estime X'), which may span
    several sentences."""
    i = verb.i - 1
    while i >= 0 and i >= verb.i - 3 and doc[i].text not in _CLOSING_QUOTES:
        i -= 1
    if i < 0 or doc[i].text not in _CLOSING_QUOTES:
        return None
    opening = _CLOSING_QUOTES[doc[i].text]
    end = i
    i -= 1
    while i >= 0 and doc[i].text != opening:
        if "\n" in doc[i].text:
            return None
        i -= 1
    return (i, end) if i >= 0 else None


def _phrase_end(doc: Doc, head: Token, sent: Span, words: dict[str, frozenset[str]]) -> int:
    """Where a source phrase ends: its subtree, but no further than the comma that closes
    it ('D'après l'agence Reuters, qui cite trois sources proches du dossier, le groupe
    ...': the relative clause belongs to the phrase, what follows does not)."""
    end = head.right_edge.i + 1
    i = head.i + 1
    while i < min(end, sent.end):
        if doc[i].text == ",":
            # (a 'que' the tagger reads as a conjunction opens the clause told, not a relative)
            if i + 1 < sent.end and (doc[i + 1].lower_ in words["relatives"] and doc[i + 1].pos_ != "SCONJ"
                                     or doc[i + 1].lower_ in words["citing_words"]):
                i += 2
                while i < sent.end and doc[i].text != ",":
                    i += 1
                return min(i + 1, sent.end)
            return i + 1
        i += 1
    return end


def _in_relative_clause(token: Token, words: dict[str, frozenset[str]]) -> bool:
    """Inside a relative clause that describes a third party ('avec Tesla, lequel produit
    des Model 3'), not one that gives the content of a report ('les informations selon
    lesquelles Tesla implanterait une usine')."""
    for _ in range(3):
        if token.dep_ == "acl:relcl":
            return not any(t.lower_ in words["according_words"] for t in token.subtree if t.i < token.i)
        if token.head == token:
            return False
        token = token.head
    return False


def _is_negated(token: Token, words: dict[str, frozenset[str]]) -> bool:
    """'ne ... pas', 'n'ont jamais', and 'ni X ni Y n'ont' (a bare 'ne')."""
    return any((c.lemma_.lower() in words["negations"] or c.lemma_.lower() in words["bare_negations"])
               and c.dep_ in {"advmod", "fixed"} for c in token.children)


def _paragraph_numbers(doc: Doc, sentences: list[Span]) -> list[int]:
    numbers, paragraph, position = [], 0, 0
    text = doc.text  # spaCy joins the tokens anew at each access: once, not once per sentence
    for sent in sentences:
        paragraph += text.count("\n", position, sent.start_char)
        position = sent.start_char
        numbers.append(paragraph)
    return numbers
