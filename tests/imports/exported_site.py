"""A small Maoni site to export in the round-trip tests: every kind of comment an export meets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model

from maoni.articles.models import Article
from maoni.comments import services
from maoni.comments.models import Comment, Site, Thread

START = datetime(2024, 5, 2, 6, 15, 30, tzinfo=UTC)
LONG_LINK = (
    "https://partner.example.org/2024/05/a-very-long-address/that-goes-on-and-on/and-on.html"
)
TEXTS = {
    "swahili": "Mvua imenyesha sana leo.\nBarabara ya Thika imefungwa.\n\nTutaonana kesho.",
    "symbols": "Roads & rain: <script>alert('x')</script> is text, 5 < 6 > 4.",
    "emoji": "🌧️ mvua nyingi 😅🚗 — asante!",
    "deep": "Third level down.\nA line break, then\n\na blank line.",
    "cdata": "A stray ]]> in the text, and ]]]]> twice.",
    "link": f"See {LONG_LINK} and www.example.org, or mail desk@example.org.",
}


@dataclass
class Made:
    """The site's comments by role."""

    article: Article
    page: Thread
    by_role: dict[str, Comment]


def _post(thread: Thread, role: str, at: int, status: str, parent: Comment | None = None,
          text: str = "", **fields: object) -> Comment:  # fmt: skip
    return services.comment_post(
        thread=thread,
        parent=parent,
        body=text or f"The {role} comment.",
        author_name=fields.pop("name", f"Reader {at}"),  # type: ignore[arg-type]
        author_email=f"reader{at}@example.org",
        created=START + timedelta(minutes=at),
        status=Comment.Status(status),
        question_id=None,
        **fields,  # type: ignore[arg-type]
    )


def make_site() -> Made:
    """An article and a partner site's page, with replies 3 deep and every status."""
    article = Article.objects.create(
        title="Mvua & mafuriko: <roads> closed",
        slug="mvua-mafuriko",
        body="First paragraph & more.\n\nSecond <paragraph>.",
        status=Article.Status.PUBLISHED,
        published_at=START,
    )
    partner = Site.objects.create(
        name="Partner", slug="partner", origins="https://partner.example.org"
    )
    page = Thread.objects.create(
        key=f"{partner.pk}:/2024/05/bus-lanes/",
        site=partner,
        title="Bus lanes on Thika Road",
        url="https://partner.example.org/2024/05/bus-lanes/",
    )
    user = get_user_model().objects.create_user(
        "wanjiru", email="wanjiru@example.org", password="x"
    )
    a = article.thread
    c: dict[str, Comment] = {}
    c["top"] = _post(a, "top", 1, "published", text=TEXTS["swahili"], name="Otieno & <Sons>")
    c["reply"] = _post(a, "reply", 2, "published", c["top"], TEXTS["symbols"])
    c["reply2"] = _post(a, "reply2", 3, "published", c["reply"], TEXTS["emoji"])
    c["reply3"] = _post(a, "reply3", 4, "published", c["reply2"], TEXTS["deep"])
    c["pending"] = _post(a, "pending", 5, "pending", reasons=["first comment"])
    c["under_pending"] = _post(a, "under_pending", 6, "published", c["pending"])
    c["spam"] = _post(a, "spam", 7, "spam", text="Cheap watches, cheap!")
    c["deleted"] = _post(a, "deleted", 8, "deleted", text="I take this back.")
    c["under_deleted"] = _post(a, "under_deleted", 9, "published", c["deleted"], TEXTS["cdata"])
    c["under_deleted2"] = _post(a, "under_deleted2", 10, "published", c["under_deleted"])
    c["site_top"] = _post(page, "site_top", 11, "published", text=TEXTS["link"])
    c["registered"] = _post(page, "registered", 12, "published", c["site_top"], user=user)
    c["site_pending"] = _post(page, "site_pending", 13, "pending", c["site_top"])
    return Made(article=article, page=page, by_role=c)
