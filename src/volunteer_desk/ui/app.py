"""Starting the window: Qt, fonts, Chinese, the crash dialog, the database and the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from volunteer_desk import diagnostics
from volunteer_desk.i18n import _
from volunteer_desk.services import data_folder
from volunteer_desk.services.backups import BackupFailed, BackupService
from volunteer_desk.services.context import Services
from volunteer_desk.services.database import UpgradeFailed
from volunteer_desk.services.volunteers import warm_up as pinyin_warm_up
from volunteer_desk.ui import appearance
from volunteer_desk.ui.main_window import MainWindow
from volunteer_desk.ui.single_instance import SingleInstance
from volunteer_desk.ui.tasks import run_quietly
from volunteer_desk.ui.setup_wizard import SetupWizard

log = logging.getLogger(__name__)


def settings_for(data_dir: Path) -> QSettings:
    """Settings live beside the database, so a data folder carries its own."""
    return QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)


def prepare_application(settings: QSettings) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("VolunteerDesk")
    app.setApplicationDisplayName(_("VolunteerDesk"))
    app.setWindowIcon(appearance.window_icon())
    appearance.register_font()
    appearance.install_chinese(app)
    appearance.apply_text_size(app, appearance.large_text(settings))
    return app


def _show_crash(report: Path) -> None:
    QMessageBox.critical(None, _("Something went wrong"),
                         _("The program met an unexpected problem. Your saved data is safe.\n"
                           "A report was written to:\n{path}\nPlease send this file to the person who "
                           "supports the program.").format(path=report))


def _backup_failed(window: MainWindow, exc: Exception) -> None:
    if isinstance(exc, BackupFailed):
        QMessageBox.warning(window, _("Today's backup was not made"), str(exc))


def _show_disk_full(data_dir: Path) -> None:
    QMessageBox.warning(None, _("The disk is full"),
                        _("The disk holding the data ({folder}) is full, so this was not saved; what you entered is "
                          "still on screen. Free some space on that disk (empty the recycle bin, delete files you no "
                          "longer need), then save again.").format(folder=data_dir))


def build_main_window(data_dir: Path, settings: QSettings) -> tuple[MainWindow, Services]:
    services = Services.open(data_dir)
    return MainWindow(services, settings), services


def _database_usable(backups: BackupService) -> bool:
    """quick_check before anything opens the database: a damaged one is never migrated or written, and the
    newest good backup is offered in its place."""
    checked = backups.check()
    if checked.ok:
        return True
    if not checked.damaged:  # a full disk or a lock: a backup would not mend it
        QMessageBox.critical(None, _("Cannot open the database"), checked.message)
        return False
    newest = backups.newest_good()
    title = _("The database is damaged")
    if newest is None:
        QMessageBox.critical(None, title, _(
            "The database is damaged, and there is no good backup to restore. Nothing has been written to it.\n"
            "Keep the data folder {folder} as it is and ask the person who supports the program for help."
        ).format(folder=backups.database_file.parent))
        return False
    answer = QMessageBox.question(None, title, _(
        "The database is damaged. Nothing has been written to it.\n\n"
        "Restore the newest good backup, made {made} ({volunteers} volunteers, {activities} activities)? "
        "Whatever was entered after it will have to be entered again. The damaged database is kept in the "
        "backups folder.\n\nChoose “No” to close the program without changing anything."
    ).format(made=f"{newest.created_at:%Y-%m-%d %H:%M}", volunteers=newest.volunteers,
             activities=newest.activities), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        backups.restore(newest.path)
    except BackupFailed as exc:
        QMessageBox.critical(None, title, str(exc))
        return False
    return True


def _logged(work, *args) -> None:
    """Automatic backups must never stop the program: a failure is written to the log only."""
    try:
        work(*args)
    except Exception:
        log.exception("automatic backup step failed")


def _to_front(window: MainWindow) -> None:
    window.showNormal() if window.isMinimized() else window.show()
    window.raise_()
    window.activateWindow()


def run_gui(data_dir: Path) -> int:
    settings = settings_for(data_dir)
    app = prepare_application(settings)
    diagnostics.install_excepthook(data_dir, _show_crash, lambda: _show_disk_full(data_dir))
    location = data_folder.locate(data_dir)
    if location.refused:
        QMessageBox.critical(None, _("The data folder cannot be used"), location.message)
        return 1
    if location.kind is data_folder.Kind.CLOUD:
        QMessageBox.warning(None, _("The data folder is synced"), location.message)
    instance = SingleInstance(data_dir)
    if not instance.acquire():
        if instance.knock():
            return 0  # the program already running on this folder came to the front
        QMessageBox.warning(None, _("VolunteerDesk is already running"),
                            _("VolunteerDesk is already open on the data in {folder}, but it does not answer. Wait a "
                              "moment and look for its window; if there is none, restart the computer, then start "
                              "VolunteerDesk again.").format(folder=data_dir))
        return 1
    backups = BackupService(data_dir)
    if not _database_usable(backups):
        return 1
    try:
        window, services = build_main_window(data_dir, settings)
    except UpgradeFailed as failed:
        QMessageBox.critical(None, _("Cannot open the database"), str(failed))
        return 1
    except Exception:
        log.exception("cannot open the database")
        QMessageBox.critical(None, _("Cannot open the database"),
                             _("The database in {folder} could not be opened. Details are in the log file in "
                               "{logs}.").format(folder=data_dir, logs=data_dir / "logs"))
        return 1
    if not services.setup.is_initialised():
        if SetupWizard(services.setup, services.database).exec() != QDialog.DialogCode.Accepted:
            services.close()
            return 0  # asked again at the next start; nothing was written
        window.data_changed()
    window.show()
    instance.knocked.connect(lambda: _to_front(window))
    instance.listen()
    QTimer.singleShot(0, window.roster_page.focus_search)
    QThreadPool.globalInstance().start(pinyin_warm_up)
    if not backups.backed_up_today():
        # A copy that fails its integrity check is not kept: the damage quick_check missed at start, said now.
        window.start_backup = run_quietly(lambda: backups.make("start"), lambda exc: _backup_failed(window, exc))
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()
    services.close()
    if backups.should_back_up_at_exit():
        _logged(backups.make, "exit")
    _logged(backups.rotate)
    return code
