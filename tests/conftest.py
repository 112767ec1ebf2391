"""Shared fixtures. The French model is loaded once per session."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_50a62ce1ae3c7f69.txt"
SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
DEV = ROOT / "corpus" / "dev"


@pytest.fixture(scope="session")
def nlp():
    from kg_ev.nlp import load_pipeline

    return load_pipeline("fr")


@pytest.fixture(scope="session")
def seed_result(nlp):
    from kg_ev.build import build

    return build([SEED], nlp=nlp)


@pytest.fixture()
def seed_dataset(seed_result):
    """A private copy of the seed's dataset, so a test may change it."""
    from rdflib import Dataset

    from kg_ev.export import load, serialize  # noqa: F401

    copy = Dataset()
    for quad in seed_result.dataset.quads((None, None, None, None)):
        copy.add(quad)
    for prefix, ns in seed_result.dataset.namespaces():
        copy.bind(prefix, ns)
    return copy


@pytest.fixture()
def no_network(monkeypatch):
    """Any connection to a host other than this machine fails the test."""
    import socket

    real_connect = socket.socket.connect
    attempts = []

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family == socket.AF_UNIX or host in {"127.0.0.1", "::1", "localhost"}:
            return real_connect(sock, address)
        attempts.append(address)
        raise OSError(f"network access attempted: {address}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(OSError(f"DNS lookup attempted: {a[0]}")))
    return attempts
