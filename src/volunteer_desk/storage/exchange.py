"""Records as bundles carry them (exchange.records): read for export, compared and written on import.

Values are read and written as SQLite stores them, straight through the driver, so a record that did not
change compares equal and hundreds of thousands of rows move in a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter

from sqlalchemy import select
from sqlalchemy.orm import Session

from volunteer_desk.exchange import records
from volunteer_desk.storage import bulk, volunteers
from volunteer_desk.storage.schema import Base, BundleReceipt, BundleSender, Organisation
from volunteer_desk.storage.schema.base import utcnow

_CHUNK = 900  # SQLite's default limit of bound parameters is 999


def _driver(session: Session):
    return session.connection().connection.driver_connection


def _columns(table: str) -> str:
    return ", ".join(f'"{name}"' for name in records.names(table))


def _marks(values: Sequence) -> str:
    return ", ".join("?" * len(values))


def subtree(session: Session, root_id: str) -> list[str]:
    """The live organisation `root_id` and every live organisation below it, root first."""
    children: dict[str | None, list[str]] = {}
    for org_id, parent_id in session.execute(
            select(Organisation.id, Organisation.parent_id).where(Organisation.deleted.is_(False))):
        children.setdefault(parent_id, []).append(org_id)
    found, queue = [], [root_id]
    while queue:
        org_id = queue.pop(0)
        if org_id not in found:
            found.append(org_id)
            queue.extend(sorted(children.get(org_id, [])))
    return found


def snapshot(session: Session, org_ids: Sequence[str]) -> tuple[dict[str, list[list]], dict[str, bytes]]:
    """Every live record of the organisations, each table's rows in records order; a record whose parent
    record did not make it (deleted, or another organisation's) stays behind with it."""
    driver, tables = _driver(session), {}
    kept: dict[str, set[str]] = {}
    for table, columns in records.TABLES.items():
        if table == "organisation":
            rows = [list(row) for row in driver.execute(
                f'SELECT {_columns(table)} FROM organisation WHERE deleted = 0 AND id IN ({_marks(org_ids)})',
                list(org_ids))]
            parent = records.names(table).index("parent_id")
            for row in rows:
                if row[0] == org_ids[0]:
                    row[parent] = None  # the sender's own parent is the receiver's business
        else:
            # One pass over the table: through the org_id index it would be one random read per row.
            rows = driver.execute(f'SELECT {_columns(table)} FROM "{table}" NOT INDEXED WHERE deleted = 0 '
                                  f"AND org_id IN ({_marks(org_ids)})", list(org_ids)).fetchall()
        references = [(position, column.refers_to, column.nullable) for position, column in enumerate(columns)
                      if column.refers_to and column.refers_to != "service_category"]
        for position, target, nullable in references:
            if target == table:
                continue
            allowed = kept[target] | {None} if nullable else kept[target]
            if not set(map(itemgetter(position), rows)) <= allowed:  # the usual case, checked in C
                rows = [row for row in rows if row[position] in allowed]
        kept[table] = set(map(itemgetter(0), rows))
        if table == "service_category":  # with the categories every installation has (seeded, no owner)
            shared = {row[0] for row in driver.execute("SELECT id FROM service_category WHERE org_id IS NULL")}
            kept[table] |= shared
        for position, column in enumerate(columns):  # a category left behind: the record keeps no category
            if column.refers_to == "service_category":
                rows = [_without(row, position) if row[position] not in kept["service_category"] else row
                        for row in rows]
        for position, target, _nullable in references:
            if target == table:  # a team under a team left behind becomes a top-level team in the copy
                rows = [_without(row, position) if row[position] not in kept[table] else row for row in rows]
        tables[table] = rows
    photos = {}
    ids = [row[0] for row in tables["activity_photo"]]
    for start in range(0, len(ids), _CHUNK):
        part = ids[start:start + _CHUNK]
        photos.update(driver.execute(f"SELECT id, image FROM activity_photo WHERE id IN ({_marks(part)})", part))
    return tables, photos


def _without(row: Sequence, position: int) -> tuple:
    """The row with no reference at `position`."""
    return (*row[:position], None, *row[position + 1:])


def held(session: Session, table: str, org_ids: Iterable[str]) -> tuple[dict[str, tuple], set[str]]:
    """The table's records of the organisations: id → values in records order of the live ones, and the ids
    of the deleted ones."""
    org_ids = list(org_ids)
    key = "id" if table == "organisation" else "org_id"
    query = f'SELECT {{columns}} FROM "{table}" WHERE {key} IN ({_marks(org_ids)}) AND deleted = ?'
    live = _driver(session).execute(query.format(columns=_columns(table)), [*org_ids, False]).fetchall()
    deleted = _driver(session).execute(query.format(columns="id"), [*org_ids, True])
    return dict(zip(map(itemgetter(0), live), live)), set(map(itemgetter(0), deleted))


def insert(session: Session, table: str, rows: Sequence[Sequence], photos: dict[str, bytes]) -> None:
    names, rows = _stored(table, rows, photos)
    with bulk.indexes_deferred(session.connection(), Base.metadata.tables[table], rows=len(rows)):
        bulk.insert_stored(session, Base.metadata.tables[table], names, rows)


def update(session: Session, table: str, rows: Sequence[Sequence], photos: dict[str, bytes]) -> None:
    """Overwrite records (matched by id) with these values, and make them live again if they were deleted."""
    names, rows = _stored(table, rows, photos)
    assignments = ", ".join(f'"{name}" = ?' for name in names[1:])
    now = _now(session, table)
    _driver(session).executemany(f'UPDATE "{table}" SET {assignments}, deleted = 0, updated_at = ? WHERE id = ?',
                                 [(*row[1:], now, row[0]) for row in rows])


def mark_deleted(session: Session, table: str, ids: Sequence[str]) -> None:
    now = _now(session, table)
    _driver(session).executemany(f'UPDATE "{table}" SET deleted = 1, updated_at = ? WHERE id = ?',
                                 [(now, i) for i in ids])


def forget_volunteers(session: Session, ids: Sequence[str], placeholder: str) -> None:
    """Erase what a bundle brought of these volunteers (they were deleted at the branch): the name becomes
    `placeholder`, every other carried column empty."""
    names = [name for name in records.names("volunteer") if name not in ("id", "org_id", "name")]
    blank = {name: "" if not column.nullable else None for name, column in zip(
        records.names("volunteer"), records.TABLES["volunteer"]) if name in names}
    blank["service_intents"] = "[]"
    assignments = ", ".join(f'"{name}" = ?' for name in blank)
    pinyin_key, search = volunteers.name_keys(placeholder)
    _driver(session).executemany(
        f'UPDATE volunteer SET name = ?, name_pinyin = ?, search_keys = ?, {assignments} WHERE id = ?',
        [(placeholder, pinyin_key, search, *blank.values(), volunteer_id) for volunteer_id in ids])


def _now(session: Session, table: str) -> str:
    """The current time as the table's updated_at column stores it."""
    column = Base.metadata.tables[table].c.updated_at
    return column.type._cached_bind_processor(session.connection().dialect)(utcnow())


def photo_digests(session: Session, ids: Sequence[str]) -> dict[str, bytes]:
    """id → image of the photos held, to tell whether a photo that arrives again changed."""
    found = {}
    for start in range(0, len(ids), _CHUNK):
        part = list(ids[start:start + _CHUNK])
        found.update(_driver(session).execute(f"SELECT id, image FROM activity_photo WHERE id IN ({_marks(part)})",
                                              part))
    return found


def _stored(table: str, rows: Sequence[Sequence], photos: dict[str, bytes]) -> tuple[list[str], Sequence[Sequence]]:
    """The columns written and their values: a volunteer's search columns derived here from the name rather
    than taken from the bundle, a photo's image from the bundle's photos."""
    names = records.names(table)
    if table == "volunteer":
        at = names.index("name")
        return [*names, "name_pinyin", "search_keys"], [(*row, *volunteers.name_keys(row[at])) for row in rows]
    if table == "activity_photo":
        return [*names, "image"], [(*row, photos[row[0]]) for row in rows]
    return names, rows


def sender(session: Session, org_id: str) -> BundleSender | None:
    return session.get(BundleSender, org_id)


def receipts(session: Session, sender_org_id: str | None = None) -> list[BundleReceipt]:
    query = select(BundleReceipt).order_by(BundleReceipt.imported_at)
    if sender_org_id is not None:
        query = query.where(BundleReceipt.sender_org_id == sender_org_id)
    return list(session.scalars(query))


def newest_applied(session: Session, sender_org_id: str) -> BundleReceipt | None:
    return session.scalars(select(BundleReceipt).where(
        BundleReceipt.sender_org_id == sender_org_id, BundleReceipt.applied.is_(True))
        .order_by(BundleReceipt.made_at.desc(), BundleReceipt.sequence.desc())).first()


def received_from(session: Session, org_id: str | None) -> str | None:
    """The name of the organisation whose bundles bring `org_id`'s records (itself or one above it), or None
    for this installation's own records: those the committee reports on but does not edit."""
    if org_id is None:
        return None
    senders = {row for row in session.scalars(select(BundleSender.org_id))}
    if not senders:
        return None
    parents = dict(session.execute(select(Organisation.id, Organisation.parent_id)).all())
    seen = set()
    while org_id is not None and org_id not in seen:
        if org_id in senders:
            return session.get(Organisation, org_id).name
        seen.add(org_id)
        org_id = parents.get(org_id)
    return None
