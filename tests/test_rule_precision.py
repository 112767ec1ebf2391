"""Rule cues and argument strategies restricted because their measured precision over the
180 real articles was below one half (docs/quality.md, "Per-rule precision"), on French
sentences written for the purpose (none of them from the corpora)."""

import pytest

from .conftest import relations


def by_predicate(nlp, text, predicate):
    return {(s, o) for (s, p, o) in relations(nlp, text) if p == predicate}


@pytest.mark.parametrize("text", [
    # a supplier equips another maker's car; a dealer sells it; an offer is no making
    "Le fournisseur Bosch équipe la Peugeot 308 de ses capteurs.",
    "Le distributeur Emil Frey vend la Dacia Spring dans ses concessions suisses.",
    "Le loueur Sixt propose la Tesla Model Y à ses clients professionnels.",
])
def test_equipping_selling_or_offering_is_no_production(nlp, text):
    assert not by_predicate(nlp, text, "produces"), relations(nlp, text)


def test_making_is_still_production(nlp):
    found = by_predicate(nlp, "Renault fabrique la Zoé dans son usine de Flins.", "produces")
    assert ("renault", "renault-zoe") in found or any(s == "renault" for s, _ in found), found


@pytest.mark.parametrize("text", [
    "Daimler est né de la fusion de Chrysler et de Mercedes-Benz en 1998.",
    "Depuis la fusion entre Peugeot et Fiat, le groupe a fermé deux usines.",
])
def test_a_merger_is_no_partnership(nlp, text):
    assert not by_predicate(nlp, text, "partnersWith"), relations(nlp, text)


def test_a_partnership_is_still_read(nlp):
    found = by_predicate(nlp, "Valeo a signé un partenariat avec Michelin.", "partnersWith")
    assert found, found


@pytest.mark.parametrize("text", [
    # a plant told through the clause's verb is being created, opened or talked about
    "Volvo va inaugurer une usine en Slovaquie au printemps.",
    "Le groupe Kia doit ensuite avoir un site à Valence pour alimenter ses lignes.",
])
def test_a_plant_the_subject_creates_or_inaugurates_is_no_seat(nlp, text):
    assert not by_predicate(nlp, text, "locatedIn"), relations(nlp, text)


def test_an_owned_plant_is_still_a_seat(nlp):
    found = by_predicate(nlp, "La production a repris dans son usine de Sochaux, a indiqué Peugeot.", "locatedIn")
    assert ("peugeot", "sochaux") in found, relations(nlp, "La production a repris dans son usine de Sochaux, a indiqué Peugeot.")


@pytest.mark.parametrize("text", [
    # a production volume or a production plan is no launch
    "Le groupe Scania prévoit de fabriquer 800 camions électriques par an à partir de 2027.",
    "Renault compte construire des utilitaires électriques dans le nord de la France.",
    # a supplier delivering parts named after the verb
    "Bosch et Hyundai sont en discussion pour livrer des capteurs de nouvelle génération de la gamme Lidar X200.",
])
def test_production_or_delivery_verbs_launch_only_named_products(nlp, text):
    assert not by_predicate(nlp, text, "plansToLaunch"), relations(nlp, text)


def test_a_planned_production_of_a_named_model_is_still_a_launch(nlp):
    found = by_predicate(nlp, "Fiat prévoit de produire dès 2026 la nouvelle Panda électrique.", "plansToLaunch")
    assert any(s == "fiat" for s, _ in found), found


def test_a_minority_share_after_the_verb_owns_nothing(nlp):
    text = "Volvo, dont le groupe Geely détient directement 8,2 % du capital, a publié ses résultats."
    assert not by_predicate(nlp, text, "ownedBy"), relations(nlp, text)


def test_a_majority_share_after_the_verb_still_owns(nlp):
    text = "Le groupe Geely détient 51 % de Lotus depuis 2017."
    assert ("lotus", "geely") in by_predicate(nlp, text, "ownedBy"), relations(nlp, text)


@pytest.mark.parametrize("text", [
    "Le groupe BYD tente de s'implanter au Mexique en rachetant un site existant.",
    "La start-up Verkor souhaiterait s'installer en Allemagne d'ici trois ans.",
])
def test_an_attempt_to_settle_is_no_seat(nlp, text):
    assert not by_predicate(nlp, text, "locatedIn"), relations(nlp, text)


def test_a_participle_describes_its_noun_not_the_plan_of_the_clause(nlp):
    # the plan ('envisage de confier') governs the noun, not what the participle says of it
    text = "Nissan envisage de confier la production au sous-traitant Magna, basé à Graz."
    assert ("magna", "graz") in by_predicate(nlp, text, "locatedIn"), relations(nlp, text)


@pytest.mark.parametrize("text", [
    "Renault a évoqué hier un partenariat potentiel avec Geely.",
    "Pour la prochaine étape, une éventuelle alliance de Mazda avec Suzuki en Afrique.",
])
def test_a_hypothetical_alliance_is_no_partnership(nlp, text):
    assert not by_predicate(nlp, text, "partnersWith"), relations(nlp, text)


def test_an_alliance_is_still_a_partnership(nlp):
    text = "L'alliance entre Mazda et Suzuki porte sur les moteurs électriques."
    assert by_predicate(nlp, text, "partnersWith"), relations(nlp, text)


@pytest.mark.parametrize("text, entered", [
    # 'se lancer dans' enters a market; 'lancer' a division or a sale does not
    ("Sony se lance dans la voiture électrique.", True),
    ("Sony se prépare à lancer une division de recherche dans l'automobile.", False),
    ("Geely a lancé la vente de deux modèles sur plusieurs marchés européens.", False),
])
def test_only_the_reflexive_lancer_enters_a_market(nlp, text, entered):
    assert bool(by_predicate(nlp, text, "entersMarket")) is entered, relations(nlp, text)


def test_a_joint_aim_tells_no_maker(nlp):
    # 'A et B ... pour produire X': which of them makes X is not told
    text = "Renault et Geely investiraient dans une usine située à Valladolid pour produire la Twingo."
    assert not by_predicate(nlp, text, "produces"), relations(nlp, text)


def test_a_single_makers_purpose_is_still_read(nlp):
    text = "Renault a agrandi son usine de Flins pour produire la Zoe."
    assert ("renault", "zoe") in by_predicate(nlp, text, "produces"), relations(nlp, text)


def test_a_rule_of_low_measured_precision_stays_out(nlp):
    # 'a présenté la X' (produces, measured 1 right of 4) carries its measured precision as
    # confidence, below the file's min_confidence: no claim
    text = "Lors du salon, Renault a présenté la Scenic électrique."
    assert not by_predicate(nlp, text, "produces"), relations(nlp, text)


def test_only_rules_of_low_measured_precision_fall_below_min_confidence():
    from kg_ev.resources import rules
    data = rules("fr", "relations")
    low = [r for r in data["rules"] if r["confidence"] < data["min_confidence"]]
    assert low and all("_comment_confidence" in r for r in low)  # each says what was measured
    # a hand-set rule read through a pronoun or a description stays above the gate
    lowest_kept = min(r["confidence"] for r in data["rules"] if r not in low)
    assert lowest_kept - data["coreference_penalty"] >= data["min_confidence"]


def test_a_rule_s_calibrated_precision_shrinks_few_observations():
    from kg_ev.nlp.rule_precision import calibrated

    assert calibrated(0, 1) == pytest.approx(0.35)  # one error is little evidence
    assert calibrated(80, 20) == pytest.approx(80.7 / 101)  # many: near the measured 0.80
    assert calibrated(1, 0) < 1.0


# -- calibrated cue confidence (relations.json 'calibrated_cues'; branch lane-prec, session 5) ---

def test_a_cue_never_right_stays_under_the_threshold(nlp):
    # 'le site de X à Y': a plant or a station, no seat; the cue's measured precision (0 of 4)
    # is its confidence, under min_confidence
    assert not by_predicate(nlp, "Le site de Volvo Cars à Gand emploie 5000 personnes.", "locatedIn")


def test_other_cues_of_the_same_predicate_are_untouched(nlp):
    assert ("volvo-cars", "goteborg") in by_predicate(nlp, "Volvo Cars est basé à Göteborg.", "locatedIn")


@pytest.mark.parametrize("table, message", [
    ({"seatOf:site": 0.1}, "known predicate"),
    ({"locatedIn": 0.1}, "known predicate"),
    ({"locatedIn:site": 1.5}, "[0, 1]"),
])
def test_calibrated_cues_are_checked_when_the_rules_load(table, message):
    import json
    from importlib.resources import files

    from kg_ev.errors import RuleFileError
    from kg_ev.nlp.schema import check_rule_file
    data = json.loads(files("kg_ev.rules.fr").joinpath("relations.json").read_text(encoding="utf-8"))
    data["calibrated_cues"] = table
    with pytest.raises(RuleFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        check_rule_file("relations", data, source="relations.json")
