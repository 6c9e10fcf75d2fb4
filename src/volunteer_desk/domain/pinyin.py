"""Pinyin keys for finding and sorting people by name.

Search indexes every reading of the given name's characters (pypinyin's heteronyms), and for surnames
the surname reading first plus, for the surnames people misread (单 shan/dan), the everyday ones. Sorting uses one reading, with surnames read as surnames (单 shan, 曾 zeng).
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import product

# Surnames whose surname reading differs from pypinyin's first (everyday) reading.
_SURNAME_READINGS = {
    "万俟": ["mo", "qi"], "尉迟": ["yu", "chi"], "单于": ["chan", "yu"], "长孙": ["zhang", "sun"],
    "单": ["shan"], "曾": ["zeng"], "解": ["xie"], "仇": ["qiu"], "区": ["ou"], "查": ["zha"],
    "朴": ["piao"], "盖": ["ge"], "覃": ["qin"], "乐": ["yue"], "缪": ["miao"], "翟": ["zhai"],
    "召": ["shao"], "秘": ["bi"], "冼": ["xian"], "折": ["she"], "尉": ["wei"], "种": ["chong"],
    "繁": ["po"], "华": ["hua"], "过": ["guo"], "纪": ["ji"], "燕": ["yan"], "石": ["shi"],
    "瞿": ["qu"], "那": ["na"], "都": ["du"], "六": ["lu"], "薄": ["bo"], "贾": ["jia"],
    "柏": ["bai"], "牟": ["mou"], "阚": ["kan"], "宿": ["su"], "卜": ["bu"], "员": ["yun"],
    "重": ["chong"], "句": ["gou"], "隗": ["wei"], "芮": ["rui"], "任": ["ren"], "沈": ["shen"],
}
_MAX_COMBINATIONS = 16


@cache
def _pypinyin():
    """pypinyin loads its phrase dictionary on import (~0.4 s): only when a name is first keyed."""
    import pypinyin

    return pypinyin


def warm_up() -> None:
    """Load the dictionary ahead of the first save (the UI calls this off its thread after start)."""
    search_keys("张三")


def _split_surname(name: str) -> tuple[str, str]:
    if name[:2] in _SURNAME_READINGS:
        return name[:2], name[2:]
    return name[:1], name[1:]


@lru_cache(maxsize=4096)
def sort_key(name: str) -> str:
    """The full pinyin with surnames read as surnames, e.g. 单田芳 → shan tian fang."""
    surname, given = _split_surname(name.strip())
    reading = _SURNAME_READINGS.get(surname) or list(_lazy_reading(surname))
    return " ".join(reading + list(_lazy_reading(given))).lower()


# Imports and demo data key tens of thousands of names at once; given names and whole names repeat a lot,
# and pypinyin takes ~40 µs a call.
@lru_cache(maxsize=65536)
def _lazy_reading(text: str) -> tuple[str, ...]:
    return tuple(_pypinyin().lazy_pinyin(text))


@cache
def _readings(char: str) -> tuple[str, ...]:
    """Every reading of one character. Names are keyed character by character: a few thousand characters
    make up all names, so an import of 100,000 distinct names asks pypinyin a few thousand times."""
    return tuple(_pypinyin().pinyin(char, style=_pypinyin().Style.NORMAL, heteronym=True)[0])


@lru_cache(maxsize=65536)
def search_keys(name: str) -> str:
    """Space-separated full spellings and initials for every plausible reading of the name."""
    syllables = [list(_readings(char)) for char in name.strip()]
    surname, _given = _split_surname(name.strip())
    preferred = _SURNAME_READINGS.get(surname)
    for i in range(len(surname)):
        if preferred:
            syllables[i] = [preferred[i], *[s for s in syllables[i] if s != preferred[i]]]
        else:  # 丁 is ding as a surname, never zheng: rare readings of a surname only add noise
            syllables[i] = syllables[i][:1]
    keys: list[str] = []
    for combination in _limited_product(syllables):
        full = "".join(combination).lower()
        initials = "".join(s[0] for s in combination if s).lower()
        for key in (initials, full):
            if key not in keys:
                keys.append(key)
    return " ".join(keys)


def _limited_product(syllables: list[list[str]]):
    """All readings of rare names stay cheap: at most a handful of alternatives are kept."""
    for count, combination in enumerate(product(*syllables)):
        if count >= _MAX_COMBINATIONS:
            return
        yield combination
