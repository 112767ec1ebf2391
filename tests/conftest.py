"""Shared fixtures. The French model is loaded once per session."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_50a62ce1ae3c7f69.txt"
SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
DEV = ROOT / "corpus" / "dev"


@pytest.fixture(scope="session")
def nlp():
    from kg_ev.nlp import load_pipeline

    return load_pipeline("fr")


@pytest.fixture(scope="session")
def seed_result(nlp):
    from kg_ev.build import build

    return build([SEED], nlp=nlp)


@pytest.fixture()
def seed_dataset(seed_result):
    """A private copy of the seed's dataset, so a test may change it."""
    from kg_ev.export import serialize, load  # noqa: F401
    from rdflib import Dataset

    copy = Dataset()
    for quad in seed_result.dataset.quads((None, None, None, None)):
        copy.add(quad)
    for prefix, ns in seed_result.dataset.namespaces():
        copy.bind(prefix, ns)
    return copy
