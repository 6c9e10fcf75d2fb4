"""永久删除 and the retention review (issue 8; PIPL Art.19 and 47; 志愿服务条例 Art.20).

A branch keeps its service records for a period: ten years (GB/T 40143-2021 §5.2.2), longer if 设置 → 保存期限
says so. The review lists the people whose records are past it; the secretary erases them or keeps them
another year. Erasing ("purge") removes a person's personal data from the live database for good:

- the volunteer row: every personal field emptied (ID number, phones, email, QQ, addresses, photo, birth date,
  work, skills, experience, intents …) and the name replaced by 已删除人员. The row keeps its id, unit and
  deletion, so activities' participant lists, the hours and points ledgers and the unit's totals stay right,
  and anonymous. It leaves the recycle list and cannot be restored.
- weekly journals and quarterly review comments: their text emptied; the rows stay.
- the 志愿服务记录证明 register: a certificate is an official record already issued, numbered in the register
  (民发〔2015〕149号), so its row stays with the number, period, hours and activities, which still verify a
  certificate shown later; the name becomes 已删除人员, and the ID number, national volunteer number and notes go.
- import records: the earlier values an import's undo would put back are dropped.
- hours and points reasons and audit summaries lose the name; audit rows stay (who changed what, when), and
  the purge is audited without naming the person.

Then the database file is rebuilt (VACUUM: 6 s for the 300 MB, 3,000-volunteer demo) so the erased bytes are not
left in free pages, and the write-ahead log is emptied. Backups made before still hold the person until
rotation deletes them (automatic ones within MONTHS_KEPT months); backups someone made by hand and bundles
already sent are not touched.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from volunteer_desk.domain import masking
from volunteer_desk.i18n import _
from volunteer_desk.services.backups import MONTHS_KEPT
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.ownership import not_ours
from volunteer_desk.storage import audit, organisations, settings
from volunteer_desk.storage import retention as store
from volunteer_desk.storage.schema import VolunteerRow

__all__ = ["MONTHS_KEPT", "PurgeResult", "RetentionService", "ReviewLine"]

log = logging.getLogger(__name__)

YEARS_KEY = "retention_years"
KEPT_KEY = "retention_kept"  # {volunteer id: the ISO day the secretary chose to keep them}
DEFAULT_YEARS = MIN_YEARS = 10  # GB/T 40143-2021 §5.2.2
MAX_YEARS = 50
KEPT_FOR = dt.timedelta(days=365)  # a person kept comes back to the review a year later

Today = Callable[[], dt.date]


@dataclass(frozen=True)
class ReviewLine:
    volunteer_id: str
    name: str
    id_number: str  # masked, as every list shows it: tells two people of one name apart
    in_recycle_list: bool
    deleted_on: dt.date | None  # in the recycle list since (None when not known)
    last_served: dt.date | None  # None when they never served
    registered: dt.date
    years: int  # whole years since the last service, or since registration


@dataclass(frozen=True)
class PurgeResult:
    erased: int
    compacted: bool  # False: the file could not be rebuilt now (see the log); the next purge rebuilds it


class RetentionService:
    def __init__(self, database: Database, *, today: Today = dt.date.today):
        self._db = database
        self._today = today

    # --- the period ------------------------------------------------------------------------------------------

    def years(self) -> int:
        with self._db.sessions() as session:
            return _years(session)

    def set_years(self, years: int) -> None:
        if not MIN_YEARS <= years <= MAX_YEARS:
            raise InvalidEntry({"years": _(
                "Service records are kept at least {min} years (GB/T 40143-2021 §5.2.2); enter {min} to {max}."
            ).format(min=MIN_YEARS, max=MAX_YEARS)})
        with self._db.sessions.begin() as session:
            if years != _years(session):
                settings.put(session, YEARS_KEY, years)
                audit.record(session, action="update", entity="setting", entity_id=None,
                             summary=f"{YEARS_KEY}: {years}")

    # --- the review ------------------------------------------------------------------------------------------

    def review(self) -> list[ReviewLine]:
        """Whose records are past the period and who are not active (storage.retention.past_retention), oldest
        first: this installation's own people, not those bundles brought, nor those kept within the last year."""
        today = self._today()
        with self._db.sessions() as session:
            kept = _kept(session)
            ours = [org.id for org in organisations.all_live(session) if not not_ours(session, org.id)]
            stale = store.past_retention(session, _cutoff(today, _years(session)), ours)
        return [_line(row, today) for row in stale if not _still_kept(kept.get(row.id), today)]

    def keep(self, volunteer_ids: Sequence[str]) -> None:
        """Kept for now: they leave the review for a year, and the decision is audited."""
        today = self._today()
        with self._db.sessions.begin() as session:
            kept = _kept(session)
            for volunteer_id in volunteer_ids:
                row = session.get(VolunteerRow, volunteer_id)
                if row is None or row.purged_at is not None:
                    continue
                kept[volunteer_id] = today.isoformat()
                audit.record(session, action="keep", entity="volunteer", entity_id=volunteer_id, org_id=row.org_id)
            settings.put(session, KEPT_KEY, kept)

    # --- erasing ---------------------------------------------------------------------------------------------

    def purge(self, volunteer_ids: Sequence[str]) -> PurgeResult:
        """Erase each person's personal data (see the module's docstring) in one transaction, then rebuild the
        file. Each must be in the recycle list, or past the retention period (the review's people, who leave
        the roster with it). Anyone else refuses the whole purge with the reason, and nothing is erased.
        Takes seconds on a large database: run it off the UI thread."""
        today = self._today()
        with self._db.sessions.begin() as session:
            placeholder = _("Deleted person")
            cutoff = _cutoff(today, _years(session))
            rows = [self._purgeable(session, volunteer_id, cutoff) for volunteer_id in dict.fromkeys(volunteer_ids)]
            for row in rows:
                store.erase(session, row, placeholder)
                audit.record(session, action="purge", entity="volunteer", entity_id=row.id, org_id=row.org_id)
            kept = _kept(session)
            if any(row.id in kept for row in rows):
                settings.put(session, KEPT_KEY, {k: v for k, v in kept.items() if k not in {row.id for row in rows}})
        return PurgeResult(erased=len(rows), compacted=self._compacted() if rows else True)

    def _purgeable(self, session: Session, volunteer_id: str, cutoff: dt.date) -> VolunteerRow:
        row = session.get(VolunteerRow, volunteer_id)
        if row is None or row.purged_at is not None:
            raise InvalidEntry({"volunteer": _("This volunteer no longer exists.")})
        refusal = not_ours(session, row.org_id)
        if refusal:
            raise InvalidEntry({"volunteer": refusal})
        if not row.deleted and not store.past_retention(session, cutoff, [row.org_id], [volunteer_id]):
            raise InvalidEntry({"volunteer": _(
                "{name} is still on the roster. Delete them first: only people in the recycle list, or past the "
                "retention period, can be deleted permanently.").format(name=row.name)})
        return row

    def _compacted(self) -> bool:
        try:
            return store.compact(self._db.engine)
        except (OperationalError, OSError):  # a full disk, a busy database: the erasure stands, the next purge rebuilds
            log.exception("rebuilding the database after a permanent deletion failed")
            return False


def _years(session: Session) -> int:
    return int(settings.get(session, YEARS_KEY, DEFAULT_YEARS))


def _cutoff(today: dt.date, years: int) -> dt.date:
    """The same day `years` back (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _kept(session: Session) -> dict[str, str]:
    return dict(settings.get(session, KEPT_KEY, {}) or {})


def _still_kept(day: str | None, today: dt.date) -> bool:
    return day is not None and dt.date.fromisoformat(day) + KEPT_FOR > today


def _line(row: store.Stale, today: dt.date) -> ReviewLine:
    since = row.last_served or row.registered
    years = today.year - since.year - ((today.month, today.day) < (since.month, since.day))
    return ReviewLine(volunteer_id=row.id, name=row.name, id_number=masking.mask_id_number(row.id_number),
                      in_recycle_list=row.deleted, deleted_on=row.deleted_at.date() if row.deleted_at else None,
                      last_served=row.last_served, registered=row.registered, years=years)
