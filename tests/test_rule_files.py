"""The rule files of kg_ev/rules/fr/: their schema, checked when they load, and the
registry of argument strategies the relation rules name. No model needed."""

import json
from importlib.resources import files

import pytest

from kg_ev.errors import RuleFileError
from kg_ev.nlp.relations import PHRASES, STRATEGIES, RelationRules, strategy
from kg_ev.resources import read_rule_file, rules, words

RULE_FILES = ("relations", "attribution", "lexicon", "words")


def shipped(name: str) -> dict:
    return json.loads(files("kg_ev.rules.fr").joinpath(f"{name}.json").read_text(encoding="utf-8"))


def write(tmp_path, name: str, data) -> object:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", RULE_FILES)
def test_the_shipped_rule_files_fit_their_schema(name):
    assert rules("fr", name) == shipped(name)


def test_an_unknown_key_in_a_rule_names_the_file_the_rule_and_the_key(tmp_path):
    data = shipped("relations")
    data["rules"][16]["lemma"] = ["diriger"]  # a typo for 'lemmas'
    path = write(tmp_path, "relations", data)
    with pytest.raises(RuleFileError) as error:
        read_rule_file(path)
    message = str(error.value)
    assert str(path) in message
    assert "rule 16 (leads: diriger, piloter, présider)" in message
    assert "unknown key 'lemma'" in message


def test_an_unknown_strategy_is_an_error_at_load_naming_the_rule_and_the_name(tmp_path):
    data = shipped("relations")
    data["rules"][16]["subject"].append("clause_subjet")
    path = write(tmp_path, "relations", data)
    with pytest.raises(RuleFileError) as error:
        read_rule_file(path)
    message = str(error.value)
    assert str(path) in message and "rule 16 (leads: diriger" in message
    assert "'clause_subjet'" in message and "clause_subject" in message  # the known names follow


@pytest.mark.parametrize("change, wanted", [
    (lambda d: d.update(extra=[]), "unknown key 'extra'"),
    (lambda d: d["rules"][0].update(confidence=1.5), "'confidence' must be a number in [0, 1]"),
    (lambda d: d["rules"][0].update(confidence="0.8"), "'confidence' must be a number in [0, 1]"),
    (lambda d: d["rules"][0].update(predicate="partnerOf"), "'predicate' is not a known predicate"),
    (lambda d: d["rules"][0].update(lemmas="partenariat"), "'lemmas' must be a list"),
    (lambda d: d["rules"][0].pop("object"), "missing ['object']"),
    (lambda d: d["rules"][0]["object"].append("phrase:marché"), "unknown argument strategies ['phrase:marché']"),
    (lambda d: d["eventive"].append("partnerOf"), "unknown predicates ['partnerOf']"),
    (lambda d: d["limits"].update(agent=-1), "'limits' must map names to whole numbers"),
])
def test_relations_schema(tmp_path, change, wanted):
    data = shipped("relations")
    change(data)
    with pytest.raises(RuleFileError, match="relations.json") as error:
        read_rule_file(write(tmp_path, "relations", data))
    assert wanted in str(error.value)


@pytest.mark.parametrize("name, change, wanted", [
    ("attribution", lambda d: d.update(anonymous_markers=[]), "unknown key 'anonymous_markers'"),
    ("attribution", lambda d: d["speech_forms"].update(dit="say"), "unknown kinds ['say']"),
    ("lexicon", lambda d: d.update(coref_window="3"), "'coref_window' must be a whole number"),
    ("lexicon", lambda d: d["person_nouns"].append(3), "'person_nouns' must be a list of non-empty strings"),
    ("words", lambda d: d.update(negations="pas"), "'negations' must be a list"),
])
def test_other_rule_files_schema(tmp_path, name, change, wanted):
    data = shipped(name)
    change(data)
    with pytest.raises(RuleFileError, match=f"{name}.json") as error:
        read_rule_file(write(tmp_path, name, data))
    assert wanted in str(error.value)


def test_every_strategy_the_rules_name_is_registered_and_every_registered_one_is_used():
    named = {s.partition(":")[0] for rule in rules("fr", "relations")["rules"]
             for s in rule.get("subject", []) + rule.get("object", [])}
    phrases = {s.split(":")[1] for rule in rules("fr", "relations")["rules"]
               for s in rule.get("object", []) if s.startswith("phrase:")}
    assert named - {"phrase"} <= set(STRATEGIES)
    assert phrases <= set(PHRASES)
    # strategies only other strategies call
    assert set(STRATEGIES) - named <= {"main_subject"}


def test_the_registry_calls_a_strategy_with_its_argument():
    calls = []

    @strategy("test_probe")
    def probe(rules_, doc, cue, arg):
        calls.append(arg)
        return [cue]

    try:
        rules_ = RelationRules.__new__(RelationRules)
        assert rules_._strategy(None, "cue", "test_probe:à,dans") == ["cue"]
        assert calls == ["à,dans"]
    finally:
        del STRATEGIES["test_probe"]


def test_function_words_are_french_sets():
    fr = words("fr")
    assert {"pas", "jamais"} <= fr["negations"] and not {"not", "never"} & fr["negations"]
    assert {"qui", "lesquelles"} <= fr["relatives"] and not {"which", "who", "that"} & fr["relatives"]
    assert all(isinstance(values, frozenset) for values in fr.values())


def test_no_english_words_in_the_french_rules():
    english = {"the", "its", "their", "which", "who", "that", "not", "never", "by", "of", "it", "this", "new",
               "spokesperson", "statement", "founder", "analyst", "company", "brand"}

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):  # words as keys; string values are kinds ('analyst', 'deny')
            for key, item in value.items():
                if not key.startswith("_comment"):
                    yield key
                    if not isinstance(item, str):
                        yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    for name in RULE_FILES:
        assert not english & set(strings(shipped(name))), name
    # 'former' is a French verb ('former une coentreprise'), not the English modifier
    assert not any("former" in rule.get("blocked_by_modifiers", ()) for rule in shipped("relations")["rules"])
