"""Activities, their participants and photos, and keying a paper sign-in sheet, on a real database.

The helpers at the top (`make_volunteer`, `make_activity`, …) are shared by the other activity-side tests."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import func, select

from volunteer_desk.domain.enums import ActivityKind, TeamKind
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.services.activity_photos import MAX_PHOTO_BYTES, ActivityPhotoService
from volunteer_desk.services.activities import (
    SIGN_IN_REASON,
    ActivityDraft,
    ActivityService,
    InvalidActivity,
)
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.ledgers import LedgerService
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage.schema import (
    Activity,
    AuditEntry,
    HoursEntry,
    Participation,
    PointsEntry,
    ServiceCategory,
    Team,
    TeamMembership,
)
from tests.sheet_data import id_number, registration

TODAY = dt.date(2026, 3, 20)  # a Friday
OPERATOR = "王书记"
_sequence = itertools.count(101, 2)  # odd: male, as registration() says
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 100


def named_operator(database) -> None:
    SetupService(database).save(SetupInfo(name="西湖街道机关第一党支部", code="320412-001", operator=OPERATOR))


def make_volunteer(database, name: str = "张三", mobile: str = "13812345678") -> str:
    sequence = f"{next(_sequence) % 1000:03d}"
    service = VolunteerService(database)
    home = service.blank_values()["organisation_id"]
    return service.save(registration(name=name, mobile=mobile, organisation_id=home,
                                     id_number=id_number("19850603", sequence=sequence)))


def draft(**changes) -> ActivityDraft:
    values = dict(held_on=dt.date(2026, 3, 10), starts_at=dt.time(9, 0), ends_at=dt.time(11, 0),
                  place="红梅社区服务站", content="为空巢老人理发", beneficiaries="空巢老人 12 人",
                  outcome="理发 12 人次", kind=ActivityKind.COLLECTIVE, leader="李队长", recorder="王书记")
    values.update(changes)
    return ActivityDraft(**values)


def activity_service(database) -> ActivityService:
    return ActivityService(database, today=lambda: TODAY)


def ledger_service(database) -> LedgerService:
    return LedgerService(database, today=lambda: TODAY)


def make_activity(database, **changes) -> str:
    return activity_service(database).create(draft(**changes))


def audit_actions(database, entity: str) -> list[tuple[str, str]]:
    with database.sessions() as session:
        return [(a.action, a.operator) for a in session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.created_at))]


@pytest.fixture
def service(database) -> ActivityService:
    named_operator(database)
    return activity_service(database)


# --- the activity ------------------------------------------------------------------------------------------------

def test_an_activity_is_saved_and_read_back_with_every_field(service, database):
    with database.sessions() as session:
        category_id = session.scalar(select(ServiceCategory.id).order_by(ServiceCategory.sort_order))
    activity_id = service.create(draft(category_id=category_id, kind="emergency"))
    record = service.get(activity_id)
    assert (record.held_on, record.starts_at, record.ends_at) == (dt.date(2026, 3, 10), dt.time(9), dt.time(11))
    assert (record.place, record.content, record.beneficiaries, record.outcome) == (
        "红梅社区服务站", "为空巢老人理发", "空巢老人 12 人", "理发 12 人次")
    assert record.category_id == category_id and record.kind is ActivityKind.EMERGENCY
    assert (record.leader, record.recorder, record.length_minutes, record.participant_count) == ("李队长", "王书记", 120, 0)
    assert audit_actions(database, "activity") == [("create", OPERATOR)]


@pytest.mark.parametrize("changes, field", [
    ({"held_on": None}, "held_on"),
    ({"held_on": TODAY + dt.timedelta(days=400)}, "held_on"),
    ({"place": "  "}, "place"),
    ({"content": ""}, "content"),
    ({"ends_at": dt.time(8, 0)}, "ends_at"),
    ({"ends_at": None}, "ends_at"),
    ({"category_id": "no-such-category"}, "category_id"),
    ({"kind": "party"}, "kind"),
    ({"leader": "李" * 21}, "leader"),
])
def test_a_wrong_activity_is_refused_field_by_field_and_nothing_is_stored(service, database, changes, field):
    with pytest.raises(InvalidActivity) as caught:
        service.create(draft(**changes))
    assert list(caught.value.errors) == [field]
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Activity)) == 0


def test_a_planned_activity_may_be_in_the_future_but_earns_no_hours_yet(service, database):
    volunteer = make_volunteer(database)
    activity_id = service.create(draft(held_on=TODAY + dt.timedelta(days=7)))
    result = service.add_participants(activity_id, [volunteer])
    assert [line.minutes for line in result.added] == [0]
    with pytest.raises(InvalidEntry) as caught:
        service.record_sign_in_sheet(activity_id, [(volunteer, 120)])
    assert list(caught.value.errors) == [1]
    assert ledger_service(database).points_total(volunteer) == 0


def test_an_activity_with_credited_hours_cannot_move_into_the_future(service, database):
    activity_id = service.create(draft())
    service.add_participants(activity_id, [make_volunteer(database)])
    with pytest.raises(InvalidActivity) as caught:
        service.update(activity_id, draft(held_on=TODAY + dt.timedelta(days=1)))
    assert list(caught.value.errors) == ["held_on"]
    assert service.update(activity_id, draft(place="西林街道")) == ()
    assert service.get(activity_id).place == "西林街道"


# --- participants ------------------------------------------------------------------------------------------------

def test_participants_get_the_activity_length_rounded_down_with_a_ledger_entry(service, database):
    volunteers = [make_volunteer(database, "张三"), make_volunteer(database, "李四")]
    activity_id = service.create(draft(starts_at=dt.time(9, 0), ends_at=dt.time(11, 45)))
    result = service.add_participants(activity_id, volunteers)
    assert sorted(line.minutes for line in result.added) == [150, 150]  # 165 min in half hours
    assert {w.kind for w in result.warnings} == {"rounded"}
    with database.sessions() as session:
        entries = session.execute(select(HoursEntry.minutes_delta, HoursEntry.operator)).all()
    assert sorted(entries) == [(150, OPERATOR), (150, OPERATOR)]
    assert [line.name for line in service.participants(activity_id)] == ["李四", "张三"]  # pinyin order
    assert service.get(activity_id).participant_count == 2


def test_the_daily_cap_counts_the_volunteers_other_activities_that_day(service, database):
    volunteer = make_volunteer(database)
    morning = service.create(draft(starts_at=dt.time(8, 0), ends_at=dt.time(14, 0)))
    evening = service.create(draft(starts_at=dt.time(15, 0), ends_at=dt.time(18, 0)))
    assert service.add_participants(morning, [volunteer]).warnings == ()
    result = service.add_participants(evening, [volunteer])
    assert [line.minutes for line in result.added] == [120]  # 8 h a day: 6 h already, 2 of the 3 h
    assert [w.kind for w in result.warnings] == ["capped"]
    assert ledger_service(database).total_minutes(volunteer) == 480


def test_overlapping_activities_warn_but_the_participant_is_added(service, database):
    volunteer = make_volunteer(database, "王五")
    first = service.create(draft(starts_at=dt.time(9, 0), ends_at=dt.time(11, 0), content="义诊"))
    second = service.create(draft(starts_at=dt.time(10, 30), ends_at=dt.time(12, 0), content="环境卫生整治"))
    touching = service.create(draft(starts_at=dt.time(12, 0), ends_at=dt.time(13, 0), content="法律咨询"))
    service.add_participants(first, [volunteer])
    result = service.add_participants(second, [volunteer])
    overlaps = [w for w in result.warnings if w.kind == "overlap"]
    assert len(overlaps) == 1 and "义诊" in overlaps[0].message and "王五" in overlaps[0].message
    assert [line.minutes for line in result.added] == [90]
    assert [w.kind for w in service.add_participants(touching, [volunteer]).warnings] == []


def test_adding_someone_twice_warns_and_keeps_one_participation(service, database):
    volunteer = make_volunteer(database)
    activity_id = service.create(draft())
    service.add_participants(activity_id, [volunteer])
    result = service.add_participants(activity_id, [volunteer])
    assert result.added == () and [w.kind for w in result.warnings] == ["already"]
    assert len(service.participants(activity_id)) == 1


def test_a_whole_team_is_added_but_not_those_who_left_or_were_deleted(service, database):
    stays, left, deleted = (make_volunteer(database, n) for n in ("张三", "李四", "王五"))
    VolunteerService(database).delete(deleted)
    with database.sessions.begin() as session:
        team = Team(name="红梅社区服务队", kind="team")
        session.add(team)
        session.flush()
        session.add_all([
            TeamMembership(team_id=team.id, volunteer_id=stays, role="member", joined_on=dt.date(2025, 1, 1)),
            TeamMembership(team_id=team.id, volunteer_id=stays, role="liaison"),
            TeamMembership(team_id=team.id, volunteer_id=left, role="member", left_on=dt.date(2026, 1, 1)),
            TeamMembership(team_id=team.id, volunteer_id=deleted, role="member"),
        ])
        team_id = team.id
    activity_id = service.create(draft(team_id=team_id))
    result = service.add_team(activity_id, team_id)
    assert [(line.volunteer_id, line.minutes) for line in result.added] == [(stays, 120)]
    with pytest.raises(InvalidActivity):
        service.add_team(activity_id, "no-such-team")


def test_removing_a_participant_gives_back_hours_and_points_by_new_rows(service, database):
    volunteer = make_volunteer(database)
    activity_id = service.create(draft())
    [line] = service.add_participants(activity_id, [volunteer]).added
    ledger = ledger_service(database)
    assert ledger.points_total(volunteer) == 2.0
    assert service.remove_participant(line.participation_id, "记错了人")
    assert service.participants(activity_id) == []
    assert ledger.total_minutes(volunteer) == 0 and ledger.points_total(volunteer) == 0
    assert [(h.delta, h.reason) for h in ledger.history(line.participation_id)] == [(120, "参加活动"),
                                                                                   (-120, "记错了人")]
    with database.sessions() as session:
        participation = session.get(Participation, line.participation_id)
        assert participation.deleted and participation.minutes == 0
        assert sorted(session.scalars(select(PointsEntry.points))) == [-2.0, 2.0]
    assert ("delete", OPERATOR) in audit_actions(database, "participation")
    # back again: the same row comes back to life and is credited afresh
    [again] = service.add_participants(activity_id, [volunteer]).added
    assert again.participation_id == line.participation_id and again.minutes == 120
    assert ledger.points_total(volunteer) == 2.0


def test_deleting_an_activity_leaves_tombstones_and_zero_totals(service, database):
    volunteer = make_volunteer(database)
    activity_id = service.create(draft())
    service.add_participants(activity_id, [volunteer])
    assert service.delete(activity_id)
    assert service.get(activity_id) is None and not service.delete(activity_id)
    with database.sessions() as session:
        assert session.get(Activity, activity_id).deleted
        assert all(p.deleted for p in session.scalars(select(Participation)))
    ledger = ledger_service(database)
    assert ledger.total_minutes(volunteer) == 0 and ledger.points_total(volunteer) == 0
    assert ("delete", OPERATOR) in audit_actions(database, "activity")


# --- photos -----------------------------------------------------------------------------------------------------

def test_photos_are_kept_listed_and_deleted(service, database):
    activity_id = service.create(draft())
    photos = ActivityPhotoService(database)
    png = photos.add_photo(activity_id, PNG, "理发现场")
    photos.add_photo(activity_id, JPEG)
    assert [(p.caption, p.size) for p in photos.photos(activity_id)] == [("理发现场", len(PNG)), ("", len(JPEG))]
    assert photos.photo(png) == PNG
    assert photos.delete_photo(png) and not photos.delete_photo(png)
    assert [p.size for p in photos.photos(activity_id)] == [len(JPEG)]
    assert service.get(activity_id).photo_count == 1


@pytest.mark.parametrize("image", [b"GIF89a" + b"\x00" * 10, b"", PNG + b"\x00" * MAX_PHOTO_BYTES])
def test_only_jpeg_and_png_up_to_2_mb_are_kept(service, database, image):
    activity_id = service.create(draft())
    photos = ActivityPhotoService(database)
    with pytest.raises(InvalidActivity) as caught:
        photos.add_photo(activity_id, image)
    assert list(caught.value.errors) == ["image"]
    assert photos.photos(activity_id) == []


# --- fast entry from paper -----------------------------------------------------------------------------------------

def test_resolving_what_was_typed_finds_people_by_name_initials_and_digits(service, database):
    zhang = make_volunteer(database, "张三", "13812345678")
    zhao = make_volunteer(database, "赵四", "13987654321")
    assert [c.volunteer_id for c in service.resolve_participant("张三")] == [zhang]
    assert {c.volunteer_id for c in service.resolve_participant("z")} == {zhang, zhao}
    [found] = service.resolve_participant("87654")
    assert (found.volunteer_id, found.name, found.mobile, found.organisation) == (
        zhao, "赵四", "139****4321", "西湖街道机关第一党支部")
    assert service.resolve_participant("  ") == []
    assert len(service.resolve_participant("z", limit=1)) == 1


def test_a_sign_in_sheet_sets_everyones_minutes_at_once(service, database):
    listed, new = make_volunteer(database, "张三"), make_volunteer(database, "李四")
    activity_id = service.create(draft())
    service.add_participants(activity_id, [listed])
    result = service.record_sign_in_sheet(activity_id, [(listed, 90), (new, 60)])
    assert {(line.volunteer_id, line.minutes) for line in result.added} == {(listed, 90), (new, 60)}
    assert {(line.volunteer_id, line.minutes) for line in service.participants(activity_id)} == {(listed, 90),
                                                                                                  (new, 60)}
    with database.sessions() as session:
        reasons = session.scalars(select(HoursEntry.reason).order_by(HoursEntry.created_at)).all()
    assert reasons == ["参加活动", SIGN_IN_REASON, SIGN_IN_REASON]


@pytest.mark.parametrize("bad_line", [("no-such-volunteer", 60), ("first", -30), ("first", 60)])
def test_one_bad_line_on_a_sign_in_sheet_saves_nothing(service, database, bad_line):
    first, second = make_volunteer(database, "张三"), make_volunteer(database, "李四")
    activity_id = service.create(draft())
    lines = [(first, 60), (second, 90), (first if bad_line[0] == "first" else bad_line[0], bad_line[1])]
    with pytest.raises(InvalidEntry) as caught:
        service.record_sign_in_sheet(activity_id, lines)
    assert list(caught.value.errors) == [3]
    assert service.participants(activity_id) == []
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(HoursEntry)) == 0
        assert session.scalar(select(func.count()).select_from(PointsEntry)) == 0
        assert session.scalar(select(func.count()).select_from(Participation)) == 0


def test_a_team_deleted_since_stays_on_its_activity_but_cannot_be_chosen_anew(database):
    teams = TeamService(database)
    category = CategoryService(database).list(include_inactive=False)[0].id
    team = teams.create(TeamInput(name="星河社区服务队", kind=TeamKind.TEAM, category_id=category))
    service = activity_service(database)
    kept = service.create(draft(team_id=team))
    teams.delete(team)
    service.update(kept, draft(team_id=team, place="红梅社区东门"))
    assert service.get(kept).team_id == team
    with pytest.raises(InvalidActivity) as refused:
        service.create(draft(team_id=team))
    assert set(refused.value.errors) == {"team_id"}
