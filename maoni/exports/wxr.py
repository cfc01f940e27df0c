"""Maoni's comments as a WordPress export (WXR 1.2), for WordPress's own importer. Pure.

The file is what WordPress's Tools → Export writes: an ``<rss>`` whose
``<channel>`` holds one ``<item>`` (a post) per page that has comments, and
its ``<wp:comment>`` elements, every reply after the comment it answers. A
comment's text is stored as WordPress stores a comment: its ``&``, ``<`` and
``>`` as entities and its line breaks as newlines, so ``<script>`` typed
as text stays text there. Times are WordPress's pair: the site's local time
(``settings.TIME_ZONE``) and UTC.

Every comment goes, whatever its status, with the status WordPress gives the
same state: published ``1``, pending ``0``, ``spam``, deleted ``trash``.
Client addresses are empty: Maoni never keeps them. Comments carry user id 0
(a guest's), since WordPress's importer would keep Maoni's user ids as they
are, which name other people there; the name and e-mail address stay.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TextIO

from django.utils.text import slugify

from maoni.exports.records import Channel, ExportComment, ExportPage, Pages, Written
from maoni.exports.xmltext import cdata, escaped, rfc2822

APPROVED = {"published": "1", "pending": "0", "spam": "spam", "deleted": "trash"}
# Who the posts are by, for WordPress to map to one of its users on import.
AUTHOR = "newsroom"

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<!-- A WordPress eXtended RSS (WXR) file written by Maoni's export_comments: -->
<!-- its pages that have comments, and their comments. Import it into WordPress -->
<!-- with Tools: Import: WordPress. -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
"""
TAIL = "</channel>\n</rss>\n"


def write(out: TextIO, pages: Pages, *, channel: Channel) -> Written:
    """Writes the export to ``out``, page by page; returns what it wrote."""
    written = Written()
    out.write(HEAD)
    out.write(_channel(channel))
    for page in pages():
        written.pages += 1
        out.write(_item_head(page, channel))
        for comment in pages.comments(page):
            written.count(comment.status)
            out.write(_comment(comment, channel))
        out.write("\t</item>\n")
    out.write(TAIL)
    return written


def _channel(channel: Channel) -> str:
    url = escaped(channel.base_url)
    return f"""	<title>{escaped(channel.title)}</title>
	<link>{url}</link>
	<description></description>
	<pubDate>{rfc2822(channel.now.astimezone(UTC))}</pubDate>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>{url}</wp:base_site_url>
	<wp:base_blog_url>{url}</wp:base_blog_url>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login>{cdata(AUTHOR)}</wp:author_login><wp:author_email>{cdata("")}</wp:author_email><wp:author_display_name>{cdata(channel.title)}</wp:author_display_name><wp:author_first_name>{cdata("")}</wp:author_first_name><wp:author_last_name>{cdata("")}</wp:author_last_name></wp:author>
	<generator>Maoni</generator>
"""


def _times(moment: datetime, channel: Channel) -> tuple[str, str]:
    """WordPress's two times: the site's local time, and UTC."""
    form = "%Y-%m-%d %H:%M:%S"
    return moment.astimezone(channel.zone).strftime(form), moment.astimezone(UTC).strftime(form)


def paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs, its single line breaks kept as ``<br />``."""
    blocks = text.replace("\r\n", "\n").replace("\r", "\n").split("\n\n")
    return "\n\n".join(
        "<p>" + "<br />\n".join(escaped(block.strip()).split("\n")) + "</p>"
        for block in blocks
        if block.strip()
    )


def _item_head(page: ExportPage, channel: Channel) -> str:
    local, utc = _times(page.created, channel)
    slug = page.slug or slugify(page.identifier.replace("/", " "))
    return f"""	<item>
		<title>{cdata(escaped(page.title))}</title>
		<link>{escaped(page.url)}</link>
		<pubDate>{rfc2822(page.created.astimezone(UTC))}</pubDate>
		<dc:creator>{cdata(AUTHOR)}</dc:creator>
		<guid isPermaLink="false">{escaped(page.url)}</guid>
		<description></description>
		<content:encoded>{cdata(paragraphs(page.body))}</content:encoded>
		<excerpt:encoded>{cdata("")}</excerpt:encoded>
		<wp:post_id>{page.id}</wp:post_id>
		<wp:post_date>{cdata(local)}</wp:post_date>
		<wp:post_date_gmt>{cdata(utc)}</wp:post_date_gmt>
		<wp:post_modified>{cdata(local)}</wp:post_modified>
		<wp:post_modified_gmt>{cdata(utc)}</wp:post_modified_gmt>
		<wp:comment_status>{cdata("closed" if page.closed else "open")}</wp:comment_status>
		<wp:ping_status>{cdata("closed")}</wp:ping_status>
		<wp:post_name>{cdata(slug)}</wp:post_name>
		<wp:status>{cdata("publish" if page.public else "draft")}</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type>{cdata("post")}</wp:post_type>
		<wp:post_password>{cdata("")}</wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
"""


def _comment(comment: ExportComment, channel: Channel) -> str:
    local, utc = _times(comment.created, channel)
    return f"""		<wp:comment>
			<wp:comment_id>{comment.id}</wp:comment_id>
			<wp:comment_author>{cdata(escaped(comment.author_name))}</wp:comment_author>
			<wp:comment_author_email>{cdata(comment.author_email)}</wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP>{cdata("")}</wp:comment_author_IP>
			<wp:comment_date>{cdata(local)}</wp:comment_date>
			<wp:comment_date_gmt>{cdata(utc)}</wp:comment_date_gmt>
			<wp:comment_content>{cdata(escaped(comment.body))}</wp:comment_content>
			<wp:comment_approved>{cdata(APPROVED[comment.status])}</wp:comment_approved>
			<wp:comment_type>{cdata("comment")}</wp:comment_type>
			<wp:comment_parent>{comment.parent_id or 0}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
"""
