"""The one font of the program (WenQuanYi Micro Hei), shared by the screen and the printed page.

reportlab silently drops characters the font lacks, so names are checked against its character map
when they are typed, not discovered missing on paper.
"""

from __future__ import annotations

from functools import cache

from volunteer_desk import paths

FAMILY = "WenQuanYi Micro Hei"


@cache
def _character_map() -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFont  # loading the cmap takes ~0.2 s: only when first needed

    return frozenset(TTFont("VolunteerDeskChecker", str(paths.font_file()), subfontIndex=0).face.charToGlyph)


def missing_characters(text: str) -> list[str]:
    """Characters of `text` the printing font cannot draw, in order, each once."""
    have = _character_map()
    if have.issuperset(map(ord, text)):
        return []  # nearly always: one pass in C instead of a Python loop per character
    missing: list[str] = []
    for char in text:
        if not char.isspace() and ord(char) not in have and char not in missing:
            missing.append(char)
    return missing
