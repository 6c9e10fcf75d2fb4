"""Starting the window: Qt, fonts, Chinese, the crash dialog, the database and the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from volunteer_desk import diagnostics
from volunteer_desk.i18n import _
from volunteer_desk.services.context import Services
from volunteer_desk.services.volunteers import warm_up as pinyin_warm_up
from volunteer_desk.ui import appearance
from volunteer_desk.ui.main_window import MainWindow
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


def build_main_window(data_dir: Path, settings: QSettings) -> tuple[MainWindow, Services]:
    services = Services.open(data_dir)
    return MainWindow(services, settings), services


def run_gui(data_dir: Path) -> int:
    settings = settings_for(data_dir)
    app = prepare_application(settings)
    diagnostics.install_excepthook(data_dir, _show_crash)
    try:
        window, services = build_main_window(data_dir, settings)
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
    QTimer.singleShot(0, window.roster_page.focus_search)
    QThreadPool.globalInstance().start(pinyin_warm_up)
    code = app.exec()
    QThreadPool.globalInstance().waitForDone()
    services.close()
    return code
