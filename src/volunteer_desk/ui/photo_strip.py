"""活动影像资料 (seed 002 七.3): an activity's photos as thumbnails; several added at once (scaled down off the UI
thread), one viewed large, one removed after asking."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QImageReader, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from volunteer_desk.domain import dates
from volunteer_desk.i18n import _
from volunteer_desk.services.activity_photos import MAX_PHOTO_BYTES, ActivityPhotoService
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.ui.tasks import run_task

MAX_EDGE = 1920  # sharp on any screen and in print, about half a megabyte as JPEG
THUMBNAIL = QSize(128, 96)
PHOTO_ROLE = Qt.ItemDataRole.UserRole


class PhotoProblem(Exception):
    """A file that cannot become a photo; the message names the file and says what to do."""


def prepare_photo(path: str) -> bytes:
    """The picture in `path` as a JPEG under the service's limit. Re-encoding applies the camera's rotation and
    drops the EXIF data (which may hold where the photo was taken). Safe off the UI thread (QImage only)."""
    name = Path(path).name
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        if reader.error() in (QImageReader.ImageReaderError.FileNotFoundError,
                              QImageReader.ImageReaderError.DeviceError):
            raise PhotoProblem(_("{file}: the file could not be opened. Check that it is still there (a USB stick "
                                 "may have been taken out) and choose it again.").format(file=name))
        raise PhotoProblem(_("{file}: this is not a JPG or PNG picture, so it was not added.").format(file=name))
    if image.hasAlphaChannel():  # JPEG has no transparency: lay the picture on white, not black
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    if max(image.width(), image.height()) > MAX_EDGE:
        image = image.scaled(MAX_EDGE, MAX_EDGE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    for quality in (85, 60):  # a very detailed picture may need the lower quality to fit
        data = _jpeg(image, quality)
        if len(data) <= MAX_PHOTO_BYTES:
            break
    return data


def _jpeg(image: QImage, quality: int) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", quality)
    return bytes(buffer.data())


def _thumbnail(data: bytes) -> QPixmap:
    """Decoded at thumbnail size: JPEG decoders scale while reading, so a strip of many photos opens quickly."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
    return QPixmap.fromImage(reader.read())


class PhotoViewer(QDialog):
    """One photo as large as the window allows; it follows the window's size."""

    def __init__(self, data: bytes, caption: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(caption or _("Activity photo"))
        self._pixmap = QPixmap()
        self._pixmap.loadFromData(QByteArray(data))
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        if caption:
            layout.addWidget(QLabel(caption, self), 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(buttons)
        self.resize(1000, 720)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.picture.setPixmap(self._pixmap.scaled(self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                   Qt.TransformationMode.SmoothTransformation))


class PhotoStrip(QWidget):
    """`ensure_saved` saves the activity when asked to (photos belong to a saved one) and returns its id, or None
    when the activity's fields still need correcting."""

    def __init__(self, photos: ActivityPhotoService, ensure_saved: Callable[[], str | None], parent=None):
        super().__init__(parent)
        self._photos, self._ensure_saved = photos, ensure_saved
        self.activity_id: str | None = None
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(THUMBNAIL)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setFixedHeight(THUMBNAIL.height() + 48)
        self.list.itemActivated.connect(lambda item: self.view())  # double click or Enter
        QShortcut(QKeySequence.StandardKey.Delete, self.list, activated=self.remove,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.hint = QLabel(self)  # in place of the empty list: what to do
        self.hint.setObjectName("emptyHint")
        self.hint.setWordWrap(True)
        self.hint.setFixedHeight(self.list.height())
        self.count = QLabel(self)
        add = QPushButton(_("Add photos…"), self)
        add.clicked.connect(self.add_photos)
        remove = QPushButton(_("Remove photo"), self)
        remove.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        title = QHBoxLayout()
        title.addWidget(QLabel(_("Activity photos"), self))
        title.addWidget(self.count, 1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addWidget(self.hint, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(title)
        layout.addLayout(row)
        self._task = None
        self.set_activity(None)

    def set_activity(self, activity_id: str | None) -> None:
        self.activity_id = activity_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for number, info in enumerate(self._photos.photos(self.activity_id) if self.activity_id else [], start=1):
            data = self._photos.photo(info.id)
            if data is None:  # removed meanwhile
                continue
            item = QListWidgetItem(QIcon(_thumbnail(data)), info.caption or str(number))
            item.setData(PHOTO_ROLE, (info.id, info.caption))
            item.setToolTip(_("Added {time}. Double-click to view it large.").format(
                time=dates.format_recorded(info.added_at)))
            self.list.addItem(item)
        if self.activity_id is None:
            self.hint.setText(_("Photos are kept with a saved activity: fill in the activity, save it, then add "
                                "the photos."))
        else:
            self.hint.setText(_("No photos yet. Click “Add photos…” to add the pictures taken at the activity."))
        empty = self.list.count() == 0
        self.count.setText("" if empty else _("{n} photos. Double-click one to view it large.").format(
            n=self.list.count()))
        self.list.setVisible(not empty)
        self.hint.setVisible(empty)

    def add_photos(self) -> None:
        if self.activity_id is None:
            answer = QMessageBox.question(self, _("Add photos"), _(
                "Photos are kept with a saved activity. Save the activity now and then choose the photos?"))
            if answer != QMessageBox.StandardButton.Yes or self._ensure_saved() is None:
                return
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Choose the activity's photos"), "",
                                                      _("Photos (*.jpg *.jpeg *.png)"))
        if not paths:
            return
        activity_id = self.activity_id

        def work(progress) -> tuple[int, list[str]]:
            added, problems = 0, []
            for done, path in enumerate(paths):
                if not progress(done, len(paths)):
                    break  # cancelled: the photos stored so far stay
                try:
                    self._photos.add_photo(activity_id, prepare_photo(path))
                except PhotoProblem as problem:
                    problems.append(str(problem))
                except InvalidEntry as exc:
                    problems.append(_("{file}: {problem}").format(
                        file=Path(path).name, problem="；".join(str(m) for m in exc.errors.values())))
                else:
                    added += 1
            return added, problems

        self._task = run_task(self, _("Adding the photos…"), work, on_done=self._added, on_failed=self._failed)

    def _added(self, result: tuple[int, list[str]]) -> None:
        added, problems = result
        self.refresh()
        if problems:
            QMessageBox.warning(self, _("Add photos"), _("{n} photos were added. These were not:").format(n=added)
                                + "\n\n" + "\n".join(problems))

    def _failed(self, exc: Exception) -> None:
        self.refresh()
        QMessageBox.warning(self, _("Add photos"), _("The photos could not all be added. Those shown were kept; "
                                                     "try the others again. Details are in the log file."))

    def current_photo(self) -> tuple[str, str] | None:
        item = self.list.currentItem()
        return item.data(PHOTO_ROLE) if item else None

    def view(self) -> PhotoViewer | None:
        current = self.current_photo()
        data = self._photos.photo(current[0]) if current else None
        if data is None:
            return None
        viewer = PhotoViewer(data, current[1], self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
        return viewer

    def remove(self) -> None:
        current = self.current_photo()
        if current is None:
            QMessageBox.information(self, _("Remove photo"), _("First click the photo to remove."))
            return
        answer = QMessageBox.question(self, _("Remove photo"), _("Remove the selected photo from this activity?"))
        if answer == QMessageBox.StandardButton.Yes:
            self._photos.delete_photo(current[0])
            self.refresh()
