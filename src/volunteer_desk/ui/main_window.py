"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QListWidget, QMainWindow, QMessageBox, QStackedWidget, QWidget

from volunteer_desk import __version__
from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.i18n import _
from volunteer_desk.services.context import Services
from volunteer_desk.ui import appearance
from volunteer_desk.ui.activities_page import ActivitiesPage
from volunteer_desk.ui.committee_page import CommitteePage
from volunteer_desk.ui.dashboard_page import DashboardPage
from volunteer_desk.ui.journals_page import JournalsPage
from volunteer_desk.ui.needs_page import NeedsPage
from volunteer_desk.ui.pairing_page import PairingPage
from volunteer_desk.ui.print_centre import PrintCentre
from volunteer_desk.ui.review_page import ReviewPage
from volunteer_desk.ui.roster_page import RecyclePage, RosterPage
from volunteer_desk.ui.settings_dialog import OrganisationSettingsDialog
from volunteer_desk.ui.stations_page import StationsPage
from volunteer_desk.ui.teams_page import TeamsPage

if TYPE_CHECKING:
    from volunteer_desk.ui.activity_dialog import ActivityDialog
    from volunteer_desk.ui.points_dialog import PointsDialog
    from volunteer_desk.ui.registration_dialog import RegistrationDialog
    from volunteer_desk.ui.rules_dialog import RulesDialog


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: QSettings):
        super().__init__()
        self.services = services
        self._settings = settings
        self.dashboard_page = DashboardPage(services.dashboard, parent=self)
        self.roster_page = RosterPage(services.roster, services.volunteers, self)
        self.activities_page = ActivitiesPage(services.activity_list, parent=self)
        self.review_page = ReviewPage(services.reports, parent=self)
        self.teams_page = TeamsPage(services.teams, services.categories, services.activities, services.stations,
                                    parent=self)
        self.stations_page = StationsPage(services.stations, parent=self)
        self.pairing_page = PairingPage(services.pairing, services.activities, services.teams, parent=self)
        self.needs_page = NeedsPage(services.needs, services.teams, services.pairing, services.categories, parent=self)
        self.journals_page = JournalsPage(services.journals, services.activities, parent=self)
        self.print_centre = PrintCentre(services.printing, services.activities, services.activity_list, services.teams,
                                        parent=self)
        self.recycle_page = RecyclePage(services.roster, services.volunteers, services.retention, self)
        self.pages = QStackedWidget(self)
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        for title, page in ((_("Home"), self.dashboard_page), (_("Roster"), self.roster_page),
                            (_("Activities"), self.activities_page), (_("Teams"), self.teams_page),
                            (_("Stations and brand projects"), self.stations_page),
                            (_("Pairing"), self.pairing_page), (_("Needs of the people"), self.needs_page),
                            (_("Weekly journals"), self.journals_page),
                            (_("Quarterly review"), self.review_page), (_("Print centre"), self.print_centre),
                            (_("Recycle list"), self.recycle_page)):
            self.navigation.addItem(title)
            self.pages.addWidget(page)
        self.committee_page: CommitteePage | None = None
        self._committee_views()
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        # Teams and activities offered as print options are read when the print centre is opened.
        self.pages.currentChanged.connect(
            lambda index: self.print_centre.refresh() if self.pages.widget(index) is self.print_centre else None)
        self.navigation.setCurrentRow(self.pages.indexOf(self.roster_page))
        self.navigation.setFixedWidth(160)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.roster_page.new_requested.connect(self.new_volunteer)
        self.roster_page.open_requested.connect(self.open_volunteer)
        self.activities_page.new_requested.connect(self.new_activity)
        self.activities_page.open_requested.connect(self.open_activity)
        self.roster_page.points_requested.connect(self.open_points)
        self.roster_page.certificate_requested.connect(lambda vid, name: self.issue_certificate((vid, name)))
        self.pairing_page.open_activity_requested.connect(self.open_activity)
        for page in (self.roster_page, self.recycle_page, self.stations_page, self.pairing_page):
            page.changed.connect(self.data_changed)
        self._build_menus()
        self._update_title()
        self.resize(1280, 800)

    def closeEvent(self, event) -> None:
        """A journal being written is the one page-level edit: ask before it is lost."""
        if self.journals_page.maybe_leave():
            event.accept()
        else:
            event.ignore()

    def _update_title(self) -> None:
        """Qt adds the program's display name after the title itself: "西湖街道机关第一党支部 — 党员志愿者服务管理"."""
        self.setWindowTitle(self.services.setup.current().name)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self._action(file_menu, _("&New volunteer"), QKeySequence.StandardKey.New, self.new_volunteer)
        self._action(file_menu, _("&Find"), QKeySequence.StandardKey.Find, self.find)
        self._action(file_menu, _("&Print centre…"), QKeySequence.StandardKey.Print,
                     lambda: self.navigation.setCurrentRow(self.pages.indexOf(self.print_centre)))
        self._action(file_menu, _("Issue a service record &certificate…"), None, lambda: self.issue_certificate())
        file_menu.addSeparator()
        self._action(file_menu, _("&Import volunteers from Excel…"), None, self.import_volunteers)
        self._action(file_menu, _("Import &history…"), None, self.import_history)
        file_menu.addSeparator()
        self._action(file_menu, _("E&xit"), QKeySequence.StandardKey.Quit, self.close)
        exchange_menu = self.menuBar().addMenu(_("&Data exchange"))
        self._action(exchange_menu, _("&Export bundle for the parent committee…"), None, self.export_bundle)
        self._action(exchange_menu, _("&Import bundles…"), None, self.import_bundles)
        self._action(exchange_menu, _("Bundles &received…"), None, self.bundles_received)
        exchange_menu.addSeparator()
        self._action(exchange_menu, _("Receiving &keys and fingerprints…"), None, self.bundle_keys)
        settings_menu = self.menuBar().addMenu(_("&Settings"))
        self._action(settings_menu, _("&Our organisation…"), None, self.edit_organisation)
        self._action(settings_menu, _("&Hours, points and star rules…"), None, self.edit_rules)
        self._action(settings_menu, _("&Audit log…"), None, self.show_audit_log)
        self._action(settings_menu, _("&Retention period…"), None, self.retention)
        self._action(settings_menu, _("&Backups and restore…"), None, self.backups)
        view_menu = self.menuBar().addMenu(_("&View"))
        self.large_text_action = self._action(view_menu, _("&Large text"), QKeySequence("Ctrl+="), self._toggle_large)
        self.large_text_action.setCheckable(True)
        self.large_text_action.setChecked(appearance.large_text(self._settings))
        help_menu = self.menuBar().addMenu(_("&Help"))
        self._action(help_menu, _("&About VolunteerDesk"), None, self._about)

    def _action(self, menu, text, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _toggle_large(self) -> None:
        appearance.set_large_text(QApplication.instance(), self._settings, self.large_text_action.isChecked())
        for page in (self.roster_page, self.recycle_page):
            page.table.fit_columns()

    def data_changed(self) -> None:
        self.roster_page.refresh()
        self.recycle_page.refresh()
        self.activities_page.refresh()
        self.dashboard_page.refresh()
        self.pairing_page.refresh()
        self._committee_views()
        if self.committee_page is not None:
            self.committee_page.refresh()

    def _committee_views(self) -> None:
        """At a committee only (a branch has none below it): the 各支部情况 page, and the roster's choice of unit,
        kept up to date as bundles bring branches. Also asked after the first-start wizard, which answers once the
        window is built."""
        if self.committee_page is None and self.services.setup.current().role is OrgLevel.COMMITTEE:
            self.committee_page = CommitteePage(self.services.committee, self.services.printing, parent=self)
            self.pages.insertWidget(1, self.committee_page)  # before the item, which moves the current row
            self.navigation.insertItem(1, _("Branches"))
        if self.committee_page is not None:
            self.roster_page.set_units(self.services.committee.units())

    def new_activity(self) -> ActivityDialog:
        return self._open_activity(None)

    def open_activity(self, activity_id: str) -> ActivityDialog:
        return self._open_activity(activity_id)

    def _open_activity(self, activity_id: str | None) -> ActivityDialog:
        from volunteer_desk.ui.activity_dialog import ActivityDialog  # first use only: start-up counts

        services = self.services
        dialog = ActivityDialog(services.activities, services.ledgers, services.categories, services.teams,
                                services.stations, services.photos, activity_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _id: self.activities_page.refresh())
        dialog.finished.connect(lambda _code: self.data_changed())
        dialog.open()
        return dialog

    def edit_organisation(self) -> OrganisationSettingsDialog:
        dialog = OrganisationSettingsDialog(self.services.setup, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._update_title)
        dialog.accepted.connect(self.data_changed)  # a branch that becomes a committee gets its branches page
        dialog.open()
        return dialog

    def edit_rules(self) -> RulesDialog:
        from volunteer_desk.ui.rules_dialog import RulesDialog

        dialog = RulesDialog(self.services.rules, self.services.categories, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.data_changed)
        dialog.open()
        return dialog

    def open_points(self, volunteer_id: str, name: str) -> PointsDialog:
        from volunteer_desk.ui.points_dialog import PointsDialog

        dialog = PointsDialog(self.services.ledgers, self.services.activities, volunteer_id, name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda _id: self.data_changed())
        dialog.open()
        return dialog

    def issue_certificate(self, volunteer: tuple[str, str] | None = None):
        from volunteer_desk.ui.certificate_dialog import CertificateDialog

        dialog = CertificateDialog(self.services.certificates, self.services.activities, volunteer=volunteer,
                                   parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.issued.connect(self._show_certificate)
        dialog.open()
        return dialog

    def backups(self):
        from volunteer_desk.services.backups import BackupService
        from volunteer_desk.ui.backup_dialog import BackupDialog

        database = self.services.database
        dialog = BackupDialog(BackupService(database.path.parent, database.path), database, self,
                              leave=self.journals_page.maybe_leave)
        # The database was replaced under every page: end the program without asking again (exit, not close).
        dialog.restored.connect(lambda: QApplication.instance().exit(0))
        return self._show_dialog(dialog)

    def show_audit_log(self):
        from volunteer_desk.ui.audit_log_dialog import AuditLogDialog

        dialog = AuditLogDialog(self.services.audit_log, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def retention(self):
        from volunteer_desk.ui.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.services.retention, self)
        dialog.changed.connect(self.data_changed)
        return self._show_dialog(dialog)

    def import_volunteers(self):
        from volunteer_desk.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.services.importing, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _result: (self.data_changed(), self.roster_page.refresh()))
        dialog.open()
        return dialog

    def import_history(self):
        from volunteer_desk.ui.import_history import ImportHistoryDialog

        dialog = ImportHistoryDialog(self.services.importing, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(lambda: (self.data_changed(), self.roster_page.refresh(),
                                        self.recycle_page.refresh()))
        dialog.open()
        return dialog

    def export_bundle(self):
        from volunteer_desk.ui.bundle_export_dialog import BundleExportDialog

        return self._show_dialog(BundleExportDialog(self.services.bundles, self))

    def import_bundles(self):
        from volunteer_desk.ui.bundle_import_dialog import BundleImportDialog

        dialog = BundleImportDialog(self.services.bundles, self)
        dialog.applied.connect(self.data_changed)
        return self._show_dialog(dialog)

    def bundles_received(self):
        from volunteer_desk.ui.bundle_receipts_dialog import BundleReceiptsDialog

        names = dict(self.services.volunteers.organisation_choices())
        return self._show_dialog(BundleReceiptsDialog(self.services.bundles, names, self))

    def bundle_keys(self):
        from volunteer_desk.ui.bundle_keys_dialog import BundleKeysDialog

        committee = self.services.setup.current().role is OrgLevel.COMMITTEE
        return self._show_dialog(BundleKeysDialog(self.services.bundles.keys, committee=committee, parent=self))

    def _show_dialog(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _show_certificate(self, number: str) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.print_centre))
        self.print_centre.preview_with("service_record", {"certificate": number})

    def find(self) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(self.roster_page))
        self.roster_page.focus_search()

    def new_volunteer(self) -> RegistrationDialog:
        return self._open_dialog(None)

    def open_volunteer(self, volunteer_id: str) -> RegistrationDialog:
        return self._open_dialog(volunteer_id)

    def _open_dialog(self, volunteer_id: str | None) -> RegistrationDialog:
        # Imported on first use: the sheet editor is not needed to show the roster, and start-up counts.
        from volunteer_desk.ui.registration_dialog import RegistrationDialog

        dialog = RegistrationDialog(self.services.volunteers, volunteer_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda vid: (self.data_changed(), self.roster_page.refresh(select=vid)))
        dialog.open_requested.connect(lambda vid: (dialog.reject(), self.open_volunteer(vid)))
        dialog.open()
        return dialog

    def _about(self) -> None:
        QMessageBox.about(self, _("About VolunteerDesk"),
                          _("VolunteerDesk {version}\nParty-member volunteer service records.").format(version=__version__))
