"""Frozen records between the NLP side and the RDF side.

The extractor produces an :class:`Extraction` from spaCy; the RDF writer turns it into
triples. Neither side imports the other, so each can be tested alone.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Article", "Entity", "AnonymousSource", "Evidence", "Resolution", "Claim", "Run", "Extraction",
    "slugify", "STATUS_PRECEDENCE",
]

#: When one article presents a relation several times, the claim kept is the one whose
#: status comes first here (a party's own word, then a named reporter, then hearsay).
STATUS_PRECEDENCE: tuple[str, ...] = ("denied", "confirmed", "reported", "rumoured", "asserted")


def slugify(text: str) -> str:
    """A stable IRI-safe key for a name.

    >>> slugify("Great Wall Motors")
    'great-wall-motors'
    >>> slugify("Citroën ë-C4")
    'citroen-e-c4'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "u" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Article:
    """A news article: its id, its text (offsets refer to it), its date and language."""

    id: str
    text: str
    date: str | None = None
    lang: str = "fr"
    path: str | None = None


@dataclass(frozen=True)
class Entity:
    """An entity as one article names it."""

    key: str
    label: str
    type: str  # Organization | Person | Place | Product
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True)
class AnonymousSource:
    """Unnamed sources an article cites, e.g. 'trois personnes directement en lien avec l'affaire'."""

    text: str
    kind: str
    count: int | None
    start: int
    end: int


@dataclass(frozen=True)
class Evidence:
    """The sentence a claim is read from, with character offsets into the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Resolution:
    """An argument of a claim that its evidence names by a description or a pronoun ('le
    constructeur', 'elle'), with the earlier mention the coreference resolved it to:
    both with character offsets into the article text, so the claim's provenance covers
    the sentence that names the entity as well as the one that states the fact."""

    role: str  # "subject" | "object"
    text: str
    start: int
    end: int
    antecedent_text: str
    antecedent_start: int
    antecedent_end: int


@dataclass(frozen=True)
class Claim:
    """One relation as one article presents it."""

    subject: str  # entity key
    predicate: str  # local name in the closed set
    object: str  # entity key, or the phrase itself when ``object_is_phrase``
    status: str
    evidence: Evidence
    confidence: float
    object_is_phrase: bool = False
    sources: tuple[str, ...] = ()  # entity keys of named sources
    anonymous_sources: tuple[AnonymousSource, ...] = ()
    unconfirmed_by: tuple[str, ...] = ()  # entity keys of parties that did not confirm
    origin: str = "rules"  # what read it: the rules, or "relation_proposer" (a trained model; see confidence)
    resolutions: tuple[Resolution, ...] = ()  # arguments the evidence names by a description or pronoun


@dataclass(frozen=True)
class Run:
    """The extraction configuration: kg_ev's version and the spaCy model."""

    software_version: str
    model_name: str
    model_version: str


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    run: Run
