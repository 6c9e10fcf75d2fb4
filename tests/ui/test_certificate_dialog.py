"""Issuing a 志愿服务记录证明 from the roster: what will be certified is shown first, a refusal keeps the dialog
open with what was typed, and the issued certificate opens previewed in the print centre."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from tests.ui.conftest import type_chinese
from tests.ui.test_activities import _volunteer
from volunteer_desk.services.activities import ActivityDraft
from volunteer_desk.domain.enums import ActivityKind


@pytest.fixture
def zhang(window):
    volunteer_id = _volunteer(window, "张三", "13812345670", "011")
    activities = window.services.activities
    for day in (3, 10):
        activity_id = activities.create(ActivityDraft(
            held_on=dt.date.today().replace(day=1) - dt.timedelta(days=day), starts_at=dt.time(9), ends_at=dt.time(12),
            place="红梅社区", content="为空巢老人理发", beneficiaries="", outcome="", kind=ActivityKind.COLLECTIVE,
            leader="", recorder=""))
        activities.add_participants(activity_id, [volunteer_id])
    return volunteer_id


def _open(window, zhang):
    dialog = window.issue_certificate((zhang, "张三"))
    dialog.start.setDate(QDate(dt.date.today().year - 1, 1, 1))
    return dialog


def test_the_dialog_shows_what_will_be_certified_and_a_refusal_keeps_what_was_typed(qtbot, window, zhang):
    dialog = _open(window, zhang)
    assert "2" in dialog.record.text() and "6" in dialog.record.text()  # 2 activities, 6 hours
    type_chinese(dialog.person_in_charge, "李书记")
    dialog.handler.clear()
    dialog.issue()
    assert dialog.isVisible() and dialog.errors["handler"].isVisible() and dialog.errors["contact"].isVisible()
    assert dialog.person_in_charge.text() == "李书记"
    assert window.services.certificates.register() == []


def test_an_issued_certificate_is_registered_and_previewed_in_the_print_centre(qtbot, window, zhang):
    dialog = _open(window, zhang)
    type_chinese(dialog.person_in_charge, "李书记")
    type_chinese(dialog.handler, "王干事")
    dialog.contact.setText("0519-86001234")
    dialog.issue()
    assert not dialog.isVisible()
    [issued] = window.services.certificates.register()
    centre = window.print_centre
    assert window.pages.currentWidget() is centre
    assert centre.current_kind().key == "service_record"
    assert centre.form.fields["certificate"].text() == issued.number
    qtbot.waitUntil(lambda: len(centre.pages.page_labels()) == 1, timeout=5000)
    # The next certificate offers the same signatories.
    again = _open(window, zhang)
    assert (again.person_in_charge.text(), again.handler.text()) == ("李书记", "王干事")
