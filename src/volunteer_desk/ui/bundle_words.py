"""What a bundle changes, said and shown the same way in the import dialog and in the list of bundles received."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import QTableView

from volunteer_desk.i18n import _
from volunteer_desk.services.bundles import LABELS

# What a secretary checks first; the other tables are counted together in the short form.
MAIN_TABLES = ("volunteer", "activity", "participation")

Counts = Sequence[int]  # new, changed, deleted


def _counts(new: int, changed: int, deleted: int) -> str:
    said = ((_("{count} new"), new), (_("{count} changed"), changed), (_("{count} deleted"), deleted))
    return "，".join(text.format(count=count) for text, count in said if count)


def changes_text(changes: Mapping[str, Counts], *, short: bool = False) -> str:
    """"volunteers: 3 new, 1 changed; activities: 2 new; 41 other records" (short) or every table (long)."""
    shown = [table for table in dict.fromkeys((*MAIN_TABLES, *LABELS)) if any(changes.get(table, ()))]
    main = [t for t in shown if t in MAIN_TABLES] if short else shown
    parts = [_("{records}: {counts}").format(records=_(LABELS[table]), counts=_counts(*changes[table]))
             for table in main]
    others = sum(sum(changes[table]) for table in shown if table not in main)
    if others:
        parts.append(_("{count} other records").format(count=others))
    return "；".join(parts) or _("no changes")



def wrap_rows(table: QTableView) -> None:
    """Long texts wrap in rows as high as they need, so the last column (what changed) keeps its room."""
    table.setWordWrap(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().sectionResized.connect(lambda *_args: table.resizeRowsToContents())


def fit_columns(table: QTableView, widest: Mapping[int, int]) -> None:
    """Columns as wide as their texts, but those in `widest` (column → pixels) no wider: they wrap."""
    table.resizeColumnsToContents()
    for column, pixels in widest.items():
        table.setColumnWidth(column, min(table.columnWidth(column), pixels))
    table.resizeRowsToContents()
