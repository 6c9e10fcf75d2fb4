"""The roster model over a real database: Qt's model tester, paging, sorting and masking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from stdnum.cn import ric

from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.ui import roster_model
from volunteer_desk.ui.roster_model import ID_ROLE, RosterModel

NAMES = ["张三", "李四", "王五", "单田芳", "曾小红", "欧阳明", "赵六", "钱七"]


def _id(i: int) -> str:
    body = f"32041219800101{i:03d}"
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def filled(database):
    service = VolunteerService(database)
    for i, name in enumerate(NAMES):
        raw = service.blank_values() | {"name": name, "id_number": _id(i), "political_status": "member",
                                        "mobile": f"1391234{i:04d}"}
        service.save(raw)
    return database


def test_model_passes_qt_model_tester(qtmodeltester, filled):
    model = RosterModel(RosterService(filled))
    qtmodeltester.check(model, force_py=True)
    model.set_search("zs")
    qtmodeltester.check(model, force_py=True)


def test_model_pages_rows_and_masks_numbers(filled, monkeypatch):
    monkeypatch.setattr(roster_model, "PAGE", 3)
    model = RosterModel(RosterService(filled))
    assert model.rowCount() == len(NAMES)
    # Default order is by pinyin with surnames read as surnames: 单 sorts as shan, 曾 as zeng.
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert names == ["李四", "欧阳明", "钱七", "单田芳", "王五", "曾小红", "张三", "赵六"]
    mobile = model.index(0, 9).data()
    assert mobile.startswith("139") and "****" in mobile
    assert model.index(0, 0).data() == "1"
    assert model.index(5, 0).data(ID_ROLE) == model.id_at(5)


def test_sort_by_header_reorders_in_the_database(filled):
    model = RosterModel(RosterService(filled))
    model.sort(9, Qt.SortOrder.DescendingOrder)  # 手机
    mobiles = [model.index(r, 9).data()[-4:] for r in range(model.rowCount())]
    assert mobiles == sorted(mobiles, reverse=True)
    assert model.query.sort == "mobile" and model.query.descending
    model.sort(0)  # 序号 is not sortable: nothing changes
    assert model.query.sort == "mobile"


def test_search_by_id_tail_and_phone(filled):
    model = RosterModel(RosterService(filled))
    model.set_search(_id(3)[-4:])
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["单田芳"]
    model.set_search("12340005")  # the sixth volunteer's mobile 13912340005
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == ["欧阳明"]
    model.set_query(RosterQuery(deleted=True))
    assert model.rowCount() == 0


def test_the_small_list_model_passes_qt_model_tester(qtmodeltester):
    from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel

    model = RowsModel(("Name", "Hours"), lambda row: (row[0], str(row[1])), right_aligned=frozenset({1}))
    model.set_rows([("张三", 2), ("李四", 3)])
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 0).data() == "李四" and model.index(1, 0).data(ROW_ROLE) == ("李四", 3)
