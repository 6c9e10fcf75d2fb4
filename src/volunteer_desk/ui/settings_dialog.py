"""Settings → 本单位信息: change what the first-start wizard asked."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGroupBox, QVBoxLayout

from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services.setup import InvalidSetup, SetupService
from volunteer_desk.ui.setup_form import OrganisationForm, RoleForm


class OrganisationSettingsDialog(QDialog):
    def __init__(self, service: SetupService, parent=None):
        super().__init__(parent)
        self._service = service
        self.setWindowTitle(_("Our organisation"))
        self.role = RoleForm(self)
        self.organisation = OrganisationForm(self)
        current = service.current()
        self.role.set_role(current.role)
        self.organisation.fill(current)
        role_box = QGroupBox(_("This computer is used by"), self)
        QVBoxLayout(role_box).addWidget(self.role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(role_box)
        layout.addWidget(self.organisation)
        layout.addWidget(buttons)
        self.resize(720, 520)

    def accept(self) -> None:
        try:
            self._service.save(self.organisation.read_into(SetupInfo(role=self.role.role())))
        except InvalidSetup as exc:
            self.organisation.show_errors(exc.errors)
            return
        super().accept()
