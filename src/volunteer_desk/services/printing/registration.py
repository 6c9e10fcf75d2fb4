"""党员志愿者登记表 (Sheet A): blank copies to fill by hand, or filled for one volunteer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from volunteer_desk.documents import registration_sheet
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind
from volunteer_desk.services.progress import Cancelled, Progress
from volunteer_desk.services.volunteers import VolunteerService


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> Rendered:
    volunteers = VolunteerService(database)
    copies = options.get("copies") or 1
    sheet: dict[str, Any] = {}
    if options.get("volunteer"):
        # Full ID number and phones: this is the person's own form for the branch's file, not a list.
        sheet = volunteers.raw_values(options["volunteer"])
        if sheet is None:
            raise InvalidEntry({"volunteer": _("This volunteer is no longer in the database; choose another one.")})
    rendered = registration_sheet.render(volunteers.form, [sheet] * copies, progress)
    if rendered.pages < copies:
        raise Cancelled
    return rendered


KINDS = (
    DocumentKind(
        key="registration",
        title=N_("Party-member volunteer registration form"),
        build=build,
        options=(
            Option("volunteer", N_("Volunteer (leave empty for a blank form)"), OptionKind.VOLUNTEER),
            Option("copies", N_("Copies"), OptionKind.INTEGER, default=1, minimum=1, maximum=200),
        ),
        description=N_("Sheet A: blank copies to fill in by hand, or filled in for one volunteer with photo "
                       "and ticks."),
    ),
)
