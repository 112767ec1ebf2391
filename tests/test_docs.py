"""The documentation cannot rot: its command lines run, its catalogue is complete."""

import shlex
from pathlib import Path

import pytest

from kg_ev.cli import main
from kg_ev.querying import catalogue

from .conftest import ROOT



def _console_lines(path: Path) -> list[str]:
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            inside = line.strip() == "```console"
        elif inside and line.startswith("$ kg-ev "):
            lines.append(line[len("$ kg-ev "):])
    return lines


@pytest.mark.parametrize("page", ["guide.md", "queries.md"])
def test_every_command_line_of_the_docs_runs(tmp_path, monkeypatch, capsys, page):
    lines = _console_lines(ROOT / "docs" / page)
    assert len(lines) >= 4
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


def test_every_sparql_block_of_the_docs_runs(seed_result):
    from kg_ev.querying import query

    blocks = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        blocks += [part.split("```", 1)[0] for part in text.split("```sparql")[1:]]
    assert blocks
    for sparql in blocks:
        rows = list(query(seed_result.dataset, sparql))
        assert rows, sparql
