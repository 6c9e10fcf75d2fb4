"""荣誉证书 for the yearly commendations (优秀党员志愿者, 优秀志愿服务队, 优秀品牌项目), one per winner.

The winners are typed as names, not picked: the branch's decision list is what is copied. A name not found
among the volunteers, teams or brand projects is still printed (it may be a new team or a name written
differently) but warned about, since it is most often a typo on paper that is framed."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from volunteer_desk.documents import honour_certificate
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind
from volunteer_desk.services.progress import Cancelled, Progress
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.stations import StationService
from volunteer_desk.services.teams import TeamNode, TeamService
from volunteer_desk.storage.schema import VolunteerRow

# The certificate's wording per award: (salutation after the name, citation). A person is 同志; a team or
# project is addressed by its name alone.
WORDING = {
    "volunteer": ("同志：", "在{year}年度党员志愿服务工作中表现突出，被评为“优秀党员志愿者”。特发此证，以资鼓励。"),
    "team": ("：", "在{year}年度志愿服务工作中成绩显著，被评为“优秀志愿服务队”。特发此证，以资鼓励。"),
    "project": ("：", "在{year}年度志愿服务工作中特色鲜明、成效显著，被评为“优秀品牌项目”。特发此证，以资鼓励。"),
}
SEPARATORS = re.compile(r"[、，,；;\s]+")  # \s takes full-width spaces and newlines too


def winners(text: str) -> list[str]:
    """The names in the order written, split at 、，, ； spaces and new lines."""
    return [name for name in SEPARATORS.split(text or "") if name]


def build(database: Database, options: Mapping[str, Any], progress: Progress | None = None) -> Rendered:
    award = options.get("award") or "volunteer"
    design = options.get("design") or "red_gold"
    errors = {}
    if award not in WORDING:
        errors["award"] = _("Choose the award: outstanding volunteer, team or brand project.")
    if design not in honour_certificate.DESIGNS:
        errors["design"] = _("Choose one of the certificate designs.")
    names = winners(options.get("winners") or "")
    if not names:
        errors["winners"] = _("Write the winners' names, separated by 、 or new lines.")
    if errors:
        raise InvalidEntry(errors)
    date = options.get("date") or dt.date.today()
    year = options.get("year") or date.year
    issuer = (options.get("issuer") or "").strip() or SetupService(database).current().name
    salutation, citation = WORDING[award]
    certificates = [
        honour_certificate.Certificate(name=name, salutation=salutation, citation=citation.format(year=year),
                                       issuer=issuer, date=honour_certificate.chinese_date(date),
                                       number=f"证书编号：{year}-{serial:03d}" if options.get("numbered") else "")
        for serial, name in enumerate(names, start=1)]
    rendered = honour_certificate.render(design, certificates, lambda done, total: _tell(progress, done, total))
    _tell(progress, len(names), len(names))
    return replace(rendered, warnings=(*rendered.warnings, *_doubts(database, award, names)))


def _doubts(database: Database, award: str, names: list[str]) -> list[str]:
    """Warnings for names written twice and for names the database does not know."""
    warnings = [_("“{name}” is written more than once and gets a certificate each time.").format(name=name)
                for name in dict.fromkeys(n for n in names if names.count(n) > 1)]
    known = _known_names(database, award, names)
    unknown = [name for name in dict.fromkeys(names) if name not in known]
    if unknown:
        message = {
            "volunteer": N_("Not on the roster, printed anyway (check for typos): {names}"),
            "team": N_("No team has this name, printed anyway (check for typos): {names}"),
            "project": N_("No brand project has this name, printed anyway (check for typos): {names}"),
        }[award]
        warnings.append(_(message).format(names="、".join(unknown)))
    return warnings


def _known_names(database: Database, award: str, names: list[str]) -> set[str]:
    if award == "team":
        found: set[str] = set()
        stack: list[TeamNode] = list(TeamService(database).tree())
        while stack:
            node = stack.pop()
            found.add(node.name)
            stack.extend(node.children)
        return found
    if award == "project":
        return {project.name for project in StationService(database).projects()}
    with database.sessions() as session:
        return set(session.scalars(select(VolunteerRow.name).where(
            VolunteerRow.name.in_(set(names)), VolunteerRow.deleted.is_(False))))


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress and progress(done, total) is False:
        raise Cancelled


KINDS = (
    DocumentKind(
        key="honours",
        title=N_("Certificates of honour"),
        build=build,
        options=(
            Option("award", N_("Award"), OptionKind.CHOICE, default="volunteer", choices=(
                ("volunteer", N_("Outstanding Party-member volunteer")),
                ("team", N_("Outstanding volunteer service team")),
                ("project", N_("Outstanding brand project")))),
            Option("year", N_("Year of the award"), OptionKind.YEAR),  # None: the current year
            Option("winners", N_("Winners (names separated by 、 or new lines)"), OptionKind.TEXT, default="",
                   lines=True),
            Option("design", N_("Design"), OptionKind.CHOICE, default="red_gold", choices=(
                ("red_gold", N_("Red and gold")),
                ("gold_frame", N_("Gold frame on white")),
                ("simple_red", N_("Plain red border (saves ink)")))),
            Option("issuer", N_("Issued by (empty: the unit's name)"), OptionKind.TEXT, default=""),
            Option("date", N_("Date of issue"), OptionKind.DATE),  # None: today; printed as 年 and 月
            Option("numbered", N_("Print certificate numbers"), OptionKind.FLAG, default=False),
        ),
        description=N_("Landscape A4, one certificate per winner, for the yearly commendations; the seal is "
                       "stamped by hand."),
    ),
)
