"""The 签到表 of a planned activity: the people already on its list (pinyin order, as the activity's
participant list shows them) and blank rows for walk-ins.

Hours are keyed back from the signed sheet by name or pinyin initials (ui/sign_in_entry.py), not by the
printed 序号, so the serials only help count heads on paper."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from volunteer_desk.documents import sign_in_sheet
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain import dates, masking
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.activities import ActivityRecord, ActivityService
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import FULL_NUMBERS, DocumentKind, Option, OptionKind, full_numbers_chosen
from volunteer_desk.services.progress import Cancelled, Progress
from volunteer_desk.storage import teams as team_store
from volunteer_desk.storage.schema import Organisation, ServiceStation, Team, VolunteerRow

BLANK_ROWS = Option("blank_rows", N_("Blank rows for walk-ins"), OptionKind.INTEGER, default=10, minimum=0,
                    maximum=200)
WEEKDAYS = "一二三四五六日"
TITLE_LENGTH = 24  # characters of the content used as the title; the whole content is printed below it


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> Rendered:
    activities = ActivityService(database)
    activity = activities.get(options.get("activity") or "")
    if activity is None:
        raise InvalidEntry({"activity": _("This activity is no longer in the database; choose another one.")})
    blank_rows = options.get("blank_rows")
    blank_rows = BLANK_ROWS.default if blank_rows is None else blank_rows
    if not BLANK_ROWS.minimum <= blank_rows <= BLANK_ROWS.maximum:
        raise InvalidEntry({"blank_rows": _("Write a number of blank rows from {low} to {high}.").format(
            low=BLANK_ROWS.minimum, high=BLANK_ROWS.maximum)})
    participants = activities.participants(activity.id)
    header = _header(database, activity)
    full = full_numbers_chosen(database, f"{header.title}（{header.date}）", options)
    details = _details(database, [p.volunteer_id for p in participants])
    signers = []
    for line in participants:
        branch, mobile = details.get(line.volunteer_id, ("", ""))
        signers.append(sign_in_sheet.Signer(line.name, branch, mobile if full else masking.mask_phone(mobile)))
    return sign_in_sheet.render(header, signers, blank_rows,
                                lambda done, total: _tell(progress, done, total))


def _header(database: Database, activity: ActivityRecord) -> sign_in_sheet.SignInActivity:
    content = " ".join(activity.content.split())
    name = content or activity.place.strip() or "志愿服务活动"
    if len(name) > TITLE_LENGTH:
        name = name[:TITLE_LENGTH - 1] + "…"
    day = activity.held_on
    time = ""
    if activity.starts_at and activity.ends_at:
        time = f"{activity.starts_at:%H:%M}—{activity.ends_at:%H:%M}"
    with database.sessions() as session:
        organisers = [*team_store.names(session, Team, [activity.team_id]).values(),
                      *team_store.names(session, ServiceStation, [activity.station_id]).values()]
    return sign_in_sheet.SignInActivity(
        title=f"{name}签到表", date=f"{dates.format_written(day)}（星期{WEEKDAYS[day.weekday()]}）",
        time=time, place=activity.place, content=content, organiser="　".join(organisers))


def _details(database: Database, volunteer_ids: list[str]) -> dict[str, tuple[str, str]]:
    """volunteer id → (所在支部: the volunteer's organisation's name, mobile)."""
    if not volunteer_ids:
        return {}
    with database.sessions() as session:
        rows = session.execute(
            select(VolunteerRow.id, Organisation.name, VolunteerRow.mobile)
            .outerjoin(Organisation, Organisation.id == VolunteerRow.org_id)
            .where(VolunteerRow.id.in_(volunteer_ids)))
        return {vid: (branch or "", mobile or "") for vid, branch, mobile in rows}


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress and progress(done, total) is False:
        raise Cancelled


KINDS = (
    DocumentKind(
        key="sign_in",
        title=N_("Activity sign-in sheet"),
        build=build,
        options=(
            Option("activity", N_("Activity"), OptionKind.ACTIVITY, required=True),
            BLANK_ROWS,
            FULL_NUMBERS,
        ),
        description=N_("The sign-in sheet of an activity on portrait A4: the people already added, then blank "
                       "rows for walk-ins; phones masked."),
    ),
)
