import networkx as nx

from kg_ev.namespace import KGID
from kg_ev.views import claim_graph, partnership_graph

XIAOMI, GWM = str(KGID["entity/xiaomi"]), str(KGID["entity/great-wall-motors"])


def test_claim_graph_has_entities_as_nodes_and_claims_as_edges(seed_result):
    g = claim_graph(seed_result.dataset)
    assert isinstance(g, nx.MultiDiGraph)
    assert g.nodes[XIAOMI] == {"label": "Xiaomi", "type": "Organization", "aliases": g.nodes[XIAOMI]["aliases"]}
    edges = g.get_edge_data(XIAOMI, GWM)
    assert {d["predicate"] for d in edges.values()} == {"partnersWith", "negotiatesWith", "usesFacilityOf"}
    assert all(d["status"] == "rumoured" for d in edges.values())
    assert not any(isinstance(n, str) and not n.startswith("https://") for n in g)  # literals never nodes


def test_filters(seed_result):
    ds = seed_result.dataset
    assert all(d["status"] == "asserted" for *_, d in claim_graph(ds, status="asserted").edges(data=True))
    by_reuters = claim_graph(ds, source="Reuters")
    assert {d["predicate"] for *_, d in by_reuters.edges(data=True)} == {"partnersWith", "negotiatesWith", "usesFacilityOf"}
    assert claim_graph(ds, predicate="founderOf").number_of_edges() == 1


def test_partnership_graph(seed_result):
    g = partnership_graph(seed_result.dataset)
    assert isinstance(g, nx.Graph)
    assert g[XIAOMI][GWM]["statuses"] == {"rumoured"}
    assert nx.number_connected_components(g) == 2
    assert not partnership_graph(seed_result.dataset, status="confirmed").number_of_edges()
