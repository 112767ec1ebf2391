import logging

import pytest

from kg_ev.article import detect_language, parse_article, read_article
from kg_ev.errors import ArticleError, UnsupportedLanguageError

from .conftest import DEV, SEED


def test_seed_date_line_with_the_first_sentence():
    article = read_article(SEED)
    assert article.id == "000_50a62ce1ae3c7f69"
    assert article.date == "2021-03"
    assert article.text.startswith("Selon Reuters, Xiaomi")


def test_dev_layout_date_then_title():
    article = read_article(DEV / "dev01-baidu-geely-rumeur.txt")
    assert article.date == "2021-01"
    assert article.text.startswith("Baidu s'apprêterait")


def test_missing_date_warns_and_option_supplies_it(caplog):
    with caplog.at_level(logging.WARNING, logger="kg_ev.article"):
        article = parse_article("Tesla a ouvert une usine à Berlin.", "x")
    assert article.date is None
    assert "date is unknown" in caplog.text
    assert parse_article("Tesla a ouvert une usine à Berlin.", "x", date="2022-03").date == "2022-03"


@pytest.mark.parametrize("date", ["2021-13", "21-03", "2021/03", "mars 2021"])
def test_malformed_date_is_an_error(date):
    with pytest.raises(ArticleError, match="malformed date"):
        parse_article("Tesla a ouvert une usine.", "x", date=date)


def test_empty_and_unreadable(tmp_path):
    with pytest.raises(ArticleError, match="empty"):
        parse_article(" date 2021-03\n\n  ", "x")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Renault a annoncé une coentreprise à Douai, été".encode("latin-1"))
    with pytest.raises(ArticleError, match="not UTF-8"):
        read_article(bad)
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "missing.txt")


def test_english_is_refused_with_a_clear_message():
    assert detect_language((DEV / "dev14-en-gm-lges-ultium.txt").read_text()) == "en"
    with pytest.raises(UnsupportedLanguageError, match="looks like 'en'"):
        read_article(DEV / "dev14-en-gm-lges-ultium.txt")
