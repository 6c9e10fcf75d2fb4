"""Fonts, the style sheet, Chinese for Qt's own dialogs, and the 大字体 setting."""

from __future__ import annotations

from string import Template

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from volunteer_desk import fonts, paths

NORMAL_POINTS = 11
LARGE_POINTS = 15
LARGE_TEXT_KEY = "appearance/large_text"


def register_font() -> bool:
    """The bundled font, so Chinese renders the same with or without system CJK fonts."""
    return QFontDatabase.addApplicationFont(str(paths.font_file())) >= 0


def window_icon() -> QIcon:
    icon = QIcon()
    for path in sorted((paths.resources_dir() / "icons").glob("volunteer-desk-*.png")):
        icon.addFile(str(path))
    return icon


def install_chinese(app: QApplication) -> QTranslator:
    """QLocale's default follows the program's language, not the system's; qtbase_zh_CN for Qt's dialogs."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    return translator


def large_text(settings: QSettings) -> bool:
    return settings.value(LARGE_TEXT_KEY, False, type=bool)


def apply_text_size(app: QApplication, large: bool) -> None:
    points = LARGE_POINTS if large else NORMAL_POINTS
    app.setFont(QFont(fonts.FAMILY, points))
    template = Template((paths.resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8"))
    app.setStyleSheet(template.substitute(base=points, title=points + 7))


def set_large_text(app: QApplication, settings: QSettings, large: bool) -> None:
    settings.setValue(LARGE_TEXT_KEY, large)
    apply_text_size(app, large)
