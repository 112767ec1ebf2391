"""Facts: what the claims of many articles say about one relation, and its standing
over time.

A fact is one (subject, predicate, object) — either way round for the symmetric
predicates — with every claim that states it, each keeping its own article, date,
status and sources. Its **standing** on a date is derived from the claims of articles
dated up to then (docs/model.md, "Facts and standing"):

1. a party's word settles it: ``confirmed`` or ``denied``, whichever a party said last
   (on the same date, ``denied``);
2. else ``asserted`` if an article states it in its own voice;
3. else ``corroborated`` if two or more independent named sources report it (rumoured or
   reported);
4. else ``reported`` if one named source reports it;
5. else ``rumoured``.

>>> from kg_ev.building import build
>>> graph = build(["corpus/dev/dev01-baidu-geely-rumeur.txt", "corpus/dev/dev02-jidu-creation.txt"]).dataset
>>> fact = next(f for f in facts(graph) if f.labels == ("Baidu", "partnersWith", "Geely"))
>>> fact.history
(('2021-01', 'rumoured'), ('2021-03', 'confirmed'))
>>> fact.standing, fact.since
('confirmed', '2021-03')
>>> next(f for f in facts(graph, at="2021-02-15") if f.labels == ("Baidu", "partnersWith", "Geely")).standing
'rumoured'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from rdflib import Dataset, Graph

from .article import check_date
from .errors import KgEvError
from .namespace import PREDICATES, SYMMETRIC, check_choice
from .tables import ClaimRecord
from .tables import claims as claim_records

__all__ = ["Fact", "facts", "derive", "standing_of", "history_of", "tallies_of", "Standing", "STANDINGS", "FACT_FIELDS"]

#: Standings, strongest first.
Standing = Literal["denied", "confirmed", "asserted", "corroborated", "reported", "rumoured"]
STANDINGS: tuple[Standing, ...] = get_args(Standing)
FACT_FIELDS = ("subject", "subject_label", "predicate", "object", "object_label", "standing", "since",
               "history", "sources", "claims")


@dataclass(frozen=True)
class Fact:
    """One relation across articles, with its claims and its standing."""

    subject: str
    predicate: str
    object: str
    subject_label: str | None
    object_label: str | None
    claim_count: int  # how many claims state it
    source_labels: tuple[str, ...]  # the named sources of its claims, sorted
    standing: Standing
    since: str | None  # the article date from which the standing holds
    history: tuple[tuple[str | None, Standing], ...]  # (date, standing) at each change
    graph: Graph | Dataset | None = field(default=None, repr=False, compare=False)
    _iris: list[str] = field(default_factory=list, repr=False, compare=False)
    _records: list = field(default_factory=list, repr=False, compare=False)
    #: reads the claim IRIs of every fact of the same answer, in one scan of the store
    _load_iris: Callable[[], None] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def _kept(cls, subject: str, predicate: str, obj: str, subject_label: str | None, object_label: str | None,
              claim_count: int, source_labels: tuple[str, ...], history: tuple, graph,
              load_iris: Callable[[], None]) -> "Fact":
        """A fact as a store keeps it (:func:`kg_ev.ledger.read`), its claim IRIs read by
        ``load_iris`` when asked. Made without the frozen dataclass's field-by-field
        ``__init__``: an answer at a million claims makes a quarter of a million."""
        fact = cls.__new__(cls)
        fact.__dict__.update(subject=subject, predicate=predicate, object=obj, subject_label=subject_label,
                             object_label=object_label, claim_count=claim_count, source_labels=source_labels,
                             standing=history[-1][1], since=history[-1][0], history=history, graph=graph,
                             _iris=[], _records=[], _load_iris=load_iris)
        return fact

    @property
    def claim_iris(self) -> tuple[str, ...]:
        """The IRIs of its claims, oldest article first (from a store that keeps its facts,
        read when first asked, for all the facts of the same answer at once)."""
        if len(self._iris) < self.claim_count and self._load_iris is not None:
            self._load_iris()
        return tuple(self._iris)

    @property
    def labels(self) -> tuple[str | None, str, str | None]:
        return self.subject_label, self.predicate, self.object_label

    @property
    def sources(self) -> list[str]:
        return list(self.source_labels)

    @property
    def claims(self) -> tuple[ClaimRecord, ...]:
        """Its claim records (:func:`kg_ev.tables.claims`), oldest article first; read
        from the graph when first asked."""
        if not self._records and self.claim_iris and self.graph is not None:
            from .tables import claims_of

            self._records.extend(claims_of(self.graph, self.claim_iris))
        return tuple(self._records)

    def as_record(self, *, claims: bool = True) -> dict:
        """A plain dict (what ``kg-ev facts`` prints): its claims as IRIs, or as their
        number with ``claims=False`` (not read from a store then)."""
        return {"subject": self.subject, "subject_label": self.subject_label, "predicate": self.predicate,
                "object": self.object, "object_label": self.object_label, "standing": self.standing,
                "since": self.since, "history": [list(step) for step in self.history], "sources": self.sources,
                "claims": list(self.claim_iris) if claims else self.claim_count}


def history_of(tallies: Mapping[tuple[str | None, str, str | None], int]) -> list[tuple[str | None, Standing]]:
    """A fact's (date, standing) at each change, from its claims counted by (date,
    status, named source or None): the rule of the module docstring applied to the
    claims of each date and the dates before. What the standing needs of the claims is
    these counts alone, so a store keeps them (:mod:`kg_ev.ledger`) rather than replay
    every claim."""
    by_date: dict[str | None, list[tuple[str, str | None]]] = {}
    for (date, status, source), count in tallies.items():
        if count > 0:
            by_date.setdefault(date, []).append((status, source))
    said: tuple[str, bool] | None = None  # the last party statement: (date, denied)
    asserted = reported = False
    named: set[str] = set()
    history: list[tuple[str | None, Standing]] = []
    for date in sorted(by_date, key=lambda d: (d is not None, d or "")):
        for status, source in by_date[date]:
            if status in {"confirmed", "denied"} and source is None:
                said = max(said or ("", False), (date or "", status == "denied"))
            elif status == "asserted":
                asserted = True
            elif status in {"rumoured", "reported"}:
                reported |= status == "reported"
                if source is not None:
                    named.add(source)
        standing: Standing
        if said is not None:
            standing = "denied" if said[1] else "confirmed"
        elif asserted:
            standing = "asserted"
        elif len(named) >= 2:
            standing = "corroborated"
        elif reported:
            standing = "reported"
        else:
            standing = "rumoured"
        if not history or history[-1][1] != standing:
            history.append((date, standing))
    return history


def tallies_of(claims: Iterable[Mapping]) -> dict[tuple[str | None, str, str | None], int]:
    """Claims (dicts with ``date``, ``status`` and ``sources``) counted as
    :func:`history_of` takes them."""
    counted: dict[tuple[str | None, str, str | None], int] = {}
    for claim in claims:
        for source in [None, *dict.fromkeys(claim["sources"])]:
            key = (claim["date"], claim["status"], source)
            counted[key] = counted.get(key, 0) + 1
    return counted


def standing_of(claims: list[ClaimRecord]) -> Standing:
    """The standing the given claims give a fact (the rule of the module docstring)."""
    return history_of(tallies_of(claims))[-1][1]


def _key(claim: ClaimRecord) -> tuple[str, str, str]:
    s, p, o = claim["subject"], claim["predicate"], claim["object"]
    if p in SYMMETRIC and o < s:
        s, o = o, s
    return s, p, o


def facts(graph: Graph | Dataset, *, at: str | None = None, standing: Standing | None = None,
          subject: str | None = None, predicate: str | None = None, limit: int | None = None,
          offset: int = 0) -> list[Fact]:
    """The facts of a graph, as believed from the articles dated up to ``at`` (YYYY,
    YYYY-MM or YYYY-MM-DD; articles without a date are then left out), or from all of
    them. Sorted by subject, predicate, object; ``standing`` (on that date), ``subject``
    (an entity's IRI or label, either end of a symmetric relation) and ``predicate``
    keep some; ``offset`` and ``limit`` give one page of what is kept.

    An embedded store answers from the facts it keeps (:mod:`kg_ev.ledger`), the query
    filtered and paged in the store; any other graph derives them from its claims."""
    if at is not None:
        check_date(at)
    if standing is not None:
        check_choice("standing", standing, STANDINGS)
    if predicate is not None:
        check_choice("predicate", predicate, PREDICATES)
    if limit is not None and limit < 0 or offset < 0:
        raise KgEvError("limit and offset cannot be negative")
    from .ledger import read, keeps_facts

    if keeps_facts(graph):
        return read(graph, at=at, standing=standing, subject=subject, predicate=predicate, limit=limit,
                    offset=offset)
    found = [f for f in derive(graph, at=at)
             if (standing is None or f.standing == standing) and (predicate is None or f.predicate == predicate)
             and (subject is None or subject in (f.subject, f.subject_label)
                  or f.predicate in SYMMETRIC and subject in (f.object, f.object_label))]
    return found[offset:None if limit is None else offset + limit]


def derive(graph: Graph | Dataset, *, at: str | None = None) -> list[Fact]:
    """The facts of a graph computed from all its claims (what a store's kept facts
    must equal)."""
    records = claim_records(graph)
    if at is not None:
        records = [c for c in records if c["date"] is not None and c["date"] <= at]
    by_fact: dict[tuple[str, str, str], list[ClaimRecord]] = {}
    for claim in records:
        by_fact.setdefault(_key(claim), []).append(claim)
    found = []
    for (s, p, o), group in sorted(by_fact.items()):
        group.sort(key=lambda c: (c["date"] or "", c["article"] or "", c["start"] or 0))
        history = history_of(tallies_of(group))
        first = next((c for c in group if c["subject"] == s), group[0])
        subject_label = first["subject_label"] if first["subject"] == s else first["object_label"]
        object_label = first["object_label"] if first["subject"] == s else first["subject_label"]
        sources = tuple(sorted({label for claim in group for label in claim["source_labels"]}))
        found.append(Fact(s, p, o, subject_label, object_label, len(group), sources, history[-1][1],
                          history[-1][0], tuple(history), graph, [c["iri"] for c in group], list(group)))
    return found
