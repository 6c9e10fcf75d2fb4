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
from volunteer_desk.ui.roster_page import RecyclePage, RosterPage
from volunteer_desk.ui.settings_dialog import OrganisationSettingsDialog

if TYPE_CHECKING:
    from volunteer_desk.ui.activities_page import ActivitiesPage
    from volunteer_desk.ui.committee_page import CommitteePage
    from volunteer_desk.ui.dashboard_page import DashboardPage
    from volunteer_desk.ui.journals_page import JournalsPage
    from volunteer_desk.ui.needs_page import NeedsPage
    from volunteer_desk.ui.pairing_page import PairingPage
    from volunteer_desk.ui.print_centre import PrintCentre
    from volunteer_desk.ui.review_page import ReviewPage
    from volunteer_desk.ui.stations_page import StationsPage
    from volunteer_desk.ui.teams_page import TeamsPage
    from volunteer_desk.ui.activity_dialog import ActivityDialog
    from volunteer_desk.ui.points_dialog import PointsDialog
    from volunteer_desk.ui.registration_dialog import RegistrationDialog
    from volunteer_desk.ui.rules_dialog import RulesDialog


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: QSettings):
        super().__init__()
        self.services = services
        self._settings = settings
        self.roster_page = RosterPage(services.roster, services.volunteers, self)
        self.recycle_page = RecyclePage(services.roster, services.volunteers, services.retention, self)
        self.pages = QStackedWidget(self)
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        # The other pages are made when first shown or asked for: the start shows the roster, and importing and
        # building all eleven pages made it about 0.3 s slower.
        self._made: dict[str, QWidget] = {}
        for title, page in ((_("Home"), "dashboard_page"), (_("Roster"), self.roster_page),
                            (_("Activities"), "activities_page"), (_("Teams"), "teams_page"),
                            (_("Stations and brand projects"), "stations_page"),
                            (_("Pairing"), "pairing_page"), (_("Needs of the people"), "needs_page"),
                            (_("Weekly journals"), "journals_page"),
                            (_("Quarterly review"), "review_page"), (_("Print centre"), "print_centre"),
                            (_("Recycle list"), self.recycle_page)):
            self.navigation.addItem(title)
            self.pages.addWidget(_Unmade(page, self) if isinstance(page, str) else page)
        self.committee_page: CommitteePage | None = None
        self._committee_views()
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(self._shown)
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
        self.roster_page.points_requested.connect(self.open_points)
        self.roster_page.certificate_requested.connect(lambda vid, name: self.issue_certificate((vid, name)))
        for page in (self.roster_page, self.recycle_page):
            page.changed.connect(self.data_changed)
        self._build_menus()
        self._update_title()
        self.resize(1280, 800)

    def closeEvent(self, event) -> None:
        if self._leave_journal():
            event.accept()
        else:
            event.ignore()

    def _leave_journal(self) -> bool:
        """A journal being written is the one page-level edit: ask before it is lost."""
        return "journals_page" not in self._made or self.journals_page.maybe_leave()

    # --- the pages made when first needed ---------------------------------------------------------------------

    def _shown(self, index: int) -> None:
        page = self.pages.widget(index)
        if isinstance(page, _Unmade):
            self._page(page.name)  # made, put in its place and shown, which comes back here
        elif page is not None and page is self._made.get("print_centre"):
            page.refresh()  # the teams and activities it offers as options are read when it is opened

    def _page(self, name: str) -> QWidget:
        page = self._made.get(name)
        if page is None:
            stand_in = next(w for w in map(self.pages.widget, range(self.pages.count()))
                            if isinstance(w, _Unmade) and w.name == name)
            page = self._made[name] = getattr(self, f"_make_{name}")()
            index = self.pages.indexOf(stand_in)
            self.pages.insertWidget(index, page)
            if self.pages.currentWidget() is stand_in:
                self.pages.setCurrentWidget(page)
            self.pages.removeWidget(stand_in)
            stand_in.deleteLater()
        return page

    def _refresh_made(self, *names: str) -> None:
        """Refresh those of the pages that have been made; one made later reads the data then."""
        for name in names:
            if name in self._made:
                self._made[name].refresh()

    dashboard_page = property(lambda self: self._page("dashboard_page"))
    activities_page = property(lambda self: self._page("activities_page"))
    teams_page = property(lambda self: self._page("teams_page"))
    stations_page = property(lambda self: self._page("stations_page"))
    pairing_page = property(lambda self: self._page("pairing_page"))
    needs_page = property(lambda self: self._page("needs_page"))
    journals_page = property(lambda self: self._page("journals_page"))
    review_page = property(lambda self: self._page("review_page"))
    print_centre = property(lambda self: self._page("print_centre"))

    def _make_dashboard_page(self) -> DashboardPage:
        from volunteer_desk.ui.dashboard_page import DashboardPage

        return DashboardPage(self.services.dashboard, parent=self)

    def _make_activities_page(self) -> ActivitiesPage:
        from volunteer_desk.ui.activities_page import ActivitiesPage

        page = ActivitiesPage(self.services.activity_list, parent=self)
        page.new_requested.connect(self.new_activity)
        page.open_requested.connect(self.open_activity)
        return page

    def _make_teams_page(self) -> TeamsPage:
        from volunteer_desk.ui.teams_page import TeamsPage

        services = self.services
        return TeamsPage(services.teams, services.categories, services.activities, services.stations, parent=self)

    def _make_stations_page(self) -> StationsPage:
        from volunteer_desk.ui.stations_page import StationsPage

        page = StationsPage(self.services.stations, parent=self)
        page.changed.connect(self.data_changed)
        return page

    def _make_pairing_page(self) -> PairingPage:
        from volunteer_desk.ui.pairing_page import PairingPage

        page = PairingPage(self.services.pairing, self.services.activities, self.services.teams, parent=self)
        page.open_activity_requested.connect(self.open_activity)
        page.changed.connect(self.data_changed)
        return page

    def _make_needs_page(self) -> NeedsPage:
        from volunteer_desk.ui.needs_page import NeedsPage

        services = self.services
        return NeedsPage(services.needs, services.teams, services.pairing, services.categories, parent=self)

    def _make_journals_page(self) -> JournalsPage:
        from volunteer_desk.ui.journals_page import JournalsPage

        return JournalsPage(self.services.journals, self.services.activities, parent=self)

    def _make_review_page(self) -> ReviewPage:
        from volunteer_desk.ui.review_page import ReviewPage

        return ReviewPage(self.services.reports, parent=self)

    def _make_print_centre(self) -> PrintCentre:
        from volunteer_desk.ui.print_centre import PrintCentre

        services = self.services
        return PrintCentre(services.printing, services.activities, services.activity_list, services.teams, parent=self)

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
        self._refresh_made("activities_page", "dashboard_page", "pairing_page")  # the others read when made
        self._committee_views()
        if self.committee_page is not None:
            self.committee_page.refresh()

    def _committee_views(self) -> None:
        """At a committee only (a branch has none below it): the 各支部情况 page, and the roster's choice of unit,
        kept up to date as bundles bring branches. Also asked after the first-start wizard, which answers once the
        window is built."""
        if self.committee_page is None and self.services.setup.current().role is OrgLevel.COMMITTEE:
            from volunteer_desk.ui.committee_page import CommitteePage

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
        dialog.saved.connect(lambda _id: self._refresh_made("activities_page"))
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
                              leave=self._leave_journal)
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


class _Unmade(QWidget):
    """Holds a page's place in the stack until the page is made."""

    def __init__(self, name: str, parent: QWidget):
        super().__init__(parent)
        self.name = name
