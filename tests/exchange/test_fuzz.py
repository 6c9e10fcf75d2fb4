"""Random input for the bundle reader: random bytes, and a real bundle and its payload with bytes overwritten,
inserted and deleted. The reader may accept what still checks out; anything else must be BundleRejected with a
message, never another exception. Derandomized, so every run tries the same examples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exchange.bundle_parts import entries, restate, rezip, sign
from volunteer_desk.domain.categories import seeded_categories
from volunteer_desk.exchange import BundleRejected, payload, records, sealed

_SEEDED = frozenset(row[0] for row in seeded_categories())
_MAGIC = b"\x89VDB\r\n\x1a\n\x00\x01"


def _fuzz(examples: int):
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None)


_EDITS = st.lists(st.tuples(st.sampled_from(["overwrite", "insert", "delete"]), st.integers(0, 2**20),
                            st.binary(min_size=1, max_size=8)), min_size=1, max_size=4)


def _edit(data: bytes, edits) -> bytes:
    changed = bytearray(data)
    for kind, where, piece in edits:
        at = where % (len(changed) + 1)
        if kind == "overwrite":
            changed[at:at + len(piece)] = piece
        elif kind == "insert":
            changed[at:at] = piece
        else:
            del changed[at:at + len(piece)]
    return bytes(changed)


def _read_bundle(data: bytes, receiving_private: bytes) -> None:
    """Read as the importer does; only BundleRejected may come out."""
    try:
        sealed.read_header(data)
        payload.read(sealed.open_payload(data, receiving_private=receiving_private, password="西湖第一支部2026"),
                     known_categories=_SEEDED)
    except BundleRejected as rejected:
        assert rejected.message


def _read_payload(inner: bytes) -> None:
    try:
        payload.read(inner, known_categories=_SEEDED)
    except BundleRejected as rejected:
        assert rejected.message


@_fuzz(40)
@given(data=st.binary(max_size=600), prefixed=st.booleans())
def test_random_bytes(sent, data, prefixed):
    _read_bundle(_MAGIC + len(data).to_bytes(4, "big") + data if prefixed else data, sent.receiving_private)
    _read_payload(data)


@_fuzz(50)
@given(edits=_EDITS)
def test_an_edited_bundle(sent, edits):
    _read_bundle(_edit(sent.data, edits), sent.receiving_private)


@_fuzz(50)
@given(edits=_EDITS)
def test_an_edited_bundle_signed_again(sent, edits):
    """As if the editor held the branch's key: the reader gets past the signature to the header and chunks."""
    _read_bundle(sign(_edit(sent.data[:-64], edits), sent.signing_private), sent.receiving_private)


@_fuzz(80)
@given(edits=_EDITS)
def test_an_edited_payload(sent, edits):
    _read_payload(_edit(sent.payload, edits))


@_fuzz(60)
@given(name=st.sampled_from([*(f"tables/{table}.jsonl" for table in records.TABLES), "manifest.json"]),
       edits=_EDITS)
def test_an_edited_table_or_manifest_with_its_digest_made_to_match(sent, name, edits):
    """Past the zip and the manifest's digests, into the lines and values."""
    contents = entries(sent.payload)
    contents[name] = _edit(contents[name], edits)
    _read_payload(rezip(restate(contents) if name != "manifest.json" else contents))
