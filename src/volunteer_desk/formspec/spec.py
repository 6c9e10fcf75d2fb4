"""Load and check forms/*.toml. The format is documented in forms/README.md."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from volunteer_desk import paths
from volunteer_desk.domain import enums

FIELD_TYPES = frozenset(
    {"text", "longtext", "number", "date", "year_month", "choice", "single_check", "multi_check",
     "photo", "pledge", "organisation"}
)
CHECKS = frozenset({"printable", "id_number", "mobile", "email", "postcode", "landline", "qq"})
SUPPORTED_FORMAT = 1


class SpecError(ValueError):
    """A forms/*.toml file that does not describe a sheet correctly."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    key: str
    type: str
    bind: str
    required: bool = False
    max_length: int | None = None
    check: str | None = None
    enum: str | None = None
    options: tuple[Option, ...] = ()
    other: str | None = None
    other_label: str = ""
    note: str = ""
    text: tuple[str, ...] = ()
    signature: str = ""
    placeholder: str = ""
    minimum: int | None = None
    maximum: int | None = None
    suffix: str = ""
    sensitive: bool = False
    excel: tuple[str, ...] = ()

    @cached_property
    def allowed_values(self) -> tuple[str, ...]:
        """The stored values a choice field accepts, in the sheet's order (asked for every row of an import)."""
        return tuple(o.value for o in self.choices())

    def choices(self) -> tuple[Option, ...]:
        """Options from the sheet, or from a domain enum (labels translated when asked)."""
        if self.enum:
            return tuple(Option(m.value, m.label) for m in getattr(enums, self.enum))
        return self.options

    def label_of(self, value: str | None) -> str:
        for option in self.choices():
            if option.value == value:
                return option.label
        return value or ""


@dataclass(frozen=True)
class Cell:
    label: str | None = None
    field: str | None = None
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    height: float = 1.0


@dataclass(frozen=True)
class FormSpec:
    id: str
    version: int
    title: str
    paper: str
    orientation: str
    column_widths: tuple[float, ...]
    rows: tuple[Row, ...]
    extra_rows: tuple[Row, ...]
    fields: dict[str, Field]
    source: str = ""

    def label(self, key: str) -> str:
        """The label printed next to a field, without the spacing used to justify it on paper."""
        for row in (*self.rows, *self.extra_rows):
            cells = row.cells
            for i, cell in enumerate(cells):
                if cell.field == key and i > 0 and cells[i - 1].label:
                    return "".join(cells[i - 1].label.split())
        f = self.fields[key]
        return f.excel[0] if f.excel else key

    def placed_fields(self) -> list[str]:
        return [c.field for row in (*self.rows, *self.extra_rows) for c in row.cells if c.field]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float
    show: tuple[str, ...] = ()
    sort: str | None = None
    format: str | None = None  # "year_month": a date shown as 2015.07, as rosters print 入党时间


@dataclass(frozen=True)
class HeaderItem:
    """One "label：value" blank of the line above a list's table (单位盖章：______); the printing code fills
    the blanks it knows by `key` and leaves the others to be written or stamped by hand."""
    key: str
    label: str


@dataclass(frozen=True)
class ListSpec:
    id: str
    version: int
    title: str
    paper: str
    orientation: str
    fields_from: str
    columns: tuple[Column, ...] = field(default_factory=tuple)
    source: str = ""
    rows_per_page: int | None = None  # a fixed number of ruled rows a page, blank ones filling the last
    header: tuple[HeaderItem, ...] = ()
    footnote: str = ""  # printed under the table on every page


def _check_grid(form_id: str, rows: tuple[Row, ...], width: int, fields: dict[str, Field]) -> None:
    """Every row must fill the grid exactly, counting cells that earlier rows span into."""
    occupied: dict[int, int] = {}  # row index → columns taken by rowspans from above
    for r, row in enumerate(rows):
        used = occupied.get(r, 0)
        for cell in row.cells:
            if (cell.label is None) == (cell.field is None):
                raise SpecError(f"{form_id}: row {r + 1}: a cell is either a label or a field")
            if cell.field and cell.field not in fields:
                raise SpecError(f"{form_id}: row {r + 1}: unknown field {cell.field!r}")
            used += cell.colspan
            for below in range(1, cell.rowspan):
                occupied[r + below] = occupied.get(r + below, 0) + cell.colspan
        if used != width:
            raise SpecError(f"{form_id}: row {r + 1} spans {used} columns, the grid has {width}")


def _field(key: str, raw: dict) -> Field:
    data = dict(raw)
    data["options"] = tuple(Option(**o) for o in data.get("options", ()))
    data["text"] = tuple(data.get("text", ()))
    data["excel"] = tuple(data.get("excel", ()))
    try:
        f = Field(key=key, **data)
    except TypeError as exc:
        raise SpecError(f"field {key!r}: {exc}") from None
    if f.type not in FIELD_TYPES:
        raise SpecError(f"field {key!r}: unknown type {f.type!r}")
    if f.check and f.check not in CHECKS:
        raise SpecError(f"field {key!r}: unknown check {f.check!r}")
    if f.enum and not hasattr(enums, f.enum):
        raise SpecError(f"field {key!r}: unknown enum {f.enum!r}")
    if f.type in {"single_check", "multi_check", "choice"} and not f.choices():
        raise SpecError(f"field {key!r}: a {f.type} needs options or an enum")
    return f


def _cell(raw: dict) -> Cell:
    try:
        return Cell(**raw)
    except TypeError as exc:
        raise SpecError(f"cell {raw}: {exc}") from None


def _rows(raw: list[dict]) -> tuple[Row, ...]:
    return tuple(
        Row(cells=tuple(_cell(c) for c in row["cells"]), height=float(row.get("height", 1.0))) for row in raw
    )


def _check_extra_rows(form_id: str, rows: tuple[Row, ...], width: int, fields: dict[str, Field]) -> None:
    """Rows the paper sheet lacks (editor only): they need not fill the grid, but must fit it and name real fields."""
    for r, row in enumerate(rows):
        for cell in row.cells:
            if (cell.label is None) == (cell.field is None):
                raise SpecError(f"{form_id}: extra row {r + 1}: a cell is either a label or a field")
            if cell.field and cell.field not in fields:
                raise SpecError(f"{form_id}: extra row {r + 1}: unknown field {cell.field!r}")
        used = sum(cell.colspan for cell in row.cells)
        if used > width:
            raise SpecError(f"{form_id}: extra row {r + 1} spans {used} columns, the grid has {width}")


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SpecError(f"{path.name}: {exc}") from None
    if data.get("format") != SUPPORTED_FORMAT:
        raise SpecError(f"{path.name}: format {data.get('format')!r} is not {SUPPORTED_FORMAT}")
    return data


def _build(data: dict) -> FormSpec | ListSpec:
    common = {k: data[k] for k in ("id", "version", "title", "paper", "orientation")}
    common["source"] = data.get("source", "")
    if "columns" in data:
        columns = tuple(
            Column(key=c["key"], label=c["label"], width=float(c["width"]), show=tuple(c.get("show", ())),
                   sort=c.get("sort") or (c["show"][0] if c.get("show") else None), format=c.get("format"))
            for c in data["columns"]
        )
        return ListSpec(fields_from=data["fields_from"], columns=columns, **common, **_list_extras(data))
    fields = {key: _field(key, raw) for key, raw in data["fields"].items()}
    rows, extra = _rows(data["rows"]), _rows(data.get("extra_rows", []))
    widths = tuple(float(w) for w in data["column_widths"])
    _check_grid(data["id"], rows, len(widths), fields)
    _check_extra_rows(data["id"], extra, len(widths), fields)
    for f in fields.values():
        if f.other and f.other not in fields:
            raise SpecError(f"field {f.key!r}: its 'other' field {f.other!r} is not defined")
    return FormSpec(column_widths=widths, rows=rows, extra_rows=extra, fields=fields, **common)


def _list_extras(data: dict) -> dict:
    """The optional keys of a list: absent, they leave the list as before (rows as many as fit a page)."""
    rows = data.get("rows_per_page")
    if rows is not None and (not isinstance(rows, int) or isinstance(rows, bool) or rows < 1):
        raise SpecError(f"{data['id']}: rows_per_page must be a whole number of at least 1, not {rows!r}")
    try:
        header = tuple(HeaderItem(**item) for item in data.get("header", ()))
    except TypeError as exc:
        raise SpecError(f"{data['id']}: header: {exc}") from None
    return {"rows_per_page": rows, "header": header, "footnote": data.get("footnote", "")}


@cache
def load(name: str, directory: Path | None = None) -> FormSpec | ListSpec:
    return _build(_read((directory or paths.forms_dir()) / f"{name}.toml"))


def load_all(directory: Path | None = None) -> dict[str, FormSpec | ListSpec]:
    folder = directory or paths.forms_dir()
    specs = {path.stem: load(path.stem, folder) for path in sorted(folder.glob("*.toml"))}
    for spec in specs.values():
        if isinstance(spec, ListSpec):
            source = specs.get(spec.fields_from)
            if not isinstance(source, FormSpec):
                raise SpecError(f"{spec.id}: fields_from {spec.fields_from!r} is not a form")
            for column in spec.columns:
                missing = [k for k in column.show if k not in source.fields]
                if missing:
                    raise SpecError(f"{spec.id}: column {column.key!r} shows unknown fields {missing}")
    return specs
