"""姓氏笔画 order from the bundled stroke data: fewer strokes first, then 横竖撇点折, then the given name."""

from volunteer_desk import strokes


def test_strokes_fold_into_the_five_basic_strokes():
    # 丁: 横 竖钩; 冰: 点 提 …; 阳: 横撇弯钩 竖 …; 方: 点 横 横折钩 撇
    assert strokes.stroke_order("丁") == "12"
    assert strokes.stroke_order("冰")[:2] == "41"
    assert strokes.stroke_order("阳") == "522511"
    assert strokes.stroke_order("方") == "4153"
    assert strokes.stroke_order("A") is None


def test_names_sort_by_surname_strokes_then_stroke_order_then_given_name():
    names = ["张伟", "李娜", "王芳", "方明", "毛毛", "丁一", "Alice", "欧阳晓明", "王一"]
    assert sorted(names, key=strokes.sort_key) == [
        "丁一",  # 2 strokes
        "王一", "王芳",  # 4 strokes, 横 first; 一 (1 stroke) before 芳 (7)
        "毛毛",  # 4 strokes, 撇 first
        "方明",  # 4 strokes, 点 first
        "李娜", "张伟",  # 7 strokes: 李 starts with 横, 张 with 折
        "欧阳晓明",  # 8 strokes
        "Alice",  # no stroke data: last
    ]
