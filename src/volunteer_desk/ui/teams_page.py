"""服务队: the 大队 → 支队 tree and the standalone 服务队, their members with roles, and the warnings
the documents' rules give (size, leaders, 责任人 and 联络员) — warnings, never refusals."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain.enums import TeamKind, TeamRole
from volunteer_desk.i18n import _
from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.stations import StationService
from volunteer_desk.services.teams import TeamInfo, TeamInput, TeamNode, TeamService
from volunteer_desk.ui.field_errors import errors_text

TEAM_ROLE = Qt.ItemDataRole.UserRole + 1


class TeamDialog(QDialog):
    """A team's name, kind, the brigade a 支队 belongs to, its service category, and optionally the station it
    serves at and the brand project it runs. Without `team`, a new team."""

    def __init__(self, teams: TeamService, categories: CategoryService, stations: StationService,
                 team: TeamInfo | None = None, parent=None):
        super().__init__(parent)
        self._teams, self._editing = teams, team
        self.team_id: str | None = team.id if team else None
        self.setWindowTitle(_("Edit team") if team else _("New team"))
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        for kind in TeamKind:
            self.kind.addItem(kind.label, kind.value)
        self.parent_team = QComboBox(self)
        self.parent_team.addItem("", None)
        for team_id, name in teams.brigades():
            if team is None or team_id != team.id:
                self.parent_team.addItem(name, team_id)
        self.category = QComboBox(self)
        for category in categories.list(include_inactive=False):
            self.category.addItem(category.name, category.id)
        self.station = QComboBox(self)
        self.station.addItem("", None)
        for station in stations.stations():
            self.station.addItem(station.name, station.id)
        self.project = QComboBox(self)
        self.project.addItem("", None)
        for project in stations.projects():
            self.project.addItem(project.name, project.id)
        if team is not None:
            self.name.setText(team.name)
            for combo, value, text in ((self.kind, team.kind.value, team.kind.label),
                                       (self.parent_team, team.parent_id, team.parent_name),
                                       (self.category, team.category_id, team.category_name),
                                       (self.station, team.station_id, team.station_name),
                                       (self.project, team.brand_project_id, team.brand_project_name)):
                if combo.findData(value) < 0:  # out of use or deleted since: still shown, as saved
                    combo.addItem(text, value)
                combo.setCurrentIndex(combo.findData(value))
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Team name"), self.name)
        form.addRow(_("Team kind"), self.kind)
        form.addRow(_("Brigade (for a detachment)"), self.parent_team)
        form.addRow(_("Service category"), self.category)
        form.addRow(_("Service station"), self.station)
        form.addRow(_("Brand project"), self.project)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def accept(self) -> None:
        entry = TeamInput(name=self.name.text(), kind=TeamKind(self.kind.currentData()),
                          category_id=self.category.currentData(), parent_id=self.parent_team.currentData(),
                          station_id=self.station.currentData(), brand_project_id=self.project.currentData())
        try:
            if self._editing is None:
                self.team_id = self._teams.create(entry)
            else:
                self._teams.update(self._editing.id, entry)
        except InvalidEntry as exc:  # the dialog stays open with what was typed
            self.message.setText(errors_text(exc.errors))
            return
        super().accept()


class TeamsPage(QWidget):
    def __init__(self, teams: TeamService, categories: CategoryService, activities: ActivityService,
                 stations: StationService, *, today=dt.date.today, parent=None):
        super().__init__(parent)
        self._teams, self._categories, self._activities, self._today = teams, categories, activities, today
        self._stations = stations
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("Team"), _("Team kind"), _("Members")])
        self.tree.currentItemChanged.connect(lambda *_args: self._show_team())
        self.title = QLabel(self)
        self.title.setObjectName("sheetTitle")
        self.warnings = QLabel(self)
        self.warnings.setObjectName("teamWarnings")
        self.warnings.setWordWrap(True)
        self.members = QTableWidget(0, 3, self)
        self.members.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Date joined")])
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.verticalHeader().hide()
        new = QPushButton(_("New team…"), self)
        new.clicked.connect(self.new_team)
        edit = QPushButton(_("Edit team…"), self)
        edit.clicked.connect(self.edit_team)
        delete = QPushButton(_("Delete team…"), self)
        delete.clicked.connect(self.delete_team)
        self.tree.itemDoubleClicked.connect(lambda *_args: self.edit_team())
        add = QPushButton(_("Add member…"), self)
        add.clicked.connect(self.add_member)
        leave = QPushButton(_("Member leaves"), self)
        leave.clicked.connect(self.member_leaves)
        left = QVBoxLayout()
        left.addWidget(self.tree, 1)
        team_buttons = QHBoxLayout()
        for button in (new, edit, delete):
            team_buttons.addWidget(button)
        left.addLayout(team_buttons)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.warnings)
        right.addWidget(self.members, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(leave)
        buttons.addStretch(1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self._member_ids: list[str] = []

    def showEvent(self, event) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self, select: str | None = None) -> None:
        current = select or self.current_team()
        self.tree.clear()

        def add(node: TeamNode, parent) -> None:
            item = QTreeWidgetItem(parent, [node.name + (" ⚠" if node.warnings else ""), node.kind.label,
                                            str(node.member_count)])
            item.setData(0, TEAM_ROLE, node.id)
            if node.warnings:
                item.setToolTip(0, "\n".join(node.warnings))
            for child in node.children:
                add(child, item)
            if node.id == current:
                self.tree.setCurrentItem(item)

        for node in self._teams.tree():
            add(node, self.tree)
        self.tree.expandAll()
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        self._show_team()

    def current_team(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, TEAM_ROLE) if item else None

    def _show_team(self) -> None:
        team_id = self.current_team()
        info = self._teams.get(team_id) if team_id else None
        details = "，".join(part for part in (info.kind.label, info.category_name, info.station_name,
                                              info.brand_project_name) if part) if info else ""
        self.title.setText(f"{info.name}（{details}）" if info else "")
        self.warnings.setText("\n".join(f"⚠ {w}" for w in info.warnings) if info else "")
        members = info.members if info else ()
        self._member_ids = [m.membership_id for m in members]
        self.members.setRowCount(len(members))
        for row, member in enumerate(members):
            for column, text in enumerate((member.name, member.role.label,
                                           member.joined_on.isoformat() if member.joined_on else "")):
                self.members.setItem(row, column, QTableWidgetItem(text))

    def new_team(self) -> None:
        dialog = TeamDialog(self._teams, self._categories, self._stations, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select=dialog.team_id)

    def edit_team(self) -> None:
        info = self._teams.get(self.current_team()) if self.current_team() else None
        if info is None:
            QMessageBox.information(self, _("Edit team"), _("First click the team in the list."))
            return
        dialog = TeamDialog(self._teams, self._categories, self._stations, info, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh(select=info.id)

    def delete_team(self) -> None:
        info = self._teams.get(self.current_team()) if self.current_team() else None
        if info is None:
            QMessageBox.information(self, _("Delete team"), _("First click the team in the list."))
            return
        answer = QMessageBox.question(self, _("Delete team"), _("Delete the team “{name}”?").format(name=info.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._teams.delete(info.id)
        except InvalidEntry as exc:
            QMessageBox.warning(self, _("Delete team"), errors_text(exc.errors))
            return
        self.refresh()

    def add_member(self) -> None:
        team_id = self.current_team()
        if team_id is None:
            QMessageBox.information(self, _("Add member"), _("First click the team in the list."))
            return
        text, ok = QInputDialog.getText(self, _("Add member"), _("Name or pinyin initials:"))
        candidates = self._activities.resolve_participant(text) if ok and text.strip() else []
        if ok and not candidates:
            QMessageBox.information(self, _("Add member"), _("Nobody on the roster matches; check the name or initials."))
        if not candidates:
            return
        labels = [f"{c.name}  {c.mobile}" for c in candidates]
        chosen, ok = QInputDialog.getItem(self, _("Add member"), _("Who:"), labels, 0, False)
        if not ok:
            return
        roles = [role.label for role in TeamRole]
        role_label, ok = QInputDialog.getItem(self, _("Add member"), _("Role:"), roles, len(roles) - 1, False)
        if not ok:
            return
        volunteer = candidates[labels.index(chosen)]
        try:
            self._teams.add_member(team_id, volunteer.volunteer_id, list(TeamRole)[roles.index(role_label)],
                                   joined_on=self._today())
        except InvalidEntry as exc:
            QMessageBox.warning(self, _("Add member"), errors_text(exc.errors))
            return
        self.refresh()

    def member_leaves(self) -> None:
        row = self.members.currentRow()
        if row < 0:
            QMessageBox.information(self, _("Member leaves"), _("First click the member in the list."))
            return
        try:
            self._teams.leave(self._member_ids[row], left_on=self._today())
        except InvalidEntry as exc:
            QMessageBox.warning(self, _("Member leaves"), errors_text(exc.errors))
            return
        self.refresh()
