"""The embed widget's words, in every language Maoni speaks, from Django's catalog.

The widget (``embed/src/``) runs on other sites' pages and asks Maoni for
data only, so its words travel in the script itself: ``manage.py
embed_texts`` writes ``embed/src/texts.js`` from the texts below, one object
per language of ``settings.LANGUAGES``, and ``make embed`` builds that into
``embed.js`` and ``count.js``. ``tests/api/test_widget_texts.py`` fails when
the committed file is not what the catalog gives, or when a text has no
translation. Most texts are the comment form's own, with the same msgids, so
both read alike and share one translation. A ``%(name)s`` in a text is
filled in by the widget (``fill`` in ``embed/src/language.js``).
"""

from __future__ import annotations

import gettext as gettext_module
import json

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop, ngettext
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

# The widget's names for its texts, and their msgids.
TEXTS: dict[str, str] = {
    "heading": gettext_noop("Comments"),
    "none": gettext_noop("No comments yet."),
    "more": gettext_noop("Load more"),
    "add": gettext_noop("Add new comment"),
    "reply": gettext_noop("Reply"),
    "replyingTo": gettext_noop("Replying to %(name)s"),
    "cancelReply": gettext_noop("Cancel reply"),
    "honeypot": gettext_noop("Leave this field empty"),
    "name": gettext_noop("Your name"),
    "mail": gettext_noop("Email"),
    "mailPrivate": gettext_noop(
        "The content of this field is kept private and will not be shown publicly."
    ),
    "comment": gettext_noop("Comment"),
    "required": gettext_noop("This field is required."),
    "format": gettext_noop("Text format:"),
    "plain": gettext_noop("Plain text"),
    "notify": gettext_noop("Notify me by e-mail when someone replies"),
    "notifyHelp": gettext_noop(
        "Needs your e-mail address above. Every notice has a link to stop them."
    ),
    "captcha": gettext_noop("CAPTCHA"),
    "captchaAbout": gettext_noop(
        "This question is for testing whether or not you are a human visitor "
        "and to prevent automated spam submissions."
    ),
    "math": gettext_noop("Math question"),
    "mathHelp": gettext_noop(
        "Solve this simple math problem and enter the result. E.g. for 1+3, enter 4."
    ),
    "save": gettext_noop("Save"),
    "preview": gettext_noop("Preview"),
    "previewHeading": gettext_noop("Preview comment"),
    "notSaved": gettext_noop("Your comment is not saved yet: check it below and press Save."),
    "inReplyTo": gettext_noop("In reply to %(name)s"),
    "edit": gettext_noop("Edit"),
    "del": gettext_noop("Delete"),
    "report": gettext_noop("Report"),
    "pick": gettext_noop("Newsroom pick"),
    "cancel": gettext_noop("Cancel"),
    "confirmDelete": gettext_noop("Delete your comment? This cannot be undone from here."),
    "closed": gettext_noop("Comments are closed."),
    "failed": gettext_noop("The comments could not be reached. Try again later."),
}
# Words the comment pages say in a context, as (msgctxt, msgid); the widget adds the
# brackets around them, as comments/_comment.html does.
IN_CONTEXT: dict[str, tuple[str, str]] = {
    "notVerified": ("commenter", "not verified"),
    "edited": ("comment", "edited"),
}
# The text format's tips under the comment field, in order.
TIPS: tuple[str, ...] = (
    gettext_noop("No HTML tags allowed."),
    gettext_noop("Lines and paragraphs break automatically."),
    gettext_noop("Web page addresses and email addresses turn into links automatically."),
)
# A language's plural rule when its catalog names none: English's.
ENGLISH_PLURAL = "(n != 1)"
HEADER = """\
// The widget's words in each language of settings.LANGUAGES, from Django's
// catalog. Written by `manage.py embed_texts` from maoni/api/widget_texts.py:
// do not edit by hand (see docs/embed.md, "Languages").
"""


def count_form(number: int) -> str:
    """The count's text for ``number`` in the active language, ``%(count)s`` unfilled:
    "%(count)s comment" for 1 in English, "%(count)s comments" for 5."""
    return ngettext("%(count)s comment", "%(count)s comments", number)


def plural_rule(language: str) -> str:
    """The language's plural rule as a C (and JavaScript) expression of ``n``."""
    catalog = JavaScriptCatalog()
    catalog.translation = DjangoTranslation(language, domain="django")
    return str(catalog.get_plural() or ENGLISH_PLURAL)


def count_forms(rule: str) -> list[str]:
    """The count's forms in the active language, one per value of ``rule``."""
    choose = gettext_module.c2py(rule)
    samples: dict[int, int] = {}
    for number in range(1000):
        samples.setdefault(int(choose(number)), number)
    return [count_form(samples[index]) for index in sorted(samples)]


def texts_of(language: str) -> dict[str, object]:
    """The widget's texts in ``language`` (English where a text has no translation)."""
    with translation.override(language):
        texts: dict[str, object] = {key: translation.gettext(text) for key, text in TEXTS.items()}
        for key, (context, text) in IN_CONTEXT.items():
            texts[key] = translation.pgettext(context, text)
        texts["tips"] = [translation.gettext(tip) for tip in TIPS]
    return texts


def untranslated(language: str) -> list[str]:
    """The widget's msgids that have no translation in ``language``."""
    catalog = JavaScriptCatalog()
    catalog.translation = DjangoTranslation(language, domain="django")
    known = catalog.get_catalog()
    in_context = [f"{context}\x04{text}" for context, text in IN_CONTEXT.values()]
    wanted = [*TEXTS.values(), *in_context, *TIPS, "%(count)s comment"]
    return [text for text in wanted if not known.get(text)]


def _texts_js(language: str) -> str:
    lines = [f"  {json.dumps(language)}: {{"]
    for key, value in texts_of(language).items():
        lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False)},")
    lines.append("  },")
    return "\n".join(lines)


def _count_js(language: str) -> str:
    rule = plural_rule(language)
    with translation.override(language):
        forms = json.dumps(count_forms(rule), ensure_ascii=False)
    return f'  {json.dumps(language)}: (n) => {forms}[+({rule})].replace("%(count)s", n),'


def script() -> str:
    """``embed/src/texts.js``: ``TEXTS``, the widget's words, and ``COUNTS``, count.js's
    "N comments", each by language code (each build drops the one it does not use)."""
    codes = [code for code, _name in settings.LANGUAGES]
    texts = "\n".join(_texts_js(code) for code in codes)
    counts = "\n".join(_count_js(code) for code in codes)
    return f"{HEADER}const TEXTS = {{\n{texts}\n}};\n\nconst COUNTS = {{\n{counts}\n}};\n"
