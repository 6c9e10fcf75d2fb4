"""Taking bundle files and payloads apart and putting them back together, as an attacker would, following
docs/bundle-format.md: a header edited and signed again, chunks moved, a zip rewritten with whatever names and
contents a test wants (and the manifest's counts and digests made to match, so the reader gets to the flaw)."""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
import zipfile

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from volunteer_desk.exchange import strict_json

_PREFIX = struct.Struct(">8sHI")
_LENGTH = struct.Struct(">I")
_SIGNATURE = 64
_SIGNED = b"VolunteerDesk bundle 1 signature\x00"


def header_end(data: bytes) -> int:
    """Where the header ends and the first chunk begins."""
    return _PREFIX.size + _PREFIX.unpack_from(data)[2]


def split(data: bytes) -> tuple[dict, list[bytes]]:
    """A bundle file's header (as JSON) and its chunks (ciphertexts), without the signature."""
    end = header_end(data)
    header = strict_json.loads(data[_PREFIX.size:end])
    chunks, position, stop = [], end, len(data) - _SIGNATURE
    while position < stop:
        (length,) = _LENGTH.unpack_from(data, position)
        chunks.append(data[position + 4:position + 4 + length])
        position += 4 + length
    return header, chunks


def sign(body: bytes, signing_private: bytes) -> bytes:
    """The body with an Ed25519 signature by `signing_private` appended."""
    return body + Ed25519PrivateKey.from_private_bytes(signing_private).sign(_SIGNED + hashlib.sha512(body).digest())


def assemble(header: dict, chunks: list[bytes], signing_private: bytes, *, version: int = 1) -> bytes:
    text = strict_json.dumps(header)
    body = _PREFIX.pack(b"\x89VDB\r\n\x1a\n", version, len(text)) + text
    return sign(body + b"".join(_LENGTH.pack(len(chunk)) + chunk for chunk in chunks), signing_private)


def entries(archive: bytes) -> dict[str, bytes]:
    """A zip's entries in order, name → contents."""
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return {info.filename: opened.read(info) for info in opened.infolist()}


def rezip(contents: dict[str, bytes] | list[tuple[str, bytes]]) -> bytes:
    """A zip of exactly these entries (duplicates too, when given as a list of pairs)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names, which some tests want
        for name, data in (contents.items() if isinstance(contents, dict) else contents):
            archive.writestr(name, data)
    return buffer.getvalue()


def restate(contents: dict[str, bytes], **manifest_fields) -> dict[str, bytes]:
    """The entries with the manifest's row counts, digests and photo count made to match what they hold."""
    manifest = strict_json.loads(contents["manifest.json"])
    for name, data in contents.items():
        table = name.removeprefix("tables/").removesuffix(".jsonl")
        if table in manifest["tables"]:
            manifest["tables"][table] = {"rows": data.count(b"\n"), "sha256": hashlib.sha256(data).hexdigest()}
    manifest["photos"] = sum(name.startswith("photos/") for name in contents)
    manifest.update(manifest_fields)
    return {**contents, "manifest.json": strict_json.dumps(manifest)}


def lines(contents: dict[str, bytes], table: str) -> list[str]:
    """A table's lines: its columns, then its records."""
    return contents[f"tables/{table}.jsonl"].decode().split("\n")


def with_lines(contents: dict[str, bytes], table: str, new_lines: list[str]) -> dict[str, bytes]:
    """The entries with the table's lines replaced and the manifest made to match."""
    return restate({**contents, f"tables/{table}.jsonl": "\n".join(new_lines).encode()})


def flip(data: bytes, bit: int) -> bytes:
    damaged = bytearray(data)
    damaged[bit >> 3] ^= 1 << (bit & 7)
    return bytes(damaged)


def flips_read(data: bytes, bits: range) -> list[int]:
    """The bits of `data` whose flip sealed.read_header lets through. It must reject every other one with
    BundleRejected and a message; anything else it raises propagates (to the test, from a worker process)."""
    from volunteer_desk.exchange import BundleRejected, sealed

    accepted = []
    for bit in bits:
        try:
            sealed.read_header(flip(data, bit))
        except BundleRejected as rejected:
            if not rejected.message:
                raise AssertionError(f"bit {bit}: a rejection without a message") from rejected
        else:
            accepted.append(bit)
    return accepted
