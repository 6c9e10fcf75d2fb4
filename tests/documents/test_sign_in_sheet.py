"""The sign-in sheet drawn from plain data, read back from the PDF: particulars, signers in the order given,
blank numbered rows after them, the header and signature line on every page, portrait A4, the font embedded."""

from __future__ import annotations

import re

from tests.documents import pdf_tools
from volunteer_desk.documents import sign_in_sheet

ACTIVITY = sign_in_sheet.SignInActivity(
    title="为空巢老人理发签到表", date="2026年11月18日（星期三）", time="", place="红梅社区服务站",
    content="为空巢老人理发、测量血压", organiser="红梅助老服务队")
SERIAL = re.compile(r"^\s*(\d+)\b", re.MULTILINE)


def _signers(count: int) -> list[sign_in_sheet.Signer]:
    return [sign_in_sheet.Signer(f"志愿者{n}", "西湖街道机关第一党支部", f"139****{n:04d}") for n in range(1, count + 1)]


def test_signers_in_order_then_blank_rows_on_one_page(tmp_path):
    rendered = sign_in_sheet.render(ACTIVITY, _signers(3), blank_rows=7)
    path = pdf_tools.write(tmp_path, rendered.pdf)
    layout = pdf_tools.text(path, layout=True)
    assert [int(n) for n in SERIAL.findall(layout)] == list(range(1, 11))
    assert layout.index("志愿者1") < layout.index("志愿者2") < layout.index("志愿者3")
    text = pdf_tools.text(path).replace(" ", "")
    for label in ("为空巢老人理发签到表", "活动日期：2026年11月18日（星期三）", "红梅社区服务站", "组织单位：红梅助老服务队",
                  "序号", "姓名", "所在支部", "联系电话", "签到时间", "签退时间", "服务时长", "本人签名",
                  "负责人签字", "记录人", "第1页共1页"):
        assert label in text, label
    assert rendered.pages == pdf_tools.pages(path) == 1 and pdf_tools.page_size_mm(path) == (210, 297)


def test_a_long_list_repeats_the_header_and_signature_line_on_every_page(tmp_path):
    rendered = sign_in_sheet.render(ACTIVITY, _signers(60), blank_rows=20)
    path = pdf_tools.write(tmp_path, rendered.pdf)
    pages = pdf_tools.page_texts(path)
    assert rendered.pages == len(pages) == 4  # 22 rows on the first page, 25 on the others
    for number, page in enumerate(pages, start=1):
        flat = page.replace(" ", "")
        assert "本人签名" in flat and "负责人签字" in flat and f"第{number}页共4页" in flat
    assert "（续）" in pages[1] and "（续）" not in pages[0]
    assert [int(n) for n in SERIAL.findall(pdf_tools.text(path, layout=True))] == list(range(1, 81))
    fonts = pdf_tools.fonts(path)
    assert fonts and all(embedded and subset and "Helvetica" not in name for name, embedded, subset in fonts)


def test_no_blank_rows_and_characters_the_font_lacks_are_flagged():
    rendered = sign_in_sheet.render(ACTIVITY, [sign_in_sheet.Signer("王\U000300001", "支部", "")], blank_rows=0)
    assert rendered.pages == 1 and len(rendered.warnings) == 1 and "王" in rendered.warnings[0]
