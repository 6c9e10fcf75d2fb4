"""Setting up an installation: the wizard's, `init`'s and Settings' one service, on a real database."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services import demo
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.setup import InvalidSetup, SetupService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage import organisations
from volunteer_desk.storage.schema import AuditEntry, Organisation
from tests.sheet_data import registration

BRANCH = SetupInfo(role=OrgLevel.BRANCH, name="西湖街道机关第一党支部", code="320412-001",
                   parent_name="西湖街道党工委", party_members=42, operator="王书记")


@pytest.fixture
def setup(database) -> SetupService:
    return SetupService(database)


def test_a_new_installation_is_not_set_up_and_offers_blanks(setup):
    assert not setup.is_initialised()
    current = setup.current()
    assert current.name == "" and current.code == "" and current.operator == ""


def test_saving_names_the_home_organisation_and_its_parent(setup, database):
    setup.save(BRANCH)
    assert setup.is_initialised()
    assert setup.current() == BRANCH
    with database.sessions() as session:
        home = organisations.home(session)
        parent = session.get(Organisation, home.parent_id)
    assert (home.name, home.code, home.level, home.party_members) == ("西湖街道机关第一党支部", "320412-001",
                                                                      "branch", 42)
    assert parent.name == "西湖街道党工委" and parent.level == "committee"


def test_changing_settings_later_updates_rather_than_duplicates(setup, database):
    setup.save(BRANCH)
    changed = SetupInfo(role=OrgLevel.COMMITTEE, name="西湖街道党工委", code="320412", parent_name="武进区委",
                        party_members=900, operator="李主任")
    setup.save(changed)
    assert setup.current() == changed
    with database.sessions() as session:
        assert session.scalar(select(Organisation).where(Organisation.is_home.is_(True))).name == "西湖街道党工委"
        assert len(organisations.all_live(session)) == 2
    setup.save(SetupInfo(name="西湖街道党工委", code="320412", operator="李主任"))  # parent removed
    assert setup.current().parent_name == ""


@pytest.mark.parametrize("field, value, message", [
    ("name", " ", "Enter the organisation's full name, e.g. 西湖街道机关第一党支部."),
    ("code", "32 04", "Enter the organisation code: letters, digits and dashes, up to 40, e.g. 320412-001."),
    ("party_members", -1, "Enter how many Party members the unit has (0 or more)."),
    ("operator", "", "Enter the name of the person who keeps the records here; it is written beside every change."),
])
def test_bad_answers_are_explained_and_nothing_is_written(setup, field, value, message):
    info = SetupInfo(**(vars(BRANCH) | {field: value}))
    with pytest.raises(InvalidSetup) as caught:
        setup.save(info)
    assert caught.value.errors == {field: _(message)}
    assert not setup.is_initialised()


def test_a_name_the_printing_font_cannot_draw_is_refused(setup):
    assert "name" in setup.check(SetupInfo(**(vars(BRANCH) | {"name": "𠀀支部"})))


def test_a_code_used_by_another_organisation_is_refused(setup, database):
    with database.sessions.begin() as session:
        organisations.add(session, name="邻近支部", code="320412-002", level="branch")
    errors = setup.check(SetupInfo(**(vars(BRANCH) | {"code": "320412-002"})))
    assert errors == {"code": _("The code {code} already belongs to {name}.").format(code="320412-002", name="邻近支部")}


def test_every_change_is_signed_with_the_operator(setup, database):
    setup.save(BRANCH)
    service = VolunteerService(database)
    volunteer_id = service.save(registration(organisation_id=service.blank_values()["organisation_id"]))
    with database.sessions() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.entity_id == volunteer_id))
    assert entry.operator == "王书记"


def test_demo_sets_up_a_fresh_installation_as_a_branch(setup, database):
    demo.fill(database, volunteers=10)
    assert setup.is_initialised()
    assert setup.current().role is OrgLevel.BRANCH and setup.current().name == demo.BRANCH_NAME


def test_demo_keeps_an_installation_that_is_set_up(setup, database):
    setup.save(BRANCH)
    demo.fill(database, volunteers=10)
    assert setup.current() == BRANCH


def test_demo_can_be_cancelled_and_adds_nothing(setup, database):
    calls = []
    with pytest.raises(Cancelled):
        demo.fill(database, volunteers=5000, progress=lambda done, total: (calls.append(done), False)[1])
    assert calls == [2000]
    assert not setup.is_initialised()
    demo.fill(database, volunteers=10)  # nothing was left behind: the database still counts as empty
