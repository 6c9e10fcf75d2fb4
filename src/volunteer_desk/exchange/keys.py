"""This installation's keys and the receiving-key file a committee hands its branches.

Each installation signs its bundles with its own Ed25519 key; a committee also holds an X25519 key pair,
and its branches encrypt to the public half, which travels as a small text file (or is read out as a
fingerprint). Keys are raw 32-byte values, base64 in files and settings.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from volunteer_desk.exchange import BundleRejected, strict_json
from volunteer_desk.i18n import _

RECEIVING_KEY_KIND = "volunteer-desk/receiving-key"
RECEIVING_KEY_SUFFIX = ".vdkey"
_MAX_KEY_FILE = 4096
_RAW = (Encoding.Raw, PublicFormat.Raw)


def new_signing_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def new_receiving_key() -> bytes:
    return X25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def signing_public(private: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(*_RAW)


def receiving_public(private: bytes) -> bytes:
    return X25519PrivateKey.from_private_bytes(private).public_key().public_bytes(*_RAW)


def fingerprint(public: bytes) -> str:
    """Eight groups of five digits (from SHA-256 of the key), easy to read out over the phone and to compare
    on paper: '03917 55120 …'. 130 bits, so no one can make a key with the same fingerprint."""
    digest = hashlib.sha256(b"VolunteerDesk key\x00" + public).digest()
    return " ".join(f"{int.from_bytes(digest[i:i + 4], 'big') % 100_000:05d}" for i in range(0, 32, 4))


def encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def decode(text: object, length: int = 32) -> bytes:
    """A base64 key of exactly `length` bytes; ValueError for anything else."""
    if not isinstance(text, str):
        raise ValueError("not text")
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise ValueError(str(error)) from error
    if len(raw) != length:
        raise ValueError("wrong length")
    return raw


@dataclasses.dataclass(frozen=True)
class ReceivingKey:
    """A committee's public receiving key, as a branch stores it."""

    organisation: str
    code: str
    public: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)


def receiving_key_file(key: ReceivingKey) -> bytes:
    return strict_json.dumps({"kind": RECEIVING_KEY_KIND, "version": 1, "organisation": key.organisation,
                              "code": key.code, "key": encode(key.public)}) + b"\n"


def read_receiving_key_file(data: bytes) -> ReceivingKey:
    problem = BundleRejected(_("This is not a receiving key file made by VolunteerDesk (接收密钥, .vdkey). "
                               "Ask the parent committee for the file again."))
    if len(data) > _MAX_KEY_FILE:
        raise problem
    try:
        value = strict_json.loads(data)
        if not isinstance(value, dict) or value.get("kind") != RECEIVING_KEY_KIND:
            raise problem
        if value.get("version") != 1:
            raise BundleRejected(_("This receiving key was made by a newer VolunteerDesk. Update the program "
                                   "and import it again."))
        organisation, code = value.get("organisation"), value.get("code")
        if not (isinstance(organisation, str) and isinstance(code, str) and 0 < len(organisation) <= 80
                and 0 < len(code) <= 40):
            raise problem
        return ReceivingKey(organisation=organisation, code=code, public=decode(value.get("key")))
    except (strict_json.JSONRejected, ValueError) as error:
        if isinstance(error, BundleRejected):
            raise
        raise problem from error
