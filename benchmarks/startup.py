"""Start-up cost: ``import kg_ev`` and the ``kg-ev`` command on the seed's graph.

Each figure is the median of several runs, each in a fresh interpreter (the operating
system's file cache warm after the first):

- ``import kg_ev``: the cumulative time ``python -X importtime`` gives the package, and
  the wall time of ``python -c "import kg_ev"`` (the interpreter's own start included);
- ``kg-ev --version``, ``kg-ev query seed.ttl --named rumoured_partnerships`` and
  ``kg-ev claims seed.ttl``: wall time of the command, as a shell user waits for it.

``--rev REV`` measures another commit of this repository instead (its ``kg_ev/`` and
``ontology/``, checked out into a temporary folder and put first on ``PYTHONPATH``), to
compare before and after a change. The seed's graph is built once with the working tree.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--rev REV]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_50a62ce1ae3c7f69.txt"
CLI = "import sys; from kg_ev.cli import main; sys.exit(main())"  # what the kg-ev script runs


def _run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, cwd=cwd)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"error: {' '.join(args)} failed:\n{done.stderr}")
    return elapsed, done.stderr


def _import_time(stderr: str) -> float:
    """kg_ev's cumulative import time (seconds) from ``-X importtime`` output."""
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| kg_ev$", line)
        if match:
            return int(match.group(1)) / 1e6
    raise ValueError("kg_ev not in the -X importtime output")


def _checkout(rev: str, folder: Path) -> None:
    archive = folder / "rev.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev, "kg_ev", "ontology"], stdout=out, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    (folder / "kg_ev" / "ontology").symlink_to(folder / "ontology")  # the installed package's layout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rev", help="a commit to measure instead of the working tree")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        graph = tmp_path / "seed.ttl"
        subprocess.run([sys.executable, "-c", CLI, "build", str(SEED), "-o", str(graph)], check=True,
                       capture_output=True, cwd=ROOT)
        # run elsewhere than the repository: with -c, the current folder comes first on sys.path
        run = tmp_path / "run"
        run.mkdir()
        env = dict(os.environ)
        if args.rev:
            _checkout(args.rev, tmp_path)
            env["PYTHONPATH"] = str(tmp_path) + os.pathsep + env.get("PYTHONPATH", "")
        where = f"commit {args.rev}" if args.rev else "working tree"
        probe = subprocess.run([sys.executable, "-c", "import kg_ev; print(kg_ev.__file__)"], env=env, cwd=run,
                               capture_output=True, text=True, check=True).stdout.strip()
        where += f" ({probe})"
        commands = {
            "import kg_ev (-X importtime, kg_ev cumulative)": None,
            "python -c 'import kg_ev' (wall)": ["-c", "import kg_ev"],
            "kg-ev --version (wall)": ["-c", CLI, "--version"],
            "kg-ev query seed.ttl --named rumoured_partnerships (wall)":
                ["-c", CLI, "query", str(graph), "--named", "rumoured_partnerships"],
            "kg-ev claims seed.ttl (wall)": ["-c", CLI, "claims", str(graph)],
        }
        _run(["-c", "import kg_ev"], env, run)  # warm the file cache and the bytecode
        print(f"{where}, Python {sys.version.split()[0]}, median of {args.runs} runs")
        for label, command in commands.items():
            if command is None:
                times = [_import_time(_run(["-X", "importtime", "-c", "import kg_ev"], env, run)[1])
                         for _ in range(args.runs)]
            else:
                times = [_run(command, env, run)[0] for _ in range(args.runs)]
            print(f"  {label:58} {statistics.median(times):6.3f} s  (min {min(times):.3f}, max {max(times):.3f})")


if __name__ == "__main__":
    main()
