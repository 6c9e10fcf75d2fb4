"""This installation's organisation and operator: asked once by the first-start wizard or
`volunteer-desk init`, changed later in Settings."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_desk import fonts
from volunteer_desk.domain import setup as rules
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.storage import organisations, settings
from volunteer_desk.storage.schema import Organisation

INITIALISED = "initialised"
OPERATOR = settings.OPERATOR


class InvalidSetup(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class SetupService:
    def __init__(self, database: Database):
        self._db = database

    def is_initialised(self) -> bool:
        with self._db.sessions() as session:
            return bool(settings.get(session, INITIALISED, False))

    def current(self) -> SetupInfo:
        """The saved answers; before setup, blanks (not the placeholder 本支部) for the wizard to fill."""
        with self._db.sessions() as session:
            home = organisations.home(session)
            parent = session.get(Organisation, home.parent_id) if home.parent_id else None
            named = bool(settings.get(session, INITIALISED, False))
            return SetupInfo(role=OrgLevel(home.level), name=home.name if named else "",
                             code=home.code if named else "", parent_name=parent.name if parent else "",
                             party_members=home.party_members, operator=settings.get(session, OPERATOR, ""))

    def check(self, info: SetupInfo) -> dict[str, str]:
        errors = rules.check(info)
        for key in ("name", "parent_name", "operator"):
            missing = fonts.missing_characters(getattr(info, key))
            if missing and key not in errors:
                errors[key] = _("The printing font has no glyph for {chars}; use a common variant of the "
                                "character.").format(chars="、".join(missing))
        if "code" not in errors:
            with self._db.sessions() as session:
                other = session.scalar(select(Organisation.name).where(
                    Organisation.code == info.code.strip(), Organisation.is_home.is_(False),
                    Organisation.id != _parent_id(session)))
            if other:
                errors["code"] = _("The code {code} already belongs to {name}.").format(code=info.code.strip(), name=other)
        return errors

    def save(self, info: SetupInfo) -> None:
        errors = self.check(info)
        if errors:
            raise InvalidSetup(errors)
        with self._db.sessions.begin() as session:
            apply(session, info)


def _parent_id(session: Session) -> str | None:
    home = organisations.home(session)
    return home.parent_id if home else None


def apply(session: Session, info: SetupInfo) -> str:
    """Write checked answers inside the caller's transaction; returns the home organisation's id."""
    home = organisations.home(session)
    home.name, home.code, home.level = info.name.strip(), info.code.strip(), info.role.value
    home.party_members = info.party_members
    parent_name = info.parent_name.strip()
    parent = session.get(Organisation, home.parent_id) if home.parent_id else None
    if parent_name and parent is None:
        parent = organisations.add(session, name=parent_name, code=f"{home.code}-parent",
                                   level=OrgLevel.COMMITTEE.value)
        home.parent_id = parent.id
    elif parent is not None:
        if parent_name:
            parent.name = parent_name
        else:
            home.parent_id = None
    settings.put(session, OPERATOR, info.operator.strip())
    settings.put(session, INITIALISED, True)
    session.flush()
    return home.id
