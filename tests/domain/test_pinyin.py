"""Pinyin keys: initials and full spellings for searching, surnames read as surnames for sorting."""

from __future__ import annotations

import pytest

from volunteer_desk.domain.pinyin import search_keys, sort_key


def test_zhang_san():
    keys = search_keys("张三").split()
    assert "zs" in keys
    assert "zhangsan" in keys
    assert sort_key("张三") == "zhang san"


def test_search_keys_are_lowercase_and_unique():
    keys = search_keys("单田芳").split()
    assert keys == [k.lower() for k in keys]
    assert len(keys) == len(set(keys))


def test_heteronyms_are_searchable_too():
    """The everyday reading of a surname character finds the person as well (dan for 单)."""
    keys = search_keys("单田芳").split()
    assert "stf" in keys and "dtf" in keys


@pytest.mark.parametrize(
    ("name", "surname_reading", "given_reading"),
    [
        ("单田芳", "shan", "tian fang"),
        ("曾国藩", "zeng", "guo fan"),
        ("解缙", "xie", "jin"),
        ("仇英", "qiu", "ying"),
        ("区志伟", "ou", "zhi wei"),
        ("查良镛", "zha", "liang yong"),
        ("朴树", "piao", "shu"),
        ("盖聂", "ge", "nie"),
        ("覃斌", "qin", "bin"),
        ("尉迟恭", "yu chi", "gong"),
        ("万俟卨", "mo qi", "xie"),
    ],
)
def test_surnames_are_read_as_surnames(name, surname_reading, given_reading):
    syllables = f"{surname_reading} {given_reading}".split()
    initials = "".join(s[0] for s in syllables)
    keys = search_keys(name).split()
    assert initials in keys
    assert "".join(syllables) in keys
    assert sort_key(name).startswith(surname_reading + " ")
    assert sort_key(name) == " ".join(syllables)


def test_surname_reading_only_applies_at_the_start():
    """曾 inside a given name keeps its everyday reading (ceng); as a surname it is zeng."""
    assert sort_key("曾经").startswith("zeng ")
    assert sort_key("王曾") == "wang ceng"


def test_sort_key_orders_by_pinyin_not_by_code_point():
    names = ["张三", "安娜", "曾国藩", "李四", "单田芳", "欧阳修"]
    assert sorted(names, key=sort_key) == ["安娜", "李四", "欧阳修", "单田芳", "曾国藩", "张三"]


def test_names_with_latin_letters_and_spaces():
    assert sort_key(" 张三 ") == "zhang san"
    assert "zs" in search_keys(" 张三 ").split()
    assert "alice" in search_keys("Alice").split()


def test_empty_name():
    assert sort_key("") == ""
    assert search_keys("") == ""


def test_many_heteronyms_stay_bounded():
    keys = search_keys("行长重乐朝阳").split()
    assert 0 < len(keys) <= 32  # at most 16 readings, each as initials and full spelling
    initials = [k for k in keys if len(k) == 6]
    assert initials and all(k.isalpha() for k in keys)


def test_rare_readings_of_ordinary_surnames_are_not_indexed():
    """丁 can be read zheng, but never as a surname: typing zh must not bring up every 丁."""
    keys = search_keys("丁彬明").split()
    assert "dbm" in keys
    assert not any(key.startswith("zh") for key in keys)
