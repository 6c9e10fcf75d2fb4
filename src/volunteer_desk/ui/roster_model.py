"""The roster as a Qt table model over any number of volunteers.

The database sorts and filters and hands back the ordered row keys; the model fetches display rows
in pages as the view asks for them, so opening, filtering, sorting and scrolling cost about the same
for 300 or 100,000 people.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from volunteer_desk.services.roster import RosterQuery, RosterService

ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 128
PAGES_KEPT = 64

Index = QModelIndex | QPersistentModelIndex
Page = dict[int, tuple[str, tuple[str, ...]]]


class RosterModel(QAbstractTableModel):
    def __init__(self, service: RosterService, query: RosterQuery | None = None, parent=None):
        super().__init__(parent)
        self._service = service
        self._columns = service.columns
        self._query = query or RosterQuery()
        self._keys: list[int] = []
        self._pages: OrderedDict[int, Page] = OrderedDict()
        self.refresh()

    @property
    def query(self) -> RosterQuery:
        return self._query

    def set_query(self, query: RosterQuery) -> None:
        if query != self._query:
            self._query = query
            self.refresh()

    def set_search(self, text: str) -> None:
        self.set_query(replace(self._query, search=text))

    def refresh(self) -> None:
        """Re-read after any change."""
        self.beginResetModel()
        self._keys = self._service.keys(self._query)
        self._pages.clear()
        self.endResetModel()

    def id_at(self, row: int) -> str | None:
        entry = self._entry(row)
        return entry[0] if entry else None

    def row_of(self, volunteer_id: str) -> int:
        key = self._service.key_of(volunteer_id)
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    def sort_column(self) -> int:
        for i, column in enumerate(self._columns):
            if self._service.sort_key_of(column) == self._query.sort:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].label if 0 <= section < len(self._columns) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._keys)):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == ID_ROLE:
            return self.id_at(row)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return str(row + 1)  # 序号 follows the current order, as on the printed roster
        entry = self._entry(row)
        return entry[1][column - 1] if entry else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._service.sort_key_of(self._columns[column]) if 0 <= column < len(self._columns) else None
        if key is not None:
            self.set_query(replace(self._query, sort=key, descending=order == Qt.SortOrder.DescendingOrder))

    def _entry(self, row: int) -> tuple[str, tuple[str, ...]] | None:
        if not 0 <= row < len(self._keys):
            return None
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            page = self._service.rows(self._keys[number * PAGE:(number + 1) * PAGE])
            self._pages[number] = page
            if len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self._keys[row])
