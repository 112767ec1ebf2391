"""The notebook path: the query catalogue, SPARQL to pandas, pictures, GraphML and GEXF."""

import json
import sys

import networkx as nx
import pytest

from kg_ev.building import build
from kg_ev.cli import main
from kg_ev.errors import GraphFileError, KgEvError, QueryError
from kg_ev.export import write
from kg_ev.namespace import KGEV
from kg_ev.querying import catalogue, query, query_df
from kg_ev.views import claim_graph, write_graph

from .conftest import DEV, SEED


@pytest.fixture(scope="module")
def story(nlp):
    """A rumour (Reuters, January 2021) and its confirmation (Baidu, March 2021), and the seed."""
    return build([DEV / "dev01-baidu-geely-rumeur.txt", DEV / "dev02-jidu-creation.txt", SEED], nlp=nlp).dataset


@pytest.fixture(scope="module")
def story_file(story, tmp_path_factory):
    return str(write(story, tmp_path_factory.mktemp("story") / "story.trig"))


def test_a_label_shared_by_two_articles_is_seen_once(story):
    rows = list(query(story, "SELECT ?label WHERE { <https://w3id.org/kg-ev/id/entity/baidu> rdfs:label ?label }"))
    assert [str(r.label) for r in rows] == ["Baidu"]


def test_the_catalogue_runs_on_a_corpus(story):
    for name, named in catalogue().items():
        bindings = {p: "Baidu" for p in named.parameters if p in {"name", "source_label"}}
        assert len(query_df(story, name, **bindings)) > 0, name


def test_query_df_gives_python_values(story):
    df = query_df(story, "timeline", name="Baidu")
    assert list(df["date"]) == sorted(df["date"])  # oldest article first
    assert {"2021-01", "2021-03"} <= set(df["date"])
    counts = query_df(story, "claims_per_source")
    assert counts["claims"].dtype.kind == "i"
    record = query_df(story, "source_track_record")
    assert record["ratio"].dtype.kind == "f"


def test_a_confirmed_rumour_is_not_listed_as_unconfirmed(story):
    rows = query_df(story, "rumours_never_confirmed")
    pairs = set(zip(rows["subject_label"], rows["predicate"], rows["object_label"]))
    assert ("Xiaomi", "partnersWith", "Great Wall Motors") in pairs
    assert not any({s, o} == {"Baidu", "Geely"} and p == "partnersWith" for s, p, o in pairs)
    reuters = query_df(story, "source_track_record").set_index("source_label").loc["Reuters"]
    assert reuters["confirmed"] >= 1 and reuters["rumours"] > reuters["confirmed"]


def test_bindings_filter_and_hostile_values_are_data(story):
    rumoured = query_df(story, "partnerships_by_status", status=KGEV.rumoured)
    assert set(rumoured["status_name"]) == {"rumoured"}
    assert query_df(story, "timeline", name='Baidu" } ; DROP ALL ; { "').empty
    assert len(query_df(story, "timeline", name="Baidu")) > 0  # the graph is untouched


def test_an_unknown_name_and_a_non_select_are_clear_errors(story):
    with pytest.raises(QueryError, match="no named query 'timelines'"):
        query_df(story, "timelines")
    with pytest.raises(QueryError, match="SELECT"):
        query_df(story, "ASK { ?s ?p ?o }")


def test_query_df_without_pandas_says_how_to_install(story, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KgEvError, match=r"pip install"):
        query_df(story, "claims_per_source")


def test_cli_named_query_with_bindings(story_file, capsys):
    assert main(["query", story_file, "--named", "partnerships_by_status", "--bind", "status=kgev:confirmed",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["status_name"] for r in rows} == {"confirmed"}
    assert main(["queries"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in catalogue())
    assert main(["query", story_file]) == 2
    assert "--named" in capsys.readouterr().err


def test_graphml_and_gexf_keep_labels_types_and_claim_attributes(story, tmp_path):
    view = claim_graph(story)
    for suffix in (".graphml", ".gexf"):
        path = write_graph(view, tmp_path / f"g{suffix}")
        back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
        assert back.number_of_nodes() == view.number_of_nodes()
        assert back.number_of_edges() == view.number_of_edges()
        node = "https://w3id.org/kg-ev/id/entity/baidu"
        assert (back.nodes[node]["label"], back.nodes[node]["type"]) == ("Baidu", "Organization")
        edges = [d for u, v, d in back.edges(data=True) if back.nodes[u]["label"] == "Xiaomi"
                 and back.nodes[v]["label"] == "Great Wall Motors" and d["predicate"] == "partnersWith"]
        assert [(d["status"], d["sources"]) for d in edges] == [("rumoured", "https://w3id.org/kg-ev/id/entity/reuters")]
        assert "Reuters" in edges[0]["evidence"]
    with pytest.raises(GraphFileError, match=r"\.graphml or \.gexf"):
        write_graph(view, tmp_path / "g.csv")


def test_drawing_is_reproducible_and_filtered(story, story_file, tmp_path):
    from kg_ev.drawing import draw

    first, second = tmp_path / "a.svg", tmp_path / "b.svg"
    draw(story, first, predicate="partnersWith")
    draw(story, second, predicate="partnersWith")
    assert first.read_bytes() == second.read_bytes()
    assert b"Great Wall Motors" in first.read_bytes() and b"Lei Jun" not in first.read_bytes()
    assert main(["draw", story_file, "-o", str(tmp_path / "g.png"), "--status", "rumoured"]) == 0
    assert (tmp_path / "g.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(KgEvError, match="nothing to draw"):
        draw(story, status="denied", predicate="founderOf")
    assert main(["draw", story_file, "-o", str(tmp_path / "g.txt")]) == 2
