"""Erasing a volunteer's personal data from the live database file (永久删除), and the records the retention
review reads. The volunteer row and their service rows stay, anonymous, under the same ids, so hours, points
and every total stay what they were."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy import Engine, bindparam, text
from sqlalchemy.orm import Session

from volunteer_desk.domain.volunteer import Volunteer
from volunteer_desk.storage import volunteers
from volunteer_desk.storage.schema import VolunteerRow
from volunteer_desk.storage.schema.base import utcnow

log = logging.getLogger(__name__)

# Rows written about one volunteer, whose audit entries are about them (the entity ids the services audit).
_THEIRS = """
    SELECT :v UNION ALL SELECT id FROM participation WHERE volunteer_id = :v
    UNION ALL SELECT id FROM points_entry WHERE volunteer_id = :v
    UNION ALL SELECT id FROM team_membership WHERE volunteer_id = :v
    UNION ALL SELECT id FROM weekly_journal WHERE volunteer_id = :v
    UNION ALL SELECT id FROM quarterly_review WHERE volunteer_id = :v
    UNION ALL SELECT id FROM service_certificate WHERE volunteer_id = :v
    UNION ALL SELECT id FROM need WHERE assigned_volunteer_id = :v"""

# Their own text, emptied: what they wrote or what was written about them.
_EMPTIED = (
    "UPDATE weekly_journal SET content = '', reflection = '' WHERE volunteer_id = :v",
    "UPDATE quarterly_review SET comment = '' WHERE volunteer_id = :v",
    # The register keeps the certificate's number, period and hours (民发〔2015〕149号: every number issued
    # stays accounted for); whom it was issued to goes.
    "UPDATE service_certificate SET volunteer_name = :placeholder, id_number = '', volunteer_number = '', "
    "notes = '' WHERE volunteer_id = :v",
    # An import's undo puts these values back; with none left it changes nothing of theirs.
    "UPDATE import_change SET before = '{}' WHERE volunteer_id = :v AND before IS NOT NULL",
)

# Text that may name them among other words: the name is replaced, the rest stays.
_NAMED = (
    "UPDATE hours_entry SET reason = replace(reason, :name, :placeholder) WHERE instr(reason, :name) > 0 "
    "AND participation_id IN (SELECT id FROM participation WHERE volunteer_id = :v)",
    "UPDATE points_entry SET reason = replace(reason, :name, :placeholder) WHERE instr(reason, :name) > 0 "
    "AND volunteer_id = :v",
    f"UPDATE audit_log SET summary = replace(summary, :name, :placeholder) WHERE instr(summary, :name) > 0 "
    f"AND (:everywhere OR entity_id IN ({_THEIRS}))",
    "UPDATE activity SET leader = :placeholder WHERE :everywhere AND leader = :name",
    "UPDATE activity SET recorder = :placeholder WHERE :everywhere AND recorder = :name",
)


def erase(session: Session, row: VolunteerRow, placeholder: str) -> None:
    """Every personal field of the volunteer emptied and the name replaced by `placeholder`, in the caller's
    transaction; the row leaves the recycle list for good. Text elsewhere that names them loses the name: in
    the rows about them always; anywhere (audit entries of printed lists, an activity's 负责人) only when no
    one else's name contains theirs, since there the name might be the other person's."""
    name, now = row.name, utcnow()
    volunteers.save(session, Volunteer(id=row.id, name=placeholder, organisation_id=row.org_id))
    row.deleted, row.deleted_at, row.purged_at = True, row.deleted_at or now, now
    session.flush()
    params = {"v": row.id, "placeholder": placeholder, "name": name,
              "everywhere": not _name_shared(session, row.id, name)}
    for statement in _EMPTIED + (_NAMED if name else ()):
        session.execute(text(statement), params)


def _name_shared(session: Session, volunteer_id: str, name: str) -> bool:
    return session.execute(text(
        "SELECT 1 FROM volunteer WHERE id != :v AND purged_at IS NULL AND instr(name, :name) > 0 LIMIT 1"),
        {"v": volunteer_id, "name": name}).first() is not None


def compact(engine: Engine) -> bool:
    """Rebuild the database file so no erased bytes are left in free pages or free space inside pages, then
    empty the write-ahead log, which still holds earlier versions of the pages. False when something
    (another reader) kept the log from being emptied; it is emptied at exit then."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM")
        busy, _log, _copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("the write-ahead log could not be emptied after VACUUM: a reader was active")
    return not busy


def _period(day: dt.date) -> int:
    return day.year * 10 + (day.month - 1) // 3 + 1


class Stale(NamedTuple):
    id: str
    name: str
    id_number: str | None
    org_id: str | None
    deleted: bool
    deleted_at: dt.datetime | None
    last_served: dt.date | None  # the last live activity they served at; None when they never did
    registered: dt.date


def past_retention(session: Session, cutoff: dt.date, org_ids: Sequence[str],
                   volunteer_ids: Sequence[str] | None = None) -> list[Stale]:
    """The volunteers of those organisations, not yet erased, whose last service (or registration, when they
    never served) was on or before `cutoff`, and who are not active: on the roster with a current team place
    or an ongoing pairing. Oldest first, then by name; optionally only some of them.

    The quarter tally rules out most people with one key lookup; only the rest have their last day sought."""
    statement = text(f"""
        SELECT id, name, id_number, org_id, deleted, deleted_at, last_served, registered FROM (
            SELECT v.id, v.name, v.id_number, v.org_id, v.deleted, v.deleted_at, v.name_pinyin,
                   date(v.created_at) AS registered,
                   (SELECT max(a.held_on) FROM participation p JOIN activity a ON a.id = p.activity_id
                    WHERE p.volunteer_id = v.id AND p.deleted = 0 AND a.deleted = 0) AS last_served
            FROM volunteer v
            WHERE v.purged_at IS NULL AND v.org_id IN :orgs {"AND v.id IN :ids" if volunteer_ids else ""}
              AND NOT EXISTS (SELECT 1 FROM service_tally t
                              WHERE t.volunteer_id = v.id AND t.period > :period AND t.activities > 0)
              AND (v.deleted = 1 OR NOT (
                  EXISTS (SELECT 1 FROM team_membership m
                          WHERE m.volunteer_id = v.id AND m.deleted = 0 AND m.left_on IS NULL)
                  OR EXISTS (SELECT 1 FROM pairing_member pm JOIN pairing g ON g.id = pm.pairing_id
                             WHERE pm.volunteer_id = v.id AND pm.deleted = 0 AND g.deleted = 0
                               AND g.ended_on IS NULL))))
        WHERE coalesce(last_served, registered) <= :cutoff
        ORDER BY coalesce(last_served, registered), name_pinyin, id""").bindparams(
        bindparam("orgs", expanding=True), *([bindparam("ids", expanding=True)] if volunteer_ids else []))
    rows = session.execute(statement, {"orgs": list(org_ids), "ids": list(volunteer_ids or ()),
                                       "period": _period(cutoff), "cutoff": cutoff.isoformat()})
    return [Stale(vid, name, number, org_id, bool(deleted), _datetime(deleted_at), _date(last), _date(registered))
            for vid, name, number, org_id, deleted, deleted_at, last, registered in rows]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None
