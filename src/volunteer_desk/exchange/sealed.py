"""The sealed bundle file: a readable header, the payload encrypted in authenticated chunks, a signature.

    magic (8) | format u16 | header length u32 | header (canonical JSON) | chunk … chunk | signature (64)
    chunk = ciphertext length u32 | AES-256-GCM ciphertext with its tag

The payload key comes from X25519 between a fresh ephemeral key and the committee's receiving key, through
HKDF-SHA256 (or from scrypt over a password where no receiving key is set up). Chunk n's nonce is n and a
last-chunk flag, and every chunk authenticates the header, so chunks cannot be reordered, dropped, cut
short or moved to another header (the STREAM construction). The sender's Ed25519 signature covers every
byte before it, so a reader checks it before decrypting anything. Integers are big-endian.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import struct

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from volunteer_desk.exchange import BundleRejected, keys, strict_json
from volunteer_desk.i18n import _

MAGIC = b"\x89VDB\r\n\x1a\n"  # PNG's trick: a text-mode copy or a 7-bit channel breaks it visibly
FORMAT = 1
SUFFIX = ".vdb"
CHUNK = 1 << 20
_TAG = 16
_SIGNATURE = 64
_PREFIX = struct.Struct(">8sHI")
_LENGTH = struct.Struct(">I")
MAX_HEADER = 16 * 1024
MAX_BUNDLE = 512 * 1024 * 1024
# OWASP's scrypt parameters (N=2^17, r=8, p=1): 128 MB of memory and about half a second per guess.
SCRYPT = {"n": 2**17, "r": 8, "p": 1}
MIN_PASSWORD = 8  # characters: with scrypt's cost per guess, enough against guessing a stick found
_HKDF_INFO = b"VolunteerDesk bundle 1 payload key"
_SIGNED = b"VolunteerDesk bundle 1 signature\x00"
_PERIOD_LENGTH = 6  # "2026Q4"


@dataclasses.dataclass(frozen=True)
class Sender:
    code: str
    name: str
    level: str
    signing_key: bytes  # public

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.signing_key)


@dataclasses.dataclass(frozen=True)
class Header:
    sender: Sender
    period: str  # "2026Q4"
    sequence: int  # the sender's bundles, counted from 1
    created_at: dt.datetime  # UTC
    mode: str  # "key" or "password"
    recipient: str = ""  # the receiving key's fingerprint, in key mode
    digest: str = ""  # SHA-256 of the whole file: the same file imported twice is recognised


def seal(payload: bytes, *, sender: Sender, signing_private: bytes, period: str, sequence: int,
         created_at: dt.datetime, recipient: bytes | None = None, password: str | None = None) -> bytes:
    """The bundle file's bytes: `payload` encrypted to `recipient` (a receiving key) or with `password`."""
    if (recipient is None) == (password is None):
        raise ValueError("seal needs exactly one of recipient and password")
    if recipient is not None:
        ephemeral = X25519PrivateKey.generate()
        ephemeral_public = ephemeral.public_key().public_bytes(*keys._RAW)
        encryption = {"mode": "key", "recipient": keys.fingerprint(recipient),
                      "ephemeral": keys.encode(ephemeral_public)}
        key = _hkdf(ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient)), ephemeral_public, recipient)
    else:
        salt = os.urandom(16)
        encryption = {"mode": "password", "kdf": "scrypt", "salt": keys.encode(salt), **SCRYPT}
        key = _scrypt(password, salt, **SCRYPT)
    header = strict_json.dumps({
        "format": FORMAT, "cipher": "AES-256-GCM", "chunk": CHUNK, "encryption": encryption,
        "sender": {"code": sender.code, "name": sender.name, "level": sender.level,
                   "signing_key": keys.encode(sender.signing_key)},
        "period": period, "sequence": sequence, "created_at": _timestamp(created_at)})
    head = _PREFIX.pack(MAGIC, FORMAT, len(header)) + header
    parts = [head]
    aead, binding = AESGCM(key), hashlib.sha256(head).digest()
    count = max(1, -(-len(payload) // CHUNK))
    view = memoryview(payload)
    for index in range(count):
        sealed = aead.encrypt(_nonce(index, index == count - 1), view[index * CHUNK:(index + 1) * CHUNK], binding)
        parts += [_LENGTH.pack(len(sealed)), sealed]
    body = b"".join(parts)
    signature = Ed25519PrivateKey.from_private_bytes(signing_private).sign(_signed(body))
    return body + signature


def read_header(data: bytes) -> Header:
    """The header of a bundle whose signature is good (by the key the header names; whether that key is the
    sender's real one is for the caller to know). BundleRejected for anything else."""
    header, _head = _parse(data)
    return header


def open_payload(data: bytes, *, receiving_private: bytes | None = None, password: str | None = None) -> bytes:
    """The decrypted payload. BundleRejected when the file is damaged, for another committee, or the
    password is wrong."""
    header, head = _parse(data)
    encryption = _encryption(head)
    if header.mode == "key":
        if receiving_private is None:
            raise BundleRejected(_("This bundle was encrypted to a committee's receiving key, and this computer "
                                   "has none. Only the committee it was made for can open it."))
        public = keys.receiving_public(receiving_private)
        if keys.fingerprint(public) != header.recipient:
            raise BundleRejected(_("This bundle was made for another committee (receiving key {fingerprint}) and "
                                   "cannot be opened here. Ask the branch to import this committee's receiving "
                                   "key and export again.").format(fingerprint=header.recipient))
        ephemeral = encryption["ephemeral"]
        try:
            shared = X25519PrivateKey.from_private_bytes(receiving_private).exchange(
                X25519PublicKey.from_public_bytes(ephemeral))
        except ValueError:  # an ephemeral key of small order gives no shared secret: no program of ours made it
            raise _damaged() from None
        key = _hkdf(shared, ephemeral, public)
    else:
        if not password:
            raise PasswordNeeded(_("This bundle is protected by a password. Enter the password the branch "
                                   "told you."))
        key = _scrypt(password, encryption["salt"], encryption["n"], encryption["r"], encryption["p"])
    aead, binding = AESGCM(key), hashlib.sha256(head).digest()
    position, end, index, parts = len(head), len(data) - _SIGNATURE, 0, []
    while True:
        if position + _LENGTH.size > end:
            raise _damaged()
        (length,) = _LENGTH.unpack_from(data, position)
        position += _LENGTH.size
        if not _TAG <= length <= CHUNK + _TAG or position + length > end:
            raise _damaged()
        last = position + length == end
        try:
            parts.append(aead.decrypt(_nonce(index, last), data[position:position + length], binding))
        except InvalidTag:
            if header.mode == "password" and index == 0:
                raise PasswordNeeded(_("The password is wrong. Enter the password the branch chose when it "
                                       "exported the bundle.")) from None
            raise _damaged() from None
        position += length
        index += 1
        if last:
            return b"".join(parts)


class PasswordNeeded(BundleRejected):
    """A password bundle opened without its password, or with a wrong one."""


def _parse(data: bytes) -> tuple[Header, bytes]:
    if len(data) > MAX_BUNDLE:
        raise BundleRejected(_("The file is larger than any bundle can be ({size} MB). It is not a bundle "
                               "VolunteerDesk made.").format(size=MAX_BUNDLE // 2**20))
    if len(data) < _PREFIX.size or not data.startswith(MAGIC):
        raise BundleRejected(_("This file is not a VolunteerDesk bundle (上报包, .vdb). Choose the file the "
                               "branch exported with 数据交换 → 导出上报包."))
    _magic, version, length = _PREFIX.unpack_from(data)
    if FORMAT < version < 100:  # a later format; a number beyond any plausible one is damage
        raise BundleRejected(_("This bundle was made by a newer VolunteerDesk (format {version}). Update the "
                               "program, then import it again.").format(version=version))
    if version != FORMAT or length > MAX_HEADER or _PREFIX.size + length + _SIGNATURE > len(data):
        raise _damaged()
    head = data[:_PREFIX.size + length]
    try:
        value = strict_json.loads(head[_PREFIX.size:])
        sender = value["sender"]
        signing_key = keys.decode(sender["signing_key"])
        header = Header(
            sender=Sender(code=_text(sender["code"], 40), name=_text(sender["name"], 80),
                          level=_text(sender["level"], 20), signing_key=signing_key),
            period=_text(value["period"], _PERIOD_LENGTH), sequence=_count(value["sequence"]),
            created_at=_parse_timestamp(value["created_at"]), mode=value["encryption"]["mode"],
            recipient=value["encryption"].get("recipient", ""),
            digest=hashlib.sha256(data).hexdigest())
        if (value["format"], value["cipher"], value["chunk"]) != (FORMAT, "AES-256-GCM", CHUNK) or \
                header.mode not in ("key", "password") or not isinstance(header.recipient, str):
            raise ValueError("unknown parameters")
        Ed25519PublicKey.from_public_bytes(signing_key).verify(data[-_SIGNATURE:], _signed(data[:-_SIGNATURE]))
        _encryption(head)
    except (strict_json.JSONRejected, KeyError, TypeError, ValueError, InvalidSignature):
        raise _damaged() from None
    return header, head


def _encryption(head: bytes) -> dict:
    """The header's encryption parameters, checked and decoded (salt and ephemeral key as bytes)."""
    encryption = dict(strict_json.loads(head[_PREFIX.size:])["encryption"])
    if encryption["mode"] == "key":
        encryption["ephemeral"] = keys.decode(encryption["ephemeral"])
        if set(encryption) != {"mode", "recipient", "ephemeral"}:
            raise ValueError("unknown key-mode field")
    else:
        encryption["salt"] = keys.decode(encryption["salt"], 16)
        if encryption.get("kdf") != "scrypt" or {k: encryption.get(k) for k in SCRYPT} != SCRYPT:
            raise ValueError("unknown password parameters")
    return encryption


def _damaged() -> BundleRejected:
    return BundleRejected(_("The bundle is damaged or was changed after the branch made it (its signature or "
                            "contents do not check out). Nothing was imported. Ask the branch to export it "
                            "again and copy it to the stick anew."))


def _signed(body: bytes) -> bytes:
    return _SIGNED + hashlib.sha512(body).digest()


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(8, "big") + (b"\x01" if last else b"\x00") + b"\x00\x00\x00"


def _hkdf(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_HKDF_INFO).derive(shared)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def _timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_timestamp(text: object) -> dt.datetime:
    if not isinstance(text, str) or len(text) != 20:
        raise ValueError("bad timestamp")
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


def _text(value: object, limit: int) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= limit:
        raise ValueError("bad text")
    return value


def _count(value: object) -> int:
    if type(value) is not int or not 0 < value < 2**31:
        raise ValueError("bad count")
    return value
