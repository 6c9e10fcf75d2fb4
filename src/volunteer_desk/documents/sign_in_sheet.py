"""The printed 签到表 of one activity: portrait A4, the activity's particulars at the top, one ruled row per
participant already on the list and then blank rows for walk-ins, the header row again on every page, a
line for 负责人签字 and 记录人 at the foot of every page (pages get separated), "第 X 页 共 Y 页".

Rows are tall enough (9.5 mm) to sign by hand; a cell too long for two lines makes its row grow rather
than lose text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from volunteer_desk.documents import pdf
from volunteer_desk.documents.roster_sheet import wrap

MM = pdf.MM
MARGIN = 15 * MM
TOP = 14 * MM
FOOT = 24 * MM  # the signature line at 15 mm, the page number at 8 mm
ROW = 9.5 * MM
TITLE_SIZE = 18
INFO_SIZE = 10.5
HEADER_SIZE = 10
BODY_SIZE = 9
LEADING = 1.25
PAD = 1.2 * MM
# 序号, 姓名, 所在支部, 联系电话, 签到时间, 签退时间, 服务时长, 本人签名 (mm; 180 = the page less margins)
COLUMNS = (("序号", 11), ("姓名", 22), ("所在支部", 38), ("联系电话", 27), ("签到时间", 18), ("签退时间", 18),
           ("服务时长", 18), ("本人签名", 28))


@dataclass(frozen=True)
class SignInActivity:
    title: str  # the whole title, 签到表 included
    date: str  # 2026年3月10日（星期二）
    time: str  # 09:00—11:00, or "" to fill in by hand
    place: str
    content: str
    organiser: str  # team and station, or ""


@dataclass(frozen=True)
class Signer:
    name: str
    branch: str
    phone: str  # as it is to be printed: masked unless the full number was chosen


def render(activity: SignInActivity, signers: Sequence[Signer], blank_rows: int,
           progress: Callable[[int, int], object] | None = None) -> pdf.Rendered:
    """Signers in the order given, numbered from 1, then `blank_rows` numbered rows left empty."""
    font = pdf.font()
    page_width, page_height = pdf.PORTRAIT
    right = page_width - MARGIN
    widths = [w * MM for _label, w in COLUMNS]
    lefts = [MARGIN + sum(widths[:i]) for i in range(len(widths))]
    canvas, buffer = pdf.new_canvas(pdf.PORTRAIT, title=activity.title, numbered=True)
    canvas.setLineWidth(0.6)

    def measure_at(size: float) -> Callable[[str], float]:
        return lambda text: stringWidth(text, font, size)

    def cells(texts: Sequence[str], size: float) -> tuple[list[list[str]], float]:
        measure = measure_at(size)
        wrapped = [wrap(t, w - 2 * PAD, measure) if t else [] for t, w in zip(texts, widths, strict=True)]
        needed = max(len(lines) for lines in wrapped) * size * LEADING + 2 * PAD
        return wrapped, max(ROW, needed)

    def draw_row(wrapped: list[list[str]], height: float, top: float, size: float) -> None:
        measure = measure_at(size)
        canvas.setFont(font, size)
        for lines, left, width in zip(wrapped, lefts, widths, strict=True):
            y = top - (height - len(lines) * size * LEADING) / 2 - size * 1.02
            for line in lines:
                canvas.drawString(left + (width - measure(line)) / 2, y, line)
                y -= size * LEADING
        canvas.line(MARGIN, top - height, right, top - height)

    def info_lines(top: float) -> float:
        """The activity's particulars under the title, wrapped to the page; returns the y below them."""
        measure = measure_at(INFO_SIZE)
        canvas.setFont(font, INFO_SIZE)
        half = (right - MARGIN) / 2
        y = top - INFO_SIZE
        canvas.drawString(MARGIN, y, f"活动日期：{activity.date}")
        canvas.drawString(MARGIN + half, y, f"活动时间：{activity.time or '______ 至 ______'}")
        rows = [("活动地点：", activity.place)]
        if activity.organiser:
            rows.append(("组织单位：", activity.organiser))
        rows.append(("活动内容：", activity.content))
        for label, value in rows:
            indent = measure(label)
            y -= INFO_SIZE * 1.6
            canvas.drawString(MARGIN, y, label)
            lines = wrap(" ".join(value.split()), right - MARGIN - indent, measure)
            for number, line in enumerate(lines):
                if number:
                    y -= INFO_SIZE * LEADING
                canvas.drawString(MARGIN + indent, y, line)
        return y - 4 * MM

    def start_page(first: bool) -> float:
        top = page_height - TOP
        if first:
            measure = measure_at(TITLE_SIZE)
            y = top
            for line in wrap(activity.title, right - MARGIN, measure):
                y -= TITLE_SIZE * 1.3
                canvas.setFont(font, TITLE_SIZE)
                canvas.drawCentredString(page_width / 2, y + TITLE_SIZE * 0.3, line)
            return info_lines(y - 4 * MM)
        canvas.setFont(font, INFO_SIZE)
        canvas.drawString(MARGIN, top - INFO_SIZE, f"{activity.title}（续）")
        return top - INFO_SIZE - 4 * MM

    def close_page(table_top: float, bottom: float) -> None:
        for x in [*lefts, right]:
            canvas.line(x, table_top, x, bottom)
        canvas.line(MARGIN, table_top, right, table_top)
        canvas.setFont(font, INFO_SIZE)
        canvas.drawString(MARGIN, 15 * MM, "负责人签字：")
        canvas.drawString(MARGIN + 95 * MM, 15 * MM, "记录人：")
        canvas.line(MARGIN + 23 * MM, 14 * MM, MARGIN + 75 * MM, 14 * MM)
        canvas.line(MARGIN + 110 * MM, 14 * MM, right, 14 * MM)
        canvas.showPage()

    header, header_height = cells([label for label, _w in COLUMNS], HEADER_SIZE)
    rows = [[str(n), s.name, s.branch, s.phone, "", "", "", ""] for n, s in enumerate(signers, start=1)]
    rows += [[str(n), "", "", "", "", "", "", ""] for n in range(len(rows) + 1, len(rows) + blank_rows + 1)]
    table_top = start_page(first=True)
    draw_row(header, header_height, table_top, HEADER_SIZE)
    y = table_top - header_height
    for done, texts in enumerate(rows):
        wrapped, height = cells(texts, BODY_SIZE)
        if y - height < FOOT:
            close_page(table_top, y)
            if progress:
                progress(done, len(rows))
            table_top = start_page(first=False)
            draw_row(header, header_height, table_top, HEADER_SIZE)
            y = table_top - header_height
        draw_row(wrapped, height, y, BODY_SIZE)
        y -= height
    close_page(table_top, y)
    texts = [activity.title, activity.place, activity.content, activity.organiser]
    texts += [t for s in signers for t in (s.name, s.branch)]
    return pdf.finish(canvas, buffer, pdf.unprintable(texts))
