"""荣誉证书: one page per winner in order, three designs that differ, the Chinese date, long texts kept whole."""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image

from tests.documents import pdf_tools
from volunteer_desk.documents import honour_certificate
from volunteer_desk.documents.honour_certificate import Certificate, chinese_date

CITATION = "在2026年度党员志愿服务工作中表现突出，被评为“优秀党员志愿者”。特发此证，以资鼓励。"


def certificate(name: str, issuer: str = "中共西湖街道机关第一党支部") -> Certificate:
    return Certificate(name=name, salutation="同志：", citation=CITATION, issuer=issuer, date="二〇二六年十二月")


@pytest.mark.parametrize(("date", "text"), [
    (dt.date(2026, 12, 1), "二〇二六年十二月"), (dt.date(2030, 1, 9), "二〇三〇年一月"),
    (dt.date(2019, 10, 9), "二〇一九年十月"), (dt.date(2027, 11, 30), "二〇二七年十一月")])
def test_the_date_is_written_in_chinese(date, text):
    assert chinese_date(date) == text


def test_one_page_per_winner_in_order_with_every_text(tmp_path):
    names = ["张三", "欧阳明月", "李四"]
    rendered = honour_certificate.render("red_gold", [certificate(n) for n in names])
    path = pdf_tools.write(tmp_path, rendered.pdf)
    assert rendered.pages == pdf_tools.pages(path) == 3
    assert pdf_tools.page_size_mm(path) == (297, 210)
    pages = [page.replace(" ", "").replace("\n", "") for page in pdf_tools.page_texts(path)]
    for name, page in zip(names, pages, strict=True):
        assert page.index("荣誉证书") < page.index(name + "同志：") < page.index(CITATION)
        assert page.index(CITATION) < page.index("中共西湖街道机关第一党支部") < page.index("二〇二六年十二月")
    assert all(embedded for _name, embedded, _subset in pdf_tools.fonts(path))
    assert not any("Helvetica" in name for name, _e, _s in pdf_tools.fonts(path))


def test_long_names_and_issuers_shrink_but_stay_whole_on_the_page(tmp_path):
    name = "西湖街道机关第一党支部“银龄先锋”党员志愿服务大队第一支队社区关爱服务小分队"
    issuer = "中共某某省某某市某某区某某街道幸福里社区第一党支部委员会暨志愿服务联合会"
    rendered = honour_certificate.render("gold_frame", [certificate(name, issuer)])
    path = pdf_tools.write(tmp_path, rendered.pdf)
    page = pdf_tools.text(path).replace(" ", "").replace("\n", "")
    assert name + "同志：" in page and issuer in page
    # Nothing crosses the frame: no dark ink in the 17 mm strip outside the inner border on the right.
    image = Image.open(pdf_tools.to_png(path, tmp_path / "long", dpi=40)[0]).convert("RGB")
    margin = round(17 / 25.4 * 40) - 2
    strip = image.crop((image.width - margin, 0, image.width, image.height))
    assert min(sum(pixel) for pixel in _rgb(strip)) > 300  # the gold frame and white paper only


def _rgb(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return [tuple(data[i:i + 3]) for i in range(0, len(data), 3)]


def test_the_three_designs_differ_and_two_are_red(tmp_path):
    pixels = {}
    for design in honour_certificate.DESIGNS:
        path = pdf_tools.write(tmp_path, honour_certificate.render(design, [certificate("张三")]).pdf, f"{design}.pdf")
        png = pdf_tools.to_png(path, tmp_path / design, dpi=30)[0]
        pixels[design] = _rgb(Image.open(png))
    assert len({tuple(p) for p in pixels.values()}) == 3

    def red(design):
        return sum(1 for r, g, b in pixels[design] if r > 150 and g < 80 and b < 80)
    assert red("red_gold") > 4 * red("simple_red") > 0  # the red band against thin red lines
    assert red("gold_frame") > 0  # its red heading
