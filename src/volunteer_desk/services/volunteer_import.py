"""Bringing in the volunteer lists branches already keep in Excel, WPS or CSV.

Preview first: every row cleaned, checked as the registration sheet checks it, and compared with the roster and
with the rows above it; the problems said per cell in Chinese. Then the rows the person accepted go in as one
transaction and one import batch, which can be undone afterwards as one step.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from volunteer_desk import gc_pause
from volunteer_desk.domain.enums import PoliticalStatus
from volunteer_desk.domain.volunteer import Volunteer
from volunteer_desk.formspec import FormSpec, load, values
from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.services.entries import InvalidEntry
from volunteer_desk.services.progress import Cancelled, Progress
from volunteer_desk.spreadsheets import cleaning, mapping, reading, xlsx
from volunteer_desk.spreadsheets.cleaning import CellProblem
from volunteer_desk.spreadsheets.mapping import Mapping
from volunteer_desk.storage import audit, organisations, settings
from volunteer_desk.storage import volunteers as store
from volunteer_desk.storage.schema import ImportBatch, ImportChange
from volunteer_desk.storage.schema.base import new_ids, utcnow

MAPPINGS = "import_mappings"  # setting: {layout key: {column index: field key or ""}} the person corrected
CHUNK = 5000  # rows cleaned and checked together, and written together; progress is told after each
TEMPLATE_ROWS = 300
TEXT_CHECKS = {"id_number", "mobile", "landline", "postcode", "qq"}  # Excel would turn these into rounded numbers


class Duplicates(enum.Enum):
    """What to do, for the whole file, with a row whose person is already on the roster."""

    SKIP = "skip"
    UPDATE = "update"  # fill in and correct the roster's record from the row; blank cells change nothing
    KEEP_BOTH = "keep_both"  # only for a probable match (same name and mobile): the same ID number cannot be twice


@dataclass(frozen=True)
class PreviewRow:
    row: int  # Excel's row number
    name: str
    raw: dict[str, Any]  # the cleaned values of the fields the file has, as the registration editor gives them
    volunteer: Volunteer  # what they make: checked once here, stored as it is if accepted
    problems: tuple[CellProblem, ...]
    same_as: tuple[str, str] | None = None  # (id, name) of the roster's volunteer this row seems to be
    certain: bool = False  # same_as by ID number (else by name and mobile)
    same_as_row: int | None = None  # an earlier row of the file with the same ID number

    @property
    def blocked(self) -> bool:
        """Cannot go in as it is: the person must correct the file (or leave the row out)."""
        return self.same_as_row is not None or any(p.blocking for p in self.problems)


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    sheet: str
    mapping: Mapping
    rows: tuple[PreviewRow, ...]
    notes: tuple[str, ...] = ()  # about the whole file, in Chinese

    @property
    def blocked(self) -> int:
        return sum(r.blocked for r in self.rows)

    @property
    def duplicates(self) -> int:
        return sum(r.same_as is not None and not r.blocked for r in self.rows)

    @property
    def ready(self) -> int:
        return len(self.rows) - self.blocked

    @property
    def summary(self) -> str:
        return _("{rows} rows with data: {ready} can be imported, {blocked} need correcting in the file first, "
                 "{duplicates} are already on the roster.").format(
                     rows=len(self.rows), ready=self.ready, blocked=self.blocked, duplicates=self.duplicates)


@dataclass(frozen=True)
class ImportResult:
    batch_id: str
    created: int
    updated: int
    skipped: int


@dataclass(frozen=True)
class BatchInfo:
    id: str
    file_name: str
    sheet: str
    imported_at: dt.datetime  # UTC, as stored
    created: int
    updated: int
    skipped: int
    operator: str
    undone_at: dt.datetime | None


class VolunteerImportService:
    def __init__(self, database: Database):
        self._db = database
        self.form: FormSpec = load("registration")

    def sheets(self, path: Path) -> list[str]:
        return _readable(lambda: reading.sheet_names(Path(path)))

    @gc_pause.paused()
    def preview(self, path: Path, sheet: str | None = None, corrected: Mapping | None = None,
                progress: Progress | None = None) -> ImportPreview:
        """Read, clean and check every row; store nothing. `corrected` is the person's mapping for this file;
        without it the header is found, and a mapping remembered for this layout is used."""
        path = Path(path)
        rows = _readable(lambda: reading.read_rows(path, sheet))
        found = corrected or mapping.find_header(rows, self.form)
        if found is None:
            raise InvalidEntry({"file": _(
                "No header row with 姓名 was found in the first rows of this sheet. Check that it is the roster "
                "sheet, or choose another sheet.")})
        if corrected is None:
            found = self._remembered(found)
        if "name" not in found.columns.values():
            raise InvalidEntry({"mapping": _("Choose which column holds the names (姓名).")})
        with self._db.sessions() as session:
            home = organisations.home(session)
            known = store.live_identities(session)
        by_number = {number: (vid, name) for vid, name, number, _mobile in known if number}
        by_name_mobile = {(name, mobile): (vid, name) for vid, name, _number, mobile in known if mobile}
        checker = values.Checker(self.form)
        fields_at = _columns_of_fields(found)
        infer_status = "political_status" not in found.columns.values()  # Sheet B has 入党时间 but no 政治面貌
        dates_given = "joined_party_on" in found.columns.values()
        seen: dict[str, int] = {}
        result: list[PreviewRow] = []
        data = [(found.first_data_row + index + 1, cells) for index, cells in enumerate(rows[found.first_data_row:])
                if not (cleaning.is_blank(cells) or cleaning.is_note(cells))]
        for start in range(0, len(data), CHUNK):
            if progress and progress(start, len(data)) is False:
                raise Cancelled
            numbers, chunk = zip(*data[start:start + CHUNK], strict=True)
            cleaned = cleaning.clean_rows(chunk, found, self.form, numbers=numbers)
            for raw, _problems in cleaned:
                raw["organisation_id"] = home.id if home else None
                if infer_status:
                    _infer_status(raw, dates_given)
            checked = checker.to_domain_many([raw for raw, _problems in cleaned])  # a lacking field stays blank
            for number, (raw, problems), (volunteer, errors) in zip(numbers, cleaned, checked, strict=True):
                if errors:
                    problems = [*problems, *(_cell_problem(number, found, fields_at, key, message)
                                             for key, message in errors.items()
                                             if not any(p.column == _letter_of(fields_at.get(key)) for p in problems))]
                id_number = (raw.get("id_number") or "").strip().upper()
                same_as, certain, same_as_row = None, False, None
                if id_number and "id_number" not in errors:
                    same_as_row = seen.get(id_number)
                    seen.setdefault(id_number, number)
                    same_as, certain = by_number.get(id_number), id_number in by_number
                if same_as is None and raw.get("mobile"):
                    same_as = by_name_mobile.get((raw.get("name", "").strip(), raw["mobile"]))
                result.append(PreviewRow(row=number, name=str(raw.get("name") or ""), raw=raw, volunteer=volunteer,
                                         problems=tuple(problems), same_as=same_as, certain=certain,
                                         same_as_row=same_as_row))
        if progress:
            progress(len(data), len(data))
        notes = ((_("The file has no 政治面貌 column: people with a date joined the Party are recorded as CPC "
                    "members, the others as Party activists. Change it on a registration sheet where that is wrong.")
                  if dates_given else
                  _("The file has no 政治面貌 column: everyone is recorded as a CPC member. Change it on a "
                    "registration sheet where that is wrong.")),) if infer_status else ()
        return ImportPreview(path=path, sheet=sheet or "", mapping=found, rows=tuple(result), notes=notes)

    def remember(self, corrected: Mapping) -> None:
        """Keep the person's mapping for files with the same header, for next time."""
        with self._db.sessions.begin() as session:
            remembered = dict(settings.get(session, MAPPINGS, {}) or {})
            remembered[mapping.layout_key(corrected)] = {str(c): t for c, t in corrected.columns.items()}
            settings.put(session, MAPPINGS, remembered)

    def _remembered(self, found: Mapping) -> Mapping:
        with self._db.sessions() as session:
            remembered = (settings.get(session, MAPPINGS, {}) or {}).get(mapping.layout_key(found))
        if not remembered:
            return found
        for column in range(len(found.headers) + 1):
            target = remembered.get(str(column))
            if target != found.columns.get(column) and (target or column in found.columns):
                found = mapping.with_column(found, column, target or None)
        return found

    @gc_pause.paused()
    def commit(self, preview: ImportPreview, duplicates: Duplicates, *, leave_out: Collection[int] = (),
               progress: Progress | None = None) -> ImportResult:
        """All accepted rows or none: blocked rows and the rows in `leave_out` (Excel row numbers) stay out."""
        accepted = [r for r in preview.rows if not r.blocked and r.row not in leave_out]
        skipped = len(preview.rows) - len(accepted)
        updated = 0
        with self._db.sessions.begin() as session:
            batch = ImportBatch(file_name=preview.path.name[:200], sheet=preview.sheet[:100],
                                operator=settings.get(session, settings.OPERATOR, ""))
            session.add(batch)
            session.flush()
            new: list[Volunteer] = []
            steps = 2 * len(accepted)  # each row made ready, then written
            for done, row in enumerate(accepted):
                if done % CHUNK == 0 and progress and progress(done, steps) is False:
                    raise Cancelled  # the transaction rolls back: nothing stored
                if row.same_as is not None and (duplicates is Duplicates.SKIP or (
                        duplicates is Duplicates.KEEP_BOTH and row.certain)):
                    skipped += 1
                    continue
                if row.same_as is not None and duplicates is Duplicates.UPDATE:
                    self._update(session, batch, row)
                    updated += 1
                    continue
                new.append(row.volunteer)
            created, ids = len(new), iter(new_ids(len(new)))
            with store.loading(session, created):
                for start in range(0, created, CHUNK):
                    if progress and progress(len(accepted) + start, steps) is False:
                        raise Cancelled
                    store.insert_new(session, new[start:start + CHUNK], ids, import_batch_id=batch.id)
            batch.created, batch.updated, batch.skipped = created, updated, skipped
            audit.record(session, action="import", entity="import_batch", entity_id=batch.id,
                         summary=_("{file}: {created} added, {updated} updated, {skipped} left out").format(
                             file=batch.file_name, created=created, updated=updated, skipped=skipped)[:400])
            batch_id = batch.id
        if progress:
            progress(len(accepted), len(accepted))
        return ImportResult(batch_id=batch_id, created=created, updated=updated, skipped=skipped)

    def _update(self, session, batch: ImportBatch, row: PreviewRow) -> None:
        volunteer_id = row.same_as[0]
        current = store.load(session, volunteer_id)
        before = values.from_domain(self.form, current)
        before.pop("photo", None)  # imports never touch the photo; bytes do not go into JSON
        changed = {k: v for k, v in row.raw.items() if v not in ("", None, []) and k != "organisation_id"}
        volunteer, _errors = values.to_domain(self.form, changed, base=current)
        store.save(session, volunteer)
        session.add(ImportChange(batch_id=batch.id, volunteer_id=volunteer_id, action="update", before=before,
                                 org_id=volunteer.organisation_id))

    def template(self) -> bytes:
        """An empty roster to hand out: Sheet B's columns (forms/roster.toml) with 政治面貌 and 身份证号码 added,
        drop-downs where the sheet offers choices, ID numbers and phones kept as typed. What comes back
        filled in imports without a correction of the mapping."""
        roster = load("roster")
        columns = []
        for column in roster.columns:
            fields = [self.form.fields[key] for key in column.show]
            columns.append(_template_column(column.label, column.width, fields))
            if column.key == "joined_party_on":
                columns.append(_template_column("政治面貌", 10, [self.form.fields["political_status"]]))
            if column.key == "birth_date":
                columns.append(_template_column("身份证号码", 20, [self.form.fields["id_number"]]))
        return xlsx.write([xlsx.PaperList(
            title=f"{roster.title}（导入模板）", columns=columns, rows=[], blank_rows=TEMPLATE_ROWS,
            subtitle=_("Dates as 1985.06 or 1985-06-01; several 服务意向 separated by 、; a Party activist leaves "
                       "入党时间 empty."))])

    def batches(self) -> list[BatchInfo]:
        with self._db.sessions() as session:
            return [BatchInfo(id=b.id, file_name=b.file_name, sheet=b.sheet, imported_at=b.created_at,
                              created=b.created, updated=b.updated, skipped=b.skipped, operator=b.operator,
                              undone_at=b.undone_at)
                    for b in session.scalars(select(ImportBatch).order_by(ImportBatch.created_at.desc()))]

    def undo(self, batch_id: str) -> None:
        """The whole import taken back in one transaction: the people it added go to the recycle list, the
        records it updated get their earlier values back."""
        with self._db.sessions.begin() as session:
            batch = session.get(ImportBatch, batch_id)
            if batch is None or batch.undone_at is not None:
                raise InvalidEntry({"batch": _("This import has already been undone.")})
            store.delete_imported(session, batch_id)
            for change in session.scalars(select(ImportChange).where(ImportChange.batch_id == batch_id)):
                current = store.load(session, change.volunteer_id)
                volunteer, _errors = values.to_domain(self.form, change.before, base=current)
                store.save(session, volunteer)
            batch.undone_at = utcnow()
            audit.record(session, action="undo", entity="import_batch", entity_id=batch.id,
                         summary=batch.file_name)


def _infer_status(raw: dict[str, Any], dates_given: bool) -> None:
    """A file without 政治面貌: with a 入党时间 column, a date means a Party member and none an activist (seed 002:
    the roster's activists have no 入党时间); without one (Sheet C), the lists are of Party members. The
    preview's notes say so."""
    member = bool(raw.get("joined_party_on")) or not dates_given
    raw["political_status"] = (PoliticalStatus.MEMBER if member else PoliticalStatus.ACTIVIST).value


def _template_column(label: str, width: float, fields: list) -> xlsx.Column:
    choices = tuple(o.label for f in fields for o in f.choices()) if len(fields) == 1 else ()
    return xlsx.Column(label, width, as_text=any(f.check in TEXT_CHECKS for f in fields),
                       choices=tuple(_(c) for c in choices),
                       only_choices=not any(f.type == "multi_check" for f in fields))


def _readable(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except reading.UnreadableFile as error:
        raise InvalidEntry({"file": error.message}) from None


def _columns_of_fields(found: Mapping) -> dict[str, int]:
    """Field key → the column it came from (both halves of 工作单位及职务 from that one column)."""
    at: dict[str, int] = {}
    for column, target in found.columns.items():
        for key in (("work_unit", "position") if target == "work_unit_position" else (target,)):
            at.setdefault(key, column)
    return at


def _letter_of(column: int | None) -> str:
    return "" if column is None else cleaning.column_letter(column)


def _cell_problem(row: int, found: Mapping, fields_at: dict[str, int], key: str, message: str) -> CellProblem:
    column = fields_at.get(key)
    return CellProblem(row=row, column=_letter_of(column), header=found.headers.get(column, ""),
                       message=str(message), blocking=True)
