"""Bad and unusual input: clear errors, nothing lost, and the same bytes whatever the order."""

import logging

import pytest

import kg_ev.extraction as extract_module
from kg_ev.article import parse_article
from kg_ev.building import build
from kg_ev.cli import main
from kg_ev.export import serialize
from kg_ev.extraction import extract

from .conftest import DEV, SEED

PARAGRAPHS = [
    "Selon Reuters, Xiaomi serait en pourparlers avec Great Wall Motors pour utiliser une de ses usines.",
    "Basé à Pékin, Baidu est dirigé par son cofondateur Robin Li.",
    "Renault et Geely ont annoncé la création de Horse Powertrain, une coentreprise détenue à parts égales.",
]


def test_a_long_article_is_read_in_parts_with_the_same_claims(nlp, monkeypatch, caplog):
    text = "\n\n".join(PARAGRAPHS * 4)
    article = parse_article(text, "long", date="2024-01")
    whole = extract(article, nlp=nlp)
    monkeypatch.setattr(extract_module, "MAX_PART_CHARS", 260)
    with caplog.at_level(logging.WARNING, logger="kg_ev.extraction"):
        parted = extract(article, nlp=nlp)
    assert "read in" in caplog.text
    assert {(c.subject, c.predicate, c.object, c.status) for c in parted.claims} == {
        (c.subject, c.predicate, c.object, c.status) for c in whole.claims}
    for claim in parted.claims:  # offsets point into the whole article
        assert text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    streamed = next(extract_module.extract_many([article], nlp=nlp))
    assert streamed.claims == parted.claims


def test_order_of_articles_does_not_change_the_bytes(nlp):
    files = [DEV / "dev01-baidu-geely-rumeur.txt", DEV / "dev02-jidu-creation.txt", SEED]
    forward = build(files, nlp=nlp).dataset
    backward = build(files[::-1], nlp=nlp).dataset
    for fmt in ("turtle", "trig"):
        assert serialize(forward, format=fmt) == serialize(backward, format=fmt)


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"   \n\t\n", "empty"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary"),
    (b"The company said on Monday it would build a battery plant in Ohio with its partner.", "looks like 'en'"),
])
def test_a_bad_file_among_good_ones_is_reported_by_name(tmp_path, capsys, content, expected):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED.read_bytes())
    (folder / "bad.txt").write_bytes(content)
    out = tmp_path / "g.ttl"
    assert main(["build", str(folder), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "bad.txt" in err and expected in err
    assert "Xiaomi" in out.read_text(encoding="utf-8")


def test_recoverable_input_is_built_and_says_what_was_done(tmp_path, caplog):
    page = tmp_path / "page.txt"
    page.write_text("<html><body><p>Selon Reuters, Xiaomi serait en pourparlers avec Great Wall Motors.</p>"
                    "<p>Basé à Pékin, Baidu est dirigé par Robin Li.</p></body></html>", encoding="cp1252")
    out = tmp_path / "g.ttl"
    with caplog.at_level(logging.WARNING):
        assert main(["build", str(page), "-o", str(out), "--date", "2021-03"]) == 0
    assert "HTML" in caplog.text and "Windows-1252" in caplog.text
    assert "Robin Li" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("graph_text, suffix", [
    ("@prefix kgev: <https://w3id.org/kg-ev/ontology#> .\n<https://example.org/a> kgev:status ", ".ttl"),
    ("<https://example.org/g> { <https://example.org/a> <https://example.org/b> ", ".trig"),
    ("not rdf at all {", ".ttl"),
])
@pytest.mark.parametrize("command", [["validate"], ["claims"], ["entities"], ["query", "--named", "claims_per_source"]])
def test_truncated_graph_files_are_one_clear_error(tmp_path, capsys, graph_text, suffix, command):
    path = tmp_path / f"broken{suffix}"
    path.write_text(graph_text, encoding="utf-8")
    argv = [command[0], str(path), *command[1:]]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and str(path) in err and "malformed" in err and len(err.splitlines()) == 1


def test_an_output_in_a_missing_or_unwritable_folder_is_a_clear_error(tmp_path, capsys, monkeypatch):
    assert main(["build", str(SEED), "-o", str(tmp_path / "missing" / "g.ttl")]) == 2
    assert "does not exist" in capsys.readouterr().err

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)  # a folder we may not write in (tests may run as root)
    assert main(["build", str(SEED), "-o", str(tmp_path / "g.ttl")]) == 2
    assert "cannot be written (Permission denied)" in capsys.readouterr().err
    assert not (tmp_path / "g.ttl").exists()


def test_a_sparql_syntax_error_names_the_place(tmp_path, capsys, seed_result):
    from kg_ev.export import write

    path = write(seed_result.dataset, tmp_path / "seed.ttl")
    assert main(["query", str(path), "SELECT ?x WHERE { ?x kgev:status }"]) == 2
    err = capsys.readouterr().err
    assert "SPARQL syntax error at line" in err


def test_each_article_is_read_by_the_pipeline_of_its_language(nlp, monkeypatch):
    """extract_many loads one pipeline per language met (article.lang), keeping the order."""
    from kg_ev.model import Article

    
    asked = []

    def load(lang):
        asked.append(lang)
        return nlp  # the French pipeline stands in for any language here

    monkeypatch.setattr(extract_module, "load_pipeline", load)
    articles = [Article("a", "Baidu est dirigé par Robin Li.", lang="fr"),
                Article("b", "Tesla est dirigé par Elon Musk.", lang="xx"),
                Article("c", "Geely est basé à Hangzhou.", lang="fr")]
    done = list(extract_module.extract_many(articles))
    assert [e.article.id for e in done] == ["a", "b", "c"]
    assert asked == ["fr", "xx", "fr"]
