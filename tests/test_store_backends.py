"""One store interface, three backends (memory, an Oxigraph folder, a Virtuoso server):
the same tests on each, writes that are whole (kill points injected midway), queries
that can be stopped."""

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import kg_ev.extraction
from kg_ev.building import BuildInterrupted, build
from kg_ev.cli import main
from kg_ev.errors import QueryTimeoutError, ResultTooLargeError
from kg_ev.namespace import KGID
from kg_ev.querying import catalogue, query
from kg_ev.ledger import MARK
from kg_ev.rdf import ENTITIES, FACTS, QUARANTINE, article_graphs
from kg_ev.store import EmbeddedStore, KgStore, MemoryStore, RemoteStore, StoreBusyError, StoreError, open_store
from kg_ev.tables import claims

from .conftest import DEV, SEED, catalogue_rows


def rows(graph, named) -> list[tuple]:
    """The rows of a catalogue query, ratios to 9 places (Virtuoso gives 15 digits)."""
    return [tuple(round(v, 9) if isinstance(v, float) else v for v in row) for row in catalogue_rows(graph, named)]

STORY = [DEV / "dev01-baidu-geely-rumeur.txt", DEV / "dev02-jidu-creation.txt", SEED]
#: A query that runs for seconds on the seed (Oxigraph: about 3 s; rdflib: hours), all of
#: it inside one step of the engines (a count), where no row comes out to stop at.
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STRSTARTS(STR(?a), STR(kgid:)) "
           "&& STRSTARTS(STR(?d), STR(kgid:)) && STRSTARTS(STR(?g), STR(kgid:))) }")
#: One that runs for ever (a process is stopped: nothing keeps running after it)
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _clear(store: KgStore) -> None:
    """A server is shared by the session's tests: start and end with no kg_ev graph."""
    store.retract(store.articles())
    store.update(f"DROP SILENT GRAPH <{ENTITIES}> ; DROP SILENT GRAPH <{QUARANTINE}>")


@pytest.fixture(params=["memory", "embedded", "remote"])
def store(request, tmp_path):
    if request.param == "remote":
        with open_store(request.getfixturevalue("virtuoso")) as remote:
            _clear(remote)
            yield remote
            _clear(remote)
        return
    with open_store(None if request.param == "memory" else tmp_path / "kg.db") as opened:
        yield opened


@pytest.fixture(scope="module")
def memory(nlp):
    return build(STORY, nlp=nlp).dataset


def state(store) -> set[tuple]:
    """The quads of kg_ev's graphs (and of the union view an embedded store keeps)."""
    if isinstance(store, RemoteStore):  # rdflib does not list a server's quads
        return set(store.query(f"SELECT ?s ?p ?o ?g {{ GRAPH ?g {{ ?s ?p ?o }} "
                               f"FILTER(STRSTARTS(STR(?g), \"{KGID['graph/']}\")) }}"))
    found = set()
    for s, p, o, g in store.quads((None, None, None, None)):
        name = getattr(g, "identifier", g)
        if name == DATASET_DEFAULT_GRAPH_ID or str(name).startswith(str(KGID["graph/"])):
            found.add((s, p, o, name))
    return found


def test_open_store_chooses_one_class_per_backend(store):
    assert isinstance(store, KgStore) and type(store) in (MemoryStore, EmbeddedStore, RemoteStore)
    assert store.articles() == []


def test_each_backend_puts_replaces_and_retracts_articles_alike(nlp, store, memory):
    result = build(STORY, dataset=store, nlp=nlp)
    assert (result.articles, result.failures) == (3, [])
    assert store.articles() == sorted(p.stem for p in STORY)
    for named in catalogue().values():
        assert rows(store, named) == rows(memory, named), named.name
    before = state(store)
    build([SEED], dataset=store, nlp=nlp)  # replaced whole: the same quads
    assert state(store) == before
    assert store.retract([SEED.stem, "no-such-article"]) == [SEED.stem]
    assert store.articles() == sorted(p.stem for p in STORY[:2])
    assert not any(SEED.stem in (c["article"] or "") for c in claims(store))
    alone = build(STORY[:2], nlp=nlp).dataset
    for named in catalogue().values():  # shared descriptions only the seed needed are gone
        assert rows(store, named) == rows(alone, named), named.name
    assert store.retract(store.articles()) == [p.stem for p in STORY[:2]]
    left = state(store)  # no article graph; what stays is descriptions of entities no claim named
    assert {q[3] for q in left} <= {ENTITIES, DATASET_DEFAULT_GRAPH_ID, FACTS}
    assert {q[:3] for q in left if q[3] == FACTS} <= {MARK}  # a store's ledger of facts, empty
    assert {q[:3] for q in left if q[3] == DATASET_DEFAULT_GRAPH_ID} <= {q[:3] for q in left if q[3] == ENTITIES}
    assert claims(store) == []


def test_the_union_view_is_what_is_left(nlp, store):
    if isinstance(store, RemoteStore):
        pytest.skip("a server's union is that of all its graphs, its own too")
    build(STORY, dataset=store, nlp=nlp)
    store.retract([STORY[1].stem])
    assert set(store.union()) == {t for g in article_graphs(store) for t in g}


# kill points: a write stopped midway leaves the store as it was


def _stop_midway(monkeypatch, store, exception=KeyboardInterrupt):
    """Make the next write of ``store`` fail midway through its transaction: in memory
    after 40 of its quad operations on rdflib's store (whether the write goes through the
    audit log or, adding only, straight in), in Oxigraph after every operation of its
    update ran (an operation that fails is added at the end), on a server in its one
    request."""
    from rdflib.plugins.stores.memory import Memory

    if isinstance(store, MemoryStore):
        calls = {"n": 0}
        real_add, real_remove = Memory.add, Memory.remove

        def counted(real):
            def step(self, *args, **kwargs):
                calls["n"] += 1
                if calls["n"] == 40:
                    raise exception("killed midway")
                return real(self, *args, **kwargs)
            return step

        monkeypatch.setattr(Memory, "add", counted(real_add))
        monkeypatch.setattr(Memory, "remove", counted(real_remove))
        return
    real_update = type(store)._update
    sent = []

    def failing(self, text):
        sent.append(text)
        if isinstance(self, EmbeddedStore):  # a run-time error after the rest has run
            return real_update(self, text + f" ;\nCREATE GRAPH <{ENTITIES}>")
        return real_update(self, text + " ;\nINSERT DATA { oops }")  # a server refuses the whole request

    monkeypatch.setattr(type(store), "_update", failing)
    return sent


def test_a_replacement_stopped_midway_leaves_the_old_article_whole(nlp, store, monkeypatch):
    build(STORY, dataset=store, nlp=nlp)
    before, n_claims = state(store), len(claims(store))
    sent = _stop_midway(monkeypatch, store, exception=RuntimeError)
    result = None
    with pytest.raises(Exception):
        result = build([SEED], dataset=store, nlp=nlp)
    assert result is None
    if sent is not None:
        assert len(sent) == 1  # one update: the drop, the deletes, the view and the insert
    monkeypatch.undo()
    assert state(store) == before and len(claims(store)) == n_claims


def test_a_retraction_stopped_midway_retracts_nothing(nlp, store, monkeypatch):
    build(STORY, dataset=store, nlp=nlp)
    before = state(store)
    _stop_midway(monkeypatch, store, exception=RuntimeError)
    with pytest.raises(Exception):
        store.retract([STORY[0].stem, SEED.stem])
    monkeypatch.undo()
    assert state(store) == before


def test_ctrl_c_during_a_store_build_says_what_was_stored(nlp, tmp_path, monkeypatch, capsys):
    """The third article is interrupted inside its write: two are stored whole, and the
    message says so."""
    folder = tmp_path / "kg.db"
    real_update, calls = EmbeddedStore._update, {"n": 0}

    def interrupted(self, text):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_update(self, text)

    monkeypatch.setattr(EmbeddedStore, "_update", interrupted)
    monkeypatch.setattr(kg_ev.extraction, "load_pipeline", lambda lang: nlp)
    assert main(["build", *map(str, STORY), "--store", str(folder), "-o", str(tmp_path / "kg.trig")]) == 130
    err = capsys.readouterr().err
    assert err == (f"error: interrupted; 2 article(s) of this build were stored in {folder}, each whole; the one "
                   "being stored when interrupted was not; no -o output was written\n")
    assert not (tmp_path / "kg.trig").exists()
    monkeypatch.undo()
    expected = build(STORY[:2], nlp=nlp).dataset
    with open_store(folder, read_only=True) as stored:
        assert stored.articles() == [p.stem for p in STORY[:2]]
        for named in catalogue().values():
            assert rows(stored, named) == rows(expected, named), named.name


def test_build_interrupted_carries_what_was_stored(nlp, monkeypatch):
    real, calls = MemoryStore._commit, {"n": 0}

    def interrupted(self, removal, added):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(self, removal, added)

    monkeypatch.setattr(MemoryStore, "_commit", interrupted)
    with open_store() as store, pytest.raises(BuildInterrupted) as stop:
        build(STORY, dataset=store, nlp=nlp)
    assert stop.value.result.articles == 1 and store.articles() == [STORY[0].stem]


@pytest.mark.parametrize("backend", ["memory", "embedded"])
def test_a_load_stopped_midway_adds_nothing(seed_result, tmp_path, monkeypatch, backend):
    import pyoxigraph

    from kg_ev.export import load_into, write

    path = write(seed_result.dataset, tmp_path / "seed.trig")
    with open_store(None if backend == "memory" else tmp_path / "kg.db") as store:
        before = state(store)
        if backend == "memory":
            _stop_midway(monkeypatch, store)
        else:
            real_parse = pyoxigraph.parse

            def parse(*args, **kwargs):  # the file is read as it is written: stop at its 100th quad
                for n, quad in enumerate(real_parse(*args, **kwargs)):
                    if n == 100:
                        raise KeyboardInterrupt
                    yield quad

            monkeypatch.setattr(pyoxigraph, "parse", parse)
        with pytest.raises(KeyboardInterrupt):
            load_into(store, path)
        monkeypatch.undo()
        assert state(store) == before
        assert load_into(store, path) == len(list(seed_result.dataset.quads((None, None, None, None))))  # then whole
        assert len(list(query(store, "SELECT ?c { ?c a kgev:Claim }"))) == 15


# queries that can be stopped


def test_a_runaway_query_times_out_on_every_backend(nlp, store):
    build([SEED], dataset=store, nlp=nlp)
    threads = threading.active_count()
    start = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"ran for 0.5 s and was stopped.*--timeout"):
        query(store, RUNAWAY, timeout=0.5)
    assert time.monotonic() - start < 5
    if isinstance(store, MemoryStore):  # rdflib's evaluator is stopped too, not only left
        deadline = time.monotonic() + 5
        while threading.active_count() > threads and time.monotonic() < deadline:
            time.sleep(0.05)
        assert threading.active_count() == threads
    assert query(store, "ASK { ?c a kgev:Claim }").askAnswer is True  # the store still answers


def test_ctrl_c_stops_a_query_on_every_backend(nlp, store):
    build([SEED], dataset=store, nlp=nlp)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            query(store, RUNAWAY, timeout=None)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 5


def test_too_many_rows_is_a_clear_error(nlp, store):
    build([SEED], dataset=store, nlp=nlp)
    with pytest.raises(ResultTooLargeError, match="more than 14 rows; add a LIMIT"):
        query(store, "SELECT ?c { ?c a kgev:Claim }", max_rows=14)
    assert len(list(query(store, "SELECT ?c { ?c a kgev:Claim }", max_rows=15))) == 15


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "kg.db"
    assert main(["build", str(SEED), "--store", str(path)]) == 0
    return path


def _kg_ev(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "kg_ev.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def test_the_command_line_stops_a_query_on_time_and_on_ctrl_c(folder):
    start = time.monotonic()
    timed = _kg_ev("query", "--store", str(folder), "--timeout", "1", CROSS_JOIN)
    out, err = timed.communicate(timeout=60)
    assert timed.returncode == 2 and err == "error: the query ran for 1 s and was stopped; add a LIMIT, narrow it, " \
                                            "or give it more time (timeout=, --timeout)\n"
    assert time.monotonic() - start < 20
    running = _kg_ev("query", "--store", str(folder), CROSS_JOIN)
    time.sleep(5)  # started (0.5 s), the store opened and the query running in Oxigraph
    assert running.poll() is None
    sent = time.monotonic()
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=30)
    assert running.returncode == 130 and "interrupted" in err
    assert time.monotonic() - sent < 5


def test_the_command_line_refuses_too_many_rows(folder, capsys):
    assert main(["query", "--store", str(folder), "--max-rows", "3", "SELECT ?c { ?c a kgev:Claim }"]) == 2
    assert "more than 3 rows" in capsys.readouterr().err
    assert main(["query", "--store", str(folder), "--max-rows", "0", "SELECT ?c { ?c a kgev:Claim }"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 16


# read commands: read-only, never a store made of a folder that is none, busy stores


def _listing(folder):
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_a_read_command_writes_nothing_and_refuses_a_folder_that_is_no_store(folder, tmp_path, capsys):
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "notes.md").write_text("mes notes")
    for command in (["facts"], ["claims"], ["query", "SELECT * { ?s ?p ?o }"], ["export", "-o", str(tmp_path / "x.ttl")]):
        assert main([command[0], "--store", str(plain), *command[1:]]) == 2
        assert capsys.readouterr().err == f"error: {plain}: not a kg_ev store (a folder with no Oxigraph files in it)\n"
    assert [p.name for p in plain.iterdir()] == ["notes.md"]
    before = _listing(folder)
    assert main(["claims", "--store", str(folder)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 15
    assert _listing(folder) == before  # not a file written, not one touched


def test_a_store_in_a_read_only_folder_can_be_read(folder, tmp_path, capsys):
    import shutil

    copy = tmp_path / "ro.db"
    shutil.copytree(folder, copy)
    (copy / "LOCK").unlink()
    for path in [copy, *copy.iterdir()]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        assert main(["claims", "--store", str(copy)]) == 0
        assert len(capsys.readouterr().out.splitlines()) == 15
    finally:
        copy.chmod(0o755)


def test_a_writer_is_not_refused_as_busy_once_readers_are_gone(folder):
    with open_store(folder, read_only=True) as reader:
        with pytest.raises(StoreBusyError, match="store busy"):
            open_store(folder)  # the same process
        assert reader.articles() == [SEED.stem]
        with pytest.raises(StoreError, match="opened read-only"):
            reader.retract([SEED.stem])
    with open_store(folder) as writer:
        assert writer.articles() == [SEED.stem]


HOLD = "import sys, time\nfrom kg_ev.store import open_store\ns = open_store(sys.argv[1], read_only=sys.argv[2] == 'r')\nprint('open', flush=True)\ntime.sleep(60)\n"


@pytest.mark.parametrize("held, command", [("w", ["claims"]), ("r", ["retract", SEED.stem])])
def test_a_store_another_process_holds_is_busy(folder, capsys, held, command):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder), held], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        assert main([command[0], "--store", str(folder), *command[1:]]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: {folder}: store busy (another process ") and len(err.splitlines()) == 1
    finally:
        holder.kill()
        holder.wait()
    assert main([command[0], "--store", str(folder), *command[1:]]) == 0
    if command[0] == "retract":
        assert main(["build", str(SEED), "--store", str(folder)]) == 0


def test_a_new_article_stopped_midway_adds_nothing(nlp, monkeypatch):
    """A first write of an article takes the direct path (no audit log): a failure midway
    still takes back every quad it added, and keeps the shared ones that were there."""
    from rdflib.plugins.stores.memory import Memory

    from kg_ev.store import open_store

    store = open_store()
    build([SEED], nlp=nlp, dataset=store)
    before = set(store.quads((None, None, None, None)))
    real_add, calls = Memory.add, {"n": 0}

    def add(self, triple, context, quoted=False):
        calls["n"] += 1
        if calls["n"] == 30:
            raise RuntimeError("stopped")
        return real_add(self, triple, context, quoted)

    monkeypatch.setattr(Memory, "add", add)
    with pytest.raises(RuntimeError, match="stopped"):
        build([DEV / "dev01-baidu-geely-rumeur.txt"], nlp=nlp, dataset=store)
    monkeypatch.undo()
    assert calls["n"] == 30
    assert set(store.quads((None, None, None, None))) == before


RESOLVED = ("Renault a présenté ses résultats mardi à Paris. Le constructeur a signé un partenariat "
            "avec Valeo pour ses moteurs électriques.")


def test_a_quarantined_claim_leaves_nothing_behind_when_its_article_goes(nlp, store, monkeypatch):
    """A claim put aside with its resolution and mention: retracting or replacing its
    article removes all of it from the quarantine graph."""
    import dataclasses

    from kg_ev.article import parse_article

    real = kg_ev.extraction._resolutions
    monkeypatch.setattr(kg_ev.extraction, "_resolutions", lambda *a, **k: tuple(  # a mention off by one
        dataclasses.replace(r, antecedent_start=r.antecedent_start + 1) for r in real(*a, **k)))
    def aside() -> int:  # read by a query: a remote store cannot be asked for a graph object
        (row,) = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{QUARANTINE}> {{ ?s ?p ?o }} }}")
        return int(row[0])

    article = parse_article(RESOLVED, "t", date="2024-01")
    assert build([article], dataset=store, nlp=nlp).quarantined == 1
    assert aside() > 8  # the claim, its evidence, resolution and mention
    store.retract(["t"])
    assert aside() == 0
    build([article], dataset=store, nlp=nlp)
    monkeypatch.setattr(kg_ev.extraction, "_resolutions", real)
    assert build([article], dataset=store, nlp=nlp).quarantined == 0  # replaced: nothing of the old claim stays
    assert aside() == 0
    assert [len(r["resolutions"]) for r in claims(store)] == [1]
