"""The first-start wizard: branch or committee, the organisation, the operator, and practice data."""

from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QVBoxLayout, QWizard, QWizardPage

from volunteer_desk.domain.setup import SetupInfo
from volunteer_desk.i18n import _
from volunteer_desk.services import demo
from volunteer_desk.services.database import Database
from volunteer_desk.services.progress import Cancelled
from volunteer_desk.services.setup import InvalidSetup, SetupService
from volunteer_desk.ui.setup_form import OrganisationForm, RoleForm
from volunteer_desk.ui.tasks import run_task

DEMO_VOLUNTEERS = 3000


class _RolePage(QWizardPage):
    def __init__(self, form: RoleForm):
        super().__init__()
        self.setTitle(_("Welcome to VolunteerDesk"))
        self.setSubTitle(_("Three short questions set the program up. Everything can be changed later under "
                           "Settings."))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Who will use this computer?"), self))
        layout.addWidget(form)
        layout.addStretch(1)


class _OrganisationPage(QWizardPage):
    def __init__(self, wizard: "SetupWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Your organisation"))
        layout = QVBoxLayout(self)
        layout.addWidget(wizard.organisation)
        layout.addWidget(wizard.demo_box)

    def validatePage(self) -> bool:
        return self._wizard.check_page()


class SetupWizard(QWizard):
    """Saves the answers when finished; with 'practice data' ticked, fills a demo roster off the UI thread."""

    def __init__(self, service: SetupService, database: Database, parent=None):
        super().__init__(parent)
        self._service = service
        self._database = database
        self.setWindowTitle(_("Set up VolunteerDesk"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.role = RoleForm(self)
        self.organisation = OrganisationForm(self)
        self.demo_box = QCheckBox(_("Also fill in {n} made-up volunteers to practise with (a practice "
                                    "database; do not use it for real records)").format(n=DEMO_VOLUNTEERS), self)
        self.demo_box.setObjectName("setup_demo")
        current = service.current()
        self.role.set_role(current.role)
        self.organisation.fill(current)
        self.addPage(_RolePage(self.role))
        self.addPage(_OrganisationPage(self))
        self.resize(760, 560)

    def info(self) -> SetupInfo:
        return self.organisation.read_into(SetupInfo(role=self.role.role()))

    def check_page(self) -> bool:
        return self.organisation.show_errors(self._service.check(self.info()))

    def accept(self) -> None:
        try:
            self._service.save(self.info())
        except InvalidSetup as exc:
            self.organisation.show_errors(exc.errors)
            return
        if not self.demo_box.isChecked():
            super().accept()
            return
        self._progress = run_task(
            self, _("Making practice data…"),
            lambda progress: demo.fill(self._database, volunteers=DEMO_VOLUNTEERS, progress=progress),
            on_done=lambda _summary: super(SetupWizard, self).accept(),
            on_failed=self._demo_failed,
        )

    def _demo_failed(self, exc: Exception) -> None:
        if not isinstance(exc, Cancelled):
            QMessageBox.warning(self, _("Practice data"),
                                _("The practice data could not be made; the program starts with an empty roster. "
                                  "Details are in the log file."))
        QWizard.accept(self)
