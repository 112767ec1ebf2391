"""Stores that outlive a process: the embedded Oxigraph folder, re-ingest and retract."""

import json
from urllib.parse import quote

import pytest

from kg_ev.building import build
from kg_ev.cli import main
from kg_ev.standing import facts
from kg_ev.querying import catalogue, query
from kg_ev.rdf import article_graphs
from kg_ev.store import StoreError, articles, open_store, retract, union_graph
from kg_ev.tables import claims

from .conftest import DEV, SEED, catalogue_rows as rows

@pytest.fixture(scope="module")
def story():
    """Baidu and Geely: a rumour (January 2021), then the joint venture (March)."""
    return sorted(DEV.glob("dev0[12]*.txt")) + [SEED]


@pytest.fixture(scope="module")
def memory(nlp, story):
    return build(story, nlp=nlp).dataset


@pytest.fixture(scope="module")
def folder(nlp, story, tmp_path_factory):
    """A store built in one process-like session, closed, to be opened again."""
    path = tmp_path_factory.mktemp("stores") / "kg.db"
    with open_store(path) as store:
        build(story, dataset=store, nlp=nlp)
    return path


def test_a_store_opened_again_answers_every_catalogue_query_as_memory_does(memory, folder):
    with open_store(folder) as store:
        assert articles(store) == sorted(p.stem for p in [*sorted(DEV.glob("dev0[12]*.txt")), SEED])
        for named in catalogue().values():
            assert rows(store, named) == rows(memory, named), named.name
            assert rows(store, named), named.name  # each query finds something in this story


def test_re_ingesting_an_article_replaces_its_claims(nlp, folder):
    with open_store(folder) as store:
        before = len(list(store.quads((None, None, None, None))))
        n_claims = len(claims(store))
        build([SEED], dataset=store, nlp=nlp)
        assert len(list(store.quads((None, None, None, None)))) == before
        assert len(claims(store)) == n_claims


def test_retracting_the_confirmation_brings_the_rumour_back(nlp, tmp_path):
    def baidu_geely(store, at=None):
        return next(f for f in facts(store, at=at) if {f.labels[0], f.labels[2]} == {"Baidu", "Geely"}
                    and f.labels[1] == "partnersWith")

    story = sorted(DEV.glob("dev0[12]*.txt"))  # the seed too says Baidu and Geely are partners
    with open_store(tmp_path / "kg.db") as store:
        build(story, dataset=store, nlp=nlp)
        assert baidu_geely(store).standing == "confirmed"
        assert baidu_geely(store, at="2021-02-15").standing == "rumoured"  # what was believed then
        assert baidu_geely(store).history == (("2021-01", "rumoured"), ("2021-03", "confirmed"))
        confirmation = next(p.stem for p in story if "dev02" in p.stem)
        assert retract(store, [confirmation, "no-such-article"]) == [confirmation]
        assert confirmation not in articles(store)
        assert all(confirmation not in c["article"] for c in claims(store))
        assert baidu_geely(store).standing == "rumoured"
        # what queries read, the union view, is still the union of what is left
        assert set(union_graph(store)) == {t for g in article_graphs(store) for t in g}


def test_a_file_is_no_store(tmp_path):
    path = tmp_path / "kg.ttl"
    path.write_text("")
    with pytest.raises(StoreError, match="is a file"):
        open_store(path)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing" / "kg.db")


def test_the_command_line_builds_queries_and_retracts_across_runs(tmp_path, capsys):
    store = str(tmp_path / "kg.db")
    assert main(["build", str(SEED), "--store", store]) == 0
    capsys.readouterr()
    assert main(["query", "--store", store, "--named", "rumoured_partnerships", "--format", "csv"]) == 0
    assert "Xiaomi,Great Wall Motors,Reuters" in capsys.readouterr().out
    assert main(["facts", "--store", store, "--format", "jsonl"]) == 0
    assert '"standing": "rumoured"' in capsys.readouterr().out
    assert main(["export", "--store", store, "-o", str(tmp_path / "kg.trig")]) == 0
    assert "Great Wall Motors" in (tmp_path / "kg.trig").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["retract", "--store", store, str(SEED)]) == 0
    assert main(["claims", "--store", store]) == 0
    assert capsys.readouterr().out == f"retracted {SEED.stem}\n"  # and no claim left
    assert main(["retract", "--store", store, SEED.stem]) == 1
    assert "not in" in capsys.readouterr().err
    assert main(["claims", "--store", str(tmp_path / "nothing")]) == 2
    assert "no such store" in capsys.readouterr().err


def test_a_store_writes_the_same_bytes_whatever_the_order_and_reads_them_back(nlp, story, memory, tmp_path):
    from kg_ev.export import load, load_into, serialize, write

    written = []
    for name, order in (("forward", story), ("backward", story[::-1])):
        with open_store(tmp_path / f"{name}.db") as store:
            build(order, dataset=store, nlp=nlp)
            for suffix in ("trig", "ttl", "nq"):
                write(store, tmp_path / f"{name}.{suffix}")
        written.append({s: (tmp_path / f"{name}.{s}").read_bytes() for s in ("trig", "ttl", "nq")})
    assert written[0] == written[1]
    assert serialize(load(tmp_path / "forward.trig"), format="nquads") == serialize(memory, format="nquads")
    with open_store(tmp_path / "again.db") as again:
        assert load_into(again, tmp_path / "forward.trig") == len(list(memory.quads((None, None, None, None))))
        assert articles(again) == articles(memory)
        for named in catalogue().values():  # the union view gained what the file holds
            assert rows(again, named) == rows(memory, named), named.name
        size = len(again.oxigraph)
        bad = tmp_path / "bad.trig"  # a new article, then an error at the end of the file
        valid = (tmp_path / "forward.trig").read_text(encoding="utf-8").replace("dev01", "dev99")
        bad.write_text(valid + "\n<urn:a> <urn:b> { oops", encoding="utf-8")
        with pytest.raises(Exception, match="bad.trig: malformed trig"):
            load_into(again, bad)
        assert len(again.oxigraph) == size  # nothing half-loaded


def test_the_command_line_loads_a_graph_file_into_a_store(tmp_path, capsys):
    assert main(["build", str(SEED), "-o", str(tmp_path / "seed.trig")]) == 0
    store = str(tmp_path / "kg.db")
    assert main(["load", str(tmp_path / "seed.trig"), "--store", store]) == 0
    assert main(["query", "--store", store, "--named", "rumoured_partnerships", "--format", "csv"]) == 0
    assert "Xiaomi,Great Wall Motors,Reuters" in capsys.readouterr().out


def test_bindings_on_a_store_are_data(folder):
    from rdflib import Literal, URIRef

    from kg_ev.errors import QueryError

    hostile = 'Baidu" } ; DROP ALL ; { "'
    with open_store(folder) as store:
        before = len(store.oxigraph)
        assert list(query(store, "about_entity", bindings={"name": Literal(hostile)})) == []
        assert len(store.oxigraph) == before
        with pytest.raises(QueryError, match="not an IRI"):
            query(store, "partnerships_by_status", bindings={"status": URIRef("x> } DROP ALL { <y")})
        assert [r.subject_label for r in query(store, "about_entity", bindings={"name": Literal("Baidu")})]


def test_a_store_answers_ask_construct_and_errors_as_memory_does(memory, folder):
    from rdflib.compare import isomorphic

    from kg_ev.errors import QueryError

    construct = "CONSTRUCT { ?c kgev:status ?s } WHERE { ?c a kgev:Claim ; kgev:status ?s }"
    with open_store(folder) as store:
        assert query(store, "ASK { ?c kgev:status kgev:rumoured }").askAnswer is True
        assert query(store, "ASK { ?c kgev:status kgev:denied }").askAnswer is False
        assert isomorphic(query(store, construct).graph, query(memory, construct).graph)
        with pytest.raises(QueryError, match=r"SPARQL syntax error at line 2, column \d+"):
            query(store, "SELECT ?x\nWHERE { ?x }")
        with pytest.raises(QueryError, match=r"SPARQL syntax error at line 2"):  # checked before bindings go in
            query(store, "SELECT ?x\nWHERE { ?x }", bindings={"x": "Baidu"})
        assert list(query(store, "about_entity", bindings={"name": "Baidu"}))
    with open_store(folder) as store:  # a query left nothing holding the folder's lock
        assert query(store, "ASK { ?c a kgev:Claim }").askAnswer is True


# Article identity: an id is the file's name, never one of kg_ev's own graphs, never two files'


def _copy(source, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source.read_bytes())
    return target


def test_an_article_file_named_like_a_graph_of_kg_ev_does_not_take_it(nlp, tmp_path, capsys):
    from kg_ev.export import load
    from kg_ev.tables import entities
    from kg_ev.validation import validate

    dev = sorted(DEV.glob("dev0*.txt"))
    files = [_copy(dev[0], tmp_path / "in" / "entities.txt"), _copy(dev[2], tmp_path / "in" / "quarantine.txt"),
             _copy(SEED, tmp_path / "in" / "seed.txt")]
    expected = build([dev[0], dev[2], SEED], nlp=nlp).dataset
    with open_store(tmp_path / "kg.db") as store:
        result = build(files, dataset=store, nlp=nlp)
        assert (result.articles, result.failures) == (3, [])
        assert articles(store) == ["entities-article", "quarantine-article", "seed"]
        assert len(entities(store)) == len(entities(expected))  # the shared entity graph is whole
        assert validate(store).conforms
        assert retract(store, ["quarantine-article"]) == ["quarantine-article"]
    assert main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "g.trig")]) == 0
    assert "3 article(s)" in capsys.readouterr().out
    assert validate(load(tmp_path / "g.trig")).conforms


def test_two_files_of_one_name_never_share_an_id_silently(nlp, tmp_path):
    first, second = _copy(SEED, tmp_path / "a" / "news.txt"), _copy(DEV / "dev02-jidu-creation.txt", tmp_path / "b" / "news.txt")
    alone = build([SEED], nlp=nlp)
    with open_store(tmp_path / "kg.db") as store:
        result = build([tmp_path / "a", tmp_path / "b"], dataset=store, nlp=nlp)
        assert result.articles == 1 and result.claims == alone.claims == len(claims(store))
        assert [f.path for f in result.failures] == [str(second)]
        assert "'news' is already taken by " + str(first) in result.failures[0].reason
        # a later build: the store's 'news' came from another file, and stays
        later = build([second], dataset=store, nlp=nlp)
        assert later.articles == 0 and "from " + str(first) in later.failures[0].reason
        assert len(claims(store)) == alone.claims
        # the same file, named another way, replaces its article as before
        again = build([tmp_path / "b" / ".." / "a" / "news.txt", first], dataset=store, nlp=nlp)
        assert (again.articles, again.failures) == (1, [])
        assert articles(store) == ["news"] and len(claims(store)) == alone.claims


@pytest.mark.parametrize("name", ["mon article é.txt", "l’usine à Douai (2).txt"])
def test_an_article_with_spaces_and_accents_is_retracted_by_path_or_by_its_id(tmp_path, capsys, name):
    path = str(_copy(SEED, tmp_path / name))
    store = str(tmp_path / "kg.db")
    for retract_by in ("path", "id"):
        assert main(["build", path, "--store", store]) == 0
        capsys.readouterr()
        assert main(["articles", "--store", store, "--format", "jsonl"]) == 0
        listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [(a["id"], a["source"]) for a in listed] == [(name[:-4], path)]
        encoded = quote(name[:-4], safe="-_.~")  # the graph IRI's form of the id is not an id
        assert main(["retract", "--store", store, encoded]) == 1
        assert "not in" in capsys.readouterr().err
        assert main(["retract", "--store", store, path if retract_by == "path" else listed[0]["id"]]) == 0
        assert capsys.readouterr().out == f"retracted {name[:-4]}\n"
        assert main(["claims", "--store", store]) == 0
        assert capsys.readouterr().out == ""  # every claim gone


def test_a_damaged_store_is_a_one_line_error(tmp_path, capsys):
    store = tmp_path / "kg.db"
    assert main(["build", str(SEED), "--store", str(store)]) == 0
    (store / "CURRENT").unlink()
    capsys.readouterr()
    assert main(["facts", "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {store}: cannot open the store (") and len(err.splitlines()) == 1
