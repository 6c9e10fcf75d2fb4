"""How a service's refusal (InvalidEntry.errors: field → Chinese message) is shown: a red note under the
field, or the messages together in one box."""

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel, QWidget


def error_label(parent: QWidget) -> QLabel:
    """A red note for under a field, hidden until there is something to say (styled as #fieldError)."""
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def errors_text(errors: Mapping[str, object]) -> str:
    return "\n".join(str(message) for message in errors.values())
