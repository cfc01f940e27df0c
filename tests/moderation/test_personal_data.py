"""Commenters' and reporters' addresses are shown only to the roles that need them.

Moderators judge a comment by its words and its author's history; editors and
administrators, who answer legal notices and readers' requests, see addresses.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from maoni.comments.models import Comment
from maoni.reports.models import Report

pytestmark = pytest.mark.django_db

ADDRESS = "otieno@example.org"


@pytest.fixture
def held(make_comment) -> Comment:
    return make_comment(
        status=Comment.Status.PENDING, author_name="Otieno", author_email=ADDRESS,
        client_key="b" * 32,
    )  # fmt: skip


@pytest.mark.parametrize(("role", "sees"), [("moderator", False), ("editor", True)])
def test_the_desk_shows_an_address_only_to_roles_that_see_addresses(client_as, held, role, sees):
    desk = client_as(role)
    for url in ("/moderation/", f"/moderation/comment/{held.pk}/"):
        html = desk.get(url).content.decode()
        assert (ADDRESS in html) is sees, url
        assert ("e-mail address hidden" in html) is not sees, url
    # The history of the address is there for both: it judges, it names no one.
    assert "From this e-mail:" in desk.get("/moderation/").content.decode()


def test_a_moderator_cannot_look_an_address_up(client_as, held, make_comment):
    make_comment(status=Comment.Status.PENDING, author_name="Wanjiku", author_email="w@example.org")
    html = client_as("moderator").get("/moderation/", {"email": ADDRESS}).content.decode()
    assert 'name="email"' not in html
    assert "Wanjiku" in html  # the address was not used to narrow anything
    editor = client_as("editor").get("/moderation/", {"email": ADDRESS}).content.decode()
    assert 'name="email"' in editor
    assert "Wanjiku" not in editor


@pytest.mark.parametrize(("role", "sees"), [("editor", True), ("administrator", True)])
def test_the_admin_shows_addresses_to_roles_that_see_them(client_as, held, role, sees):
    html = client_as(role).get(f"/admin/comments/comment/{held.pk}/change/").content.decode()
    assert (ADDRESS in html) is sees


def test_the_admin_hides_addresses_from_staff_without_the_permission(held, make_user, client):
    from django.contrib.auth.models import Permission

    staff = make_user("moderator")
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(staff)
    page = client.get(f"/admin/comments/comment/{held.pk}/change/")
    assert page.status_code == 200
    assert ADDRESS not in page.content.decode()
    report = Report.objects.create(
        comment_ref=held.pk, comment=held, reason="spam", reporter_key="client:x",
        reporter_email="reporter@example.org", created=timezone.now(),
    )  # fmt: skip
    html = client.get(f"/admin/reports/report/{report.pk}/change/").content.decode()
    assert "reporter@example.org" not in html
