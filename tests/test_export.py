import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg_ev.building import build
from kg_ev.errors import GraphFileError
from kg_ev.export import load, serialize, write
from kg_ev.tables import claims

from .conftest import SEED


@pytest.mark.parametrize("fmt, suffix", [("turtle", ".ttl"), ("trig", ".trig"), ("json-ld", ".jsonld")])
def test_round_trip(seed_result, tmp_path, fmt, suffix):
    path = write(seed_result.dataset, tmp_path / f"seed{suffix}")
    loaded = load(path)
    assert len(claims(loaded)) == len(claims(seed_result.dataset))
    flat = Graph().parse(data=serialize(seed_result.dataset, format="turtle"), format="turtle")
    again = Graph().parse(data=serialize(loaded, format="turtle"), format="turtle")
    assert isomorphic(flat, again)


def test_trig_keeps_one_named_graph_per_article(seed_result):
    text = serialize(seed_result.dataset, format="trig")
    assert "<https://w3id.org/kg-ev/id/graph/000_50a62ce1ae3c7f69> {" in text


def test_json_ld_has_an_embedded_context(seed_result):
    data = json.loads(serialize(seed_result.dataset, format="json-ld"))
    assert isinstance(data["@context"], dict) and data["@context"]["kgev"].startswith("https://")


def test_same_input_same_bytes(seed_result, nlp):
    again = build([SEED], nlp=nlp).dataset
    for fmt in ("turtle", "trig", "json-ld"):
        assert serialize(again, format=fmt) == serialize(seed_result.dataset, format=fmt)


def test_errors_name_the_file(tmp_path, seed_result):
    with pytest.raises(GraphFileError, match="no such file"):
        load(tmp_path / "missing.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix x: <http://x/> .\nx:a x:b ", encoding="utf-8")
    with pytest.raises(GraphFileError, match="broken.ttl: malformed turtle"):
        load(broken)
    with pytest.raises(GraphFileError, match="does not exist"):
        write(seed_result.dataset, tmp_path / "no" / "such" / "out.ttl")


def test_a_failed_write_leaves_the_previous_file(seed_result, tmp_path, monkeypatch):
    target = tmp_path / "out.ttl"
    target.write_text("previous", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kg_ev.export.os.replace", boom)
    with pytest.raises(GraphFileError, match="cannot be written"):
        write(seed_result.dataset, target)
    assert target.read_text(encoding="utf-8") == "previous"


def test_a_written_file_has_the_permissions_open_would_give(seed_result, tmp_path):
    import os

    mask = os.umask(0o022)
    try:
        path = write(seed_result.dataset, tmp_path / "out.ttl")
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644  # not the temporary file's owner-only 0600


JSON_LD_SCRIPT = """
import sys
from kg_ev.export import load, load_into, serialize, write
from kg_ev.store import open_store

sys.stdout.write(serialize(load(sys.argv[1]), format="json-ld"))
with open_store(sys.argv[2]) as store:
    load_into(store, sys.argv[1])
    sys.stdout.write(write(store, sys.argv[2] + ".jsonld").read_text(encoding="utf-8"))
"""


def test_json_ld_is_the_same_bytes_whatever_the_string_hashing(seed_result, tmp_path):
    """Python's hashing of strings changes with PYTHONHASHSEED, and with it rdflib's order
    of a node's values: two processes, two seeds, one file and one store export each."""
    import os
    import subprocess
    import sys

    from kg_ev.export import write

    path = write(seed_result.dataset, tmp_path / "seed.trig")
    outputs = []
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-c", JSON_LD_SCRIPT, str(path), str(tmp_path / f"kg{seed}.db")],
                             capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": seed})
        assert run.returncode == 0, run.stderr[-2000:]
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]
    assert '"kgev:anonymousSource"' in outputs[0]
