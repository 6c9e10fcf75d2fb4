"""每季一评议: the quarter's ranking computed off the UI thread, and the branch's comment per person."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QInputDialog

from tests.ui.test_activities import _volunteer
from volunteer_desk.services.activities import ActivityDraft


def test_ranking_and_comment(qtbot, window, monkeypatch):
    first = _volunteer(window, "张三", "13812345670", "011")
    _volunteer(window, "李四", "13812345671", "013")
    activities = window.services.activities
    activity = activities.create(ActivityDraft(held_on=dt.date.today(), starts_at=dt.time(9), ends_at=dt.time(11),
                                               place="星河社区", content="清理楼道"))
    activities.add_participants(activity, [first])

    page = window.review_page
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10000)
    assert page.model.index(0, 1).data() == "张三" and page.model.index(0, 0).data() == "1"
    assert page.model.index(0, 2).data() == "2"
    assert "1" in page.figures.text()

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("积极参加，表现突出", True))
    page.view.activated.emit(page.model.index(0, 1))
    qtbot.waitUntil(lambda: page.model.index(0, 6).data() == "积极参加，表现突出", timeout=10000)
    quarter = page.selected_quarter()
    assert window.services.reports.comment(first, quarter) == "积极参加，表现突出"
