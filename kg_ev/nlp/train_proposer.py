"""Train the relation proposer (:mod:`kg_ev.nlp.relation_proposer`) on annotated articles.

    python -m kg_ev.nlp.train_proposer corpus/real:corpus/real/gold.jsonl [corpus/dev:corpus/dev/gold.jsonl] \\
        [--out kg_ev/rules/fr/relation_proposer.json] [--folds 5] [--min-added-precision 0.7]

Each ``FOLDER:GOLD`` pair is a folder of ``ID.txt`` articles and its gold annotations
(``corpus/GOLD-FORMAT.md``). The pipeline runs up to the rules (the proposer and
attribution off); every pair of entity mentions of a sentence whose types fit a
predicate, and that the rules did not relate, is a candidate, positive when the article's
gold has that relation between the two entities (matched as the evaluation matches
them; a symmetric predicate in either direction). One logistic regression (scikit-learn,
the ``[train]`` extra) per predicate with at least ``--min-positives`` positives is
scored by cross-validation over articles (an article is never scored by a model that saw
it). The rules' relations plus the candidates above a threshold are scored as
``kg-ev evaluate`` scores relations (distinct triples per article, each gold relation
matched once); the threshold is the one of best cross-validated F1 whose added relations
have a precision of at least ``--min-added-precision`` and whose overall precision is not
below the rules' own. The models fitted on every article are written as JSON weights
(with ``--out``). The threshold chosen this way has seen the articles it is scored on, so a
nested cross-validation (each fold's threshold chosen on the other folds only) gives the
figure that decides: ship the file only when its F1 gains with precision held. Deterministic: same
articles, same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from ..article import read_article
from . import load_pipeline
from .relation_proposer import ENTITY_PREDICATES, candidates
from .relations import SYMMETRIC
from .train_filter import _gold_lines, _labels

__all__ = ["collect", "score", "main", "cue_lemmas"]


def cue_lemmas(relation_rules: dict) -> dict[str, set[str]]:
    """Lemma → the predicates whose rules it cues."""
    found: dict[str, set[str]] = {}
    for rule in relation_rules["rules"]:
        for lemma in rule.get("lemmas", ()):
            found.setdefault(lemma, set()).add(rule["predicate"])
    return found


def _plain(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def in_evidence(sentence: str, evidence: str) -> bool:
    """Whether a sentence is where the annotator read a relation: its evidence's longest
    fragment (fragments are cut by '...') is in the sentence, or the sentence in it."""
    fragments = [_plain(f) for f in evidence.replace("…", "...").split("...")]
    longest = max(fragments, key=len, default="")
    sentence = _plain(sentence)
    return bool(longest) and (longest in sentence or len(sentence) > 20 and sentence in longest)


def _canonical(s: str, p: str, o: str) -> tuple[str, str, str]:
    return (o, p, s) if p in SYMMETRIC and o < s else (s, p, o)


def collect(sets: list[tuple[Path, Path]], nlp=None) -> tuple[list[dict], dict[str, dict]]:
    """The candidates (article, predicate, triple, gold relation index or None, features)
    and, by article, the rules' own triples with their gold index and the gold count."""
    from ..resources import rules as rule_file

    nlp = nlp or load_pipeline("fr")
    relation_rules = nlp.get_pipe("kg_ev_relations")
    cues = cue_lemmas(rule_file("fr", "relations"))
    disabled = [name for name in ("kg_ev_relation_proposer", "kg_ev_attribution") if name in nlp.pipe_names]
    examples: list[dict] = []
    articles: dict[str, dict] = {}
    with nlp.select_pipes(disable=disabled):
        for folder, gold_path in sets:
            for gold in _gold_lines(gold_path):
                path = folder / f"{gold['id']}.txt"
                if not path.is_file() or gold.get("lang", "fr") != "fr":
                    continue
                article = f"{folder.name}/{gold['id']}"
                doc = nlp(read_article(path).text)
                match = _labels(doc, gold)
                triples: dict[tuple, int | None] = {}
                for r in doc._.kg_relations:
                    triple = _canonical(r.subject, r.predicate, r.object) if not r.object_is_phrase else (
                        r.subject, r.predicate, '"' + r.object)
                    if triple not in triples or triples[triple] is None:
                        triples[triple] = match(r.subject, r.predicate, r.object, r.object_is_phrase)
                articles[article] = {"rules": triples, "gold_count": len(gold.get("relations", []))}
                for c in candidates(doc, relation_rules, cues):
                    hit = match(c.subject, c.predicate, c.object, False)
                    evidence = hit is not None and in_evidence(doc[c.sentence].sent.text,
                                                               gold["relations"][hit].get("evidence", ""))
                    examples.append({"article": article, "predicate": c.predicate,
                                     "triple": _canonical(c.subject, c.predicate, c.object),
                                     "gold": hit, "evidence": evidence, "features": c.features})
    return examples, articles


def score(articles: dict[str, dict], examples: list[dict], probabilities, thresholds: dict[str, float]) -> dict:
    """Relation P/R/F1 of the rules plus the candidates at or above their predicate's
    threshold, counted as the evaluation counts them, with the added relations' own
    counts (overall and by predicate)."""
    added: dict[str, dict[tuple, int | None]] = {}
    for example, p in zip(examples, probabilities):
        if p >= thresholds.get(example["predicate"], 2.0) and example["triple"] not in articles[example["article"]]["rules"]:
            seen = added.setdefault(example["article"], {})
            if seen.get(example["triple"]) is None:
                seen[example["triple"]] = example["gold"]
    tp = fp = gold = add_tp = add_fp = 0
    by_predicate: Counter = Counter()
    for article, data in articles.items():
        gold += data["gold_count"]
        matched = {g for g in data["rules"].values() if g is not None}
        tp_rules = len(matched)
        fp += len(data["rules"]) - tp_rules
        for (_, predicate, _), g in sorted(added.get(article, {}).items(), key=lambda item: item[0]):
            if g is not None and g not in matched:
                matched.add(g)
                add_tp += 1
                by_predicate[(predicate, "tp")] += 1
            else:
                add_fp += 1
                by_predicate[(predicate, "fp")] += 1
        tp += len(matched)
    fp += add_fp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": gold - tp,
            "added_tp": add_tp, "added_fp": add_fp,
            "added_precision": add_tp / (add_tp + add_fp) if add_tp + add_fp else 1.0,
            "by_predicate": {p: (by_predicate[(p, "tp")], by_predicate[(p, "fp")])
                             for p in sorted({p for p, _ in by_predicate})}}


def _line(name: str, s: dict) -> str:
    return (f"{name:<34} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
            f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']}; added {s['added_tp']} right, {s['added_fp']} wrong)")


def _fit(examples: list[dict], rows: list[int], predicates, C: float, evidence_only: bool) -> dict[str, tuple]:
    """One logistic regression per predicate over the examples ``rows``: predicate →
    (vectorizer, model, candidates, positives)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    fitted = {}
    for predicate in predicates:
        mine = [i for i in rows if examples[i]["predicate"] == predicate
                and not (evidence_only and examples[i]["gold"] is not None and not examples[i]["evidence"])]
        y = [examples[i]["gold"] is not None for i in mine]
        if len(set(y)) < 2:
            continue
        vectorizer = DictVectorizer(sort=True)
        X = vectorizer.fit_transform([examples[i]["features"] for i in mine])
        fitted[predicate] = (vectorizer, LogisticRegression(C=C, max_iter=5000).fit(X, y), len(mine), sum(y))
    return fitted


def _predict(fitted: dict[str, tuple], examples: list[dict], rows: list[int], into: list[float]) -> None:
    for predicate, (vectorizer, model, _, _) in fitted.items():
        mine = [i for i in rows if examples[i]["predicate"] == predicate]
        if mine:
            X = vectorizer.transform([examples[i]["features"] for i in mine])
            for i, p in zip(mine, model.predict_proba(X)[:, 1]):
                into[i] = float(p)


def _held_out(examples, names, predicates, folds, C, evidence_only) -> list[float]:
    """Each candidate's probability from the models fitted on the other folds of articles."""
    from sklearn.model_selection import GroupKFold

    held = [0.0] * len(examples)
    groups = [names.index(e["article"]) for e in examples]
    index = list(range(len(examples)))
    for train, test in GroupKFold(n_splits=folds).split(index, index, groups):
        _predict(_fit(examples, list(train), predicates, C, evidence_only), examples, list(test), held)
    return held


def _choose(articles, examples, held, predicates, min_added_precision) -> tuple[float, dict] | None:
    """The threshold of best F1 whose added relations keep ``min_added_precision`` and whose
    overall precision is not below the rules' own; None when none does."""
    base = score(articles, examples, held, {})
    best = None
    for step in range(5, 100):
        t = step / 100
        s = score(articles, examples, held, {p: t for p in predicates})
        if s["added_tp"] + s["added_fp"] and s["added_precision"] >= min_added_precision and (
                s["precision"] >= base["precision"]) and (best is None or s["f1"] > best[1]["f1"]):
            best = (t, s)
    return best


def _nested(articles, examples, names, predicates, folds, C, evidence_only, min_added_precision) -> dict:
    """Relations of rules + proposer where each fold's threshold is chosen by an inner
    cross-validation on the other folds only: no choice sees the articles it is scored on."""
    from sklearn.model_selection import GroupKFold

    decided = [0.0] * len(examples)
    order = list(range(len(names)))
    chosen = []
    for train, test in GroupKFold(n_splits=folds).split(order, order, order):
        inner_names = [names[k] for k in train]
        inner = {n: articles[n] for n in inner_names}
        rows = [i for i, e in enumerate(examples) if e["article"] in inner]
        sub = [examples[i] for i in rows]
        held = _held_out(sub, inner_names, predicates, min(folds, len(inner_names)), C, evidence_only)
        best = _choose(inner, sub, held, predicates, min_added_precision)
        chosen.append(best[0] if best else None)
        if best is None or best[1]["f1"] <= score(inner, sub, held, {})["f1"]:
            continue  # this fold would ship nothing
        outer = {names[k] for k in test}
        probabilities = [0.0] * len(examples)
        test_rows = [i for i, e in enumerate(examples) if e["article"] in outer]
        _predict(_fit(examples, rows, predicates, C, evidence_only), examples, test_rows, probabilities)
        for i in test_rows:
            decided[i] = 1.0 if probabilities[i] >= best[0] else 0.0
    result = score(articles, examples, decided, {p: 0.5 for p in predicates})
    result["thresholds"] = chosen
    return result


def main(argv: list[str] | None = None) -> int:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("error: training needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(prog="python -m kg_ev.nlp.train_proposer", description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", metavar="FOLDER:GOLD")
    parser.add_argument("--out", type=Path, help="write the model here (ship it only when the nested CV F1 gains)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-added-precision", type=float, default=0.70)
    parser.add_argument("--min-positives", type=int, default=15, help="positives a predicate needs to get a model")
    parser.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--evidence-only", action="store_true",
                        help="train only on the positives whose sentence holds the gold evidence")
    parser.add_argument("--no-nested", action="store_true", help="skip the nested cross-validation (faster)")
    parser.add_argument("--examples", type=Path, help="read the candidates from / save them to this JSON file")
    args = parser.parse_args(argv)
    sets = []
    for item in args.sets:
        folder, _, gold = item.partition(":")
        sets.append((Path(folder), Path(gold)))
    if args.examples and args.examples.is_file():
        saved = json.loads(args.examples.read_text(encoding="utf-8"))
        examples = [{**e, "triple": tuple(e["triple"])} for e in saved["examples"]]
        articles = {a: {"rules": {tuple(t.split("\t")): g for t, g in d["rules"]}, "gold_count": d["gold_count"]}
                    for a, d in saved["articles"].items()}
    else:
        examples, articles = collect(sets)
        if args.examples:
            args.examples.write_text(json.dumps({
                "examples": examples,
                "articles": {a: {"rules": [["\t".join(t), g] for t, g in d["rules"].items()], "gold_count": d["gold_count"]}
                             for a, d in articles.items()}}), encoding="utf-8")
    names = sorted(articles)
    positives = Counter(e["predicate"] for e in examples if e["gold"] is not None)
    counts = Counter(e["predicate"] for e in examples)
    print(f"{len(examples)} candidates from {len(names)} articles; positives by predicate: "
          + ", ".join(f"{p} {positives[p]}/{counts[p]}" for p in ENTITY_PREDICATES if counts[p]))
    predicates = [p for p in ENTITY_PREDICATES if positives[p] >= args.min_positives]
    folds = min(args.folds, len(names))
    held = _held_out(examples, names, predicates, folds, args.C, args.evidence_only) if predicates else [0.0] * len(examples)
    base = score(articles, examples, held, {})
    print(_line("rules alone", base))
    best = _choose(articles, examples, held, predicates, args.min_added_precision)
    if best is None:
        print("no threshold keeps the added relations' precision and the rules' precision")
        threshold, s = 1.0, base
    else:
        threshold, s = best
        print(_line(f"rules + proposer, {folds}-fold CV, t={threshold:.2f}", s))
        for predicate, (right, wrong) in s["by_predicate"].items():
            print(f"  added {predicate:<16} {right:>3} right {wrong:>3} wrong")
    nested = None
    if not args.no_nested and predicates:
        nested = _nested(articles, examples, names, predicates, folds, args.C, args.evidence_only,
                         args.min_added_precision)
        print(_line("nested CV (threshold chosen inside)", nested))
        for predicate, (right, wrong) in nested["by_predicate"].items():
            print(f"  added {predicate:<16} {right:>3} right {wrong:>3} wrong")
    gains = best is not None and s["f1"] > base["f1"] and (nested is None or (
        nested["f1"] > base["f1"] and nested["precision"] >= base["precision"]))
    print("verdict: " + ("the proposer gains F1 with precision held" if gains else
                         "no F1 gain with precision held: do not ship a model"))
    if args.out:
        parts = {}
        for predicate, (vectorizer, model, rows, positive) in _fit(examples, list(range(len(examples))), predicates,
                                                                    args.C, args.evidence_only).items():
            weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0])
                       if abs(w) >= 1e-4}
            weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
            parts[predicate] = {"examples": [rows, positive], "weights": dict(sorted(weights.items()))}

        def figures(x: dict) -> list[float]:
            return [round(x[k], 3) for k in ("precision", "recall", "f1")]

        data = {
            "_comment": "Weights of the relation proposer (kg_ev/nlp/relation_proposer.py), written by "
                        "python -m kg_ev.nlp.train_proposer; do not edit by hand.",
            "threshold": threshold,
            "trained_on": {"articles": len(names), "candidates": len(examples), "sets": [str(g) for _, g in sets]},
            "cross_validation": {"folds": folds, "rules_alone": figures(base), "with_proposer": figures(s),
                                 "added": [s["added_tp"], s["added_fp"]],
                                 "nested": figures(nested) if nested else None, "gains": gains},
            "predicates": parts,
        }
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({sum(len(p['weights']) for p in parts.values())} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
