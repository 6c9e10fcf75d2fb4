"""Reading and writing volunteers. The database sorts and filters; callers get ids and plain values."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, update
from sqlalchemy.orm import Session

from volunteer_desk.domain import enums, pinyin
from volunteer_desk.domain.contact import to_halfwidth
from volunteer_desk.domain.volunteer import Volunteer
from volunteer_desk.storage import bulk
from volunteer_desk.storage.schema import TeamMembership, VolunteerRow
from volunteer_desk.storage.schema.volunteer import SEARCH_INDEX_COLUMNS
from volunteer_desk.storage.schema.base import utcnow

_ENUM_FIELDS = {"sex": enums.Sex, "education": enums.Education, "political_status": enums.PoliticalStatus}
# Domain attribute → column, where the names differ.
_COLUMN_OF = {"organisation_id": "org_id"}
ROW_KEY = literal_column("volunteer.rowid")


@dataclasses.dataclass(frozen=True)
class RosterQuery:
    """What the roster shows: a search text, a sort column (domain attribute or derived key), deleted or live."""

    search: str = ""
    sort: str = "name_pinyin"
    descending: bool = False
    deleted: bool = False
    org_id: str | None = None
    team_id: str | None = None  # only the team's current members
    occupation_type: str | None = None  # 职业类型, as stored


def column(attribute: str):
    return getattr(VolunteerRow, _COLUMN_OF.get(attribute, attribute))


def has_column(attribute: str) -> bool:
    """A mapped column of the volunteer table (not any attribute of the class, such as `metadata`)."""
    return _COLUMN_OF.get(attribute, attribute) in VolunteerRow.__table__.columns


def _like_escape(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


def _term_filter(term: str) -> ColumnElement[bool]:
    """Digits find phones anywhere and ID numbers by their end; letters find pinyin; hanzi find names."""
    term = to_halfwidth(term)  # an input method left in full-width mode types １３８
    if re.fullmatch(r"[\d\-()+]*\d[xX]?", term, re.ASCII):  # phones are typed with dashes and brackets too
        term = re.sub(r"[^\dxX]", "", term)
    escaped = _like_escape(term)
    if re.fullmatch(r"\d+[xX]?", term, re.ASCII):
        tail = escaped.upper()
        return or_(
            func.instr(VolunteerRow.phone_keys, term) > 0,
            VolunteerRow.id_number.like(f"%{tail}", escape="\\"),
        )
    if re.fullmatch(r"[a-zA-Z]+", term):
        lower = escaped.lower()
        return VolunteerRow.search_keys.like(f"% {lower}%", escape="\\")
    return VolunteerRow.name.like(f"%{escaped}%", escape="\\")


def _where(query: RosterQuery) -> ColumnElement[bool]:
    clauses = [VolunteerRow.deleted.is_(query.deleted)]
    if query.deleted:  # the recycle list: what can still be restored, not the erased
        clauses.append(VolunteerRow.purged_at.is_(None))
    if query.org_id:
        clauses.append(VolunteerRow.org_id == query.org_id)
    if query.team_id:
        clauses.append(VolunteerRow.id.in_(select(TeamMembership.volunteer_id).where(
            TeamMembership.team_id == query.team_id, TeamMembership.deleted.is_(False),
            TeamMembership.left_on.is_(None))))
    if query.occupation_type:
        clauses.append(VolunteerRow.occupation_type == query.occupation_type)
    clauses += [_term_filter(term) for term in query.search.split()]
    return and_(*clauses)


def _ordered(query: RosterQuery, what) -> Select:
    """The roster query, shaped so SQLite answers from an index at 100,000 rows (docs/PERFORMANCE.md):
    - no search: walk the (deleted, sort column) index;
    - search, sorted by name: walk the covering search index, ordered by all of its columns, so neither
      the table nor a sort is touched;
    - search, other sort: filter on the covering index in a subquery, then sort only what matched."""
    where = _where(query)
    if query.deleted:
        return select(what).select_from(VolunteerRow).where(where).order_by(VolunteerRow.deleted_at.desc(), ROW_KEY)
    searching = bool(query.search.split())
    if query.sort == "name_pinyin" and searching:
        keys = [column(name) for name in SEARCH_INDEX_COLUMNS[1:]] + [ROW_KEY]
    else:
        keys = [column(query.sort), ROW_KEY]
        if searching:
            where = ROW_KEY.in_(select(ROW_KEY).select_from(VolunteerRow).where(where))
    return select(what).select_from(VolunteerRow).where(where).order_by(
        *(k.desc() if query.descending else k for k in keys))


def ordered_keys(session: Session, query: RosterQuery) -> list[int]:
    """Row keys (SQLite rowids) in roster order: the cheapest handle for a model over many rows.
    They hold until the next refresh: a permanent deletion VACUUMs the database, and every roster refreshes
    after it."""
    return _first_column(session, _ordered(query, ROW_KEY))


def _first_column(session: Session, statement: Select) -> list[Any]:
    """Straight from the driver: 100,000 keys through SQLAlchemy's row objects cost ~70 ms, this ~15 ms.
    Only for statements whose first column needs no result processing (integers, text)."""
    return [row[0] for row in _driver_rows(session, statement)]


def _driver_rows(session: Session, statement: Select) -> Iterable[tuple[Any, ...]]:
    """The statement's rows as the sqlite3 module gives them: values as stored, no result processing."""
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    return connection.connection.driver_connection.execute(
        str(compiled), [params[name] for name in compiled.positiontup or ()])


def ordered_ids(session: Session, query: RosterQuery, *, limit: int | None = None) -> list[str]:
    """Volunteer ids in roster order; `limit` keeps only the first few (a picker's candidates)."""
    return list(session.execute(_ordered(query, VolunteerRow.id).limit(limit)).scalars())


def key_of(session: Session, volunteer_id: str) -> int | None:
    return session.execute(select(ROW_KEY).where(VolunteerRow.id == volunteer_id)).scalar()


def count(session: Session, query: RosterQuery) -> int:
    return session.scalar(select(func.count()).select_from(VolunteerRow).where(_where(query))) or 0


def fetch_columns(session: Session, keys: Sequence[int], attributes: Iterable[str]) -> tuple[list[int], dict[str, list]]:
    """The given rows' keys, in the order found, and {"id": uuids, attribute: domain values, ...} a value per
    row in that order, in one query. Equal stored values come back as one object (one list for all the rows
    with ["尊老服务"]): for reading, not for changing."""
    names = ["id", *dict.fromkeys(a for a in attributes if a != "id")]
    dialect = session.connection().dialect
    # Straight from the driver, each column's distinct stored values converted once (dates, JSON lists, enums):
    # a 100,000-row roster through SQLAlchemy's result rows took about 2 s more, converted row by row 0.6–0.9 s.
    rows = _driver_rows(session, select(ROW_KEY, *(column(a) for a in names)).where(ROW_KEY.in_(keys))).fetchall()
    found, *stored_columns = map(list, zip(*rows)) if rows else ([], *([] for _name in names))
    columns = {}
    for attribute, values in zip(names, stored_columns, strict=True):
        stored = column(attribute).type._cached_result_processor(dialect, None)
        enum = _ENUM_FIELDS.get(attribute)
        if stored is not None or enum is not None:
            converted = {value: _converted(value, stored, enum) for value in set(values)}
            values = list(map(converted.__getitem__, values))
        columns[attribute] = values
    return found, columns


def _converted(value: Any, stored: Callable[[Any], Any] | None, enum: type | None) -> Any:
    value = stored(value) if stored is not None else value
    return enum(value) if enum is not None and value else value


def _to_domain(attribute: str, value: Any) -> Any:
    enum = _ENUM_FIELDS.get(attribute)
    return enum(value) if enum and value else value


def _to_row(attribute: str, value: Any) -> Any:
    if attribute in _ENUM_FIELDS:
        return value.value if value else None
    if attribute == "id_number":
        return value or None
    return value


def load(session: Session, volunteer_id: str) -> Volunteer | None:
    row = session.get(VolunteerRow, volunteer_id)
    if row is None:
        return None
    values = {a: _to_domain(a, getattr(row, _COLUMN_OF.get(a, a))) for a in Volunteer.attribute_names()}
    values["id_number"] = values["id_number"] or ""
    return Volunteer(**values)


def save(session: Session, volunteer: Volunteer) -> str:
    """Insert or update; returns the id. The derived name keys are refreshed here, the one place rows are written."""
    row = session.get(VolunteerRow, volunteer.id) if volunteer.id else None
    if row is None:
        row = VolunteerRow(id=volunteer.id) if volunteer.id else VolunteerRow()
        session.add(row)
    for attribute in Volunteer.attribute_names() - {"id"}:
        setattr(row, _COLUMN_OF.get(attribute, attribute), _to_row(attribute, getattr(volunteer, attribute)))
    row.name_pinyin = pinyin.sort_key(volunteer.name)
    row.search_keys = _search_keys(volunteer.name)
    row.phone_keys = phone_keys(volunteer.mobile, volunteer.unit_phone, volunteer.phone)
    session.flush()
    return row.id


def insert_new(session: Session, volunteers: Sequence[Volunteer], ids: Iterator[str], **shared: Any) -> None:
    """Many new volunteers at once (an import), each given the next of `ids` (schema.base.new_ids); `shared` columns
    (its import batch) alike for all. Made column by column from the volunteers' own attribute dicts."""
    states = [vars(volunteer) for volunteer in volunteers]
    columns = {_COLUMN_OF.get(a, a): list(map(itemgetter(a), states)) for a in Volunteer.attribute_names() - {"id"}}
    for attribute in (*_ENUM_FIELDS, "id_number"):  # the attributes whose stored form differs (see _to_row)
        columns[attribute] = [_to_row(attribute, value) for value in columns[attribute]]
    columns["id"] = list(islice(ids, len(volunteers)))
    columns |= {name: [value] * len(volunteers) for name, value in shared.items()}
    _insert(session, columns, len(volunteers))


def bulk_insert(session: Session, rows: list[dict[str, Any]]) -> None:
    """Many new volunteers at once (demo data) as plain column dicts, every row with the same keys; the derived
    keys are added here."""
    if rows:
        _insert(session, {name: list(map(itemgetter(name), rows)) for name in rows[0]}, len(rows))


def _insert(session: Session, columns: dict[str, list[Any]], count: int) -> None:
    if "name_pinyin" not in columns:
        columns["name_pinyin"] = list(map(pinyin.sort_key, columns["name"]))
    if "search_keys" not in columns:
        columns["search_keys"] = list(map(_search_keys, columns["name"]))
    phones = (columns.get(name, [""] * count) for name in ("mobile", "unit_phone", "phone"))
    columns["phone_keys"] = list(map(phone_keys, *phones))
    now = utcnow()
    for name in ("created_at", "updated_at"):
        columns.setdefault(name, [now] * count)
    bulk.insert_columns(session, VolunteerRow.__table__, columns, count)


def live_identities(session: Session) -> list[tuple[str, str, str | None, str]]:
    """(id, name, ID number, mobile) of every live volunteer: what an import checks its rows against."""
    return [tuple(row) for row in session.execute(
        select(VolunteerRow.id, VolunteerRow.name, VolunteerRow.id_number, VolunteerRow.mobile)
        .where(VolunteerRow.deleted.is_(False)))]


def name_keys(name: str) -> tuple[str, str]:
    """The derived columns name_pinyin and search_keys of a volunteer called `name`."""
    return pinyin.sort_key(name), _search_keys(name)


def _search_keys(name: str) -> str:
    """A leading space lets one LIKE '% zs%' find a key at the start as well as after another key."""
    return " " + pinyin.search_keys(name)


def phone_keys(*numbers: str) -> str:
    """Digits only: 0519-86661234 is found by 8666 as well as by 0519."""
    return " ".join("".join(filter(str.isdigit, number)) for number in numbers if number)


def find_live_by_id_number(session: Session, number: str, *, excluding: str | None = None) -> tuple[str, str] | None:
    statement = select(VolunteerRow.id, VolunteerRow.name).where(
        VolunteerRow.id_number == number, VolunteerRow.deleted.is_(False)
    )
    if excluding:
        statement = statement.where(VolunteerRow.id != excluding)
    row = session.execute(statement).first()
    return (row[0], row[1]) if row else None


def set_deleted(session: Session, volunteer_id: str, deleted: bool) -> bool:
    result = session.execute(
        update(VolunteerRow)
        .where(VolunteerRow.id == volunteer_id, VolunteerRow.deleted.is_(not deleted), VolunteerRow.purged_at.is_(None))
        .values(deleted=deleted, deleted_at=utcnow() if deleted else None, updated_at=utcnow())
    )
    return result.rowcount == 1


def delete_imported(session: Session, batch_id: str) -> None:
    """Everyone the import batch added, still live, to the recycle list (undoing the import)."""
    now = utcnow()
    session.execute(update(VolunteerRow).where(
        VolunteerRow.import_batch_id == batch_id, VolunteerRow.deleted.is_(False), VolunteerRow.purged_at.is_(None)
    ).values(deleted=True, deleted_at=now, updated_at=now))


def loading(session: Session, rows: int) -> AbstractContextManager[None]:
    """Around insert_new or bulk_insert of `rows` new volunteers in all: see bulk.indexes_deferred."""
    return bulk.indexes_deferred(session.connection(), VolunteerRow.__table__, rows=rows)


