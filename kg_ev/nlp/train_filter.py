"""Train the relation filter (:mod:`kg_ev.nlp.relation_filter`) on annotated articles.

    python -m kg_ev.nlp.train_filter corpus/real:corpus/real/gold.jsonl corpus/dev:corpus/dev/gold.jsonl \\
        [--only b1-,b2-] [--out kg_ev/rules/fr/relation_filter.json] [--folds 5] [--min-precision 0.8]

Each ``FOLDER:GOLD`` pair is a folder of ``ID.txt`` articles and its gold annotations
(``corpus/GOLD-FORMAT.md``). The pipeline runs without the filter; every relation
mention the rules read is a training example, positive when its (subject, predicate,
object) is a gold relation of the article (entities matched as the evaluation matches
them). A logistic regression (scikit-learn, the ``[train]`` extra) is scored by
cross-validation over articles (an article's mentions are never scored by a model that
saw it), the threshold is the one that gives the best cross-validated relation F1 with
precision at least ``--min-precision``, and the model fitted on every article is written
as JSON weights. Deterministic: same articles, same file.

Rules are named in the features by :func:`~kg_ev.nlp.relation_filter.rule_signature`
(predicate, parts of speech, first cue), not by their index, so a model stays valid when
rules are added or reordered; a rule it never saw is scored by its other features. To train
on the development batches only and keep the others for a first look:
``--only b1-,b2-,...,b9-`` (``docs/quality.md``, lane-prec, gives the figures and why no model
ships today).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..article import read_article
from ..evaluate import _forms, _match_entities, _phrase_match, normalise
from . import load_pipeline
from ..resources import rules, words
from .relation_filter import features, predicate_votes, rule_signature
from .relations import SYMMETRIC

__all__ = ["collect", "main"]


def _gold_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _labels(doc, gold: dict):
    """A function (subject key, predicate, object, is_phrase) → index of the gold relation
    it is, or None."""
    infos = doc._.kg_entities
    keys = sorted(infos)
    records = [{"label": infos[k].label, "aliases": infos[k].aliases, "type": infos[k].type} for k in keys]
    gold_entities = gold.get("entities", [])
    pairs, _ = _match_entities(records, gold_entities)
    gforms = [_forms(g["name"], g.get("aliases", [])) for g in gold_entities]
    gold_index = {normalise(g["name"]): j for j, g in enumerate(gold_entities)}

    def gold_of(key: str) -> int | None:
        if key not in infos:
            return None
        i = keys.index(key)
        if i in pairs:
            return pairs[i]
        forms = _forms(records[i]["label"], records[i]["aliases"])
        return next((j for j, f in enumerate(gforms) if forms & f), None)

    def match(subject: str, predicate: str, obj: str, is_phrase: bool) -> int | None:
        s = gold_of(subject)
        if s is None:
            return None
        o = None if is_phrase else gold_of(obj)
        for k, relation in enumerate(gold.get("relations", [])):
            if relation["p"] != predicate or gold_index.get(normalise(relation["s"])) is None:
                continue
            gs = gold_index.get(normalise(relation["s"]))
            if relation["o"].startswith('"'):
                if is_phrase and s == gs and _phrase_match(obj, relation["o"].strip('"')):
                    return k
                continue
            go = gold_index.get(normalise(relation["o"]))
            if o is not None and ((s, o) == (gs, go) or predicate in SYMMETRIC and (s, o) == (go, gs)):
                return k
        return None

    return match


def collect(sets: list[tuple[Path, Path]], only: tuple[str, ...] = ()) -> list[dict]:
    """One record per relation mention: article id, features, label, gold relation index."""
    nlp = load_pipeline("fr")
    signatures = [rule_signature(rule) for rule in rules("fr", "relations")["rules"]]
    hedges = words("fr").get("hedge_words", frozenset())
    examples = []
    with nlp.select_pipes(disable=["kg_ev_relation_filter", "kg_ev_attribution"]):
        for folder, gold_path in sets:
            for gold in _gold_lines(gold_path):
                if only and not gold["id"].startswith(only):
                    continue
                path = folder / f"{gold['id']}.txt"
                if not path.is_file() or gold.get("lang", "fr") != "fr":
                    continue
                doc = nlp(read_article(path).text)
                match = _labels(doc, gold)
                relations = doc._.kg_relations
                pairs = predicate_votes(relations)
                for relation in relations:
                    hit = match(relation.subject, relation.predicate, relation.object, relation.object_is_phrase)
                    examples.append({
                        "article": f"{folder.name}/{gold['id']}",
                        "triple": (relation.subject, relation.predicate, relation.object),
                        "features": features(doc, relation, pairs, signatures, hedges),
                        "label": hit is not None,
                        "gold": hit,
                        "gold_count": len(gold.get("relations", [])),
                    })
    return examples


def _scores(examples: list[dict], probabilities, threshold: float) -> tuple[float, float, float]:
    """Relation precision, recall and F1 over articles, as the evaluation counts them:
    distinct triples kept, gold relations found."""
    kept: dict[str, set] = {}
    found: dict[str, set] = {}
    gold_total = {}
    for example, p in zip(examples, probabilities):
        gold_total[example["article"]] = example["gold_count"]
        if p >= threshold:
            kept.setdefault(example["article"], set()).add((example["triple"], example["label"]))
            if example["label"]:
                found.setdefault(example["article"], set()).add(example["gold"])
    predicted = sum(len(v) for v in kept.values())
    true = sum(1 for v in kept.values() for _, label in v if label)
    recalled = sum(len(v) for v in found.values())
    gold = sum(gold_total.values())
    precision = true / predicted if predicted else 0.0
    recall = recalled / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold
    except ImportError:
        print("error: training needs scikit-learn: pip install -e '.[train]'", file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(prog="python -m kg_ev.nlp.train_filter", description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", metavar="FOLDER:GOLD")
    parser.add_argument("--only", default="", help="comma-separated id prefixes to train on (batches: b1-,b2-)")
    parser.add_argument("--out", type=Path, help="write the model here (default: print the cross-validation only)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--min-precision", type=float, default=0.8)
    parser.add_argument("--C", type=float, default=0.5, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    sets = []
    for item in args.sets:
        folder, _, gold = item.partition(":")
        sets.append((Path(folder), Path(gold)))
    only = tuple(p for p in args.only.split(",") if p)
    examples = collect(sets, only)
    articles = sorted({e["article"] for e in examples})
    print(f"{len(examples)} relation mentions from {len(articles)} articles, "
          f"{sum(e['label'] for e in examples)} of them gold relations")

    def model():
        return LogisticRegression(C=args.C, max_iter=2000, class_weight=None)

    vectorizer = DictVectorizer(sort=True)
    X = vectorizer.fit_transform([e["features"] for e in examples])
    y = [e["label"] for e in examples]
    groups = [articles.index(e["article"]) for e in examples]
    held_out = [0.0] * len(examples)
    for train, test in GroupKFold(n_splits=min(args.folds, len(articles))).split(X, y, groups):
        fitted = model().fit(X[train], [y[i] for i in train])
        for i, p in zip(test, fitted.predict_proba(X[test])[:, 1]):
            held_out[i] = float(p)
    base = _scores(examples, [1.0] * len(examples), 0.5)
    print(f"rules alone:           P {base[0]:.3f}  R {base[1]:.3f}  F1 {base[2]:.3f}")
    best = None
    for step in range(5, 96):
        threshold = step / 100
        p, r, f = _scores(examples, held_out, threshold)
        if p >= args.min_precision and (best is None or f > best[3]):
            best = (threshold, p, r, f)
    if best is None:  # no threshold reaches the precision asked: the best F1
        best = max(((t / 100, *_scores(examples, held_out, t / 100)) for t in range(5, 96)), key=lambda b: b[3])
    threshold, p, r, f = best
    print(f"{args.folds}-fold CV, threshold {threshold:.2f}: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    if args.out:
        fitted = model().fit(X, y)
        names = vectorizer.get_feature_names_out()
        weights = {name: round(float(w), 4) for name, w in zip(names, fitted.coef_[0]) if abs(w) >= 1e-4}
        weights["bias"] = round(weights.get("bias", 0.0) + float(fitted.intercept_[0]), 4)
        data = {
            "_comment": "Weights of the relation filter (kg_ev/nlp/relation_filter.py), written by "
                        "python -m kg_ev.nlp.train_filter; do not edit by hand.",
            "threshold": threshold,
            "trained_on": {"articles": len(articles), "mentions": len(examples), "sets": [str(g) for _, g in sets],
                           "only": list(only)},
            "cross_validation": {"folds": args.folds, "precision": round(p, 3), "recall": round(r, 3),
                                 "f1": round(f, 3), "rules_alone": [round(x, 3) for x in base]},
            "weights": dict(sorted(weights.items())),
        }
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
