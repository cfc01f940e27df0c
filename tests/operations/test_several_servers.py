"""Two app servers on one PostgreSQL behave as one site (make test-postgres).

Each server is a granian process of its own, on its own port and with its
own var/ directory, so that all they share is what a site with several
machines shares: the database and Redis, or the database alone (then it
keeps the page counters, rate limits and questions itself).
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.moderation.models import SpamSettings
from maoni.moderation.roles import MODERATORS

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
GRANIAN = Path(sys.executable).parent / "granian"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Reply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8", "replace")


class Browser:
    """A reader's browser: keeps its cookies, follows no redirects, talks to any server."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()

        class NoRedirects(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: object, **kwargs: object) -> None:
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )

    def get(self, url: str) -> Reply:
        return self._send(urllib.request.Request(url))  # noqa: S310 - our loopback servers

    def post(self, url: str, fields: dict[str, str]) -> Reply:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=data, method="POST")  # noqa: S310 - ditto
        return self._send(request)

    def _send(self, request: urllib.request.Request) -> Reply:
        try:
            with self.opener.open(request, timeout=30) as response:
                return Reply(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read())


class Server:
    def __init__(self, name: str, environ: dict[str, str], var: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        var.mkdir()
        self.process = subprocess.Popen(
            [str(GRANIAN), "--interface", "wsgi", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", "1", "maoni.wsgi:application"],
            cwd=ROOT,
            env={**environ, "MAONI_VAR_DIR": str(var)},
            stdout=subprocess.DEVNULL,
            stderr=(var / f"{name}.log").open("w"),
        )  # fmt: skip

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"the server on port {self.port} did not start")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(params=["with Redis", "database alone"])
def servers(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Server, Server]]:
    database = settings.DATABASES["default"]
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    environ = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": settings.MAONI_REDIS_URL if request.param == "with Redis" else "",
        "SECRET_KEY": "the-same-key-on-every-server-of-the-site",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MAONI_DEBUG": "1",  # static files from the app folders: no collectstatic here
        "MAONI_LOG_LEVEL": "ERROR",
    }
    environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    pair = (Server("a", environ, tmp_path / "a"), Server("b", environ, tmp_path / "b"))
    try:
        for server in pair:
            server.wait_until_up()
        yield pair
    finally:
        for server in pair:
            server.stop()


@pytest.fixture
def article(make_article: Callable[..., Article]) -> Article:
    SpamSettings.objects.create(min_seconds=0)
    return make_article(title="Boda boda rules tightened", slug="boda-boda-rules")


def csrf_token(browser: Browser) -> str:
    return next(str(cookie.value) for cookie in browser.cookies if cookie.name == "csrftoken")


def form_for(browser: Browser, server: Server, article: Article) -> dict[str, str]:
    """What the page's script fetches: token, stamp and question, answered."""
    thread = urllib.parse.quote(article.thread.key)
    state = json.loads(browser.get(f"{server.url}/comments/state/?thread={thread}").text)
    numbers = [int(n) for n in re.findall(r"\d+", state["captcha"]["prompt"])]
    return {
        "csrfmiddlewaretoken": state["csrf_token"],
        "form_stamp": state["form_stamp"],
        "captcha_id": state["captcha"]["id"],
        "captcha_answer": str(sum(numbers)),
        "op": "save",
    }


def post(browser: Browser, server: Server, article: Article, fields: dict[str, str]) -> Reply:
    return browser.post(f"{server.url}/news/{article.slug}/comment/", fields)


def test_a_comment_posted_through_one_server_is_on_the_others_page_at_once(servers, article):
    a, b = servers
    reader = Browser()
    page = f"{b.url}{article.get_absolute_url()}"
    assert "No comments yet." in reader.get(page).text
    assert "No comments yet." in reader.get(page).text  # now kept in B's memory
    writer = Browser()
    fields = {
        **form_for(writer, a, article),
        "name": "Otieno",
        "body": "Helmets for passengers too.",
    }
    assert post(writer, a, article, fields).status == 302
    assert "Helmets for passengers too." in reader.get(page).text


def test_a_question_asked_by_one_server_is_good_for_one_comment_on_either(servers, article):
    a, b = servers
    browser = Browser()
    fields = form_for(browser, a, article)
    first = post(browser, b, article, {**fields, "body": "Once, through B."})
    assert first.status == 302
    again = post(browser, a, article, {**fields, "body": "Twice, through A."})
    assert again.status == 400
    assert "Answer the new question." in again.text
    assert list(Comment.objects.values_list("body", flat=True)) == ["Once, through B."]


def test_rate_limits_count_what_was_sent_to_both_servers(servers, article):
    a, b = servers
    limits = SpamSettings.load()
    limits.client_per_hour, limits.client_burst = 1, 2
    limits.save()
    browser = Browser()
    for server, body in ((a, "One."), (b, "Two.")):
        fields = {**form_for(browser, server, article), "body": body}
        assert post(browser, server, article, fields).status == 302
    refused = post(browser, a, article, {**form_for(browser, a, article), "body": "Three."})
    assert refused.status == 429
    assert "Three." in refused.text  # kept, to send again later


def test_moderating_on_one_server_changes_the_others_pages(servers, article):
    a, b = servers
    moderator = User.objects.create_user("zawadi", "zawadi@example.org", "long-pass-phrase")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    writer = Browser()
    fields = {
        **form_for(writer, a, article),
        "name": "Kamau",
        "body": "Fares went up again on Monday.",
    }
    assert post(writer, a, article, fields).status == 302
    comment = Comment.objects.get()
    page = f"{b.url}{article.get_absolute_url()}"
    reader = Browser()
    assert "Fares went up again on Monday." in reader.get(page).text
    assert "Fares went up again on Monday." in reader.get(page).text  # kept in B's memory

    desk = Browser()
    desk.get(f"{a.url}/accounts/login/")
    token = csrf_token(desk)
    login = desk.post(
        f"{a.url}/accounts/login/",
        {"username": "zawadi", "password": "long-pass-phrase", "csrfmiddlewaretoken": token},
    )
    assert login.status == 302
    # The session lives in Redis: the moderator is logged in on B as well.
    assert desk.get(f"{b.url}/moderation/").status == 200
    token = csrf_token(desk)  # logging in gave the browser a new one
    acted = desk.post(
        f"{a.url}/moderation/act/",
        {"only": f"spam:{comment.pk}", "next": "/moderation/", "csrfmiddlewaretoken": token},
    )
    assert acted.status == 302
    assert "Fares went up again on Monday." not in reader.get(page).text
