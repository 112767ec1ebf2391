"""Reading articles: the optional `` date YYYY-MM`` line, the text, the language.

>>> a = parse_article(" date 2021-03 Selon Reuters, Xiaomi va se lancer.", "seed")
>>> a.date, a.text
('2021-03', 'Selon Reuters, Xiaomi va se lancer.')
>>> parse_article("Sans date.", "x").date is None
True
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS

from .errors import ArticleError, UnsupportedLanguageError
from .model import Article

__all__ = ["parse_article", "read_article", "detect_language", "check_date", "SUPPORTED_LANGUAGES"]

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


def detect_language(text: str) -> str:
    """Guess 'fr' or 'en' from the share of each language's stop words (spaCy's lists).

    >>> detect_language("Le constructeur a annoncé une usine dans le Nord.")
    'fr'
    >>> detect_language("The company said it will build a plant in Ohio.")
    'en'
    """
    words = [w.lower() for w in _WORD.findall(text)]
    fr = sum(w in FR_STOP_WORDS for w in words)
    en = sum(w in EN_STOP_WORDS for w in words)
    return "en" if en > fr else "fr"


def parse_article(raw: str, article_id: str, *, date: str | None = None, path: str | None = None,
                  check_language: bool = True) -> Article:
    """Build an :class:`Article` from raw text.

    A leading `` date YYYY-MM`` line (the article's first sentence may follow on the same
    line) gives the date and is removed from the text; ``date`` overrides it. An article
    without a date gets ``date=None`` and a logged warning. Raises :class:`ArticleError`
    for an empty text or a malformed date and :class:`UnsupportedLanguageError` for a
    language kg_ev has no rules for.
    """
    text = raw.replace("\r\n", "\n").lstrip("\ufeff")
    found = None
    match = _DATE_LINE.match(text)
    if match:
        found = match.group("date")
        text = text[match.end():]
    if date is not None:
        found = date
    if found is not None:
        check_date(found)
    else:
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
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 text (byte {exc.start}); re-encode it as UTF-8") from None
    return parse_article(text, path.stem, date=date, path=str(path))
