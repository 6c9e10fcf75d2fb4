"""The payload inside a bundle as hostile input. Each zip here is sealed with real keys, so its signature is
good and it is opened: only the payload's own checks stand between it and the committee's database. Every one
must be refused with a message, never another exception, and the committee must hold what it held before."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import uuid
import zipfile

import pytest

from tests.bundle_state import state
from tests.exchange.bundle_parts import entries, lines, restate, rezip, with_lines
from tests.exchange.conftest import open_copy
from volunteer_desk.domain.categories import seeded_categories
from volunteer_desk.exchange import BundleRejected, payload, strict_json
from volunteer_desk.services.bundles import Status

FIXED = "6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab"  # test ids must be the same in every pytest-xdist worker


@pytest.fixture(scope="module")
def receiver(sent, tmp_path_factory):
    """The committee, which only inspects here (nothing in this module may get as far as applying)."""
    committee = open_copy(sent.committee_file, tmp_path_factory.mktemp("receiver") / "committee")
    yield committee
    committee.close()


@pytest.fixture(scope="module")
def invalid() -> str:
    """The first line of what the reader says about contents it will not use."""
    with pytest.raises(BundleRejected) as caught:
        payload.read(b"not a zip")
    return caught.value.message.splitlines()[0]


@pytest.fixture
def refuse(sent, receiver, invalid, tmp_path):
    """Seal the zip as the branch would and ask the committee to import it: it must be refused for its
    contents, and nothing may change."""
    before = state(receiver.database.path)

    def check(inner: bytes, *, reason: str | None = None, alone: bool = True) -> BundleRejected:
        """`reason`: a part of the message (else the reader's own first line); `alone`: the reader refuses it
        without the header to compare with."""
        path = tmp_path / "hostile.vdb"
        path.write_bytes(sent.seal(inner))
        with pytest.raises(BundleRejected) as caught:
            receiver.bundles.inspect(path)
        message = caught.value.message
        assert isinstance(message, str) and message.strip()
        assert (reason or invalid) in message, message
        if alone:
            with pytest.raises(BundleRejected):
                payload.read(inner)
        return caught.value

    yield check
    assert state(receiver.database.path) == before


@pytest.fixture
def parts(sent) -> dict[str, bytes]:
    return entries(sent.payload)


def _rows(parts, table) -> list[list]:
    return [json.loads(line) for line in lines(parts, table)[1:]]


def _with_rows(parts, table, rows) -> dict[str, bytes]:
    return with_lines(parts, table, [lines(parts, table)[0], *(json.dumps(row, ensure_ascii=False) for row in rows)])


def _changed(parts, table, row: int, column: str, value) -> bytes:
    """The payload with one value of one record changed (the manifest made to match)."""
    rows = _rows(parts, table)
    rows[row][json.loads(lines(parts, table)[0]).index(column)] = value
    return rezip(_with_rows(parts, table, rows))


def _new_id() -> str:
    return str(uuid.uuid4())


def test_the_rebuilt_payload_is_accepted(sent, receiver, tmp_path, parts):
    """The control: what the helpers rebuild, unchanged, goes through, so the refusals below are the flaws'."""
    for inner in (rezip(parts), rezip(restate(parts)), _changed(parts, "volunteer", 0, "name", "李四")):
        path = tmp_path / "rebuilt.vdb"
        path.write_bytes(sent.seal(inner))
        plan = receiver.bundles.inspect(path)
        assert plan.status == Status.NEW_SENDER and plan.changes["volunteer"].new == 3


# --- the zip's names and sizes --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "photos/../../x", "tables/../../x.jsonl", "..\\x",
                                  "C:\\Windows\\x", "photos/", "tables/", "notes.txt", "tables/extra.jsonl",
                                  "photos/not-a-uuid", f"photos/{FIXED.upper()}",
                                  f"photos/{FIXED}/../../x", "Manifest.json", "manifest.json/"])
def test_entries_with_other_names_are_refused(refuse, parts, name):
    refuse(rezip(restate({**parts, name: b"\x89PNG\r\n\x1a\n"})))


@pytest.mark.parametrize("name", ["manifest.json", "tables/volunteer.jsonl"])
def test_duplicate_entries_are_refused(refuse, parts, name):
    refuse(rezip([*parts.items(), (name, parts[name])]))
    refuse(rezip([*parts.items(), (name, b"")]))


@pytest.mark.parametrize("name", ["manifest.json", "tables/participation.jsonl", "tables/activity_photo.jsonl"])
def test_a_missing_entry_is_refused(refuse, parts, name):
    del parts[name]
    refuse(rezip(parts))


def _declare(archive: bytes, name: str, **fields) -> bytes:
    """The zip with the central directory's record of `name` changed: flags, method, or uncompressed size."""
    offsets = {"flags": (8, "<H"), "method": (10, "<H"), "size": (24, "<I")}
    data, position = bytearray(archive), archive.index(b"PK\x01\x02")
    while position >= 0:
        length, = struct.unpack_from("<H", data, position + 28)
        if data[position + 46:position + 46 + length].decode() == name:
            for field, value in fields.items():
                offset, form = offsets[field]
                struct.pack_into(form, data, position + offset, value)
            return bytes(data)
        position = archive.find(b"PK\x01\x02", position + 46)
    raise LookupError(name)


def test_a_declared_zip_bomb_is_refused_before_it_is_unpacked(refuse, parts):
    refuse(_declare(rezip(parts), "tables/volunteer.jsonl", size=0xFFFF_FFF0))


def test_entries_bigger_than_declared_are_refused(refuse, parts):
    bomb = b" " * (20 * 2**20)  # 20 MB of nothing, 20 KB packed, declared as 100 bytes
    contents = restate({**parts, "tables/volunteer.jsonl": parts["tables/volunteer.jsonl"] + bomb})
    refuse(_declare(rezip(contents), "tables/volunteer.jsonl", size=100))


def test_an_honestly_declared_bomb_is_refused_before_it_is_unpacked(refuse, parts, monkeypatch):
    bomb = b" " * (40 * 2**20)  # 40 MB that deflates a thousandfold, declared truthfully
    contents = restate({**parts, "tables/volunteer.jsonl": parts["tables/volunteer.jsonl"] + bomb})
    packed = rezip(contents)

    def never(*_args, **_kwargs):
        raise AssertionError("an entry was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    refuse(packed)


def test_a_photo_bomb_is_refused(refuse, parts):
    photo = _new_id()
    activity = _rows(parts, "activity")[0]
    contents = _with_rows(parts, "activity_photo", [[photo, activity[1], activity[0], ""]])
    refuse(rezip(restate({**contents, f"photos/{photo}": bytes(11 * 2**20)})))


def test_a_huge_manifest_is_refused(refuse, parts):
    manifest = parts["manifest.json"]
    refuse(rezip({**parts, "manifest.json": manifest[:-1] + b" " * 70_000 + b"}"}))


@pytest.mark.parametrize("fields", [{"flags": 0x1}, {"method": 99}, {"method": zipfile.ZIP_LZMA},
                                    {"method": zipfile.ZIP_BZIP2}, {"method": zipfile.ZIP_STORED}])
def test_entries_encrypted_or_packed_another_way_are_refused(refuse, parts, fields):
    refuse(_declare(rezip(parts), "tables/volunteer.jsonl", **fields))


def test_a_damaged_deflate_stream_is_refused(refuse, parts):
    archive = bytearray(rezip(parts))
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        local = opened.getinfo("tables/volunteer.jsonl").header_offset
    name, extra = struct.unpack_from("<HH", archive, local + 26)
    archive[local + 30 + name + extra] = 0xFF  # the first block's type: 11, which deflate does not have
    refuse(bytes(archive))


@pytest.mark.parametrize("inner", [b"", b"PK\x05\x06" + bytes(18), b"\x00" * 100, b"PK\x03\x04garbage"])
def test_what_is_not_a_zip_is_refused(refuse, inner):
    refuse(inner)


def test_an_empty_zip_is_refused(refuse):
    refuse(rezip({}))


# --- the manifest -----------------------------------------------------------------------------------------------


def _manifest(parts) -> dict:
    return strict_json.loads(parts["manifest.json"])


def test_duplicate_keys_in_the_manifest_are_refused(refuse, parts):
    text = parts["manifest.json"]
    refuse(rezip({**parts, "manifest.json": text[:-1] + b',"photos":0}'}))
    again = b'"tables":{"team":{"rows":0,"sha256":""},'
    refuse(rezip({**parts, "manifest.json": text.replace(b'"tables":{', again, 1)}))


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_the_manifest_are_refused(refuse, parts, constant):
    text = parts["manifest.json"]
    refuse(rezip({**parts, "manifest.json": text.replace(b'"photos":0', b'"photos":' + constant.encode())}))
    rows = f'"volunteer":{{"rows":{constant},'.encode()
    refuse(rezip({**parts, "manifest.json": text.replace(b'"volunteer":{"rows":3,', rows)}))


def _manifest_cases():
    return {
        "rows one more": lambda m: m["tables"]["volunteer"].update(rows=4),
        "rows one fewer": lambda m: m["tables"]["volunteer"].update(rows=2),
        "rows negative": lambda m: m["tables"]["service_station"].update(rows=-1),
        "rows as text": lambda m: m["tables"]["volunteer"].update(rows="3"),
        "rows true": lambda m: m["tables"]["organisation"].update(rows=True),
        "rows a float": lambda m: m["tables"]["volunteer"].update(rows=3.0),
        "rows too many": lambda m: m["tables"]["service_station"].update(rows=10**12),
        "wrong sha256": lambda m: m["tables"]["volunteer"].update(sha256=hashlib.sha256(b"x").hexdigest()),
        "sha256 of another table": lambda m: m["tables"]["team"].update(sha256=m["tables"]["activity"]["sha256"]),
        "sha256 a number": lambda m: m["tables"]["volunteer"].update(sha256=0),
        "extra listing field": lambda m: m["tables"]["volunteer"].update(bytes=10),
        "photos one": lambda m: m.update(photos=1),
        "photos negative": lambda m: m.update(photos=-1),
        "photos as text": lambda m: m.update(photos="0"),
        "a table missing": lambda m: m["tables"].pop("team"),
        "a table more": lambda m: m["tables"].update(secret={"rows": 0, "sha256": ""}),
        "tables a list": lambda m: m.update(tables=[]),
        "format 2": lambda m: m.update(format=2),
        "no format": lambda m: m.pop("format"),
        "a field more": lambda m: m.update(comment="hi"),
        "no sender": lambda m: m.pop("sender"),
        "another sender": lambda m: m.update(sender={"code": "B-02", "name": "第二支部", "level": "branch"}),
        "another sequence": lambda m: m.update(sequence=m["sequence"] + 1),
        "another period": lambda m: m.update(period="2025Q1"),
        "another time": lambda m: m.update(created_at="2020-01-01T00:00:00Z"),
    }


@pytest.mark.parametrize("case", list(_manifest_cases()))
def test_a_manifest_that_does_not_match_is_refused(refuse, parts, case):
    manifest = _manifest(parts)
    _manifest_cases()[case](manifest)
    # the sender, period, sequence and time are compared with the signed header's
    refuse(rezip({**parts, "manifest.json": strict_json.dumps(manifest)}), alone=not case.startswith("another"))


@pytest.mark.parametrize("text", [b"[]", b'"manifest"', b"null", b"{", b"\xff\xfe{}", b"{}" * 2, b"[" * 100_000])
def test_a_manifest_that_is_not_an_object_is_refused(refuse, parts, text):
    refuse(rezip({**parts, "manifest.json": text}))


# --- the tables' lines ----------------------------------------------------------------------------------------


def _columns_cases(names: list[str]):
    return {
        "two swapped": [names[1], names[0], *names[2:]],
        "one missing": names[:-1],
        "one more": [*names, "id_number"],
        "renamed": [*names[:-1], "mobile"],
        "upper case": [name.upper() for name in names],
    }


@pytest.mark.parametrize("case", list(_columns_cases(["a", "b", "c"])))
def test_a_table_with_other_columns_is_refused(refuse, parts, case):
    names = json.loads(lines(parts, "volunteer")[0])
    changed = _columns_cases(names)[case]
    rows = [row[:len(changed)] + [""] * (len(changed) - len(row)) for row in _rows(parts, "volunteer")]
    refuse(rezip(with_lines(parts, "volunteer", [json.dumps(changed), *map(json.dumps, rows)])))


@pytest.mark.parametrize("header", ["{}", "null", "", '"id"', "[1,2]", '["id","id"]'])
def test_a_table_whose_first_line_is_not_its_columns_is_refused(refuse, parts, header):
    refuse(rezip(with_lines(parts, "team", [header, *lines(parts, "team")[1:]])))


def _line_cases(row: list, width: int):
    return {
        "one value more": json.dumps([*row, None]),
        "one value fewer": json.dumps(row[:-1]),
        "empty": "[]",
        "text": json.dumps("a record"),
        "number": "42",
        "null": "null",
        "true": "true",
        "object": json.dumps(dict(zip(map(str, range(width)), row))),
        "nested in a list": json.dumps([row]),
        "a value a list": json.dumps([row[0], [row[1]], *row[2:]]),
        "a value an object": json.dumps([row[0], {"id": row[1]}, *row[2:]]),
        "two records on a line": json.dumps(row) + "," + json.dumps(row),
        "a blank line": "",
        "a space": " ",
        "deep nesting": "[" * 50_000 + "]" * 50_000,
        "NaN": json.dumps(row).replace(json.dumps(row[-1]), "NaN"),
        "not JSON": "[" + json.dumps(row)[1:-1],
        "trailing comma": json.dumps(row)[:-1] + ",]",
        "windows line end": json.dumps(row) + "\r",
    }


@pytest.mark.parametrize("case", list(_line_cases([0, 1, 2], 3)))
def test_a_record_line_that_is_not_one_row_of_the_table_is_refused(refuse, parts, case):
    rows = lines(parts, "volunteer")
    row = json.loads(rows[2])
    refuse(rezip(with_lines(parts, "volunteer", [*rows[:2], _line_cases(row, len(row))[case], *rows[3:]])))


def test_a_table_of_two_records_on_one_line_that_pretends_to_be_one_is_refused(refuse, parts):
    rows = lines(parts, "participation")
    refuse(rezip(with_lines(parts, "participation", [rows[0], "[" + ",".join(rows[1:]) + "]"])))


def test_a_line_break_at_the_end_or_a_bom_is_refused(refuse, parts):
    text = parts["tables/team.jsonl"]
    refuse(rezip(restate({**parts, "tables/team.jsonl": text + b"\n"})))
    refuse(rezip(restate({**parts, "tables/team.jsonl": "\ufeff".encode() + text})))
    name = _rows(parts, "team")[0][2].encode()
    refuse(rezip(restate({**parts, "tables/team.jsonl": text.replace(name, b"\xff\xfe" + name)})))


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1" * 5000])
def test_nan_infinity_and_huge_numbers_in_a_record_are_refused(refuse, parts, number):
    columns, *rows = lines(parts, "points_entry")
    row = json.loads(rows[0])
    row[json.loads(columns).index("points")] = "@"
    refuse(rezip(with_lines(parts, "points_entry", [columns, json.dumps(row).replace('"@"', number), *rows[1:]])))


# --- values ---------------------------------------------------------------------------------------------------


_VALUES = {
    ("volunteer", "id"): ["1", FIXED.upper(), "{" + FIXED + "}", FIXED.replace("-", ""),
                          FIXED + "\n", 5, None, "../../x"],
    ("volunteer", "org_id"): ["B-01", None, 1],
    ("volunteer", "name"): ["张\x00三", "张\x1b[31m三", "长" * 21, None, 3, ["张三"]],
    ("volunteer", "sex"): ["robot", "MALE", 1],
    ("volunteer", "birth_date"): ["2026-02-30", "1899-12-31", "20260101", "2026-1-1", "2026-01-01T00:00:00", 2026],
    ("volunteer", "service_intents"): ["not json", '{"a":1}', json.dumps(["x"] * 21), json.dumps(["长" * 41]),
                                      '["a","a"', '[1]', '["\\u0000"]', ["尊老服务"]],
    ("activity", "starts_at"): ["25:00:00", "8:30", "08:30:00.5", "noon"],
    ("activity", "kind"): ["party", ""],
    ("participation", "minutes"): [-1, 1.5, 10**30, "60", True, None],
    ("points_entry", "points"): ["3.5", 10**6, -10**6, None, True],
    ("organisation", "party_members"): [-1, 10**7, 1.5],
    ("organisation", "level"): ["county", None],
    ("brand_project", "description"): ["长" * 4001],
}


@pytest.mark.parametrize(("table", "column", "value"),
                         [(table, column, value) for (table, column), values in _VALUES.items() for value in values])
def test_a_value_that_its_column_does_not_allow_is_refused(refuse, parts, table, column, value):
    rejected = refuse(_changed(parts, table, 0, column, value))
    if not isinstance(value, list):  # the message names the column (a list fails sooner, as a list)
        assert rejected.message.endswith(f"{table}.{column}")


def test_a_boolean_that_is_not_0_or_1_is_refused(refuse, parts):
    rows = _rows(parts, "service_category")
    assert rows == []  # the branch carries none: add one of its own with a flag of 2
    row = [_new_id(), _rows(parts, "organisation")[0][0], "自定义", "组", "本支部", 1, 2]
    refuse(rezip(_with_rows(parts, "service_category", [row])))
    row[-1] = True
    refuse(rezip(_with_rows(parts, "service_category", [row])))


# --- references, owners and the organisation tree -------------------------------------------------------------


@pytest.mark.parametrize(("table", "column"), [("participation", "activity_id"), ("participation", "volunteer_id"),
                                               ("team_membership", "team_id"), ("activity", "category_id"),
                                               ("activity", "brand_project_id"), ("team", "parent_id"),
                                               ("points_entry", "activity_id"), ("volunteer", "org_id")])
def test_a_reference_to_a_record_not_in_the_bundle_is_refused(refuse, parts, table, column):
    refuse(_changed(parts, table, 0, column, _new_id()))


def test_the_same_record_twice_is_refused(refuse, parts):
    rows = _rows(parts, "volunteer")
    refuse(rezip(_with_rows(parts, "volunteer", [*rows, rows[0]])))
    refuse(rezip(_with_rows(parts, "volunteer", [*rows, [*rows[0][:2], "另一个人", *rows[0][3:]]])))


def _organisation(parent: str | None, code: str) -> list:
    return [_new_id(), code, f"组织{code}", "branch", 3, parent]


@pytest.mark.parametrize("shape", ["two roots", "no root", "a cycle", "its own parent", "an unknown parent",
                                   "too deep"])
def test_organisations_that_are_not_one_tree_under_the_sender_are_refused(refuse, parts, shape):
    root = _rows(parts, "organisation")[0]
    if shape == "two roots":
        organisations = [root, _organisation(None, "X-1")]
    elif shape == "no root":
        organisations = [[*root[:5], _new_id()]]
    elif shape == "a cycle":
        first, second = _organisation(None, "X-1"), _organisation(None, "X-2")
        first[5], second[5] = second[0], first[0]
        organisations = [root, first, second]
    elif shape == "its own parent":
        child = _organisation(None, "X-1")
        child[5] = child[0]
        organisations = [root, child]
    elif shape == "an unknown parent":
        organisations = [root, _organisation(_new_id(), "X-1")]
    else:  # a chain thousands of levels deep: no real tree is, and checking one must not take long
        organisations = [root]
        for level in range(5000):
            organisations.append(_organisation(organisations[-1][0], f"X-{level}"))
    refuse(rezip(_with_rows(parts, "organisation", organisations)))


def test_records_of_organisations_below_the_sender_are_accepted(sent, receiver, parts, tmp_path):
    """The control for the tree checks: a committee's bundle carries the organisations below it, as many
    levels deep as the format allows."""
    organisations = [_rows(parts, "organisation")[0]]
    for level in range(payload.MAX_DEPTH):
        organisations.append(_organisation(organisations[-1][0], f"X-{level}"))
    volunteers = _rows(parts, "volunteer")
    volunteers[0][1] = organisations[-1][0]
    contents = _with_rows(_with_rows(parts, "organisation", organisations), "volunteer", volunteers)
    path = tmp_path / "with_branches.vdb"
    path.write_bytes(sent.seal(rezip(contents)))
    assert receiver.bundles.inspect(path).changes["organisation"].new == payload.MAX_DEPTH + 1


def test_a_bundle_with_too_many_organisations_is_refused(refuse, parts):
    root = _rows(parts, "organisation")[0]
    organisations = [root, *(_organisation(root[0], f"X-{n}") for n in range(payload.MAX_ORGANISATIONS))]
    refuse(rezip(_with_rows(parts, "organisation", organisations)))


def test_a_bundle_carrying_the_committee_itself_is_refused(refuse, receiver, parts):
    import sqlite3

    with sqlite3.connect(receiver.database.path) as connection:
        own = list(connection.execute("SELECT id, code, name, level, party_members FROM organisation "
                                      "WHERE is_home = 1").fetchone())
    root = _rows(parts, "organisation")[0]
    refuse(rezip(_with_rows(parts, "organisation", [root, [*own, root[0]]])), reason=own[2], alone=False)


# --- photos ---------------------------------------------------------------------------------------------------


def test_a_photo_without_its_record_or_a_record_without_its_photo_is_refused(refuse, parts):
    photo = _new_id()
    refuse(rezip(restate({**parts, f"photos/{photo}": b"\x89PNG\r\n\x1a\n"})))
    activity = _rows(parts, "activity")[0]
    refuse(rezip(_with_rows(parts, "activity_photo", [[photo, activity[1], activity[0], "合影"]])))
    # both, but the manifest counting one photo more or less
    contents = _with_rows(parts, "activity_photo", [[photo, activity[1], activity[0], "合影"]])
    contents = {**contents, f"photos/{photo}": b"\x89PNG\r\n\x1a\n"}
    refuse(rezip(restate(contents, photos=0)))
    refuse(rezip(restate(contents, photos=2)))


def test_a_photo_with_its_record_is_accepted(sent, receiver, parts, tmp_path):
    """The control for the photo checks."""
    photo, activity = _new_id(), _rows(parts, "activity")[0]
    contents = _with_rows(parts, "activity_photo", [[photo, activity[1], activity[0], "合影"]])
    path = tmp_path / "photo.vdb"
    path.write_bytes(sent.seal(rezip(restate({**contents, f"photos/{photo}": b"\x89PNG\r\n\x1a\n"}))))
    assert receiver.bundles.inspect(path).changes["activity_photo"].new == 1


@pytest.mark.parametrize("claim", ["organisation", "volunteer"])
def test_a_bundle_claiming_what_another_sender_brought_is_refused(sent, committee, migrated_database_file,
                                                                 parts, tmp_path, claim):
    """Records already held for another organisation make the whole bundle fail (docs/bundle-format.md): a
    branch cannot take over, or empty, a neighbour's records by listing the neighbour below itself, nor
    overwrite a neighbour's volunteer by sending a record with the same id."""
    import sqlite3

    from tests.bundle_world import hand_key, installation

    neighbour = installation(migrated_database_file, tmp_path / "neighbour", name="第二支部", code="B-02",
                             volunteers=2, activities=1, seed=3)
    try:
        hand_key(committee, neighbour, tmp_path)
        committee.bundles.apply(committee.bundles.inspect(neighbour.bundles.export(tmp_path).path),
                                confirm_sender=True)
    finally:
        neighbour.close()
    before = state(committee.database.path)
    with sqlite3.connect(committee.database.path) as connection:
        neighbour_org, = connection.execute("SELECT id FROM organisation WHERE code = 'B-02'").fetchone()
        owner = "id" if claim == "organisation" else "org_id"
        theirs, = connection.execute(f"SELECT id FROM {claim} WHERE {owner} = ?", (neighbour_org,)).fetchone()
    root = _rows(parts, "organisation")[0]
    if claim == "organisation":
        contents = _with_rows(parts, "organisation", [root, [theirs, "B-02", "第二支部", "branch", 2, root[0]]])
    else:
        volunteers = _rows(parts, "volunteer")
        volunteers.append([theirs, *volunteers[0][1:]])
        contents = _with_rows(parts, "volunteer", volunteers)
    path = tmp_path / "takeover.vdb"
    path.write_bytes(sent.seal(rezip(contents)))
    with pytest.raises(BundleRejected) as caught:
        committee.bundles.apply(committee.bundles.inspect(path), confirm_sender=True)
    assert "B-01" in caught.value.message  # the sender's code, to check against the others'
    assert state(committee.database.path) == before


def test_a_table_of_many_pieces_reads_back_as_built(sent):
    """payload.build deflates and hashes a table 20,000 rows at a time: a table of several pieces, its last one
    short, reads back row for row (its digest checked by the reader against the manifest)."""
    seeded = frozenset(row[0] for row in seeded_categories())
    held = payload.read(sent.payload, known_categories=seeded)
    activity, volunteer = held.tables["activity"][0][0], held.tables["volunteer"][0][0]
    org_id = held.tables["participation"][0][1]
    many = [[str(uuid.UUID(int=n)), org_id, activity, volunteer, n % 600] for n in range(45_001)]
    rebuilt = payload.build({key: held.manifest[key] for key in ("schema", "sender", "period", "sequence",
                                                                 "created_at")},
                            {**held.tables, "participation": many}, held.photos)
    again = payload.read(rebuilt, known_categories=seeded)
    assert again.tables["participation"] == many
    assert again.manifest["tables"]["participation"]["rows"] == 45_001
    assert {t: rows for t, rows in again.tables.items() if t != "participation"} == \
        {t: rows for t, rows in held.tables.items() if t != "participation"}
