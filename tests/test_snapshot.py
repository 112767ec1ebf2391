"""``open_store(folder, snapshot=True)``: a read-only copy of an embedded store in memory,
answering as the folder does, refusing writes, leaving the folder as it was."""

import pytest
from rdflib import Graph, Literal, URIRef

from kg_ev.building import build
from kg_ev.querying import catalogue
from kg_ev.store import EmbeddedStore, SnapshotStore, StoreBusyError, StoreError, open_store

from .conftest import DEV, SEED, catalogue_rows


@pytest.fixture(scope="module")
def dev_folder(nlp, tmp_path_factory):
    """The dev corpus and the seed in an Oxigraph folder, closed."""
    path = tmp_path_factory.mktemp("snapshot") / "kg.db"
    with open_store(path) as store:
        build([*sorted(DEV.glob("*.txt")), SEED], dataset=store, nlp=nlp)
    return path


def _state(folder):
    return {p.relative_to(folder): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_a_snapshot_answers_every_catalogue_query_as_the_folder_does(dev_folder):
    with open_store(dev_folder, read_only=True) as disk:
        expected = {name: catalogue_rows(disk, named) for name, named in catalogue().items()}
        stored = disk.articles()
    with open_store(dev_folder, snapshot=True) as snapshot:
        assert type(snapshot) is SnapshotStore and isinstance(snapshot, EmbeddedStore)
        assert snapshot.articles() == stored and len(stored) > 10
        for name, named in catalogue().items():
            assert catalogue_rows(snapshot, named) == expected[name], name
        assert any(expected.values())  # rows compared, not empty answers


def test_a_snapshot_refuses_writes_and_leaves_the_folder_as_it_was(dev_folder, tmp_path, seed_result):
    before = _state(dev_folder)
    graph_file = tmp_path / "seed.trig"
    seed_result.dataset.serialize(graph_file, format="trig")
    with open_store(dev_folder, snapshot=True) as snapshot:
        refused = f"{dev_folder}: a snapshot is a read-only copy in memory (open_store(path) to write the store)"
        article = seed_result.dataset.graph(next(g.identifier for g in seed_result.dataset.graphs()
                                                 if "000_" in str(g.identifier)))
        count = len(snapshot)
        for write in (lambda: snapshot.retract([SEED.stem]), lambda: snapshot.put_article(article),
                      lambda: snapshot.put_shared(Graph()), lambda: snapshot.load_file(graph_file),
                      lambda: snapshot.add((URIRef("urn:x"), URIRef("urn:p"), Literal("o"))),
                      lambda: snapshot.update("INSERT DATA { <urn:x> <urn:p> 'o' }")):
            with pytest.raises(StoreError) as raised:
                write()
            assert str(raised.value) == refused
        assert len(snapshot) == count and SEED.stem in snapshot.articles()
    assert _state(dev_folder) == before  # not a file written, not one touched


def test_a_snapshot_of_no_store_or_of_a_busy_one_is_refused(dev_folder, tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "none.db", snapshot=True)
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(StoreError, match="takes a store folder"):
        open_store(None, snapshot=True)
    with open_store(dev_folder):
        with pytest.raises(StoreBusyError, match="store busy"):
            open_store(dev_folder, snapshot=True)
    with open_store(dev_folder, snapshot=True) as snapshot:
        with open_store(dev_folder) as writer:  # the folder is released once copied
            writer.retract([SEED.stem])
        assert SEED.stem in snapshot.articles()  # a copy: the writer's change is not in it


def test_a_writer_leaves_no_write_ahead_log_for_readers_to_replay(seed_result, tmp_path):
    """A writer's close flushes its writes into table files: a reader (and a snapshot)
    opening the folder does not replay the log (seconds at 100k quads)."""
    graph_file = tmp_path / "seed.trig"
    seed_result.dataset.serialize(graph_file, format="trig")
    with open_store(tmp_path / "kg.db") as store:
        store.load_file(graph_file)
    logs = sorted((tmp_path / "kg.db").glob("*.log"))
    assert logs and logs[-1].stat().st_size < 100, [(p.name, p.stat().st_size) for p in logs]
