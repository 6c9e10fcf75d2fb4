"""The main window: an empty roster explains itself, 大字体 enlarges everything and is remembered."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFrame

from tests.ui.conftest import type_chinese
from volunteer_desk.i18n import _
from volunteer_desk.ui import appearance
from volunteer_desk.ui import app as gui


def test_empty_roster_says_what_to_do(window):
    hint = window.roster_page.hint
    assert not hint.isHidden()
    assert "Ctrl+N" in hint.text()
    type_chinese(window.roster_page.table.search, "王")
    assert not hint.isHidden() and "“王”" in hint.text()


def test_large_text_enlarges_the_interface_and_is_remembered(window, data_dir):
    before = QApplication.font().pointSize()
    window.large_text_action.trigger()
    assert QApplication.font().pointSize() == appearance.LARGE_POINTS > before
    assert gui.settings_for(data_dir).value(appearance.LARGE_TEXT_KEY, type=bool) is True
    window.large_text_action.trigger()
    assert QApplication.font().pointSize() == appearance.NORMAL_POINTS


def test_window_and_qt_dialogs_speak_chinese(window):
    assert window.navigation.item(1).text() == _("Roster") == "名册"
    assert window.navigation.currentRow() == 1  # the roster opens; 首页 is one click away
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert box.button(QMessageBox.StandardButton.Yes).text().startswith("是")


def test_the_bundled_font_is_registered(window):
    from PySide6.QtGui import QFontDatabase

    assert "WenQuanYi Micro Hei" in QFontDatabase.families()
    assert QApplication.font().family() == "WenQuanYi Micro Hei"


def test_home_page_shows_the_rules_when_opened(window):
    window.navigation.setCurrentRow(0)
    cards = window.dashboard_page.findChildren(QFrame, "figureCard")
    assert len(cards) >= 4
    assert any(card.property("met") == "unknown" for card in cards)  # an empty database cannot meet or miss a rule


def test_the_window_has_the_program_icon(window):
    icon = QApplication.windowIcon()
    assert not icon.isNull() and 256 in [size.width() for size in icon.availableSizes()]


def test_pages_are_made_when_first_chosen_and_kept(window):
    """The start makes the roster, not the other pages; choosing a row shows its page, made then, in its place,
    and the same page every time after."""
    from volunteer_desk.ui.activities_page import ActivitiesPage
    from volunteer_desk.ui.print_centre import PrintCentre

    centre_row = [window.navigation.item(row).text() for row in range(window.navigation.count())].index(
        _("Print centre"))
    assert not isinstance(window.pages.widget(centre_row), PrintCentre)
    window.data_changed()  # refreshes what is made, makes nothing
    assert not isinstance(window.pages.widget(centre_row), PrintCentre)
    shown = []
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        shown.append(window.pages.currentWidget())
        assert window.pages.count() == window.navigation.count() and window.pages.currentIndex() == row
    assert isinstance(shown[centre_row], PrintCentre) and shown[centre_row] is window.print_centre
    assert isinstance(shown[2], ActivitiesPage) and shown[2] is window.activities_page
    window.navigation.setCurrentRow(2)
    assert window.pages.currentWidget() is shown[2]
    assert len(set(map(id, shown))) == len(shown)


def test_a_page_asked_for_before_it_is_shown_is_made_in_its_place(window):
    centre = window.print_centre  # as an issued certificate asks for it, before showing it
    row = window.pages.indexOf(centre)
    assert window.navigation.item(row).text() == _("Print centre") and window.pages.count() == window.navigation.count()
    assert window.pages.currentWidget() is window.roster_page  # asking made it; only choosing shows it
    assert window.close()  # no journal page was made, so nothing is being written
