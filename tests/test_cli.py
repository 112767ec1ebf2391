import json
import subprocess
import sys

from kg_ev.cli import main

from .conftest import DEV, SEED


def test_build_then_claims_entities_validate_query(tmp_path, capsys):
    out = tmp_path / "seed.ttl"
    assert main(["build", str(SEED), "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith("1 article(s), 13 entities, 15 claims, 0 quarantined")

    assert main(["claims", str(out), "--format", "jsonl", "--status", "rumoured"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["predicate"] for r in rows} == {"partnersWith", "negotiatesWith", "usesFacilityOf", "entersMarket", "plansToLaunch"}
    assert set(rows[0]) == {"iri", "subject", "subject_label", "predicate", "object", "object_label", "status", "sources",
                            "anonymous_sources", "confidence", "evidence", "start", "end", "resolutions", "article",
                            "date"}
    phrase = next(r for r in rows if r["predicate"] == "entersMarket")
    assert phrase["object"] == phrase["object_label"] == "véhicules électriques"

    assert main(["entities", str(out)]) == 0
    entities = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {e["type"] for e in entities} == {"Organization", "Person", "Place", "Product"}
    assert set(entities[0]) == {"iri", "label", "type", "aliases", "wikidata"}

    assert main(["validate", str(out)]) == 0
    assert "Conforms" in capsys.readouterr().out

    assert main(["query", str(out), "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kgev:Claim }", "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "15"]


def test_validate_exits_1_on_a_violation(tmp_path, capsys):
    out = tmp_path / "seed.ttl"
    main(["build", str(SEED), "-o", str(out)])
    text = out.read_text(encoding="utf-8").replace("kgev:status kgev:asserted", "kgev:status kgev:maybe", 1)
    out.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(out)]) == 1
    assert "StatusScheme" in capsys.readouterr().out


def test_errors_are_one_line_without_traceback(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("not turtle {", encoding="utf-8")
    for args in (["claims", str(bad)], ["claims", str(tmp_path / "nope.ttl")],
                 ["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.ttl")],
                 ["build", str(SEED), "-o", str(tmp_path / "missing" / "o.ttl")],
                 ["query", str(SEED.parent.parent / "ontology" / "kg-ev.ttl"), "SELECT WHERE {"]):
        proc = subprocess.run([sys.executable, "-m", "kg_ev.cli", *args], capture_output=True, text=True)
        assert proc.returncode != 0, args
        assert "Traceback" not in proc.stderr
        assert proc.stderr.startswith("error: ") and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_a_bad_article_is_reported_and_the_rest_built(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "english.txt").write_text((DEV / "dev14-en-gm-lges-ultium.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.trig"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "1 article(s)" in captured.out and "1 failed" in captured.out
    assert "english.txt" in captured.err and "looks like 'en'" in captured.err


def test_two_processes_build_the_same_bytes(tmp_path):
    articles = [str(DEV / "dev01-baidu-geely-rumeur.txt"), str(DEV / "dev04-hyundai-kia-dementi.txt"), str(SEED)]
    one, two = tmp_path / "one.trig", tmp_path / "two.trig"
    assert main(["build", *articles, "-o", str(one)]) == 0
    assert main(["build", *articles, "-o", str(two), "--processes", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()


def test_a_progress_bar_on_a_terminal_and_none_otherwise(tmp_path, capsys, monkeypatch):
    from kg_ev.cli import main

    from .conftest import SEED

    assert main(["build", str(SEED), "-o", str(tmp_path / "a.ttl")]) == 0
    assert "article" not in capsys.readouterr().err  # not a terminal: quiet
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    assert main(["build", str(SEED), "-o", str(tmp_path / "b.ttl")]) == 0
    err = capsys.readouterr().err
    assert "1/1" in err and "article/s" in err and "claims=15" in err


def test_query_refuses_service_in_one_line_unless_allowed(tmp_path, capsys, seed_result, listener):
    from kg_ev.export import write

    path = str(write(seed_result.dataset, tmp_path / "seed.ttl"))
    sparql = ("SELECT * WHERE { ?c a kgev:Claim ; kgev:evidence/oa:exact ?t . "
              f"SERVICE <{listener.url}> {{ ?t ?p ?x }} }} LIMIT 1")
    assert main(["query", path, sparql]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "SERVICE" in err and "--allow-service" in err and len(err.splitlines()) == 1
    assert listener.received() == []
    assert main(["query", path, sparql, "--allow-service"]) == 0
    assert listener.received(wait=0.2)
