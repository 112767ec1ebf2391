"""Facts across articles and their standing over time, on the dev corpus's stories."""

import json

import pytest

from kg_ev.building import build
from kg_ev.cli import main
from kg_ev.errors import ArticleError
from kg_ev.export import write
from kg_ev.standing import facts, standing_of

from .conftest import DEV, SEED


@pytest.fixture(scope="module")
def corpus(nlp):
    """Tesla and CATL (rumour in January 2020, confirmation in April), Baidu and Geely
    (rumour in January 2021, joint venture announced in March), and the seed."""
    paths = sorted(DEV.glob("dev0[12]*.txt")) + sorted(DEV.glob("dev10*.txt")) + [SEED]
    paths += [p for p in sorted(DEV.glob("*.txt")) if "catl" in p.read_text(encoding="utf-8").lower()[:400]]
    return build(paths, nlp=nlp).dataset


def _fact(found, labels):
    return next(f for f in found if f.labels == labels or f.labels == (labels[2], labels[1], labels[0]))


def test_a_rumour_then_its_confirmation(corpus):
    fact = _fact(facts(corpus), ("Baidu", "partnersWith", "Geely"))
    assert fact.history == (("2021-01", "rumoured"), ("2021-03", "confirmed"))
    assert (fact.standing, fact.since) == ("confirmed", "2021-03")
    assert {c["status"] for c in fact.claims} >= {"rumoured", "confirmed"}
    assert "Reuters" in fact.sources and "Baidu" in fact.sources


def test_what_was_believed_on_a_date(corpus):
    before = _fact(facts(corpus, at="2021-02-15"), ("Baidu", "partnersWith", "Geely"))
    assert (before.standing, len(before.claims)) == ("rumoured", sum(c["date"] <= "2021-02-15" for c in before.claims))
    assert not any(f.labels[0] == "Xiaomi" for f in facts(corpus, at="2021-02-28"))
    xiaomi = _fact(facts(corpus, at="2021-03-31"), ("Xiaomi", "partnersWith", "Great Wall Motors"))
    assert xiaomi.standing == "rumoured"
    with pytest.raises(ArticleError, match="malformed date"):
        facts(corpus, at="31/03/2021")


def _claim(status, sources=(), date="2021-01"):
    return {"status": status, "sources": list(sources), "date": date}


@pytest.mark.parametrize("claims, standing", [
    ([_claim("rumoured")], "rumoured"),
    ([_claim("rumoured", ["reuters"])], "rumoured"),
    ([_claim("reported", ["bloomberg"])], "reported"),
    ([_claim("rumoured", ["reuters"]), _claim("rumoured", ["reuters"], "2021-02")], "rumoured"),
    ([_claim("rumoured", ["reuters"]), _claim("reported", ["bloomberg"], "2021-02")], "corroborated"),
    ([_claim("rumoured", ["reuters"]), _claim("asserted", date="2021-02")], "asserted"),
    ([_claim("confirmed", ["baidu"]), _claim("denied", ["geely"], "2021-02")], "denied"),
    ([_claim("denied", ["geely"]), _claim("confirmed", ["geely"], "2021-04")], "confirmed"),
    ([_claim("confirmed", ["baidu"], "2021-04"), _claim("denied", ["geely"], "2021-04")], "denied"),
])
def test_the_standing_rule(claims, standing):
    assert standing_of(claims) == standing


def test_cli_facts(corpus, tmp_path, capsys):
    path = write(corpus, tmp_path / "corpus.trig")
    assert main(["facts", str(path), "--standing", "confirmed"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and {r["standing"] for r in rows} == {"confirmed"}
    baidu = next(r for r in rows if {r["subject_label"], r["object_label"]} == {"Baidu", "Geely"}
                 and r["predicate"] == "partnersWith")
    assert baidu["history"] == [["2021-01", "rumoured"], ["2021-03", "confirmed"]]
    assert main(["facts", str(path), "--at", "2021-02", "--format", "table"]) == 0
    assert "rumoured" in capsys.readouterr().out
