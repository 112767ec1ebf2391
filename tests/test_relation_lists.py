"""Relation forms the rules used to miss on the 180 real articles (branch recall): lists
announced by a plural noun, a colon or brackets, a product's maker after 'de', supply,
the creation of a joint company, coordinated titles. Sentences written for the test."""

import pytest

from .conftest import relations


def partners(found):
    return {tuple(sorted((s, o))) for s, p, o in found if p == "partnersWith"}


@pytest.mark.parametrize("text, expected", [
    # a product's maker named right after it by 'de', wherever the parser hung the complement
    ("Les clients apprécient beaucoup le modèle Ioniq 6 de Hyundai.", {("hyundai-motor", "produces", "ioniq-6")}),
    ("Les ingénieurs ont démonté la batterie Blade de BYD dans leur laboratoire.", {("byd", "produces", "blade")}),
    # the instances of a plural noun: 'telles que', or a colon right before a name
    ("Renault a noué des partenariats avec plusieurs entreprises asiatiques, telles que Toyota, Honda et Nissan.",
     {("renault", "partnersWith", "toyota"), ("renault", "partnersWith", "honda"), ("renault", "partnersWith", "nissan")}),
    ("Le fabricant Bosch a collaboré avec de grands groupes pour ce capteur : Valeo, Continental et Denso.",
     {("bosch", "partnersWith", "valeo"), ("bosch", "partnersWith", "continental"), ("bosch", "partnersWith", "denso")}),
    # a supplier's customers hung on what is supplied
    ("Dès 2026, Valeo fournira sa technologie de freinage à Renault, Stellantis et Toyota.",
     {("valeo", "partnersWith", "renault"), ("valeo", "partnersWith", "stellantis"), ("valeo", "partnersWith", "toyota")}),
    # board members work for the company
    ("Marie Dupont, administratrice indépendante du groupe Renault, a quitté le conseil.",
     {("marie-dupont", "worksFor", "renault")}),
    # a name the tagger took for an adjective after a possessed brand noun
    ("Geely veut grandir hors de Chine. Il est présent en Europe avec ses marques Lynk&Co et Polestar.",
     {("lynk-co", "ownedBy", "geely"), ("polestar", "ownedBy", "geely")}),
    # a list in brackets runs to the closing bracket
    ("Les syndicats de Volkswagen (marques Audi, Skoda, Porsche, Bentley, Lamborghini) ont manifesté hier.",
     {("audi", "ownedBy", "volkswagen"), ("skoda", "ownedBy", "volkswagen"), ("porsche", "ownedBy", "volkswagen"),
      ("bentley", "ownedBy", "volkswagen"), ("lamborghini", "ownedBy", "volkswagen")}),
])
def test_list_and_complement_forms(nlp, text, expected):
    found = relations(nlp, text)
    assert expected <= found, found


def test_announced_joint_company_makes_partners(nlp):
    found = relations(nlp, "Michelin et Faurecia ont annoncé la création d'une société commune pour produire des piles à hydrogène.")
    assert ("forvia", "michelin") in partners(found), found


def test_a_studied_joint_company_is_no_partnership(nlp):
    found = relations(nlp, "Renault étudie la création d'une coentreprise avec Geely en Corée.")
    assert not partners(found), found


def test_coordinated_titles_name_the_person_after_the_comma(nlp):
    found = relations(nlp, "Jean Martin, président chez Valeo, a salué l'accord. « Nous construisons l'avenir », "
                           "a ajouté le président et fondateur de Northvolt, Peter Carlsson.")
    assert {("peter-carlsson", "leads", "northvolt"), ("peter-carlsson", "founderOf", "northvolt")} <= found, found
    assert ("jean-martin", "leads", "northvolt") not in found and ("jean-martin", "founderOf", "northvolt") not in found, found


def test_a_plural_list_is_no_apposition(nlp):
    """'des sociétés, telles que A, B et C': every listed name, not only those after the
    second comma the parser read as the noun's apposition."""
    found = relations(nlp, "Renault a noué des partenariats avec plusieurs entreprises asiatiques, telles que Toyota, Honda et Nissan.")
    assert {("nissan", "renault"), ("honda", "renault"), ("renault", "toyota")} <= partners(found), found


@pytest.mark.parametrize("text, expected", [
    # a title coordinated with another shares its organisation
    ("Paul Girard, CEO et directeur de la stratégie de Valeo, a présenté les comptes.", {("paul-girard", "leads", "valeo")}),
    ("Fondée en 2016, Northvolt a grandi vite, selon son fondateur et CEO Peter Carlsson.",
     {("peter-carlsson", "leads", "northvolt"), ("peter-carlsson", "founderOf", "northvolt")}),
    # a group that makes cars of a brand owns it; 'aussi bien A que B' is a coordination
    ("Volkswagen, qui fabrique aussi bien des Audi que des Skoda et des Bentley, réduit ses coûts.",
     {("audi", "ownedBy", "volkswagen"), ("skoda", "ownedBy", "volkswagen"), ("bentley", "ownedBy", "volkswagen")}),
])
def test_title_and_brand_forms(nlp, text, expected):
    found = relations(nlp, text)
    assert expected <= found, found


def test_a_product_made_is_no_owned_brand(nlp):
    found = relations(nlp, "Tesla vend des voitures électriques en Chine.")
    assert not [r for r in found if r[1] == "ownedBy"], found


def test_working_with_and_ordering_from(nlp):
    found = relations(nlp, "Selon la presse, Mazda travaillerait avec Toyota et Subaru sur un moteur à hydrogène.")
    assert {("mazda", "toyota"), ("mazda", "subaru")} <= partners(found), found
    found = relations(nlp, "Le transporteur Geodis a commandé 40 camions électriques à Volvo.")
    assert any(pair[0] == "geodis" or pair[1] == "geodis" for pair in partners(found)), found


def test_buying_under_discussion_is_no_partnership(nlp):
    found = relations(nlp, "Audi discute avec SAIC pour acheter une plateforme électrique.")
    assert ("audi", "negotiatesWith", "saic") in found and not partners(found), found


@pytest.mark.parametrize("text, absent, kept", [
    # after a clause with its subject, a comma ends a list item: what follows is no subject
    ("Le groupe a déjà signé des accords avec plusieurs fournisseurs, dont Bosch, Valeo et Continental.",
     {("bosch", "partnersWith", "valeo"), ("bosch", "partnersWith", "continental"),
      ("continental", "partnersWith", "valeo")}, set()),
    # a phrase put before its clause still describes the subject after the comma
    ("Fournisseur historique de Renault, Valeo a indiqué qu'il allait construire une usine.",
     set(), {("valeo", "partnersWith", "renault")}),
    ("Fondé en 2014 et basé à Canton, Xpeng vend ses voitures en Norvège.", set(), {("xpeng", "locatedIn", "canton")}),
])
def test_a_name_after_a_comma_is_the_subject_only_of_a_fronted_phrase(nlp, text, absent, kept):
    found = relations(nlp, text)
    assert not found & absent and kept <= found, found
