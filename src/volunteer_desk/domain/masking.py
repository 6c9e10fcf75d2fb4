"""How ID numbers and phones appear outside the editor (PIPL; 志愿服务条例 Art.20)."""

from __future__ import annotations


def mask_id_number(number: str | None) -> str:
    """Only the last 4 characters: lists identify a person without exposing the number."""
    if not number:
        return ""
    return "*" * (len(number) - 4) + number[-4:] if len(number) > 4 else number


def mask_phone(number: str | None) -> str:
    """3 + 4 for mobiles (138****5678); landlines keep their last 4 digits."""
    if not number:
        return ""
    if len(number) == 11 and number.isdigit():
        return f"{number[:3]}****{number[7:]}"
    if len(number) > 4:
        return "*" * (len(number) - 4) + number[-4:]
    return number
