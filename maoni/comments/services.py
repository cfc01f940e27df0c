"""The comment service: every change to a comment goes through these functions.

Posting (the form through ``maoni.comments.submission``, a newsroom reply,
the demo loader, imports), an author's edit or deletion, a moderator's
decision, the purge of deleted comments: each door calls one of these, so a
comment is checked, screened, stored, counted, audited and announced the same
way whichever door it came in by. Nothing else writes comments.
"""

from maoni.comments.erasing import address_wrote as address_wrote
from maoni.comments.erasing import comments_erase_author as comments_erase_author
from maoni.comments.erasing import comments_of_account as comments_of_account
from maoni.comments.erasing import comments_of_address as comments_of_address
from maoni.comments.idempotency import Duplicate as Duplicate
from maoni.comments.idempotency import comment_sent_before as comment_sent_before
from maoni.comments.idempotency import idempotency_key_of as idempotency_key_of
from maoni.comments.idempotency import new_idempotency_key as new_idempotency_key
from maoni.comments.importing import Written as Written
from maoni.comments.importing import comments_import as comments_import
from maoni.comments.moderating import TRANSITIONS as TRANSITIONS
from maoni.comments.moderating import comment_edit as comment_edit
from maoni.comments.moderating import comment_reply_as_newsroom as comment_reply_as_newsroom
from maoni.comments.moderating import comments_forget_addresses as comments_forget_addresses
from maoni.comments.moderating import comments_moderate as comments_moderate
from maoni.comments.moderating import comments_pick as comments_pick
from maoni.comments.moderating import comments_purge_deleted as comments_purge_deleted
from maoni.comments.moderating import comments_stop_reply_notices as comments_stop_reply_notices
from maoni.comments.names_taken import name_is_taken as name_is_taken
from maoni.comments.posting import COMMENTS_CLOSED as COMMENTS_CLOSED
from maoni.comments.posting import REPLY_TARGET_GONE as REPLY_TARGET_GONE
from maoni.comments.posting import CommentRejected as CommentRejected
from maoni.comments.posting import comment_check as comment_check
from maoni.comments.posting import comment_judge as comment_judge
from maoni.comments.posting import comment_post as comment_post
from maoni.comments.thread_controls import thread_close as thread_close
from maoni.comments.thread_controls import thread_control as thread_control
from maoni.comments.thread_controls import thread_hold_all as thread_hold_all
from maoni.comments.trust import is_trusted as is_trusted
