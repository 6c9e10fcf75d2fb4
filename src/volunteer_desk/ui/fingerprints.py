"""Key fingerprints as people compare them over the phone: big digits in a fixed-width font, four groups a
line, and a confirmation that names what to compare with before anything is trusted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from volunteer_desk.i18n import _

MONO_FAMILY = "WenQuanYi Micro Hei Mono"  # in the bundled font file, so the digits look alike everywhere
GROUPS_PER_LINE = 4


class FingerprintLabel(QLabel):
    def __init__(self, fingerprint: str, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("fingerprint")
        # The application's style sheet sets every widget's font; a widget's own sheet is the way to differ.
        points = QApplication.font().pointSize() + 9
        self.setStyleSheet(f'QLabel#fingerprint {{ font-family: "{MONO_FAMILY}"; font-size: {points}pt; '
                           "font-weight: bold; padding: 6px 12px; background: white; border: 1px solid #ccc; }")
        # Layouts ask for the size before the style sheet's font is applied: the two lines must never be cut.
        self._line_height = QFontMetrics(QFont(MONO_FAMILY, points, QFont.Weight.Bold)).lineSpacing()
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.show_fingerprint(fingerprint)

    def show_fingerprint(self, fingerprint: str) -> None:
        groups = fingerprint.split()
        self.setMinimumHeight(self._line_height * -(-len(groups) // GROUPS_PER_LINE) + 16)
        lines = (groups[i:i + GROUPS_PER_LINE] for i in range(0, len(groups), GROUPS_PER_LINE))
        self.setText("\n".join("  ".join(line) for line in lines))


class ConfirmFingerprintDialog(QDialog):
    """"The fingerprints match, confirm" or cancel; cancel is the default, so Enter never trusts a key."""

    def __init__(self, title: str, explanation: str, whose: str, fingerprint: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(explanation, self)
        text.setWordWrap(True)
        owner = QLabel(whose, self)
        owner.setWordWrap(True)
        owner.setStyleSheet("font-weight: bold;")
        buttons = QDialogButtonBox(self)
        self.confirm_button = buttons.addButton(_("The fingerprints match, confirm"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(_("They differ, or I cannot check: cancel"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(owner)
        layout.addWidget(FingerprintLabel(fingerprint, self))
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
