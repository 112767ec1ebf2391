"""The type checker passes on kg_ev (its configuration is pyproject.toml's [tool.mypy]);
the wheel ships py.typed (tests/test_wheel.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_passes_on_kg_ev():
    pytest.importorskip("mypy", reason="mypy is in the [test] extra")
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_reads_the_option_types(tmp_path):
    """A literal option mistyped in user code is caught before it runs."""
    pytest.importorskip("mypy", reason="mypy is in the [test] extra")
    user = tmp_path / "user.py"
    user.write_text('import kg_ev\n\nkg_ev.validate(kg_ev.load("x.ttl"), engine="turbot")\n'
                    'kg_ev.serialize(kg_ev.load("x.ttl"), format="turtle")\n')
    # an editable install hides the sources from mypy behind an import hook: point at them
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--follow-imports=silent", str(user)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=600, env=env)
    assert done.returncode == 1 and 'user.py:3: error' in done.stdout and "'turbot'" in done.stdout, done.stdout
    assert "user.py:4" not in done.stdout
