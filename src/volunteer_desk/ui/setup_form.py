"""The questions about this installation, shared by the first-start wizard and Settings."""

from PySide6.QtWidgets import QButtonGroup, QFormLayout, QLabel, QLineEdit, QRadioButton, QSpinBox, QVBoxLayout, QWidget

from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.domain.setup import MAX_MEMBERS, SetupInfo
from volunteer_desk.i18n import _


class RoleForm(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.branch = QRadioButton(_("A branch (支部): we register our own volunteers and send our data up "
                                     "every quarter"), self)
        self.committee = QRadioButton(_("A parent committee (上级党组织): we receive our branches' data and "
                                        "report across them"), self)
        for button in (self.branch, self.committee):
            button.setObjectName(f"role_{'branch' if button is self.branch else 'committee'}")
            self.group.addButton(button)
            layout.addWidget(button)
        self.branch.setChecked(True)

    def role(self) -> OrgLevel:
        return OrgLevel.COMMITTEE if self.committee.isChecked() else OrgLevel.BRANCH

    def set_role(self, role: OrgLevel) -> None:
        (self.committee if role is OrgLevel.COMMITTEE else self.branch).setChecked(True)


class OrganisationForm(QWidget):
    """Name, code, parent, Party members and operator, each with its message underneath."""

    FIELDS = ("name", "code", "parent_name", "party_members", "operator")

    def __init__(self, parent=None, *, with_operator: bool = True):
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("e.g. 西湖街道机关第一党支部"))
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(_("e.g. 320412-001"))
        self.parent_name = QLineEdit(self)
        self.parent_name.setPlaceholderText(_("e.g. 西湖街道党工委"))
        self.party_members = QSpinBox(self)
        self.party_members.setRange(0, MAX_MEMBERS)
        self.operator = QLineEdit(self)
        self.errors: dict[str, QLabel] = {}
        rows = [(_("Organisation name"), self.name), (_("Organisation code"), self.code),
                (_("Parent organisation"), self.parent_name), (_("Party members in the unit"), self.party_members)]
        if with_operator:
            rows.append((_("Operator's name"), self.operator))
        for (label, widget), key in zip(rows, self.FIELDS):
            widget.setObjectName(f"setup_{key}")
            self.form.addRow(label, widget)
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.hide()
            self.form.addRow("", error)
            self.errors[key] = error
        hint = QLabel(_("The number of Party members is the basis of the rule that at least half of them take "
                        "part in volunteer service."), self)
        hint.setWordWrap(True)
        self.form.addRow("", hint)

    def fill(self, info: SetupInfo) -> None:
        self.name.setText(info.name)
        self.code.setText(info.code)
        self.parent_name.setText(info.parent_name)
        self.party_members.setValue(info.party_members)
        self.operator.setText(info.operator)

    def read_into(self, info: SetupInfo) -> SetupInfo:
        info.name, info.code = self.name.text(), self.code.text()
        info.parent_name, info.party_members = self.parent_name.text(), self.party_members.value()
        info.operator = self.operator.text()
        return info

    def show_errors(self, errors: dict[str, str], keys=FIELDS) -> bool:
        """Show the messages for `keys`; True when none of them has one."""
        for key in keys:
            label = self.errors.get(key)
            if label is not None:
                label.setText(errors.get(key, ""))
                label.setVisible(key in errors)
        return not any(key in errors for key in keys)
