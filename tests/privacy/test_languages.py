"""The Your data link is mailed in the language of the page it was asked for on.

The Swahili test reads the real catalog (locale/sw), so it passes once it is
compiled.
"""

from __future__ import annotations

from typing import Any

from django.test import Client

from maoni.comments.services import comment_post


# Needs the compiled Swahili catalog.
def test_the_link_asked_for_in_swahili_is_mailed_in_swahili(
    article, mailoutbox, django_capture_on_commit_callbacks: Any
) -> None:
    comment_post(
        thread=article.thread,
        body="Maoni yangu.",
        author_name="Wairimu",
        author_email="wairimu@example.org",
        question_id=None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = Client(HTTP_ACCEPT_LANGUAGE="sw").post(
            "/your-data/", {"email": "wairimu@example.org"}
        )
    assert response.status_code == 200
    assert "kiungo cha kukifikia kiko njiani" in response.content.decode()
    (message,) = mailoutbox
    assert message.subject == "Data zako kwenye Maoni"
    assert message.body.startswith("Habari,\n")
    assert "Fungua kiungo hiki, ndani ya siku moja" in message.body
