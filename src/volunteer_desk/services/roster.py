"""The roster (Sheet B) as rows of display text: formatted, and with ID numbers and phones masked; on screen,
each volunteer's star level (星级) follows the paper's columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from volunteer_desk.domain import dates, masking, stars
from volunteer_desk.formspec import Column, FormSpec, ListSpec, load
from volunteer_desk.services import rules
from volunteer_desk.services.database import Database
from volunteer_desk.storage import ledgers
from volunteer_desk.storage import volunteers as store
from volunteer_desk.storage.volunteers import RosterQuery

__all__ = ["RosterQuery", "RosterService"]

STAR_COLUMN = Column(key="star_level", label="星级", width=12)  # not on the paper roster: unsortable, screen only


class RosterService:
    def __init__(self, database: Database, list_name: str = "roster"):
        self._db = database
        self.spec: ListSpec = load(list_name)
        self.form: FormSpec = load(self.spec.fields_from)
        self._data_columns = [c for c in self.spec.columns if c.show]
        self._attributes = [self.form.fields[k].bind for c in self._data_columns for k in c.show]

    @property
    def columns(self) -> tuple[Column, ...]:
        return (*self.spec.columns, STAR_COLUMN)

    def sort_key_of(self, column: Column) -> str | None:
        """The column the database sorts by; the serial column (序号) is not sortable."""
        if column.sort is None:
            return None
        field = self.form.fields.get(column.sort)
        return field.bind if field else column.sort

    def ids(self, query: RosterQuery) -> list[str]:
        """Volunteer ids in roster order."""
        with self._db.sessions() as session:
            return store.ordered_ids(session, query)

    def keys(self, query: RosterQuery) -> list[int]:
        """Row keys in roster order: what a view over many rows holds (ints, cheaper than ids)."""
        with self._db.sessions() as session:
            return store.ordered_keys(session, query)

    def key_of(self, volunteer_id: str) -> int | None:
        with self._db.sessions() as session:
            return store.key_of(session, volunteer_id)

    def count(self, query: RosterQuery) -> int:
        with self._db.sessions() as session:
            return store.count(session, query)

    def rows(self, keys: Sequence[int], *, full_numbers: bool = False,
             screen: bool = True) -> dict[int, tuple[str, tuple[str, ...]]]:
        """{row key: (volunteer id, display texts of the columns, all but 序号)}, with the screen's 星级 last
        unless not `screen` (paper and Excel have no such column, and summing everyone's hours costs); ID
        numbers and phones masked unless `full_numbers` (a printout the operator chose to show them on, and the
        audit log recorded)."""
        with self._db.sessions() as session:
            found, values = store.fetch_columns(session, keys, self._attributes)
            if screen:
                minutes = ledgers.total_minutes(session, values["id"])
                thresholds = rules.star_thresholds(session)
        # Column by column: a roster of 100,000 has a million cells, and a call per cell is most of the work.
        columns = [_column(values, parts) for parts in self._formats(full_numbers)]
        cells = {key: (vid, texts) for key, vid, texts in zip(found, values["id"], zip(*columns))}
        if not screen:
            return cells
        return {key: (vid, (*texts, stars.label(stars.star_level(minutes[vid], thresholds))))
                for key, (vid, texts) in cells.items()}

    def _formats(self, full_numbers: bool) -> tuple[tuple[tuple[str, Callable[[Any], str]], ...], ...]:
        """Per data column, (attribute, how its value is shown) for each field it shows: chosen once per call,
        not per cell (a 100,000-row roster has a million cells)."""
        return tuple(tuple((self.form.fields[key].bind, self._shown(key, column.format, full_numbers))
                           for key in column.show) for column in self._data_columns)

    def _shown(self, key: str, display: str | None, full_numbers: bool) -> Callable[[Any], str]:
        field = self.form.fields[key]
        if display == "year_month" or field.type == "year_month":
            show = dates.format_year_month
        elif field.sensitive and not full_numbers:
            show = masking.mask_id_number if field.check == "id_number" else masking.mask_phone
        elif field.type in {"date", "pledge"}:
            show = dates.format_date
        elif field.type in {"choice", "single_check"}:
            labels = {o.value: o.label for o in field.choices()}  # str enums look up by their value too

            def show(value):
                return labels.get(value, value)
        elif field.type == "multi_check":
            labels = {o.value: o.label for o in field.choices()}

            def show(values):
                return "、".join(labels.get(v, v) for v in values)
        else:
            show = str
        return lambda value: "" if value is None or value == "" or value == [] else show(value)


def _column(values: dict[str, list], parts: tuple[tuple[str, Callable[[Any], str]], ...]) -> list[str]:
    """One column's texts, a row each: most show one field, each distinct value shown once (男, 大学本科 and
    dates repeat thousands of times); 工作单位及职务 joins two."""
    if len(parts) == 1:
        bind, show = parts[0]
        keys = [tuple(value) if type(value) is list else value for value in values[bind]]  # ticked options: lists
        shown = {key: show(value) for key, value in dict(zip(keys, values[bind])).items()}
        return list(map(shown.__getitem__, keys))
    return [" ".join(text for text in (show(value) for (_bind, show), value in zip(parts, row)) if text)
            for row in zip(*(values[bind] for bind, _show in parts))]
