"""Score extraction against gold annotations, as ``corpus/GOLD-FORMAT.md`` defines.

The pipeline builds each article's graph; its entities and claims are read back with
:func:`kg_ev.tables.entities` and :func:`kg_ev.tables.claims` (what ``kg-ev entities``
and ``kg-ev claims`` print) and compared with the gold:

- entity precision / recall / F1 (label or alias equal after normalisation, same type,
  each gold entity matched once);
- relation precision / recall / F1 over distinct (subject, predicate, object) per
  article, symmetric predicates in either direction, quoted phrases by overlap;
- status and source accuracy on matched relations.

>>> normalise("L’agence de presse")
'agence de presse'
>>> normalise("États-Unis")
'etats unis'
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .article import read_article
from .building import build
from .errors import ArticleError, KgEvError
from .nlp.relations import SYMMETRIC
from .tables import claims as claim_records
from .tables import entities as entity_records

__all__ = ["normalise", "Score", "EvaluationReport", "evaluate", "score_article", "format_report"]

_ARTICLES = {"le", "la", "les", "l", "the"}


def normalise(label: str) -> str:
    """NFKD without accents, lower case, punctuation to spaces, no leading article."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\W_]+", " ", text).strip()
    words = text.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


@dataclass
class Score:
    """Counts and the precision, recall and F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class ArticleResult:
    id: str
    entities: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    status_ok: int = 0
    source_ok: int = 0
    matched: int = 0
    errors: list[str] = field(default_factory=list)  # details: FP, FN, wrong status/source
    failure: str | None = None


@dataclass
class EvaluationReport:
    articles: list[ArticleResult]

    def total(self, what: str) -> Score:
        score = Score()
        for article in self.articles:
            score.add(getattr(article, what))
        return score

    @property
    def matched(self) -> int:
        return sum(a.matched for a in self.articles)

    @property
    def status_accuracy(self) -> float:
        return sum(a.status_ok for a in self.articles) / self.matched if self.matched else 0.0

    @property
    def source_accuracy(self) -> float:
        return sum(a.source_ok for a in self.articles) / self.matched if self.matched else 0.0

    def as_dict(self, *, details: bool = False) -> dict:
        def score(s: Score) -> dict:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                    "tp": s.tp, "fp": s.fp, "fn": s.fn}

        data = {
            "articles": len(self.articles),
            "entities": score(self.total("entities")),
            "relations": score(self.total("relations")),
            "status_accuracy": {"accuracy": round(self.status_accuracy, 4),
                                "correct": sum(a.status_ok for a in self.articles), "matched": self.matched},
            "source_accuracy": {"accuracy": round(self.source_accuracy, 4),
                                "correct": sum(a.source_ok for a in self.articles), "matched": self.matched},
            "failures": {a.id: a.failure for a in self.articles if a.failure},
        }
        if details:
            data["details"] = {a.id: a.errors for a in self.articles}
        return data


# -- matching ---------------------------------------------------------------------------
def _forms(name: str, aliases) -> set[str]:
    return {normalise(x) for x in [name, *aliases] if normalise(x)}


def _match_entities(predicted: Sequence[Mapping], gold: list[dict]) -> tuple[dict[int, int], Score]:
    """Predicted index → gold index; an exact label match is taken first."""
    pforms = [_forms(p["label"] or "", p["aliases"]) for p in predicted]
    gforms = [_forms(g["name"], g.get("aliases", [])) for g in gold]
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for i, p in enumerate(predicted):
            if i in pairs:
                continue
            for j, g in enumerate(gold):
                if j in used or p["type"] != g["type"]:
                    continue
                hit = normalise(p["label"] or "") == normalise(g["name"]) if exact else bool(pforms[i] & gforms[j])
                if hit:
                    pairs[i] = j
                    used.add(j)
                    break
    return pairs, Score(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))


def _phrase_match(predicted: str, phrase: str) -> bool:
    p, g = normalise(predicted), normalise(phrase)
    if not p or not g:
        return False
    if g in p or p in g:
        return True
    gw, pw = g.split(), set(p.split())
    return sum(w in pw for w in gw) * 2 >= len(gw)


def score_article(article_id: str, gold: dict, entities: Sequence[Mapping], claims: Sequence[Mapping]) -> ArticleResult:
    """Score one article's predicted entity and claim records against its gold line."""
    result = ArticleResult(article_id)
    gold_entities = gold.get("entities", [])
    pairs, result.entities = _match_entities(entities, gold_entities)
    for i, p in enumerate(entities):
        if i not in pairs:
            result.errors.append(f"entity FP: {p['label']} ({p['type']})")
    for j, g in enumerate(gold_entities):
        if j not in pairs.values():
            result.errors.append(f"entity FN: {g['name']} ({g['type']})")

    by_iri = {p["iri"]: i for i, p in enumerate(entities)}
    gold_index = {normalise(g["name"]): j for j, g in enumerate(gold_entities)}
    gforms = [_forms(g["name"], g.get("aliases", [])) for g in gold_entities]

    def gold_of(iri: str) -> int | None:
        i = by_iri.get(iri)
        if i is None:
            return None
        if i in pairs:
            return pairs[i]
        forms = _forms(entities[i]["label"] or "", entities[i]["aliases"])
        return next((j for j, f in enumerate(gforms) if forms & f), None)

    def source_name(iri: str) -> str:
        j = gold_of(iri)
        if j is not None:
            return normalise(gold_entities[j]["name"])
        i = by_iri.get(iri)
        return normalise(entities[i]["label"]) if i is not None else iri

    gold_relations = gold.get("relations", [])
    predicted: dict[tuple, list[Mapping]] = {}
    for claim in claims:
        predicted.setdefault((claim["subject"], claim["predicate"], claim["object"]), []).append(claim)
    matched: dict[int, list[Mapping]] = {}
    for (s, p, o), group in predicted.items():
        s_gold, o_gold = gold_of(s), gold_of(o)
        hit = None
        for k, relation in enumerate(gold_relations):
            if k in matched or relation["p"] != p:
                continue
            gs = gold_index.get(normalise(relation["s"]))
            quoted = relation["o"].startswith('"')
            if quoted:
                ok = s_gold == gs and s_gold is not None and _phrase_match(group[0]["object_label"] or "", relation["o"].strip('"'))
            else:
                go = gold_index.get(normalise(relation["o"]))
                ok = s_gold is not None and o_gold is not None and (
                    (s_gold, o_gold) == (gs, go) or p in SYMMETRIC and (s_gold, o_gold) == (go, gs))
            if ok:
                hit = k
                break
        if hit is None:
            result.relations.fp += 1
            c = group[0]
            result.errors.append(f"relation FP: {c['subject_label']} {p} {c['object_label']} [{c['status']}]"
                                 f" | {c['evidence'][:120] if c['evidence'] else ''}")
        else:
            matched[hit] = group
    result.relations.tp = len(matched)
    result.relations.fn = len(gold_relations) - len(matched)
    for k, relation in enumerate(gold_relations):
        if k not in matched:
            result.errors.append(f"relation FN: {relation['s']} {relation['p']} {relation['o']} [{relation['status']}]"
                                 f" | {relation.get('evidence', '')[:120]}")
            continue
        group = matched[k]
        result.matched += 1
        statuses = {c["status"] for c in group}
        if statuses == {relation["status"]}:
            result.status_ok += 1
        else:
            result.errors.append(f"status: {relation['s']} {relation['p']} {relation['o']}: gold {relation['status']},"
                                 f" got {sorted(statuses)}")
        sources = {source_name(iri) for c in group for iri in c["sources"]}
        gold_sources = {normalise(x) for x in relation.get("sources", [])}
        if sources == gold_sources:
            result.source_ok += 1
        else:
            result.errors.append(f"sources: {relation['s']} {relation['p']} {relation['o']}: gold {sorted(gold_sources)},"
                                 f" got {sorted(sources)}")
    return result


def _missing_texts(folder: Path, count: int) -> str:
    """One line on what to do when none of the annotated texts is in ``folder``."""
    recreate = folder / "recreate.py"
    if recreate.is_file():
        return (f"{folder}: none of the {count} annotated texts is here: re-create them with "
                f"`python3 {recreate}` (from saved search answers; see {folder / 'README.md'})")
    return f"{folder}: none of the {count} annotated articles has its text ID.txt here"


def evaluate(folder: str | Path, gold_path: str | Path, *, nlp=None, only: str | None = None) -> EvaluationReport:
    """Build every article of ``folder`` named in ``gold_path`` and score it.

    ``only``: score just the articles whose id starts with this prefix (a batch, 'b3-').
    When none of the annotated texts is in ``folder`` (the real-article set on a fresh
    clone: its texts are third-party material and never committed), a
    :class:`~kg_ev.errors.KgEvError` says in one line how to re-create them.
    """
    folder, gold_path = Path(folder), Path(gold_path)
    if not folder.is_dir():
        raise KgEvError(f"{folder}: not a folder of articles")
    try:
        lines = gold_path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KgEvError(f"{gold_path}: cannot be read ({exc.strerror})") from None
    golds = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                golds.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise KgEvError(f"{gold_path}:{number}: not JSON ({exc.msg})") from None
    if only is not None:
        golds = [gold for gold in golds if gold["id"].startswith(only)]
        if not golds:
            raise KgEvError(f"{gold_path}: no annotated article id starts with {only!r}")
    if golds and not any((folder / f"{gold['id']}.txt").is_file() for gold in golds):
        raise KgEvError(_missing_texts(folder, len(golds)))
    results = []
    for gold in golds:
        path = folder / f"{gold['id']}.txt"
        try:
            article = read_article(path)
        except ArticleError as exc:
            result = score_article(gold["id"], gold, [], [])
            result.failure = str(exc)
            results.append(result)
            continue
        dataset = build([article], nlp=nlp).dataset
        results.append(score_article(gold["id"], gold, entity_records(dataset), claim_records(dataset)))
    return EvaluationReport(results)


def format_report(report: EvaluationReport, *, details: bool = False) -> str:
    data = report.as_dict()
    lines = [f"articles: {data['articles']}"]
    for name in ("entities", "relations"):
        s = data[name]
        lines.append(f"{name:<10} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                     f"  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    for name in ("status_accuracy", "source_accuracy"):
        s = data[name]
        lines.append(f"{name.replace('_', ' ')}: {s['accuracy']:.3f}  ({s['correct']}/{s['matched']} matched relations)")
    for article_id, failure in data["failures"].items():
        lines.append(f"not built: {article_id}: {failure}")
    if details:
        for article in report.articles:
            lines.append(f"\n== {article.id}")
            lines.extend(f"  {e}" for e in article.errors)
    return "\n".join(lines)
