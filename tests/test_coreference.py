"""Pronouns and descriptions standing for an entity named before them, on French sentences
written for the purpose (none of them from the corpora): what the resolver must resolve,
where it must abstain, and the provenance a resolved argument keeps."""

import pytest

from kg_ev.article import parse_article
from kg_ev.extraction import extract

from .conftest import claims_by_triple as relations


def pronoun_mentions(nlp, text):
    doc = nlp(text)
    infos = doc._.kg_entities
    return [(doc[m.start].text, [infos[k].label for k in m.keys]) for m in doc._.kg_mentions if m.via == "pronoun"]


# -- a subject pronoun continues the organisation the text spoke of ------------------------
@pytest.mark.parametrize("text, triple", [
    ("Renault a présenté mardi un plan d'économies. Il prévoit de s'associer avec Geely.",
     ("geely", "partnersWith", "renault")),
    # a noun that may describe an organisation before the pronoun is no rival to it
    ("Fournisseur historique de Renault, Valeo a indiqué qu'il allait s'associer avec Stellantis.",
     ("stellantis", "partnersWith", "valeo")),
])
def test_a_subject_pronoun_stands_for_the_organisation_before_it(nlp, text, triple):
    found = relations(nlp, text)
    assert triple in found or triple[::-1] in found, found


# -- where the pronoun stands for something else -------------------------------------------
@pytest.mark.parametrize("text, triple", [
    # a common noun of the pronoun's gender that names no entity: 'elle' is the town
    ("Renault cherche un site pour sa future usine. La ville de Lyon est candidate, mais elle est en "
     "concurrence avec Stellantis.", ("renault", "competesWith", "stellantis")),
    # a person is the last subject: 'elle' is the person, not the company named before
    ("Marie Durand quitte Stellantis. C'est Marie Durand qui remplace Jean Morel à la présidence. "
     "Elle possède aussi une société de conseil, Arvalis.", ("arvalis", "ownedBy", "stellantis")),
    # a title ('le patron') is the last subject: 'il' is a person
    ("Geely a publié ses résultats. Le patron a ajouté qu'il discutait avec Renault d'un accord.",
     ("geely", "negotiatesWith", "renault")),
    # a government is the last subject: 'il' is the government
    ("Tesla cherche un site en Europe. Le gouvernement italien veut doubler sa production. Il discute "
     "avec Stellantis d'une nouvelle usine.", ("stellantis", "negotiatesWith", "tesla")),
])
def test_a_pronoun_after_another_subject_is_left_unresolved(nlp, text, triple):
    found = relations(nlp, text)
    assert triple not in found and triple[::-1] not in found, found


@pytest.mark.parametrize("text", [
    "Renault a présenté sa stratégie. Il est prévu que la Twingo soit produite en Slovénie.",
    "Renault a présenté un nouveau projet. Il s'agit d'une coentreprise avec Geely.",
    "Renault a présenté ses résultats. Il y a trois usines en France.",
    "Renault a présenté ses résultats. Il faut dire que Geely est un partenaire important.",
])
def test_an_impersonal_il_refers_to_nothing(nlp, text):
    assert [m for m in pronoun_mentions(nlp, text) if m[0].lower() == "il"] == []


# -- provenance: a resolved argument keeps where it was named -----------------------------
def test_a_claim_records_the_mention_a_pronoun_was_resolved_to(nlp):
    text = "Renault a présenté mardi un plan d'économies. Il prévoit de s'associer avec Geely."
    extraction = extract(parse_article(text, "t", date="2024-01"), nlp=nlp)
    claim = next(c for c in extraction.claims if c.predicate == "partnersWith")
    article = extraction.article.text
    assert claim.evidence.text == "Il prévoit de s'associer avec Geely."
    (resolution,) = claim.resolutions
    assert resolution.text == "Il" and article[resolution.start:resolution.end] == "Il"
    assert resolution.antecedent_text == "Renault"
    assert article[resolution.antecedent_start:resolution.antecedent_end] == "Renault"
    assert resolution.antecedent_end <= claim.evidence.start  # named in an earlier sentence
    assert (claim.subject if resolution.role == "subject" else claim.object) == "renault"


def test_a_claim_between_names_records_no_resolution(nlp):
    extraction = extract(parse_article("Renault s'associe avec Geely.", "t", date="2024-01"), nlp=nlp)
    assert [c.resolutions for c in extraction.claims] == [()]


@pytest.mark.parametrize("text, triple", [
    # a person is the last subject: 'elle' is that person, and her title reads as usual
    ("C'est Marie Durand qui remplace Jean Morel à la présidence de Renault. Elle est également "
     "directrice financière de Valeo.", ("marie-durand", "worksFor", "valeo")),
])
def test_a_pronoun_after_a_person_stands_for_that_person(nlp, text, triple):
    assert triple in relations(nlp, text)


def test_rule_precision_counts_the_facts_that_rely_on_a_resolution_apart(tmp_path):
    import json

    from kg_ev.nlp.rule_precision import tally

    (tmp_path / "a1.txt").write_text("Renault a présenté mardi un plan d'économies. Il prévoit de s'associer avec "
                                     "Geely.\n\nStellantis vend des voitures avec Leapmotor.\n", encoding="utf-8")
    gold = {"id": "a1", "lang": "fr", "entities": [
        {"name": "Renault", "type": "Organization"}, {"name": "Geely", "type": "Organization"},
        {"name": "Stellantis", "type": "Organization"}, {"name": "Leapmotor", "type": "Organization"}],
        "relations": [{"s": "Renault", "p": "partnersWith", "o": "Geely", "status": "asserted", "sources": []}]}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    counts = tally([(tmp_path, tmp_path / "gold.jsonl")], by_argument=True)
    assert counts[("pronoun",)] == [1, 0]
    assert all(key[0] in {"name", "pronoun", "description", "description+pronoun"} for key in counts)


@pytest.mark.parametrize("text, triple", [
    # the nationality rules out the only company named: the description is left unresolved
    ("Geely a présenté mardi un nouveau modèle. Le constructeur américain va s'associer avec Renault.",
     ("geely", "partnersWith", "renault")),
    # a 'de + country' complement is a nationality too
    ("Toyota a présenté ses résultats. Le premier conglomérat de Corée du Sud va s'associer avec Renault.",
     ("renault", "partnersWith", "toyota")),
])
def test_a_description_whose_nationality_no_candidate_has_is_left_unresolved(nlp, text, triple):
    found = relations(nlp, text)
    assert triple not in found and triple[::-1] not in found, found


def test_a_description_whose_nationality_matches_is_resolved(nlp):
    found = relations(nlp, "Geely a présenté mardi un nouveau modèle. Le constructeur chinois va s'associer avec Renault.")
    assert ("geely", "partnersWith", "renault") in found or ("renault", "partnersWith", "geely") in found, found


# -- the provenance of a resolution reaches the graph, its tables and its validation ---------
TWO_SENTENCES = ("Renault a présenté ses résultats mardi à Paris. Le constructeur a signé un partenariat "
                 "avec Valeo pour ses moteurs électriques.")


def _built(nlp):
    from kg_ev.building import build

    result = build([parse_article(TWO_SENTENCES, "t", date="2024-01")], nlp=nlp)
    assert result.claims and not result.violations
    return result.dataset


def test_a_resolution_is_written_to_the_graph_and_read_back(nlp):
    from kg_ev.tables import claims

    (row,) = [r for r in claims(_built(nlp)) if r["predicate"] == "partnersWith"]
    assert row["subject_label"] == "Renault"
    (resolution,) = row["resolutions"]
    assert resolution["role"] == "subject" and resolution["text"] == "Le constructeur"
    assert TWO_SENTENCES[resolution["start"]:resolution["end"]] == "Le constructeur"
    assert resolution["antecedent"] == "Renault"
    assert TWO_SENTENCES[resolution["antecedent_start"]:resolution["antecedent_end"]] == "Renault"


def test_a_resolution_whose_mention_is_not_in_the_text_puts_its_claim_aside(nlp):
    from rdflib import Literal
    from rdflib.namespace import RDF

    from kg_ev.namespace import KGEV, OA
    from kg_ev.rdf import QUARANTINE, article_graphs
    from kg_ev.validation import quarantine, validate

    dataset = _built(nlp)
    (graph,) = [g for g in article_graphs(dataset) if (None, KGEV.resolution, None) in g]
    claim = next(graph.subjects(KGEV.resolution, None))
    resolution = graph.value(claim, KGEV.resolution)
    mention = graph.value(resolution, KGEV.antecedent)
    graph.set((mention, OA.exact, Literal("Stellantis")))  # not the words at its offsets
    result = validate(dataset)
    assert any("evidence offsets" in v.message for v in result.violations), [str(v) for v in result.violations]
    assert quarantine(dataset.graph(QUARANTINE), graph, result) == 1
    aside = dataset.graph(QUARANTINE)
    assert (claim, RDF.type, KGEV.QuarantinedClaim) in aside
    # the claim leaves whole: its resolution and mention go with it, and nothing of them stays
    assert (resolution, KGEV.antecedent, mention) in aside and (mention, OA.exact, Literal("Stellantis")) in aside
    assert not list(graph.triples((resolution, None, None))) and not list(graph.triples((mention, None, None)))
    assert validate(dataset).conforms


def test_a_chain_of_descriptions_is_followed_back_to_the_name(nlp):
    text = ("Renault a présenté ses résultats mardi. Le constructeur a ouvert une usine à Douai. "
            "Il a signé un partenariat avec Valeo.")
    extraction = extract(parse_article(text, "t", date="2024-01"), nlp=nlp)
    resolved = [r for c in extraction.claims if c.predicate == "partnersWith" for r in c.resolutions]
    assert [(r.text, r.antecedent_text) for r in resolved] == [("Il", "Renault")], resolved
    assert text[resolved[0].antecedent_start:resolved[0].antecedent_end] == "Renault"


def test_a_record_with_a_broken_resolution_reads_as_missing_values_not_an_error():
    from rdflib import Graph

    from kg_ev.tables import claims

    from .test_shapes import GOOD

    (row,) = claims(Graph().parse(data=GOOD.replace("kgev:antecedent kgid:men .", "."), format="turtle"))
    (resolution,) = row["resolutions"]
    assert resolution["text"] == "le groupe" and resolution["start"] == 43
    assert resolution["antecedent"] is None and resolution["antecedent_start"] is None


def test_the_claims_command_shows_what_a_description_was_resolved_to(nlp, tmp_path, capsys, monkeypatch):
    import kg_ev.extraction
    from kg_ev.cli import main

    monkeypatch.setattr(kg_ev.extraction, "load_pipeline", lambda lang: nlp)
    (tmp_path / "t.txt").write_text(TWO_SENTENCES, encoding="utf-8")
    assert main(["build", str(tmp_path / "t.txt"), "-o", str(tmp_path / "kg.trig")]) == 0
    capsys.readouterr()
    assert main(["claims", str(tmp_path / "kg.trig"), "--format", "table"]) == 0
    assert "Le constructeur → Renault" in capsys.readouterr().out
