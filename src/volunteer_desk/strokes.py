"""姓氏笔画 order, the convention of official Chinese name lists: by the number of strokes of each character of
the name, surname first, and among equal counts by the order of the strokes, 横 before 竖 before 撇 before 点
before 折 (GB13000.1 字符集汉字笔顺规范, its five basic strokes numbered 1–5).

The stroke data is cnchar's (resources/strokes/README.md): one letter per stroke, for 26 stroke shapes.
"""

from __future__ import annotations

import json
from functools import cache

from volunteer_desk import paths

# cnchar's shapes folded into the five basic strokes: 提 counts as 横, 竖钩 as 竖, 捺 as 点, every other
# stroke with a turn (横折, 竖弯, 撇折, 弯钩, 斜钩 …) as 折.
BASIC_STROKE = {"j": "1", "i": "1", "d": "1", "f": "2", "g": "2", "s": "3", "k": "4", "l": "4"}
FOLD = "5"
UNKNOWN = 999  # as a stroke count: characters without data (Latin letters, rare hanzi) come after all others


@cache
def _orders() -> dict[str, str]:
    with paths.stroke_order_file().open(encoding="utf-8") as file:
        return {char: "".join(BASIC_STROKE.get(letter, FOLD) for letter in letters)
                for char, letters in json.load(file).items()}


def stroke_order(char: str) -> str | None:
    """The character's strokes as digits 1–5 in writing order (丁 → "12"), or None when not known."""
    return _orders().get(char)


def sort_key(name: str) -> tuple:
    """Sorts names in 姓氏笔画 order: per character, fewer strokes first, then 横竖撇点折; the name itself
    breaks ties between characters without stroke data."""
    orders = _orders()
    key = []
    for char in name.strip():
        order = orders.get(char)
        key.append((len(order), order) if order is not None else (UNKNOWN, char))
    return (tuple(key), name)
