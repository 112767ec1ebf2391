"""Pictures of the entity graph with matplotlib (an optional dependency: ``pip install
'kg_ev[notebook]'``).

Node shape tells the entity type, edge colour the claim's status, the edge label its
predicate. The layout is seeded, and SVG output carries no date or random ids, so the
same graph gives the same file.

>>> from kg_ev.building import build
>>> graph = build(["seeds/000_50a62ce1ae3c7f69.txt"]).dataset
>>> figure = draw(graph, predicate="partnersWith")
>>> sorted(t.get_text() for t in figure.axes[0].texts if t.get_text() in {"Xiaomi", "Baidu"})
['Baidu', 'Xiaomi']
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from rdflib import Dataset, Graph

from .errors import KgEvError
from .namespace import Predicate, Status
from .views import claim_graph

__all__ = ["draw", "STATUS_COLOURS", "TYPE_SHAPES"]

#: Edge colour per claim status.
STATUS_COLOURS = {"asserted": "#4d4d4d", "confirmed": "#1a9641", "reported": "#2b83ba",
                  "rumoured": "#fdae61", "denied": "#d7191c"}
#: matplotlib marker per entity type.
TYPE_SHAPES = {"Organization": "o", "Person": "^", "Place": "s", "Product": "D"}


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise KgEvError("drawing needs matplotlib: pip install 'kg_ev[notebook]' (or pip install matplotlib)") from None
    if matplotlib.get_backend().lower() not in {"module://matplotlib_inline.backend_inline", "inline"}:
        matplotlib.use("Agg")  # files, not windows; a notebook keeps its inline backend
    import matplotlib.pyplot as plt

    return matplotlib, plt


def draw(graph: Graph | Dataset, path: str | Path | None = None, *,
         status: Status | Collection[Status] | None = None, predicate: Predicate | Collection[Predicate] | None = None,
         source: str | Collection[str] | None = None, size: tuple[float, float] = (12, 9), seed: int = 7):
    """Draw the entities linked by claims (filtered like :func:`kg_ev.views.claim_graph`)
    and return the matplotlib Figure; with ``path`` (``.png``, ``.svg`` or ``.pdf``),
    also write it there."""
    import networkx as nx

    matplotlib, plt = _pyplot()
    if path is not None and Path(path).suffix.lower() not in {".png", ".svg", ".pdf"}:
        raise KgEvError(f"{path}: a picture is written as .png, .svg or .pdf")
    multi = claim_graph(graph, status=status, predicate=predicate, source=source)
    multi.remove_nodes_from([n for n in list(multi) if multi.degree(n) == 0])
    if multi.number_of_nodes() == 0:
        raise KgEvError("no claim between entities matches: nothing to draw")
    matplotlib.rcParams["svg.hashsalt"] = "kg-ev"
    figure, ax = plt.subplots(figsize=size)
    positions = _layout(nx.Graph(multi), seed)
    labels: dict[tuple[str, str], set[str]] = {}
    drawn: dict[tuple[str, str], int] = {}
    for u, v, data in sorted(multi.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"], e[2]["status"])):
        # claims between the same two entities bend apart, so each status stays visible
        rank = drawn.get((u, v), 0)
        drawn[(u, v)] = rank + 1
        nx.draw_networkx_edges(multi, positions, edgelist=[(u, v)], edge_color=STATUS_COLOURS[data["status"]],
                               width=1.8, arrows=True, arrowsize=12, node_size=450, ax=ax,
                               connectionstyle=f"arc3,rad={0.12 * rank}")
        labels.setdefault((u, v), set()).add(data["predicate"])
    for typ, marker in TYPE_SHAPES.items():
        nodes = sorted(n for n, d in multi.nodes(data=True) if d.get("type") == typ)
        if nodes:
            nx.draw_networkx_nodes(multi, positions, nodelist=nodes, node_shape=marker, node_color="#f0f0f0",
                                   edgecolors="#333333", node_size=450, ax=ax, label=typ)
    nx.draw_networkx_labels(multi, positions, labels={n: d["label"] for n, d in multi.nodes(data=True)},
                            font_size=8, ax=ax, verticalalignment="bottom")
    nx.draw_networkx_edge_labels(multi, positions, edge_labels={e: ", ".join(sorted(p)) for e, p in labels.items()},
                                 font_size=6, font_color="#555555", ax=ax)
    handles = [plt.Line2D([], [], color=colour, lw=2, label=name) for name, colour in STATUS_COLOURS.items()]
    ax.legend(handles=handles + ax.get_legend_handles_labels()[0], loc="best", fontsize=8, markerscale=0.5)
    ax.set_axis_off()
    figure.tight_layout()
    if path is not None:
        from .export import atomic_path

        with atomic_path(path) as tmp:
            figure.savefig(tmp, format=Path(path).suffix.lower()[1:], metadata=_metadata(path))
    return figure


def _layout(simple, seed: int) -> dict:
    """Each connected component laid out on its own and the components packed on a grid,
    largest first (one spring layout for all would push the small ones to the edges and
    crush each into a dot)."""
    import math

    import networkx as nx

    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    columns = math.ceil(math.sqrt(len(components)))
    positions = {}
    for index, nodes in enumerate(components):
        row, column = divmod(index, columns)
        sub = simple.subgraph(nodes)
        local = nx.spring_layout(sub, seed=seed, scale=0.4) if len(nodes) > 1 else {nodes[0]: (0.0, 0.0)}
        for node, (x, y) in local.items():
            positions[node] = (column + float(x), -row + float(y))
    return positions


def _metadata(path) -> dict:
    """No creation date in the file, so the same graph gives the same bytes."""
    suffix = Path(path).suffix.lower()
    if suffix == ".svg":
        return {"Date": None}
    if suffix == ".pdf":
        return {"CreationDate": None}
    return {}
