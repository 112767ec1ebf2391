"""Attribution on short French texts with the real model (none of them from the corpora)."""

import pytest

from kg_ev.article import parse_article
from kg_ev.extraction import extract


def claims(nlp, text):
    extraction = extract(parse_article(text, "t", date="2024-01"), nlp=nlp)
    return {(c.subject, c.predicate, c.object): c for c in extraction.claims}


@pytest.mark.parametrize("opening, closing", [("« ", " »"), ("“", "”")])
def test_a_quotation_over_two_sentences_is_the_speakers(nlp, opening, closing):
    found = claims(nlp, f"{opening}Renault va s'associer avec Geely. Le prix sera déterminant{closing}, estime "
                        "Claire Dupont, analyste chez Foo Research.")
    partnership = found[("renault", "partnersWith", "geely")]
    assert (partnership.status, partnership.sources) == ("reported", ("claire-dupont",))
    role = found[("claire-dupont", "worksFor", "foo-research")]
    assert (role.status, role.sources) == ("asserted", ())  # the speaker's apposition is the article's


def test_anonymous_sources_and_no_comment_make_a_rumour(nlp):
    found = claims(nlp, "Selon des sources proches du dossier, Tesla aurait conclu un accord avec CATL. "
                        "Ni Tesla ni CATL n'ont souhaité commenter.")
    deal = found[("tesla", "partnersWith", "catl")]
    assert deal.status == "rumoured" and deal.sources == ()
    assert [a.text for a in deal.anonymous_sources] == ["des sources proches du dossier"]
    assert set(deal.unconfirmed_by) == {"tesla", "catl"}


@pytest.mark.parametrize("text, key, status, sources", [
    ("Nissan a démenti être en discussion avec Foxconn.", ("nissan", "negotiatesWith", "foxconn"), "denied", ("nissan",)),
    ("Basé à Séoul, Hyundai Motor a annoncé un partenariat avec LG Energy Solution.",
     ("hyundai-motor", "partnersWith", "lg-energy-solution"), "confirmed", ("hyundai-motor",)),
    ("Basé à Séoul, Hyundai Motor a annoncé un partenariat avec LG Energy Solution.",
     ("hyundai-motor", "locatedIn", "seoul"), "asserted", ()),
    ("Partenaire de Huawei, Seres présente le SF5, un SUV électrique.", ("seres", "partnersWith", "huawei"), "asserted", ()),
])
def test_party_statements_and_background(nlp, text, key, status, sources):
    claim = claims(nlp, text)[key]
    assert (claim.status, claim.sources) == (status, sources)


@pytest.mark.parametrize("text, market", [
    ("De nombreux constructeurs chinois veulent entrer sur le marché européen. "
     "Parmi eux, BYD et Geely ont déjà ouvert des bureaux.", "marché européen"),
    ("Plusieurs groupes chinois veulent se lancer dans le marché des batteries. "
     "C'est notamment le cas de BYD et de Geely, qui investissent massivement.", "batteries"),
])
def test_the_next_sentence_names_the_instances_of_a_generic_plural_after_a_marker(nlp, text, market):
    found = claims(nlp, text)
    assert {k for k in found if k[1] == "entersMarket"} == {("byd", "entersMarket", market),
                                                             ("geely", "entersMarket", market)}


@pytest.mark.parametrize("text", [
    # the next sentence names its own topic before the marker
    "Plusieurs groupes chinois veulent se lancer dans le marché des batteries. Tesla a notamment investi dans Panasonic.",
    # no instance marker: 'le cas de' alone is no longer read
    "Plusieurs start-up veulent se lancer dans le marché des robotaxis. C'est le cas de Pony.ai et de WeRide.",
])
def test_no_instances_without_a_marker_before_any_name(nlp, text):
    assert not {k for k in claims(nlp, text) if k[1] == "entersMarket"}


@pytest.mark.parametrize("text, key, status, sources", [
    ("Selon un communiqué publié par Renault, Nissan va s'associer avec Geely.",
     ("nissan", "partnersWith", "geely"), "reported", ("renault",)),
    ("D'après les documents transmis par Kia, Hyundai négocie avec Apple.",
     ("hyundai-motor", "negotiatesWith", "apple"), "reported", ("kia",)),
])
def test_the_speaker_behind_a_document(nlp, text, key, status, sources):
    claim = claims(nlp, text)[key]
    assert (claim.status, claim.sources) == (status, sources)


def test_a_denied_report_and_a_headline_denial(nlp):
    # (a planned plant is no locatedIn by the annotation conventions, so the denial is of a partnership)
    found = claims(nlp, "Tesla dément vouloir s'associer avec Reliance\n\n"
                        "Tesla a démenti mardi les informations du Financial Times selon lesquelles le constructeur "
                        "serait sur le point de s'allier avec Reliance.")
    claim = found[("tesla", "partnersWith", "reliance")]
    assert (claim.status, claim.sources) == ("denied", ("tesla",))


def test_a_predicate_noun_is_no_mention_of_another_entity(nlp):
    from kg_ev.article import parse_article
    from kg_ev.extraction import extract

    text = ("LG Energy Solution a confirmé une usine en Arizona. « Tesla reste le leader incontesté du marché », "
            "estime Claire Martin, analyste chez Kepler Cheuvreux.")
    extraction = extract(parse_article(text, "t", date="2023-05"), nlp=nlp)
    lges = next(e for e in extraction.entities if e.key == "lg-energy-solution")
    assert not any("leader" in alias for alias in lges.aliases)


def test_an_incise_names_its_speaker_whatever_the_parse(nlp):
    found = claims(nlp, "Les constructeurs japonais Nissan et Honda étudieraient une collaboration dans les véhicules "
                        "électriques, affirme le quotidien Nikkei, qui cite des sources internes. "
                        "Nissan n'a pas répondu aux sollicitations.")
    deal = found[("honda", "partnersWith", "nissan")]
    assert (deal.status, deal.sources) == ("rumoured", ("nikkei",))
    assert "nissan" in deal.unconfirmed_by


def test_declining_to_comment_leaves_a_report_unconfirmed(nlp):
    found = claims(nlp, "Selon le Wall Street Journal, Ford discuterait avec le japonais Panasonic d'un "
                        "approvisionnement supplémentaire. Panasonic a refusé de commenter ces informations.")
    talks = found[("ford", "negotiatesWith", "panasonic")]
    assert (talks.status, talks.sources, talks.unconfirmed_by) == ("rumoured", ("wall-street-journal",), ("panasonic",))


@pytest.mark.parametrize("text, key, anonymous", [
    # a plural or indefinite source noun with no name is anonymous, whatever adjective follows
    ("D'après des médias japonais, Honda va s'associer avec Sony.", ("honda", "partnersWith", "sony"), "médias japonais"),
    ("D'après des médias chinois, Xiaomi va s'associer avec Geely.", ("xiaomi", "partnersWith", "geely"), "médias chinois"),
    ("Selon les médias coréens, Kia négocie avec Apple.", ("kia", "negotiatesWith", "apple"), "médias coréens"),
    # anonymous through 'sources', not through what they are close to
    ("Selon des sources proches du dossier, Renault négocie avec Geely.", ("renault", "negotiatesWith", "geely"),
     "sources proches du dossier"),
    ("Selon des médias proches de Pékin, Nissan négocie avec Foxconn.", ("nissan", "negotiatesWith", "foxconn"),
     "médias proches de Pékin"),
    ("Selon une source anonyme, Tesla négocie avec CATL.", ("tesla", "negotiatesWith", "catl"), "une source anonyme"),
])
def test_unnamed_sources_are_anonymous_whatever_follows_them(nlp, text, key, anonymous):
    claim = claims(nlp, text)[key]
    assert claim.status == "rumoured" and claim.sources == ()
    assert anonymous in claim.anonymous_sources[0].text


def test_a_lower_case_losange_is_no_company(nlp):
    extraction = extract(parse_article("Geely a dévoilé un logo en forme de losange pour sa nouvelle marque.", "t",
                                       date="2024-01"), nlp=nlp)
    assert "renault" not in {entity.key for entity in extraction.entities}


def test_a_source_phrase_holds_only_its_own_names(nlp):
    # the parser hangs the clause's subject on the source phrase; the parties are no sources
    found = claims(nlp, "Selon des informations du Monde et de l'Usine Nouvelle publiées lundi, Renault et Nissan "
                        "mèneraient des discussions avancées.")
    claim = found[("nissan", "negotiatesWith", "renault")]
    assert claim.status == "rumoured" and "renault" not in claim.sources and "nissan" not in claim.sources


def test_names_coordinated_before_a_speech_verb_all_confirm(nlp):
    found = claims(nlp, "Renault et LG Chem ont annoncé lundi avoir conclu un protocole d'accord pour une usine.")
    claim = found[("lg-chem", "partnersWith", "renault")]
    assert claim.status == "confirmed" and set(claim.sources) == {"renault", "lg-chem"}


def test_an_analysts_conditional_stays_his_view(nlp):
    found = claims(nlp, "Selon Paul Martin, analyste chez Natixis, BYD deviendrait un concurrent direct de Tesla.")
    claim = found[("byd", "competesWith", "tesla")]
    assert claim.status == "reported" and claim.sources == ("paul-martin",)


def test_a_party_naming_the_arrangement_again_confirms_it(nlp):
    found = claims(nlp, "Renault et Nissan ont signé un partenariat dans les batteries en 2021. "
                        "Nissan a confirmé mardi que l'accord comprend aussi les moteurs.")
    claim = found[("nissan", "partnersWith", "renault")]
    assert claim.status == "confirmed" and "nissan" in claim.sources


def test_an_unrelated_announcement_confirms_nothing(nlp):
    found = claims(nlp, "Renault et Nissan ont signé un partenariat dans les batteries en 2021. "
                        "Nissan a annoncé mardi une hausse de ses ventes.")
    assert found[("nissan", "partnersWith", "renault")].status == "asserted"


def test_a_person_speaks_for_the_company_they_lead(nlp):
    found = claims(nlp, "Huawei s'associera à Chery Automobile et BAIC Motor pour développer des voitures, "
                        "a déclaré Richard Yu, directeur de Huawei.")
    claim = found[("baic", "partnersWith", "huawei")] if ("baic", "partnersWith", "huawei") in found else found[
        ("huawei", "partnersWith", "baic")]
    assert claim.status == "confirmed" and {"huawei", "richard-yu"} <= set(claim.sources)


def test_an_analyst_speaks_for_no_company(nlp):
    found = claims(nlp, "Selon Paul Martin, analyste chez Natixis, BYD est un concurrent direct de Tesla.")
    claim = found[("byd", "competesWith", "tesla")]
    assert claim.sources == ("paul-martin",)


def test_a_role_told_in_someones_sentence_is_the_articles_own_voice(nlp):
    found = claims(nlp, "« Nous allons accélérer », a déclaré Mary Barra, PDG de General Motors, selon Reuters.")
    claim = found[("mary-barra", "leads", "general-motors")]
    assert (claim.status, claim.sources) == ("asserted", ())


# -- who speaks: the parties named by a plural noun, an inverted pronoun ----------------------

@pytest.mark.parametrize("text, key, sources", [
    ("Toyota va créer une coentreprise avec Panasonic, ont annoncé mardi les entreprises.",
     ("toyota", "partnersWith", "panasonic"), ("panasonic", "toyota")),
    # the coreference may give 'les deux groupes' another pair: in its own sentence, the parties speak
    ("Kia va ouvrir une usine en Inde avec Tata Motors, dans le cadre d'une coentreprise avec Mahindra, "
     "ont annoncé jeudi les autorités et les deux groupes.", ("kia", "partnersWith", "mahindra"), ("kia", "mahindra")),
    ("Le constructeur japonais Toyota va s'associer à Mazda pour développer des batteries, a-t-il annoncé mercredi.",
     ("toyota", "partnersWith", "mazda"), ("toyota",)),
])
def test_the_parties_named_by_a_plural_noun_or_an_inverted_pronoun_confirm(nlp, text, key, sources):
    claim = claims(nlp, text)[key]
    assert (claim.status, tuple(sorted(claim.sources))) == ("confirmed", sources)


@pytest.mark.parametrize("text, key", [
    # an infinitive speaks for nobody: 'les constructeurs' is no speaker of the next sentence
    ("Autant dire que les constructeurs vont se battre sur ce marché. Tesla vient de signer un accord avec CATL.",
     ("tesla", "partnersWith", "catl")),
    # a speech verb that tells nothing ('avancer' as 'to progress')
    ("Stellantis et Leapmotor avancent vite depuis la signature de leur partenariat.",
     ("leapmotor", "partnersWith", "stellantis")),
])
def test_no_speaker_without_a_statement(nlp, text, key):
    claim = claims(nlp, text)[key]
    assert (claim.status, claim.sources) == ("asserted", ())


def test_a_reported_clause_after_a_comma_is_no_part_of_the_source_phrase(nlp):
    claim = claims(nlp, "Le quotidien Nikkei a rapporté vendredi, en citant des personnes proches du dossier, "
                        "que Honda et Nissan avaient conclu un accord.")[("honda", "partnersWith", "nissan")]
    assert (claim.status, claim.sources) == ("rumoured", ("nikkei",))
    assert [a.text for a in claim.anonymous_sources] == ["des personnes proches du dossier"]


# -- facts a noun phrase presupposes are the article's, whoever speaks ---------------------------

@pytest.mark.parametrize("text, key", [
    ("Selon Reuters, Renault, partenaire de longue date de Nissan, va investir en Inde.", ("renault", "partnersWith", "nissan")),
    ("La source de Reuters indique que Stellantis et son partenaire chinois Leapmotor se rapprochent de fournisseurs "
     "espagnols.", ("leapmotor", "partnersWith", "stellantis")),
    ("Samsung pourrait ainsi rattraper son concurrent LG Electronics.", ("lg-electronics", "competesWith", "samsung")),
    ("Renault, dont l'alliance avec Nissan est fragile, discuterait avec Geely, selon le Financial Times.",
     ("renault", "partnersWith", "nissan")),
    # an apposition by word order, whatever the parser made of it
    ("Nissan a annoncé vouloir utiliser les cartes de Google, au détriment de TomTom, partenaire de longue date de "
     "Renault.", ("tomtom", "partnersWith", "renault")),
    # an arrangement referred to as known, by what became of it
    ("Un groupe d'investisseurs veut que Tesla investisse dans Nissan après l'échec de ses négociations avec Honda, "
     "a rapporté le Financial Times, citant des sources anonymes.", ("nissan", "negotiatesWith", "honda")),
    # the complement of an apposition describes too
    ("Le quotidien Les Echos rapporte que Paul Martin a longtemps travaillé avec Renault, l'autre membre de "
     "l'alliance avec Nissan et Mitsubishi Motors.", ("mitsubishi-motors", "partnersWith", "nissan")),
])
def test_a_fact_presupposed_by_a_description_is_asserted(nlp, text, key):
    claim = claims(nlp, text)[key]
    assert (claim.status, claim.sources) == ("asserted", ())


def test_an_arrangement_noun_is_no_description_of_a_party(nlp):
    # 'sa coentreprise avec Siemens' is what Valeo buys, told by Valeo: not a description of Valeo
    claim = claims(nlp, "Valeo va racheter sa coentreprise avec Siemens, a indiqué mercredi le groupe.")[
        ("valeo", "partnersWith", "siemens")]
    assert claim.status == "confirmed"


# -- an appointment is news, not background -----------------------------------------------------

@pytest.mark.parametrize("text, key, sources", [
    ("Le constructeur Toyota a choisi mardi comme nouveau président le dirigeant de sa filiale européenne, "
     "Kenji Sato, a annoncé le groupe.", ("kenji-sato", "leads", "toyota"), ("toyota",)),
    ("Paul Martin va prendre la direction de Stellantis en juin, selon un communiqué du groupe.",
     ("paul-martin", "leads", "stellantis"), ("stellantis",)),
])
def test_an_appointment_told_by_the_organisation_is_confirmed(nlp, text, key, sources):
    claim = claims(nlp, text)[key]
    assert (claim.status, claim.sources) == ("confirmed", sources)


def test_a_past_appointment_in_a_participle_stays_background(nlp):
    found = claims(nlp, "Marie Durand, nommée présidente de Renault en 2019, a déclaré que le groupe allait "
                        "s'associer avec Geely.")
    assert (found[("marie-durand", "leads", "renault")].status, found[("marie-durand", "leads", "renault")].sources) == (
        "asserted", ())


def test_the_head_of_a_unit_named_after_its_group_speaks_for_the_group(nlp):
    claim = claims(nlp, "Huawei s'associera à Chery pour fabriquer des voitures électriques, a déclaré Wang Jun, "
                        "PDG de Huawei Smart Car.")[("huawei", "partnersWith", "chery")]
    assert claim.status == "confirmed"
    assert set(claim.sources) == {"wang-jun", "huawei", "huawei-smart-car"}


@pytest.mark.parametrize("text, key, status, sources", [
    # a party's announcement of its own business is no source of the next sentence's news about others
    ("Magna a annoncé en juillet un accord pour racheter Veoneer. Le 8 août, Toyota a décidé d'engager des "
     "discussions avec Mazda.", ("toyota", "negotiatesWith", "mazda"), "asserted", ()),
    # ... but it goes on speaking of its own
    ("Renault a annoncé mardi un vaste plan d'économies. Le constructeur va aussi s'associer avec Geely pour "
     "produire des moteurs.", ("renault", "partnersWith", "geely"), "confirmed", ("renault",)),
])
def test_an_announcement_carries_to_the_next_sentences_only_for_its_party(nlp, text, key, status, sources):
    claim = claims(nlp, text)[key]
    assert (claim.status, claim.sources) == (status, sources)


@pytest.mark.parametrize("text, key, status, sources", [
    # the impersonal 'il' of the participle's clause is no speaker
    ("Renault et Geely mènent des discussions avancées, affirme le Financial Times, précisant qu'il n'est pas "
     "certain qu'elles aboutissent.", ("geely", "negotiatesWith", "renault"), "reported", ("financial-times",)),
    # a gerund speaks within its own clause, not for the whole sentence
    ("Baidu a lancé une coentreprise avec Geely, tandis que Huawei multiplie les accords, tout en assurant ne pas "
     "vouloir fabriquer de voitures.", ("baidu", "partnersWith", "geely"), "asserted", ()),
])
def test_a_participle_adding_to_a_clause_is_no_new_speaker(nlp, text, key, status, sources):
    claim = claims(nlp, text)[key]
    assert (claim.status, claim.sources) == (status, sources)


@pytest.mark.parametrize("text, key, sources", [
    ("Renault a eu des discussions avec Geely sur une coopération en Chine, a déclaré mardi à Reuters une "
     "porte-parole de Renault.", ("renault", "negotiatesWith", "geely"), {"renault", "reuters"}),
    ("Nissan va s'associer avec Foxconn, a indiqué jeudi à Bloomberg un porte-parole du groupe japonais.",
     ("nissan", "partnersWith", "foxconn"), {"nissan", "bloomberg"}),
])
def test_the_medium_a_party_speaks_to_relays_it(nlp, text, key, sources):
    claim = claims(nlp, text)[key]
    assert (claim.status, set(claim.sources)) == ("confirmed", sources)


@pytest.mark.parametrize("text, key, status, sources", [
    # the infinitive's speaker is the subject of 'venir de' / 'tenir à'
    ("Peugeot avait signé un accord de coopération avec Fiat en 2019. Les deux constructeurs viennent "
     "d'annoncer que leur coopération allait s'élargir aux utilitaires.",
     ("peugeot", "partnersWith", "fiat"), "confirmed", {"peugeot", "fiat"}),
    ("Kia a tenu à préciser qu'il avait conclu un partenariat avec Nvidia.",
     ("kia", "partnersWith", "nvidia"), "confirmed", {"kia"}),
    # not any verb lends its subject: 'doit annoncer' is a plan, the deal stays the article's
    ("Peugeot a signé un accord avec Fiat. Les deux groupes doivent annoncer leurs résultats lundi.",
     ("peugeot", "partnersWith", "fiat"), "asserted", set()),
])
def test_a_speech_verb_in_the_infinitive_speaks_with_its_carrier_s_subject(nlp, text, key, status, sources):
    found = claims(nlp, text)
    claim = found.get(key) or found[(key[2], key[1], key[0])]
    assert (claim.status, set(claim.sources)) == (status, sources)


@pytest.mark.parametrize("text, key, status, sources", [
    # a party's executive names the arrangement again in his quoted words
    ("Peugeot a signé un accord de coopération avec Fiat. « Ce partenariat nous ouvre l'Amérique », a déclaré "
     "Jean Dupont, PDG de Peugeot.", ("peugeot", "partnersWith", "fiat"), "confirmed", {"peugeot", "jean-dupont"}),
    # ... or names the other party in them
    ("Peugeot a signé un accord de coopération avec Fiat. « Peugeot et Fiat se complètent bien », a déclaré "
     "Jean Dupont, PDG de Peugeot.", ("peugeot", "partnersWith", "fiat"), "confirmed", {"peugeot", "jean-dupont"}),
    # someone who speaks for no party confirms nothing
    ("Peugeot a signé un accord de coopération avec Fiat. « Ce partenariat est habile », a déclaré "
     "Jean Dupont, analyste chez Foo Research.", ("peugeot", "partnersWith", "fiat"), "asserted", set()),
    # a party telling something else that names the other party, not in quotation marks
    ("Peugeot a signé un accord de coopération avec Fiat. Peugeot a publié la liste des villes où Fiat vend "
     "ses voitures.", ("peugeot", "partnersWith", "fiat"), "asserted", set()),
])
def test_a_party_that_names_an_arrangement_again_confirms_it(nlp, text, key, status, sources):
    found = claims(nlp, text)
    claim = found.get(key) or found[(key[2], key[1], key[0])]
    assert (claim.status, set(claim.sources)) == (status, sources)


# -- a rumour a party denies elsewhere in the article (branch lane-prec, session 5) -----------

@pytest.mark.parametrize("text, key, sources", [
    # the party's denial in a later paragraph, about 'l'affaire' (no other company named)
    ("Selon des sources proches du dossier, Kia aurait discuté avec Polestar d'une usine commune.\n\n"
     "Les ventes du groupe ont progressé en mars.\n\nContacté, Kia a nié l'affaire.",
     ("kia", "negotiatesWith", "polestar"), ("kia",)),
    # a denial told by a participle, its agent hung on the noun by the parser
    ("Selon le quotidien Handelsblatt, Volvo Cars négocierait avec Renault. Une information aussitôt "
     "démentie, mardi, par le directeur général de Volvo Cars, Anna Berg.",
     ("volvo-cars", "negotiatesWith", "renault"), ("anna-berg", "volvo-cars")),
])
def test_a_rumour_a_party_denies_elsewhere_is_denied(nlp, text, key, sources):
    claim = claims(nlp, text)[key]
    assert claim.status == "denied"
    assert set(claim.sources) == set(sources)


def test_a_denial_of_another_story_leaves_the_rumour(nlp):
    # the party denies something about a third company: the rumour stays a rumour
    claim = claims(nlp, "Selon des sources proches du dossier, Kia aurait discuté avec Polestar d'une usine "
                        "commune. Kia a démenti vouloir racheter Lotus.")[("kia", "negotiatesWith", "polestar")]
    assert claim.status == "rumoured"


def test_a_denial_by_a_third_party_leaves_the_rumour(nlp):
    claim = claims(nlp, "Selon des sources proches du dossier, Kia aurait discuté avec Polestar d'une usine "
                        "commune. Volvo Cars a nié l'affaire.")[("kia", "negotiatesWith", "polestar")]
    assert claim.status == "rumoured"


# -- a named medium's story the parties decline to comment on is a rumour ----------------

@pytest.mark.parametrize("closing", [
    "Kia et Polestar se sont refusés à tout commentaire.",  # a declining verb and a comment noun
    "Kia et Polestar n'ont fait aucun commentaire.",  # a comment with a negative determiner
    "Les entreprises concernées n'ont pas souhaité commenter.",  # the parties as a plural noun
])
def test_a_medium_s_story_the_parties_do_not_comment_is_a_rumour(nlp, closing):
    claim = claims(nlp, f"Selon le quotidien Handelsblatt, Kia négocie avec Polestar une usine commune. {closing}")[
        ("kia", "negotiatesWith", "polestar")]
    assert (claim.status, claim.sources) == ("rumoured", ("handelsblatt",))


def test_a_comment_given_is_no_declining(nlp):
    claim = claims(nlp, "Selon le quotidien Handelsblatt, Kia négocie avec Polestar une usine commune. "
                        "Le marché a fait de nombreux commentaires.")[("kia", "negotiatesWith", "polestar")]
    assert (claim.status, claim.sources) == ("reported", ("handelsblatt",))


def test_the_medium_in_a_source_phrase_is_no_party(nlp):
    # 'nos confrères de X': X is the source, not a party of what it tells
    found = claims(nlp, "Selon nos confrères de Handelsblatt, Kia négocie avec Polestar une usine commune.")
    claim = found[("kia", "negotiatesWith", "polestar")]
    assert (claim.status, claim.sources) == ("reported", ("handelsblatt",))
    assert not [k for k in found if "handelsblatt" in k]


# -- moods and sources read too widely (branch lane-prec, session 5) ---------------------

def test_an_imperfect_is_no_conditional(nlp):
    # the tagger may call 'produisait' a conditional: no conditional lacks the 'r' before its ending
    claim = claims(nlp, "Le groupe Renault, dont l'État est actionnaire, produisait déjà la Renault Zoé et la Dacia Spring électriques.")[
        ("renault", "produces", "renault-zoe")]
    assert claim.status == "asserted"


def test_a_relative_clause_keeps_its_own_mood(nlp):
    # 'que développe X' hung on the conditional verb by the parser: still X's fact, in the indicative
    found = claims(nlp, "En échange, Renault gagnerait l'accès au pick-up Alaska, que développe actuellement Fisker.")
    assert found[("fisker", "produces", "alaska")].status == "asserted"


def test_a_conditional_is_still_a_rumour(nlp):
    assert claims(nlp, "Renault serait en discussion avec Geely.")[
        ("renault", "negotiatesWith", "geely")].status == "rumoured"


def test_leaks_a_party_talks_about_are_no_source(nlp):
    found = claims(nlp, "Le constructeur de la Zoé, Renault, n'a pas apprécié les nombreuses fuites dans la presse.")
    assert all(c.status == "asserted" and not c.anonymous_sources for c in found.values()), found


def test_a_bare_plural_after_names_is_no_anonymous_source(nlp):
    # a headline's 'A et B proches d'un accord': a predicate, not 'des proches du dossier'
    doc = nlp("Kia et Ford proches d'un accord de partenariat inédit sur camions et bus électriques")
    assert not [f for f in doc._.kg_frames if f.anonymous]
    doc = nlp("Selon des proches du dossier, Kia et Ford vont signer un partenariat.")
    assert [a.text for f in doc._.kg_frames for a in f.anonymous] == ["des proches du dossier"]


def test_a_medium_named_before_a_list_of_parties_is_no_party(nlp):
    found = claims(nlp, "Selon le Financial Times, Renault et Geely créeraient une coentreprise.")
    assert set(found) == {("geely", "partnersWith", "renault")} or set(found) == {("renault", "partnersWith", "geely")}
    claim = next(iter(found.values()))
    assert (claim.status, claim.sources) == ("rumoured", ("financial-times",))


# -- the medium a party's statement is relayed by (branch lane-prec, session 5) ------------

def test_the_medium_relaying_a_party_s_words_elsewhere_is_a_source(nlp):
    claim = claims(nlp, "Nissan dit ne pas discuter avec Apple.\n\n« Nous ne sommes pas en discussions avec Apple », "
                        "a déclaré un porte-parole de Nissan à Reuters.")[("nissan", "negotiatesWith", "apple")]
    assert claim.status == "denied" and set(claim.sources) == {"nissan", "reuters"}


def test_a_medium_relaying_other_words_of_the_party_is_no_source_of_this(nlp):
    claim = claims(nlp, "Nissan dit ne pas discuter avec Apple.\n\n« Nous restons ouverts à des partenariats », "
                        "a déclaré un porte-parole de Nissan à Reuters.")[("nissan", "negotiatesWith", "apple")]
    assert claim.status == "denied" and claim.sources == ("nissan",)
