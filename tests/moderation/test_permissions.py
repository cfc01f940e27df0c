"""Every moderation action, for every role: allowed, or refused on the server."""

from __future__ import annotations

import pytest

from maoni.articles.models import Article
from maoni.comments.models import Comment, CommentSettings
from maoni.moderation.models import AuditEntry
from tests.moderation.conftest import ROLES

ALLOWED = "allowed"
LOGIN = "login"
DENIED = "denied"

MODERATING = {
    "anonymous": LOGIN,
    "reader": DENIED,
    "moderator": ALLOWED,
    "editor": ALLOWED,
    "administrator": ALLOWED,
}
EDITING_ARTICLES = {
    "anonymous": LOGIN,
    "reader": LOGIN,  # not staff: the admin asks them to log in as staff
    "moderator": LOGIN,
    "editor": ALLOWED,
    "administrator": ALLOWED,
}


def outcome(response) -> str:
    if response.status_code == 403:
        return DENIED
    if response.status_code == 302 and "login" in response["Location"]:
        return LOGIN
    assert response.status_code in {200, 302}, response.status_code
    return ALLOWED


REQUESTS = [
    ("queue", "get", "/moderation/", {}),
    ("log", "get", "/moderation/log/", {}),
    ("comment page", "get", "/moderation/comment/{comment}/", {}),
    ("unpublish", "post", "/moderation/act/", {"only": "unpublish:{comment}"}),
    ("spam", "post", "/moderation/act/", {"only": "spam:{comment}"}),
    ("delete", "post", "/moderation/act/", {"only": "delete:{comment}"}),
    ("bulk unpublish", "post", "/moderation/act/", {"action": "unpublish", "ids": "{comment}"}),
    ("edit", "post", "/moderation/comment/{comment}/", {"edit": "1", "body": "New"}),
    ("reply", "post", "/moderation/comment/{comment}/", {"reply": "1", "body": "Hi"}),
    ("close comments", "post", "/moderation/article/{article}/comments/", {"mode": "closed"}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "data"), REQUESTS)
def test_moderation_actions_by_role(
    role, name, method, url, data, client_as, article, make_comment
):
    client = client_as(role)
    comment = make_comment()
    ids = {"comment": comment.pk, "article": article.pk}
    response = getattr(client, method)(
        url.format(**ids), {key: value.format(**ids) for key, value in data.items()}
    )
    assert outcome(response) == MODERATING[role]
    comment.refresh_from_db()
    article.refresh_from_db()
    if MODERATING[role] != ALLOWED:
        assert comment.status == Comment.Status.PUBLISHED
        assert comment.body == "A comment."
        assert article.comments == Article.CommentMode.OPEN
        assert not comment.audit_entries.exists()
        assert Comment.objects.count() == 1
    elif method == "post":
        assert AuditEntry.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_article_editing_by_role(role, client_as, article):
    client = client_as(role)
    settings_row = CommentSettings.load()
    for url in [
        "/admin/articles/article/add/",
        f"/admin/articles/article/{article.pk}/change/",
        f"/admin/comments/commentsettings/{settings_row.pk}/change/",
    ]:
        response = client.get(url)
        assert outcome(response) == EDITING_ARTICLES[role], (role, url)


@pytest.mark.parametrize("role", ROLES)
def test_the_queue_link_shows_only_to_moderators(role, client_as, article):
    html = client_as(role).get(article.get_absolute_url()).content.decode()
    assert ('href="/moderation/"' in html) is (MODERATING[role] == ALLOWED)
