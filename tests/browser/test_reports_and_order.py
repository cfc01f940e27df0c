"""A reader reports a comment and reads the newest first, with and without script."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from maoni.comments.services import comment_post
from maoni.reports.models import Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("script", [True, False])
def test_a_reader_reports_a_comment_and_reads_newest_first(
    browser, live_server, make_article, script
):
    article = make_article(title="County budget passed")
    comment_post(thread=article.thread, body="First, the roads.", question_id=None)
    newer = comment_post(thread=article.thread, body="Cheap followers here.", question_id=None)
    context = browser.new_context(java_script_enabled=script)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{article.get_absolute_url()}")
        expect(page.locator("article.comment").first).to_contain_text("First, the roads.")
        page.get_by_role("link", name="Newest first").click()
        expect(page.locator("article.comment").first).to_contain_text("Cheap followers here.")
        page.locator(f"#comment-{newer.pk}").get_by_role("link", name="Report").click()
        expect(page.get_by_role("heading", name="Report a comment")).to_be_visible()
        page.get_by_label("Spam or advertising").check()
        page.get_by_label("Anything the moderators should know (optional)").fill(
            "Same advert everywhere."
        )
        page.get_by_role("button", name="Send the report").click()
        expect(
            page.get_by_text("Thank you. Your report has reached the moderators.")
        ).to_be_visible()
        report = Report.objects.get()
        assert (report.comment_ref, report.reason) == (newer.pk, "spam")
        assert report.details == "Same advert everywhere."
    finally:
        context.close()
