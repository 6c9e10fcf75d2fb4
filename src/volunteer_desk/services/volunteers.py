"""Registering, editing, deleting and restoring volunteers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from volunteer_desk.domain import idnumber, pinyin
from volunteer_desk.domain.volunteer import Volunteer
from volunteer_desk.formspec import FormSpec, load, values
from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.services.ownership import not_ours
from volunteer_desk.storage import audit, organisations
from volunteer_desk.storage import volunteers as store


@dataclass
class CheckResult:
    """Everything wrong with a filled-in sheet, by field key; `duplicate` is (id, name) of a live volunteer
    who already has this ID number."""

    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)
    duplicate: tuple[str, str] | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class InvalidVolunteer(ValueError):
    def __init__(self, result: CheckResult):
        super().__init__("; ".join(result.errors.values()))
        self.result = result


class VolunteerService:
    def __init__(self, database: Database):
        self._db = database
        self.form: FormSpec = load("registration")

    def check(self, raw: Mapping[str, Any], *, editing: str | None = None) -> CheckResult:
        volunteer, errors = values.to_domain(self.form, raw)
        result = CheckResult(errors=errors)
        with self._db.sessions() as session:
            saved = store.load(session, editing) if editing else None
            refusal = not_ours(session, saved.organisation_id if saved else volunteer.organisation_id)
        if refusal:
            result.errors["name"] = refusal
        if volunteer.id_number and "id_number" not in errors:
            info = idnumber.parse(volunteer.id_number)
            result.warnings.update({"id_number": w for w in info.warnings})
            with self._db.sessions() as session:
                result.duplicate = store.find_live_by_id_number(session, volunteer.id_number, excluding=editing)
            if result.duplicate:
                result.errors["id_number"] = _(
                    "{name} is already registered with this ID number. Open that record instead of adding it twice."
                ).format(name=result.duplicate[1])
        return result

    def save(self, raw: Mapping[str, Any], *, editing: str | None = None) -> str:
        """Validate and store; raises InvalidVolunteer and stores nothing when anything is wrong."""
        result = self.check(raw, editing=editing)
        if not result.ok:
            raise InvalidVolunteer(result)
        with self._db.sessions.begin() as session:
            base = store.load(session, editing) if editing else None
            if editing and base is None:
                raise InvalidVolunteer(CheckResult(errors={"name": _("This volunteer no longer exists.")}))
            volunteer, _errors = values.to_domain(self.form, raw, base=base)
            volunteer.organisation_id = volunteer.organisation_id or organisations.home(session).id
            volunteer_id = store.save(session, volunteer)
            audit.record(session, action="update" if editing else "create",
                         entity="volunteer", entity_id=volunteer_id, org_id=volunteer.organisation_id)
        return volunteer_id

    def raw_values(self, volunteer_id: str) -> dict[str, Any] | None:
        """What the editor shows for a saved volunteer, full numbers included (the editor is the one place)."""
        with self._db.sessions() as session:
            volunteer = store.load(session, volunteer_id)
        return values.from_domain(self.form, volunteer) if volunteer else None

    def reveal(self, volunteer_id: str) -> tuple[str, str, str]:
        """(ID number, mobile, landline) in full for one record outside the editor: the operator's explicit
        choice, written to the audit log with the person's name (never the numbers) before they are shown."""
        with self._db.sessions.begin() as session:
            volunteer = store.load(session, volunteer_id)
            if volunteer is None:
                raise InvalidVolunteer(CheckResult(errors={"name": _("This volunteer no longer exists.")}))
            audit.record(session, action="reveal", entity="volunteer", entity_id=volunteer_id, summary=volunteer.name,
                         org_id=volunteer.organisation_id)
        return volunteer.id_number, volunteer.mobile, volunteer.phone

    def blank_values(self) -> dict[str, Any]:
        with self._db.sessions() as session:
            home = organisations.home(session)
        raw = values.from_domain(self.form, Volunteer())
        raw["organisation_id"] = home.id if home else None
        return raw

    def delete(self, volunteer_id: str) -> bool:
        """To the recycle list; the row stays, restorable."""
        return self._set_deleted(volunteer_id, True)

    def restore(self, volunteer_id: str) -> bool:
        """Back from the recycle list, unless someone live has taken the ID number meanwhile."""
        with self._db.sessions() as session:
            volunteer = store.load(session, volunteer_id)
            clash = volunteer and volunteer.id_number and store.find_live_by_id_number(
                session, volunteer.id_number, excluding=volunteer_id)
        if clash:
            raise InvalidVolunteer(CheckResult(
                errors={"id_number": _("{name} now has this ID number; the record cannot be restored.").format(name=clash[1])},
                duplicate=clash,
            ))
        return self._set_deleted(volunteer_id, False)

    def _set_deleted(self, volunteer_id: str, deleted: bool) -> bool:
        with self._db.sessions.begin() as session:
            saved = store.load(session, volunteer_id)
            refusal = not_ours(session, saved.organisation_id if saved else None)
            if refusal:
                raise InvalidVolunteer(CheckResult(errors={"name": refusal}))
            changed = store.set_deleted(session, volunteer_id, deleted)
            if changed:
                audit.record(session, action="delete" if deleted else "restore",
                             entity="volunteer", entity_id=volunteer_id)
        return changed

    def organisation_choices(self) -> list[tuple[str, str]]:
        with self._db.sessions() as session:
            return [(org.id, org.name) for org in organisations.all_live(session)]


def warm_up() -> None:
    """Load the pinyin dictionary (0.4 s) before the first save needs it; safe to run on any thread."""
    pinyin.warm_up()
