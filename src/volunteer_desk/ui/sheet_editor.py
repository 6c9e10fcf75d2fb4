"""An editor laid out like a paper sheet, built from its forms/*.toml description.

The grid, the labels and the order of the cells come from the spec, so the screen mirrors the paper
cell for cell; Tab follows the sheet, Enter moves to the next field.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from volunteer_desk.formspec import FormSpec, Row
from volunteer_desk.i18n import _
from volunteer_desk.ui.field_widgets import CheckField, FieldWidget, make_field_widget

ROW_HEIGHT = 34  # one sheet row, in pixels at normal text size


class _Cell(QFrame):
    """A bordered cell of the sheet: the field, and its error message underneath."""

    def __init__(self, inner: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName("sheetCell")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(1)
        layout.addWidget(inner, 1)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.RichText)
        self.error.hide()
        layout.addWidget(self.error)


class _EnterMovesOn(QObject):
    """Enter in a one-line field moves to the next field, as on a paper form filled top to bottom."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            watched.focusNextChild()
            return True
        return False


class SheetEditor(QWidget):
    changed = Signal()
    link_activated = Signal(str)

    def __init__(self, spec: FormSpec, *, organisations: list[tuple[str, str]] | None = None, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.widgets: dict[str, FieldWidget] = {}
        self._cells: dict[str, _Cell] = {}
        self._others: dict[str, CheckField] = {}  # 'other' text field key → the check field holding it
        self._enter = _EnterMovesOn(self)
        layout = QVBoxLayout(self)
        title = QLabel(spec.title, self)
        title.setObjectName("sheetTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        layout.addWidget(self._grid(spec.rows, organisations))
        if spec.extra_rows:
            extra = QGroupBox(_("Also kept for the roster (not printed on this sheet)"), self)
            box = QVBoxLayout(extra)
            box.addWidget(self._grid(spec.extra_rows, organisations))
            layout.addWidget(extra)
        layout.addStretch(1)
        self._chain_tab_order()

    def _grid(self, rows: tuple[Row, ...], organisations) -> QWidget:
        frame = QFrame(self)
        frame.setObjectName("sheetGrid")
        grid = QGridLayout(frame)
        grid.setSpacing(0)
        grid.setContentsMargins(0, 0, 0, 0)
        for c, weight in enumerate(self.spec.column_widths):
            grid.setColumnStretch(c, int(weight))
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            grid.setRowMinimumHeight(r, int(ROW_HEIGHT * row.height))
            c = 0
            for cell in row.cells:
                while (r, c) in taken:
                    c += 1
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                grid.addWidget(self._cell_widget(cell, organisations), r, c, cell.rowspan, cell.colspan)
                c += cell.colspan
        return frame

    def _cell_widget(self, cell, organisations) -> QWidget:
        if cell.label is not None:
            label = QLabel(cell.label, self)
            label.setObjectName("sheetLabel")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            return label
        field = self.spec.fields[cell.field]
        other = self.spec.fields.get(field.other) if field.other else None
        widget = make_field_widget(field, other=other, organisations=organisations)
        widget.changed.connect(self.changed)
        for target in widget.focus_targets():
            if isinstance(target, QLineEdit):
                target.installEventFilter(self._enter)
        self.widgets[field.key] = widget
        if other and isinstance(widget, CheckField):
            self._others[other.key] = widget
        holder = _Cell(widget, self)
        holder.error.linkActivated.connect(self.link_activated)
        self._cells[field.key] = holder
        if other:
            self._cells[other.key] = holder
        return holder

    def _chain_tab_order(self) -> None:
        targets = [t for w in self.widgets.values() for t in w.focus_targets()]
        for first, second in zip(targets, targets[1:]):
            QWidget.setTabOrder(first, second)

    # Values -------------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        raw = {key: widget.value() for key, widget in self.widgets.items()}
        for key, holder in self._others.items():
            raw[key] = holder.other_value()
        return raw

    def set_values(self, raw: dict[str, Any]) -> None:
        for key, widget in self.widgets.items():
            if key in raw:
                widget.set_value(raw[key])
        for key, holder in self._others.items():
            if key in raw:
                holder.set_other_value(raw[key])
        self.show_errors({})

    def set_value(self, key: str, value: Any) -> None:
        if key in self._others:
            self._others[key].set_other_value(value)
        else:
            self.widgets[key].set_value(value)

    # Messages -----------------------------------------------------------------------------------

    def show_errors(self, errors: dict[str, str], warnings: dict[str, str] | None = None) -> None:
        """Each message on its own field; fields not named are cleared. Errors are red, warnings amber."""
        warnings = warnings or {}
        for key, holder in self._cells.items():
            if key in self._others and key not in errors and key not in warnings:
                continue  # shares its cell with the check field, which speaks for it
            message = errors.get(key) or warnings.get(key)
            holder.error.setProperty("warning", key not in errors)
            holder.error.setText(message or "")
            holder.error.setVisible(bool(message))
            holder.setProperty("invalid", key in errors)
            holder.style().unpolish(holder)
            holder.style().polish(holder)
            holder.error.style().unpolish(holder.error)
            holder.error.style().polish(holder.error)

    def error_text(self, key: str) -> str:
        holder = self._cells[key]
        return "" if holder.error.isHidden() else holder.error.text()

    def focus_field(self, key: str) -> None:
        widget = self._others.get(key) or self.widgets[key]
        targets = widget.focus_targets()
        (targets[-1] if key in self._others else targets[0]).setFocus(Qt.FocusReason.OtherFocusReason)
