"""The per-Doc index the rules read (kg_ev/nlp/docindex.py): it must say exactly what
spaCy's Token and Span objects say, and follow the Doc when a component changes it."""

import pytest
from spacy.tokens import Doc

from kg_ev.nlp.docindex import doc_attribute, doc_index, sentence_end, sentence_start, token_texts

TEXTS = [
    "Le fabricant chinois de batteries a signé un accord avec deux constructeurs européens.",
    "Selon un quotidien économique, la firme allemande négocierait avec son rival.\n\nElle ne l'a pas confirmé.",
    "« Nous n'en dirons pas plus », a déclaré mardi une porte-parole ; l'usine ouvrira en 2027.",
    "",
    "Bonjour",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_index_says_what_the_tokens_say(nlp, text):
    doc = nlp(text)
    index = doc_index(doc, refresh=True)
    assert index.lower == [t.lower_ for t in doc]
    assert index.lemma == [t.lemma_.lower() for t in doc]
    assert index.pos == [t.pos_ for t in doc]
    assert index.dep == [t.dep_ for t in doc]
    assert index.head == [t.head.i for t in doc]
    assert [index.children(t.i) for t in doc] == [[c.i for c in t.children] for t in doc]
    assert index.starts == [s.start for s in doc.sents]
    assert [(index.sent_start[t.i], index.sent_end[t.i]) for t in doc] == [(t.sent.start, t.sent.end) for t in doc]
    assert [(sentence_start(t), sentence_end(t)) for t in doc] == [(t.sent.start, t.sent.end) for t in doc]
    assert [index.sentence(t.i) for t in doc] == [i for i, s in enumerate(doc.sents) for _ in s]
    assert token_texts(doc) == [t.text for t in doc]


def test_the_index_is_read_once_and_anew_when_the_parse_changes(nlp):
    doc = nlp("La société a racheté son concurrent. Elle l'a annoncé lundi.")
    first = doc_index(doc, refresh=True)
    assert doc_index(doc) is first and doc_index(doc, refresh=True) is first  # unchanged: the same index
    doc[1].lemma_ = "Entreprise"  # a component changed the Doc
    assert doc_index(doc) is first  # a helper reads the index its component refreshed
    fresh = doc_index(doc, refresh=True)
    assert fresh is not first and fresh.lemma[1] == "entreprise" and first.lemma[1] == "société"


def test_a_doc_without_a_parse(nlp):
    doc = nlp.make_doc("Un mot puis un autre")
    assert token_texts(doc) == ["Un", "mot", "puis", "un", "autre"]
    index = doc_index(doc, refresh=True)
    assert index.head == [0, 1, 2, 3, 4] and all(index.children(i) == [] for i in range(len(doc)))


def test_doc_attribute_reads_what_underscore_reads(nlp):
    doc = nlp("Le constructeur a présenté un nouveau modèle à Paris.")
    for name in ("kg_entities", "kg_mentions", "kg_mention_index", "kg_relations", "kg_attributed"):
        assert doc_attribute(doc, name) is getattr(doc._, name)
    bare = Doc(nlp.vocab, words=["rien"])
    assert doc_attribute(bare, "kg_mention_index") is None and bare._.kg_mention_index is None
