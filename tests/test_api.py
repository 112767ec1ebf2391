"""The public API: a light import, every name of ``__all__`` reachable from ``kg_ev``,
functions not shadowed by their modules, and the old names kept with a warning."""

import json
import subprocess
import sys
import warnings

import pytest

import kg_ev

from .conftest import SEED


def _modules_after(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; which heavy packages it imported."""
    probe = code + "\nimport json, sys\nprint(json.dumps({m: m in sys.modules for m in " \
                   "('spacy', 'thinc', 'pyshacl', 'pandas', 'matplotlib', 'dask', 'distributed')}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_import_kg_ev_does_not_import_spacy_or_the_optional_packages():
    loaded = _modules_after("import kg_ev")
    assert not any(loaded.values()), loaded


def test_reading_querying_and_listing_a_graph_file_does_not_import_spacy(seed_result, tmp_path):
    path = tmp_path / "seed.ttl"
    kg_ev.write(seed_result.dataset, path)
    loaded = _modules_after(f"""
import kg_ev
graph = kg_ev.load({str(path)!r})
assert len(list(kg_ev.query(graph, "rumoured_partnerships"))) == 1
assert len(kg_ev.claims(graph)) == 15 and kg_ev.entities(graph) and kg_ev.facts(graph)
assert kg_ev.read_article({str(SEED)!r}).lang == "fr"
""")
    assert not loaded["spacy"] and not loaded["thinc"], loaded


def test_every_public_name_is_reachable_and_documented():
    api = (kg_ev.__file__.rsplit("/", 2)[0] + "/docs/api.md")
    text = open(api, encoding="utf-8").read()
    for name in kg_ev.__all__:
        assert getattr(kg_ev, name) is not None
        assert f"`{name}" in text, f"{name} is not in docs/api.md"
    assert set(kg_ev.__all__) <= set(dir(kg_ev))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'biuld'"):
        kg_ev.biuld  # noqa: B018


FUNCTION_MODULES = {"build": "building", "extract": "extraction", "validate": "validation", "query": "querying",
                    "facts": "standing", "draw": "drawing"}


@pytest.mark.parametrize("name", sorted(FUNCTION_MODULES))
def test_no_public_function_shares_a_name_with_a_module(name):
    """The six functions live in modules of other names; the old module paths are gone, and
    importing every module of the package (as its own code does) leaves the functions."""
    module = FUNCTION_MODULES[name]
    code = f"import importlib, pkgutil, sys, kg_ev\n" \
           f"for m in pkgutil.iter_modules(kg_ev.__path__): importlib.import_module('kg_ev.' + m.name)\n" \
           f"assert callable(kg_ev.{name}) and kg_ev.{name}.__name__ == {name!r}, kg_ev.{name}\n" \
           f"assert kg_ev.{name}.__module__ == 'kg_ev.{module}', kg_ev.{name}.__module__\n" \
           f"assert sys.modules['kg_ev.{module}'].{name} is kg_ev.{name}\n" \
           f"assert 'kg_ev.{name}' not in sys.modules\n" \
           f"try:\n    importlib.import_module('kg_ev.{name}')\nexcept ModuleNotFoundError:\n    pass\n" \
           f"else:\n    raise AssertionError('kg_ev.{name} is still a module')\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_no_module_of_the_package_is_named_like_a_public_name():
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(kg_ev.__path__)}
    assert not modules & set(kg_ev.__all__), modules & set(kg_ev.__all__)


def test_claim_records_and_the_extraction_dataclass_have_distinct_names(seed_result):
    from kg_ev.model import Claim

    assert kg_ev.ExtractedClaim is Claim
    record = kg_ev.claims(seed_result.dataset)[0]
    assert set(record) == set(kg_ev.ClaimRecord.__annotations__)
    assert set(kg_ev.entities(seed_result.dataset)[0]) == set(kg_ev.EntityRecord.__annotations__)


def test_old_names_still_work_with_a_deprecation_warning():
    with pytest.warns(DeprecationWarning, match="ExtractedClaim"):
        assert kg_ev.Claim is kg_ev.ExtractedClaim
    with pytest.warns(DeprecationWarning, match=r"catalogue\(\)"):
        examples = kg_ev.EXAMPLES
    assert examples["timeline"] == kg_ev.catalogue()["timeline"].sparql
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kg_ev.ExtractedClaim, kg_ev.catalogue  # noqa: B018  (the new names do not warn)


def test_the_guide_and_the_notebook_use_only_top_level_names():
    import re
    from pathlib import Path

    import nbformat

    docs = Path(kg_ev.__file__).resolve().parent.parent / "docs"
    notebook = nbformat.read(docs / "quickstart.ipynb", as_version=4)
    code = {"quickstart.ipynb": "\n".join(c.source for c in notebook.cells if c.cell_type == "code"),
            "guide.md": "\n".join(re.findall(r"```python\n(.*?)```", (docs / "guide.md").read_text(), re.S)),
            "api.md": "\n".join(re.findall(r"```python\n(.*?)```", (docs / "api.md").read_text(), re.S))}
    for name, text in code.items():
        assert "kg_ev" in text, name
        assert not re.search(r"(from|import) kg_ev\.", text), f"{name} imports a kg_ev module"
        used = set(re.findall(r"\bkg_ev\.(\w+)", text))
        assert used <= set(kg_ev.__all__), f"{name} uses {used - set(kg_ev.__all__)}"


def test_options_are_checked_at_the_boundary_with_the_choices_named(seed_result):
    graph = seed_result.dataset
    with pytest.raises(kg_ev.KgEvError, match="unknown status 'rumored': use one of asserted, reported, rumoured"):
        kg_ev.claims(graph, status="rumored")
    with pytest.raises(kg_ev.KgEvError, match="unknown predicate 'partnerWith'.*partnersWith"):
        kg_ev.claim_graph(graph, predicate={"partnerWith"})
    with pytest.raises(kg_ev.KgEvError, match="unknown status 'confirm'"):
        kg_ev.partnership_graph(graph, status=["asserted", "confirm"])
    with pytest.raises(kg_ev.KgEvError, match="unknown validation engine 'turbot'"):
        kg_ev.validate(graph, engine="turbot")
    with pytest.raises(kg_ev.GraphFileError, match="unknown format 'ttl': use one of turtle, trig"):
        kg_ev.serialize(graph, format="ttl")
    assert [c["status"] for c in kg_ev.claims(graph, status="rumoured", predicate="partnersWith")] == ["rumoured"]
