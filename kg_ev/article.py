"""Reading articles: the optional `` date YYYY-MM`` line, the text, the language.

>>> a = parse_article(" date 2021-03 Selon Reuters, Xiaomi va se lancer.", "seed")
>>> a.date, a.text
('2021-03', 'Selon Reuters, Xiaomi va se lancer.')
>>> parse_article("Sans date.", "x").date is None
True
"""

from __future__ import annotations

import ast
import codecs
import logging
import re
from functools import cache
from html.parser import HTMLParser
from importlib.util import find_spec
from pathlib import Path

from .errors import ArticleError, UnsupportedLanguageError
from .model import Article

__all__ = ["parse_article", "read_article", "decode", "html_to_text", "detect_language", "check_date",
           "stop_words", "SUPPORTED_LANGUAGES"]

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("fr",)
_DATE_LINE = re.compile(r"\A\s*date\s+(?P<date>\S+)[ \t]*\n?[ \t]*")
_DATE = re.compile(r"\A\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z")
_WORD = re.compile(r"\w+(?:['’]\w+)?")


def check_date(date: str) -> str:
    """Return ``date`` if it is YYYY, YYYY-MM or YYYY-MM-DD, else raise :class:`ArticleError`."""
    if not _DATE.match(date):
        raise ArticleError(f"malformed date {date!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    return date


@cache
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang`` ('fr' or 'en').

    Read from spaCy's ``lang/<lang>/stop_words.py`` without importing spaCy: importing
    ``spacy.lang.fr`` takes seconds (its tokenizer exceptions), and reading an article
    must not pay that before the first extraction. The file's literal word list is
    parsed, not run; a file of another shape is imported instead.

    >>> {"le", "la", "dans"} <= stop_words("fr")
    True
    """
    spec = find_spec("spacy")
    if spec is not None and spec.submodule_search_locations:
        path = Path(next(iter(spec.submodule_search_locations)), "lang", lang, "stop_words.py")
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, UnicodeDecodeError):
            tree = None
        for node in tree.body if tree is not None else ():
            # STOP_WORDS = set("""...""".split())
            if (isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["STOP_WORDS"]
                    and isinstance(node.value, ast.Call) and node.value.args
                    and isinstance(split := node.value.args[0], ast.Call)
                    and isinstance(split.func, ast.Attribute) and isinstance(split.func.value, ast.Constant)
                    and isinstance(split.func.value.value, str)):
                return frozenset(split.func.value.value.split())
    from importlib import import_module

    return frozenset(import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS)


def detect_language(text: str) -> str:
    """Guess 'fr' or 'en' from the share of each language's stop words (spaCy's lists).

    >>> detect_language("Le constructeur a annoncé une usine dans le Nord.")
    'fr'
    >>> detect_language("The company said it will build a plant in Ohio.")
    'en'
    """
    words = [w.lower() for w in _WORD.findall(text)]
    fr_words, en_words = stop_words("fr"), stop_words("en")
    fr = sum(w in fr_words for w in words)
    en = sum(w in en_words for w in words)
    return "en" if en > fr else "fr"


def parse_article(raw: str, article_id: str, *, date: str | None = None, path: str | None = None,
                  check_language: bool = True) -> Article:
    """Build an :class:`Article` from raw text.

    A leading `` date YYYY-MM`` line (the article's first sentence may follow on the same
    line) gives the date and is removed from the text; ``date`` overrides it. An article
    without a date, or with a malformed date line, gets ``date=None`` and a logged
    warning; an HTML page is reduced to its text (logged). Raises :class:`ArticleError`
    for an empty text or a malformed ``date`` argument and
    :class:`UnsupportedLanguageError` for a language kg_ev has no rules for.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    found = None
    match = _DATE_LINE.match(text)
    if match:
        found = match.group("date")
        text = text[match.end():]
        if not _DATE.match(found):
            logger.warning("article %s: malformed date line %r (expected YYYY, YYYY-MM or YYYY-MM-DD): "
                           "its date is unknown (give one with --date)", article_id, found)
            found = None
    if _looks_like_html(text):
        text = html_to_text(text)
        logger.warning("article %s is HTML: reduced to its text", article_id)
    if date is not None:
        found = check_date(date)
    elif found is None and not match:
        logger.warning("article %s has no ' date YYYY-MM' line: its date is unknown (give one with --date)", article_id)
    if not text.strip():
        raise ArticleError(f"article {article_id!r} is empty")
    lang = detect_language(text)
    if check_language and lang not in SUPPORTED_LANGUAGES:
        raise UnsupportedLanguageError(
            f"article {article_id!r} looks like '{lang}': kg_ev has extraction rules for "
            f"{', '.join(SUPPORTED_LANGUAGES)} only; it was not built"
        )
    return Article(id=article_id, text=text, date=found, lang=lang, path=path)


def read_article(path: str | Path, *, date: str | None = None) -> Article:
    """Read an article file (UTF-8); its id is the file name without ``.txt``."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_article(decode(raw, path), path.stem, date=date, path=str(path))


def decode(raw: bytes, path: str | Path = "<bytes>") -> str:
    """The text of an article file: UTF-8 (with or without a BOM), UTF-16 with a BOM, or,
    failing those, Windows-1252 (logged). A file with NUL bytes and no UTF-16 BOM is
    binary and refused.

    >>> decode("Renault à Douai".encode("utf-16"))
    'Renault à Douai'
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError(f"{path}: starts like UTF-16 but is not valid UTF-16") from None
    if b"\x00" in raw:
        raise ArticleError(f"{path}: a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        logger.warning("%s is not UTF-8 (byte %d): decoded as Windows-1252", path, exc.start)
        return raw.decode("cp1252", errors="replace")


_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|article|br|span|h[1-6])\b[^>]*>", re.IGNORECASE)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section", "tr", "title", "header",
           "footer", "blockquote"}


def _looks_like_html(text: str) -> bool:
    return len(_HTML.findall(text[:5000])) >= 2


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page: scripts and styles dropped, block elements
    made paragraphs, entities decoded.

    >>> print(html_to_text("<html><body><h1>Titre</h1><p>Renault &amp; Nissan.</p><script>x()</script></body></html>"))
    Titre
    <BLANKLINE>
    Renault & Nissan.
    """
    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in {"script", "style", "noscript", "template"}:
                self.skip += 1
            elif tag in _BLOCKS:
                self.parts.append("\n\n")

        def handle_endtag(self, tag):
            if tag in {"script", "style", "noscript", "template"}:
                self.skip = max(0, self.skip - 1)
            elif tag in _BLOCKS:
                self.parts.append("\n\n")

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(markup)
    parser.close()
    paragraphs = (" ".join(p.split()) for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
