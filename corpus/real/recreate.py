#!/usr/bin/env python3
"""Re-create the texts of corpus/real from saved search answers, and check their hashes.

The real articles are third-party material: their texts are never committed. What is
committed is `sources.jsonl`, one line per article:

    {"id": "b1-01-...", "batch": 1, "url": "https://...", "query": "the exact query",
     "date": "2021-03", "sha256": "<sha256 of the text file>"}

and the annotations in `gold.jsonl`. A saved search answer is the JSON the `search` tool
returned for `query` on its "pages" corpus, stored as `answers/ID.json` (git-ignored). The
article's text is the excerpt of the result whose `url` is the article's address,
written as `ID.txt` after a ` date YYYY-MM` line (the format of the seed).

usage: python3 corpus/real/recreate.py [--check] [--sources FILE] [--fill]
  --check    verify the existing texts only
  --sources  another sources file (an annotator's incoming batch); default sources.jsonl
  --fill     write the hash of each newly made text into an empty "sha256" field
Exit status 1 when an answer is missing or a hash does not match.
"""
import hashlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent


def article_text(answer: dict, url: str, date: str) -> str:
    for result in answer.get("results", []):
        if result.get("url") == url:
            return f" date {date}\n{result['excerpt']}"
    raise LookupError(f"the saved answer has no result for {url}")


def main(argv: list[str]) -> int:
    check_only, fill = "--check" in argv, "--fill" in argv
    sources = pathlib.Path(argv[argv.index("--sources") + 1]) if "--sources" in argv else HERE / "sources.jsonl"
    rows = [json.loads(line) for line in sources.read_text("utf-8").splitlines() if line.strip()]
    problems = 0
    for row in rows:
        path = HERE / f"{row['id']}.txt"
        if not check_only:
            saved = HERE / "answers" / f"{row['id']}.json"
            if not saved.exists():
                print(f"{row['id']}: no saved answer {saved.relative_to(HERE)}: run the search query {row['query']!r} "
                      "on the 'pages' corpus and save its JSON answer there")
                problems += 1
                continue
            answer = json.loads(saved.read_text("utf-8"))
            if answer.get("query") not in (None, row["query"]):
                print(f"{row['id']}: the saved answer is for the query {answer.get('query')!r}, not {row['query']!r}")
                problems += 1
                continue
            try:
                path.write_text(article_text(answer, row["url"], row["date"]), encoding="utf-8")
            except LookupError as exc:
                print(f"{row['id']}: {exc}")
                problems += 1
                continue
        if not path.exists():
            print(f"{row['id']}: no text {path.name}")
            problems += 1
        elif fill and not row.get("sha256"):
            row["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            print(f"{row['id']}: sha256 mismatch: the text is not the one annotated")
            problems += 1
    if fill:
        sources.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    print(f"{len(rows) - problems} of {len(rows)} texts present with the annotated hash")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
