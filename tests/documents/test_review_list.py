"""The 晾晒榜 drawn from plain lines, read back from the PDF: rows in the given order, the header on every page,
long comments wrapped but whole, the publication foot line, portrait A4 in the embedded font, and an empty
quarter said in words instead of an empty table."""

from __future__ import annotations

import re

from tests.documents import pdf_tools
from volunteer_desk.documents import review_list
from volunteer_desk.documents.review_list import ReviewLine
from volunteer_desk.i18n import _

LONG = ("结对帮扶空巢老人王奶奶，每周上门两次，帮助解决就医、购物等实际困难，"
        "群众反映好，建议评为本季度优秀党员志愿者，并在支部党员大会上通报表扬。")


def _flat(text: str) -> str:
    """pdftotext drops spaces between hanzi and keeps them between English words: compare without any."""
    return re.sub(r"\s+", "", text)


def _lines(count: int) -> list[ReviewLine]:
    return [ReviewLine(rank=n, name=f"志愿者{n:03d}", activities=30 - n % 7, hours=f"{40 - n / 4:g}",
                       points=f"{40 - n / 4:g}", stars="★★\n二星志愿者",
                       comment=LONG if n % 3 == 0 else "按时参加。")
            for n in range(1, count + 1)]


def _render(tmp_path, lines, progress=None):
    rendered = review_list.render("西湖街道机关第一党支部2026年第2季度党员志愿服务晾晒榜",
                                  "统计期间：2026年4月1日至2026年6月30日", lines, progress)
    return rendered, pdf_tools.write(tmp_path, rendered.pdf)


def test_rows_in_order_with_the_header_on_every_page_and_comments_whole(tmp_path):
    lines = _lines(60)
    told = []
    rendered, path = _render(tmp_path, lines, lambda done, total: told.append((done, total)))
    pages = [_flat(page) for page in pdf_tools.page_texts(path)]
    assert rendered.pages == len(pages) >= 3
    assert told and all(total == 60 and 0 < done < 60 for done, total in told)
    assert "西湖街道机关第一党支部2026年第2季度党员志愿服务晾晒榜" in pages[0]
    # The header cells that never wrap: pdftotext reads wrapped cells out of order.
    header = [_flat(_(label)) for label in ("Rank", "Name", "Star level", "Review comment")]
    for number, page in enumerate(pages, start=1):
        assert all(label in page for label in header)
        assert _flat(_("Page {page} of {pages}").format(page=number, pages=len(pages))) in page
    everything = "".join(pages)
    names = re.findall(r"志愿者\d{3}", everything)
    assert names == [line.name for line in lines]
    assert everything.count(LONG) == 20  # wrapped over several lines, yet every character there in order
    assert _flat(_("Posted from: __________ to __________"))[:6] in pages[-1]
    assert _flat(_("Supervision phone: ______________    Contact person: __________"))[:6] in pages[-1]


def test_portrait_a4_in_the_embedded_font(tmp_path):
    _rendered, path = _render(tmp_path, _lines(3))
    assert pdf_tools.page_size_mm(path) == (210, 297)
    used = pdf_tools.fonts(path)
    assert used and all("WenQuanYi" in name and embedded and subset for name, embedded, subset in used)


def test_an_empty_quarter_says_so_instead_of_an_empty_table(tmp_path):
    rendered, path = _render(tmp_path, [])
    text = _flat(pdf_tools.text(path))
    assert rendered.pages == 1
    assert _flat(_("No service was recorded this quarter.")) in text
    assert _flat(_("Review comment")) not in text
    assert "晾晒榜" in text
