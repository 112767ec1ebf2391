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

from dataclasses import dataclass
from itertools import groupby
from typing import Literal, cast, get_args

from rdflib import Dataset, Graph

from .article import check_date
from .namespace import SYMMETRIC
from .tables import ClaimRecord
from .tables import claims as claim_records

__all__ = ["Fact", "facts", "standing_of", "Standing", "STANDINGS", "FACT_FIELDS"]

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
    claims: tuple[ClaimRecord, ...]  # claim records (kg_ev.tables.claims), oldest article first
    standing: Standing
    since: str | None  # the article date from which the standing holds
    history: tuple[tuple[str | None, Standing], ...]  # (date, standing) at each change

    @property
    def labels(self) -> tuple[str | None, str, str | None]:
        return self.subject_label, self.predicate, self.object_label

    @property
    def sources(self) -> list[str]:
        return sorted({label for claim in self.claims for label in claim["source_labels"]})

    def as_record(self) -> dict:
        return {"subject": self.subject, "subject_label": self.subject_label, "predicate": self.predicate,
                "object": self.object, "object_label": self.object_label, "standing": self.standing,
                "since": self.since, "history": [list(step) for step in self.history], "sources": self.sources,
                "claims": [c["iri"] for c in self.claims]}


def standing_of(claims: list[ClaimRecord]) -> Standing:
    """The standing the given claims give a fact (the rule of the module docstring)."""
    said = sorted((c for c in claims if c["status"] in {"confirmed", "denied"}),
                  key=lambda c: (c["date"] or "", c["status"] == "denied"))
    if said:
        return cast(Standing, said[-1]["status"])
    if any(c["status"] == "asserted" for c in claims):
        return "asserted"
    named = {s for c in claims if c["status"] in {"rumoured", "reported"} for s in c["sources"]}
    if len(named) >= 2:
        return "corroborated"
    if any(c["status"] == "reported" for c in claims):
        return "reported"
    return "rumoured"


def _key(claim: ClaimRecord) -> tuple[str, str, str]:
    s, p, o = claim["subject"], claim["predicate"], claim["object"]
    if p in SYMMETRIC and o < s:
        s, o = o, s
    return s, p, o


def facts(graph: Graph | Dataset, *, at: str | None = None) -> list[Fact]:
    """The facts of a graph, as believed from the articles dated up to ``at`` (YYYY,
    YYYY-MM or YYYY-MM-DD; articles without a date are then left out), or from all of
    them. Sorted by subject, predicate, object."""
    if at is not None:
        check_date(at)
    records = claim_records(graph)
    if at is not None:
        records = [c for c in records if c["date"] is not None and c["date"] <= at]
    by_fact: dict[tuple[str, str, str], list[ClaimRecord]] = {}
    for claim in records:
        by_fact.setdefault(_key(claim), []).append(claim)
    found = []
    for (s, p, o), group in sorted(by_fact.items()):
        group.sort(key=lambda c: (c["date"] or "", c["article"] or "", c["start"] or 0))
        history: list[tuple[str | None, Standing]] = []
        seen: list[ClaimRecord] = []
        for date, same_date in groupby(group, key=lambda c: c["date"]):
            seen.extend(same_date)
            standing = standing_of(seen)
            if not history or history[-1][1] != standing:
                history.append((date, standing))
        first = next((c for c in group if c["subject"] == s), group[0])
        subject_label = first["subject_label"] if first["subject"] == s else first["object_label"]
        object_label = first["object_label"] if first["subject"] == s else first["subject_label"]
        found.append(Fact(s, p, o, subject_label, object_label, tuple(group), history[-1][1], history[-1][0],
                          tuple(history)))
    return found
