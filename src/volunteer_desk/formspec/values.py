"""Between what a person types into a sheet and the domain's typed values.

`to_domain` turns raw values (text as typed, ticked options, picked ids) into a Volunteer and a
{field key: message} map of everything wrong; `from_domain` does the reverse for the editor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any

from volunteer_desk import fonts
from volunteer_desk.domain import contact, dates, idnumber
from volunteer_desk.domain import enums as domain_enums
from volunteer_desk.domain.volunteer import Volunteer, cross_check, fill_from_id_number
from volunteer_desk.formspec.spec import Field, FormSpec
from volunteer_desk.i18n import _


def _printable(text: str) -> str:
    missing = fonts.missing_characters(text)
    if missing:
        raise ValueError(
            _("The printing font has no glyph for {chars}; use a common variant of the character or "
              "write it in pinyin.").format(chars="、".join(missing))
        )
    return text


def _id_number(text: str) -> str:
    try:
        return idnumber.parse(text).number
    except idnumber.IdNumberError as exc:
        raise ValueError(str(exc)) from None


_CHECKS: dict[str, Callable[[str], str]] = {
    "printable": _printable,
    "id_number": _id_number,
    "mobile": contact.check_mobile,
    "email": contact.check_email,
    "postcode": contact.check_postcode,
    "landline": contact.check_landline,
    "qq": contact.check_qq,
}


def _coerce(field: Field, raw: Any) -> Any:
    """One field's typed value; raises ValueError with a Chinese message."""
    kind = field.type
    if kind in {"text", "longtext"}:
        text = (raw or "").strip()
        # The limit applies to what is stored: "+86 138-1234-5678" is checked as 13812345678.
        text = _CHECKS[field.check](text) if (text and field.check) else text
        if field.max_length and len(text) > field.max_length:
            raise ValueError(_("At most {n} characters; this has {count}.").format(n=field.max_length, count=len(text)))
        return text
    if kind == "number":
        text = str(raw if raw is not None else "").strip()
        if not text:
            return None
        if not text.isdigit():
            raise ValueError(_("Enter a whole number, e.g. 170."))
        number = int(text)
        if (field.minimum is not None and number < field.minimum) or (
            field.maximum is not None and number > field.maximum
        ):
            raise ValueError(_("Enter a number from {lo} to {hi}.").format(lo=field.minimum, hi=field.maximum))
        return number
    if kind in {"date", "year_month", "pledge"}:
        if isinstance(raw, dt.date):
            return raw
        text = (raw or "").strip()
        return dates.parse_date(text) if text else None
    if kind == "choice":
        if not raw:
            return None
        if raw not in field.allowed_values:
            raise ValueError(_("Choose one of the offered values."))
        return getattr(domain_enums, field.enum)(raw) if field.enum else raw
    if kind == "single_check":
        ticked = [v for v in ([raw] if isinstance(raw, str) else list(raw or [])) if v]  # "" is no tick
        if len(ticked) > 1:
            raise ValueError(_("Tick only one option."))
        if ticked and ticked[0] not in field.allowed_values:
            raise ValueError(_("Choose one of the offered values."))
        return ticked[0] if ticked else None
    if kind == "multi_check":
        allowed = field.allowed_values
        ticked = list(raw or [])
        unknown = [v for v in ticked if v not in allowed]
        if unknown:
            raise ValueError(_("Unknown option: {value}.").format(value="、".join(unknown)))
        return [v for v in allowed if v in ticked]
    if kind == "photo":
        return raw or None
    if kind == "organisation":
        return raw or None
    raise AssertionError(kind)


def _is_empty(value: Any) -> bool:
    return value in (None, "", [])


_ABSENT = object()  # the coerced value of a field a row does not give


class Checker:
    """`to_domain` for the rows of one sheet; an import checks 100,000 with `to_domain_many`, field by field:
    each field's distinct values are coerced once (rows repeat 男, 大学本科, dates and units thousands of times,
    and every field a file lacks is absent from every row), then each row's results are put together."""

    def __init__(self, spec: FormSpec):
        self._plan = [(key, field, field.bind,
                       _("{label} is required.").format(label=spec.label(key)) if field.required else None)
                      for key, field in spec.fields.items()]
        self._required = {key: (bind, message) for key, _field, bind, message in self._plan if message}
        self._bind_to_key = {field.bind: key for key, field in spec.fields.items()}
        self._today = dt.date.today()

    def to_domain(self, raw: Mapping[str, Any], *, base: Volunteer | None = None) -> tuple[Volunteer, dict[str, str]]:
        """Coerce every field found in `raw`; fields not in `raw` keep `base`'s value. Errors are keyed by field
        key; a required field left empty is an error whether or not it was given."""
        plan = [step for step in self._plan if step[0] in raw]
        coerced = [_coerced(field, required, raw[key]) for key, field, _bind, required in plan]
        return self._assembled(raw, base or Volunteer(), plan, coerced)

    def to_domain_many(self, raws: Sequence[Mapping[str, Any]]) -> list[tuple[Volunteer, dict[str, str]]]:
        """`to_domain` of each of `raws`, each into a new Volunteer."""
        given = set().union(*raws)
        plan = [step for step in self._plan if step[0] in given]
        columns = [_column(field, required, [raw.get(key, _ABSENT) for raw in raws])
                   for key, field, _bind, required in plan]
        rows = zip(*columns) if columns else repeat((), len(raws))
        return [self._assembled(raw, Volunteer(), plan, coerced) for raw, coerced in zip(raws, rows)]

    def _assembled(self, raw: Mapping[str, Any], volunteer: Volunteer, plan: list,
                   coerced: Sequence[tuple[Any, str | None]]) -> tuple[Volunteer, dict[str, str]]:
        errors: dict[str, str] = {}
        for (key, _field, bind, _required), (value, error) in zip(plan, coerced):
            if error is not None:
                errors[key] = error
            elif value is not _ABSENT:
                setattr(volunteer, bind, list(value) if type(value) is list else value)  # a list is not shared
        for key, (bind, message) in self._required.items():
            if key not in raw and _is_empty(getattr(volunteer, bind)):
                errors[key] = message
        if not errors.get("id_number"):
            fill_from_id_number(volunteer, today=self._today)
        for attribute, message in cross_check(volunteer, today=self._today).items():
            errors.setdefault(self._bind_to_key.get(attribute, attribute), message)
        return volunteer, errors


def _coerced(field: Field, required: str | None, raw: Any) -> tuple[Any, str | None]:
    """(value, None), or (None, the Chinese message) when `raw` is wrong or a required field is empty."""
    try:
        value = _coerce(field, raw)
    except ValueError as exc:
        return None, str(exc)
    return (None, required) if required and _is_empty(value) else (value, None)


def _column(field: Field, required: str | None, cells: list[Any]) -> list[tuple[Any, str | None]]:
    """`_coerced` of each cell, each distinct value coerced once; _ABSENT cells stay absent."""
    keys = [tuple(cell) if type(cell) is list else cell for cell in cells]  # ticked options come as lists
    done: dict[Any, tuple[Any, str | None]] = {_ABSENT: (_ABSENT, None)}
    for key, cell in zip(keys, cells):
        if key not in done:
            done[key] = _coerced(field, required, cell)
    return [done[key] for key in keys]


def to_domain(spec: FormSpec, raw: Mapping[str, Any], *, base: Volunteer | None = None) -> tuple[Volunteer, dict[str, str]]:
    """One sheet's raw values as a Volunteer and {field key: message}; see Checker.to_domain."""
    return Checker(spec).to_domain(raw, base=base)


def from_domain(spec: FormSpec, volunteer: Volunteer) -> dict[str, Any]:
    """Raw values for the editor: dates as text, enums as their stored value."""
    raw: dict[str, Any] = {}
    for key, field in spec.fields.items():
        value = getattr(volunteer, field.bind)
        if field.type == "year_month":
            value = dates.format_year_month(value)
        elif field.type in {"date", "pledge"}:
            value = dates.format_date(value)
        elif field.type == "number":
            value = "" if value is None else str(value)
        elif field.type == "choice":
            value = value.value if hasattr(value, "value") else value
        elif field.type == "multi_check":
            value = list(value or [])
        raw[key] = value if value is not None else ("" if field.type in {"text", "longtext"} else value)
    return raw
