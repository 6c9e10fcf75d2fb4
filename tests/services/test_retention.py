"""永久删除 and the retention review on a real database file: after a purge the file's bytes hold neither the
person's name nor their ID number, while their hours still count."""

from __future__ import annotations

import datetime as dt
import errno

import pytest
from sqlalchemy import event, select

from tests.services.test_activities import TODAY, activity_service, draft, make_volunteer, named_operator
from tests.services.test_volunteer_import import roster_file
from tests.sheet_data import id_number, registration
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.categories import seeded_id
from volunteer_desk.domain.enums import TeamKind, TeamRole
from volunteer_desk.i18n import _
from volunteer_desk.services.audit_log import AuditLogService
from volunteer_desk.services.certificates import CertificateRequest, CertificateService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.journals import JournalService
from volunteer_desk.services.reports import ReportService
from volunteer_desk.services.retention import PurgeResult, RetentionService
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.services.volunteer_import import Duplicates, VolunteerImportService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage import retention as retention_store
from volunteer_desk.storage.schema import ServiceCertificate, VolunteerRow
from volunteer_desk.storage.volunteers import name_keys

NAME = "欧阳修远"
NUMBER = id_number("19770921", region="320402", sequence="357")
MOBILE = "13951234567"
LATER = dt.date(2040, 6, 1)  # TODAY's activities are 14 years back: past the default ten


@pytest.fixture
def database(database):
    """Without SQLite's secure_delete, as Python's own Windows build is: freed bytes stay in the file unless
    the purge sees to them (Debian's SQLite zeroes them anyway, which would hide a purge that does not)."""
    event.listen(database.engine, "connect", lambda connection, _record: connection.execute(
        "PRAGMA secure_delete = OFF"))
    database.engine.dispose()
    named_operator(database)
    return database


def _file_bytes(database) -> bytes:
    wal = database.path.with_name(database.path.name + "-wal")
    return database.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def _leaks(database) -> list[str]:
    data = _file_bytes(database)
    return [text for text in (NAME, NUMBER, MOBILE, name_keys(NAME)[0], "南大街 18 号")
            if text.encode() in data]


def _ouyang_with_a_history(database, tmp_path) -> str:
    """Registered, edited, updated by an Excel import, served at an activity, journal and review written,
    certificate issued, full numbers shown: every place the program writes a person's name or number."""
    volunteers = VolunteerService(database)
    home = volunteers.blank_values()["organisation_id"]
    ouyang = volunteers.save(registration(name=NAME, id_number=NUMBER, mobile=MOBILE, organisation_id=home,
                                          birth_date="1977.09", home_address="常州市南大街 18 号"))
    volunteers.save(volunteers.raw_values(ouyang) | {"experience": "2015 年起在社区做调解工作。" * 20},
                    editing=ouyang)
    importing = VolunteerImportService(database)
    path = roster_file(tmp_path / "名册.xlsx", [[1, NAME, "男", "1977.09", "2008.07", "大学本科", NUMBER,
                                                 MOBILE, "常州市西林街道办事处 科员", "尊老服务"]])
    assert importing.commit(importing.preview(path), Duplicates.UPDATE).updated == 1
    activities = activity_service(database)
    activity = activities.create(draft(leader=NAME))
    activities.add_participants(activity, [ouyang, make_volunteer(database, "李四")])
    JournalService(database).save(ouyang, TODAY, f"{NAME}：为老人理发", "很有收获")
    ReportService(database).set_comment(ouyang, Quarter.of(TODAY), f"{NAME}同志服务积极")
    CertificateService(database, today=lambda: TODAY).issue(CertificateRequest(
        volunteer_id=ouyang, start=dt.date(2026, 1, 1), end=TODAY, person_in_charge="李书记", handler="王干事",
        contact="0519-86001234", notes=f"{NAME}本人申请"))
    volunteers.reveal(ouyang)
    return ouyang


def test_a_purge_leaves_neither_name_nor_numbers_in_the_file_and_the_hours_still_count(database, tmp_path):
    ouyang = _ouyang_with_a_history(database, tmp_path)
    reports = ReportService(database)
    before = reports.quarter_report(Quarter.of(TODAY))
    assert VolunteerService(database).delete(ouyang)
    assert _leaks(database) == [NAME, NUMBER, MOBILE, name_keys(NAME)[0], "南大街 18 号"]  # the test can fail

    result = RetentionService(database).purge([ouyang])

    assert (result.erased, result.compacted) == (1, True)
    assert _leaks(database) == []
    after = reports.quarter_report(Quarter.of(TODAY))
    assert (after.minutes, after.participant_times, after.activities) == (
        before.minutes, before.participant_times, before.activities) and before.minutes == 240
    with database.sessions() as session:
        row = session.get(VolunteerRow, ouyang)
        assert row.name == _("Deleted person") and row.photo is None and row.experience == ""
        [certificate] = session.scalars(select(ServiceCertificate)).all()
    assert certificate.number and certificate.minutes == 120 and certificate.volunteer_name == _("Deleted person")
    roster = RosterService(database)
    assert roster.count(RosterQuery(deleted=True)) == 0  # gone from the recycle list, and for good:
    assert not VolunteerService(database).restore(ouyang)
    importing = VolunteerImportService(database)
    importing.undo(importing.batches()[0].id)  # it once updated them: undoing it brings nothing back
    assert VolunteerService(database).raw_values(ouyang)["name"] == _("Deleted person") and _leaks(database) == []
    [purged] = [line for line in AuditLogService(database).entries() if line.action == "purge"]
    assert purged.entity_id == ouyang and NAME not in purged.details


def test_someone_on_the_roster_within_the_period_is_refused_and_nothing_is_erased(database):
    deleted, live = make_volunteer(database, "王五"), make_volunteer(database, "赵六")
    VolunteerService(database).delete(deleted)
    with pytest.raises(InvalidEntry) as refused:
        RetentionService(database, today=lambda: TODAY).purge([deleted, live])
    assert refused.value.errors["volunteer"] == _(
        "{name} is still on the roster. Delete them first: only people in the recycle list, or past the "
        "retention period, can be deleted permanently.").format(name="赵六")
    with database.sessions() as session:
        assert [row.name for row in session.scalars(select(VolunteerRow).order_by(VolunteerRow.name))] == [
            "王五", "赵六"]
    assert RosterService(database).count(RosterQuery(deleted=True)) == 1


def _served(database, volunteer_id: str, held_on: dt.date) -> None:
    activities = activity_service(database) if held_on <= TODAY else \
        type(activity_service(database))(database, today=lambda: LATER)
    activities.add_participants(activities.create(draft(held_on=held_on)), [volunteer_id])


def test_the_review_lists_people_past_the_period_who_are_not_active(database):
    long_gone, recent, in_a_team, deleted, never = (make_volunteer(database, name)
                                                   for name in ("张三", "李四", "王五", "赵六", "钱七"))
    for person in (long_gone, in_a_team, deleted):
        _served(database, person, TODAY)
    _served(database, recent, dt.date(2035, 5, 10))
    teams = TeamService(database)
    team = teams.create(TeamInput(name="敬老服务队", kind=TeamKind.TEAM, category_id=seeded_id("尊老服务")))
    teams.add_member(team, in_a_team, TeamRole.MEMBER, joined_on=TODAY)
    VolunteerService(database).delete(deleted)
    retention = RetentionService(database, today=lambda: LATER)

    lines = {line.name: line for line in retention.review()}

    assert sorted(lines) == ["张三", "赵六", "钱七"]
    assert lines["张三"].last_served == TODAY and lines["张三"].years == 14 and not lines["张三"].in_recycle_list
    assert lines["赵六"].in_recycle_list and lines["钱七"].last_served is None
    assert lines["张三"].id_number == "*" * 14 + lines["张三"].id_number[-4:]  # masked as every list masks
    retention.set_years(15)
    assert [line.name for line in retention.review()] == []
    assert retention.years() == 15
    with pytest.raises(InvalidEntry):
        retention.set_years(5)


def test_kept_people_leave_the_review_for_a_year_and_one_past_the_period_is_purged_from_the_roster(database):
    kept, purged = make_volunteer(database, "张三"), make_volunteer(database, "李四")
    for person in (kept, purged):
        _served(database, person, TODAY)
    retention = RetentionService(database, today=lambda: LATER)
    retention.keep([kept])
    assert [line.name for line in retention.review()] == ["李四"]
    assert [line.name for line in RetentionService(database, today=lambda: LATER.replace(year=2041)).review()] == [
        "李四", "张三"]  # by pinyin, having served on the same day

    assert retention.purge([purged]).erased == 1

    assert retention.review() == []
    with database.sessions() as session:
        row = session.get(VolunteerRow, purged)
    assert row.deleted and row.purged_at and row.name == _("Deleted person")
    assert {line.action for line in AuditLogService(database).entries()} >= {"keep", "purge"}


def test_when_the_file_cannot_be_rebuilt_the_erasure_stands_and_the_result_says_so(database, monkeypatch):
    person = make_volunteer(database, "王五")
    VolunteerService(database).delete(person)

    def full_disk(_engine):
        raise OSError(errno.ENOSPC, "database or disk is full")

    monkeypatch.setattr(retention_store, "compact", full_disk)
    assert RetentionService(database).purge([person]) == PurgeResult(erased=1, compacted=False)
    assert VolunteerService(database).raw_values(person)["name"] == _("Deleted person")
