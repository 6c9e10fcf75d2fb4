"""志愿服务记录证明: issuing numbers them into a register, only this unit's hours are certified, a reprint says
what the original said, and the register prints with ID numbers masked unless chosen."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.documents import pdf_tools
from tests.services.test_activities import activity_service, audit_actions, make_activity, make_volunteer, named_operator
from volunteer_desk.services.certificates import CertificateRequest, CertificateService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import PrintService
from volunteer_desk.storage.schema import Activity, Organisation, ServiceCertificate, VolunteerRow

ISSUED = dt.date(2026, 3, 20)


@pytest.fixture
def service(database) -> CertificateService:
    named_operator(database)
    return CertificateService(database, today=lambda: ISSUED)


def served(database, volunteer_id: str, days: list[int], **changes) -> list[str]:
    """Two-hour activities on those days of March 2026, the volunteer taking part in each."""
    ids = []
    for day in days:
        activity_id = make_activity(database, held_on=dt.date(2026, 3, day), **changes)
        activity_service(database).add_participants(activity_id, [volunteer_id])
        ids.append(activity_id)
    return ids


def request(volunteer_id: str, **changes) -> CertificateRequest:
    values = dict(volunteer_id=volunteer_id, start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 20),
                  person_in_charge="李书记", handler="王干事", contact="0519-86001234")
    values.update(changes)
    return CertificateRequest(**values)


def test_issuing_numbers_certificates_in_order_and_enters_them_in_the_register(service, database):
    zhang = make_volunteer(database, "张三")
    served(database, zhang, [2, 9])
    first = service.issue(request(zhang))
    second = service.issue(request(zhang, notes="本人申请，用于入党积极分子考察"))
    assert (first.number, second.number) == ("320412-001-2026-0001", "320412-001-2026-0002")
    assert first.record.minutes == 240 and len(first.record.lines) == 2
    assert first.issuer == "西湖街道机关第一党支部" and first.issued_on == ISSUED
    assert [c.number for c in service.register(2026)] == [first.number, second.number]
    assert service.register(2025) == []
    assert [action for action, _operator in audit_actions(database, "service_certificate")] == ["issue", "issue"]
    assert service.last_signatories() == ("李书记", "王干事", "0519-86001234")


def test_only_the_hours_this_unit_recorded_in_the_period_are_certified(service, database):
    zhang = make_volunteer(database, "张三")
    mine = served(database, zhang, [2, 9, 16])
    served(database, zhang, [19], content="另一单位的活动")
    with database.sessions.begin() as session:  # an activity that came in another unit's bundle
        other = Organisation(name="红梅社区党支部", code="320412-002", level="branch")
        session.add(other)
        session.flush()
        session.execute(Activity.__table__.update().where(Activity.content == "另一单位的活动")
                        .values(org_id=other.id))
    record = service.record(zhang, dt.date(2026, 3, 5), dt.date(2026, 3, 31))
    assert [line.held_on.day for line in record.lines] == [9, 16]
    assert record.minutes == 240
    assert len(mine) == 3


@pytest.mark.parametrize(("changes", "field"), [
    (dict(handler=" "), "handler"),
    (dict(contact=""), "contact"),
    (dict(start=dt.date(2026, 3, 10), end=dt.date(2026, 3, 1)), "start"),
    (dict(end=dt.date(2026, 3, 21)), "end"),
    (dict(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)), "start"),  # no hours then
])
def test_a_wrong_request_is_explained_and_nothing_is_issued(service, database, changes, field):
    zhang = make_volunteer(database, "张三")
    served(database, zhang, [2])
    with pytest.raises(InvalidEntry) as caught:
        service.issue(request(zhang, **changes))
    assert field in caught.value.errors and caught.value.errors[field]
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(ServiceCertificate)) == 0


def test_the_printed_certificate_has_the_four_blocks_and_the_full_identity(service, database, tmp_path):
    zhang = make_volunteer(database, "张三")
    served(database, zhang, [2, 9])
    with database.sessions.begin() as session:
        row = session.get(VolunteerRow, zhang)
        row.volunteer_number = "32041219850603"
        id_number = row.id_number
    issued = service.issue(request(zhang, notes="用于评优"))
    path = tmp_path / "certificate.pdf"
    PrintService(database).save("service_record", {"certificate": issued.number}, path)
    assert pdf_tools.pages(path) == 1
    text = pdf_tools.text(path, layout=True)  # reading order, row by row
    order = ["志愿服务记录证明", f"证明编号：{issued.number}", "兹证明张三同志", id_number, "累计服务时长4小时",
             "一、志愿者信息", "居民身份证", "32041219850603", "二、志愿服务信息", "为空巢老人理发",
             "三、出具组织信息", "西湖街道机关第一党支部", "李书记", "王干事", "0519-86001234",
             "四、证明信息", "2026年3月20日", "用于评优", "出具单位（盖章）"]
    at = 0
    for part in order:  # each after the one before
        at = text.find(part, at)
        assert at >= 0, part
    assert [(embedded, subset) for _name, embedded, subset in pdf_tools.fonts(path)] == [(True, True)]


def test_a_long_list_goes_on_attached_pages_and_a_reprint_says_what_the_original_said(service, database, tmp_path):
    zhang = make_volunteer(database, "张三")
    activities = served(database, zhang, list(range(1, 21)))
    issued = service.issue(request(zhang))
    activity_service(database).delete(activities[0])  # the records change after the certificate was issued
    path = tmp_path / "certificate.pdf"
    PrintService(database).save("service_record", {"certificate": issued.number}, path)
    pages = pdf_tools.page_texts(path)
    assert len(pages) >= 2
    assert "共20项，见附页" in pages[0] and "累计服务时长40小时" in pages[0]
    attached = "".join(pages[1:])
    assert "志愿服务活动明细（附页）" in attached and issued.number in attached
    assert "2026-03-01" in attached and "2026-03-20" in attached
    assert service.record(zhang, dt.date(2026, 1, 1), ISSUED).minutes == 38 * 60


def test_an_unknown_number_is_explained(service, database):
    with pytest.raises(InvalidEntry) as caught:
        PrintService(database).render("service_record", {"certificate": "2026-9999"})
    assert "2026-9999" in caught.value.errors["certificate"]


def test_the_register_masks_id_numbers_unless_full_numbers_are_chosen_and_audited(service, database, tmp_path):
    zhang, li = make_volunteer(database, "张三"), make_volunteer(database, "李四", "13900001111")
    served(database, zhang, [2])
    served(database, li, [3])
    first, second = service.issue(request(zhang)), service.issue(request(li))
    printing = PrintService(database)
    masked = tmp_path / "register.pdf"
    printing.save("certificate_register", {"year": 2026}, masked)
    text = pdf_tools.text(masked)
    assert text.index(first.number) < text.index("张三") < text.index(second.number) < text.index("李四")
    assert first.record.id_number not in text and "*" * 14 + first.record.id_number[-4:] in text
    assert audit_actions(database, "document") == []
    full = tmp_path / "register-full.pdf"
    printing.save("certificate_register", {"year": 2026, "full_numbers": True}, full)
    assert first.record.id_number in pdf_tools.text(full)
    assert [action for action, _who in audit_actions(database, "document")] == ["print_full"]
    empty = printing.render("certificate_register", {"year": 2025})
    assert any("2025" in warning for warning in empty.warnings)
