"""The audit log: who did what to which comment or thread, and when."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from maoni.onerow import OneRow


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        PUBLISH = "publish", pgettext_lazy("audit action", "published")
        UNPUBLISH = "unpublish", pgettext_lazy("audit action", "unpublished")
        SPAM = "spam", pgettext_lazy("audit action", "marked as spam")
        DELETE = "delete", pgettext_lazy("audit action", "deleted")
        RESTORE = "restore", pgettext_lazy("audit action", "restored")
        EDIT = "edit", pgettext_lazy("audit action", "edited")
        REPLY = "reply", pgettext_lazy("audit action", "replied to")
        PURGE = "purge", pgettext_lazy("audit action", "purged")
        COMMENTS_OPEN = "comments_open", pgettext_lazy("audit action", "opened comments")
        COMMENTS_CLOSE = "comments_close", pgettext_lazy("audit action", "closed comments")
        COMMENTS_HIDE = "comments_hide", pgettext_lazy("audit action", "hid comments")
        HOLD_ALL = "hold_all", pgettext_lazy("audit action", "held every new comment")
        HOLD_END = "hold_end", pgettext_lazy("audit action", "stopped holding every new comment")
        REPORTS_KEPT = "reports_kept", pgettext_lazy("audit action", "kept after reports")
        PICK = "pick", pgettext_lazy("audit action", "made a newsroom pick")
        UNPICK = "unpick", pgettext_lazy("audit action", "took off the newsroom picks")
        FORGET = "forget", pgettext_lazy("audit action", "removed old e-mail addresses")
        SANCTION = "sanction", pgettext_lazy("audit action", "sanctioned the author")
        SANCTION_LIFT = "sanction_lift", pgettext_lazy("audit action", "lifted a sanction")

    created = models.DateTimeField(_("created"), db_index=True)
    # Null for actions taken by Maoni itself (purging), or by a deleted user.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # The comment stays named by its id after it is purged.
    comment = models.ForeignKey(
        "comments.Comment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
        verbose_name=_("comment"),
    )
    comment_ref = models.PositiveBigIntegerField(_("comment ref"), null=True, blank=True)
    thread = models.ForeignKey(
        "comments.Thread",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("thread"),
    )
    from_status = models.CharField(_("from status"), max_length=10, blank=True)
    to_status = models.CharField(_("to status"), max_length=10, blank=True)
    note = models.TextField(_("note"), blank=True)
    # What changed, where a status does not say it (the old and new text of an edit).
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return gettext("%(action)s by %(actor)s at %(when)s") % {
            "action": self.get_action_display(),
            "actor": self.actor or "Maoni",
            "when": f"{self.created:%Y-%m-%d %H:%M}",
        }


class SpamSettings(OneRow):
    """The site's spam checks: one row, edited in the admin (see docs/spam.md)."""

    honeypot = models.BooleanField(_("reject comments that fill in the hidden field"), default=True)
    min_seconds = models.PositiveSmallIntegerField(
        _("hold comments posted sooner than this many seconds after the form was shown"),
        default=3,
        help_text=_("0 turns this check off."),
    )
    max_links = models.PositiveSmallIntegerField(
        _("hold comments with more links than this"),
        default=2,
        help_text=_("0 turns this check off."),
    )
    duplicate_minutes = models.PositiveSmallIntegerField(
        _("hold a text posted again within this many minutes"),
        default=60,
        help_text=_(
            "Anyone's comment counts, whatever its spacing, case or punctuation. 0 turns this off."
        ),
    )
    content_checks = models.BooleanField(
        _("hold comments for what their text shows of spam"),
        default=True,
        help_text=_(
            "Contact details with an offer, links off the article's topic, self-promotion "
            "(see docs/spam.md). Off: only the other checks and the filter hold."
        ),
    )
    filter_hold = models.FloatField(
        _("hold when the filter's score reaches"),
        null=True,
        blank=True,
        default=0.9,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Between 0 and 1; empty turns holding by the filter off."),
    )
    filter_reject = models.FloatField(
        _("reject when the filter's score reaches"),
        null=True,
        blank=True,
        default=0.99,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Between 0 and 1; empty turns rejecting by the filter off."),
    )

    class Captcha(models.TextChoices):
        ALWAYS = "always", _("Always: every comment answers a question")
        SUSPICIOUS = "suspicious", _("When suspicious: only comments the other checks would hold")

    captcha = models.CharField(
        _("math question"), max_length=10, choices=Captcha.choices, default=Captcha.ALWAYS
    )
    client_per_hour = models.PositiveIntegerField(
        _("posts an hour from one client"),
        default=60,
        help_text=_("Every send of the form counts (previews too). 0 turns this limit off."),
    )
    client_burst = models.PositiveSmallIntegerField(_("… of which at once"), default=10)
    email_per_hour = models.PositiveIntegerField(
        _("comments an hour from one e-mail address"), default=30
    )
    email_burst = models.PositiveSmallIntegerField(_("… of which at once"), default=5)
    thread_per_hour = models.PositiveIntegerField(
        _("comments an hour on one article"), default=1200
    )
    thread_burst = models.PositiveSmallIntegerField(_("… of which at once"), default=100)

    class Meta:
        verbose_name = _("spam settings")
        verbose_name_plural = _("spam settings")

    def __str__(self) -> str:
        return str(_("Spam settings"))


class BlockEntry(models.Model):
    """One entry of a block list, or of the allow list, kept by moderators."""

    class Kind(models.TextChoices):
        PHRASE = "phrase", _("word or phrase (held)")
        NETWORK = "network", _("client address or range (rejected)")
        EMAIL = "email", _("e-mail address (rejected)")
        EMAIL_DOMAIN = "email_domain", _("e-mail domain (rejected)")
        URL_DOMAIN = "url_domain", _("domain of a link (rejected)")
        ALLOW_EMAIL = "allow_email", _("trusted e-mail address (skips the checks)")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=254)
    note = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name_plural = _("block list entries")
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="block_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class RateBucket(models.Model):
    """A token bucket of the rate limits, by key ("client:…", "email:…", "thread:…")."""

    key = models.CharField(max_length=300, primary_key=True)
    tokens = models.FloatField()
    updated = models.FloatField()

    def __str__(self) -> str:
        return self.key


class FilterFeature(models.Model):
    """How often the spam filter has seen a feature in spam and in ham."""

    feature = models.CharField(max_length=64, unique=True)
    spam = models.PositiveIntegerField(default=0)
    ham = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.feature}: {self.spam} spam, {self.ham} ham"


class FilterTotals(models.Model):
    """How many spam and ham documents the filter has learnt from: one row."""

    spam_documents = models.PositiveIntegerField(default=0)
    ham_documents = models.PositiveIntegerField(default=0)
    # How the counted features were read (classifier.FEATURE_VERSION): counts
    # read another way are not used until ``train_filter`` rebuilds them.
    feature_version = models.PositiveSmallIntegerField(default=2)
    # The score the filter must reach to hold a comment with no link and no
    # contact, found from this site's own published comments (``calibration``);
    # empty: it holds none on words alone.
    quiet_hold = models.FloatField(null=True, blank=True)
    # When the daily job (``manage.py learn_from_published``) last ran.
    refreshed = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.spam_documents} spam, {self.ham_documents} ham"


class Training(models.Model):
    """What the filter learnt from one comment: a moderator's decision, or a comment
    that stood published with no moderator removing it.

    The features are kept because a moderator may edit the text later: taking
    a lesson back must remove exactly what was added.
    """

    class Label(models.TextChoices):
        SPAM = "spam", _("spam")
        HAM = "ham", _("not spam")

    class Source(models.TextChoices):
        MODERATOR = "moderator", _("a moderator's decision")
        STOOD = "stood", _("published and left standing")

    comment = models.OneToOneField(
        "comments.Comment", null=True, on_delete=models.SET_NULL, related_name="training"
    )
    label = models.CharField(max_length=4, choices=Label.choices)
    source = models.CharField(max_length=9, choices=Source.choices, default=Source.MODERATOR)
    features = models.JSONField(default=list)
    # How the features were read (classifier.FEATURE_VERSION), as FilterTotals keeps it.
    feature_version = models.PositiveSmallIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.label} ({len(self.features)} features)"


class Sanction(models.Model):
    """A moderator's measure against one author: an account, a proved address or a client.

    In force from ``created`` until ``ends`` (never, when empty) unless lifted.
    """

    class Kind(models.TextChoices):
        SUSPEND = "suspend", _("suspended: may not comment until it ends")
        PREMODERATE = "premoderate", _("always pre-moderated: every comment waits")
        BAN = "ban", _("banned: may not comment")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sanctions",
    )
    # Lower case; only an address its owner proved.
    email = models.EmailField(max_length=254, blank=True)
    client_key = models.CharField(max_length=32, blank=True)
    reason = models.TextField(max_length=1000)
    created = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ends = models.DateTimeField(null=True, blank=True)
    lifted = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lift_note = models.TextField(max_length=1000, blank=True)

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-created", "-id"]
        indexes = [
            models.Index(fields=["email"], name="sanction_email"),
            models.Index(fields=["client_key"], name="sanction_client"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["suspend", "premoderate", "ban"]), name="sanction_kind_known"
            ),
            # One target each: an account, an address or a client.
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, email="", client_key="")
                    | Q(user__isnull=True, client_key="") & ~Q(email="")
                    | Q(user__isnull=True, email="") & ~Q(client_key="")
                ),
                name="sanction_one_target",
            ),
            models.CheckConstraint(
                condition=~Q(kind="suspend") | Q(ends__isnull=False),
                name="sanction_suspension_ends",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_label}"

    @property
    def target(self) -> str:
        """Whom it is on, in English, as the audit log records it."""
        if self.user_id is not None:
            return f"account {self.user}"
        if self.email:
            return f"address {self.email}"
        return f"client {self.client_key[:8]}"

    @property
    def target_label(self) -> str:
        """Whom it is on, as the moderator reading it says it."""
        if self.user_id is not None:
            return gettext("account %(name)s") % {"name": self.user}
        if self.email:
            return gettext("address %(email)s") % {"email": self.email}
        return gettext("client %(key)s") % {"key": self.client_key[:8]}


class Rejection(models.Model):
    """How many comments a check rejected on a day (rejected comments are not stored)."""

    day = models.DateField()
    caught_by = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "caught_by"], name="rejection_day_check_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.caught_by}: {self.count}"
