"""Seeds a fresh Maoni database for bench/pages.py; not for any other database.

    MAONI_VAR_DIR=... python bench/pages_seed.py threads.json

Reads the articles and comments bench/pages.py generated (the same ones it
gives Isso) and writes them with bulk_create: each comment's ``path`` and
``depth`` computed as ``maoni.comments.placing.place`` computes them, its
``body_html`` rendered by ``render_plain``, and each thread's ``public_count``
set. It also opens the rate limits wide and sets the form's minimum time to
0, because the benchmark posts from one address as fast as it can; every other
spam check stays as it is.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(data_file: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maoni.settings")
    import django

    django.setup()

    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import F, Max

    from maoni.articles.models import Article
    from maoni.comments.models import PATH_SEGMENT, ROOT_SEGMENT, Comment, Thread
    from maoni.comments.text import render_plain
    from maoni.moderation.models import SpamSettings
    from maoni.moderation.rules import fingerprint

    data = json.loads(data_file.read_text())
    with transaction.atomic():
        spam = SpamSettings.load()
        spam.client_per_hour = spam.email_per_hour = spam.thread_per_hour = 1_000_000
        spam.client_burst = spam.email_burst = spam.thread_burst = 30_000
        spam.min_seconds = 0
        spam.save()

        next_id = (Comment.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        for spec in data["threads"]:
            article = Article(
                title=spec["title"],
                slug=spec["slug"],
                byline=spec["byline"],
                body=spec["body"],
                published_at=datetime.fromtimestamp(spec["published"], tz=UTC),
                status=Article.Status.PUBLISHED,
                comments=Article.CommentMode.OPEN,
            )
            article.save()
            thread = article.thread
            rows: list[Comment] = []
            roots_taken: set[int] = set()
            replies: dict[int, int] = {}
            for created_ts, parent_index, author, email, body in spec["comments"]:
                created = datetime.fromtimestamp(created_ts, tz=UTC)
                if parent_index < 0:
                    # As _place: a top-level comment's segment is its time in
                    # microseconds, moved on by one while it is taken.
                    moment = int(created.timestamp() * 1_000_000)
                    while moment in roots_taken:
                        moment += 1
                    roots_taken.add(moment)
                    path, depth, parent_id = f"{moment:0{ROOT_SEGMENT}d}.", 0, None
                else:
                    # The benchmark's replies stay far above MAX_DEPTH, so the
                    # prefix is the parent's whole path and the number follows
                    # its last sibling's.
                    parent = rows[parent_index]
                    replies[parent_index] = replies.get(parent_index, 0) + 1
                    number = replies[parent_index]
                    path = f"{parent.path}{number:0{PATH_SEGMENT}d}."
                    depth, parent_id = parent.depth + 1, parent.pk
                rows.append(
                    Comment(
                        id=next_id,
                        thread=thread,
                        parent_id=parent_id,
                        author_name=author,
                        author_email=email,
                        body=body,
                        body_html=render_plain(body),
                        fingerprint=fingerprint(body),
                        status=Comment.Status.PUBLISHED,
                        created=created,
                        status_changed=created,
                        path=path,
                        depth=depth,
                    )
                )
                next_id += 1
            Comment.objects.bulk_create(rows, batch_size=500)
            Thread.objects.filter(pk=thread.pk).update(
                public_count=len(rows), version=F("version") + 1
            )
        # The ids above were given, not drawn: PostgreSQL's sequence moves past them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Comment]):
                cursor.execute(statement)
    counts = {
        article.slug: article.thread.public_count
        for article in Article.objects.select_related("thread").order_by("id")
    }
    print(json.dumps(counts))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
