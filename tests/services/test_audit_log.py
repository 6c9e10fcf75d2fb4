"""操作日志: changes made through the real services are listed newest first in Chinese, with the volunteer's
name and never a number, filtered by date, kind and text, and exported to Excel."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from sqlalchemy import update

from tests.services.test_activities import OPERATOR, make_volunteer, named_operator
from tests.services.test_certificates import request, served
from volunteer_desk.i18n import _
from volunteer_desk.services.audit_log import AuditLogService
from volunteer_desk.services.certificates import CertificateService
from volunteer_desk.services.printing import PrintService
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage.schema import AuditEntry

NUMBERS = re.compile(r"\d{11}")  # an 18-character ID number or an 11-digit mobile both hold 11 digits in a row


@pytest.fixture
def history(database):
    """张三 registered, deleted and restored, certified, and the roster printed with full numbers; 李四 added."""
    named_operator(database)
    zhang = make_volunteer(database, "张三", mobile="13812345678")
    volunteers = VolunteerService(database)
    volunteers.delete(zhang)
    volunteers.restore(zhang)
    served(database, zhang, [2])
    CertificateService(database, today=lambda: dt.date(2026, 3, 20)).issue(request(zhang))
    PrintService(database).document("roster").excel(database, {"order": "pinyin", "full_numbers": True}, None)
    make_volunteer(database, "李四", mobile="13900001111")
    return zhang


@pytest.fixture
def log(database) -> AuditLogService:
    return AuditLogService(database)


def test_changes_are_listed_newest_first_in_chinese_with_the_volunteers_name(log, history):
    lines = log.entries()
    about_people = [(line.action_text, line.name) for line in lines if line.entity == "volunteer"]
    assert about_people == [(_("Added"), "李四"), (_("Restored"), "张三"), (_("Deleted"), "张三"),
                            (_("Added"), "张三")]
    assert [line.when for line in lines] == sorted((line.when for line in lines), reverse=True)
    assert {line.operator for line in lines} == {OPERATOR}
    certificate = next(line for line in lines if line.entity == "service_certificate")
    assert certificate.action_text == _("Issued") and certificate.entity_text == _("Service certificate")
    assert "张三" in certificate.details
    printed = next(line for line in lines if line.action == "print_full")
    assert printed.action_text == _("Printed with full numbers") and printed.entity_text == _("Printed document")
    assert lines[0].details == "李四"
    hours = [line.details for line in lines if line.entity == "participation"]
    assert hours and all(text.startswith("张三 · 2026-03-02 为空巢老人理发") for text in hours)
    points = next(line for line in lines if line.entity == "points_entry")
    assert points.details.startswith("张三 · 2026-03-02")
    assert points.summary == _("{points} points ({date})").format(points="+2", date="2026-03-02")
    assert not [line for line in lines if re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", line.details)]  # no row ids


def test_no_line_carries_an_id_number_or_a_mobile(log, history):
    lines = log.entries()
    assert lines and not [line for line in lines if NUMBERS.search(line.details + line.summary)]


def test_filters_by_kind_text_and_dates(log, history, database):
    assert {line.entity for line in log.entries(entity="volunteer")} == {"volunteer"}
    assert {line.name for line in log.entries(search="李四")} == {"李四"}
    assert {line.action for line in log.entries(search=_("Deleted"))} == {"delete"}  # the Chinese word finds it
    assert log.entries(search=OPERATOR) == log.entries()
    assert log.entries(search="王五") == []
    today = dt.date.today()
    around_today = log.entries(start=today - dt.timedelta(days=1), end=today + dt.timedelta(days=1))
    assert len(around_today) == len(log.entries())
    assert log.entries(start=today + dt.timedelta(days=2)) == []
    with database.sessions.begin() as session:  # one entry from 40 days ago
        first = session.query(AuditEntry).order_by(AuditEntry.created_at).first()
        backdated = first.created_at - dt.timedelta(days=40)
        session.execute(update(AuditEntry).where(AuditEntry.id == first.id).values(created_at=backdated))
    recent = log.entries(start=today - dt.timedelta(days=30), end=today)
    assert len(recent) == len(log.entries()) - 1
    older = log.entries(end=today - dt.timedelta(days=30))
    assert [line.when for line in older] == [backdated]


def test_the_excel_export_holds_the_filtered_lines_in_chinese(log, history):
    data = log.excel(entity="volunteer")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert cells[0][0] == _("Audit log")
    header = next(i for i, row in enumerate(cells) if row[0] == _("Time"))
    assert list(cells[header][:5]) == [_("Time"), _("Operator"), _("Action"), _("Record"), _("Details")]
    body = [row[:5] for row in cells[header + 1:] if row[0]]
    assert [(row[2], row[4]) for row in body] == [(_("Added"), "李四"), (_("Restored"), "张三"),
                                                   (_("Deleted"), "张三"), (_("Added"), "张三")]
    assert all(row[1] == OPERATOR and row[3] == _("Volunteer") and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row[0])
               for row in body)
    everything = openpyxl.load_workbook(io.BytesIO(log.excel())).active
    assert not [v for row in everything.iter_rows(values_only=True) for v in row if NUMBERS.search(str(v or ""))]


def test_showing_one_records_numbers_is_audited_without_the_numbers(log, history, database):
    id_number, mobile, _phone = VolunteerService(database).reveal(history)
    assert len(id_number) == 18 and mobile == "13812345678"
    newest = log.entries()[0]
    assert (newest.action, newest.entity, newest.entity_id, newest.operator) == ("reveal", "volunteer", history,
                                                                                 OPERATOR)
    assert newest.action_text == _("Full numbers shown") and newest.details == "张三"
    assert id_number not in newest.summary and mobile not in newest.summary


def test_a_stray_number_in_a_summary_is_masked_on_the_way_out(log, database):
    with database.sessions.begin() as session:
        session.add(AuditEntry(operator="王书记", action="update", entity="setting", entity_id=None,
                               summary="contact: 13812345678, 110105198506031234"))
    summary = log.entries()[0].summary
    assert summary == "contact: 138****5678, **************1234"


def test_an_export_stops_when_asked(log, database):
    with database.sessions.begin() as session:  # xlsx asks about progress every 1,000 rows
        session.add_all([AuditEntry(operator="王书记", action="update", entity="setting", entity_id=None,
                                    summary=f"第{i}项") for i in range(1200)])
    told = []
    with pytest.raises(Cancelled):
        log.excel(limit=5000, progress=lambda done, total: told.append((done, total)) and False)
    assert told == [(1000, 1200)]
