"""Benchmarks, measured in one run so the ratios hold on a shared machine.

    python benchmarks/run.py [--repeat N]

- build throughput: kg_ev's whole build (extraction, RDF, validation) against spaCy's own
  ``nlp.pipe`` with the same model over the same texts; the ratio is what kg_ev keeps of
  the parser's speed (the parser is the floor);
- the share of the build spent in each stage (spaCy + kg_ev components, RDF writing,
  SHACL validation).
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

import spacy

from kg_ev.article import read_article
from kg_ev.errors import ArticleError
from kg_ev.extract import doc_to_extraction, run_info
from kg_ev.nlp import MODELS, load_pipeline
from kg_ev.rdf import add_extraction, new_dataset
from kg_ev.validate import validate

ROOT = Path(__file__).resolve().parent.parent


def articles():
    found = []
    for path in sorted((ROOT / "corpus" / "dev").glob("*.txt")) + [ROOT / "seeds" / "000_50a62ce1ae3c7f69.txt"]:
        try:
            found.append(read_article(path))
        except ArticleError:
            pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus (default 3)")
    args = parser.parse_args()
    corpus = articles() * args.repeat
    words = sum(len(a.text.split()) for a in corpus)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"corpus: {len(corpus)} articles, {words} words ({args.repeat} passes over seed + dev)")

    plain = spacy.load(MODELS["fr"])
    kg = load_pipeline("fr")
    run = run_info(kg)
    list(plain.pipe(a.text for a in corpus[:2]))  # warm both up
    list(kg.pipe(a.text for a in corpus[:2]))

    start = time.perf_counter()
    for _ in plain.pipe((a.text for a in corpus), batch_size=8):
        pass
    spacy_seconds = time.perf_counter() - start

    nlp_seconds = rdf_seconds = shacl_seconds = 0.0
    dataset = new_dataset()
    start = time.perf_counter()
    docs = kg.pipe(((a.text, a) for a in corpus), as_tuples=True, batch_size=8)
    while True:
        t0 = time.perf_counter()
        try:
            doc, article = next(docs)
        except StopIteration:
            break
        extraction = doc_to_extraction(doc, article, run)
        t1 = time.perf_counter()
        graph = add_extraction(dataset, extraction)
        t2 = time.perf_counter()
        validate(graph)
        t3 = time.perf_counter()
        nlp_seconds += t1 - t0
        rdf_seconds += t2 - t1
        shacl_seconds += t3 - t2
    build_seconds = time.perf_counter() - start

    print(f"spaCy nlp.pipe      : {len(corpus) / spacy_seconds:7.2f} articles/s, {words / spacy_seconds:8.0f} words/s")
    print(f"kg_ev build         : {len(corpus) / build_seconds:7.2f} articles/s, {words / build_seconds:8.0f} words/s")
    print(f"ratio build / spaCy : {spacy_seconds / build_seconds:.2f}  (target >= 0.9)")
    print(f"build time shares   : nlp + rules {nlp_seconds / build_seconds:.0%}, RDF {rdf_seconds / build_seconds:.0%}, "
          f"SHACL {shacl_seconds / build_seconds:.0%}")


if __name__ == "__main__":
    main()
