"""The moderation queue through the API, with per-user tokens."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client

from maoni.api.models import ApiToken
from maoni.comments.models import Comment, Site
from maoni.moderation.models import AuditEntry
from maoni.moderation.roles import EDITORS, MODERATORS
from tests.api.conftest import Widget

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db: None) -> User:
    user = User.objects.create_user("night-editor", "night@example.org", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def token(moderator: User) -> str:
    _row, made = ApiToken.make(user=moderator, name="newsroom tool")
    return made


def held(widget: Widget, site: Site, body: str) -> int:
    site.premoderation = "everyone"
    site.save()
    response = widget.post(body, mail="reader@example.org")
    assert response.status_code == 202, response.content
    comment_id: int = response.json()["comment"]["id"]
    return comment_id


def bearer(token: str) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_without_a_token_the_queue_is_a_401() -> None:
    response = Client().get("/api/v1/moderation/queue")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthorized"
    wrong = Client().get("/api/v1/moderation/queue", **bearer("maoni_not-a-token"))
    assert wrong.status_code == 401


def test_a_token_of_a_reader_is_refused(db: None) -> None:
    reader = User.objects.create_user("reader", "r@example.org", "pw")
    _row, made = ApiToken.make(user=reader, name="not a moderator")
    response = Client().get("/api/v1/moderation/queue", **bearer(made))
    assert response.status_code == 403


def test_the_queue_shows_held_comments_with_their_page_but_not_their_address(
    widget: Widget, site: Site, token: str
) -> None:
    comment_id = held(widget, site, "Waiting for the night editor.")
    response = Client().get("/api/v1/moderation/queue", **bearer(token))
    assert response.status_code == 200
    [entry] = response.json()["comments"]
    assert entry["id"] == comment_id
    # A moderator's role does not see addresses; an editor's does.
    assert entry["email"] is None
    assert "reader@example.org" not in response.content.decode()
    assert entry["page_title"] == widget.thread
    assert entry["reasons"] == ["pre-moderation: every comment is approved first"]
    one = Client().get(f"/api/v1/moderation/comments/{comment_id}", **bearer(token))
    assert one.json()["body"] == "Waiting for the night editor."
    assert one.json()["email"] is None


def test_an_editor_s_token_sees_the_private_address(widget: Widget, site: Site) -> None:
    editor = User.objects.create_user("desk-chief", "chief@example.org", "pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    _row, made = ApiToken.make(user=editor, name="desk tool")
    comment_id = held(widget, site, "Waiting for the desk chief.")
    [entry] = Client().get("/api/v1/moderation/queue", **bearer(made)).json()["comments"]
    assert entry["email"] == "reader@example.org"
    one = Client().get(f"/api/v1/moderation/comments/{comment_id}", **bearer(made)).json()
    assert one["email"] == "reader@example.org"


def test_acting_on_many_goes_through_the_service_and_is_audited(
    widget: Widget, site: Site, token: str, moderator: User
) -> None:
    first = held(widget, site, "First held comment.")
    second = held(widget, site, "Second held comment.")
    response = Client().post(
        "/api/v1/moderation/actions",
        {"action": "publish", "comments": [first, second], "note": "fine"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 200
    assert response.json() == {"changed": [first, second], "skipped": []}
    assert set(Comment.objects.values_list("status", flat=True)) == {"published"}
    assert AuditEntry.objects.filter(actor=moderator, action="publish").count() == 2
    assert widget.read().json()["count"] == 2
    again = Client().post(
        "/api/v1/moderation/actions",
        {"action": "publish", "comments": [first]},
        content_type="application/json",
        **bearer(token),
    )
    assert again.json() == {"changed": [], "skipped": [first]}


def test_an_unknown_action_is_a_400(token: str) -> None:
    response = Client().post(
        "/api/v1/moderation/actions",
        {"action": "obliterate", "comments": [1]},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_tokens_from_the_command_line(moderator: User) -> None:
    out = io.StringIO()
    call_command("api_token", "make", "night-editor", "--name", "desk app", stdout=out)
    made = out.getvalue().strip()
    assert made.startswith("maoni_")
    assert Client().get("/api/v1/moderation/queue", **bearer(made)).status_code == 200
    listed = io.StringIO()
    call_command("api_token", "list", stdout=listed)
    assert "night-editor" in listed.getvalue()
    assert made not in listed.getvalue()
    call_command("api_token", "revoke", made[:12], stdout=io.StringIO())
    assert Client().get("/api/v1/moderation/queue", **bearer(made)).status_code == 401
    User.objects.create_user("reader", "r@example.org", "pw")
    with pytest.raises(CommandError, match="may not moderate"):
        call_command("api_token", "make", "reader", stdout=io.StringIO())


def test_a_token_made_in_the_admin_is_shown_once_and_works(moderator: User) -> None:
    admin = User.objects.create_superuser("boss", "boss@example.org", "pw")
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/api/apitoken/add/", {"user": moderator.pk, "name": "desk app"}, follow=True
    )
    assert response.status_code == 200
    shown = re.search(r"maoni_[A-Za-z0-9_-]{40,}", response.content.decode())
    assert shown is not None
    row = ApiToken.objects.get(name="desk app")
    assert shown.group(0) not in (row.digest, row.beginning)
    assert Client().get("/api/v1/moderation/queue", **bearer(shown.group(0))).status_code == 200


def test_picks_through_the_api_show_in_the_thread(
    widget: Widget, site: Site, token: str, moderator: User
) -> None:
    shown = widget.post("Worth reading.").json()["comment"]["id"]
    waiting = held(widget, site, "Not public yet.")

    def act(action: str, *ids: int) -> Any:
        return (
            Client()
            .post(
                "/api/v1/moderation/actions",
                {"action": action, "comments": list(ids), "note": "A fine point."},
                content_type="application/json",
                **bearer(token),
            )
            .json()
        )

    assert act("pick", shown, waiting) == {"changed": [shown], "skipped": [waiting]}
    (comment,) = widget.read().json()["comments"]
    assert comment["picked"] is True
    assert AuditEntry.objects.get(action="pick").note == "A fine point."
    assert act("unpick", shown) == {"changed": [shown], "skipped": []}
    assert widget.read().json()["comments"][0]["picked"] is False


def test_a_thread_is_closed_and_held_through_the_api(
    widget: Widget, site: Site, token: str, moderator: User
) -> None:
    widget.post("The first word.")
    thread = Comment.objects.get().thread

    def control(do: str) -> Any:
        return Client().post(
            f"/api/v1/moderation/threads/{thread.pk}",
            {"do": do, "note": "Night shift."},
            content_type="application/json",
            **bearer(token),
        )

    closed = control("close")
    assert closed.json() == {
        "thread": thread.pk,
        "changed": True,
        "closed": True,
        "hold_all": False,
    }
    assert widget.post("Too late.").status_code == 403
    assert control("close").json()["changed"] is False
    control("reopen")
    assert control("hold").json()["hold_all"] is True
    assert widget.post("Held now.").status_code == 202
    assert AuditEntry.objects.filter(actor=moderator, note="Night shift.").count() == 3
    assert control("explode").status_code == 400
    missing = Client().post(
        "/api/v1/moderation/threads/999999", {"do": "close"}, content_type="application/json",
        **bearer(token),
    )  # fmt: skip
    assert missing.status_code == 404
