"""The WordPress importer, on the export a real WordPress 6.1 wrote (data/README.md)."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from maoni.articles.models import Article
from maoni.comments.models import Comment, Site, Thread
from maoni.imports.records import SourceComment, SourceError, SourcePage, Status
from maoni.imports.wordpress import WordPressReader
from tests.imports import wxr

DATA = Path(__file__).parent / "data"
EXPORT = DATA / "wordpress-export.xml"
ADDRESSES = ("192.0.2.", "198.51.100.", "203.0.113.", "2001:db8", "127.0.0.1")


def read(path: Path = EXPORT) -> tuple[list[SourcePage], dict[str, SourceComment]]:
    pages: list[SourcePage] = []
    comments: dict[str, SourceComment] = {}
    for record in WordPressReader(str(path)).records():
        if isinstance(record, SourcePage):
            pages.append(record)
        else:
            comments[record.source_id] = record
    return pages, comments


def run(*args: str, path: Path = EXPORT) -> str:
    out = StringIO()
    call_command("import_comments", "wordpress", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def site(db: None) -> Site:
    return Site.objects.create(name="Partner", slug="partner", origins="http://127.0.0.1:8083")


# The reader


def test_three_posts_and_the_readers_comments_with_the_pingback_left_out() -> None:
    reader = WordPressReader(str(EXPORT))
    records = list(reader.records())
    pages = [r for r in records if isinstance(r, SourcePage)]
    comments = [r for r in records if isinstance(r, SourceComment)]
    assert [(p.source_id, p.slug) for p in pages] == [
        ("8", "expressway-toll-rise"),
        ("9", "long-rains-late-start"),
        ("10", "harambee-stars-squad-afcon-qualifiers"),
    ]
    # 18 in the file: 16 approved, 1 pending, 1 trash; the approved pingback 4746 is
    # left out, and the approved 4740 is held because its parent is in the trash.
    assert len(comments) == 17
    assert "4746" not in {c.source_id for c in comments}
    statuses = [c.status for c in comments]
    assert statuses.count(Status.PUBLISHED) == 14
    assert statuses.count(Status.PENDING) == 2
    assert statuses.count(Status.DELETED) == 1
    assert reader.notes() == [
        "Left out 1: pingbacks and trackbacks (notices from other sites, not readers' comments)."
    ]


@pytest.mark.parametrize(
    ("source_id", "status"),
    [("4734", Status.PENDING), ("4739", Status.DELETED), ("4740", Status.PENDING)],
)
def test_nothing_hidden_at_the_source_is_published(source_id: str, status: Status) -> None:
    _pages, comments = read()
    assert comments[source_id].status == status


@pytest.mark.parametrize(
    ("source_id", "body"),
    [
        ("4730", "Same here. I'll go back to Mombasa Road & the jam, it's cheaper."),
        (
            "4731",
            "Mombasa Road is not cheaper once you count the fuel you burn standing still 😅🚗⛽",
        ),
        ("4737", "Kweli kabisa! Hapa Kisumu pia hali ni hiyo hiyo \U0001f327\ufe0f🌱🙏"),
        (
            "4732",
            "Hii ni bei kubwa sana kwa wananchi wa kawaida. Serikali ingeangalia upya mkataba "
            "huu.\nAsante kwa habari.",
        ),
    ],
)
def test_bodies_are_what_the_reader_typed(source_id: str, body: str) -> None:
    _pages, comments = read()
    assert comments[source_id].body == body


def test_markup_goes_and_what_it_meant_stays() -> None:
    _pages, comments = read()
    assert "https://www.kenha.co.ke/" in comments["4733"].body
    assert "🇰🇪" in comments["4742"].body
    assert "Olunga & Wanyama can't" in comments["4742"].body
    assert comments["4741"].body.count("\n- ") >= 2
    assert "millet & sorghum" in comments["4741"].body
    for comment in comments.values():
        assert "&amp;" not in comment.body + comment.author_name
        assert "<" not in comment.body
    assert comments["4731"].author_name == "Wairimu Ng'ang'a"


def test_times_are_the_gmt_ones_in_utc() -> None:
    pages, comments = read()
    assert comments["4729"].created == datetime(2024, 4, 15, 7, 2, 11, tzinfo=UTC)
    assert comments["4747"].created == datetime(2024, 5, 21, 9, 14, 37, tzinfo=UTC)
    assert pages[0].published == datetime(2024, 4, 15, 6, 30, tzinfo=UTC)


def test_only_registered_commenters_are_matched_by_address() -> None:
    _pages, comments = read()
    assert comments["4738"].user_email == "wanjiru.kamau@example.org"
    assert comments["4733"].user_email == "admin@example.com"
    assert comments["4729"].user_email == ""


def test_posts_are_plain_text_without_the_block_editor_comments() -> None:
    pages, _comments = read()
    assert pages[0].title == "Nairobi Expressway Tolls to Rise by 10 Percent from May"
    assert pages[0].body.startswith("Motorists using the Nairobi Expressway")
    assert "wp:paragraph" not in pages[0].body
    assert "the operator's costs" in pages[0].body


# Hidden replies, pingbacks and dates, on exports written here


def test_a_published_reply_is_held_under_any_hidden_ancestor(tmp_path: Path) -> None:
    path = wxr.write(
        tmp_path / "hidden.xml",
        [
            wxr.item(
                1,
                [
                    # Out of order: the grandchild comes before its ancestors.
                    wxr.comment(13, parent=12),
                    wxr.comment(12, parent=11),
                    wxr.comment(11, approved="trash"),
                    wxr.comment(21, parent=20),  # 20 was spam: not in the file
                    wxr.comment(31, approved="0"),
                    wxr.comment(32, parent=31),
                    wxr.comment(41),
                    wxr.comment(42, parent=41),
                ],
            )
        ],
    )
    _pages, comments = read(path)
    # The reply to the spam stands at the top level, not under some other page's 20.
    assert comments["21"].parent_id is None
    statuses = {key: comment.status for key, comment in comments.items()}
    assert statuses == {
        "13": Status.PENDING,
        "12": Status.PENDING,
        "11": Status.DELETED,
        "21": Status.PENDING,
        "31": Status.PENDING,
        "32": Status.PENDING,
        "41": Status.PUBLISHED,
        "42": Status.PUBLISHED,
    }


def test_a_reply_to_a_pingback_stands_where_the_pingback_stood(tmp_path: Path) -> None:
    path = wxr.write(
        tmp_path / "ping.xml",
        [
            wxr.item(
                1,
                [
                    wxr.comment(1),
                    wxr.comment(2, parent=1, kind="pingback", text="[&#8230;] a link [&#8230;]"),
                    wxr.comment(3, parent=2),
                    wxr.comment(4, kind="trackback"),
                    wxr.comment(5, kind="order_note"),
                ],
            )
        ],
    )
    reader = WordPressReader(str(path))
    comments = [r for r in reader.records() if isinstance(r, SourceComment)]
    assert [(c.source_id, c.parent_id, c.status) for c in comments] == [
        ("1", None, Status.PUBLISHED),
        ("3", "1", Status.PUBLISHED),
    ]
    assert len(reader.notes()) == 2


def test_without_a_gmt_date_the_local_one_less_the_sites_offset(tmp_path: Path) -> None:
    item = wxr.item(1, [wxr.comment(1, date_gmt="0000-00-00 00:00:00")])
    # The post's own dates say the site is three hours ahead of UTC.
    item = item.replace(
        "<wp:post_date><![CDATA[2024-01-02 06:00:00]]>",
        "<wp:post_date><![CDATA[2024-01-02 09:00:00]]>",
    )
    _pages, comments = read(wxr.write(tmp_path / "local.xml", [item]))
    assert comments["1"].created == datetime(2024, 2, 1, 8, 0, tzinfo=UTC)


def test_comments_of_attachments_are_left_out(tmp_path: Path) -> None:
    path = wxr.write(
        tmp_path / "kinds.xml",
        [wxr.item(1, [wxr.comment(1)], post_type="attachment"), wxr.item(2, [wxr.comment(2)])],
    )
    pages, comments = read(path)
    assert [page.source_id for page in pages] == ["2"]
    assert list(comments) == ["2"]


# Through the command


def public_count_is_right() -> bool:
    return all(
        thread.public_count == thread.comments.filter(status=Comment.Status.PUBLISHED).count()
        for thread in Thread.objects.all()
    )


def test_the_command_stores_the_export_on_the_sites_pages(site: Site) -> None:
    out = run("--site", "partner")
    assert "Found: 3 pages, 17 comments (1 deleted, 2 pending, 14 published)" in out
    assert "Left out 1: pingbacks and trackbacks" in out
    assert Comment.objects.filter(source="wordpress").count() == 17
    thread = Thread.objects.get(key=f"{site.pk}:/long-rains-late-start/")
    assert thread.url == "http://127.0.0.1:8083/long-rains-late-start/"
    hidden = Comment.objects.get(source_id="4740")
    assert hidden.status == Comment.Status.PENDING
    assert hidden.parent == Comment.objects.get(source_id="4739")
    assert thread.public_count == 4
    assert public_count_is_right()
    deep = Comment.objects.get(source_id="4731")
    assert deep.depth == 2
    assert deep.created == datetime(2024, 4, 15, 8, 15, 3, tzinfo=UTC)
    assert Comment.objects.get(source_id="4730").author_name == "Brian Kiprop"


def test_no_client_address_is_stored_anywhere(site: Site) -> None:
    run("--site", "partner")
    assert Comment.objects.exclude(client_key="").count() == 17
    fields = [field.attname for field in Comment._meta.concrete_fields]
    for row in Comment.objects.values_list(*fields):
        text = " ".join(str(value) for value in row)
        assert not any(address in text for address in ADDRESSES), text
    # Stored as typed: only the rendered HTML escapes the ampersand.
    for body, name in Comment.objects.values_list("body", "author_name"):
        assert "&amp;" not in body + name


def test_a_registered_subscriber_is_matched_to_the_account_with_that_address(
    site: Site,
) -> None:
    wanjiru = get_user_model().objects.create_user(
        "wanjiru", "Wanjiru.Kamau@example.org", "a long password"
    )
    out = run("--site", "partner")
    assert "1 registered users matched" in out
    assert Comment.objects.get(source_id="4738").user == wanjiru
    # The admin of the old site has no account here: the comment keeps its name.
    admin = Comment.objects.get(source_id="4733")
    assert admin.user is None
    assert admin.author_name == "admin"


def test_importing_twice_stores_the_same_rows(site: Site) -> None:
    run("--site", "partner")
    before = list(Comment.objects.order_by("pk").values_list("pk", "source_id", "status", "path"))
    counts = list(Thread.objects.order_by("pk").values_list("pk", "public_count"))
    again = run("--site", "partner")
    assert "Stored 0 new comments; 17 were there from an earlier run" in again
    after = list(Comment.objects.order_by("pk").values_list("pk", "source_id", "status", "path"))
    assert after == before
    assert list(Thread.objects.order_by("pk").values_list("pk", "public_count")) == counts
    assert public_count_is_right()


def test_a_dry_run_counts_and_stores_nothing(site: Site) -> None:
    out = run("--site", "partner", "--dry-run")
    assert "Found: 3 pages, 17 comments" in out
    assert "A dry run: nothing was stored." in out
    assert Comment.objects.count() == 0
    assert Thread.objects.count() == 0


def test_as_articles_makes_an_article_of_each_post(db: None) -> None:
    run("--as-articles")
    article = Article.objects.get(slug="long-rains-late-start")
    assert article.title == "Long Rains Expected to Start Late, Says Met Department"
    assert article.published_at == datetime(2024, 3, 4, 4, 15, tzinfo=UTC)
    assert "wp:paragraph" not in article.body
    assert article.thread.public_count == 4
    assert Article.objects.count() == 3


def test_a_truncated_export_is_refused_naming_the_line(site: Site, tmp_path: Path) -> None:
    data = EXPORT.read_bytes()
    broken = tmp_path / "truncated.xml"
    broken.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(CommandError) as refused:
        run("--site", "partner", path=broken)
    message = str(refused.value)
    assert message.startswith("The WordPress export is not well-formed XML at line ")
    assert message.endswith("Nothing was imported.")
    assert Comment.objects.count() == 0
    assert Thread.objects.count() == 0


def test_a_mismatched_tag_is_named_with_its_line(tmp_path: Path) -> None:
    text = EXPORT.read_text(encoding="utf-8").replace(
        "<wp:comment_parent>4729</wp:comment_parent>", "<wp:comment_parent>4729</wp:parent>", 1
    )
    broken = tmp_path / "mismatched.xml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match=r"at line 114, column \d+: mismatched tag\.$"):
        read(broken)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss><channel><item><title>&lol4;</title></item></channel></rss>
"""
OUTSIDE = """<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rss><channel><item><title>&secret;</title></item></channel></rss>
"""


@pytest.mark.parametrize("text", [BOMB, OUTSIDE], ids=["entity-bomb", "outside-entity"])
def test_entities_are_refused(site: Site, tmp_path: Path, text: str) -> None:
    path = tmp_path / "entities.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError, match="declares an entity"):
        read(path)
    with pytest.raises(CommandError, match="Nothing was imported"):
        run("--site", "partner", path=path)
    assert Comment.objects.count() == 0


def test_a_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="should be a WXR file"):
        read(DATA / "disqus-export.xml")


def peak_reading(path: Path) -> int:
    tracemalloc.start()
    try:
        for _record in WordPressReader(str(path)).records():
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_reading_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    # A first reading fills the caches every reading shares (regular expressions, codecs).
    peak_reading(wxr.write_many(tmp_path / "warm.xml", 200))
    small = peak_reading(wxr.write_many(tmp_path / "small.xml", 5_000))
    big = peak_reading(wxr.write_many(tmp_path / "big.xml", 20_000))
    assert big < 2 * small, (small, big)
    assert big < 2_000_000
