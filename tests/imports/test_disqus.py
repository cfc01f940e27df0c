"""The Disqus importer, on an export written for these tests (data/disqus-export.xml)."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from maoni.comments.models import Comment, Site, Thread
from maoni.imports.disqus import DisqusReader
from maoni.imports.records import SourceComment, SourceError, SourcePage, Status

DATA = Path(__file__).parent / "data"
EXPORT = DATA / "disqus-export.xml"
ADDRESSES = ("192.0.2.", "198.51.100.", "203.0.113.", "2001:db8")


def read(path: Path = EXPORT) -> tuple[list[SourcePage], dict[str, SourceComment]]:
    pages: list[SourcePage] = []
    comments: dict[str, SourceComment] = {}
    for record in DisqusReader(str(path)).records():
        if isinstance(record, SourcePage):
            pages.append(record)
        else:
            assert record.page_id in {page.source_id for page in pages}
            comments[record.source_id] = record
    return pages, comments


def run(*args: str, path: Path = EXPORT) -> str:
    out = StringIO()
    call_command("import_comments", "disqus", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name="Mtaa News", slug="mtaa", origins="https://news.example.com")


def test_threads_with_posts_become_pages_before_their_posts() -> None:
    pages, comments = read()
    assert [(page.source_id, page.title) for page in pages] == [
        ("2001", "County Budget Hearings Open in Nakuru & Naivasha"),
        ("2002", "New Bus Lanes Painted on Thika Road"),
        ("2003", "Draft: By-election Results, Live"),
    ]
    assert pages[0].url == "https://news.example.com/2024/03/nakuru-budget-hearings/"
    assert len(comments) == 14


@pytest.mark.parametrize(
    ("source_id", "status"),
    [
        ("3001", Status.PUBLISHED),
        ("3006", Status.SPAM),
        ("3007", Status.DELETED),
        # A reply under a deleted post stays: Disqus shows it under the tombstone.
        ("3008", Status.PUBLISHED),
        ("3016", Status.DELETED),
        # The thread was deleted: all under it is.
        ("3014", Status.DELETED),
        ("3015", Status.DELETED),
    ],
)
def test_statuses(source_id: str, status: Status) -> None:
    _pages, comments = read()
    assert comments[source_id].status == status


@pytest.mark.parametrize(
    ("source_id", "body"),
    [
        (
            "3002",
            "They are up already: the county's budget page "
            "(https://county.example.org/budget), under Finance.",
        ),
        ("3003", "Asante sana! Nimeipata, ni kurasa arobaini."),
        ("3007", ""),
        ("3009", "Who will keep private cars out of the lanes?\nThe paint alone won't do it."),
        ("3010", "Same question from Ruiru 🚌 – who pays for the new stages?"),
        ("3012", "Kama hakuna faini, hapana. Tutaona."),
    ],
)
def test_messages_become_plain_text(source_id: str, body: str) -> None:
    _pages, comments = read()
    assert comments[source_id].body == body


def test_entities_are_decoded_once() -> None:
    _pages, comments = read()
    assert comments["3008"].body.startswith(
        "Whatever was said above, the ward meeting is on Thursday — not Wednesday. "
        "Budget < last year's? Roads & water first"
    )
    assert comments["3011"].author_name == "Otieno & Sons Transport"


def test_fields_of_a_post() -> None:
    _pages, comments = read()
    post = comments["3010"]
    assert post.parent_id == "3009"
    assert post.created == datetime(2024, 3, 12, 8, 15, tzinfo=UTC)
    assert post.address == "2001:db8:12::5"
    assert post.user_email == ""
    assert comments["3009"].user_email == "njeri.mwangi@example.org"
    assert post.where.startswith("line ")


def test_the_command_stores_the_export(site: Site) -> None:
    user = get_user_model().objects.create_user("njeri", "njeri.mwangi@example.org", "pw")
    out = run("--site", "mtaa")
    assert "Found: 3 pages, 14 comments (4 deleted, 9 published, 1 spam)" in out
    assert Comment.objects.filter(source="disqus").count() == 14
    # The thread without posts made no thread here.
    assert Thread.objects.filter(site=site).count() == 3
    deep = Comment.objects.get(source_id="3004")
    assert deep.depth == 3
    early = Comment.objects.get(source_id="3010")
    assert early.parent == Comment.objects.get(source_id="3009")
    assert Comment.objects.get(source_id="3009").user == user
    tombstone = Comment.objects.get(source_id="3007")
    assert tombstone.status == Comment.Status.DELETED
    assert Comment.objects.get(source_id="3008").parent == tombstone
    budget = Thread.objects.get(key=f"{site.pk}:/2024/03/nakuru-budget-hearings/")
    assert budget.public_count == 5
    deleted = Thread.objects.get(key=f"{site.pk}:/2024/03/draft-results-live/")
    assert deleted.public_count == 0


def test_no_client_address_is_stored_and_a_second_run_adds_nothing(site: Site) -> None:
    run("--site", "mtaa")
    fields = [field.attname for field in Comment._meta.concrete_fields]
    for row in Comment.objects.values_list(*fields):
        text = " ".join(str(value) for value in row)
        assert not any(address in text for address in ADDRESSES), text
    for body, name in Comment.objects.values_list("body", "author_name"):
        assert "&amp;" not in body + name
    before = list(Comment.objects.order_by("pk").values_list("pk", "status", "path"))
    assert "Stored 0 new comments; 14 were there" in run("--site", "mtaa")
    assert list(Comment.objects.order_by("pk").values_list("pk", "status", "path")) == before
    for thread in Thread.objects.all():
        published = thread.comments.filter(status=Comment.Status.PUBLISHED).count()
        assert thread.public_count == published


def test_a_dry_run_stores_nothing(site: Site) -> None:
    assert "A dry run: nothing was stored." in run("--site", "mtaa", "--dry-run")
    assert Comment.objects.count() == 0
    assert Thread.objects.count() == 0


def test_a_truncated_export_is_refused_naming_the_line(site: Site, tmp_path: Path) -> None:
    data = EXPORT.read_bytes()
    broken = tmp_path / "truncated.xml"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError, match=r"^The Disqus export is not well-formed XML at line"):
        run("--site", "mtaa", path=broken)
    assert Comment.objects.count() == 0


def test_a_post_under_an_undescribed_thread_is_refused(tmp_path: Path) -> None:
    text = EXPORT.read_text(encoding="utf-8").replace(
        '<thread dsq:id="2004">', '<thread dsq:id="9">'
    )
    text = text.replace('<thread dsq:id="2001"/>', '<thread dsq:id="2004"/>', 1)
    path = tmp_path / "orphan.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="post 3001 at line 69 under thread 2004"):
        read(path)


def test_an_entity_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE disqus [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<disqus xmlns="http://disqus.com"><category>&b;</category></disqus>\n',
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match="declares an entity"):
        read(path)
