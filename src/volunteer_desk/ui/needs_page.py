"""群众需求 / 微心愿: the needs recorded, newest first; for the one clicked, its details and the volunteers whose
服务意向, 特长 and free time fit it, with why; assign it to one of them or to a team, close it with its result,
reopen it when it turns out not to be met."""

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.i18n import N_, _
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.needs import Match, NeedService, NeedStatus, NeedSummary
from volunteer_desk.services.pairing import PairingService
from volunteer_desk.services.teams import TeamNode, TeamService
from volunteer_desk.ui.field_errors import errors_text
from volunteer_desk.ui.need_dialog import CloseNeedDialog, NeedDialog, date_edit
from volunteer_desk.ui.rows_model import ROW_ROLE, RowsModel

COLUMNS = (N_("Date raised"), N_("Title"), N_("Person served"), N_("Status"), N_("Assigned to"))
MATCH_COLUMNS = (N_("Name"), N_("Why they fit"))


def _cells(row: NeedSummary) -> tuple[str, ...]:
    return (row.raised_on.isoformat(), row.title, row.person_served_name, row.status.label, row.assigned_to)


def _match_cells(row: Match) -> tuple[str, ...]:
    return (row.name, "；".join(row.reasons))


def _table(model: RowsModel, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _team_choices(nodes: Sequence[TeamNode], depth: int = 0) -> list[tuple[str, TeamNode]]:
    """(label, team) of every team, detachments indented under their brigade."""
    choices = []
    for node in nodes:
        choices.append(("　" * depth + f"{node.name}（{node.kind.label}）", node))
        choices.extend(_team_choices(node.children, depth + 1))
    return choices


class NeedsPage(QWidget):
    def __init__(self, needs: NeedService, teams: TeamService, pairing: PairingService, categories: CategoryService,
                 *, today=dt.date.today, parent=None):
        super().__init__(parent)
        self._needs, self._teams, self._pairing, self._categories = needs, teams, pairing, categories
        self._today = today
        self.status = QComboBox(self)
        self.status.addItem(_("All"), None)
        for status in NeedStatus:
            self.status.addItem(status.label, status.value)
        self.status.currentIndexChanged.connect(lambda _index: self.refresh())
        self.count = QLabel(self)
        self.count.setWordWrap(True)
        self.model = RowsModel(COLUMNS, _cells, parent=self)
        self.view = _table(self.model, self)
        self.view.horizontalHeader().setStretchLastSection(False)
        self._loading = False
        self.view.selectionModel().currentRowChanged.connect(lambda *_args: self._loading or self._show_need())
        self.view.activated.connect(lambda _index: self.edit_need())
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Status:"), self))
        top.addWidget(self.status)
        top.addWidget(self.count, 1)
        for label, slot in ((_("New need…"), self.new_need), (_("Edit…"), self.edit_need),
                            (_("Delete…"), self.delete_need)):
            button = QPushButton(label, self)
            button.clicked.connect(slot)
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        columns = QSplitter(self)  # dragged wider when long titles or reasons are cut short
        columns.setChildrenCollapsible(False)
        columns.addWidget(self.view)
        columns.addWidget(self._panel())
        columns.setSizes([6000, 5000])  # shares of the width, whatever the panel's tables would like
        layout.addWidget(columns, 1)
        self._show_need()

    def _panel(self) -> QWidget:
        """The selected need: its details, who could help, and what can be done with it."""
        self.title = QLabel(self)
        self.title.setObjectName("sheetTitle")
        self.title.setWordWrap(True)
        self.details = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, label in (("raised_on", _("Date raised")), ("person", _("Person served")),
                           ("category", _("Category")), ("status", _("Status")), ("assigned_to", _("Assigned to")),
                           ("description", _("What is needed")), ("result", _("Result")),
                           ("closed_on", _("Date closed"))):
            self.fields[key] = QLabel(self)
            self.fields[key].setWordWrap(True)
            self.details.addRow(label, self.fields[key])
        self.on = date_edit(self._today(), self)
        self.on.dateChanged.connect(lambda _date: self._show_matches())
        self.match_model = RowsModel(MATCH_COLUMNS, _match_cells, parent=self)
        self.matches = _table(self.match_model, self)
        # the reasons wrap rather than end in “…”, at whatever width the panel has
        self.matches.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.no_match = QLabel(_("No volunteer's service intentions or skills fit this need. Say in the need who it "
                                 "is for (old people, children, disabled people) or what skill it takes (nursing, "
                                 "law), or assign it to a team."), self)
        self.no_match.setObjectName("emptyHint")
        self.no_match.setWordWrap(True)
        self.no_match.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.actions: dict[str, QPushButton] = {}
        for key, label, slot in (("volunteer", _("Assign to this volunteer"), self.assign_to_volunteer),
                                 ("team", _("Assign to a team…"), self.assign_to_team),
                                 ("close", _("Close with result…"), self.close_need),
                                 ("reopen", _("Reopen"), self.reopen_need)):
            self.actions[key] = QPushButton(label, self)
            self.actions[key].clicked.connect(slot)
        self.helpers = QWidget(self)  # hidden for a closed need: nobody is to be found for it any more
        who = QHBoxLayout()
        heading = QLabel(_("Volunteers who could help, best first"), self)
        heading.setWordWrap(True)  # rather than hold the panel wide when the text is large
        who.addWidget(heading, 1)
        who.addWidget(QLabel(_("Help wanted on:"), self))
        who.addWidget(self.on)
        helpers = QVBoxLayout(self.helpers)
        helpers.setContentsMargins(0, 0, 0, 0)
        helpers.addLayout(who)
        helpers.addWidget(self.matches, 1)
        helpers.addWidget(self.no_match)
        helpers.addStretch(0)
        assign, finish = QHBoxLayout(), QHBoxLayout()
        for row, keys in ((assign, ("volunteer", "team")), (finish, ("close", "reopen"))):
            for key in keys:
                row.addWidget(self.actions[key])
            row.addStretch(1)
        widget = QWidget(self)
        panel = QVBoxLayout(widget)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.title)
        panel.addLayout(self.details)
        panel.addWidget(self.helpers, 1)
        panel.addStretch(0)
        panel.addLayout(assign)
        panel.addLayout(finish)
        return widget

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    # --- what is shown ---------------------------------------------------------------------------------------

    def current_need(self) -> NeedSummary | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def current_match(self) -> Match | None:
        index = self.matches.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def refresh(self, select: str | None = None) -> None:
        """Reload the list, keeping (or moving to) `select` or the need that was selected."""
        wanted = select or (need.id if (need := self.current_need()) else None)
        rows = self._needs.list(self.status.currentData())
        self._loading = True  # the need is shown once, below, not once per step of the reload
        self.model.set_rows(rows)
        position = next((i for i, row in enumerate(rows) if row.id == wanted), None)
        if position is not None:
            self.view.selectRow(position)
        self._loading = False
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        text = _("{n} needs").format(n=len(rows))
        moved = self._needs.get(select) if select and position is None else None
        if moved:  # an action took it out of the status shown: say where it went rather than let it vanish
            text += "  " + _("“{title}” is now {status}; choose “All” to see it.").format(
                title=moved.title, status=moved.status.label)
        self.count.setText(text)
        self._show_need()

    def _show_need(self) -> None:
        need = self.current_need()
        self.title.setText(need.title if need else _("Click a need in the list to see who could help."))
        values = {
            "raised_on": need.raised_on.isoformat(), "person": need.person_served_name,
            "category": need.category_name, "status": need.status.label, "assigned_to": need.assigned_to,
            "description": need.description, "result": need.result,
            "closed_on": need.closed_on.isoformat() if need.closed_on else "",
        } if need else {}
        for key, label in self.fields.items():
            label.setText(values.get(key, ""))
            self.details.setRowVisible(label, bool(values.get(key)))
        closed = need is not None and need.status is NeedStatus.CLOSED
        for key in ("volunteer", "team", "close"):
            self.actions[key].setEnabled(need is not None and not closed)
        self.actions["reopen"].setEnabled(closed)
        self._show_matches()

    def _show_matches(self) -> None:
        need = self.current_need()
        wanted = need is not None and need.status is not NeedStatus.CLOSED
        found = self._needs.matches(need.id, on=self.on.date().toPython()) if wanted else []
        self.match_model.set_rows(found)
        self.matches.resizeColumnToContents(0)
        self.matches.setVisible(bool(found))
        self.no_match.setVisible(not found)
        self.helpers.setVisible(wanted)

    # --- actions ---------------------------------------------------------------------------------------------

    def _selected(self, title: str) -> NeedSummary | None:
        need = self.current_need()
        if need is None:
            QMessageBox.information(self, title, _("First click the need in the list."))
        return need

    def _run(self, title: str, action: Callable[[], None], select: str | None) -> None:
        """Do it, explain a refusal, and show the list as it now is (also after a refusal: it may have changed)."""
        try:
            action()
        except InvalidEntry as exc:
            QMessageBox.warning(self, title, errors_text(exc.errors))
        self.refresh(select=select)

    def _handing_over(self, title: str, need: NeedSummary, to: str, *, theirs: bool) -> bool:
        """True to go on: asks first when the need would be taken from whoever has it now (unless it is `theirs`)."""
        if not need.assigned_to or theirs:
            return True
        question = _("“{title}” is assigned to {old}. Hand it to {new} instead?")
        answer = QMessageBox.question(self, title, question.format(title=need.title, old=need.assigned_to, new=to))
        return answer == QMessageBox.StandardButton.Yes

    def new_need(self) -> None:
        dialog = NeedDialog(self._needs, self._pairing, self._categories, today=self._today, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select=dialog.need_id)

    def edit_need(self) -> None:
        need = self._selected(_("Edit need"))
        if need is None:
            return
        dialog = NeedDialog(self._needs, self._pairing, self._categories, need.id, today=self._today, parent=self)
        dialog.exec()
        self.refresh(select=need.id)

    def delete_need(self) -> None:
        need = self._selected(_("Delete need"))
        if need is None:
            return
        answer = QMessageBox.question(self, _("Delete need"), _("Delete the need “{title}”? This cannot be undone.")
                                      .format(title=need.title))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(_("Delete need"), lambda: self._needs.delete(need.id), None)

    def assign_to_volunteer(self) -> None:
        title = _("Assign to this volunteer")
        need = self._selected(title)
        if need is None:
            return
        match = self.current_match()
        if match is None:
            QMessageBox.information(self, title, _("First click a volunteer in the list of who could help."))
            return
        if self._handing_over(title, need, match.name, theirs=need.assigned_volunteer_id == match.volunteer_id):
            self._run(title, lambda: self._needs.assign(need.id, volunteer_id=match.volunteer_id), need.id)

    def assign_to_team(self) -> None:
        title = _("Assign to a team")
        need = self._selected(title)
        if need is None:
            return
        choices = _team_choices(self._teams.tree())
        if not choices:
            QMessageBox.information(self, title, _("There are no teams yet. Create one on the teams page first."))
            return
        labels = [label for label, _team in choices]
        chosen, ok = QInputDialog.getItem(self, title, _("Which team takes on “{title}”:").format(title=need.title),
                                          labels, 0, False)
        if not ok:
            return
        team = choices[labels.index(chosen)][1]
        if self._handing_over(title, need, team.name, theirs=need.assigned_team_id == team.id):
            self._run(title, lambda: self._needs.assign(need.id, team_id=team.id), need.id)

    def close_need(self) -> None:
        need = self._selected(_("Close the need"))
        if need is None:
            return
        CloseNeedDialog(self._needs, need.id, today=self._today, parent=self).exec()
        self.refresh(select=need.id)

    def reopen_need(self) -> None:
        need = self._selected(_("Reopen"))
        if need is None:
            return
        answer = QMessageBox.question(self, _("Reopen"), _(
            "Reopen “{title}”? Its result and closing date will be cleared.").format(title=need.title))
        if answer == QMessageBox.StandardButton.Yes:
            self._run(_("Reopen"), lambda: self._needs.reopen(need.id), need.id)
