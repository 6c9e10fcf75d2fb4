"""UI fixtures: the real main window on a real database file, offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from volunteer_desk.ui import app as gui


@pytest.fixture
def settings(data_dir):
    return gui.settings_for(data_dir)


@pytest.fixture
def window(qtbot, qapp, data_dir, settings):
    gui.prepare_application(settings)
    main, services = gui.build_main_window(data_dir, settings)
    qtbot.addWidget(main)
    main.show()
    yield main
    services.close()


def type_chinese(widget, text: str) -> None:
    """Type as an input method does: qtbot.keyClicks with hanzi aborts the process (a Qt assertion)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
