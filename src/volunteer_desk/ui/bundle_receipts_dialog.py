"""数据交换 → 上报包记录: every bundle imported here, newest first: who sent it, for which period, when it was
made and imported, by whom, and what it changed (or that it was older than one already imported)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout

from volunteer_desk.domain import dates
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.bundles import BundleService
from volunteer_desk.ui.bundle_words import changes_text, fit_columns, wrap_rows
from volunteer_desk.ui.rows_model import RowsModel

if TYPE_CHECKING:
    from volunteer_desk.storage.schema import BundleReceipt

COLUMNS = (N_("Sender"), N_("Period"), N_("No."), N_("Made at"), N_("Imported at"), N_("Operator"),
           N_("Import result"), N_("What it changed"))
WIDEST = {0: 200, 6: 130}  # sender and result wrap beyond this, leaving room for what changed


class BundleReceiptsDialog(QDialog):
    def __init__(self, bundles: BundleService, names: Mapping[str, str], parent=None):
        """`names`: organisation id → name, for the senders."""
        super().__init__(parent)
        self.setWindowTitle(_("Bundles received"))
        self._names = names
        self.model = RowsModel(COLUMNS, self._cells, right_aligned=frozenset({2}), parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        wrap_rows(self.table)
        receipts = sorted(bundles.receipts(), key=lambda r: r.imported_at, reverse=True)
        self.model.set_rows(receipts)
        fit_columns(self.table, WIDEST)
        hint = QLabel(_("Every bundle imported here, the newest first.") if receipts else
                      _("No bundle has been imported yet: Data exchange → Import bundles."), self)
        hint.setWordWrap(True)
        close = QPushButton(_("Close"), self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1180, 480)

    def _cells(self, receipt: BundleReceipt) -> tuple[str, ...]:
        result = _("Applied") if receipt.applied else _("Older than one imported before: nothing changed")
        return (self._names.get(receipt.sender_org_id, receipt.file_name), receipt.period, str(receipt.sequence),
                dates.format_recorded(receipt.made_at), dates.format_recorded(receipt.imported_at), receipt.operator,
                result,
                changes_text(receipt.changes, short=True) if receipt.applied else "")
