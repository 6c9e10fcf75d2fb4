"""One row of a sheet as the registration editor would hand it over, cleaned the way a patient clerk would.

Full-width digits and letters, stray spaces, x for X in ID numbers, dates in the half-dozen ways people write
them (and Excel's own dates and serial numbers), 男/女/M/F, phones with spaces, dashes or +86, choices by
their Chinese names. What cleaning cannot make sense of becomes a CellProblem naming the cell; the domain's
own checks (formspec.values.to_domain) run afterwards on what comes out.

A roster has 100,000 rows at most, so each column's cleaner is chosen once per mapping, not once per cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from volunteer_desk.formspec.spec import Field, FormSpec
from volunteer_desk.i18n import _
from volunteer_desk.spreadsheets.mapping import WORK_UNIT_POSITION, Mapping, normalise

_WIDE = str.maketrans(
    {chr(0xFF10 + i): chr(0x30 + i) for i in range(10)}
    | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
    | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}
    | {"\u3000": " ", "．": ".", "－": "-", "／": "/", "＋": "+", "＠": "@"}
)
_NUMBER_PUNCTUATION = str.maketrans("", "", " -()（）\t")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(\d{1,2})\s*日?|月)?")
_DIGITS_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})?")
_TIME_OF_DAY = re.compile(r"(.+?)[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
_SPLIT = re.compile(r"[、，,;；/／\s]+")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01; Excel's phantom 1900-02-29 shifts the rest
_SERIALS = range(1, 73051)  # 1900 to 1999-12-31 + a century: what an Excel serial date can plausibly be
# Chinese names for stored values, whatever language the program speaks (enum labels are translated).
_SYNONYMS = {
    "sex": {"男": "male", "男性": "male", "M": "male", "MALE": "male",
            "女": "female", "女性": "female", "F": "female", "FEMALE": "female"},
    "education": {"研究生": "postgraduate", "硕士": "postgraduate", "博士": "postgraduate",
                  "硕士研究生": "postgraduate", "博士研究生": "postgraduate",
                  "大学本科": "bachelor", "本科": "bachelor", "大学": "bachelor",
                  "大专": "college", "大学专科": "college", "专科": "college",
                  "中专": "technical", "中技": "technical", "技校": "technical", "中等专科": "technical",
                  "高中": "high_school", "职高": "high_school", "初中": "middle_school",
                  "小学": "primary", "小学及以下": "primary", "小学以下": "primary"},
    "political_status": {"中共党员": "member", "党员": "member", "中国共产党党员": "member",
                         "中共预备党员": "probationary", "预备党员": "probationary",
                         "入党积极分子": "activist", "积极分子": "activist"},
}


@dataclass(frozen=True)
class CellProblem:
    row: int  # Excel's row number, from 1
    column: str  # Excel's column letter
    header: str
    message: str
    blocking: bool


class _Problem(Exception):
    def __init__(self, message: str, blocking: bool = True):
        self.message, self.blocking = message, blocking


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_blank(row: list[object]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


NOTE_STARTS = ("备注", "注：", "注:", "说明", "填表说明", "填报说明")


def is_note(row: list[object]) -> bool:
    """A note under the table (Sheet C's 备注, a 填表说明): one filled cell that starts like one."""
    filled = (v for v in row if not (v is None or (isinstance(v, str) and not v.strip())))
    first = next(filled, None)  # a data row's first cell (序号, a name) settles it
    return isinstance(first, str) and first.strip().startswith(NOTE_STARTS) and next(filled, None) is None


def _shown(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value).strip()


def _narrow(text: str) -> str:
    return text if text.isascii() else text.translate(_WIDE)  # every key of the table is non-ASCII


def _text(value: object) -> str:
    if isinstance(value, str):
        return " ".join(_narrow(value).split())
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return _shown(value)


def _name(value: object) -> str:
    """"张  三": names are padded with spaces to line up in printed lists; Chinese names have none."""
    text = _text(value)
    return text.replace(" ", "") if not text.isascii() else text


def _rounded(value: object) -> bool:
    if isinstance(value, float):
        return True  # an ID, phone or code stored as a fractional or too-long number has lost its digits
    return isinstance(value, str) and _SCIENTIFIC.fullmatch(_narrow(value.strip())) is not None


def _id_number(value: object) -> str:
    if _rounded(value) or (isinstance(value, int) and len(str(value)) > 15):
        raise _Problem(_(
            "Excel stored this ID number as a number and rounded it ({value}); the digits cannot be recovered. "
            "In Excel, set the column's format to 文本 (Text), type the number again, and import the file again."
        ).format(value=_shown(value)))
    return _text(value).replace(" ", "").upper()


def _number_text(value: object, *, leading_zero: int = 0) -> str:
    """Phones, QQ and postcodes: text as typed; a number that lost a leading 0 gets it back."""
    if _rounded(value):
        raise _Problem(_(
            "Excel stored this number as a number and rounded it ({value}); the digits cannot be recovered. "
            "Set the column's format to 文本 (Text) in Excel, type it again and import again."
        ).format(value=_shown(value)))
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        return text.zfill(leading_zero) if leading_zero else text
    return _text(value)


def _mobile(value: object) -> str:
    digits = _number_text(value).translate(_NUMBER_PUNCTUATION)
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            return digits[len(prefix):]
    return digits


def _landline(value: object) -> str:
    text = _number_text(value)
    if isinstance(value, int) and len(text) in (10, 11) and not text.startswith("0"):
        return "0" + text  # 0519… typed into a number cell: every area code starts with 0
    return text


def _height(value: object) -> str:
    text = _text(value).removesuffix("厘米").removesuffix("cm").removesuffix("CM").strip()
    return text[:-2] if text.endswith(".0") else text


def _date_parts(value: object) -> tuple[int, int, int | None]:
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        text = str(value)
        if len(text) in (6, 8) and text[:2] in ("19", "20"):
            return _date_parts(text)
        if value in _SERIALS:
            day = _EXCEL_EPOCH + dt.timedelta(days=value)
            return day.year, day.month, day.day
        raise ValueError
    if isinstance(value, float):
        year, _dot, month = f"{value:.2f}".partition(".")
        if len(year) != 4:
            raise ValueError
        if month == "10":  # 1985.10 and 1985.1 are the same number
            raise _Problem(_(
                "{value} is a number, and Excel drops a final 0: it may mean {year}年10月 or {year}年1月. "
                "Write the date as text, e.g. {year}.10, and import again."
            ).format(value=_shown(value), year=year))
        month = month.removesuffix("0") if month[0] != "0" else month
        return int(year), int(month), None
    text = _text(value)
    timed = _TIME_OF_DAY.fullmatch(text)
    if timed:
        text = timed[1]
    match = _DATE.fullmatch(text) or _DIGITS_DATE.fullmatch(text)
    if not match:
        raise ValueError
    return int(match[1]), int(match[2]), int(match[3]) if match[3] else None


def _date_cleaner(field: Field) -> Callable[[object], str]:
    year_month = field.type == "year_month"

    def clean(value: object) -> str:
        try:
            year, month, day = _date_parts(value)
            date = dt.date(year, month, day or 1)
        except ValueError:
            raise _Problem(_(
                "{value} is not a date this program can read. Write it as 1985.06, 1985年6月 or 1985-06-01."
            ).format(value=_shown(value))) from None
        return f"{date.year}.{date.month:02d}" if year_month else date.isoformat()

    return clean


def _choices(field: Field) -> dict[str, str]:
    names = {normalise(o.value): o.value for o in field.choices()}
    names |= {normalise(o.label): o.value for o in field.choices()}
    return names | _SYNONYMS.get(field.key, {})


def _choice_cleaner(field: Field) -> Callable[[object], str]:
    names = _choices(field)
    accepted = "、".join(dict.fromkeys(k for k, v in names.items() if not k.isascii()))

    def clean(value: object) -> str:
        stored = names.get(normalise(_text(value)))
        if stored is None:
            raise _Problem(_(
                "{value} is not one of the choices, so it was left empty. Write one of: {accepted}; or choose "
                "it in the volunteer's sheet after the import."
            ).format(value=_shown(value), accepted=accepted or "、".join(names)), blocking=False)
        return stored

    return clean


def _multi_cleaner(field: Field) -> Callable[[object], dict[str, object]]:
    """服务意向 "尊老服务、助残服务": split and look up; with an "other" field, the rest goes there."""
    names = _choices(field)
    other = field.other

    def clean(value: object) -> dict[str, object]:
        ticked: list[str] = []
        unknown: list[str] = []
        for part in _SPLIT.split(_text(value)):
            if part:
                stored = names.get(normalise(part))
                (ticked if stored else unknown).append(stored or part)
        result: dict[str, object] = {field.key: list(dict.fromkeys(ticked))}
        if unknown and other:
            result[other] = "、".join(unknown)
        elif unknown:
            raise _Partial(result, _(
                "{value} is not among the options, so it was left out. The options are: {accepted}."
            ).format(value="、".join(unknown), accepted="、".join(o.label for o in field.choices())))
        return result

    return clean


class _Partial(_Problem):
    """What could be read, and a non-blocking problem about the rest."""

    def __init__(self, values: dict[str, object], message: str):
        super().__init__(message, blocking=False)
        self.values = values


def _work_unit_position(value: object) -> dict[str, object]:
    """"常州市西林街道办事处 科员": the position is the last word when the text has several."""
    text = _text(value)
    unit, _sep, position = text.rpartition(" ")
    for separator in ("/", "／", "，", ","):
        if not unit and separator in text:
            unit, _sep, position = text.rpartition(separator)
    return {"work_unit": unit.strip(), "position": position.strip()} if unit else {"work_unit": text}


def _cleaner(field: Field) -> Callable[[object], object] | None:
    if field.type in {"photo", "organisation"}:
        return None  # no picture in a cell; the branch is the one importing (the service decides)
    if field.type in {"date", "year_month", "pledge"}:
        return _date_cleaner(field)
    if field.type in {"choice", "single_check"}:
        return _choice_cleaner(field)
    if field.type == "multi_check":
        return _multi_cleaner(field)
    if field.type == "number":
        return _height
    if field.key == "name":
        return _name
    return {"id_number": _id_number, "mobile": _mobile, "landline": _landline, "qq": _number_text,
            "postcode": lambda v: _number_text(v, leading_zero=6)}.get(field.check or "", _text)


# (column, key the value goes to or None for a dict of several, cleaner, letter, header)
_Plan = list[tuple[int, str | None, Callable[[object], object], str, str]]
_plans: dict[int, tuple[Mapping, FormSpec, _Plan]] = {}


def _plan(mapping: Mapping, form: FormSpec) -> _Plan:
    cached = _plans.get(id(mapping))
    if cached and cached[0] is mapping and cached[1] is form:
        return cached[2]
    plan: _Plan = []
    for column, target in sorted(mapping.columns.items()):
        letter, header = column_letter(column), mapping.headers.get(column, "")
        if target == WORK_UNIT_POSITION:
            plan.append((column, None, _work_unit_position, letter, header))
            continue
        field = form.fields.get(target)
        cleaner = _cleaner(field) if field else None
        if cleaner is not None:
            plan.append((column, None if field.type == "multi_check" else target, cleaner, letter, header))
    if len(_plans) > 8:
        _plans.clear()
    _plans[id(mapping)] = (mapping, form, plan)
    return plan


def clean_rows(rows: Sequence[list[object]], mapping: Mapping, form: FormSpec, *, numbers: Sequence[int]
               ) -> list[tuple[dict[str, object], list[CellProblem]]]:
    """Raw values for formspec.values.Checker from the mapped, non-empty cells of each row, and what cleaning
    found wrong; `numbers` are the rows' Excel numbers. Column by column, each distinct value cleaned once:
    rosters repeat 男, 大学本科, 1985.06 and the units thousands of times."""
    raws: list[dict[str, object]] = [{} for _ in rows]
    problems: list[list[CellProblem]] = [[] for _ in rows]
    for column, key, clean, letter, header in _plan(mapping, form):
        done: dict[tuple[type, object], object] = {}
        for raw, found, number, row in zip(raws, problems, numbers, rows, strict=True):
            value = row[column] if column < len(row) else None
            if value is None or value == "":
                continue
            memo = (type(value), value)  # 1, 1.0 and True are equal, but not the same cell
            cleaned = done.get(memo, done)  # the dict itself is never a cleaned value
            if cleaned is done:
                try:
                    cleaned = clean(value)
                except _Problem as problem:
                    cleaned = problem
                done[memo] = cleaned
            if isinstance(cleaned, _Problem):
                if isinstance(cleaned, _Partial):
                    _put(raw, cleaned.values)
                found.append(CellProblem(number, letter, header, cleaned.message, cleaned.blocking))
            elif key is None:
                _put(raw, cleaned)
            elif cleaned != "":
                raw[key] = cleaned
    return list(zip(raws, problems))


def _put(raw: dict[str, object], values: dict[str, object]) -> None:
    for name, part in values.items():  # one cleaned value serves many rows: each row gets its own list
        raw[name] = list(part) if type(part) is list else part
