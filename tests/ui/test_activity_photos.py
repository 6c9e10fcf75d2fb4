"""活动影像资料 in the activity dialog: several photos added at once (bad files explained, the rest kept),
viewed large, removed after asking; photos wait for the activity's first save."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.ui.test_activities import activity_dialog, fill_in
from volunteer_desk.ui.photo_strip import MAX_EDGE

YES, NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _picture(path, width, height, fmt, color) -> str:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(color)
    assert image.save(str(path), fmt)
    return str(path)


def _choose(monkeypatch, paths) -> list[str]:
    """The file dialog answers with `paths`; returns the titles it was opened with."""
    opened = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda parent, title, *a, **k: opened.append(title) or (list(paths), ""))
    return opened


def test_photos_are_added_viewed_and_removed(qtbot, window, monkeypatch, tmp_path):
    wide = _picture(tmp_path / "合影.png", 2000, 900, "PNG", QColor(0, 0, 0, 0))  # transparent: becomes white
    small = _picture(tmp_path / "现场.jpg", 320, 240, "JPEG", QColor("darkred"))
    not_a_picture = tmp_path / "签到表.jpg"
    not_a_picture.write_text("这不是图片", encoding="utf-8")
    _choose(monkeypatch, [wide, str(not_a_picture), str(tmp_path / "已拔出的U盘.png"), small])
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: warnings.append(text))
    dialog = activity_dialog(window)
    fill_in(dialog)
    assert dialog.save()
    strip = dialog.photo_strip

    strip.add_photos()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert strip.list.count() == 2
    problems = warnings[0].splitlines()[-2:]
    assert "签到表.jpg" in problems[0] and "已拔出的U盘.png" in problems[1] and "合影" not in warnings[0]
    assert problems[0].replace("签到表.jpg", "") != problems[1].replace("已拔出的U盘.png", "")  # each says its own why
    photos = window.services.photos
    stored = [QImage.fromData(QByteArray(photos.photo(p.id))) for p in photos.photos(dialog.activity_id)]
    assert [(i.width(), i.height()) for i in stored] == [(MAX_EDGE, 864), (320, 240)]
    assert stored[0].pixelColor(10, 10).lightness() > 240

    strip.list.setCurrentRow(1)
    viewer = strip.view()
    assert viewer is not None and not viewer.picture.pixmap().isNull()
    viewer.reject()

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or NO)
    dialog.activateWindow()
    strip.list.setFocus()
    qtbot.waitUntil(strip.list.hasFocus)
    qtbot.keyClick(strip.list, Qt.Key.Key_Delete)  # the Delete key asks too; answered No, nothing goes
    assert len(asked) == 1 and strip.list.count() == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    strip.remove()
    assert strip.list.count() == 1 and len(photos.photos(dialog.activity_id)) == 1
    assert window.services.activities.get(dialog.activity_id).photo_count == 1


def test_photos_wait_for_the_first_save(qtbot, window, monkeypatch, tmp_path):
    opened = _choose(monkeypatch, [_picture(tmp_path / "现场.png", 200, 150, "PNG", QColor("green"))])
    dialog = activity_dialog(window)
    strip = dialog.photo_strip
    assert strip.hint.text()  # says that photos need a saved activity

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: NO)
    strip.add_photos()
    assert not opened and dialog.activity_id is None

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: YES)
    strip.add_photos()  # the place and content are still empty: not saved, the fields say why
    assert not opened and dialog.activity_id is None and not dialog.errors["place"].isHidden()

    fill_in(dialog)
    strip.add_photos()
    assert opened and dialog.activity_id is not None
    qtbot.waitUntil(lambda: strip.list.count() == 1, timeout=10000)


def test_remove_without_a_choice_says_what_to_click(qtbot, window, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: told.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked")))
    dialog = activity_dialog(window)
    fill_in(dialog)
    assert dialog.save()
    dialog.photo_strip.remove()
    assert told and dialog.photo_strip.current_photo() is None
