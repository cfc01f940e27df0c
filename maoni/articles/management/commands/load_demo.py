"""Loads Maoni's demo article, its comments and an editor account, once."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from maoni.articles.models import Article
from maoni.comments.models import Comment
from maoni.comments.services import comment_post
from maoni.moderation.roles import EDITORS

DEMO_SLUG = "kisumu-lakefront-night-market"
EDITOR_USERNAME = "editor"
_NAIROBI = ZoneInfo("Africa/Nairobi")

ARTICLE_BODY = """\
Traders at the Kisumu lakefront will be allowed to sell until midnight from the first of next month, the county government announced on Friday, ending a curfew on stalls that has held since the market was rebuilt.

KISUMU, Friday.

The county's trade officer said the new hours would apply to the fish, produce and second-hand clothing sections, which together hold a little over four hundred licensed stalls. Food kiosks along the promenade will be allowed to stay open until one in the morning on weekends.

Street lighting along the two-kilometre stretch is to be repaired before the change takes effect, and the county says it will post askaris at both entrances. Traders' representatives asked for the lights to be working for at least a week before the first late night, so that they can judge for themselves whether the lanes are safe.

Boda boda riders welcomed the announcement, saying that evening fares from the lakefront had dropped sharply since the stalls began closing at six. Several fishmongers were less sure, pointing out that their catch comes in at dawn and that a late night would mean a very short sleep.

The market committee will hold a public meeting at the social hall on Tuesday at two in the afternoon. Residents who cannot attend may send written views to the committee's office before the end of the month.

A review of the new hours is planned after three months, when the county says it will publish figures on trade, complaints and incidents reported to the police."""

# (name, days after 10 March 2024, hour, minute, body): our own demo comments.
COMMENTS: list[tuple[str, int, int, int, str]] = [
    ("", 0, 12, 0, "Finally. The lakefront is dead after six and it never made sense."),
    (
        "Akinyi",
        0,
        13,
        47,
        "Good news for the kiosks.\nBut who is paying for the askaris? The county could not "
        "even fix the lights last year.",
    ),
    (
        "Mzee Kipchumba",
        0,
        18,
        5,
        "I remember when this market ran all night in the eighties.\nIt was safe then "
        "because everybody knew everybody.\n\nLet us see.",
    ),
    (
        "Chama cha Wavuvi wa Dunga Beach",
        1,
        7,
        30,
        "We fishermen land at 5am. Nobody asked us about these hours.\n"
        "Our statement is at https://dunga.example.org/statements/night-market",
    ),
    ("Otieno", 1, 9, 12, "Boda guys will be happy, that is for sure 😄"),
    (
        "Nekesa W.",
        1,
        21,
        40,
        "Will the meeting on Tuesday be streamed?\nSome of us work at two in the afternoon.",
    ),
    (
        "Guest",
        2,
        10,
        3,
        "Write to the committee: maoni.demo@example.org is the address on their notice.",
    ),
    ("Otieno", 2, 11, 58, "Replying to Nekesa: they said on radio there will be no stream."),
    (
        "Baraka M",
        2,
        16,
        20,
        "Three months review is fair.\nPublish the figures <b>in full</b> please, not a summary.",
    ),
    ("", 3, 8, 15, "Lights first, then talk of midnight. www.example.com/lights has photos."),
    (
        "Halima",
        4,
        12,
        0,
        "My sister sells mitumba there.\nShe says most traders want it, but only on weekends.",
    ),
    (
        "Wanjiru K.",
        4,
        18,
        35,
        "Mombasa did the same with Marikiti and it worked once the lights were on.\n"
        "Give it a chance.",
    ),
]


# Comments waiting in the moderation queue: (name, e-mail, hours ago, body, reasons).
HELD: list[tuple[str, str, int, str, list[str]]] = [
    (
        "Mama Boi",
        "mamaboi@example.org",
        3,
        "The askaris at the gate already ask traders for 'tea money'.\nWho will watch them at midnight?",
        ["pre-moderation: comments of anonymous readers are approved first"],
    ),
    (
        "Cheap Loans Kenya",
        "offers@example.net",
        2,
        "Need cash before the market opens? Instant loans, no papers: www.example.net/loans",
        [
            "a link with an offer: loans",
            "e-mail address not proved: comments without a confirmed account are approved first",
        ],
    ),
    (
        "",
        "",
        1,
        "Kisumu has waited long for this. Hongera to the traders' committee.",
        ["pre-moderation: comments of anonymous readers are approved first"],
    ),
]


class Command(BaseCommand):
    help = "Loads the demo article, its comments and an editor account (only once)."

    def handle(self, *args: Any, **options: Any) -> None:
        if Article.objects.filter(slug=DEMO_SLUG).exists():
            self.stdout.write("Demo content is already loaded.")
            return
        with transaction.atomic():
            password = self._create_editor()
            self._create_articles()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        self.stdout.write(
            f"Editor account: {EDITOR_USERNAME} / {password}\n"
            "This password is shown only this once: note it, or change it with "
            f"'manage.py changepassword {EDITOR_USERNAME}'."
        )

    def _create_editor(self) -> str:
        password = secrets.token_urlsafe(12)
        user = get_user_model().objects.create_user(
            username=EDITOR_USERNAME,
            email="editor@example.org",
            password=password,
            first_name="Night",
            last_name="Editor",
            is_staff=True,
        )
        user.groups.add(Group.objects.get(name=EDITORS))
        return password

    def _create_articles(self) -> None:
        article = Article.objects.create(
            title="Kisumu lakefront market to stay open until midnight",
            slug=DEMO_SLUG,
            byline="By our Kisumu correspondent",
            body=ARTICLE_BODY,
            published_at=datetime(2024, 3, 9, 17, 30, tzinfo=_NAIROBI),
            status=Article.Status.PUBLISHED,
        )
        for name, day, hour, minute, body in COMMENTS:
            comment_post(
                thread=article.thread,
                author_name=name,
                body=body,
                question_id=None,
                status=Comment.Status.PUBLISHED,
                created=datetime(2024, 3, 10 + day, hour, minute, tzinfo=_NAIROBI),
            )
        for name, email, hours_ago, body, reasons in HELD:
            comment_post(
                thread=article.thread,
                author_name=name,
                author_email=email,
                body=body,
                question_id=None,
                status=Comment.Status.PENDING,
                reasons=reasons,
                created=timezone.now() - timedelta(hours=hours_ago),
            )
        Article.objects.create(
            title="County budget hearings close with few residents attending",
            slug="county-budget-hearings-close",
            byline="By our county affairs reporter",
            body=(
                "The last of the ward budget hearings closed on Wednesday with fewer than "
                "thirty residents in the hall.\n\n"
                "Comments on this article are closed: it shows how a closed thread reads."
            ),
            published_at=datetime(2024, 3, 2, 9, 0, tzinfo=_NAIROBI),
            status=Article.Status.PUBLISHED,
            comments=Article.CommentMode.CLOSED,
        )
