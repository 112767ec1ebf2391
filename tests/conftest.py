"""Shared fixtures. The French model is loaded once per session."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_50a62ce1ae3c7f69.txt"
SEED_GOLD = ROOT / "seeds" / "gold.jsonl"
DEV = ROOT / "corpus" / "dev"


def claims_by_triple(nlp, text: str) -> dict:
    """The claims kg_ev reads in ``text`` (an article dated 2024-01), by (subject,
    predicate, object) of entity ids: what the rule tests assert on."""
    from kg_ev.article import parse_article
    from kg_ev.extraction import extract

    extraction = extract(parse_article(text, "t", date="2024-01"), nlp=nlp)
    return {(c.subject, c.predicate, c.object): c for c in extraction.claims}


def relations(nlp, text: str) -> set[tuple[str, str, str]]:
    """The (subject, predicate, object) triples kg_ev reads in ``text``."""
    return set(claims_by_triple(nlp, text))


def pairs(found, predicate: str) -> set[tuple[str, ...]]:
    """The unordered pairs of ``found`` triples of one predicate (a symmetric relation)."""
    return {tuple(sorted((s, o))) for s, p, o in found if p == predicate}


def catalogue_rows(graph, named) -> list[tuple]:
    """The rows of a catalogue query as Python values, its parameters bound to values
    the dev corpus has (Baidu, rumoured, Reuters): to compare stores."""
    from rdflib import Literal

    from kg_ev.namespace import KGEV
    from kg_ev.querying import _python, query

    values = {"name": Literal("Baidu"), "status": KGEV.rumoured, "source_label": Literal("Reuters")}
    found = query(graph, named.sparql, bindings={p: values[p] for p in named.parameters})
    return [tuple(_python(cell) for cell in row) for row in found]


@pytest.fixture(scope="session")
def nlp():
    from kg_ev.nlp import load_pipeline

    return load_pipeline("fr")


@pytest.fixture(scope="session")
def seed_result(nlp):
    from kg_ev.building import build

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


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """The SPARQL endpoint of a Virtuoso server (Debian's virtuoso-opensource) started for
    the session on 127.0.0.1, with a fresh database that anonymous SPARQL may update.
    Skipped when Virtuoso is not installed, unless KG_EV_REQUIRE_VIRTUOSO is set (CI)."""
    import os
    import shutil
    import subprocess
    import time
    import urllib.request

    server, client = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or client is None:
        if os.environ.get("KG_EV_REQUIRE_VIRTUOSO"):
            pytest.fail("virtuoso-t and isql-vt are required (apt-get install virtuoso-opensource)")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = _free_port(), _free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http))
    process = subprocess.Popen([server, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{http}/sparql"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(endpoint + "?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"Virtuoso stopped: {(folder / 'virtuoso.log').read_text(errors='replace')[-2000:]}")
                time.sleep(0.5)
        else:
            pytest.fail("Virtuoso did not answer within 120 s")
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET (\'nobody\', 7);'
        subprocess.run([client, f"127.0.0.1:{sql}", "dba", "dba", f"exec={grant}"], check=True,
                       stdout=subprocess.DEVNULL, timeout=60)
        yield endpoint
    finally:
        process.terminate()
        process.wait(timeout=60)


class Listener:
    """A socket on 127.0.0.1 that a SPARQL ``SERVICE`` could be sent to: it records each
    connection's request and answers it with an empty SPARQL result, so an engine that
    does connect gets an answer rather than hanging. ``url`` is the service's address."""

    def __init__(self):
        import socket
        import threading

        self.requests: list[bytes] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        import socket

        body = b'{"head": {"vars": []}, "results": {"bindings": []}}'
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(5)
                request = b""
                try:
                    while b"\r\n\r\n" not in request:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        request += chunk
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
                except OSError:
                    pass
                self.requests.append(request)

    def received(self, wait: float = 1.0) -> list[bytes]:
        """What was sent to the listener, after ``wait`` seconds for a late connection."""
        import time

        time.sleep(wait)
        return list(self.requests)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture()
def listener():
    found = Listener()
    yield found
    found.close()
