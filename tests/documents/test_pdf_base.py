"""The shared PDF machinery: the embedded subset font, page X of Y, unprintable characters flagged."""

from __future__ import annotations

from tests.documents import pdf_tools
from volunteer_desk.documents import pdf


def _three_pages(numbered: bool) -> pdf.Rendered:
    canvas, buffer = pdf.new_canvas(pdf.LANDSCAPE, title="党员志愿者名册", numbered=numbered)
    for n in range(3):
        canvas.setFont(pdf.font(), 14)
        canvas.drawString(20 * pdf.MM, 180 * pdf.MM, f"第{n + 1}页内容：张三、李四")
        canvas.showPage()
    return pdf.finish(canvas, buffer, pdf.unprintable(["张三", "王𬱖"]))


def test_pages_are_numbered_x_of_y_in_chinese_with_the_font_embedded_and_subset(tmp_path):
    rendered = _three_pages(numbered=True)
    path = pdf_tools.write(tmp_path, rendered.pdf)
    assert rendered.pages == pdf_tools.pages(path) == 3
    assert pdf_tools.page_size_mm(path) == (297, 210)
    texts = pdf_tools.page_texts(path)
    assert "第2页内容：张三、李四" in texts[1] and "第2页共3页" in texts[1].replace(" ", "")
    used = pdf_tools.fonts(path)  # reportlab subsets a TrueType font in slices, one PDF font each
    assert used and all("WenQuanYi" in name and embedded and subset for name, embedded, subset in used)


def test_unnumbered_pages_are_counted_and_carry_no_footer(tmp_path):
    rendered = _three_pages(numbered=False)
    path = pdf_tools.write(tmp_path, rendered.pdf)
    assert rendered.pages == pdf_tools.pages(path) == 3
    assert "共 3 页" not in pdf_tools.text(path)


def test_characters_the_font_lacks_are_named_in_a_warning():
    [warning] = pdf.unprintable(["张三", "王𬱖", "王𬱖", ""])
    assert "王𬱖" in warning and "𬱖" in warning
