"""What the sealed bundle carries: a zip of manifest.json, one JSON-lines file per table and the photos.

A table's file starts with the list of its columns, then one JSON array per record. The manifest names
the sender, the period and the sequence, and gives each table's row count and SHA-256. Reading checks
everything before anything is used: the entry names (fixed ones and photos/<uuid>; no name ever becomes a
path on disk), sizes before decompressing, each value against exchange.records, that every reference
resolves and every record belongs to an organisation in the bundle.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
import zipfile

from volunteer_desk.exchange import BundleRejected, records, strict_json
from volunteer_desk.i18n import _

FORMAT = 1
MANIFEST = "manifest.json"
MAX_UNPACKED = 1024 * 2**20
MAX_PHOTOS = 100_000
_MAX_MANIFEST = 64 * 1024
_PHOTO = re.compile(r"photos/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")
_FIELDS = {"format", "schema", "sender", "period", "sequence", "created_at", "tables", "photos"}


@dataclasses.dataclass
class Payload:
    manifest: dict
    tables: dict[str, list[list]]  # table → rows, each in the order of records.TABLES[table]
    photos: dict[str, bytes]  # activity_photo id → image

    @property
    def sender_org_id(self) -> str:
        return next(row[0] for row in self.tables["organisation"] if row[_PARENT] is None)


_PARENT = records.names("organisation").index("parent_id")
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def build(manifest: dict, tables: dict[str, list[list]], photos: dict[str, bytes]) -> bytes:
    """The zip's bytes. `manifest` holds schema, sender, period, sequence and created_at; the counts and
    digests are added here."""
    buffer = io.BytesIO()
    listing = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for table in records.TABLES:
            rows = tables.get(table, [])
            text = "\n".join([_encode(records.names(table)), *map(_encode, rows)]).encode()
            archive.writestr(f"tables/{table}.jsonl", text)
            listing[table] = {"rows": len(rows), "sha256": hashlib.sha256(text).hexdigest()}
        for photo_id, image in photos.items():
            archive.writestr(f"photos/{photo_id}", image, compress_type=zipfile.ZIP_STORED)
        archive.writestr(MANIFEST, strict_json.dumps({**manifest, "format": FORMAT, "tables": listing,
                                                      "photos": len(photos)}))
    return buffer.getvalue()


def read(data: bytes, *, known_categories: frozenset[str] = frozenset()) -> Payload:
    """The checked payload. `known_categories` are the ids of service categories every installation has
    (the seeded ones), which records may refer to without carrying them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = _entries(archive)
        manifest = _manifest(archive, entries)
        tables = {table: _table(archive, entries, table, manifest["tables"][table]) for table in records.TABLES}
        photos = {match: _read(archive, entries[f"photos/{match}"], records.MAX_PHOTO)
                  for match in (name[len("photos/"):] for name in entries if name.startswith("photos/"))}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, ValueError,
            KeyError, TypeError, RuntimeError) as error:
        if isinstance(error, BundleRejected):
            raise
        raise _invalid() from error
    payload = Payload(manifest=manifest, tables=tables, photos=photos)
    _check_references(payload, known_categories)
    if len(photos) != manifest["photos"] or set(photos) != {row[0] for row in tables["activity_photo"]}:
        raise _invalid()
    return payload


def _invalid(detail: str = "") -> BundleRejected:
    message = _("The bundle's contents are not valid (it was signed by the sender, so the program that made it "
                "is faulty or not VolunteerDesk). Nothing was imported. Ask the branch to update VolunteerDesk "
                "and export again.")
    return BundleRejected(f"{message}\n{detail}" if detail else message)


def _entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > len(records.TABLES) + 1 + MAX_PHOTOS:
        raise _invalid()
    entries = {info.filename: info for info in infos}
    expected = {MANIFEST, *(f"tables/{table}.jsonl" for table in records.TABLES)}
    if len(entries) != len(infos) or not expected <= set(entries) or \
            not all(name in expected or _PHOTO.fullmatch(name) for name in entries):
        raise _invalid()
    if sum(info.file_size for info in infos) > MAX_UNPACKED or any(info.flag_bits & 0x1 for info in infos):
        raise _invalid()
    return entries


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """An entry's bytes, never more than `limit` (zipfile stops at the declared size and checks the CRC)."""
    if info.file_size > limit:
        raise _invalid()
    with archive.open(info) as entry:
        data = entry.read(limit + 1)
    if len(data) > limit:
        raise _invalid()
    return data


def _manifest(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo]) -> dict:
    manifest = strict_json.loads(_read(archive, entries[MANIFEST], _MAX_MANIFEST))
    if not isinstance(manifest, dict) or set(manifest) != _FIELDS or manifest["format"] != FORMAT \
            or not isinstance(manifest["tables"], dict) or set(manifest["tables"]) != set(records.TABLES) \
            or type(manifest["photos"]) is not int:
        raise _invalid()
    for listing in manifest["tables"].values():
        if not isinstance(listing, dict) or set(listing) != {"rows", "sha256"} or type(listing["rows"]) is not int \
                or not 0 <= listing["rows"] <= records.MAX_ROWS or not isinstance(listing["sha256"], str):
            raise _invalid()
    return manifest


def _table(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], table: str, listing: dict) -> list[list]:
    data = _read(archive, entries[f"tables/{table}.jsonl"], MAX_UNPACKED)
    if hashlib.sha256(data).hexdigest() != listing["sha256"]:
        raise _invalid()
    lines = data.decode("utf-8").split("\n")
    columns = records.TABLES[table]
    if strict_json.loads(lines[0]) != records.names(table) or len(lines) - 1 != listing["rows"]:
        raise _invalid(_("Table {table} does not have the columns of this bundle format.").format(table=table))
    # One parse for the whole table. Every line must be one array: values are never arrays themselves (the
    # checks below reject them), so a line cannot hide two records, nor two lines make one.
    if not all(line.startswith("[") and line.endswith("]") for line in lines[1:]):
        raise _invalid(table)
    rows = strict_json.loads("[" + ",".join(lines[1:]) + "]")
    if len(rows) != listing["rows"] or any(type(row) is not list or len(row) != len(columns) for row in rows):
        raise _invalid(table)
    for column, values in zip(columns, zip(*rows)):
        # Each distinct value once: ids and dates repeat over thousands of rows.
        for value in set(values):
            if not (value is None and column.nullable or column.check(value)):
                raise _invalid(f"{table}.{column.name}")
    return rows


def _check_references(payload: Payload, known_categories: frozenset[str]) -> None:
    """Unique ids, every reference resolved within the bundle, every record owned by one of its organisations,
    and the organisations a tree with one root."""
    ids: dict[str, set[str]] = {}
    for table, rows in payload.tables.items():
        ids[table] = {row[0] for row in rows}
        if len(ids[table]) != len(rows):
            raise _invalid(_("Table {table} has the same record twice.").format(table=table))
    organisations = payload.tables["organisation"]
    roots = [row for row in organisations if row[_PARENT] is None]
    if len(roots) != 1:
        raise _invalid()
    parents = {row[0]: row[_PARENT] for row in organisations}
    for org_id in parents:
        seen = set()
        while org_id is not None:
            if org_id in seen or org_id not in parents:
                raise _invalid()
            seen.add(org_id)
            org_id = parents[org_id]
    for table, columns in records.TABLES.items():
        for position, column in enumerate(columns):
            if column.refers_to is None:
                continue
            allowed = ids[column.refers_to] | (known_categories if column.refers_to == "service_category" else set())
            for row in payload.tables[table]:
                if row[position] is not None and row[position] not in allowed:
                    raise _invalid(_("A record of {table} refers to a record the bundle does not carry.")
                                   .format(table=table))
