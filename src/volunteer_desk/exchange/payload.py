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
import operator
import re
import zipfile
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat

from volunteer_desk.exchange import BundleRejected, records, strict_json
from volunteer_desk.i18n import _

FORMAT = 1
MANIFEST = "manifest.json"
MAX_UNPACKED = 1024 * 2**20
MAX_PHOTOS = 100_000
# Records deflate 3–6 times; more than this is a bomb, refused before a byte is inflated (a 1 MB file could
# otherwise claim the whole MAX_UNPACKED).
MAX_RATIO = 50
# The sender and the organisations below it. A county has a few thousand branches; the importer looks a
# bundle's organisations up in one SQL statement, and SQLite takes at most 32,766 values in one.
MAX_ORGANISATIONS = 10_000
MAX_DEPTH = 16  # levels of organisations below the sender: a real tree has a handful
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
# The same encoding through json's C encoder made once: JSONEncoder.encode makes a new one on every call,
# which costs more than encoding a short row, and a bundle has hundreds of thousands of rows.
# (json.encoder.c_make_encoder is CPython's; without it, the slower public way.)
_encode_row = json.encoder.c_make_encoder(None, json.JSONEncoder().default, json.encoder.encode_basestring, None,
                                          ":", ",", False, False, False) if json.encoder.c_make_encoder \
    else lambda row, _level: (_encode(row),)


def build(manifest: dict, tables: dict[str, list[list]], photos: dict[str, bytes]) -> bytes:
    """The zip's bytes. `manifest` holds schema, sender, period, sequence and created_at; the counts and
    digests are added here."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        # Tables are compressed and hashed on a second thread (zlib and hashlib let go of the GIL) a few
        # thousand rows at a time, while the main thread encodes the next rows: the packer runs its tasks in
        # the order given, so each table's file is opened, written and closed before the next one's.
        digests, steps = {}, []
        with ThreadPoolExecutor(max_workers=1) as packer:
            for table in records.TABLES:
                entry = _Entry(archive, f"tables/{table}.jsonl")
                steps.append(packer.submit(entry.open))
                steps += [packer.submit(entry.write, chunk) for chunk in _chunks(table, tables.get(table, []))]
                steps.append(digests.setdefault(table, packer.submit(entry.close)))
        for step in steps:
            step.result()  # the first failure raised as it happened, not what it made the next steps do
        listing = {table: {"rows": len(tables.get(table, [])), "sha256": digest.result()}
                   for table, digest in digests.items()}
        for photo_id, image in photos.items():
            archive.writestr(f"photos/{photo_id}", image, compress_type=zipfile.ZIP_STORED)
        archive.writestr(MANIFEST, strict_json.dumps({**manifest, "format": FORMAT, "tables": listing,
                                                      "photos": len(photos)}))
    return buffer.getvalue()


_CHUNK_ROWS = 20_000


def _chunks(table: str, rows: list[list]) -> Iterator[bytes]:
    """The table's file in pieces: the column names, then one JSON array per record, a line each."""
    yield _encode(records.names(table)).encode()
    for start in range(0, len(rows), _CHUNK_ROWS):
        lines = map("".join, map(_encode_row, rows[start:start + _CHUNK_ROWS], repeat(0)))
        yield ("\n" + "\n".join(lines)).encode()


class _Entry:
    """One table's file in the zip, deflated and hashed as its pieces come (on the packer thread)."""

    def __init__(self, archive: zipfile.ZipFile, name: str):
        self._archive, self._name, self._digest = archive, name, hashlib.sha256()

    def open(self) -> None:
        self._file = self._archive.open(self._name, "w")

    def write(self, chunk: bytes) -> None:
        self._file.write(chunk)
        self._digest.update(chunk)

    def close(self) -> str:
        self._file.close()
        return self._digest.hexdigest()


def read(data: bytes, *, known_categories: frozenset[str] = frozenset()) -> Payload:
    """The checked payload. `known_categories` are the ids of service categories every installation has
    (the seeded ones), which records may refer to without carrying them."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = _entries(archive)
        manifest = _manifest(archive, entries)
        tables, distinct = {}, {}
        for table in records.TABLES:
            tables[table], distinct[table] = _table(archive, entries, table, manifest["tables"][table])
        photos = {match: _read(archive, entries[f"photos/{match}"], records.MAX_PHOTO)
                  for match in (name[len("photos/"):] for name in entries if name.startswith("photos/"))}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            ValueError, KeyError, TypeError, RuntimeError) as error:
        if isinstance(error, BundleRejected):
            raise
        raise _invalid() from error
    payload = Payload(manifest=manifest, tables=tables, photos=photos)
    _check_references(payload, distinct, known_categories)
    if len(photos) != manifest["photos"] or set(photos) != distinct["activity_photo"][0]:
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
    if sum(info.file_size for info in infos) > MAX_UNPACKED or any(
            info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
            or info.file_size > MAX_RATIO * info.compress_size + 2**20 for info in infos):
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


def _table(archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], table: str,
           listing: dict) -> tuple[list[list], list[set]]:
    """The table's rows, and each column's distinct values (the reference checks use them)."""
    data = _read(archive, entries[f"tables/{table}.jsonl"], MAX_UNPACKED)
    if hashlib.sha256(data).hexdigest() != listing["sha256"]:
        raise _invalid()
    text = data.decode("utf-8")
    head, _newline, body = text.partition("\n")
    columns = records.TABLES[table]
    if strict_json.loads(head) != records.names(table) or text.count("\n") != listing["rows"]:
        raise _invalid(_("Table {table} does not have the columns of this bundle format.").format(table=table))
    # One parse for the whole table. Every line must be one array: values are never arrays themselves (the
    # checks below reject them), so a line cannot hide two records, nor two lines make one. Checked over the
    # whole text, not line by line: the first line starts with "[", the last ends with "]", and every
    # newline stands between "]" and "[".
    if _newline and not (body.startswith("[") and body.endswith("]") and body.count("]\n[") == body.count("\n")):
        raise _invalid(table)
    rows = strict_json.loads("[" + body.replace("\n", ",") + "]")
    if len(rows) != listing["rows"] or rows and ({*map(type, rows)} != {list} or {*map(len, rows)} != {len(columns)}):
        raise _invalid(table)
    distinct = [set(map(operator.itemgetter(position), rows)) for position in range(len(columns))]
    for column, values in zip(columns, distinct):  # each distinct value once: ids and dates repeat a lot
        for value in values:
            if not (value is None and column.nullable or column.check(value)):
                raise _invalid(f"{table}.{column.name}")
    return rows, distinct


def _check_references(payload: Payload, distinct: dict[str, list[set]], known_categories: frozenset[str]) -> None:
    """Unique ids, every reference resolved within the bundle, every record owned by one of its organisations,
    and the organisations a tree with one root."""
    ids = {table: columns[0] for table, columns in distinct.items()}
    for table, rows in payload.tables.items():
        if len(ids[table]) != len(rows):
            raise _invalid(_("Table {table} has the same record twice.").format(table=table))
    organisations = payload.tables["organisation"]
    roots = [row for row in organisations if row[_PARENT] is None]
    if len(roots) != 1 or len(organisations) > MAX_ORGANISATIONS:
        raise _invalid()
    parents = {row[0]: row[_PARENT] for row in organisations}
    for org_id in parents:  # each reaches the root within MAX_DEPTH steps: no cycles, and quick to check
        steps = 0
        while parents[org_id] is not None:
            org_id, steps = parents[org_id], steps + 1
            if steps > MAX_DEPTH or org_id not in parents:
                raise _invalid()
    for table, columns in records.TABLES.items():
        for column, values in zip(columns, distinct[table]):
            if column.refers_to is None:
                continue
            allowed = ids[column.refers_to] | (known_categories if column.refers_to == "service_category" else set())
            if not values - {None} <= allowed:
                raise _invalid(_("A record of {table} refers to a record the bundle does not carry.")
                               .format(table=table))
