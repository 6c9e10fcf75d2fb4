"""The weekly journal drawn from plain data, read back from the PDF: a page block per week with the heading,
the week's activities, the content and reflection in full even when they run onto further pages."""

from __future__ import annotations

import re

from tests.documents import pdf_tools
from volunteer_desk.documents import journal_sheet

WEEK = journal_sheet.JournalWeek(
    week="2026年第47周 11月16日—11月22日",
    activities=(journal_sheet.WeekActivity("11月17日", "在西林街道开展垃圾分类宣传", "2小时"),
                journal_sheet.WeekActivity("11月18日", "为空巢老人理发", "1.5小时")),
    content="11月17日 垃圾分类宣传\n11月18日 为老人理发",
    reflection="老人们很高兴，我也学到了耐心。")


def _render(tmp_path, weeks):
    rendered = journal_sheet.render("王芳", "西湖街道机关第一党支部", weeks)
    return rendered, pdf_tools.write(tmp_path, rendered.pdf)


def test_a_week_on_one_page_with_heading_activities_texts_and_signature_lines(tmp_path):
    rendered, path = _render(tmp_path, [WEEK])
    assert re.search(r"姓名\s+王芳\s+所在支部\s+西湖街道机关第一党支部", pdf_tools.text(path, layout=True))
    text = pdf_tools.text(path).replace(" ", "").replace("\n", "")
    order = ["党员志愿者服务活动周记", "2026年第47周11月16日—11月22日",
             "11月17日", "在西林街道开展垃圾分类宣传", "2小时", "为空巢老人理发", "1.5小时",
             "11月18日为老人理发", "老人们很高兴，我也学到了耐心。", "本人签名", "支部审阅"]
    positions = [text.index(label) for label in order]
    assert positions == sorted(positions)
    assert rendered.pages == pdf_tools.pages(path) == 1 and pdf_tools.page_size_mm(path) == (210, 297)
    fonts = pdf_tools.fonts(path)
    assert fonts and all(embedded and "Helvetica" not in name for name, embedded, _subset in fonts)


def test_a_long_reflection_goes_on_over_the_next_pages_with_nothing_lost(tmp_path):
    sentences = [f"第{n}句，本周帮助老人理发并讲解防范电信诈骗的知识，收获很多。" for n in range(1, 61)]
    long = WEEK.__class__(WEEK.week, WEEK.activities, WEEK.content, "".join(sentences) + "这是最后一句话。")
    rendered, path = _render(tmp_path, [long, WEEK])
    pages = [page.replace(" ", "").replace("\n", "") for page in pdf_tools.page_texts(path)]
    assert rendered.pages == len(pages) >= 3
    assert "心得体会（续）" in pages[1] and "王芳2026年第47周11月16日—11月22日周记（续）" in pages[1]
    # The text read back without what pdftotext interleaves: page numbers, continued headings, box labels.
    whole = re.sub(r"第\d+页共\d+页|王芳2026年第47周11月16日—11月22日周记（续）|心得体会(（续）)?", "", "".join(pages))
    assert whole.count("这是最后一句话。") == 1
    assert all(sentence in whole for sentence in sentences)
    # The second week starts on a page of its own, after the first week's signature lines.
    second = next(n for n, page in enumerate(pages) if n and "党员志愿者服务活动周记" in page and "（续）" not in page)
    assert "本人签名" in pages[second - 1] and "这是最后一句话。" in pages[second - 1]
    assert all(f"第{n}页共{len(pages)}页" in page for n, page in enumerate(pages, start=1))


def test_a_week_without_activities_says_so():
    rendered = journal_sheet.render("王芳", "", [journal_sheet.JournalWeek(WEEK.week, (), "", "反思")])
    assert rendered.pages == 1 and rendered.warnings == ()
