"""Importing a branch's own Excel roster: the preview says per cell what is wrong, duplicates are found in the
file and on the roster, the accepted rows go in all together as one batch, and the batch can be undone."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import func, select, text

from tests.services.test_activities import audit_actions, named_operator
from tests.sheet_data import id_number
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.volunteer_import import Duplicates, VolunteerImportService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.storage.schema import ImportBatch, VolunteerRow

ZHANG = id_number("19850603", sequence="011")
LI = id_number("19790214", sequence="022")
WANG = id_number("19621108", sequence="031")
HEADER = ["序号", "姓名", "性别", "出生年月", "入党时间", "文化程度", "身份证号码", "手机号码", "工作单位及职务", "服务意向"]


def roster_file(path, rows):
    """Shaped like the files branches keep: a merged title, a date line, then the header (Excel row 3)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名册"
    sheet.append(["西湖街道机关第一党支部党员志愿者名册"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(["填报时间：2026年3月"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.create_sheet("说明").append(["本表由支部组织委员填写"])
    book.save(path)
    return path


ROWS = [
    [1, "张三", "男", "1985.06", "2008.07", "大学本科", ZHANG, "138 1234 5678", "常州市西林街道办事处 科员", "尊老服务、助残服务"],
    [2, "李四", "女", "1979年2月", "2001-07-01", "大专", LI, "13900001111", "", ""],  # no work unit given
    [3, "赵六", "男", "1990.01", "", "高中", "110105199001011234", "13700002222", "", ""],  # wrong check digit
    None,  # a blank row in the middle
    [5, "张三", "男", "1985.06", "2008.07", "大学本科", ZHANG, "13812345678", "", ""],  # row 4 again
    [6, "王五", "男", "1962.11", "1985.07", "初中", WANG, "13600003333", "", "帮农民工服务"],
]


@pytest.fixture
def service(database):
    named_operator(database)
    return VolunteerImportService(database)


@pytest.fixture
def existing_li(database):
    """李四 is already on the roster, with a work unit the file leaves blank and an older mobile."""
    volunteers = VolunteerService(database)
    raw = volunteers.blank_values() | {"name": "李四", "id_number": LI, "mobile": "13900009999",
                                       "work_unit": "天宁区民政局", "political_status": "member"}
    return volunteers.save(raw)


def _file(tmp_path, rows=ROWS):
    return roster_file(tmp_path / "支部名册.xlsx", [r or [] for r in rows])


def _live(database) -> dict[str, tuple[str, str]]:
    with database.sessions() as session:
        return {name: (mobile, unit) for name, mobile, unit in session.execute(
            select(VolunteerRow.name, VolunteerRow.mobile, VolunteerRow.work_unit).where(
                VolunteerRow.deleted.is_(False)))}


def test_the_preview_numbers_rows_as_excel_does_and_says_what_is_wrong_per_cell(service, tmp_path, existing_li):
    preview = service.preview(_file(tmp_path))
    by_row = {r.row: r for r in preview.rows}
    assert sorted(by_row) == [4, 5, 6, 8, 9]  # header on row 3; the blank row 7 skipped
    zhang = by_row[4]
    assert not zhang.blocked and zhang.raw["mobile"] == "13812345678" and zhang.raw["sex"] == "male"
    assert zhang.raw["work_unit"] == "常州市西林街道办事处" and zhang.raw["position"] == "科员"
    assert zhang.raw["service_intents"] == ["尊老服务", "助残服务"]
    li = by_row[5]
    assert li.same_as == (existing_li, "李四") and li.certain and not li.blocked
    zhao = by_row[6]
    assert zhao.blocked and [p.column for p in zhao.problems if p.blocking] == ["G"]
    assert all(p.message for p in zhao.problems)
    again = by_row[8]
    assert again.blocked and again.same_as_row == 4
    assert preview.blocked == 2 and preview.duplicates == 1


def test_accepted_rows_go_in_as_one_batch_and_duplicates_are_skipped_when_asked(service, database, tmp_path,
                                                                              existing_li):
    preview = service.preview(_file(tmp_path))
    result = service.commit(preview, Duplicates.SKIP)
    assert (result.created, result.updated, result.skipped) == (2, 0, 3)
    assert _live(database) == {"张三": ("13812345678", "常州市西林街道办事处"), "王五": ("13600003333", ""),
                               "李四": ("13900009999", "天宁区民政局")}
    [batch] = service.batches()
    assert (batch.file_name, batch.created, batch.skipped, batch.operator) == ("支部名册.xlsx", 2, 3, "王书记")
    assert ("import", "王书记") in audit_actions(database, "import_batch")


def test_update_fills_in_the_roster_record_but_blank_cells_erase_nothing_and_undo_puts_it_all_back(
        service, database, tmp_path, existing_li):
    before = _live(database)
    result = service.commit(service.preview(_file(tmp_path)), Duplicates.UPDATE)
    assert (result.created, result.updated) == (2, 1)
    assert _live(database)["李四"] == ("13900001111", "天宁区民政局")
    assert VolunteerService(database).raw_values(existing_li)["joined_party_on"] == "2001-07-01"
    service.undo(result.batch_id)
    assert _live(database) == before
    assert VolunteerService(database).raw_values(existing_li)["joined_party_on"] == ""
    with pytest.raises(InvalidEntry):
        service.undo(result.batch_id)
    assert service.batches()[0].undone_at is not None


def test_rows_left_out_by_the_person_stay_out(service, database, tmp_path):
    result = service.commit(service.preview(_file(tmp_path)), Duplicates.SKIP, leave_out={9})
    assert result.created == 2 and set(_live(database)) == {"张三", "李四"}


def test_a_cancelled_import_stores_nothing(service, database, tmp_path):
    preview = service.preview(_file(tmp_path))
    with pytest.raises(Cancelled):
        service.commit(preview, Duplicates.SKIP, progress=lambda done, total: False)
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(VolunteerRow)) == 0
        assert session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_a_mapping_corrected_by_the_person_is_used_again_for_the_same_layout(service, tmp_path):
    from volunteer_desk.spreadsheets import mapping

    preview = service.preview(_file(tmp_path))
    unit_column = next(c for c, target in preview.mapping.columns.items() if target == "work_unit_position")
    corrected = mapping.with_column(preview.mapping, unit_column, None)  # "do not import this column"
    service.remember(corrected)
    again = service.preview(_file(tmp_path))
    assert unit_column not in again.mapping.columns
    assert all(not r.raw.get("work_unit") for r in again.rows)


def test_a_gbk_csv_saved_by_chinese_excel_comes_in(service, database, tmp_path):
    path = tmp_path / "名册.csv"
    lines = [",".join(HEADER[1:8]), f"张三,男,1985.06,2008.07,大学本科,{ZHANG},13812345678"]
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    result = service.commit(service.preview(path), Duplicates.SKIP)
    assert result.created == 1 and "张三" in _live(database)


def test_a_file_that_is_not_a_spreadsheet_is_explained(service, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_bytes(b"this is not a workbook")
    with pytest.raises(InvalidEntry) as caught:
        service.preview(path)
    assert caught.value.errors["file"]


def test_the_template_has_drop_downs_keeps_numbers_as_text_and_comes_back_in_filled(service, database, tmp_path):
    path = tmp_path / "导入模板.xlsx"
    path.write_bytes(service.template())
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = [cell.value for cell in sheet[3]]
    assert header[:5] == ["序号", "姓名", "性别", "出生年月", "身份证号码"] and "政治面貌" in header
    lists = {str(v.sqref).split(":")[0][0]: v.formula1 for v in sheet.data_validations.dataValidation}
    letter = {label: openpyxl.utils.get_column_letter(i + 1) for i, label in enumerate(header)}
    assert "男" in lists[letter["性别"]] and "入党积极分子" in lists[letter["政治面貌"]]
    assert "大学本科" in lists[letter["文化程度"]]
    assert sheet[f"{letter['身份证号码']}4"].number_format == "@" and sheet[f"{letter['手机']}4"].number_format == "@"
    values = {"序号": 1, "姓名": "张三", "性别": "男", "出生年月": "1985.06", "身份证号码": ZHANG,
              "入党时间": "2008.07", "政治面貌": "中共党员", "文化程度": "大学本科", "手机": "13812345678",
              "志愿服务项目": "尊老服务、助残服务"}
    for label, value in values.items():
        sheet[f"{letter[label]}4"] = value
    book.save(path)
    preview = service.preview(path)
    [row] = preview.rows
    assert not row.problems and preview.notes == ()
    assert service.commit(preview, Duplicates.SKIP).created == 1


def _indexes(database) -> list[tuple[str, str]]:
    with database.sessions() as session:
        return session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                    "tbl_name = 'volunteer' ORDER BY name")).all()


def test_an_import_bigger_than_the_roster_leaves_every_index_as_it_was(service, database, tmp_path):
    """More rows than the roster holds go in with the volunteer indexes dropped and built again afterwards."""
    before = _indexes(database)
    assert len(before) > 10
    result = service.commit(service.preview(_file(tmp_path)), Duplicates.SKIP)
    assert result.created == 3
    assert _indexes(database) == before
    with database.sessions() as session:  # the rebuilt unique index is in force
        plan = session.execute(text("EXPLAIN QUERY PLAN SELECT id FROM volunteer WHERE id_number = :n AND "
                                    "deleted = 0 AND id_number IS NOT NULL"), {"n": ZHANG}).all()
    assert "uq_volunteer_live_id_number" in str(plan)


def test_an_import_cancelled_while_writing_keeps_the_indexes_and_stores_nothing(service, database, tmp_path):
    before = _indexes(database)
    preview = service.preview(_file(tmp_path))
    with pytest.raises(Cancelled):  # the first half of the steps makes rows ready; the second writes them
        service.commit(preview, Duplicates.SKIP, progress=lambda done, total: done < total // 2)
    assert _indexes(database) == before
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(VolunteerRow)) == 0


def test_an_import_made_before_0011_is_still_undone_whole(service, database, tmp_path):
    """Before schema 0011 an import wrote a change row per person it added; the upgrade moves them onto the
    volunteers (and a downgrade brings them back), so such an import is undone as one made today."""
    from volunteer_desk.storage import migrate

    before = _live(database)
    result = service.commit(service.preview(_file(tmp_path)), Duplicates.SKIP)
    migrate.downgrade(database.engine, "0010")
    with database.sessions() as session:
        creates = session.scalar(text("SELECT count(*) FROM import_change WHERE action = 'create'"))
    assert creates == result.created == 3
    migrate.upgrade(database.engine)
    with database.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM import_change")) == 0
        assert session.scalar(text("SELECT count(*) FROM volunteer WHERE import_batch_id = :b"),
                              {"b": result.batch_id}) == 3
    service.undo(result.batch_id)
    assert _live(database) == before
