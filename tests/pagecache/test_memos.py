"""What posting reads from memory instead of the database, and that it is never out of date."""

from __future__ import annotations

import time

from django.core import signing

from maoni.comments import services
from maoni.comments.models import Comment
from maoni.moderation.learning import filter_rebuild
from maoni.moderation.models import BlockEntry
from maoni.moderation.screening import block_lists
from maoni.pagecache.counters import SPAM
from maoni.pagecache.memos import Memo
from maoni.pagecache.store import counters
from tests.conftest import Reader


def aged_stamp(seconds: float) -> str:
    return signing.dumps(time.time() - seconds, salt="maoni.moderation.form-shown")


def test_a_memo_forgets_when_its_counter_moves(db):
    memo: Memo[str, int] = Memo(SPAM, limit=2)
    reads = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    assert memo.get_or_make("a", read) == 1
    assert memo.get_or_make("a", read) == 1
    counters().bump([SPAM])
    assert memo.get_or_make("a", read) == 2


def test_a_value_read_before_a_change_is_not_kept_after_it(db):
    memo: Memo[str, str] = Memo(SPAM)
    mark = memo.mark()
    counters().bump([SPAM])  # a change lands while the value is being read
    memo.put("lists", "old", mark=mark)
    memo.mark()
    assert memo.get("lists") is None


def test_a_memo_keeps_at_most_its_limit_least_recently_used_out(db):
    memo: Memo[str, str] = Memo(SPAM, limit=2)
    for key in "abc":
        memo.get_or_make(key, key.upper)
    assert memo.get("a") is None
    assert memo.get("b") == ("B",)
    assert memo.get("c") == ("C",)


def test_a_new_block_list_entry_holds_the_very_next_comment(reader: Reader):
    assert not block_lists().phrases  # read, and kept
    BlockEntry.objects.create(kind=BlockEntry.Kind.PHRASE, value="mradi hewa")
    reader.post(body="Huu ni mradi hewa kabisa.", form_stamp=aged_stamp(30))
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_a_deleted_block_list_entry_stops_holding_at_once(db):
    entry = BlockEntry.objects.create(kind=BlockEntry.Kind.PHRASE, value="mradi hewa")
    assert block_lists().phrases == ("mradi hewa",)
    entry.delete()
    assert block_lists().phrases == ()


def test_a_name_registered_after_it_was_checked_is_refused_at_once(db, django_user_model):
    assert not services.name_is_taken("Akinyi Were")
    django_user_model.objects.create_user("akinyi were")
    assert services.name_is_taken("Akinyi Were")


def test_a_renamed_account_frees_its_old_name_at_once(db, django_user_model):
    user = django_user_model.objects.create_user("Baraka")
    assert services.name_is_taken("baraka")
    user.username = "Baraka Otieno"
    user.save()
    assert not services.name_is_taken("baraka")


def test_learning_again_moves_the_spam_counter(db):
    before = counters().read(SPAM)
    filter_rebuild(seed=[("Jackpot tonight", "", True), ("Asante sana", "", False)])
    assert counters().read(SPAM) > before
