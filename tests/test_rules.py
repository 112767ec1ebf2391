"""Relation and attribution rules on hand-built Docs: no model needed."""

import pytest
import spacy
from spacy.tokens import Doc

import kg_ev.nlp.components  # noqa: F401  (registers the factories)


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("fr")
    for name in ("kg_ev_entities", "kg_ev_coref", "kg_ev_relations", "kg_ev_attribution"):
        nlp.add_pipe(name)
    return nlp


def run(nlp, rows, ents):
    """rows: (word, lemma, pos, dep, head, morph); ents: BIO labels."""
    words = [r[0] for r in rows]
    doc = Doc(nlp.vocab, words=words, lemmas=[r[1] for r in rows], pos=[r[2] for r in rows],
              deps=[r[3] for r in rows], heads=[r[4] for r in rows], morphs=[r[5] for r in rows], ents=ents)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return {(r.relation.predicate, r.relation.subject, r.relation.object, r.status, r.sources)
            for r in doc._.kg_attributed}


def test_apposition_gives_works_for(blank):
    rows = [("Sophie", "Sophie", "PROPN", "ROOT", 0, ""), ("Renard", "Renard", "PROPN", "flat:name", 0, ""),
            (",", ",", "PUNCT", "punct", 3, ""), ("analyste", "analyste", "NOUN", "appos", 0, ""),
            ("chez", "chez", "ADP", "case", 5, ""), ("Cobalt", "Cobalt", "PROPN", "nmod", 3, ""),
            ("Markets", "Markets", "PROPN", "flat:name", 5, ""), (".", ".", "PUNCT", "punct", 0, "")]
    found = run(blank, rows, ["B-PER", "I-PER", "O", "O", "O", "B-ORG", "I-ORG", "O"])
    assert found == {("worksFor", "sophie-renard", "cobalt-markets", "asserted", ())}


def test_passive_gives_leads_with_the_agent_as_subject(blank):
    rows = [("Baidu", "Baidu", "PROPN", "nsubj:pass", 2, ""), ("est", "être", "AUX", "aux:pass", 2, ""),
            ("dirigé", "diriger", "VERB", "ROOT", 2, "VerbForm=Part"), ("par", "par", "ADP", "case", 4, ""),
            ("Robin", "Robin", "PROPN", "obl:agent", 2, ""), ("Li", "Li", "PROPN", "flat:name", 4, ""),
            (".", ".", "PUNCT", "punct", 2, "")]
    found = run(blank, rows, ["B-ORG", "O", "O", "O", "B-PER", "I-PER", "O"])
    assert found == {("leads", "robin-li", "baidu", "asserted", ())}


def test_a_party_denying_talks_gives_a_denial(blank):
    rows = [("Kia", "Kia", "PROPN", "nsubj", 2, ""), ("a", "avoir", "AUX", "aux:tense", 2, ""),
            ("démenti", "démentir", "VERB", "ROOT", 2, "VerbForm=Part"), ("être", "être", "AUX", "cop", 5, ""),
            ("en", "en", "ADP", "case", 5, ""), ("discussion", "discussion", "NOUN", "xcomp", 2, ""),
            ("avec", "avec", "ADP", "case", 7, ""), ("Apple", "Apple", "PROPN", "nmod", 5, ""),
            (".", ".", "PUNCT", "punct", 2, "")]
    found = run(blank, rows, ["B-ORG", "O", "O", "O", "O", "O", "O", "B-ORG", "O"])
    assert found == {("negotiatesWith", "kia", "apple", "denied", ("kia",))}


def test_conditional_mood_is_a_rumour(blank):
    rows = [("Baidu", "Baidu", "PROPN", "nsubj", 3, ""), ("serait", "être", "AUX", "cop", 3, "Mood=Cnd"),
            ("en", "en", "ADP", "case", 3, ""), ("pourparlers", "pourparler", "NOUN", "ROOT", 3, ""),
            ("avec", "avec", "ADP", "case", 5, ""), ("Geely", "Geely", "PROPN", "nmod", 3, ""),
            (".", ".", "PUNCT", "punct", 3, "")]
    found = run(blank, rows, ["B-ORG", "O", "O", "O", "O", "B-ORG", "O"])
    assert found == {("negotiatesWith", "baidu", "geely", "rumoured", ())}


def test_relative_clause_takes_the_antecedent(blank):
    rows = [("Baidu", "Baidu", "PROPN", "ROOT", 0, ""), (",", ",", "PUNCT", "punct", 4, ""),
            ("qui", "qui", "PRON", "nsubj", 4, "PronType=Rel"), ("a", "avoir", "AUX", "aux:tense", 4, ""),
            ("établi", "établir", "VERB", "acl:relcl", 0, "VerbForm=Part"), ("un", "un", "DET", "det", 6, ""),
            ("partenariat", "partenariat", "NOUN", "obj", 4, ""), ("avec", "avec", "ADP", "case", 8, ""),
            ("Geely", "Geely", "PROPN", "nmod", 6, ""), (".", ".", "PUNCT", "punct", 0, "")]
    found = run(blank, rows, ["B-ORG", "O", "O", "O", "O", "O", "O", "O", "B-ORG", "O"])
    assert found == {("partnersWith", "baidu", "geely", "asserted", ())}


def test_according_to_a_named_outlet_is_reported(blank):
    rows = [("Selon", "selon", "ADP", "case", 1, ""), ("Bloomberg", "Bloomberg", "PROPN", "obl:mod", 3, ""),
            (",", ",", "PUNCT", "punct", 1, ""), ("Apple", "Apple", "PROPN", "nsubj", 4, ""),
            ("négocie", "négocier", "VERB", "ROOT", 4, ""), ("avec", "avec", "ADP", "case", 6, ""),
            ("Kia", "Kia", "PROPN", "obl:arg", 4, ""), (".", ".", "PUNCT", "punct", 4, "")]
    found = run(blank, rows, ["O", "B-ORG", "O", "B-ORG", "O", "O", "B-ORG", "O"])
    assert found == {("negotiatesWith", "apple", "kia", "reported", ("bloomberg",))}
