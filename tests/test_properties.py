"""Property-based tests (hypothesis): any text builds or fails with a clear error, never
crashes; every graph round-trips through Turtle and TriG."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg_ev.article import parse_article
from kg_ev.building import build
from kg_ev.errors import ArticleError
from kg_ev.export import serialize
from kg_ev.rdf import new_dataset
from kg_ev.validation import validate

from .conftest import DEV

SENTENCES = [s.strip() for path in sorted(DEV.glob("dev0*.txt"))
             for s in re.split(r"(?<=[.!?»])\s+", path.read_text(encoding="utf-8").split("\n", 1)[1]) if len(s) > 20]

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])

french_text = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(" ".join)
noisy_text = st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(min_size=0, max_size=80)), min_size=1,
                      max_size=5).map("\n".join)


def _built(nlp, text):
    try:
        article = parse_article(text, "prop", date="2022-01")
    except ArticleError:  # empty, or not French: a clear refusal is a fine outcome
        return None
    return build([article], nlp=nlp)


@SETTINGS
@given(text=noisy_text)
def test_any_text_builds_to_a_graph_that_conforms_once_quarantined(nlp, text):
    result = _built(nlp, text)
    if result is None:
        return
    assert result.articles == 1
    assert validate(result.dataset).conforms  # what failed the shapes is in the quarantine graph
    assert len(serialize(result.dataset, format="trig")) > 0


@SETTINGS
@given(text=french_text)
def test_graphs_round_trip_through_turtle_and_trig(nlp, text):
    result = _built(nlp, text)
    if result is None:
        return
    dataset = result.dataset
    flat = Graph()
    for s, p, o, _ in dataset.quads():
        flat.add((s, p, o))
    back = Graph().parse(data=serialize(dataset, format="turtle"), format="turtle")
    assert isomorphic(flat, back)
    quads = new_dataset()
    quads.parse(data=serialize(dataset, format="trig"), format="trig")
    assert sorted(map(str, (g.identifier for g in quads.graphs() if len(g)))) == sorted(
        map(str, (g.identifier for g in dataset.graphs() if len(g))))
    assert isomorphic(flat, Graph().parse(data=serialize(quads, format="turtle"), format="turtle"))
