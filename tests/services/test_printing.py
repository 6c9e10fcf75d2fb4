"""The print catalogue: options typed as text, required options, and saving whole or not at all."""

from __future__ import annotations

import pytest

from tests.documents import pdf_tools
from volunteer_desk.documents import pdf
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.services import printing
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import DocumentKind, Option, OptionKind, PrintService


def _build(_database, options, _progress):
    if options["copies"] == 13:
        raise RuntimeError("the printer caught fire")
    canvas, buffer = pdf.new_canvas(title="测试")
    for n in range(options["copies"]):
        canvas.drawString(50, 700, f"{options['who']} 第{n + 1}份 {options['quarter']}")
        canvas.showPage()
    return pdf.finish(canvas, buffer)


SAMPLE = DocumentKind(key="sample", title="Roster", build=_build, options=(
    Option("who", "Name", OptionKind.VOLUNTEER, required=True),
    Option("copies", "Copies", OptionKind.INTEGER, default=1, minimum=1, maximum=20),
    Option("quarter", "Quarter", OptionKind.QUARTER, default=Quarter(2026, 4)),
    Option("masked", "Masked", OptionKind.FLAG, default=True),
    Option("order", "Order", OptionKind.CHOICE, default="pinyin", choices=(("pinyin", "Pinyin"), ("party", "Party"))),
))


@pytest.fixture
def service(database, monkeypatch):
    monkeypatch.setattr(printing, "_catalogue", lambda: (SAMPLE,))
    return PrintService(database)


def test_options_typed_as_text_become_values(service):
    assert service.parse("sample", {"copies": "3", "quarter": "2026Q3", "masked": "no", "order": "party"}) == {
        "copies": 3, "quarter": Quarter(2026, 3), "masked": False, "order": "party"}


def test_each_wrong_option_is_explained(service):
    with pytest.raises(InvalidEntry) as caught:
        service.parse("sample", {"copies": "30", "masked": "maybe", "order": "stroke", "colour": "red"})
    assert set(caught.value.errors) == {"copies", "masked", "order", "colour"}
    assert "1" in caught.value.errors["copies"] and "20" in caught.value.errors["copies"]
    assert "pinyin" in caught.value.errors["order"]


def test_a_required_option_missing_is_explained_before_anything_is_made(service):
    with pytest.raises(InvalidEntry) as caught:
        service.render("sample", {"copies": 2})
    assert set(caught.value.errors) == {"who"}


def test_save_writes_the_whole_pdf_and_a_failure_leaves_the_old_file(service, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "名册.pdf"
    rendered = service.save("sample", {"who": "张三", "copies": 2}, target)
    assert rendered.pages == pdf_tools.pages(target) == 2
    assert f"张三第2份{Quarter(2026, 4)}" in pdf_tools.text(target).replace(" ", "")
    before = target.read_bytes()
    with pytest.raises(RuntimeError):
        service.save("sample", {"who": "张三", "copies": 13}, target)
    assert target.read_bytes() == before and [p.name for p in folder.iterdir()] == ["名册.pdf"]
