"""Relations read by token patterns over words and typed mentions (relation rules with a
"pattern", issue 12, lane recall 2026-12-03 session 5): constructions whose parse is often
wrong, read by word order. Sentences written for the test (none from the corpora), with the
readings each pattern must not give."""

import json

import pytest

from kg_ev.errors import RuleFileError
from kg_ev.nlp.schema import check_rule_file

from .conftest import ROOT, relations

RULES = ROOT / "kg_ev" / "rules" / "fr"


@pytest.mark.parametrize("text, expected", [
    # a plant named by its owner and its town
    ("Les ouvriers de l'usine Toyota de Valenciennes ont voté la grève.", {("toyota", "locatedIn", "valenciennes")}),
    ("Le modèle sera assemblé dans l'usine de Ford à Cologne dès l'an prochain.", {("ford", "locatedIn", "cologne")}),
    # a plant of the owner in several places: each conjunct
    ("Les usines de Renault en Espagne et en Turquie tournent au ralenti.",
     {("renault", "locatedIn", "espagne"), ("renault", "locatedIn", "turquie")}),
    # a unit described after its name, its owner after 'de' past the description
    ("Zoox, l'unité de robotaxis d'Amazon, a présenté un nouveau véhicule.", {("zoox", "ownedBy", "amazon")}),
    ("Horse, la division des moteurs thermiques du groupe Renault, recrute.", {("horse-powertrain", "ownedBy", "renault")}),
])
def test_patterns_read(nlp, text, expected):
    found = relations(nlp, text)
    assert expected <= found, found


@pytest.mark.parametrize("text, predicate", [
    # a planned or former plant is no seat
    ("La future usine Tesla de Grünheide emploiera 12 000 personnes.", "locatedIn"),
    ("Les salariés de l'ancien site Ford de Blanquefort manifestent.", "locatedIn"),
    # a name after a preposition is a complement, not the unit the apposition describes
    ("Interrogée par Reuters, la branche de Renault au Maroc n'a pas répondu.", "ownedBy"),
    # a plant being built is no seat
    ("Le chinois BYD va construire l'usine de BYD à Szeged dès cette année.", "locatedIn"),
])
def test_patterns_do_not_read(nlp, text, predicate):
    found = relations(nlp, text)
    assert not [t for t in found if t[1] == predicate], found


@pytest.mark.parametrize("pattern, message", [
    ([{"slot": "subject"}, {"LOWER": "de"}], "one {\"slot\": \"subject\"} and one"),
    ([{"slot": "subject"}, {"LOWER": "de", "cue": True}, {"slot": "object", "LOWER": "x"}], "each alone"),
    ([{"slot": "subject"}, {"LOWER": {"BAD": 1}}, {"slot": "object"}], "not a valid token pattern"),
])
def test_malformed_patterns_fail_at_load(pattern, message):
    data = json.loads((RULES / "relations.json").read_text(encoding="utf-8"))
    data["rules"].append({"predicate": "ownedBy", "confidence": 0.7, "pattern": pattern})
    with pytest.raises(RuleFileError, match="pattern"):
        check_rule_file("relations", data, source="relations.json")
    try:
        check_rule_file("relations", data, source="relations.json")
    except RuleFileError as error:
        assert message in str(error)


@pytest.mark.parametrize("text, expected", [
    # a possessed product qualified as future, or being launched, is its maker's plan
    ("Nissan a confirmé que sa prochaine Leaf sera produite à Sunderland.", ("nissan", "plansToLaunch", "leaf")),
    ("Dacia commercialisera sa future Spring en 2025.", ("dacia", "plansToLaunch", "spring")),
])
def test_a_possessed_future_product_is_a_plan(nlp, text, expected):
    found = relations(nlp, text)
    assert expected in found, found


def test_a_customer_waiting_for_its_product_plans_nothing(nlp):
    found = relations(nlp, "Le loueur Hertz attend sa future Model Y pour le printemps.")
    assert not [t for t in found if t[1] in {"plansToLaunch", "produces"}], found


@pytest.mark.parametrize("text, expected", [
    # a relative clause the parser attached to nothing: the nearest organisation before 'dont'
    ("Verkor est une start-up française, créée en 2020, dont le siège est à Grenoble.", ("verkor", "locatedIn", "grenoble")),
])
def test_a_seat_told_by_dont(nlp, text, expected):
    found = relations(nlp, text)
    assert expected in found, found


@pytest.mark.parametrize("text, city, region", [
    # the region named after a town by a description is the town's, no second place of a list
    ("Chery Automotive est un constructeur fondé en 1997, dont le siège est à Wuhu, dans la province d'Anhui.",
     "wuhu", "anhui"),
    ("Renault possède une usine à Flins, dans la région parisienne.", "flins", None),
])
def test_a_region_after_a_town_is_no_second_seat(nlp, text, city, region):
    found = relations(nlp, text)
    seats = {o for s, p, o in found if p == "locatedIn"}
    assert city in seats and (region is None or region not in seats), found


@pytest.mark.parametrize("text, maker, phrase", [
    # a maker's project of a kind of product is its plan, the product phrase its object
    ("Le projet de voiture électrique de Xiaomi avance plus vite que prévu.", "xiaomi", "voiture électrique"),
    ("Sony a confirmé son projet de berline électrique.", "sony", "berline électrique"),
])
def test_a_project_of_a_product_is_a_plan(nlp, text, maker, phrase):
    found = relations(nlp, text)
    assert any(s == maker and p == "plansToLaunch" and phrase in o for s, p, o in found), found


def test_a_project_of_no_product_is_no_plan(nlp):
    found = relations(nlp, "Le projet de gigafactory de Verkor à Dunkerque avance.")
    assert not [t for t in found if t[1] == "plansToLaunch"], found


def test_a_quantity_noun_reads_what_it_counts(nlp):
    # 'une série de marques : A, B et C': the brands the quantity counts, listed after a colon
    found = relations(nlp, "Depuis 2021, Stellantis possède une série de marques européennes sous son toit : Peugeot, Fiat et Opel.")
    assert {("peugeot", "ownedBy", "stellantis"), ("fiat", "ownedBy", "stellantis"), ("opel", "ownedBy", "stellantis")} <= found, found


def test_a_thing_in_common_between_two_companies(nlp):
    found = relations(nlp, "Le nouveau moteur commun entre Toyota et le groupe Subaru sera produit au Japon.")
    assert ("subaru", "partnersWith", "toyota") in found or ("toyota", "partnersWith", "subaru") in found, found


def test_in_common_without_a_pair_is_no_partnership(nlp):
    found = relations(nlp, "Toyota a un intérêt commun avec les autres constructeurs japonais, selon Nissan.")
    assert not [t for t in found if t[1] == "partnersWith"], found


@pytest.mark.parametrize("text, expected", [
    # a brand named between its noun and its owner, wherever the parser hangs 'de Y'
    ("Le fournisseur équipera la marque Cupra de Seat dans le cadre d'un contrat de dix ans.", ("cupra", "ownedBy", "seat")),
    ("Il a présenté la filiale Mobilize du groupe Renault aux investisseurs.", ("mobilize", "ownedBy", "renault")),
])
def test_a_brand_between_its_noun_and_its_owner(nlp, text, expected):
    found = relations(nlp, text)
    assert expected in found, found


def test_a_product_after_a_brand_is_no_owner(nlp):
    found = relations(nlp, "La marque Tesla de voitures électriques domine le marché.")
    assert not [t for t in found if t[1] == "ownedBy"], found


def test_a_headline_label_before_a_colon_is_no_subject(nlp):
    # the parser makes a headline's label of several words the subject; the names after the colon are
    found = relations(nlp, "Batteries solides : Renault et Nissan officialisent leur alliance")
    assert ("nissan", "partnersWith", "renault") in found or ("renault", "partnersWith", "nissan") in found, found


def test_a_relative_after_its_preposition_has_the_name_before_as_antecedent(nlp):
    # 'X, avec lequel Y développe ...': the name before the preposition is the relative's antecedent
    found = relations(nlp, "Le premier client est le groupe Renault, avec lequel Verkor développe des cellules.")
    assert ("renault", "partnersWith", "verkor") in found or ("verkor", "partnersWith", "renault") in found, found


def test_a_source_before_a_relative_is_no_antecedent(nlp):
    found = relations(nlp, "Les discussions visent désormais Nissan selon Reuters, avec qui Foxconn négocie depuis mars.")
    assert not [t for t in found if "reuters" in (t[0], t[2])], found
