"""The bundle screens as the secretaries use them, on real databases and real bundle files: a branch exports to
its stick, the committee reads a stick of bundles, confirms each new sender's fingerprint (as after the phone
call) and imports; bad files and unconfirmed senders change nothing; the committee's key file reaches a branch."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QPushButton

from tests.bundle_world import PASSWORD, hand_key
from volunteer_desk.exchange import BundleRejected
from volunteer_desk.i18n import _
from volunteer_desk.ui import drives
from volunteer_desk.ui.bundle_export_dialog import BundleExportDialog
from volunteer_desk.ui.bundle_import_dialog import BundleImportDialog
from volunteer_desk.ui.bundle_keys_dialog import BundleKeysDialog
from volunteer_desk.ui.bundle_receipts_dialog import BundleReceiptsDialog
from volunteer_desk.ui.fingerprints import ConfirmFingerprintDialog, FingerprintLabel

WAIT = 20_000


@pytest.fixture
def world(installations):
    return installations


@pytest.fixture
def committee(world):
    return world("西太湖科技产业园党工委", "C-01", committee=True)


@pytest.fixture
def stick(tmp_path, monkeypatch):
    """The one USB stick plugged in."""
    folder = tmp_path / "KINGSTON"
    folder.mkdir()
    monkeypatch.setattr(drives, "removable_volumes", lambda: [drives.Volume(folder, "KINGSTON")])
    return folder


@pytest.fixture
def phone(qtbot):
    """Answers each fingerprint confirmation as it opens, as the operator does after the phone call:
    `phone.answer` is the button clicked, `phone.compared` the fingerprints read."""

    class Phone:
        answer = "confirm_button"
        compared: list[str] = []

    def pick_up() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConfirmFingerprintDialog):
            Phone.compared.append(" ".join(dialog.findChild(FingerprintLabel).text().split()))
            getattr(dialog, Phone.answer).click()

    timer = QTimer()
    timer.timeout.connect(pick_up)
    timer.start(20)
    yield Phone
    timer.stop()


def _dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _volunteers(installation) -> set[str]:
    with sqlite3.connect(installation.database.path) as connection:
        return {name for name, in connection.execute("SELECT name FROM volunteer WHERE deleted = 0")}


def _import(qtbot, committee, paths: list[Path]) -> BundleImportDialog:
    dialog = _dialog(qtbot, BundleImportDialog(committee.bundles))
    dialog.open_paths(paths)
    qtbot.waitUntil(lambda: dialog.searched, timeout=WAIT)
    return dialog


def _statuses(dialog: BundleImportDialog) -> list[str]:
    return [dialog.model.index(row, 4).data() for row in range(dialog.model.rowCount())]


def test_removable_volumes_are_those_mounted_for_the_user_or_not_the_system_drive():
    assert drives.looks_removable("/media/wang/KINGSTON", "/", windows=False)
    assert drives.looks_removable("/run/media/wang/U盘", "/", windows=False)
    assert not drives.looks_removable("/home", "/", windows=False)
    assert drives.looks_removable("E:/", "C:/", windows=True)
    assert not drives.looks_removable("c:/", "C:/", windows=True)


def test_the_export_goes_to_the_stick_and_says_it_is_done(qtbot, world, committee, stick, tmp_path):
    branch = world("西湖街道机关第一党支部", "B-01", volunteers=6, activities=3)
    hand_key(committee, branch, tmp_path)
    dialog = _dialog(qtbot, BundleExportDialog(branch.bundles))
    assert dialog.password is None  # the committee's key: no password to choose
    assert dialog.folder.text() == str(stick)  # the one stick plugged in is offered
    dialog.export()
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=WAIT)

    written, = stick.glob("*.vdb")
    assert dialog.exported.path == written and dialog.success.isVisible() and not dialog.error.isVisible()
    assert written.name in dialog.success.text() and "6 " in dialog.success.text()  # its volunteers counted
    plan = committee.bundles.inspect(written)
    assert plan.header.sender.name == "西湖街道机关第一党支部" and plan.changes["volunteer"].new == 6


def test_a_password_bundle_is_checked_before_and_opened_with_its_password(qtbot, world, committee, stick):
    branch = world("城南村党支部", "B-03", volunteers=3, activities=1)
    dialog = _dialog(qtbot, BundleExportDialog(branch.bundles))
    for password, repeated in (("1234567", "1234567"), (PASSWORD, PASSWORD + "x")):
        dialog.password.setText(password)
        dialog.repeated.setText(repeated)
        dialog.export()
        assert dialog.error.isVisible() and dialog.error.text() and not list(stick.iterdir())
    dialog.repeated.setText(PASSWORD)
    dialog.export()
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=WAIT)
    assert dialog.isVisible() and not dialog.error.isVisible()

    importing = _dialog(qtbot, BundleImportDialog(committee.bundles))
    asked, answers = [], iter(["wrong password", PASSWORD])
    importing.ask_password = lambda entry: (asked.append(entry.problem), next(answers))[1]
    importing.open_paths([stick])
    qtbot.waitUntil(lambda: bool(importing.entries) and importing.entries[0].plan is not None, timeout=WAIT)
    assert len(asked) == 2 and asked[0] != asked[1]  # the second time it says the password was wrong
    assert importing.import_button.isEnabled()


def test_a_failed_write_is_said_and_the_dialog_stays_to_try_again(qtbot, world, committee, tmp_path):
    branch = world("西湖街道机关第一党支部", "B-01")
    hand_key(committee, branch, tmp_path)
    dialog = _dialog(qtbot, BundleExportDialog(branch.bundles))
    dialog.set_folder(tmp_path / "pulled out")
    dialog.export()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT)
    assert dialog.exported is None and dialog.isVisible() and dialog.export_button.isEnabled()


def test_a_stick_of_two_bundles_is_imported_after_the_fingerprints_are_confirmed(qtbot, world, committee, stick,
                                                                                 tmp_path, phone):
    branches = [world("西湖街道机关第一党支部", "B-01", volunteers=5, activities=2),
                world("滨湖社区党支部", "B-02", volunteers=4, activities=2, seed=2)]
    for branch in branches:
        hand_key(committee, branch, tmp_path)
        branch.bundles.export(stick)
    dialog = _import(qtbot, committee, [stick])
    assert dialog.model.rowCount() == 2
    assert {dialog.model.index(row, 0).data() for row in range(2)} == {"西湖街道机关第一党支部", "滨湖社区党支部"}
    assert _statuses(dialog) == [_("New sender: its fingerprint is checked by phone when you import")] * 2
    assert _volunteers(committee) == set()

    with qtbot.waitSignal(dialog.applied, timeout=WAIT):
        dialog.apply_ready()
    assert sorted(phone.compared) == sorted(b.bundles.keys.fingerprints().signing for b in branches)
    assert _volunteers(committee) == _volunteers(branches[0]) | _volunteers(branches[1])
    assert _statuses(dialog) == [_("Imported, records updated")] * 2 and not dialog.import_button.isEnabled()

    again = _import(qtbot, committee, [stick])
    assert _statuses(again) == [_("Already imported")] * 2 and not again.import_button.isEnabled()
    names = {org_id: name for org_id, name in sqlite3.connect(committee.database.path).execute(
        "SELECT id, name FROM organisation")}
    receipts = _dialog(qtbot, BundleReceiptsDialog(committee.bundles, names))
    assert receipts.model.rowCount() == 2
    assert [receipts.model.index(row, 0).data() for row in range(2)] == \
        [dialog.model.index(row, 0).data() for row in (1, 0)]  # newest first


def test_a_bad_file_and_an_unconfirmed_sender_change_nothing(qtbot, world, committee, stick, tmp_path, phone):
    branch = world("西湖街道机关第一党支部", "B-01", volunteers=3, activities=1)
    hand_key(committee, branch, tmp_path)
    good = branch.bundles.export(stick).path
    damaged = stick / "坏的.vdb"
    damaged.write_bytes(good.read_bytes()[:-200])
    with pytest.raises(BundleRejected) as rejected:
        committee.bundles.inspect(damaged)

    dialog = _import(qtbot, committee, [good, damaged])
    row = next(row for row in range(2) if dialog.model.index(row, 0).data() == damaged.name)
    assert rejected.value.message in _statuses(dialog)[row]
    phone.answer = "cancel_button"  # the digits on the phone differ
    dialog.apply_ready()
    assert len(phone.compared) == 1 and dialog.import_button.isEnabled()
    assert committee.bundles.receipts() == [] and committee.bundles.senders() == {} and _volunteers(committee) == set()


def test_the_committee_key_file_reaches_the_branch_after_its_fingerprint_is_compared(qtbot, world, committee,
                                                                                     tmp_path, phone):
    branch = world("西湖街道机关第一党支部", "B-01")
    keys = _dialog(qtbot, BundleKeysDialog(committee.bundles.keys, committee=True))
    receiving = committee.bundles.keys.fingerprints().receiving
    assert receiving and " ".join(keys.findChildren(FingerprintLabel)[1].text().split()) == receiving
    keys.save_key_file(tmp_path / "党工委接收密钥")
    key_file = tmp_path / "党工委接收密钥.vdkey"
    assert key_file.is_file() and receiving in keys.status.text()

    at_branch = _dialog(qtbot, BundleKeysDialog(branch.bundles.keys, committee=False))
    assert len(at_branch.findChildren(FingerprintLabel)) == 2 and not at_branch.parent_print.isVisible()
    broken = tmp_path / "别的.vdkey"
    broken.write_text("not a key", encoding="utf-8")
    at_branch.import_parent_key(broken)
    assert at_branch.error.isVisible() and branch.bundles.keys.parent_key() is None
    phone.answer = "cancel_button"
    at_branch.import_parent_key(key_file)
    assert branch.bundles.keys.parent_key() is None
    phone.answer = "confirm_button"
    at_branch.import_parent_key(key_file)
    assert phone.compared == [receiving, receiving]
    assert branch.bundles.keys.parent_key().fingerprint == receiving and at_branch.parent_print.isVisible()
    assert _dialog(qtbot, BundleExportDialog(branch.bundles)).password is None  # no password from now on


def test_the_data_exchange_menu_sits_between_file_and_settings_and_opens_each_screen(window):
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles.index(_("&Data exchange")) == titles.index(_("&File")) + 1 == titles.index(_("&Settings")) - 1
    menu, = (menu for menu in window.findChildren(QMenu) if menu.title() == _("&Data exchange"))
    opened = []
    for action in (a for a in menu.actions() if not a.isSeparator()):
        action.trigger()
        dialog = QApplication.activeModalWidget()
        opened.append(type(dialog).__name__)
        assert isinstance(dialog, QDialog)
        dialog.reject()
    assert opened == ["BundleExportDialog", "BundleImportDialog", "BundleReceiptsDialog", "BundleKeysDialog"]


def test_cancelling_the_export_writes_no_bundle_and_says_so(qtbot, world, committee, stick, tmp_path, monkeypatch):
    branch = world("西湖街道机关第一党支部", "B-01", volunteers=6, activities=3)
    hand_key(committee, branch, tmp_path)
    real = branch.bundles.export

    def slowly(folder, *, progress, **kwargs):  # each step waits long enough for the person to press 取消
        return real(folder, progress=lambda done, total: (time.sleep(0.3), progress(done, total))[1], **kwargs)

    monkeypatch.setattr(branch.bundles, "export", slowly)
    dialog = _dialog(qtbot, BundleExportDialog(branch.bundles))
    dialog.export()
    dialog._task.findChild(QPushButton).click()  # 取消 on the progress dialog
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT)
    assert dialog.error.text() == _("Cancelled: no bundle was written.")
    assert list(stick.iterdir()) == [] and dialog.exported is None and dialog.export_button.isEnabled()


def test_an_import_cancelled_half_way_changes_nothing_and_the_bundle_stays_to_import(qtbot, world, committee, stick,
                                                                                      tmp_path, phone, monkeypatch):
    branch = world("西湖街道机关第一党支部", "B-01", volunteers=6, activities=3)
    hand_key(committee, branch, tmp_path)
    branch.bundles.export(stick)
    dialog = _import(qtbot, committee, [stick])
    real = committee.bundles.apply

    def slowly(plan, *, progress, **kwargs):  # each table waits long enough for the person to press 取消
        return real(plan, progress=lambda done, total: (time.sleep(0.2), progress(done, total))[1], **kwargs)

    monkeypatch.setattr(committee.bundles, "apply", slowly)
    dialog.apply_ready()
    dialog._task.findChild(QPushButton).click()  # 取消 on the progress dialog
    qtbot.waitUntil(lambda: not dialog._task.isVisible() and dialog.import_button.isEnabled(), timeout=WAIT)
    assert _volunteers(committee) == set() and committee.bundles.receipts() == []
    assert dialog.entries[0].pending  # still in the list, to import later
