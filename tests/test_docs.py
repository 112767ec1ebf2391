"""The documentation cannot rot: its command lines run, its catalogue is complete."""

import shlex
from pathlib import Path

import pytest

from kg_ev.cli import main
from kg_ev.query import catalogue

from .conftest import ROOT

GUIDE = ROOT / "docs" / "guide.md"


def _console_lines(path: Path) -> list[str]:
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = line.strip() == "```console"
        elif inside and line.startswith("$ kg-ev "):
            lines.append(line[len("$ kg-ev "):])
    return lines


def test_every_command_line_of_the_guide_runs(tmp_path, monkeypatch, capsys):
    lines = _console_lines(GUIDE)
    assert len(lines) >= 10
    for folder in ("seeds", "corpus"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    monkeypatch.chdir(tmp_path)
    for line in lines:
        assert main(shlex.split(line)) == 0, (line, capsys.readouterr().err)


@pytest.mark.parametrize("page", ["queries.md"])
def test_the_catalogue_is_documented(page):
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    missing = [name for name in catalogue() if f"`{name}`" not in text]
    assert not missing
