"""One index per Doc of what the rules read most often of each token, read once from
spaCy's arrays and shared by all of kg_ev's components.

Reading a token through spaCy's Python objects (``doc[i]``, iterating a Doc or a Span,
``token.children``, ``token.sent``) creates a ``Token`` or a ``Span`` object each time,
and ``token.sent`` looks for the sentence's bounds anew at each call: the rules did so
for every token of an article, for every rule. :class:`DocIndex` holds, for token ``i``,
its lower-case form, its lower-case lemma, its part of speech, its dependency label, its
head, its children and the bounds of its sentence, as plain Python lists; the rules first
narrow on it which tokens to read as ``Token`` objects.

A component calls :func:`doc_index` with ``refresh=True`` once at its start (a component
before it may have changed the Doc: the index is read anew if so), and helpers read the
same index with :func:`doc_index` (no refresh). The index reads the parse as it is: it is no cache of
anything a component changes (entities, ``doc._`` attributes).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property
from typing import Any, cast

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.tokens import Doc, Token

__all__ = ["DocIndex", "doc_index", "doc_attribute", "token_texts", "sentence_start", "sentence_end"]

_KEY = "kg_ev.doc_index"  # in ``doc.user_data``
_ATTRS = [LOWER, LEMMA, POS, DEP, HEAD, SENT_START]


#: strings by hash, shared by every Doc: a hash names the same string in any StringStore
#: (spaCy's symbols, for POS and DEP, too); emptied when it grows past a bound
_NAMES: dict[int, str] = {}
_LOWERED: dict[int, str] = {}
_BOUND = 1_000_000


def _names(values: list[int], strings, lowered: bool = False) -> list[str]:
    """The strings of hash ``values`` (lower-cased with ``lowered``)."""
    cache = _LOWERED if lowered else _NAMES
    try:
        return list(map(cache.__getitem__, values))
    except KeyError:  # words not met before
        if len(cache) > _BOUND:
            cache.clear()
        for value in set(values).difference(cache):
            cache[value] = strings[value].lower() if lowered else strings[value]
        return list(map(cache.__getitem__, values))


def token_texts(doc: Doc) -> list[str]:
    """``[t.text for t in doc]``, read from the Doc's array (parsed or not)."""
    return _names(doc.to_array([ORTH]).tolist(), doc.vocab.strings)


class DocIndex:
    """Per-token attributes of one Doc as lists indexed by token position. What few rules
    read (dependency labels, heads, children) is read on first use."""

    def __init__(self, doc: Doc, array: numpy.ndarray):
        self.array = array  # what it was read from, to tell whether the Doc changed since
        self._strings = doc.vocab.strings
        n = len(doc)
        #: ``token.lower_``
        self.lower: list[str] = _names(array[:, 0].tolist(), self._strings)
        #: ``token.lemma_.lower()``
        self.lemma: list[str] = _names(array[:, 1].tolist(), self._strings, lowered=True)
        #: ``token.pos_``
        self.pos: list[str] = _names(array[:, 2].tolist(), self._strings)
        # sentences: a start is flagged 1 (the first token always starts one)
        flags = array[:, 5] == 1
        if n:
            flags[0] = True
        firsts = numpy.flatnonzero(flags)
        sentence = numpy.cumsum(flags) - 1
        #: the first token of each sentence (``[s.start for s in doc.sents]``)
        self.starts: list[int] = firsts.tolist()
        #: ``token.sent.start`` and ``token.sent.end``
        self.sent_start: list[int] = firsts[sentence].tolist()
        self.sent_end: list[int] = numpy.append(firsts[1:], n)[sentence].tolist()

    @cached_property
    def dep(self) -> list[str]:
        """``token.dep_``"""
        return _names(self.array[:, 3].tolist(), self._strings)

    @cached_property
    def _heads(self) -> numpy.ndarray:
        return self.array[:, 4].astype(numpy.int64) + numpy.arange(len(self.array))  # spaCy's HEAD: relative, uint64

    @cached_property
    def head(self) -> list[int]:
        """``token.head.i``"""
        return self._heads.tolist()

    @cached_property
    def _children(self) -> tuple[list[int], list[int]]:
        # grouped by head in token order: those of i are order[offsets[i]:offsets[i + 1]]
        heads = self._heads
        order = numpy.argsort(heads, kind="stable")
        order = order[heads[order] != order]  # a root is its own head, no child of itself
        return order.tolist(), numpy.searchsorted(heads[order], numpy.arange(len(heads) + 1)).tolist()

    def children(self, i: int) -> list[int]:
        """``[c.i for c in doc[i].children]``."""
        order, offsets = self._children
        return order[offsets[i]:offsets[i + 1]]

    def sentence(self, i: int) -> int:
        """The index of the sentence of token ``i``."""
        return bisect_right(self.starts, i) - 1


def doc_index(doc: Doc, refresh: bool = False) -> DocIndex:
    """The Doc's index. With ``refresh`` (a component's first call), read anew if the
    Doc's tokens, parse or sentences changed since it was built (a few microseconds when
    they did not); else the one built last (built the first time)."""
    index = doc.user_data.get(_KEY)
    if index is not None and not refresh:
        return index
    array = doc.to_array(_ATTRS)
    if index is None or not numpy.array_equal(index.array, array):
        index = doc.user_data[_KEY] = DocIndex(doc, array)
    return index


def sentence_start(token: Token) -> int:
    """``token.sent.start``, read from the index."""
    return doc_index(token.doc).sent_start[token.i]


def sentence_end(token: Token) -> int:
    """``token.sent.end``, read from the index."""
    return doc_index(token.doc).sent_end[token.i]


def doc_attribute(doc: Doc, name: str):
    """``doc._.<name>`` for one of kg_ev's own Doc attributes (registered with the default
    None by :mod:`kg_ev.nlp.components`), read where spaCy keeps it, without the
    ``Underscore`` object that ``doc._`` creates at each access: for the helpers the rules
    call thousands of times per article (:func:`~kg_ev.nlp.mentions.mention_at`)."""
    data = cast("dict[tuple[str, str, None, None], Any]", doc.user_data)  # spaCy types its keys as str
    return data.get(("._.", name, None, None))
