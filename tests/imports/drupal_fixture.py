"""A small Drupal 8+ newsroom database, written for these tests.

The tables are the subset of Drupal's schema the importer reads, with the
columns named as Drupal names them; the rows are invented: English and a
little Swahili, names of no one, example.* domains, addresses from the
documentation ranges. The same statements fill SQLite and PostgreSQL.

Node 11 has alias /news/2024/03/kisumu-market and a Swahili translation
(a second row that must not count twice); node 12 has no alias; node 13
has no comments. Comments, with their thread codes:

    node 11  101 "01/"        anonymous, Plain text, name, mail and homepage
             102 "01.00/"     reply, Swahili, IPv6
             103 "01.00.00/"  reply to the reply, a registered user, Basic HTML
             105 "01.01/"     a second reply to 101, Plain text holding "&amp;"
             104 "02/"        unpublished
    node 12  201 "01/"        no name at all
             202 "02/"        Restricted HTML, two paragraphs
             200 "02.00/"     reply with a lower cid than its parent (a migration)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

Execute = Callable[[str, Sequence[object]], object]

SCHEMA = (
    """CREATE TABLE node_field_data (
        nid INTEGER NOT NULL, vid INTEGER NOT NULL, type VARCHAR(32) NOT NULL,
        langcode VARCHAR(12) NOT NULL, status SMALLINT NOT NULL, uid INTEGER NOT NULL,
        title VARCHAR(255) NOT NULL, created INTEGER NOT NULL, changed INTEGER NOT NULL,
        default_langcode SMALLINT NOT NULL, PRIMARY KEY (nid, langcode))""",
    """CREATE TABLE node__body (
        bundle VARCHAR(128) NOT NULL, deleted SMALLINT NOT NULL, entity_id INTEGER NOT NULL,
        revision_id INTEGER NOT NULL, langcode VARCHAR(32) NOT NULL, delta INTEGER NOT NULL,
        body_value TEXT NOT NULL, body_summary TEXT, body_format VARCHAR(255),
        PRIMARY KEY (entity_id, deleted, delta, langcode))""",
    """CREATE TABLE comment_field_data (
        cid INTEGER NOT NULL, comment_type VARCHAR(32) NOT NULL, langcode VARCHAR(12) NOT NULL,
        status SMALLINT NOT NULL, uid INTEGER NOT NULL, pid INTEGER, entity_id INTEGER,
        subject VARCHAR(64), name VARCHAR(60), mail VARCHAR(254), homepage VARCHAR(255),
        hostname VARCHAR(128), created INTEGER NOT NULL, changed INTEGER,
        thread VARCHAR(255) NOT NULL, entity_type VARCHAR(32) NOT NULL,
        field_name VARCHAR(32) NOT NULL, default_langcode SMALLINT NOT NULL,
        PRIMARY KEY (cid, langcode))""",
    """CREATE TABLE comment__comment_body (
        bundle VARCHAR(128) NOT NULL, deleted SMALLINT NOT NULL, entity_id INTEGER NOT NULL,
        revision_id INTEGER NOT NULL, langcode VARCHAR(32) NOT NULL, delta INTEGER NOT NULL,
        comment_body_value TEXT NOT NULL, comment_body_format VARCHAR(255),
        PRIMARY KEY (entity_id, deleted, delta, langcode))""",
    """CREATE TABLE users_field_data (
        uid INTEGER NOT NULL, langcode VARCHAR(12) NOT NULL, name VARCHAR(60) NOT NULL,
        mail VARCHAR(254), status SMALLINT, created INTEGER NOT NULL,
        default_langcode SMALLINT NOT NULL, PRIMARY KEY (uid, langcode))""",
    """CREATE TABLE path_alias (
        id INTEGER NOT NULL PRIMARY KEY, revision_id INTEGER, uuid VARCHAR(128) NOT NULL,
        langcode VARCHAR(12) NOT NULL, path VARCHAR(255), alias VARCHAR(255),
        status SMALLINT NOT NULL)""",
)


def unix(day: int, hour: int, minute: int = 0) -> int:
    """A time in March 2024, given in UTC, as Drupal stores it."""
    return int(datetime(2024, 3, day, hour, minute, tzinfo=UTC).timestamp())


NODES = [
    # nid, langcode, status, title, created, default_langcode
    (11, "en", 1, "County opens a new  market in Kisumu", unix(10, 6), 1),
    (11, "sw", 1, "Kaunti yafungua soko jipya Kisumu", unix(10, 7), 0),
    (12, "en", 1, "Likoni ferry services resume after repairs", unix(11, 5, 30), 1),
    (13, "en", 1, "About this site", unix(1, 8), 1),
]
BODIES = [
    # entity_id, langcode, body_value, body_format
    (
        11,
        "en",
        "<p>Traders moved into the new market on Sunday.</p>\r\n"
        "<p>Stalls cost KSh 500 a month &amp; water is free.</p>",
        "basic_html",
    ),
    (11, "sw", "<p>Wafanyabiashara walihamia soko jipya.</p>", "basic_html"),
    (12, "en", "The ferry runs every 20 minutes again.\r\nCyclists go first.", "plain_text"),
]
USERS = [
    # uid, name, mail
    (0, "", None),
    (5, "akinyi", "akinyi.otieno@example.org"),
]
ALIASES = [
    # id, langcode, path, alias, status
    (1, "en", "/node/11", "/news/2024/03/old-market-name", 1),
    (2, "en", "/node/11", "/news/2024/03/kisumu-market", 1),
    (3, "en", "/node/13", "/about", 1),
]
# cid, entity_id, pid, uid, name, mail, homepage, hostname, created, status, thread,
# body, format
COMMENTS = [
    (101, 11, None, 0, "Wekesa", "wekesa@example.com", "https://wekesa.example.net",
     "192.0.2.10", unix(10, 9), 1, "01/",
     "Finally a roof over the stalls.\r\nWhat about parking for the boda bodas?", "plain_text"),
    (102, 11, 101, 0, "Mama Njeri", "njeri@example.net", None,
     "2001:db8::17", unix(10, 9, 45), 1, "01.00/",
     "Parking iko nyuma ya soko.\nNimeiona leo asubuhi.", "plain_text"),
    (103, 11, 102, 5, "akinyi", None, None,
     "192.0.2.33", unix(10, 11, 5), 1, "01.00.00/",
     '<p>The county <a href="https://county.example.org/markets?id=4&amp;page=2">'
     "map</a> shows it &amp; the bus stop.</p>", "basic_html"),
    (104, 11, None, 0, "Otieno", "otieno@example.com", None,
     "192.0.2.41", unix(10, 12), 0, "02/",
     "Who got the stalls? Ask the ward rep.", "plain_text"),
    (105, 11, 101, 0, "Halima", "halima@example.org", None,
     "192.0.2.10", unix(10, 13, 20), 1, "01.01/",
     "In HTML you would write &amp; for & and nobody types that.", "plain_text"),
    (201, 12, None, 0, "", None, None,
     "192.0.2.55", unix(11, 7), 1, "01/",
     "Forty minutes at the queue this morning.", "plain_text"),
    (202, 12, None, 0, "Juma", "juma@example.com", None,
     "2001:db8:85a3::8a2e:370:7334", unix(11, 8), 1, "02/",
     "<p>The <em>old</em> ferry is still docked.</p><p>Safari njema!</p>", "restricted_html"),
    (200, 12, 202, 0, "Neema", "neema@example.org", None,
     "192.0.2.60", unix(11, 9), 1, "02.00/",
     "It goes back into service next week.", "plain_text"),
]  # fmt: skip


def fill(execute: Execute, mark: str) -> None:
    """Creates the tables and their rows; ``mark`` is the driver's placeholder (? or %s)."""

    def insert(table: str, columns: str, row: Sequence[object]) -> None:
        marks = ", ".join([mark] * len(row))
        execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row)  # noqa: S608

    for statement in SCHEMA:
        execute(statement, ())
    for nid, langcode, status, title, created, default in NODES:
        insert(
            "node_field_data",
            "nid, vid, type, langcode, status, uid, title, created, changed, default_langcode",
            (nid, nid, "article", langcode, status, 1, title, created, created, default),
        )
    for entity_id, langcode, value, text_format in BODIES:
        insert(
            "node__body",
            "bundle, deleted, entity_id, revision_id, langcode, delta, body_value, body_format",
            ("article", 0, entity_id, entity_id, langcode, 0, value, text_format),
        )
    for uid, name, mail in USERS:
        insert(
            "users_field_data",
            "uid, langcode, name, mail, status, created, default_langcode",
            (uid, "en", name, mail, 1, unix(1, 0), 1),
        )
    for alias_id, langcode, path, alias, status in ALIASES:
        insert(
            "path_alias",
            "id, revision_id, uuid, langcode, path, alias, status",
            (alias_id, alias_id, f"alias-{alias_id}", langcode, path, alias, status),
        )
    for row in COMMENTS:
        _comment(insert, row)


def _comment(insert: Callable[[str, str, Sequence[object]], None], row: tuple[object, ...]) -> None:
    cid, nid, pid, uid, name, mail, homepage, hostname, created, status, thread, body, fmt = row
    fields = {
        "cid": cid,
        "comment_type": "comment",
        "langcode": "en",
        "status": status,
        "uid": uid,
        "pid": pid,
        "entity_id": nid,
        "subject": "",
        "name": name,
        "mail": mail,
        "homepage": homepage,
        "hostname": hostname,
        "created": created,
        "changed": created,
        "thread": thread,
        "entity_type": "node",
        "field_name": "comment",
        "default_langcode": 1,
    }
    insert("comment_field_data", ", ".join(fields), list(fields.values()))
    insert(
        "comment__comment_body",
        "bundle, deleted, entity_id, revision_id, langcode, delta, comment_body_value, "
        "comment_body_format",
        ("comment", 0, cid, cid, "en", 0, body, fmt),
    )
