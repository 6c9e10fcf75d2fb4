"""The print centre's catalogue: every printable document, its options, and how it is made and saved.

Each document is a `DocumentKind` defined next to the code that gathers its data (one module of this
package per document family, collected by `_catalogue`); the UI's print centre and the `print` command both
work from `PrintService.documents()`, so a document added here appears in both.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from volunteer_desk import gc_pause
from volunteer_desk.documents.pdf import Rendered
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.file_writes import write_safely
from volunteer_desk.services.progress import Progress
from volunteer_desk.storage import audit, organisations



class OptionKind(enum.Enum):
    VOLUNTEER = "volunteer"  # a volunteer id
    TEAM = "team"  # a team id
    ACTIVITY = "activity"  # an activity id
    QUARTER = "quarter"  # domain.calendar.Quarter
    YEAR = "year"  # int
    DATE = "date"  # datetime.date
    CHOICE = "choice"  # one of `choices`' values
    INTEGER = "integer"  # int within `minimum`…`maximum`
    FLAG = "flag"  # bool
    TEXT = "text"  # str


@dataclass(frozen=True)
class Option:
    key: str
    label: str  # msgid, translated when shown
    kind: OptionKind
    default: Any = None  # a value, or a function giving it when asked (e.g. the current quarter's first day)
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (value, msgid) for CHOICE
    minimum: int = 0
    maximum: int = 10_000
    lines: bool = False  # TEXT of several lines (a list of names)

    def initial(self) -> Any:
        return self.default() if callable(self.default) else self.default


@dataclass(frozen=True)
class DocumentKind:
    key: str  # the `print` command's name for it: "registration", "roster", …
    title: str  # msgid
    build: Callable[[Database, Mapping[str, Any], Progress | None], Rendered]
    options: tuple[Option, ...] = field(default_factory=tuple)
    description: str = ""  # msgid: one line for the print centre
    excel: Callable[[Database, Mapping[str, Any], Progress | None], bytes] | None = None  # the .xlsx, if it has one
    committees_only: bool = False  # about the branches below: listed where this installation is a committee


FULL_NUMBERS = Option("full_numbers", N_("Print full ID and phone numbers (written to the audit log)"), OptionKind.FLAG,
                      default=False)


def full_numbers_chosen(database: Database, what: str, options: Mapping[str, Any]) -> bool:
    """Whether this print shows ID numbers and phones in full. Lists for other eyes mask them; printing them
    whole is the operator's explicit choice, so it is written to the audit log (who, when, and `what`: the
    document and whom it lists, in Chinese, never a number) before anything is drawn."""
    if not options.get(FULL_NUMBERS.key):
        return False
    with database.sessions.begin() as session:
        audit.record(session, action="print_full", entity="document", entity_id=None, summary=what[:400])
    return True


def _catalogue() -> tuple[DocumentKind, ...]:
    """Every family module's KINDS, in the print centre's order. Imported here, by name, so that PyInstaller
    sees them and so that each module can import this one's types."""
    from volunteer_desk.services.printing import (
        activities,
        certificates,
        committee,
        honours,
        hours,
        journal,
        quarter_report,
        registration,
        review_list,
        roster,
        sign_in,
        team_sheet,
    )

    return (*registration.KINDS, *roster.KINDS, *team_sheet.KINDS, *sign_in.KINDS, *certificates.KINDS,
            *honours.KINDS, *review_list.KINDS, *quarter_report.KINDS, *journal.KINDS,
            *activities.KINDS, *hours.KINDS, *committee.KINDS)


class PrintService:
    def __init__(self, database: Database):
        self._db = database

    def documents(self) -> tuple[DocumentKind, ...]:
        """The documents this installation offers: a branch has no branches below it to report on."""
        with self._db.sessions() as session:
            home = organisations.home(session)
        committee = home is not None and home.level == OrgLevel.COMMITTEE.value
        return tuple(kind for kind in _catalogue() if committee or not kind.committees_only)

    def document(self, key: str) -> DocumentKind:
        for kind in _catalogue():
            if kind.key == key:
                return kind
        raise KeyError(key)

    def parse(self, key: str, raw: Mapping[str, str]) -> dict[str, Any]:
        """Options typed as text (the `print` command's `--set key=value`) turned into values, or InvalidEntry
        saying in Chinese which one is wrong and what it should look like."""
        kind = self.document(key)
        known = {option.key: option for option in kind.options}
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, text in raw.items():
            option = known.get(name)
            if option is None:
                errors[name] = _("{document} has no option “{name}”; it has: {known}.").format(
                    document=_(kind.title), name=name, known="、".join(known) or "—")
                continue
            try:
                values[name] = _parse(option, text.strip())
            except ValueError as error:
                errors[name] = f"{name}: {error}"
        if errors:
            raise InvalidEntry(errors)
        return values

    @gc_pause.paused()
    def render(self, key: str, options: Mapping[str, Any], progress: Progress | None = None) -> Rendered:
        kind = self.document(key)
        return kind.build(self._db, _completed(kind, options), progress)

    def save(self, key: str, options: Mapping[str, Any], path: Path, progress: Progress | None = None) -> Rendered:
        """Render and write the PDF whole or not at all: a PDF open in a viewer or a full USB stick never
        leaves a half-written file in place of the old one."""
        rendered = self.render(key, options, progress)
        write_safely(Path(path), rendered.pdf)
        return rendered

    @gc_pause.paused()
    def save_excel(self, key: str, options: Mapping[str, Any], path: Path, progress: Progress | None = None) -> None:
        """The document's Excel form, written whole or not at all as the PDF is."""
        kind = self.document(key)
        if kind.excel is None:
            raise InvalidEntry({"document": _("{document} has no Excel form; save it as a PDF instead.").format(
                document=_(kind.title))})
        write_safely(Path(path), kind.excel(self._db, _completed(kind, options), progress))


def _completed(kind: DocumentKind, options: Mapping[str, Any]) -> dict[str, Any]:
    """The options with each one not given at its default, or InvalidEntry naming the required ones missing."""
    values = {option.key: option.initial() for option in kind.options}
    values.update(options)
    missing = {o.key: _("Choose {what}.").format(what=_(o.label)) for o in kind.options
               if o.required and values.get(o.key) in (None, "")}
    if missing:
        raise InvalidEntry(missing)
    return values


def _parse(option: Option, text: str) -> Any:
    kind = option.kind
    if kind in (OptionKind.INTEGER, OptionKind.YEAR):
        try:
            number = int(text)
        except ValueError:
            raise ValueError(_("write a whole number.")) from None
        if kind is OptionKind.INTEGER and not option.minimum <= number <= option.maximum:
            raise ValueError(_("write a number from {low} to {high}.").format(low=option.minimum, high=option.maximum))
        return number
    if kind is OptionKind.QUARTER:
        return Quarter.parse(text)
    if kind is OptionKind.DATE:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(_("write a date as 2026-11-23.")) from None
    if kind is OptionKind.FLAG:
        if text.lower() not in ("yes", "no", "true", "false", "1", "0"):
            raise ValueError(_("write yes or no."))
        return text.lower() in ("yes", "true", "1")
    if kind is OptionKind.CHOICE and text not in {value for value, _label in option.choices}:
        raise ValueError(_("choose one of: {choices}.").format(choices="、".join(v for v, _l in option.choices)))
    return text  # ids of volunteers, teams and activities, and free text
