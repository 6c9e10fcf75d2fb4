"""forms/*.toml: the shipped sheets load and agree with the domain and the database, and broken
sheets are refused with a message that says where the mistake is."""

from __future__ import annotations

import textwrap

import pytest

from volunteer_desk import paths
from volunteer_desk.domain.volunteer import Volunteer
from volunteer_desk.formspec import FormSpec, ListSpec, SpecError, load, load_all
from volunteer_desk.storage.volunteers import has_column

# Volunteer attributes no field of the registration sheet binds, and why.
UNBOUND_ATTRIBUTES = {
    "id",  # the database key, never typed
}


@pytest.fixture(scope="module")
def specs():
    return load_all()


@pytest.fixture(scope="module")
def registration(specs) -> FormSpec:
    return specs["registration"]


@pytest.fixture(scope="module")
def roster(specs) -> ListSpec:
    return specs["roster"]


# --- the shipped sheets ----------------------------------------------------------------------------------

def test_every_toml_file_loads(specs):
    stems = {path.stem for path in paths.forms_dir().glob("*.toml")}
    assert stems and set(specs) == stems
    for name, spec in specs.items():
        assert spec.id == name
        assert isinstance(spec, FormSpec | ListSpec)
        assert spec.title and spec.source


def test_every_bind_is_a_volunteer_attribute(registration):
    attributes = Volunteer.attribute_names()
    unknown = {key: f.bind for key, f in registration.fields.items() if f.bind not in attributes}
    assert unknown == {}


def test_every_volunteer_attribute_is_bound_by_a_field(registration):
    bound = [f.bind for f in registration.fields.values()]
    assert len(bound) == len(set(bound)), "two fields bind the same attribute"
    assert Volunteer.attribute_names() - set(bound) == UNBOUND_ATTRIBUTES


def test_every_field_is_placed_once_except_other_fields(registration):
    placed = registration.placed_fields()
    others = {f.other for f in registration.fields.values() if f.other}
    assert others == {"availability_other"}
    assert len(placed) == len(set(placed)), "a field is placed twice"
    assert set(placed) == set(registration.fields) - others
    assert not others & set(placed)


def test_sheet_a_rows_follow_the_paper(registration):
    """SHEETS.md, Sheet A: the labels of rows 1–13 in order; photo spans rows 1–3."""
    labels = [["".join(c.label.split()) for c in row.cells if c.label] for row in registration.rows]
    assert labels == [
        ["姓名", "性别", "特长"], ["出生年月", "身高", "学历"], ["所在城区", "邮编", "专业"],
        ["身份证号码", "手机"], ["电子邮件", "电话"], ["工作单位", "职务"], ["家庭地址", "QQ"],
        ["交通补贴"], ["服务意向"], ["职业类型"], ["可参加志愿服务时间"], ["志愿服务经历"], ["本人承诺"],
    ]
    photo = next(c for c in registration.rows[0].cells if c.field == "photo")
    assert photo.rowspan == 3
    assert registration.title == "党员志愿者登记表"


def test_sheet_a_choices(registration):
    fields = registration.fields
    assert fields["transport_subsidy"].type == "single_check"
    assert [o.label for o in fields["transport_subsidy"].choices()] == ["手机充值", "自行领取", "爱心募捐"]
    assert fields["service_intents"].type == "multi_check"
    assert [o.label for o in fields["service_intents"].choices()] == ["尊老服务", "爱幼志愿服务", "帮农民工服务", "助残服务"]
    assert [o.label for o in fields["availability"].choices()] == ["双休日", "节假日", "随时可以"]
    assert fields["availability"].other_label == "其他时间"
    assert "机关党员干部" in [o.value for o in fields["occupation_type"].choices()]


def test_labels_for_messages(registration):
    assert registration.label("name") == "姓名"
    assert registration.label("id_number") == "身份证号码"
    assert registration.label("qq") == "QQ"
    assert registration.label("joined_party_on") == "入党时间"
    assert registration.label("availability_other") == "其他时间"  # not placed: its Excel heading
    for key in registration.placed_fields():
        if key != "photo":  # the photo box has no label beside it
            assert registration.label(key) != key


def test_sensitive_fields(registration):
    sensitive = {key for key, f in registration.fields.items() if f.sensitive}
    assert {"id_number", "mobile", "phone"} <= sensitive


def test_sheet_b_columns_follow_the_paper(roster):
    assert roster.fields_from == "registration"
    assert [c.label for c in roster.columns] == [
        "序号", "姓名", "性别", "出生年月", "入党时间", "文化程度", "专业特长", "工作单位及职务", "单位电话", "手机",
        "志愿服务项目",
    ]


def test_every_roster_sort_key_is_a_storage_column(roster, registration):
    sortable = [c for c in roster.columns if c.sort]
    assert [c.key for c in roster.columns if not c.sort] == ["serial"]
    for column in sortable:
        field = registration.fields.get(column.sort)
        attribute = field.bind if field else column.sort
        assert has_column(attribute), f"{column.key} sorts by {attribute!r}, which is not a column"


def test_has_column_is_about_columns_only():
    assert has_column("name_pinyin") and has_column("organisation_id") and has_column("birth_date")
    assert not has_column("metadata")
    assert not has_column("registry")
    assert not has_column("nonsense")


def test_load_is_cached(registration):
    assert load("registration") is load("registration")


# --- broken sheets ---------------------------------------------------------------------------------------

GOOD_FORM = """
    format = 1
    id = "mini"
    version = 1
    title = "测试表"
    paper = "A4"
    orientation = "portrait"
    column_widths = [10, 10, 10, 10, 10, 10, 10]

    [[rows]]
    cells = [{ label = "姓名" }, { field = "name", colspan = 5 }, { field = "photo", rowspan = 2 }]

    [[rows]]
    cells = [{ label = "性别" }, { field = "sex", colspan = 5 }]

    [[extra_rows]]
    cells = [{ label = "入党时间" }, { field = "joined_party_on" }]

    [fields.name]
    type = "text"
    bind = "name"

    [fields.sex]
    type = "choice"
    bind = "sex"
    enum = "Sex"

    [fields.photo]
    type = "photo"
    bind = "photo"

    [fields.joined_party_on]
    type = "date"
    bind = "joined_party_on"
"""


def _write(folder, text: str, name: str = "mini") -> None:
    (folder / f"{name}.toml").write_text(textwrap.dedent(text), encoding="utf-8")


def _load_broken(folder, old: str, new: str):
    text = textwrap.dedent(GOOD_FORM)
    old = textwrap.dedent(old).strip("\n")
    assert old in text, old
    _write(folder, text.replace(old, textwrap.dedent(new).strip("\n")))
    return load("mini", folder)


def test_the_good_form_loads(tmp_path):
    _write(tmp_path, GOOD_FORM)
    spec = load("mini", tmp_path)
    assert spec.placed_fields() == ["name", "photo", "sex", "joined_party_on"]


def test_row_short_of_the_grid(tmp_path):
    with pytest.raises(SpecError) as caught:
        _load_broken(tmp_path, '{ field = "sex", colspan = 5 }', '{ field = "sex", colspan = 4 }')
    assert str(caught.value) == "mini: row 2 spans 6 columns, the grid has 7"


def test_row_forgetting_a_rowspan_from_above(tmp_path):
    with pytest.raises(SpecError, match="mini: row 2 spans 8 columns, the grid has 7"):
        _load_broken(tmp_path, '{ field = "sex", colspan = 5 }', '{ field = "sex", colspan = 6 }')


def test_row_too_wide(tmp_path):
    with pytest.raises(SpecError, match="mini: row 1 spans 8 columns"):
        _load_broken(tmp_path, '{ field = "name", colspan = 5 }', '{ field = "name", colspan = 6 }')


def test_unknown_field_in_a_row(tmp_path):
    with pytest.raises(SpecError) as caught:
        _load_broken(tmp_path, '{ field = "sex", colspan = 5 }', '{ field = "gender", colspan = 5 }')
    assert str(caught.value) == "mini: row 2: unknown field 'gender'"


def test_unknown_field_in_an_extra_row(tmp_path):
    with pytest.raises(SpecError) as caught:
        _load_broken(tmp_path, '{ field = "joined_party_on" }', '{ field = "joined_on" }')
    assert str(caught.value) == "mini: extra row 1: unknown field 'joined_on'"


def test_extra_row_wider_than_the_grid(tmp_path):
    with pytest.raises(SpecError, match="mini: extra row 1 spans 8 columns, the grid has 7"):
        _load_broken(tmp_path, '{ field = "joined_party_on" }', '{ field = "joined_party_on", colspan = 7 }')


def test_cell_with_both_label_and_field(tmp_path):
    with pytest.raises(SpecError, match="mini: row 2: a cell is either a label or a field"):
        _load_broken(tmp_path, '{ label = "性别" }', '{ label = "性别", field = "sex" }')


def test_misspelt_cell_key(tmp_path):
    with pytest.raises(SpecError, match="colspn"):
        _load_broken(tmp_path, '{ field = "sex", colspan = 5 }', '{ field = "sex", colspn = 5 }')


def test_unknown_type(tmp_path):
    with pytest.raises(SpecError) as caught:
        _load_broken(tmp_path, 'type = "photo"', 'type = "picture"')
    assert str(caught.value) == "field 'photo': unknown type 'picture'"


def test_unknown_field_attribute(tmp_path):
    with pytest.raises(SpecError, match="field 'name':.*requird"):
        _load_broken(tmp_path, 'bind = "name"', 'bind = "name"\nrequird = true')


def test_unknown_check_and_unknown_enum(tmp_path):
    with pytest.raises(SpecError, match="field 'name': unknown check 'phone_number'"):
        _load_broken(tmp_path, 'bind = "name"', 'bind = "name"\ncheck = "phone_number"')
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(SpecError, match="field 'sex': unknown enum 'Gender'"):
        _load_broken(other, 'enum = "Sex"', 'enum = "Gender"')


def test_choice_without_options(tmp_path):
    with pytest.raises(SpecError, match="field 'sex': a choice needs options or an enum"):
        _load_broken(tmp_path, 'enum = "Sex"', "")


def test_other_field_must_exist(tmp_path):
    with pytest.raises(SpecError, match="field 'name': its 'other' field 'name_other' is not defined"):
        _load_broken(tmp_path, 'bind = "name"', 'bind = "name"\nother = "name_other"')


@pytest.mark.parametrize("header", ["format = 2", "format = \"1\"", ""])
def test_wrong_format_number(tmp_path, header):
    with pytest.raises(SpecError) as caught:
        _load_broken(tmp_path, "format = 1", header)
    assert str(caught.value).startswith("mini.toml: format ")
    assert "is not 1" in str(caught.value)


def test_not_toml_at_all(tmp_path):
    (tmp_path / "mini.toml").write_text("format = 1\nid = \n", encoding="utf-8")
    with pytest.raises(SpecError, match=r"^mini\.toml: "):
        load("mini", tmp_path)


def test_missing_file(tmp_path):
    with pytest.raises(SpecError, match=r"^absent\.toml: "):
        load("absent", tmp_path)


LIST = """
    format = 1
    id = "minilist"
    version = 1
    title = "名册"
    paper = "A4"
    orientation = "landscape"
    fields_from = "mini"

    [[columns]]
    key = "name"
    label = "姓名"
    show = ["name"]
    width = 10
"""


def test_list_spec_sorts_by_its_first_shown_field(tmp_path):
    _write(tmp_path, GOOD_FORM)
    _write(tmp_path, LIST, "minilist")
    specs = load_all(tmp_path)
    assert set(specs) == {"mini", "minilist"}
    assert specs["minilist"].columns[0].sort == "name"


def test_list_spec_showing_an_unknown_field(tmp_path):
    _write(tmp_path, GOOD_FORM)
    _write(tmp_path, LIST.replace('show = ["name"]', 'show = ["name", "nickname"]'), "minilist")
    with pytest.raises(SpecError, match=r"minilist: column 'name' shows unknown fields \['nickname'\]"):
        load_all(tmp_path)


def test_list_spec_from_a_missing_form(tmp_path):
    _write(tmp_path, LIST.replace('fields_from = "mini"', 'fields_from = "registration"'), "minilist")
    with pytest.raises(SpecError, match="minilist: fields_from 'registration' is not a form"):
        load_all(tmp_path)
