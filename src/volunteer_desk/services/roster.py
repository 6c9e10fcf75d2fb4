"""The roster (Sheet B) as rows of display text: formatted, and with ID numbers and phones masked; on screen,
each volunteer's star level (星级) follows the paper's columns."""

from __future__ import annotations

from collections.abc import Sequence
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

    def rows(self, keys: Sequence[int], *, full_numbers: bool = False) -> dict[int, tuple[str, tuple[str, ...]]]:
        """{row key: (volunteer id, display texts of the columns, all but 序号)}; ID numbers and phones masked
        unless `full_numbers` (a printout the operator chose to show them on, and the audit log recorded)."""
        with self._db.sessions() as session:
            values = store.fetch_values(session, keys, self._attributes)
            minutes = ledgers.total_minutes(session, [v["id"] for v in values.values()])
            thresholds = rules.star_thresholds(session)
        return {key: (v["id"], (*(self._cell(column, v, full_numbers) for column in self._data_columns),
                                stars.label(stars.star_level(minutes[v["id"]], thresholds))))
                for key, v in values.items()}

    def _cell(self, column: Column, values: dict[str, Any], full_numbers: bool = False) -> str:
        parts = [self._text(key, values[self.form.fields[key].bind], column.format, full_numbers)
                 for key in column.show]
        return " ".join(p for p in parts if p)

    def _text(self, key: str, value: Any, display: str | None = None, full_numbers: bool = False) -> str:
        field = self.form.fields[key]
        if value is None or value == "" or value == []:
            return ""
        if display == "year_month":
            return dates.format_year_month(value)
        if field.sensitive and not full_numbers:
            return masking.mask_id_number(value) if field.check == "id_number" else masking.mask_phone(value)
        if field.type == "year_month":
            return dates.format_year_month(value)
        if field.type in {"date", "pledge"}:
            return dates.format_date(value)
        if field.type == "choice":
            return value.label if hasattr(value, "label") else field.label_of(value)
        if field.type == "single_check":
            return field.label_of(value)
        if field.type == "multi_check":
            return "、".join(field.label_of(v) for v in value)
        return str(value)
