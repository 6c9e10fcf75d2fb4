"""The roster page (名册): find, sort, open, add and delete volunteers; and the recycle list (回收站)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.i18n import _
from volunteer_desk.services.retention import RetentionService
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.volunteers import InvalidVolunteer, VolunteerService
from volunteer_desk.ui.retention_dialog import purge_confirmed
from volunteer_desk.ui.roster_model import ID_ROLE, RosterModel


class _VolunteerTable(QWidget):
    """A search box over a roster table; shared by the roster and the recycle list."""

    def __init__(self, roster: RosterService, query: RosterQuery, parent=None):
        super().__init__(parent)
        self.model = RosterModel(roster, query, self)
        self.search = QLineEdit(self)
        self.search.setObjectName("rosterSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Find by name, pinyin initials (zs), phone, or the last digits of the ID number"))
        self.search.textChanged.connect(self._search)
        self.count = QLabel(self)
        self.count.setObjectName("rosterCount")
        self.view = QTableView(self)
        self.view.setObjectName("rosterView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(self.model.sort_column(), Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.model.modelReset.connect(self._update_count)
        self._update_count()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Widths from the text actually shown (first page) and the header, so dates and masked phones are
        never cut; free-text columns are capped and show the rest in a tooltip. Call again after 大字体."""
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        rows = min(self.model.rowCount(), 60)
        for c in range(self.model.columnCount()):
            texts = [self.model.headerData(c, Qt.Orientation.Horizontal) or ""]
            texts += [self.model.index(r, c).data() or "" for r in range(rows)]
            widest = max(metrics.horizontalAdvance(t) for t in texts)
            header.resizeSection(c, min(widest + metrics.averageCharWidth() * 3, metrics.height() * 10))
        self.view.verticalHeader().setDefaultSectionSize(metrics.height() + 12)

    def _search(self, text: str) -> None:
        self.model.set_search(text)

    def _update_count(self) -> None:
        self.count.setText(_("{n} people").format(n=self.model.rowCount()))

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def refresh(self) -> None:
        self.model.refresh()


class RosterPage(QWidget):
    open_requested = Signal(str)
    points_requested = Signal(str, str)  # id, name
    certificate_requested = Signal(str, str)  # id, name
    new_requested = Signal()
    changed = Signal()

    def __init__(self, roster: RosterService, volunteers: VolunteerService, parent=None):
        super().__init__(parent)
        self._volunteers = volunteers
        self.table = _VolunteerTable(roster, RosterQuery(), self)
        self.table.view.activated.connect(self._open_index)  # Enter, and a double click: one signal, one dialog
        self.unit = QComboBox(self)  # at a committee: one unit's volunteers, or everyone's (set_units)
        self.unit.hide()
        self.unit.currentIndexChanged.connect(lambda _index: self.table.model.set_query(
            replace(self.table.model.query, org_id=self.unit.currentData())))
        new = QPushButton(_("New volunteer (Ctrl+N)"), self)
        new.setObjectName("newVolunteer")
        new.clicked.connect(self.new_requested)
        self.open_button = QPushButton(_("Open"), self)
        self.open_button.clicked.connect(self._open_current)
        self.points_button = QPushButton(_("Hours and points…"), self)
        self.points_button.clicked.connect(self._points_current)
        self.certificate_button = QPushButton(_("Service certificate…"), self)
        self.certificate_button.clicked.connect(self._certificate_current)
        self.reveal_button = QPushButton(_("Show full numbers…"), self)
        self.reveal_button.setToolTip(_("Shows one person's full ID number and phones; written to the audit log."))
        self.reveal_button.clicked.connect(self.reveal_current)
        self.delete_button = QPushButton(_("Delete…"), self)
        self.delete_button.setObjectName("deleteVolunteer")
        self.delete_button.clicked.connect(self.delete_current)
        QShortcut(QKeySequence.StandardKey.Delete, self.table.view, activated=self.delete_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.hint = QLabel(self)
        self.hint.setObjectName("emptyHint")
        self.hint.setWordWrap(True)
        self.table.model.modelReset.connect(self._update_hint)
        self._update_hint()
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Find:"), self))
        top.addWidget(self.table.search, 1)
        top.addWidget(self.unit)
        top.addWidget(self.table.count)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.points_button)
        buttons.addWidget(self.certificate_button)
        buttons.addWidget(self.reveal_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table.view, 1)
        layout.addLayout(buttons)

    def _update_hint(self) -> None:
        """An empty list says why and what to do next."""
        search = self.table.model.query.search.strip()
        if self.table.model.rowCount():
            self.hint.hide()
            return
        if search:
            self.hint.setText(_("Nobody matches “{text}”. Type part of a name, pinyin initials such as zs, part "
                                "of a phone number, or the last digits of an ID number.").format(text=search))
        else:
            self.hint.setText(_("No volunteers are registered yet. Click “New volunteer” below (or press Ctrl+N) "
                                "to fill in the first registration form."))
        self.hint.show()

    def set_units(self, units: list[tuple[str, str]]) -> None:
        """Offer a choice of unit, (id, name) each, above the roster of them all (a committee's); the
        choice stays while the unit does."""
        chosen = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(_("All units"), None)
        for org_id, name in units:
            self.unit.addItem(name, org_id)
        self.unit.setCurrentIndex(max(self.unit.findData(chosen), 0) if chosen else 0)
        self.unit.blockSignals(False)
        self.unit.setVisible(len(units) > 1)
        self.table.model.set_query(replace(self.table.model.query, org_id=self.unit.currentData()))

    def focus_search(self) -> None:
        self.table.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.search.selectAll()

    def refresh(self, select: str | None = None) -> None:
        self.table.refresh()
        if select:
            row = self.table.model.row_of(select)
            if row >= 0:
                self.table.view.selectRow(row)
                self.table.view.scrollTo(self.table.model.index(row, 0))

    def _open_index(self, index: QModelIndex) -> None:
        volunteer_id = index.data(ID_ROLE)
        if volunteer_id:
            self.open_requested.emit(volunteer_id)

    def _open_current(self) -> None:
        volunteer_id = self.table.current_id()
        if volunteer_id:
            self.open_requested.emit(volunteer_id)

    def _points_current(self) -> None:
        self._emit_for_current(self.points_requested, _("Hours and points…"))

    def _certificate_current(self) -> None:
        self._emit_for_current(self.certificate_requested, _("Service certificate…"))

    def _emit_for_current(self, signal, title: str) -> None:
        volunteer_id = self.table.current_id()
        if volunteer_id:
            signal.emit(volunteer_id, self.table.view.currentIndex().siblingAtColumn(1).data())
        else:
            QMessageBox.information(self, title, _("First click the person in the list."))

    def reveal_current(self) -> None:
        """The roster masks numbers; this shows one record's in full after the operator confirms, and the
        service writes who looked, and when, to the audit log."""
        title = _("Show full numbers…")
        volunteer_id = self.table.current_id()
        if not volunteer_id:
            QMessageBox.information(self, title, _("First click the person in the list."))
            return
        name = self.table.view.currentIndex().siblingAtColumn(1).data()
        answer = QMessageBox.question(
            self, title, _("Show {name}'s full ID number and phone numbers? Your name and the time are written to "
                           "the audit log.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            id_number, mobile, phone = self._volunteers.reveal(volunteer_id)
        except InvalidVolunteer as gone:
            QMessageBox.warning(self, title, "\n".join(gone.result.errors.values()))
            self.changed.emit()
            return
        QMessageBox.information(self, title, _(
            "{name}\nID number: {id_number}\nMobile: {mobile}\nLandline: {phone}").format(
                name=name, id_number=id_number or "—", mobile=mobile or "—", phone=phone or "—"))

    def delete_current(self) -> None:
        volunteer_id = self.table.current_id()
        if not volunteer_id:
            QMessageBox.information(self, _("Delete"), _("First click the person to delete in the list."))
            return
        name = self.table.view.currentIndex().siblingAtColumn(1).data()
        answer = QMessageBox.question(
            self, _("Delete"),
            _("Delete {name}? The record goes to the recycle list and can be restored from there.").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes and self._volunteers.delete(volunteer_id):
            self.changed.emit()


class RecyclePage(QWidget):
    changed = Signal()

    def __init__(self, roster: RosterService, volunteers: VolunteerService, retention: RetentionService, parent=None):
        super().__init__(parent)
        self._volunteers = volunteers
        self._retention = retention
        self._task = None
        self.table = _VolunteerTable(roster, RosterQuery(deleted=True), self)
        self.table.view.setSortingEnabled(False)
        hint = QLabel(_("Deleted volunteers stay here until restored, or deleted permanently."), self)
        self.restore_button = QPushButton(_("Restore"), self)
        self.restore_button.setObjectName("restoreVolunteer")
        self.restore_button.clicked.connect(self.restore_current)
        self.purge_button = QPushButton(_("Delete permanently…"), self)
        self.purge_button.setObjectName("purgeVolunteer")
        self.purge_button.clicked.connect(self.purge_current)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Find:"), self))
        top.addWidget(self.table.search, 1)
        top.addWidget(self.table.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.purge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.table.view, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.table.refresh()

    def restore_current(self) -> None:
        volunteer_id = self.table.current_id()
        if not volunteer_id:
            QMessageBox.information(self, _("Restore"), _("First click the person to restore in the list."))
            return
        try:
            restored = self._volunteers.restore(volunteer_id)
        except InvalidVolunteer as exc:
            QMessageBox.warning(self, _("Restore"), str(exc))
            return
        if restored:
            self.changed.emit()

    def purge_current(self) -> None:
        volunteer_id = self.table.current_id()
        if not volunteer_id:
            QMessageBox.information(self, _("Delete permanently"), _("First click the person in the list."))
            return
        name = self.table.view.currentIndex().siblingAtColumn(1).data()
        self._task = purge_confirmed(self, self._retention, [(volunteer_id, name)], self.changed.emit)
