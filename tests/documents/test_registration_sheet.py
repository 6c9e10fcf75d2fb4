"""Sheet A printed from forms/registration.toml, read back from the PDF: blank copies and a filled sheet."""

from __future__ import annotations

import io
import time

import pytest
from PIL import Image

from tests.documents import pdf_tools
from tests.sheet_data import id_number, registration
from volunteer_desk.documents import registration_sheet
from volunteer_desk.formspec import load
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import PrintService
from volunteer_desk.services.printing import registration as family
from volunteer_desk.services.volunteers import VolunteerService

LABELS = ["姓名", "性别", "特长", "照", "出生年月", "身高", "学历", "所在城区", "邮编", "专业", "身份证号码", "手机",
          "电子邮件", "电话", "工作单位", "职务", "家庭地址", "QQ", "交通补贴", "服务意向", "职业类型",
          "可参加志愿服务时间", "志愿服务经历", "本人承诺", "签名："]


@pytest.fixture
def printing(database, monkeypatch) -> PrintService:
    return PrintService(database)


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (250, 350), (200, 40, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def _in_order(text: str, parts: list[str]) -> None:
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} missing or out of order after position {at}"
        at = found + len(part)


def _flat(path) -> str:
    """The text row by row (layout mode), without the spaces pdftotext puts between hanzi."""
    return "".join(pdf_tools.text(path, layout=True).split())


def test_blank_copies_print_every_label_in_the_papers_order_on_one_page_each(printing, tmp_path):
    rendered = printing.render("registration", {"copies": 3})
    path = pdf_tools.write(tmp_path, rendered.pdf)
    assert rendered.pages == pdf_tools.pages(path) == 3
    assert pdf_tools.page_size_mm(path) == (210, 297)
    for page in pdf_tools.text(path, layout=True).split("\f")[:-1]:
        flat = "".join(page.split())
        # A label wrapped in its cell (可参加志愿服|务时间) is read by its first line.
        _in_order(flat, ["党员志愿者登记表", *(label[:5] for label in LABELS)])
        assert "☑" not in flat and flat.count("☐") == 16  # 3 + 4 + 6 + 3 boxes, none ticked
    used = pdf_tools.fonts(path)
    assert used and all("WenQuanYi" in name and embedded for name, embedded, _subset in used)


def test_a_filled_sheet_prints_the_values_in_full_with_the_chosen_options_ticked(printing, database, tmp_path):
    volunteers = VolunteerService(database)
    home = volunteers.blank_values()["organisation_id"]
    number = id_number("19850603", sequence="123")
    vid = volunteers.save(registration(organisation_id=home, photo=_jpeg(), id_number=number))
    started = time.perf_counter()
    rendered = printing.render("registration", {"volunteer": vid})
    elapsed = time.perf_counter() - started
    path = pdf_tools.write(tmp_path, rendered.pdf)
    flat = _flat(path)
    _in_order(flat, ["姓名", "张三", "性别", "男", "特长", "书法", "出生年月", "1985.06", "身高", "172cm", "学历",
                     "大学本科", "身份证号码", number, "手机", "13812345678", "电子邮件", "zhangsan@example.com",
                     "交通补贴", "手机充值☐", "自行领取☑", "爱心募捐☐", "服务意向", "尊老服务☑", "爱幼志愿服务☐",
                     "助残服务☑", "职业类型", "机关党员干部☑", "社区党员☐", "双休日☑", "节假日☑", "随时可以☐",
                     "其他时间", "工作日晚上", "2019年起参加社区敬老志愿服务", "2021年参加疫情防控值守",
                     "以上填写内容全部属实", "签名：2024年3月5日"])
    assert "照" not in flat  # the photo replaces the box's 照片 placeholder
    assert rendered.pages == 1 and not rendered.warnings
    assert elapsed < 1.0  # the target is 300 ms; generous here for slow test machines


def test_long_values_shrink_to_fit_their_cell(printing, database, tmp_path):
    volunteers = VolunteerService(database)
    home = volunteers.blank_values()["organisation_id"]
    address = "江苏省常州市天宁区红梅街道红梅西路东方花园小区二十八幢三单元一千零八号"
    vid = volunteers.save(registration(organisation_id=home, home_address=address))
    path = pdf_tools.write(tmp_path, printing.render("registration", {"volunteer": vid}).pdf)
    assert address in "".join(pdf_tools.text(path).split())  # wrapped within its cell, nothing cut


def test_the_sheet_follows_the_description(tmp_path):
    spec = load("registration")
    first = spec.rows[0]
    renamed = type(spec)(**{**spec.__dict__, "title": "志愿者登记表（试行）",
                            "rows": (type(first)(cells=(type(first.cells[0])(label="真实姓名"), *first.cells[1:])),
                                     *spec.rows[1:])})
    path = pdf_tools.write(tmp_path, registration_sheet.render(renamed, [{}]).pdf)
    _in_order(_flat(path), ["志愿者登记表（试行）", "真实姓名", "性别"])


def test_a_volunteer_who_is_gone_is_named_as_the_problem(printing):
    with pytest.raises(InvalidEntry) as raised:
        printing.render("registration", {"volunteer": "no-such-id"})
    assert "volunteer" in raised.value.errors


def test_the_catalogue_offers_blank_copies_up_to_200():
    [kind] = family.KINDS
    copies = {o.key: o for o in kind.options}["copies"]
    assert kind.key == "registration" and (copies.minimum, copies.maximum, copies.default) == (1, 200, 1)
