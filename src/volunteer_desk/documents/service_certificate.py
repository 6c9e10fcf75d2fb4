"""志愿服务记录证明 (民发〔2015〕149号) on A4 portrait: the statement, then the format's four blocks — the
volunteer, the service, the issuing organisation, the certificate's number, date and notes — and room for the
seal. Up to INLINE activities are listed on the certificate itself; a longer list goes on attached pages that
carry the certificate's number, so the certificate stays one page that can be sealed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from volunteer_desk.documents import pdf
from volunteer_desk.documents.roster_sheet import wrap
from volunteer_desk.domain import dates

MM = pdf.MM
MARGIN = 20 * MM
TOP = 22 * MM
BOTTOM = 18 * MM
SIZE = 10.5
LEADING = 1.35
PAD = 1.8 * MM
INLINE = 8
SHADE = (0.93, 0.93, 0.93)
DETAIL_COLUMNS = (("序号", 10), ("日期", 20), ("服务内容", 72), ("地点", 40), ("时长（小时）", 20))


@dataclass(frozen=True)
class ServiceLine:
    held_on: str
    what: str
    place: str
    hours: str


@dataclass(frozen=True)
class CertificateSheet:
    number: str
    name: str
    id_type: str
    id_number: str
    volunteer_number: str
    start: dt.date
    end: dt.date
    hours: str
    content: str
    lines: tuple[ServiceLine, ...]
    issuer: str
    person_in_charge: str
    handler: str
    contact: str
    issued_on: dt.date
    notes: str


def render(sheets: Sequence[CertificateSheet]) -> pdf.Rendered:
    """One certificate (and its attached pages) after another, for a reprint of several at once."""
    title = "志愿服务记录证明"
    canvas, buffer = pdf.new_canvas(pdf.PORTRAIT, title=title)
    for sheet in sheets:
        _Page(canvas).certificate(sheet)
    texts = [t for s in sheets for t in (s.name, s.issuer, s.content, s.notes, *(x.what for x in s.lines))]
    return pdf.finish(canvas, buffer, pdf.unprintable(texts))


class _Page:
    def __init__(self, canvas):
        self.canvas = canvas
        self.font = pdf.font()
        self.width, self.height = pdf.PORTRAIT
        self.inner = self.width - 2 * MARGIN

    def measure(self, text: str, size: float = SIZE) -> float:
        return stringWidth(text, self.font, size)

    def certificate(self, sheet: CertificateSheet) -> None:
        c = self.canvas
        y = self.height - TOP
        c.setFont(self.font, 22)
        c.drawCentredString(self.width / 2, y - 22, "志愿服务记录证明")
        y -= 22 + 8 * MM
        c.setFont(self.font, SIZE)
        c.drawRightString(self.width - MARGIN, y, f"证明编号：{sheet.number}")
        y -= 8 * MM
        identity = f"（{sheet.id_type}：{sheet.id_number}）" if sheet.id_number else ""
        statement = (f"兹证明{sheet.name}同志{identity}于{dates.format_written(sheet.start)}至{dates.format_written(sheet.end)}"
                     f"期间在{sheet.issuer}参加志愿服务，累计服务时长{sheet.hours}小时，"
                     f"共参加志愿服务活动{len(sheet.lines)}次。")
        y = self.paragraph("　　" + statement, y) - 2 * MM
        y = self.paragraph("　　特此证明。", y) - 4 * MM

        inline = len(sheet.lines) <= INLINE
        quarter = (0.18 * self.inner, 0.32 * self.inner)
        pairs = (*quarter, *quarter)
        y = self.section("一、志愿者信息", y)
        y = self.row(y, pairs, ("姓名", sheet.name, "证件类型", sheet.id_type or "—"))
        y = self.row(y, pairs, ("证件号码", sheet.id_number or "—", "志愿者编号", sheet.volunteer_number or "—"))
        y = self.section("二、志愿服务信息", y)
        wide = (quarter[0], self.inner - quarter[0])
        y = self.row(y, wide, ("服务时间", f"{dates.format_written(sheet.start)}至{dates.format_written(sheet.end)}"))
        y = self.row(y, pairs, ("服务时长", f"{sheet.hours}小时", "活动次数", f"{len(sheet.lines)}次"))
        y = self.row(y, wide, ("服务内容", sheet.content or "—"))
        if inline:
            y = self.details(y, sheet.lines, start=1)
        else:
            y = self.row(y, wide, ("活动明细", f"共{len(sheet.lines)}项，见附页《志愿服务活动明细》"))
        y = self.section("三、出具组织信息", y)
        y = self.row(y, wide, ("组织名称", sheet.issuer))
        y = self.row(y, pairs, ("负责人", sheet.person_in_charge, "经办人", sheet.handler))
        y = self.row(y, wide, ("联系方式", sheet.contact))
        y = self.section("四、证明信息", y)
        y = self.row(y, pairs, ("证明编号", sheet.number, "出具日期", dates.format_written(sheet.issued_on)))
        y = self.row(y, wide, ("备注", sheet.notes or "—"))

        # The seal is stamped over the issuer's name and the date, at the lower right.
        c.setFont(self.font, SIZE + 1)
        right = self.width - MARGIN - 8 * MM
        y = min(y - 16 * MM, BOTTOM + 40 * MM)
        c.drawRightString(right, y, f"出具单位（盖章）：{sheet.issuer}")
        c.drawRightString(right, y - 9 * MM, dates.format_written(sheet.issued_on))
        c.showPage()
        if not inline:
            self.attachment(sheet)

    def paragraph(self, text: str, y: float) -> float:
        self.canvas.setFont(self.font, SIZE + 1)
        for line in wrap(text, self.inner, lambda t: self.measure(t, SIZE + 1)):
            y -= (SIZE + 1) * 1.7
            self.canvas.drawString(MARGIN, y, line)
        return y

    def section(self, title: str, top: float) -> float:
        height = SIZE * LEADING + 2 * PAD
        c = self.canvas
        c.setFillColorRGB(*SHADE)
        c.rect(MARGIN, top - height, self.inner, height, stroke=1, fill=1)
        c.setFillColorRGB(0, 0, 0)
        c.setFont(self.font, SIZE + 0.5)
        c.drawString(MARGIN + PAD, top - height + PAD + 0.25 * SIZE, title)
        return top - height

    def row(self, top: float, widths: Sequence[float], texts: Sequence[str], *, centred: bool = False,
            size: float = SIZE) -> float:
        """One ruled row: labels (even cells) centred, values (odd cells) from the left, each wrapped."""
        wrapped = [wrap(t, w - 2 * PAD, lambda s: self.measure(s, size)) for t, w in zip(texts, widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * size * LEADING + 2 * PAD
        c = self.canvas
        c.setFont(self.font, size)
        x = MARGIN
        for i, (lines, width) in enumerate(zip(wrapped, widths, strict=True)):
            c.rect(x, top - height, width, height)
            y = top - (height - len(lines) * size * LEADING) / 2 - size * 1.02
            for line in lines:
                if centred or i % 2 == 0:
                    c.drawCentredString(x + width / 2, y, line)
                else:
                    c.drawString(x + PAD, y, line)
                y -= size * LEADING
            x += width
        return top - height

    def detail_widths(self) -> list[float]:
        total = sum(w for _label, w in DETAIL_COLUMNS)
        return [w / total * self.inner for _label, w in DETAIL_COLUMNS]

    def details(self, top: float, lines: Sequence[ServiceLine], start: int) -> float:
        widths = self.detail_widths()
        top = self.row(top, widths, [label for label, _w in DETAIL_COLUMNS], centred=True, size=SIZE - 1)
        for serial, line in enumerate(lines, start=start):
            top = self.row(top, widths, (str(serial), line.held_on, line.what, line.place, line.hours),
                           centred=True, size=SIZE - 1)
        return top

    def attachment(self, sheet: CertificateSheet) -> None:
        """附页: the whole list, its header on every page, each page naming the certificate it belongs to."""
        c = self.canvas
        widths = self.detail_widths()
        page, next_line = 0, 0
        while next_line < len(sheet.lines):
            page += 1
            y = self.height - TOP
            c.setFont(self.font, 15)
            c.drawCentredString(self.width / 2, y - 15, "志愿服务活动明细（附页）")
            y -= 15 + 7 * MM
            c.setFont(self.font, SIZE - 1)
            c.drawString(MARGIN, y, f"{sheet.name}　服务时间：{dates.format_written(sheet.start)}至{dates.format_written(sheet.end)}")
            c.drawRightString(self.width - MARGIN, y, f"证明编号：{sheet.number}　附页第{page}页")
            y = self.row(y - 3 * MM, widths, [label for label, _w in DETAIL_COLUMNS], centred=True, size=SIZE - 1)
            while next_line < len(sheet.lines):
                line = sheet.lines[next_line]
                texts = (str(next_line + 1), line.held_on, line.what, line.place, line.hours)
                needed = max(len(wrap(t, w - 2 * PAD, lambda s: self.measure(s, SIZE - 1)))
                             for t, w in zip(texts, widths, strict=True)) * (SIZE - 1) * LEADING + 2 * PAD
                if y - needed < BOTTOM:
                    break
                y = self.row(y, widths, texts, centred=True, size=SIZE - 1)
                next_line += 1
            c.showPage()
