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
    with pytest.raises(ArticleError, match="empty"):
        parse_article(" \n\t  \n", "x")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ArticleError, match="binary"):
        read_article(binary)
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "missing.txt")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "latin-1", "cp1252"])
def test_recoverable_encodings_are_decoded(tmp_path, encoding, caplog):
    text = " date 2021-03\nRenault a annoncé une coentreprise à Douai avec Geely, été comme hiver."
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(encoding))
    with caplog.at_level(logging.WARNING, logger="kg_ev.article"):
        article = read_article(path)
    assert article.date == "2021-03" and article.text.startswith("Renault a annoncé") and "été" in article.text
    assert ("Windows-1252" in caplog.text) == (encoding in {"latin-1", "cp1252"})


def test_a_malformed_date_line_warns_and_the_article_is_built(caplog):
    with caplog.at_level(logging.WARNING, logger="kg_ev.article"):
        article = parse_article(" date mars-2021\nTesla a ouvert une usine à Berlin.", "x")
    assert article.date is None and article.text == "Tesla a ouvert une usine à Berlin."
    assert "malformed date line" in caplog.text


def test_html_is_reduced_to_its_text(caplog):
    page = ("<!DOCTYPE html><html><head><title>Renault</title><style>p {}</style></head><body>"
            "<p>Renault s&#39;associe &agrave; Geely.</p><script>track()</script><p>Le groupe est bas&eacute; "
            "&agrave; Boulogne-Billancourt.</p></body></html>")
    with caplog.at_level(logging.WARNING, logger="kg_ev.article"):
        article = parse_article(page, "page")
    assert article.text == "Renault\n\nRenault s'associe à Geely.\n\nLe groupe est basé à Boulogne-Billancourt."
    assert "HTML" in caplog.text


def test_english_is_refused_with_a_clear_message():
    assert detect_language((DEV / "dev14-en-gm-lges-ultium.txt").read_text()) == "en"
    with pytest.raises(UnsupportedLanguageError, match="looks like 'en'"):
        read_article(DEV / "dev14-en-gm-lges-ultium.txt")


def test_stop_words_are_spacys_lists_read_without_importing_spacy():
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.fr.stop_words import STOP_WORDS as FR

    from kg_ev.article import stop_words

    assert stop_words("fr") == FR
    # spaCy adds English contractions ("n't", "'ll", ...) after its literal list; no word
    # language detection reads can be one but "n't"
    assert stop_words("en") <= EN
    assert {w for w in EN - stop_words("en") if not w[0] in "'‘’"} == {"n't", "n‘t", "n’t"}
