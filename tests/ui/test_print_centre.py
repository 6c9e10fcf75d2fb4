"""The print centre with a small test document: options, preview pages, save as PDF, print to a PDF printer."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import openpyxl
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from tests.documents import pdf_tools
from tests.ui.conftest import type_chinese
from tests.ui.test_activities import _volunteer
from volunteer_desk.documents import pdf
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.i18n import _
from volunteer_desk.services import printing
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind, PrintService
from volunteer_desk.spreadsheets import xlsx
from volunteer_desk.ui import print_centre
from volunteer_desk.ui.print_centre import PrintCentre


def _build(db, options, progress):
    pagesize = pdf.LANDSCAPE if options["layout"] == "landscape" else pdf.PORTRAIT
    canvas, buffer = pdf.new_canvas(pagesize, title="测试证明", numbered=True)
    for page in range(options["pages"]):
        canvas.setFont(pdf.font(), 14)
        top = pagesize[1] - 30 * pdf.MM
        canvas.drawString(30 * pdf.MM, top, f"服务证明 {options['volunteer']} 第{page + 1}张")
        canvas.showPage()
    warnings = ["有一位志愿者的名字含生僻字，打印为空白。"] if options["warn"] else []
    return pdf.finish(canvas, buffer, warnings)


KIND = DocumentKind(
    key="test", title="Volunteer", build=_build, description="Name or pinyin initials",
    options=(Option("volunteer", "Volunteer", OptionKind.VOLUNTEER, required=True),
             Option("pages", "Members", OptionKind.INTEGER, default=2, minimum=1, maximum=5),
             Option("layout", "Team kind", OptionKind.CHOICE, default="portrait",
                    choices=(("portrait", "Team"), ("landscape", "Members"))),
             Option("warn", "Comment", OptionKind.FLAG, default=False)))


@pytest.fixture
def centre(qtbot, window, monkeypatch):
    monkeypatch.setattr(printing, "_catalogue", lambda: (KIND,))
    _volunteer(window, "张三", "13812345670", "011")
    services = window.services
    page = PrintCentre(PrintService(services.database), services.activities, services.activity_list, services.teams)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def _choose_zhang_san(page):
    type_chinese(page.form.fields["volunteer"].search, "张三")
    assert page.form.fields["volunteer"].matches.currentText().startswith("张三")


def test_preview_shows_each_page_in_its_orientation_with_the_warnings(qtbot, centre):
    _choose_zhang_san(centre)
    centre.form.fields["pages"].setValue(3)
    layout = centre.form.fields["layout"]
    layout.setCurrentIndex(layout.findData("landscape"))
    centre.form.fields["warn"].setChecked(True)
    centre.preview()
    qtbot.waitUntil(lambda: len(centre.pages.page_labels()) == 3, timeout=5000)
    for label in centre.pages.page_labels():
        size = label.size()
        assert size.width() / size.height() == pytest.approx(297 / 210, rel=0.01)
    assert "生僻字" in centre.warnings.text() and centre.warnings.isVisible()
    width = centre.pages.page_labels()[0].pixmap().width()
    centre.pages.zoom_in()
    assert centre.pages.page_labels()[0].pixmap().width() > width


def test_only_the_pages_in_view_are_drawn_and_the_others_as_they_scroll_into_view(qtbot, centre):
    _choose_zhang_san(centre)
    centre.form.fields["pages"].setValue(5)
    centre.preview()
    qtbot.waitUntil(lambda: len(centre.pages.page_labels()) == 5, timeout=5000)
    labels = centre.pages.page_labels()
    assert not labels[0].pixmap().isNull() and labels[-1].pixmap().isNull()
    bar = centre.pages.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)  # laid out (slow under load)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: not labels[-1].pixmap().isNull(), timeout=5000)
    assert labels[-1].pixmap().size() == labels[-1].size()


def test_a_missing_volunteer_is_explained_beside_the_option(qtbot, centre):
    centre.preview()
    error = centre.form.errors["volunteer"]
    qtbot.waitUntil(error.isVisible, timeout=5000)
    assert _("Volunteer") in error.text()
    assert centre.pages.page_labels() == []


def test_save_as_pdf_writes_the_document(qtbot, centre, tmp_path, monkeypatch):
    _choose_zhang_san(centre)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "证明"), ""))
    centre.save_pdf()
    target = tmp_path / "证明.pdf"
    qtbot.waitUntil(lambda: str(target) in centre.status.text(), timeout=5000)
    assert pdf_tools.pages(target) == 2
    assert "服务证明" in pdf_tools.text(target)


def test_print_paints_every_page_on_a4_in_the_documents_orientation(qtbot, centre, tmp_path, monkeypatch):
    output = tmp_path / "printed.pdf"

    class PrintToFile:  # stands in for the system print dialog: the person chooses a PDF "printer"
        def __init__(self, printer: QPrinter, parent):
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(output))

        def exec(self):
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(print_centre, "QPrintDialog", PrintToFile)
    _choose_zhang_san(centre)
    layout = centre.form.fields["layout"]
    layout.setCurrentIndex(layout.findData("landscape"))
    centre.print_document()
    qtbot.waitUntil(lambda: output.exists() and output.stat().st_size > 0, timeout=5000)
    assert pdf_tools.pages(output) == 2
    assert pdf_tools.page_size_mm(output) == (297, 210)


def test_every_kind_of_option_reads_back_as_its_value(qtbot, window, monkeypatch):
    today = dt.date(2026, 11, 23)
    kind = DocumentKind(key="all", title="Volunteer", build=_build, options=(
        Option("team", "Team", OptionKind.TEAM), Option("activity", "Comment", OptionKind.ACTIVITY),
        Option("quarter", "Team", OptionKind.QUARTER, default=Quarter(2026, 3)),
        Option("year", "Team", OptionKind.YEAR), Option("day", "Team", OptionKind.DATE),
        Option("note", "Comment", OptionKind.TEXT, default="备注"), Option("flag", "Comment", OptionKind.FLAG)))
    monkeypatch.setattr(printing, "_catalogue", lambda: (kind,))
    services = window.services
    page = PrintCentre(PrintService(services.database), services.activities, services.activity_list, services.teams,
                       today=lambda: today)
    qtbot.addWidget(page)
    assert page.form.values() == {"team": None, "activity": None, "quarter": Quarter(2026, 3), "year": 2026,
                                  "day": today, "note": "备注", "flag": False}
    quarters = page.form.fields["quarter"]
    assert [quarters.itemData(i) for i in range(2)] == [Quarter(2026, 4), Quarter(2026, 3)]


def _excel(db, options, progress):
    return xlsx.write([xlsx.PaperList(title="测试名册", columns=[xlsx.Column("姓名", 10)],
                                      rows=[[options["volunteer"]]])])


def test_export_to_excel_writes_the_workbook_and_is_offered_only_where_there_is_one(qtbot, centre, tmp_path,
                                                                                    monkeypatch):
    monkeypatch.setattr(printing, "_catalogue", lambda: (KIND, replace(KIND, key="listed", excel=_excel)))
    centre.refresh()
    centre.choose("test")
    assert not centre.excel_button.isEnabled() and centre.save_button.isEnabled()
    centre.choose("listed")
    assert centre.excel_button.isEnabled()
    _choose_zhang_san(centre)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "名册"), ""))
    centre.excel_button.click()
    target = tmp_path / "名册.xlsx"
    qtbot.waitUntil(lambda: str(target) in centre.status.text(), timeout=5000)
    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == "测试名册" and sheet["A3"].value == centre.form.fields["volunteer"].value()
    assert centre.excel_button.isEnabled()  # enabled again once written


def test_export_to_excel_without_a_volunteer_explains_it_beside_the_option(qtbot, centre, tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "_catalogue", lambda: (replace(KIND, excel=_excel),))
    centre.refresh()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "名册.xlsx"), ""))
    centre.save_excel()
    qtbot.waitUntil(centre.form.errors["volunteer"].isVisible, timeout=5000)
    assert not (tmp_path / "名册.xlsx").exists()


def test_the_winners_of_a_commendation_are_typed_one_per_line(qtbot, window):
    centre = window.print_centre
    window.navigation.setCurrentRow(window.pages.indexOf(centre))
    centre.choose("honours")
    centre.form.fields["winners"].setPlainText("张三\n李四\n王五")
    centre.preview()
    qtbot.waitUntil(lambda: len(centre.pages.page_labels()) == 3, timeout=5000)
