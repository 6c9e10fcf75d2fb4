"""Every row of a sheet a branch already keeps, as plain Python values, whatever program saved it.

Workbooks (.xlsx/.xlsm/.xls/.ods and WPS's .et) are read by calamine, which looks at the bytes rather than
the extension, so a WPS .et file saved in either Excel format opens too. CSV and text files are decoded
the way Chinese Excel and WPS save them (GBK, or UTF-8 with or without a BOM) and split on the separator
they use. Rows keep their places: index 0 is Excel's row 1, blank rows included, so every message can name
the row a person sees in Excel.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from volunteer_desk.i18n import _

WORKBOOKS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".et"})
TEXTS = frozenset({".csv", ".txt"})
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE container holding this stream, whatever its extension says.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_LARGEST_EXACT = 2**53  # floats above this are no longer whole numbers one by one


class UnreadableFile(ValueError):
    """A file that cannot be read; `message` says in Chinese what is wrong and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def sheet_names(path: Path) -> list[str]:
    path = Path(path)
    if _kind(path) == "text":
        _raw_bytes(path)  # an empty or locked file is said now, not when the rows are read
        return [path.stem]
    return list(_workbook(path).sheet_names)


def read_rows(path: Path, sheet: str | None = None) -> list[list[object]]:
    """The sheet's rows (the first sheet with anything in it when `sheet` is None), trailing empty cells
    trimmed; values are str, int, float, date, datetime, bool or None."""
    path = Path(path)
    if _kind(path) == "text":
        return _text_rows(path)
    book = _workbook(path)
    try:
        if sheet is not None:
            return _cells(book.get_sheet_by_name(sheet).to_python(skip_empty_area=False))
        for name in book.sheet_names:
            rows = _cells(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            if any(rows):
                return rows
    except CalamineError:
        if sheet is not None and sheet not in book.sheet_names:
            raise UnreadableFile(_("This file has no sheet named {sheet}; choose one of its sheets.")
                                 .format(sheet=sheet)) from None
        raise _broken(path) from None
    return []


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXTS:
        return "text"
    if suffix in WORKBOOKS:
        return "workbook"
    raise UnreadableFile(_(
        "Files ending in {suffix} cannot be read. Open the file in Excel or WPS and save it as an Excel "
        "workbook (.xlsx), then choose that file.").format(suffix=suffix or _("(no extension)")))


def _raw_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except PermissionError:
        raise UnreadableFile(_(
            "The file is in use by another program or may not be read. Close it in Excel or WPS and try "
            "again.")) from None
    except OSError:
        raise UnreadableFile(_(
            "The file cannot be opened; it may have been moved or deleted. Choose the file again.")) from None
    if not data.strip():
        raise UnreadableFile(_("The file is empty. Choose the file that holds the roster."))
    return data


def _workbook(path: Path) -> CalamineWorkbook:
    data = _raw_bytes(path)
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        raise _locked() from None
    except CalamineError:
        if data.startswith(_OLE_MAGIC) and _ENCRYPTED in data:
            raise _locked() from None
        raise _broken(path) from None


def _locked() -> UnreadableFile:
    return UnreadableFile(_(
        "The workbook is protected by a password. Open it in Excel or WPS, remove the password (File → "
        "Protect workbook) and save it, then choose it again."))


def _broken(path: Path) -> UnreadableFile:
    if path.suffix.lower() == ".et":
        return UnreadableFile(_(
            "This WPS file cannot be read. Open it in WPS, choose File → Save as → Excel workbook (.xlsx), "
            "then choose the .xlsx file."))
    return UnreadableFile(_(
        "This file is damaged or is not an Excel file. Open it in Excel or WPS and save it again as an "
        "Excel workbook (.xlsx), then choose that file."))


def _cells(rows: list[list[object]]) -> list[list[object]]:
    """calamine's "" for an empty cell becomes None and whole-number floats become int (Excel keeps every
    number as a float: 172 arrives as 172.0). Trailing empty cells go, so a row's length is its content."""
    out = []
    for row in rows:
        values = [v if type(v) is str and v else _value(v) for v in row]
        while values and values[-1] is None:
            values.pop()
        out.append(values)
    return out


def _value(value: object) -> object:
    if value == "" or value is None:
        return None
    if type(value) is float:
        return int(value) if value.is_integer() and abs(value) < _LARGEST_EXACT else value
    if isinstance(value, str | bool | int | dt.date):
        return value
    return str(value)  # times of day and durations: shown as typed, cleaning reports them


def _text_rows(path: Path) -> list[list[object]]:
    text = _decode(_raw_bytes(path))
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = max(",\t;", key=sample.count)
    rows = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        values = [cell if cell.strip() else None for cell in row]
        while values and values[-1] is None:
            values.pop()
        rows.append(values)
    return rows


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) and UTF-16 with a BOM are certain; otherwise GB18030, the superset of
    the GBK that Chinese Excel and WPS use, is tried before detection, which guesses wrong on short files."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    import charset_normalizer  # only for a CSV in an unusual encoding; not on every start-up

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise UnreadableFile(_(
            "The text in this file cannot be read. Open it in Excel or WPS and save it as an Excel workbook "
            "(.xlsx), then choose that file."))
    return str(best)
