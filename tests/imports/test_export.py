"""export_comments: WXR and Disqus files that Maoni's own importers read back whole.

Each round trip exports a small site (tests/imports/exported_site.py), imports
the file into another registered site with ``import_comments``, and compares:
replies under the comments they answered, nothing held, spam or deleted made
public, every text as typed.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest

# The files are the test's own; defusedxml all the same, as for any file read.
from defusedxml import ElementTree  # type: ignore[import-untyped]
from django.core.management import call_command

from maoni.comments.models import Comment, Site
from maoni.comments.text import render_plain
from maoni.exports.xmltext import cdata, clean
from tests.imports.exported_site import TEXTS, Made, make_site

WP = "{http://wordpress.org/export/1.2/}"
DSQ = "{http://disqus.com}"


@pytest.fixture
def made(db: None) -> Made:
    return make_site()


@pytest.fixture
def elsewhere(db: None) -> Site:
    return Site.objects.create(name="Elsewhere", slug="elsewhere", origins="https://x.example")


def export(fmt: str, path: Path) -> str:
    out = StringIO()
    call_command("export_comments", fmt, str(path), stdout=out)
    return out.getvalue()


def round_trip(fmt: str, tmp_path: Path) -> tuple[dict[str, Comment], str]:
    """Exports, imports into the site "elsewhere"; the imported comments by their old id."""
    path = tmp_path / f"export.{fmt}.xml"
    report = export(fmt, path)
    source = {"wxr": "wordpress", "disqus": "disqus"}[fmt]
    call_command("import_comments", source, str(path), "--site", "elsewhere", stdout=StringIO())
    imported = Comment.objects.filter(source=source).select_related("parent", "thread", "user")
    return {c.source_id: c for c in imported}, report


def old_id(made: Made, role: str) -> str:
    return str(made.by_role[role].pk)


# WordPress


def test_wxr_round_trip_keeps_threads_texts_and_times(
    made: Made, elsewhere: Site, tmp_path: Path
) -> None:
    back, report = round_trip("wxr", tmp_path)
    assert report.startswith("Exported 2 pages, 13 comments")
    assert len(back) == len(made.by_role)
    for role, original in made.by_role.items():
        copy = back[str(original.pk)]
        assert copy.body == original.body, role
        assert copy.created == original.created, role
        assert copy.author_name == original.author_name, role
        assert copy.author_email == original.author_email, role
        assert copy.thread.site == elsewhere
        parent = copy.parent.source_id if copy.parent else None
        assert parent == (str(original.parent_id) if original.parent_id else None), role
    # The two pages stay two threads, each with its own comments.
    article_thread = back[old_id(made, "top")].thread
    assert back[old_id(made, "reply3")].thread == article_thread
    assert back[old_id(made, "site_top")].thread != article_thread
    assert back[old_id(made, "site_top")].thread.url == made.page.url
    assert article_thread.title == made.article.title
    assert article_thread.url == "http://127.0.0.1:8000/news/mvua-mafuriko/"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("top", "published"),
        ("reply3", "published"),
        ("pending", "pending"),
        ("spam", "spam"),
        ("deleted", "deleted"),
        # WordPress shows no reply under a hidden comment: its importer holds them.
        ("under_pending", "pending"),
        ("under_deleted", "pending"),
        ("under_deleted2", "pending"),
        ("site_pending", "pending"),
    ],
)
def test_wxr_round_trip_makes_nothing_public_that_was_not(
    made: Made, elsewhere: Site, tmp_path: Path, role: str, status: str
) -> None:
    back, _report = round_trip("wxr", tmp_path)
    assert back[old_id(made, role)].status == status


def test_wxr_is_what_wordpress_reads(made: Made, tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    export("wxr", path)
    text = path.read_text(encoding="utf-8")
    for prefix, uri in [
        ("excerpt", "http://wordpress.org/export/1.2/excerpt/"),
        ("content", "http://purl.org/rss/1.0/modules/content/"),
        ("wfw", "http://wellformedweb.org/CommentAPI/"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("wp", "http://wordpress.org/export/1.2/"),
    ]:
        assert f'xmlns:{prefix}="{uri}"' in text
    rss = ElementTree.parse(path).getroot()
    assert (rss.tag, rss.get("version")) == ("rss", "2.0")
    channel = rss.find("channel")
    assert channel is not None
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert channel.findtext(f"{WP}base_site_url") == "http://127.0.0.1:8000"
    items = channel.findall("item")
    assert [item.findtext("link") for item in items] == [
        "http://127.0.0.1:8000/news/mvua-mafuriko/",
        "https://partner.example.org/2024/05/bus-lanes/",
    ]
    article = items[0]
    assert article.findtext(f"{WP}post_id") == str(made.article.thread_id)
    assert article.findtext(f"{WP}post_name") == "mvua-mafuriko"
    assert article.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") == (
        "<p>First paragraph &amp; more.</p>\n\n<p>Second &lt;paragraph&gt;.</p>"
    )
    # Nairobi is three hours ahead of UTC.
    assert article.findtext(f"{WP}post_date") == "2024-05-02 09:15:30"
    assert article.findtext(f"{WP}post_date_gmt") == "2024-05-02 06:15:30"


def test_wxr_comments_are_stored_as_wordpress_stores_them(made: Made, tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    export("wxr", path)
    comments = {
        c.findtext(f"{WP}comment_id"): c for c in ElementTree.parse(path).iter(f"{WP}comment")
    }
    top = comments[old_id(made, "top")]
    assert top.findtext(f"{WP}comment_author") == "Otieno &amp; &lt;Sons&gt;"
    assert top.findtext(f"{WP}comment_date") == "2024-05-02 09:16:30"
    assert top.findtext(f"{WP}comment_date_gmt") == "2024-05-02 06:16:30"
    assert top.findtext(f"{WP}comment_author_IP") == ""
    reply = comments[old_id(made, "reply")]
    assert reply.findtext(f"{WP}comment_content") == (
        "Roads &amp; rain: &lt;script&gt;alert('x')&lt;/script&gt; is text, 5 &lt; 6 &gt; 4."
    )
    assert reply.findtext(f"{WP}comment_parent") == old_id(made, "top")
    # Escaped, a "]]>" in the text no longer ends the CDATA section.
    content = comments[old_id(made, "under_deleted")].findtext(f"{WP}comment_content")
    assert content == TEXTS["cdata"].replace(">", "&gt;")
    approved = {role: comments[old_id(made, role)].findtext(f"{WP}comment_approved")
                for role in ("top", "pending", "spam", "deleted")}  # fmt: skip
    assert approved == {"top": "1", "pending": "0", "spam": "spam", "deleted": "trash"}


def test_wxr_goes_to_the_standard_output(made: Made) -> None:
    out, err = StringIO(), StringIO()
    call_command("export_comments", "wxr", "-", stdout=out, stderr=err)
    assert out.getvalue().startswith('<?xml version="1.0" encoding="UTF-8" ?>')
    assert ElementTree.fromstring(out.getvalue().encode()).tag == "rss"
    assert err.getvalue().startswith("Exported 2 pages")


# Disqus


def test_disqus_round_trip_keeps_threads_texts_and_times(
    made: Made, elsewhere: Site, tmp_path: Path
) -> None:
    back, report = round_trip("disqus", tmp_path)
    assert "Left out 2 pending comments" in report
    held = {old_id(made, "pending"), old_id(made, "site_pending")}
    assert set(back) == {str(c.pk) for c in made.by_role.values()} - held
    for role, original in made.by_role.items():
        if str(original.pk) in held:
            continue
        copy = back[str(original.pk)]
        assert copy.body == original.body, role
        assert render_plain(copy.body) == original.body_html, role
        assert copy.created == original.created, role
        assert copy.author_name == original.author_name, role
    assert back[old_id(made, "reply3")].parent == back[old_id(made, "reply2")]
    assert back[old_id(made, "under_deleted2")].parent == back[old_id(made, "under_deleted")]
    # The reply to a pending comment, left out, stands at the top level.
    assert back[old_id(made, "under_pending")].parent is None
    assert back[old_id(made, "registered")].user == made.by_role["registered"].user
    assert back[old_id(made, "site_top")].thread.url == made.page.url
    assert back[old_id(made, "top")].thread.title == made.article.title


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("top", "published"),
        ("reply3", "published"),
        ("spam", "spam"),
        ("deleted", "deleted"),
        ("under_deleted", "published"),
        ("under_pending", "published"),
    ],
)
def test_disqus_round_trip_keeps_statuses(
    made: Made, elsewhere: Site, tmp_path: Path, role: str, status: str
) -> None:
    back, _report = round_trip("disqus", tmp_path)
    assert back[old_id(made, role)].status == status


def test_disqus_file_is_what_disqus_writes(made: Made, tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    export("disqus", path)
    root = ElementTree.parse(path).getroot()
    assert root.tag == f"{DSQ}disqus"
    dsq_id = "{http://disqus.com/disqus-internals}id"
    assert [c.get(dsq_id) for c in root.findall(f"{DSQ}category")] == ["1"]
    threads = root.findall(f"{DSQ}thread")
    assert [t.findtext(f"{DSQ}id") for t in threads] == [
        "/news/mvua-mafuriko/",
        "/2024/05/bus-lanes/",
    ]
    # Disqus keeps titles HTML-escaped.
    assert threads[0].findtext(f"{DSQ}title") == "Mvua &amp; mafuriko: &lt;roads&gt; closed"
    assert threads[0].findtext(f"{DSQ}createdAt") == "2024-05-02T06:15:30Z"
    posts = {p.get(dsq_id): p for p in root.findall(f"{DSQ}post")}
    reply = posts[old_id(made, "reply")]
    assert reply.findtext(f"{DSQ}message") == made.by_role["reply"].body_html
    assert reply.find(f"{DSQ}parent").get(dsq_id) == old_id(made, "top")
    assert posts[old_id(made, "spam")].findtext(f"{DSQ}isSpam") == "true"
    assert posts[old_id(made, "deleted")].findtext(f"{DSQ}isDeleted") == "true"
    registered = posts[old_id(made, "registered")]
    assert registered.findtext(f"{DSQ}author/{DSQ}isAnonymous") == "false"
    assert registered.findtext(f"{DSQ}author/{DSQ}email") == "wanjiru@example.org"


# Text in XML


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("plain", "<![CDATA[plain]]>"),
        ("a]]>b", "<![CDATA[a]]]]><![CDATA[>b]]>"),
        ("bell\x07 and \ufffe gone", "<![CDATA[bell and  gone]]>"),
        ("tab\tnew\nline", "<![CDATA[tab\tnew\nline]]>"),
    ],
)
def test_cdata(text: str, written: str) -> None:
    assert cdata(text) == written
    assert ElementTree.fromstring(f"<x>{written}</x>").text == clean(text)
