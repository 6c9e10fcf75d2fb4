"""设置 → 操作日志: who changed what, when, as the screen and an Excel export show it (issue 8).

Entries name a volunteer, never an ID number or phone; a stored summary that somehow carries one is masked
on the way out, so neither the screen nor the export can leak it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from volunteer_desk.domain import dates, masking
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.spreadsheets import xlsx
from volunteer_desk.storage import audit

# The codes the services write (grep `audit.record(`), with what the secretary reads.
ACTIONS = {
    "create": N_("Added"), "update": N_("Changed"), "delete": N_("Deleted"), "restore": N_("Restored"),
    "issue": N_("Issued"), "import": N_("Imported"), "undo": N_("Import undone"),
    "print_full": N_("Printed with full numbers"), "reveal": N_("Full numbers shown"),
    "join": N_("Joined"), "rejoin": N_("Rejoined"), "leave": N_("Left the team"), "end": N_("Ended"),
    "assign": N_("Assigned"), "close": N_("Closed"), "reopen": N_("Reopened"),
    "reactivate": N_("Reactivated"), "deactivate": N_("Deactivated"), "clear": N_("Cleared"),
    "purge": N_("Deleted permanently"), "keep": N_("Kept past the retention period"),
}
# In the filter's order: people, hours, points and certificates first (what the issue asks to trace).
ENTITIES = {
    "volunteer": N_("Volunteer"), "participation": N_("Service hours"), "points_entry": N_("Points"),
    "service_certificate": N_("Service certificate"), "activity": N_("Activity"),
    "activity_photo": N_("Activity photos"), "team": N_("Team"), "team_membership": N_("Team membership"),
    "import_batch": N_("Excel import"), "document": N_("Printed document"), "need": N_("Needs of the people"),
    "person_served": N_("Person served"), "pairing": N_("Pairing"), "weekly_journal": N_("Weekly journal"),
    "quarterly_review": N_("Quarterly review"), "service_category": N_("Service category"),
    "service_station": N_("Service station"), "brand_project": N_("Brand project"), "setting": N_("Setting"),
}
ID_NUMBER = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


@dataclass(frozen=True)
class AuditLine:
    when: dt.datetime  # UTC, as stored
    operator: str
    action: str
    entity: str
    entity_id: str | None
    summary: str
    action_text: str
    entity_text: str
    name: str = ""  # the volunteer it is about: a volunteer, or their hours, points, team place or journal
    activity: str = ""  # "2026-03-10 为空巢老人理发", for hours and points earned at an activity

    @property
    def details(self) -> str:
        """The 说明 column: whom it was about, at which activity, then what the change said."""
        said = "" if self.name and self.summary.startswith(self.name) else self.summary  # it names them already
        return " · ".join(part for part in (self.name, self.activity, said) if part)


# Summaries the services write in a compact form, by entity, said in words; the activity is named separately.
READABLE = {
    "participation": (
        (re.compile(r"^activity [0-9a-f-]{36}: ?"), lambda m: ""),
        (re.compile(r"^minutes ([+-]\d+): (.*)$", re.S),
         lambda m: _("{minutes} minutes: {reason}").format(minutes=m[1], reason=m[2])),
    ),
    "points_entry": (
        (re.compile(r"^manual ([+-][\d.]+): (.*)$", re.S),
         lambda m: _("{points} points entered by hand: {reason}").format(points=m[1], reason=m[2])),
        (re.compile(r"^\w+ ([+-][\d.]+) \((\d{4}-\d\d-\d\d)\)$"),
         lambda m: _("{points} points ({date})").format(points=m[1], date=m[2])),
    ),
    "weekly_journal": ((re.compile(r"^week of (\d{4}-\d\d-\d\d)$"), lambda m: _("Week of {date}").format(date=m[1])),),
}


def _readable(entity: str, summary: str) -> str:
    for pattern, said in READABLE.get(entity, ()):
        summary = pattern.sub(said, summary, count=1)
    return MOBILE.sub(lambda m: masking.mask_phone(m.group()), ID_NUMBER.sub(
        lambda m: masking.mask_id_number(m.group()), summary))


def _utc(day: dt.date) -> dt.datetime:
    """The start of a day on this computer's clock, as the naive UTC the rows store."""
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC).replace(tzinfo=None)


def _line(found: audit.Found) -> AuditLine:
    entry = found.entry
    return AuditLine(when=entry.created_at, operator=entry.operator, action=entry.action, entity=entry.entity,
                     entity_id=entry.entity_id, summary=_readable(entry.entity, entry.summary or ""),
                     action_text=_(ACTIONS[entry.action]) if entry.action in ACTIONS else entry.action,
                     entity_text=_(ENTITIES[entry.entity]) if entry.entity in ENTITIES else entry.entity,
                     name=found.name,
                     activity=f"{found.held_on.isoformat()} {found.activity}".strip() if found.held_on else "")


class AuditLogService:
    def __init__(self, database: Database):
        self._db = database

    def entity_kinds(self) -> list[tuple[str, str]]:
        """(code, Chinese name) for the filter, in the order above."""
        return [(code, _(text)) for code, text in ENTITIES.items()]

    def entries(self, *, start: dt.date | None = None, end: dt.date | None = None, entity: str | None = None,
                search: str = "", limit: int = 2000) -> list[AuditLine]:
        """Newest first; `start` and `end` are days on this computer's clock, both included."""
        typed = search.strip()
        with self._db.sessions() as session:
            found = audit.entries(
                session, since=_utc(start) if start else None,
                before=_utc(end + dt.timedelta(days=1)) if end else None, entity=entity or None, search=typed,
                actions=[code for code, text in ACTIONS.items() if typed and typed in _(text)],
                entities=[code for code, text in ENTITIES.items() if typed and typed in _(text)], limit=limit)
        return [_line(row) for row in found]

    def excel(self, *, start: dt.date | None = None, end: dt.date | None = None, entity: str | None = None,
              search: str = "", limit: int = 2000, progress: Callable[[int, int], bool] | None = None) -> bytes:
        """The same lines as the screen, as an .xlsx for the branch's files. `progress(done, all)` returning
        False stops the work by raising Cancelled."""
        lines = self.entries(start=start, end=end, entity=entity, search=search, limit=limit)
        columns = [xlsx.Column(_("Time"), 16), xlsx.Column(_("Operator"), 8), xlsx.Column(_("Action"), 10),
                   xlsx.Column(_("Record"), 10), xlsx.Column(_("Details"), 40)]
        rows = [[dates.format_recorded(line.when), line.operator, line.action_text, line.entity_text, line.details]
                for line in lines]
        period = f"{start.isoformat() if start else ''} – {end.isoformat() if end else ''}" if start or end else ""
        return xlsx.write([xlsx.PaperList(title=_("Audit log"), columns=columns, rows=rows, subtitle=period)],
                          _stopping(progress) if progress else None)


def _stopping(progress: Callable[[int, int], bool]) -> Callable[[int, int], None]:
    def tell(done: int, total: int) -> None:
        if not progress(done, total):
            raise Cancelled()
    return tell
