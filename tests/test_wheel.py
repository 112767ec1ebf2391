"""The ontology ships once, in the top-level ontology/ folder, as package data of the wheel."""

import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (path,) = out.glob("kg_ev-*.whl")
    return path


def test_the_wheel_carries_ontology_and_rules(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg_ev/ontology/kg-ev.ttl", "kg_ev/ontology/shapes.ttl", "kg_ev/rules/fr/relations.json",
            "kg_ev/rules/fr/kb.jsonl", "kg_ev/py.typed"} <= names


def test_shapes_load_from_the_installed_wheel(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = ("import kg_ev.resources as r, kg_ev; "
            "print(kg_ev.__file__); print(len(r.shapes_graph()), len(r.ontology_graph()))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(tmp_path), "PATH": ""}, cwd=tmp_path)
    location, sizes = proc.stdout.splitlines()
    assert location.startswith(str(tmp_path))
    assert all(int(n) > 50 for n in sizes.split())
