"""One widget per field type of a sheet (formspec.FIELD_TYPES). Each reads and writes the raw values
that formspec.values understands: text as typed, option values, bytes for the photo."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.formspec import Field
from volunteer_desk.i18n import _

# A 1-inch photo (25 × 35 mm) at 300 dpi: enough for print, small enough to keep in the database.
PHOTO_PIXELS = QSize(295, 413)


class FieldWidget(QWidget):
    changed = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"field_{field.key}")

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def focus_targets(self) -> list[QWidget]:
        """The widgets Tab visits, in order."""
        return [self]


class TextField(FieldWidget):
    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"edit_{field.key}")
        if field.max_length:
            self.edit.setMaxLength(field.max_length + 4)  # room for spaces and dashes people type
        self.edit.setPlaceholderText(field.placeholder)
        self.edit.textEdited.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        if field.suffix:
            layout.addWidget(QLabel(field.suffix, self))
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_targets(self) -> list[QWidget]:
        return [self.edit]


class LongTextField(FieldWidget):
    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName(f"edit_{field.key}")
        self.edit.setTabChangesFocus(True)
        self.edit.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.toPlainText()

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText(value or "")

    def focus_targets(self) -> list[QWidget]:
        return [self.edit]


class ChoiceField(FieldWidget):
    """A drop-down with an empty first entry: 'not filled in' is a real answer on a paper form."""

    def __init__(self, field: Field, parent=None, options: list[tuple[str, str]] | None = None):
        super().__init__(field, parent)
        self.combo = QComboBox(self)
        self.combo.setObjectName(f"edit_{field.key}")
        self.combo.addItem("", None)
        for value, label in options if options is not None else [(o.value, o.label) for o in field.choices()]:
            self.combo.addItem(label, value)
        self.combo.currentIndexChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        self.setFocusProxy(self.combo)

    def value(self) -> str | None:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))

    def focus_targets(self) -> list[QWidget]:
        return [self.combo]


class CheckField(FieldWidget):
    """The □ options of the sheet. A single_check allows at most one tick (交通补贴: 仅能限选一项);
    a multi_check any, with an optional 'other' text (其他时间 ______)."""

    def __init__(self, field: Field, parent=None, other: Field | None = None):
        super().__init__(field, parent)
        self.single = field.type == "single_check"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if field.note:
            note = QLabel(field.note, self)
            note.setWordWrap(True)
            layout.addWidget(note)
        row = QHBoxLayout()
        layout.addLayout(row)
        self.boxes: list[QCheckBox] = []
        for option in field.choices():
            box = QCheckBox(option.label, self)
            box.setObjectName(f"check_{field.key}_{option.value}")
            box.setProperty("option", option.value)
            box.toggled.connect(lambda on, b=box: self._toggled(b, on))
            row.addWidget(box)
            self.boxes.append(box)
        self.other_key = other.key if other else None
        self.other_edit: QLineEdit | None = None
        if other:
            row.addWidget(QLabel(field.other_label, self))
            self.other_edit = QLineEdit(self)
            self.other_edit.setObjectName(f"edit_{other.key}")
            self.other_edit.setMaxLength(other.max_length or 40)
            self.other_edit.textEdited.connect(self.changed)
            row.addWidget(self.other_edit, 1)
        else:
            row.addStretch(1)
        if self.boxes:
            self.setFocusProxy(self.boxes[0])

    def _toggled(self, box: QCheckBox, on: bool) -> None:
        if self.single and on:
            for other in self.boxes:
                if other is not box and other.isChecked():
                    other.blockSignals(True)
                    other.setChecked(False)
                    other.blockSignals(False)
        self.changed.emit()

    def value(self) -> Any:
        ticked = [b.property("option") for b in self.boxes if b.isChecked()]
        if self.single:
            return ticked[0] if ticked else None
        return ticked

    def set_value(self, value: Any) -> None:
        chosen = {value} if isinstance(value, str) else set(value or [])
        for box in self.boxes:
            box.blockSignals(True)
            box.setChecked(box.property("option") in chosen)
            box.blockSignals(False)

    def other_value(self) -> str:
        return self.other_edit.text() if self.other_edit else ""

    def set_other_value(self, text: str | None) -> None:
        if self.other_edit:
            self.other_edit.setText(text or "")

    def focus_targets(self) -> list[QWidget]:
        return [*self.boxes, *([self.other_edit] if self.other_edit else [])]


class PledgeField(FieldWidget):
    """本人承诺: the pledge as printed, the signature line, and the signing date."""

    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for line in field.text:
            label = QLabel(line, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(QLabel(field.signature + _("(signed by hand on the printed sheet)"), self))
        row.addWidget(QLabel(_("Date signed:"), self))
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"edit_{field.key}")
        self.edit.setPlaceholderText(_("e.g. 2026-03-05"))
        self.edit.setMaximumWidth(160)
        self.edit.textEdited.connect(self.changed)
        row.addWidget(self.edit)
        layout.addLayout(row)
        self.setFocusProxy(self.edit)

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText(value or "")

    def focus_targets(self) -> list[QWidget]:
        return [self.edit]


class PhotoField(FieldWidget):
    """The 1-inch photo box. A chosen picture is cropped to 5:7 and scaled to 295 × 413 pixels."""

    def __init__(self, field: Field, parent=None):
        super().__init__(field, parent)
        self._data: bytes | None = None
        self.picture = QLabel(field.placeholder, self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(100, 140)
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.choose = QPushButton(_("Choose photo…"), self)
        self.choose.setObjectName(f"edit_{field.key}")
        self.choose.clicked.connect(self._pick)
        self.clear = QPushButton(_("Remove"), self)
        self.clear.clicked.connect(lambda: self.set_value(None) or self.changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.picture, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.clear)
        layout.addLayout(buttons)

    def _pick(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a 1-inch photo"), "",
                                                    _("Images (*.jpg *.jpeg *.png *.bmp)"))
        if not path:
            return
        image = QImage(path)
        if image.isNull():
            QMessageBox.warning(self, _("Photo"),
                                _("This file is not a picture the program can read. Choose a JPG or PNG file."))
            return
        self.set_value(encode_photo(image))
        self.changed.emit()

    def value(self) -> bytes | None:
        return self._data

    def set_value(self, value: Any) -> None:
        self._data = value or None
        if self._data:
            pixmap = QPixmap()
            pixmap.loadFromData(QByteArray(self._data))
            self.picture.setPixmap(pixmap.scaled(self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self.field.placeholder)
        self.clear.setEnabled(bool(self._data))

    def focus_targets(self) -> list[QWidget]:
        return [self.choose, self.clear]


def encode_photo(image: QImage) -> bytes:
    """Crop the middle to the photo's 5:7 shape, scale to 1 inch at 300 dpi, store as JPEG."""
    target = PHOTO_PIXELS.width() / PHOTO_PIXELS.height()
    w, h = image.width(), image.height()
    if w / h > target:
        crop_w = int(h * target)
        image = image.copy((w - crop_w) // 2, 0, crop_w, h)
    else:
        crop_h = int(w / target)
        image = image.copy(0, (h - crop_h) // 2, w, crop_h)
    image = image.scaled(PHOTO_PIXELS, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 88)
    return bytes(buffer.data())


def make_field_widget(field: Field, *, other: Field | None = None,
                      organisations: list[tuple[str, str]] | None = None) -> FieldWidget:
    kind = field.type
    if kind in {"text", "number", "date", "year_month"}:
        return TextField(field)
    if kind == "longtext":
        return LongTextField(field)
    if kind == "choice":
        return ChoiceField(field)
    if kind == "organisation":
        return ChoiceField(field, options=organisations or [])
    if kind in {"single_check", "multi_check"}:
        return CheckField(field, other=other)
    if kind == "pledge":
        return PledgeField(field)
    if kind == "photo":
        return PhotoField(field)
    raise ValueError(kind)
