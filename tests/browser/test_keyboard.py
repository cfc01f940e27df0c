"""Keyboard-only walk-throughs in a real browser (headless Chromium, Debian's build).

A reader posts a comment (after a mistake), replies to one and reports one; a
moderator works the queue. Nothing is clicked: every step is a key a person
presses (Tab, Shift+Tab, Enter, Space, the arrow keys of a radio group, the
queue's shortcuts) or text they type, and where the focus is afterwards is read
from ``document.activeElement``.

Elements are found by id, name, role, ``href`` or the site's own classes, never
by their words, so that each walk-through runs in English and in Swahili (the
browser asks for the language with ``Accept-Language``) whatever the catalogs
say. Each runs with the site's script and, where the page works without it,
with JavaScript turned off.
"""

from __future__ import annotations

import itertools
import re
import weakref
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from maoni.comments.choices import Premoderation
from maoni.comments.models import Comment, CommentSettings
from maoni.comments.services import comment_post
from maoni.moderation.models import AuditEntry, SpamSettings
from maoni.moderation.roles import MODERATORS
from maoni.reports.models import Report
from tests.browser.test_moderator import logged_in_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("en", "sw")
SCRIPT = [pytest.param(True, id="script"), pytest.param(False, id="no-script")]

SAVE = "#comment-form button[name=op][value=save]"

# What has the focus, for messages: tag, id, name, href and classes.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return 'nothing';
  return [e.tagName.toLowerCase(), e.id && '#' + e.id, e.getAttribute('name'),
          e.getAttribute('href'), e.className].filter(Boolean).join(' ');
}"""

# Whether the focused element can be seen: on screen, with a focus indicator.
SHOWN_WITH_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return false;
  const box = e.getBoundingClientRect();
  const style = getComputedStyle(e);
  const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth && ring;
}"""

# The text of the error messages a field in error points to with aria-describedby.
DESCRIBED_ERRORS = r"""selector => {
  const field = document.querySelector(selector);
  if (!field || field.getAttribute('aria-invalid') !== 'true') return '';
  return (field.getAttribute('aria-describedby') || '').split(/\s+/)
    .map(id => document.getElementById(id))
    .filter(e => e && e.classList.contains('field-error'))
    .map(e => e.textContent.trim()).join(' ');
}"""

# What a screen reader reads out on the focused field: its labels, and the
# elements its aria-labelledby and aria-describedby name.
HEARD = r"""() => {
  const e = document.activeElement;
  const ids = [e.getAttribute('aria-labelledby'), e.getAttribute('aria-describedby')].join(' ');
  return [...e.labels].map(l => l.textContent).concat(
    ids.split(/\s+/).map(id => document.getElementById(id)).filter(Boolean).map(x => x.textContent)
  ).join(' ');
}"""

# Whether an element is (at least partly) inside the window.
IN_VIEW = """selector => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.height > 0 && box.bottom > 0 && box.top < innerHeight;
}"""


def reader(browser: Any, language: str, *, script: bool = True) -> tuple[Any, Any]:
    """A browser window whose reader asks for pages in ``language``."""
    context = browser.new_context(
        java_script_enabled=script,
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    if not script:
        _scriptless.add(page)
    return context, page


def visit(page: Any, url: str, language: str) -> None:
    page.goto(url)
    # The page came in the language asked for (its words may not be translated yet).
    assert page.evaluate("document.documentElement.lang") == language


def focus_is(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            "s => !!document.activeElement && document.activeElement.matches(s)", selector
        )
    )


def focused(page: Any) -> str:
    return str(page.evaluate(FOCUSED))


def tab_to(page: Any, selector: str, *, limit: int = 60, backwards: bool = False) -> int:
    """Presses Tab (or Shift+Tab) until ``selector`` has the focus; returns how many times.

    Every element the focus stops at on the way must be on screen with a visible
    focus indicator.
    """
    stops = []
    for count in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stops.append(focused(page))
        assert page.evaluate(SHOWN_WITH_FOCUS), f"focus not visible on {stops[-1]}"
        if focus_is(page, selector):
            return count
    raise AssertionError(f"{selector} not reached with {limit} Tabs: {stops}")


_frames = itertools.count()
# Pages of windows with JavaScript turned off.
_scriptless: weakref.WeakSet[Any] = weakref.WeakSet()


def settle(page: Any) -> None:
    """Lets the browser render: it moves the focus (autofocus) when it next does.

    ``wait_for_function`` checks once a frame; where the page runs no script,
    frames are not counted, and a short pause does instead.
    """
    if page in _scriptless:
        page.wait_for_timeout(50)
        return
    page.wait_for_function(
        "key => (window[key] = (window[key] || 0) + 1) > 2", arg=f"settled{next(_frames)}"
    )


def press_and_wait(page: Any, key: str) -> None:
    """Presses a key that sends a form, and waits for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state("load")
    settle(page)


def question_on(page: Any) -> str:
    """The math question as the page shows it, once it is there (the script fetches it)."""
    page.wait_for_function(
        r"() => /\d/.test((document.querySelector('.captcha .field-prefix') || {}).textContent)"
    )
    return str(page.locator(".captcha .field-prefix").inner_text())


def answer_to(prompt: str) -> str:
    match = re.search(r"(\d+)\s*\+\s*(\d+)", prompt)
    assert match is not None, prompt
    return str(int(match.group(1)) + int(match.group(2)))


def wrong_answer_to(prompt: str) -> str:
    return str((int(answer_to(prompt)) + 1) % 21)


def announced(page: Any, role: str) -> str:
    """The text of the live regions of ``role`` (alert, status) in the page's main part."""
    texts = page.locator(f"#main [role={role}]").all_inner_texts()
    return " ".join(text.strip() for text in texts).strip()


@pytest.fixture
def article_with_comments(make_article: Any) -> tuple[Any, list[Comment]]:
    # A script types faster than any reader; the time check would hold it.
    SpamSettings.objects.create(min_seconds=0)
    article = make_article(title="Kisumu port reopens")
    first = comment_post(
        thread=article.thread,
        author_name="Akinyi",
        body="Good news for traders.",
        question_id=None,
    )
    second = comment_post(
        thread=article.thread,
        author_name="Otieno",
        body="At last, the ferries run again.",
        question_id=None,
    )
    return article, [first, second]


def to_error_page(page: Any, *, script: bool, name: str, body: str) -> None:
    """From the top of the article page: fills the form, and sends it with a wrong answer.

    On the way, Save with the comment empty: the browser itself refuses and puts
    the focus on the empty field.
    """
    url = page.url
    page.keyboard.press("Tab")
    assert focus_is(page, "a.skip-link"), focused(page)  # the first stop skips to the content
    tab_to(page, "#edit-name")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    assert focus_is(page, "#edit-mail"), focused(page)  # in the order they are read
    page.keyboard.press("Shift+Tab")  # and back
    assert focus_is(page, "#edit-name"), focused(page)
    tab_to(page, SAVE)
    page.keyboard.press("Enter")  # the comment is required: nothing is sent
    assert focus_is(page, "#edit-body"), focused(page)
    assert page.evaluate("document.activeElement.validity.valueMissing")
    assert page.url == url
    page.keyboard.type(body)
    if not script:
        # Without the script the shared page has no question: the first Save previews.
        tab_to(page, SAVE)
        press_and_wait(page, "Space")
        assert announced(page, "status"), "the preview page says nothing in a status region"
        assert page.locator(".comment-preview").count() == 1
    tab_to(page, "#edit-captcha-answer")
    page.keyboard.type(wrong_answer_to(question_on(page)))
    press_and_wait(page, "Enter")  # Enter in a text field sends the form (Save)


@pytest.mark.parametrize("script", SCRIPT)
@pytest.mark.parametrize("language", LANGUAGES)
def test_reader_posts_a_comment_with_the_keyboard(
    browser, live_server, article_with_comments, language, script
):
    article, _comments = article_with_comments
    context, page = reader(browser, language, script=script)
    try:
        visit(page, f"{live_server.url}{article.get_absolute_url()}", language)
        to_error_page(page, script=script, name="Maina", body="Trade will pick up now.")

        # The error is announced: a summary in an alert, and the field in error
        # marked invalid and described by its message.
        assert announced(page, "alert"), "no role=alert summary after a wrong answer"
        assert page.evaluate(DESCRIBED_ERRORS, "#edit-captcha-answer")
        assert page.locator("#edit-name").input_value() == "Maina"
        assert page.locator("#edit-body").input_value() == "Trade will pick up now."
        assert Comment.objects.count() == 2

        tab_to(page, "#edit-captcha-answer")
        page.keyboard.type(answer_to(question_on(page)))
        tab_to(page, SAVE)
        press_and_wait(page, "Enter")

        posted = Comment.objects.get(body="Trade will pick up now.")
        assert posted.status == Comment.Status.PUBLISHED
        # The page lands on the new comment, and the next Tab goes into it.
        assert page.url.endswith(f"{article.get_absolute_url()}#comment-{posted.pk}")
        assert page.evaluate(IN_VIEW, f"#comment-{posted.pk}")
        assert announced(page, "status"), "no role=status message after the comment was posted"
        page.keyboard.press("Tab")
        assert page.evaluate(
            "id => !!document.activeElement.closest('#' + id)", f"comment-{posted.pk}"
        ), focused(page)
    finally:
        context.close()


@pytest.mark.parametrize("script", SCRIPT)
@pytest.mark.parametrize("language", LANGUAGES)
def test_after_an_error_the_focus_is_on_the_errors(
    browser, live_server, article_with_comments, language, script
):
    article, _comments = article_with_comments
    context, page = reader(browser, language, script=script)
    try:
        visit(page, f"{live_server.url}{article.get_absolute_url()}", language)
        to_error_page(page, script=script, name="Maina", body="Trade will pick up now.")
        assert focus_is(page, ".form-errors, [aria-invalid=true]"), focused(page)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_held_comment_says_so_where_the_reader_lands(
    browser, live_server, article_with_comments, language
):
    article, _comments = article_with_comments
    comment_settings = CommentSettings.load()
    comment_settings.premoderation = Premoderation.ANONYMOUS
    comment_settings.save()
    context, page = reader(browser, language)
    try:
        url = f"{live_server.url}{article.get_absolute_url()}"
        visit(page, url, language)
        tab_to(page, "#edit-body")
        page.keyboard.type("Waiting my turn.")
        tab_to(page, "#edit-captcha-answer")
        page.keyboard.type(answer_to(question_on(page)))
        press_and_wait(page, "Enter")

        assert Comment.objects.get(body="Waiting my turn.").status == Comment.Status.PENDING
        assert page.url == url
        # The message is at the top, in view, in a status region; the focus
        # starts from the top of the page.
        assert announced(page, "status"), "no role=status message saying the comment is held"
        assert page.evaluate(IN_VIEW, "#main [role=status]")
        page.keyboard.press("Tab")
        assert focus_is(page, "a.skip-link"), focused(page)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_question_is_read_out_with_its_field(
    browser, live_server, article_with_comments, language
):
    article, _comments = article_with_comments
    context, page = reader(browser, language)
    try:
        visit(page, f"{live_server.url}{article.get_absolute_url()}", language)
        tab_to(page, "#edit-captcha-answer")
        prompt = question_on(page)
        # What a screen reader says on the field: its label, and what aria-labelledby
        # and aria-describedby point to.
        name = page.evaluate(HEARD)
        assert re.sub(r"\s+", "", prompt.rstrip(" =")) in re.sub(r"\s+", "", name)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_focus_stays_in_the_answer_field_when_the_question_comes_late(
    browser, live_server, article_with_comments, language
):
    """On a slow line the reader may reach the answer field before their question does;
    the script puts the question in, and the focus stays where the reader is."""
    article, _comments = article_with_comments
    context, page = reader(browser, language)
    held = []
    try:
        page.route("**/comments/state/**", lambda route: held.append(route))
        visit(page, f"{live_server.url}{article.get_absolute_url()}", language)
        tab_to(page, "#edit-captcha-answer")
        for _wait in range(50):  # the request reaches the route while the test waits
            if held:
                break
            page.wait_for_timeout(20)
        assert held, "the script asked for no question"
        assert page.locator(".captcha .field-prefix").inner_text().strip() == ""
        for route in held:
            route.continue_()
        prompt = question_on(page)
        assert focus_is(page, "#edit-captcha-answer"), focused(page)
        page.keyboard.type(answer_to(prompt))
        assert page.locator("#edit-captcha-answer").input_value() == answer_to(prompt)
    finally:
        context.close()


@pytest.mark.parametrize("script", SCRIPT)
@pytest.mark.parametrize("language", LANGUAGES)
def test_reader_replies_with_the_keyboard(
    browser, live_server, article_with_comments, language, script
):
    article, comments = article_with_comments
    answered = comments[0]
    context, page = reader(browser, language, script=script)
    try:
        visit(page, f"{live_server.url}{article.get_absolute_url()}", language)
        tab_to(page, f"#comment-{answered.pk} a[href$='/comment/{answered.pk}/reply/']")
        press_and_wait(page, "Enter")

        # The reply page: the comment answered, and the form that answers it.
        assert page.locator(f"#comment-form input[name=parent][value='{answered.pk}']").count()
        tab_to(page, "#edit-name")
        page.keyboard.type("Wanjiru")
        tab_to(page, "#edit-body")
        page.keyboard.type("Traders in Homa Bay agree.")
        tab_to(page, "#edit-captcha-answer")
        page.keyboard.type(answer_to(question_on(page)))
        press_and_wait(page, "Enter")

        reply = Comment.objects.get(body="Traders in Homa Bay agree.")
        assert reply.parent_id == answered.pk
        assert page.url.endswith(f"#comment-{reply.pk}")
        assert page.evaluate(IN_VIEW, f"#comment-{reply.pk}")
        assert announced(page, "status")
        page.keyboard.press("Tab")
        assert page.evaluate(
            "id => !!document.activeElement.closest('#' + id)", f"comment-{reply.pk}"
        ), focused(page)
    finally:
        context.close()


def to_report_errors(page: Any, comment: Comment) -> None:
    """From the top of the article page: the comment's Report link, then the report
    form sent without a reason (the browser refuses) and then as a notice of illegal
    content without the law it breaks (the site refuses)."""
    tab_to(page, f"#comment-{comment.pk} a.report-link")
    press_and_wait(page, "Enter")
    url = page.url
    tab_to(page, ".report-form button[type=submit]")
    page.keyboard.press("Enter")  # no reason chosen: the browser keeps the form
    assert focus_is(page, "input[name=reason]"), focused(page)
    assert page.url == url
    # The arrow keys move through the reasons, choosing each; Space keeps one.
    for _step in range(4):
        if focus_is(page, "input[name=reason][value=illegal]"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert focus_is(page, "input[name=reason][value=illegal]:checked"), focused(page)
    tab_to(page, ".report-form button[type=submit]")
    press_and_wait(page, "Enter")


@pytest.mark.parametrize("script", SCRIPT)
@pytest.mark.parametrize("language", LANGUAGES)
def test_reader_reports_a_comment_with_the_keyboard(
    browser, live_server, article_with_comments, language, script
):
    article, comments = article_with_comments
    reported = comments[1]
    context, page = reader(browser, language, script=script)
    try:
        visit(page, f"{live_server.url}{article.get_absolute_url()}", language)
        to_report_errors(page, reported)

        assert announced(page, "alert"), "no role=alert summary on the report form"
        for field in ("#id_legal_ground", "#id_explanation"):
            assert page.evaluate(DESCRIBED_ERRORS, field), f"{field}: error not described"
        assert Report.objects.count() == 0
        tab_to(page, "#id_legal_ground")
        page.keyboard.type("Penal Code, section 96")
        page.keyboard.press("Tab")
        assert focus_is(page, "#id_explanation"), focused(page)
        page.keyboard.type("It calls for violence.")
        tab_to(page, ".report-form button[type=submit]")
        press_and_wait(page, "Space")

        report = Report.objects.get()
        assert (report.comment_id, report.reason) == (reported.pk, Report.Reason.ILLEGAL)
        assert announced(page, "status"), "no role=status message after the report"
        assert page.evaluate(IN_VIEW, "#main [role=status]")
        # And back to the comment, by its link.
        tab_to(page, f"#main a[href$='/comment/{reported.pk}/']")
        press_and_wait(page, "Enter")
        assert page.url.endswith(f"#comment-{reported.pk}")
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_after_a_report_error_the_focus_is_on_the_errors(
    browser, live_server, article_with_comments, language
):
    article, comments = article_with_comments
    context, page = reader(browser, language)
    try:
        visit(page, f"{live_server.url}{article.get_absolute_url()}", language)
        to_report_errors(page, comments[1])
        assert focus_is(page, ".form-errors, [aria-invalid=true]"), focused(page)
    finally:
        context.close()


@pytest.fixture
def held_comments(make_article: Any) -> list[Comment]:
    article = make_article(title="Lake ferry fares cut")
    return [
        comment_post(
            thread=article.thread,
            author_name=name,
            body=body,
            question_id=None,
            status=Comment.Status.PENDING,
        )
        for name, body in [
            ("Akinyi", "Finally cheaper fares for the island."),
            ("Promo", "Win big at the casino tonight!"),
            ("Juma", "An older comment to delete."),
        ]
    ]


def moderator_window(browser: Any, live_server: Any, language: str, *, script: bool):
    moderator = User.objects.create_user("night", password="pw")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    context, page = logged_in_page(
        browser,
        live_server,
        moderator,
        java_script_enabled=script,
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    if not script:
        _scriptless.add(page)
    return context, page


def status_changes(page: Any, before: str) -> str:
    """Waits for the queue's status line (a role=status region) to say something new."""
    page.wait_for_function(
        "before => document.querySelector('#queue-status[role=status]').textContent.trim()"
        " !== before",
        arg=before,
    )
    return str(page.locator("#queue-status").inner_text().strip())


def wait_for_focus_on(page: Any, element_id: str) -> None:
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id", arg=element_id
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderator_works_the_queue_with_shortcuts_and_tab(
    browser, live_server, held_comments, language
):
    first, second, third = held_comments
    context, page = moderator_window(browser, live_server, language, script=True)
    try:
        visit(page, f"{live_server.url}/moderation/?order=oldest", language)
        said = page.locator("#queue-status").inner_text().strip()

        page.keyboard.press("j")  # the first entry takes the focus, visibly
        assert focus_is(page, f"#entry-{first.pk}"), focused(page)
        assert (
            page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
        )
        page.keyboard.press("j")
        page.keyboard.press("k")  # and back
        assert focus_is(page, f"#entry-{first.pk}"), focused(page)

        page.keyboard.press("a")  # publish; the focus moves to the next entry
        wait_for_focus_on(page, f"entry-{second.pk}")
        said = status_changes(page, said)
        assert page.locator(f"#entry-{first.pk} .badge-published").count() == 1
        # The redrawn label is in the page's language, as the server wrote it.
        with translation.override(language):
            published = str(Comment.Status.PUBLISHED.label)
        assert page.locator(f"#entry-{first.pk} .badge").inner_text() == published

        page.keyboard.press("s")  # spam the second
        wait_for_focus_on(page, f"entry-{third.pk}")
        said = status_changes(page, said)

        # Tab from the entry into its own controls, and press its Delete button.
        tab_to(page, f"#entry-{third.pk} button[data-action=delete]", limit=10)
        page.keyboard.press("Enter")
        # The button is gone with the status it was for: the focus is on its entry.
        wait_for_focus_on(page, f"entry-{third.pk}")
        said = status_changes(page, said)
        page.keyboard.press("r")  # restore it
        status_changes(page, said)
        assert focus_is(page, f"#entry-{third.pk}"), focused(page)

        statuses = dict(Comment.objects.values_list("pk", "status"))
        assert statuses == {first.pk: "published", second.pk: "spam", third.pk: "pending"}
        assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
            "publish",
            "spam",
            "delete",
            "restore",
        ]
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderator_works_the_queue_without_script(browser, live_server, held_comments, language):
    first, second, _third = held_comments
    context, page = moderator_window(browser, live_server, language, script=False)
    try:
        url = f"{live_server.url}/moderation/?order=oldest"
        visit(page, url, language)
        tab_to(page, f"#entry-{first.pk} button[data-action=publish]", limit=100)
        press_and_wait(page, "Enter")
        assert page.url == url  # back on the queue, where the moderator was
        assert announced(page, "status")
        assert Comment.objects.get(pk=first.pk).status == Comment.Status.PUBLISHED
        assert page.locator(f"#entry-{first.pk}").count() == 0  # no longer held

        tab_to(page, f"#entry-{second.pk} button[data-action=spam]", limit=100)
        press_and_wait(page, "Space")
        assert Comment.objects.get(pk=second.pk).status == Comment.Status.SPAM
        assert announced(page, "status")
    finally:
        context.close()
