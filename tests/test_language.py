"""The language pages are answered in: the reader's choice, their browser's, the site's."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from maoni import config
from maoni.articles.models import Article
from maoni.comments.services import comment_post
from maoni.formats import swahili
from maoni.language import language_of

pytestmark = pytest.mark.django_db

SWAHILI = {"HTTP_ACCEPT_LANGUAGE": "sw-KE,sw;q=0.9,en;q=0.5"}


def page(article: Article, client: Client | None = None, **headers: Any) -> Any:
    return (client or Client()).get(article.get_absolute_url(), **headers)


def chose(language: str) -> Client:
    client = Client()
    client.cookies["maoni_language"] = language
    return client


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "sw"}, "sw"),
        ({"HTTP_ACCEPT_LANGUAGE": "sw-KE,en;q=0.8"}, "sw"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr-FR,sw;q=0.7,en;q=0.5"}, "sw"),
        ({"HTTP_ACCEPT_LANGUAGE": "fr-FR,de;q=0.5"}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "*"}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,sw;q=0.9"}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "en", "HTTP_COOKIE": "maoni_language=sw"}, "sw"),
        ({"HTTP_ACCEPT_LANGUAGE": "sw", "HTTP_COOKIE": "a=1; maoni_language=en"}, "en"),
        # A choice Maoni does not have counts for nothing.
        ({"HTTP_ACCEPT_LANGUAGE": "sw", "HTTP_COOKIE": "maoni_language=xx"}, "sw"),
        ({"HTTP_ACCEPT_LANGUAGE": "q=;;,,,sw;q=abc"}, "en"),
    ],
)
def test_the_reader_s_choice_then_the_browser_s_then_the_site_s(environ, expected):
    assert language_of(environ) == expected


def test_the_site_s_own_language_when_the_reader_says_nothing(settings):
    settings.LANGUAGE_CODE = "sw"
    assert language_of({}) == "sw"
    assert language_of({"HTTP_ACCEPT_LANGUAGE": "en-US"}) == "en"


def test_the_site_setting_takes_only_a_language_maoni_has():
    languages = [("en", "English"), ("sw", "Kiswahili")]
    assert config.language({}, "MAONI_LANGUAGE", languages) == "en"
    assert config.language({"MAONI_LANGUAGE": " SW "}, "MAONI_LANGUAGE", languages) == "sw"
    with pytest.raises(config.ConfigurationError, match="one of en, sw"):
        config.language({"MAONI_LANGUAGE": "fr"}, "MAONI_LANGUAGE", languages)


def test_a_page_says_its_language(article: Article):
    english, swahili_page = page(article), page(article, **SWAHILI)
    assert english["Content-Language"] == "en"
    assert b'<html lang="en">' in english.content
    assert swahili_page["Content-Language"] == "sw"
    assert b'<html lang="sw">' in swahili_page.content
    assert "Accept-Language" in swahili_page["Vary"]


def test_every_page_links_to_the_other_language_without_script(article: Article):
    body = page(article).content.decode()
    link = f'href="/language/sw/?next={article.get_absolute_url()}" lang="sw"'
    assert link in body
    assert '<span lang="en" aria-current="true">English</span>' in body


def test_the_language_link_remembers_the_choice_and_goes_back(article: Article):
    client = Client()
    answer = client.get("/language/sw/", {"next": article.get_absolute_url()})
    assert answer.status_code == 302
    assert answer["Location"] == article.get_absolute_url()
    cookie = answer.cookies["maoni_language"]
    assert cookie.value == "sw"
    assert cookie["samesite"] == "Lax"
    assert answer["Cache-Control"] == "no-store"
    assert b'<html lang="sw">' in page(article, client).content


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_language_link_never_sends_the_reader_to_another_site(elsewhere):
    answer = Client().get("/language/en/", {"next": elsewhere})
    assert answer["Location"] == "/"


def test_a_language_maoni_does_not_have_is_not_found():
    assert Client().get("/language/xx/").status_code == 404


def test_kept_pages_are_kept_per_language_and_stay_fresh_in_both(article: Article):
    comment_post(thread=article.thread, body="Habari za asubuhi.", question_id=None)
    english, swahili_page = page(article), page(article, **SWAHILI)
    assert english.content != swahili_page.content
    with CaptureQueriesContext(connection) as queries:
        again_english, again_swahili = page(article), page(article, **SWAHILI)
    assert len(queries) == 0
    assert again_english.content == english.content
    assert again_swahili.content == swahili_page.content
    assert english["ETag"] != swahili_page["ETag"]
    comment_post(thread=article.thread, body="Jioni njema kwenu.", question_id=None)
    assert b"Jioni njema kwenu." in page(article).content
    assert b"Jioni njema kwenu." in page(article, **SWAHILI).content


def test_a_page_in_the_language_a_cookie_chose_is_kept_by_the_reader_s_browser_only(
    article: Article,
):
    by_browser = page(article, **SWAHILI)
    assert "public" in by_browser["Cache-Control"]
    by_choice = page(article, chose("sw"))
    assert by_choice["Cache-Control"] == "private, max-age=0"
    assert by_choice.content == by_browser.content
    again = chose("sw").get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=by_choice["ETag"])
    assert again.status_code == 304
    assert again["Cache-Control"] == "private, max-age=0"


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (0, 30, "saa 6:30 usiku"),
        (3, 59, "saa 9:59 usiku"),
        (4, 10, "saa 10:10 alfajiri"),
        (6, 45, "saa 12:45 alfajiri"),
        (7, 0, "saa 1:00 asubuhi"),
        (11, 59, "saa 5:59 asubuhi"),
        (12, 0, "saa 6:00 mchana"),
        (15, 5, "saa 9:05 mchana"),
        (16, 0, "saa 10:00 jioni"),
        (18, 59, "saa 12:59 jioni"),
        (19, 0, "saa 1:00 usiku"),
        (23, 15, "saa 5:15 usiku"),
    ],
)
def test_swahili_hours_count_from_sunrise_and_sunset(hour, minute, expected):
    assert swahili.timestamp(datetime(2026, 12, 6, hour, minute)).endswith(expected)


def test_a_swahili_date_names_the_weekday_and_month():
    moment = datetime(2024, 3, 10, 12, 0)
    assert swahili.timestamp(moment) == "Jumapili, 10 Machi 2024, saa 6:00 mchana"


def test_a_comment_s_time_reads_in_swahili_on_a_swahili_page(article: Article):
    comment_post(thread=article.thread, body="Asante kwa habari.", question_id=None)
    body = page(article, **SWAHILI).content.decode()
    assert " saa " in body
    assert any(month in body for month in swahili.MONTHS)
