"""The filter learns from moderators' decisions and holds what looks like spam."""

from __future__ import annotations

import time
from datetime import timedelta
from io import StringIO

from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from maoni.comments.models import Comment
from maoni.comments.services import comments_moderate
from maoni.comments.standing import STOOD_FOR, STOOD_WINDOW
from maoni.moderation.learning import (
    DECISIONS_BEFORE_HOLDING,
    DECISIONS_BEFORE_REJECTING,
    MIN_DOCUMENTS,
    decisions_learnt,
    filter_rebuild,
    filter_score,
)
from maoni.moderation.models import FilterFeature, FilterTotals, SpamSettings, Training
from maoni.pagecache import changes

TOPICS = ["matatu fares", "the county budget", "the long rains", "school fees", "maize prices"]
HAM = [
    f"Asante for this report on {topic}. "
    f"The {place} residents have waited {weeks} weeks for answers."
    for topic in TOPICS
    for place, weeks in [("Kisumu", 3), ("Nakuru", 5), ("Eldoret", 2), ("Mombasa", 4), ("Nyeri", 6)]
]
SPAM = [
    f"Win big tonight at {site}! Jackpot bonus {amount} KSh, bet now at http://{site}/{code}"
    for site in ["mega-odds.example", "lucky-spin.example", "bet-kubwa.example", "odds254.example"]
    for amount, code in [
        ("50,000", "a1"),
        ("100,000", "b2"),
        ("20,000", "c3"),
        ("75,000", "d4"),
        ("5,000", "e5"),
        ("9,000", "f6"),
    ]
]
SEED = [(text, "Reader", False) for text in HAM] + [(text, "Promo", True) for text in SPAM]


# The filter holds only a comment with a way to reach its writer.
JACKPOT = "Jackpot bonus tonight, bet now and win big! http://odds254.example/a1"


def stamp() -> str:
    return signing.dumps(time.time() - 60, salt="maoni.moderation.form-shown")


def test_the_filter_waits_until_it_knows_enough(db):
    filter_rebuild(seed=SEED[:5] + SEED[-5:])
    assert filter_score(body="Win big tonight, jackpot!", author_name="") is None
    filter_rebuild(seed=SEED)
    assert min(len(HAM), len(SPAM)) >= MIN_DOCUMENTS
    result = filter_score(body="Win big tonight, jackpot bonus!", author_name="")
    assert result is not None
    assert result.probability > 0.9


def test_spam_through_the_form_is_rejected_when_sure(reader):
    filter_rebuild(seed=SEED)
    # Moderators' decisions teach it this site's readers; only then does it reject.
    Training.objects.bulk_create(
        Training(label=Training.Label.HAM, features=[], feature_version=1)
        for _ in range(DECISIONS_BEFORE_REJECTING)
    )
    changes.spam_checks_changed()
    response = reader.post(body=JACKPOT, form_stamp=stamp())
    assert response.status_code == 400
    assert "Your comment could not be posted." in response.content.decode()
    assert not Comment.objects.exists()


def decided(count: int) -> None:
    """As if moderators had decided ``count`` comments (the lessons themselves aside)."""
    Training.objects.bulk_create(
        Training(label=Training.Label.HAM, features=[], feature_version=2) for _ in range(count)
    )
    changes.spam_checks_changed()


def test_a_filter_this_sites_moderators_have_not_taught_holds_nothing(reader):
    filter_rebuild(seed=SEED)
    decided(DECISIONS_BEFORE_HOLDING - 1)
    response = reader.post(body=JACKPOT, form_stamp=stamp())
    assert response.status_code == 302
    # The content checks may hold it; the filter is not asked.
    assert not any(reason.startswith("filter") for reason in Comment.objects.get().reasons)


def test_a_taught_filter_that_may_not_reject_yet_holds_instead(reader):
    filter_rebuild(seed=SEED)
    decided(DECISIONS_BEFORE_HOLDING)
    response = reader.post(body=JACKPOT, form_stamp=stamp())
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert any(reason.startswith("filter score ") for reason in comment.reasons)


def test_counts_read_an_older_way_are_not_used_until_rebuilt(reader):
    filter_rebuild(seed=SEED)
    decided(DECISIONS_BEFORE_HOLDING)
    FilterTotals.objects.update(feature_version=1)
    changes.spam_checks_changed()
    assert filter_score(body=JACKPOT, author_name="") is None
    quiet = StringIO()
    call_command("train_filter", "--if-empty", stdout=quiet)
    assert "The spam filter knows" in quiet.getvalue()
    assert FilterTotals.objects.get().feature_version == 2


def test_spam_through_the_form_is_held_with_the_filters_reason(reader, mod_client):
    SpamSettings.objects.create(filter_reject=None)
    filter_rebuild(seed=SEED)
    decided(DECISIONS_BEFORE_HOLDING)
    reader.post(body=JACKPOT, form_stamp=stamp())
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    (reason,) = [reason for reason in comment.reasons if reason.startswith("filter score ")]
    assert "jackpot" in reason
    assert reason in mod_client.get("/moderation/").content.decode()
    reader.post(body="The Kisumu residents want answers on school fees.", form_stamp=stamp())
    assert Comment.objects.get(body__startswith="The Kisumu").status == Comment.Status.PUBLISHED


def test_moderators_teach_the_filter_and_can_take_a_lesson_back(make_comment, moderator):
    comment = make_comment(status=Comment.Status.PENDING, body="Kasinoxyz pays out every night")
    comments_moderate(comment_ids=[comment.pk], action="spam", actor=moderator)
    training = Training.objects.get()
    assert training.label == "spam"
    assert FilterFeature.objects.get(feature="w:kasinoxyz").spam == 1
    assert FilterTotals.objects.get().spam_documents == 1
    # The moderator changes their mind: the lesson moves from spam to ham.
    comments_moderate(comment_ids=[comment.pk], action="publish", actor=moderator)
    feature = FilterFeature.objects.get(feature="w:kasinoxyz")
    assert (feature.spam, feature.ham) == (0, 1)
    totals = FilterTotals.objects.get()
    assert (totals.spam_documents, totals.ham_documents) == (0, 1)
    assert Training.objects.get().label == "ham"


def test_one_decision_raises_the_score_of_its_words(make_comment, moderator):
    filter_rebuild(seed=SEED)
    before = filter_score(body="kasinoxyz is here", author_name="")
    comment = make_comment(status=Comment.Status.PENDING, body="Kasinoxyz kasinoxyz payouts")
    comments_moderate(comment_ids=[comment.pk], action="spam", actor=moderator)
    after = filter_score(body="kasinoxyz is here", author_name="")
    assert before is not None
    assert after is not None
    assert after.probability > before.probability


def test_an_author_deleting_their_comment_teaches_nothing(make_comment):
    comment = make_comment()
    comments_moderate(comment_ids=[comment.pk], action="delete", actor=None, by_author=True)
    assert not Training.objects.exists()


def test_the_rebuild_command_keeps_moderators_decisions(make_comment, moderator):
    comment = make_comment(status=Comment.Status.PENDING, body="Kasinoxyz again")
    comments_moderate(comment_ids=[comment.pk], action="spam", actor=moderator)
    out = StringIO()
    call_command("train_filter", stdout=out)
    assert "The spam filter knows" in out.getvalue()
    assert FilterFeature.objects.get(feature="w:kasinoxyz").spam == 1
    quiet = StringIO()
    call_command("train_filter", "--if-empty", stdout=quiet)
    assert quiet.getvalue() == ""


def _aged(comment: Comment, days: float) -> None:
    """As if ``comment`` had been written, and its status set, ``days`` ago."""
    then = timezone.now() - timedelta(days=days)
    Comment.objects.filter(pk=comment.pk).update(created=then, status_changed=then)


def test_comments_that_stood_published_teach_not_spam(make_comment):
    stood = make_comment(body="Kasinoxyz road is finally tarmacked, asante county")
    fresh = make_comment(body="Kasinoxyz market flooded again this morning")
    held = make_comment(status=Comment.Status.PENDING, body="Kasinoxyz held for a look")
    old = make_comment(body="Kasinoxyz was quiet in the old days")
    _aged(stood, STOOD_FOR.days + 1)
    _aged(held, STOOD_FOR.days + 1)
    _aged(old, STOOD_FOR.days + STOOD_WINDOW.days + 1)
    out = StringIO()
    call_command("learn_from_published", stdout=out)
    assert out.getvalue() == "The spam filter learnt 1 published comments.\n"
    (training,) = Training.objects.all()
    assert (training.comment_id, training.label, training.source) == (stood.pk, "ham", "stood")
    assert FilterFeature.objects.get(feature="w:kasinoxyz").ham == 1
    # Lessons of comments that stood are no moderator's decisions.
    assert decisions_learnt() == 0
    # Learnt once: a second run finds nothing new.
    call_command("learn_from_published", stdout=StringIO())
    assert Training.objects.count() == 1
    assert fresh.pk not in Training.objects.values_list("comment_id", flat=True)


def test_a_moderator_marking_a_comment_that_stood_replaces_its_lesson(make_comment, moderator):
    comment = make_comment(body="Kasinoxyz pays out every night, trust me")
    _aged(comment, STOOD_FOR.days + 1)
    call_command("learn_from_published", stdout=StringIO())
    comments_moderate(comment_ids=[comment.pk], action="spam", actor=moderator)
    training = Training.objects.get()
    assert (training.label, training.source) == ("spam", "moderator")
    feature = FilterFeature.objects.get(feature="w:kasinoxyz")
    assert (feature.spam, feature.ham) == (1, 0)
    assert decisions_learnt() == 1
