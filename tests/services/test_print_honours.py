"""荣誉证书 from the print catalogue: the winners typed, the wording per award, and names the database lacks."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.documents import pdf_tools
from tests.sheet_data import id_number, registration
from volunteer_desk.domain.enums import TeamKind
from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.printing import honours
from volunteer_desk.services.setup import SetupService
from volunteer_desk.services.stations import ProjectInput, StationService
from volunteer_desk.services.teams import TeamInput, TeamService
from volunteer_desk.services.volunteers import VolunteerService

UNIT = "西湖街道机关第一党支部"
DAY = dt.date(2026, 12, 20)


@pytest.fixture
def branch(database):
    SetupService(database).save(SetupInfo(name=UNIT, code="320412-001", operator="王书记"))
    volunteers = VolunteerService(database)
    home = volunteers.blank_values()["organisation_id"]
    for i, name in enumerate(["张伟", "欧阳明月"]):
        volunteers.save(registration(name=name, id_number=id_number(sequence=f"{2 * i + 101:03d}"),
                                     organisation_id=home))
    category = CategoryService(database).list()[0].id
    TeamService(database).create(TeamInput(name="银龄先锋志愿服务队", kind=TeamKind.TEAM, category_id=category))
    StationService(database).save_project(ProjectInput(name="爱心接力", started_on=dt.date(2026, 3, 1)), today=DAY)
    return database


def _pages(tmp_path, rendered) -> list[str]:
    path = pdf_tools.write(tmp_path, rendered.pdf)
    return [page.replace(" ", "").replace("\n", "") for page in pdf_tools.page_texts(path)]


def test_one_certificate_per_winner_in_the_order_written(branch, tmp_path):
    rendered = honours.build(branch, {"award": "volunteer", "year": 2026, "date": DAY, "design": "gold_frame",
                                      "winners": "张伟、欧阳明月\n  张伟"})
    pages = _pages(tmp_path, rendered)
    assert [page[page.index("荣誉证书") + 4:page.index("同志：")] for page in pages] == ["张伟", "欧阳明月", "张伟"]
    assert all("被评为“优秀党员志愿者”。特发此证，以资鼓励。" in page for page in pages)
    assert all(page.endswith(UNIT + "二〇二六年十二月") for page in pages)  # the unit's name when none is given
    # Both are on the roster; only the repeated name is pointed out.
    assert rendered.warnings == (_("“{name}” is written more than once and gets a certificate each time.").format(
        name="张伟"),)


@pytest.mark.parametrize(("award", "winner", "wording"), [
    ("team", "银龄先锋志愿服务队", "银龄先锋志愿服务队：在2025年度志愿服务工作中成绩显著，被评为“优秀志愿服务队”。"),
    ("project", "爱心接力", "爱心接力：在2025年度志愿服务工作中特色鲜明、成效显著，被评为“优秀品牌项目”。"),
])
def test_teams_and_projects_are_addressed_by_name_alone(branch, tmp_path, award, winner, wording):
    rendered = honours.build(branch, {"award": award, "year": 2025, "date": DAY, "winners": winner,
                                      "issuer": "中共西湖街道工作委员会", "numbered": True})
    page = _pages(tmp_path, rendered)[0]
    assert wording in page and "同志" not in page
    assert "中共西湖街道工作委员会二〇二六年十二月" in page and "证书编号：2025-001" in page
    assert rendered.warnings == ()


@pytest.mark.parametrize(("award", "winner"), [("volunteer", "张卫"), ("team", "银龄先锋服务队"), ("project", "爱心接龙")])
def test_names_the_database_lacks_are_printed_but_warned_about(branch, tmp_path, award, winner):
    rendered = honours.build(branch, {"award": award, "date": DAY, "winners": f"{winner}，张伟；爱心接力 银龄先锋志愿服务队"})
    assert rendered.pages == 4
    assert winner in _pages(tmp_path, rendered)[0]
    assert len(rendered.warnings) == 1 and winner in rendered.warnings[0] and "、" in rendered.warnings[0]


def test_no_winners_asks_for_their_names(branch):
    with pytest.raises(InvalidEntry) as caught:
        honours.build(branch, {"award": "volunteer", "winners": " 、\n "})
    assert set(caught.value.errors) == {"winners"}
    assert caught.value.errors["winners"] == _("Write the winners' names, separated by 、 or new lines.")
