"""Per-rule precision of the relation rules over annotated articles.

    python -m kg_ev.nlp.rule_precision corpus/real:corpus/real/gold.jsonl [corpus/dev:corpus/dev/gold.jsonl]
        [--only b1-,b2-] [--by-cue | --by-argument]

Each relation the pipeline keeps (after attribution) is counted once per article and
triple, as the evaluation counts them, and credited to every rule that read it: right
when it is a gold relation of the article (entities matched as the evaluation matches
them), wrong otherwise. A rule (or, with ``--by-cue``, a rule's cue lemma) that is wrong
more often than right over many articles is a candidate to restrict or drop; that is how
``docs/quality.md`` ("Per-rule precision") chose what to remove.

With ``--by-argument`` the triples are counted by how their arguments were reached
instead: both by name, or (when no reading of the triple had both named) through a
description or a pronoun the coreference resolved: the precision of the facts that rely
on a resolution, kept apart.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import cast

from ..article import read_article
from . import load_pipeline
from .mentions import mention_at
from .relations import SYMMETRIC, RelationRules
from .train_filter import _gold_lines, _labels

__all__ = ["tally", "calibrated", "main"]


def _reached(doc, relation) -> str:
    """How a relation's arguments were reached: 'name', or the resolved kinds of mention
    among them ('description', 'pronoun', 'description+pronoun')."""
    kinds = set()
    for anchor in relation.anchors:
        mention = mention_at(doc, doc[anchor]) if 0 <= anchor < len(doc) and anchor != relation.cue else None
        if mention is not None and mention.via != "name":
            kinds.add(mention.via)
    return "+".join(sorted(kinds)) or "name"


def tally(sets: list[tuple[Path, Path]], only: tuple[str, ...] = (), by_cue: bool = False,
          by_argument: bool = False) -> dict:
    """(rule index[, cue lemma]) → [right triples, wrong triples]; with ``by_argument``,
    (how the arguments were reached,) → [right, wrong], each triple under its most direct
    reading."""
    nlp = load_pipeline("fr")
    triples: dict[tuple, list] = {}
    for folder, gold_path in sets:
        for gold in _gold_lines(gold_path):
            path = folder / f"{gold['id']}.txt"
            if only and not gold["id"].startswith(only) or not path.is_file() or gold.get("lang", "fr") != "fr":
                continue
            doc = nlp(read_article(path).text)
            match = _labels(doc, gold)
            for item in doc._.kg_attributed:
                r = item.relation
                s, o = (min(r.subject, r.object), max(r.subject, r.object)) if r.predicate in SYMMETRIC else (r.subject, r.object)
                key = (f"{folder.name}/{gold['id']}", s, r.predicate, o)
                right = match(r.subject, r.predicate, r.object, r.object_is_phrase) is not None
                entry = triples.setdefault(key, [False, set()])
                entry[0] |= right
                entry[1].add((_reached(doc, r),) if by_argument else (r.rule, doc[r.cue].lemma_.lower()) if by_cue else (r.rule,))
    counts: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for right, rules in triples.values():
        if by_argument:  # the most direct reading: by name when one reading had both named
            rules = {min(rules, key=lambda key: (key[0] != "name", key[0].count("+"), key[0]))}
        for rule in rules:
            counts[rule][0 if right else 1] += 1
    return dict(counts)


def calibrated(right: int, wrong: int) -> float:
    """A rule's measured precision, smoothed so that a rule seen a few times stays near
    the rules' usual precision: (right + 0.7) / (right + wrong + 1)."""
    return (right + 0.7) / (right + wrong + 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg_ev.nlp.rule_precision", description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", metavar="FOLDER:GOLD")
    parser.add_argument("--only", default="", help="comma-separated id prefixes (batches: b1-,b2-)")
    parser.add_argument("--by-cue", action="store_true", help="one line per rule and cue lemma")
    parser.add_argument("--by-argument", action="store_true",
                        help="one line per way the arguments were reached (name, description, pronoun)")
    args = parser.parse_args(argv)
    sets = [(Path(f), Path(g)) for f, _, g in (item.partition(":") for item in args.sets)]
    pipe = cast(RelationRules, load_pipeline("fr").get_pipe("kg_ev_relations"))
    rules = pipe.rules
    counts = tally(sets, tuple(p for p in args.only.split(",") if p), args.by_cue, args.by_argument)
    if args.by_argument:
        print("right wrong  prec  arguments")
        for key, (right, wrong) in sorted(counts.items(), key=lambda kv: -sum(kv[1])):
            print(f"{right:5d} {wrong:5d}  {right / (right + wrong):.2f}  {key[0]}")
        return 0
    # 'calib': the precision smoothed towards the rules' mean ((right + 0.7) / (right + wrong + 1),
    # as docs/quality.md uses it), beside the confidence the rule carries ('set')
    print("right wrong  prec calib  set  rule predicate cues")
    for key, (right, wrong) in sorted(counts.items(), key=lambda kv: (kv[1][0] / sum(kv[1]), -sum(kv[1]))):
        rule = rules[key[0]]
        cues = key[1] if len(key) > 1 else ",".join((rule.get("lemmas") or [rule.get("entity_type", "")])[:4])
        print(f"{right:5d} {wrong:5d}  {right / (right + wrong):.2f}  {calibrated(right, wrong):.2f}  {rule['confidence']:.2f}"
              f"  {key[0]:4d} {rule['predicate']} {cues}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
