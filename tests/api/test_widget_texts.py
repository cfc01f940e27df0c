"""The widget's words come from Django's catalog, in every language Maoni speaks.

``embed/src/texts.js`` is written by ``manage.py embed_texts`` from
``maoni/api/widget_texts.py`` and the compiled catalogs; these tests fail when
it is out of date or when a widget text has no translation. The API's
messages follow the request's language; its codes stay English.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from maoni.api import widget_texts
from maoni.comments.forms import (
    CAPTCHA_DESCRIPTION,
    CAPTCHA_HELP,
    EMAIL_PRIVATE,
    FORMAT_TIPS,
    CommentForm,
)
from maoni.comments.models import Site

ROOT = Path(__file__).resolve().parents[2]
TEXTS_JS = ROOT / "embed" / "src" / "texts.js"
TRANSLATED = [code for code, _name in settings.LANGUAGES if not code.startswith("en")]


def test_the_committed_texts_are_what_the_catalogs_give() -> None:
    assert TEXTS_JS.read_text(encoding="utf-8") == widget_texts.script(), (
        "embed/src/texts.js is out of date: run `manage.py embed_texts`, then `make embed`."
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_widget_text_has_a_translation(language: str) -> None:
    assert widget_texts.untranslated(language) == []


def test_every_language_has_all_the_widgets_texts() -> None:
    script = widget_texts.script()
    for code, _name in settings.LANGUAGES:
        assert f'  "{code}": {{\n' in script
        assert f'  "{code}": (n) => ' in script
        assert set(widget_texts.texts_of(code)) == {
            *widget_texts.TEXTS,
            *widget_texts.IN_CONTEXT,
            "tips",
        }


def test_the_english_texts_are_the_comment_forms_own() -> None:
    form = CommentForm()
    with translation.override("en"):
        texts = widget_texts.texts_of("en")
        assert texts["name"] == str(form.fields["name"].label)
        assert texts["mail"] == str(form.fields["mail"].label)
        assert texts["comment"] == str(form.fields["body"].label)
        assert texts["notify"] == str(form.fields["notify"].label)
        assert texts["math"] == str(form.fields["captcha_answer"].label)
        assert texts["mailPrivate"] == str(EMAIL_PRIVATE)
        assert texts["captchaAbout"] == str(CAPTCHA_DESCRIPTION)
        assert texts["mathHelp"] == str(CAPTCHA_HELP)
        assert texts["tips"] == [str(tip) for tip in FORMAT_TIPS]


def test_the_english_count_says_comment_and_comments() -> None:
    script = widget_texts.script()
    assert (
        '  "en": (n) => ["%(count)s comment", "%(count)s comments"][+((n != 1))]'
        '.replace("%(count)s", n),\n'
    ) in script


@pytest.mark.django_db
def test_api_messages_are_in_the_requests_language_and_codes_stay_english() -> None:
    english = Client().get(
        "/api/v1/thread", {"site": "nowhere", "thread": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json()["message"] == "No site of that name uses these comments."
    for language in TRANSLATED:
        with translation.override(language):
            expected = translation.gettext("No site of that name uses these comments.")
        assert expected != english.json()["message"], f"no {language} translation yet"
        answer = Client().get(
            "/api/v1/thread", {"site": "nowhere", "thread": "x"}, HTTP_ACCEPT_LANGUAGE=language
        )
        assert answer.status_code == 404
        assert answer.json() == {**english.json(), "message": expected}


@pytest.mark.django_db
def test_a_refused_origin_is_told_in_the_requests_language() -> None:
    Site.objects.create(name="Example News", slug="example", origins="https://news.example.org")
    for language in TRANSLATED:
        with translation.override(language):
            expected = translation.gettext(
                "Pages at %(origin)s may not use these comments: the site's editors must add "
                "that origin to the site's allowed origins."
            ) % {"origin": "https://elsewhere.example.com"}
        answer = Client().options(
            "/api/v1/thread",
            HTTP_ORIGIN="https://elsewhere.example.com",
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert answer.status_code == 403
        assert answer.json() == {"code": "origin_not_allowed", "message": expected}
        assert "https://elsewhere.example.com" in expected
