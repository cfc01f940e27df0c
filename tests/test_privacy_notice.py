"""The privacy notice says what this installation keeps, from its settings in force."""

from __future__ import annotations

from django.test import Client

from maoni.comments.models import CommentSettings, Contact
from tests.conftest import open_page


def test_the_notice_follows_the_settings(db, settings) -> None:
    settings.MAONI_ADDRESS_RETENTION_DAYS = 90
    page = Client().get("/privacy/").content.decode()
    assert "It is removed 90 days after you comment" in page
    assert "(if you give one)" in page
    assert "<code>maoni_own</code>" in page
    assert "<code>maoni_language</code>" in page
    settings.MAONI_CLIENT_KEY_DAYS = 7
    page = Client().get("/privacy/").content.decode()
    assert "The hash is made a new way every 7 days" in page
    assert "Editors" not in page
    assert "editors see it" in page
    row = CommentSettings.load()
    row.anonymous_contact = Contact.FORBIDDEN
    row.save()
    page = Client().get("/privacy/").content.decode()
    assert "you are not asked for a name or an e-mail address" in page


def test_the_form_links_the_notice_beside_the_private_address(client, article) -> None:
    html = open_page(client, article.get_absolute_url())
    kept = html.index("The content of this field is kept private and will not be shown publicly.")
    link = html.index('<a href="/privacy/">What is kept about you, and for how long</a>')
    assert 0 < link - kept < 200
