"""Where the command line writes and what it reads (issue 13, items 7 and 9): a read-only
file is not replaced, a symbolic link is written through, a bad output path is found
before the build, a reading error names its path once, a folder with no article says
so, and a graph file too big or too deep for rdflib is a one-line error."""

import os

import pytest

from kg_ev.cli import main
from kg_ev.errors import GraphFileError
from kg_ev.export import write

from .conftest import SEED

from kg_ev import building as build_module


@pytest.fixture()
def no_build(monkeypatch):
    """The build must not start: the error comes before it."""
    def refuse(*args, **kwargs):
        raise AssertionError("the build ran")

    monkeypatch.setattr(build_module, "build", refuse)


def test_a_read_only_file_is_not_replaced(tmp_path, capsys, no_build, seed_result):
    out = tmp_path / "kg.ttl"
    out.write_text("old\n")
    out.chmod(0o444)
    assert main(["build", str(SEED), "-o", str(out)]) == 2
    assert capsys.readouterr().err == (f"error: {out}: a read-only file, not replaced (make it writable, or "
                                       "write another file)\n")
    with pytest.raises(GraphFileError, match="a read-only file, not replaced"):
        write(seed_result.dataset, out)
    assert out.read_text() == "old\n" and out.stat().st_mode & 0o777 == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["kg.ttl"]  # no temporary file left


def test_a_symbolic_link_is_written_through(tmp_path, seed_result):
    target = tmp_path / "data" / "kg.ttl"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "latest.ttl"
    link.symlink_to(target)
    write(seed_result.dataset, link)
    assert link.is_symlink() and link.resolve() == target
    assert "kgev:Claim" in target.read_text()
    assert target.stat().st_mode & 0o777 == 0o640  # an existing file keeps its permissions
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["data", "kg.ttl", "latest.ttl"]


@pytest.mark.parametrize("output, said", [
    ("missing/kg.ttl", "{out}: the folder {folder} does not exist"),
    ("/proc/kg-ev-test.ttl", "{out}: cannot be written ("),  # a folder no one, root neither, creates files in
    ("folder", "{out}: is a folder, not a file"),
])
def test_a_bad_output_path_is_found_before_the_build(tmp_path, capsys, no_build, output, said):
    out = tmp_path / output if not output.startswith("/") else output
    (tmp_path / "folder").mkdir()
    assert main(["build", str(SEED), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    expected = "error: " + said.format(out=out, folder=os.path.dirname(out))
    assert err.startswith(expected) and len(err.splitlines()) == 1, err


def test_a_reading_error_names_the_path_once(tmp_path, capsys):
    image = tmp_path / "in" / "img.txt"
    image.parent.mkdir()
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert main(["build", str(image), "-o", str(tmp_path / "kg.ttl")]) == 1
    assert capsys.readouterr().err == (f"error: {image}: a binary file, not text\n"
                                       "error: no article could be built\n")


def test_a_folder_with_no_article_says_so(tmp_path, capsys, no_build):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "notes.md").write_text("mes notes")
    (folder / "empty.txt").mkdir()  # a folder named like an article is none
    assert main(["build", str(folder), "-o", str(tmp_path / "kg.ttl")]) == 2
    assert capsys.readouterr().err == f"error: no .txt article in {folder}\n"
    assert not (tmp_path / "kg.ttl").exists()


def test_a_literal_over_16_mib_is_a_one_line_error_and_adds_nothing(tmp_path, capsys):
    big = tmp_path / "big.nq"
    big.write_text(f'<urn:s> <urn:p> "small" <urn:g> .\n<urn:s> <urn:p> "{"x" * (17 * 2**20)}" <urn:g> .\n')
    folder = tmp_path / "kg.db"
    assert main(["load", "--store", str(folder), str(big)]) == 2
    assert capsys.readouterr().err == (f"error: {big}: cannot be loaded (a literal or a line over 16 MiB, more than "
                                       "Oxigraph's parser reads at once); nothing was added\n")
    from kg_ev.store import open_store

    with open_store(folder, read_only=True) as store:
        assert len(list(store.quads((None, None, None, None)))) == 0


def _nested(depth: int) -> str:
    return "<urn:s> <urn:p> " + "[ <urn:p> " * depth + "1 " + "]" * depth + " .\n"


@pytest.mark.parametrize("command", ["load", "validate", "query"])
def test_deep_nesting_is_malformed_for_every_command(tmp_path, capsys, command):
    deep = tmp_path / "deep.ttl"
    deep.write_text("# ( [ in a comment\n" + _nested(100_000))
    args = {"load": ["load", "--store", str(tmp_path / "kg.db"), str(deep)], "validate": ["validate", str(deep)],
            "query": ["query", str(deep), "SELECT * { ?s ?p ?o }"]}[command]
    assert main(args) == 2
    assert capsys.readouterr().err == (f"error: {deep}: malformed turtle ([ ] or ( ) nested deeper than 100 "
                                       "levels, line 2)\n")


def test_brackets_in_strings_iris_and_long_lists_are_no_nesting(tmp_path, capsys):
    text = tmp_path / "fine.ttl"
    brackets = "[(" * 200
    text.write_text(f'<urn:s> <urn:p> "{brackets}", """{brackets}\n""", \'{brackets}\' ; # {brackets}\n'
                    f'  <urn:q> ( {" ".join(map(str, range(500)))} ) , {"[ <urn:p> " * 50}1{" ]" * 50} .\n'
                    f'<urn:a{"%5B" * 3}> <urn:p> <urn:b> .\n')
    assert main(["load", "--store", str(tmp_path / "kg.db"), str(text)]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.endswith(" quads loaded\n")
