"""One participant's hours ledger: every entry with when, who and why (志愿服务条例 Art.19), read-only."""

from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from volunteer_desk.domain import dates
from volunteer_desk.domain.hours import format_hours
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.ledgers import HoursLine, LedgerService
from volunteer_desk.ui.rows_model import RowsModel

COLUMNS = (N_("Recorded at"), N_("Recorded by"), N_("Change"), N_("Reason"))


def _cells(line: HoursLine) -> tuple[str, ...]:
    sign = "+" if line.delta >= 0 else "−"
    return dates.format_recorded(line.at), line.operator, sign + format_hours(abs(line.delta)), line.reason


class HoursHistoryDialog(QDialog):
    def __init__(self, ledgers: LedgerService, participation_id: str, name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Hours history"))
        lines = ledgers.history(participation_id)
        total = sum(line.delta for line in lines)
        summary = QLabel(_("{name}: {hours} credited; every change is kept below.").format(
            name=name, hours=format_hours(total)), self)
        summary.setWordWrap(True)
        self.model = RowsModel(COLUMNS, _cells, parent=self)
        self.model.set_rows(lines)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(720, 360)
