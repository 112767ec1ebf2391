"""A corpus build on a local Dask cluster of two workers gives the single-process graph."""

import pytest

from kg_ev.building import build
from kg_ev.export import serialize
from kg_ev.querying import catalogue
from kg_ev.store import open_store

from .conftest import DEV, SEED, catalogue_rows

distributed = pytest.importorskip("distributed")  # the [dask] extra, part of [test]


def test_two_dask_workers_build_the_same_graph(nlp, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in [*sorted(DEV.glob("dev0*.txt")), SEED]:
        (corpus / path.name).write_bytes(path.read_bytes())
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    single = build([corpus], nlp=nlp)

    from kg_ev.distributed import build_on_dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        with open_store(tmp_path / "kg.db") as store:
            shared = build_on_dask([corpus], client, dataset=store)
            assert shared.summary() == single.summary()
            assert [f.path for f in shared.failures] == [str(corpus / "broken.txt")]
            for fmt in ("trig", "turtle"):
                assert serialize(store, format=fmt) == serialize(single.dataset, format=fmt)
            for named in catalogue().values():  # what queries read: the store's union view
                assert catalogue_rows(store, named) == catalogue_rows(single.dataset, named), named.name


def test_kg_ev_build_with_a_local_scheduler_writes_the_single_process_bytes(tmp_path, capsys):
    from kg_ev.cli import main

    assert main(["build", str(DEV), "-o", str(tmp_path / "one.trig")]) == 0
    one = capsys.readouterr().out
    assert main(["build", str(DEV), "-o", str(tmp_path / "dask.trig"), "--scheduler", "local",
                 "--processes", "2"]) == 0
    assert capsys.readouterr().out == one  # the same summary line and violations
    assert (tmp_path / "dask.trig").read_bytes() == (tmp_path / "one.trig").read_bytes()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys):
    from kg_ev.cli import main

    assert main(["build", str(SEED), "-o", str(tmp_path / "x.ttl"), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "cannot reach the Dask scheduler 'tcp://127.0.0.1:1'" in capsys.readouterr().err
    assert not (tmp_path / "x.ttl").exists()


def test_a_shard_merged_keeps_every_part_of_its_quarantined_claims(nlp, monkeypatch):
    """What a worker put aside (a claim, its evidence, resolution and mention) arrives whole."""
    import dataclasses

    import kg_ev.extraction
    from kg_ev.article import parse_article
    from kg_ev.building import BuildResult, build
    from kg_ev.distributed import _merge
    from kg_ev.export import serialize
    from kg_ev.rdf import new_dataset

    real = kg_ev.extraction._resolutions
    monkeypatch.setattr(kg_ev.extraction, "_resolutions", lambda *a, **k: tuple(
        dataclasses.replace(r, antecedent_start=r.antecedent_start + 1) for r in real(*a, **k)))
    text = ("Renault a présenté ses résultats mardi à Paris. Le constructeur a signé un partenariat "
            "avec Valeo pour ses moteurs électriques.")
    local = build([parse_article(text, "t", date="2024-01")], nlp=nlp)
    assert local.quarantined == 1
    merged = BuildResult(new_dataset())
    _merge(merged, serialize(local.dataset, format="nquads"))
    assert serialize(merged.dataset, format="nquads") == serialize(local.dataset, format="nquads")
