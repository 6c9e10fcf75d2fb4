"""The receiving-key file a committee hands its branches, read as hostile input, and the fingerprints people
read out over the phone."""

from __future__ import annotations

import base64
import json
import os
import re

import pytest

from tests.exchange.conftest import open_copy
from volunteer_desk.exchange import BundleRejected, keys

_FINGERPRINT = re.compile(r"\d{5}( \d{5}){7}")


def _key() -> keys.ReceivingKey:
    return keys.ReceivingKey(organisation="西太湖科技产业园党工委", code="C-01",
                             public=keys.receiving_public(keys.new_receiving_key()))


def _file(**fields) -> bytes:
    value = {"kind": "volunteer-desk/receiving-key", "version": 1, "organisation": "党工委", "code": "C-01",
             "key": keys.encode(keys.receiving_public(keys.new_receiving_key()))}
    value.update(fields)
    return json.dumps({name: field for name, field in value.items() if field is not ...}, ensure_ascii=False).encode()


def _rejected(data: bytes) -> str:
    with pytest.raises(BundleRejected) as caught:
        keys.read_receiving_key_file(data)
    assert isinstance(caught.value.message, str) and caught.value.message.strip()
    return caught.value.message


def test_a_receiving_key_file_reads_back_as_written():
    key = _key()
    data = keys.receiving_key_file(key)
    assert keys.read_receiving_key_file(data) == key
    assert keys.read_receiving_key_file(data).fingerprint == key.fingerprint
    assert keys.read_receiving_key_file(_file()).organisation == "党工委"  # the control for the refusals below


def test_the_committee_key_file_carries_the_committee_key_to_the_branch(sent, tmp_path):
    committee = open_copy(sent.committee_file, tmp_path / "committee")
    branch = open_copy(sent.branch_file, tmp_path / "branch")
    try:
        path = tmp_path / "党工委.vdkey"
        handed = committee.bundles.keys.export_receiving_key(path)
        assert handed.public == keys.receiving_public(sent.receiving_private)  # the same key as before
        read = branch.bundles.keys.read_receiving_key(path)
        assert read == handed and read.fingerprint == committee.bundles.keys.fingerprints().receiving
    finally:
        committee.close()
        branch.close()


_GARBAGE = {
    "empty": b"",
    "zeros": bytes(100),
    "random": os.urandom(300),
    "not UTF-8": b"\xff\xfe{}",
    "an object": b"{}",
    "a list": b"[]",
    "text": b'"volunteer-desk/receiving-key"',
    "null": b"null",
    "unterminated": _file()[:-1],
    "a bundle": b"\x89VDB\r\n\x1a\n\x00\x01",
    "duplicate keys": _file()[:-1] + b', "kind": "volunteer-desk/receiving-key"}',
    "NaN": _file(version=float("nan")),
    "deep": b"[" * 3000,
}


@pytest.mark.parametrize("case", list(_GARBAGE))
def test_garbage_is_not_a_receiving_key(case):
    _rejected(_GARBAGE[case])


def test_a_file_too_large_is_refused_before_it_is_read(sent, tmp_path):
    padded = _file(organisation="党工委") + b" " * 5000
    _rejected(padded)
    branch = open_copy(sent.branch_file, tmp_path / "branch")
    try:
        path = tmp_path / "huge.vdkey"
        with open(path, "wb") as file:
            file.write(padded)
            file.truncate(200 * 2**20)  # sparse: reading it whole would take a while
        with pytest.raises(BundleRejected):
            branch.bundles.keys.read_receiving_key(path)
        with pytest.raises(BundleRejected):
            branch.bundles.keys.read_receiving_key(tmp_path / "missing.vdkey")
    finally:
        branch.close()


_WRONG = {
    "another kind": {"kind": "volunteer-desk/signing-key"},
    "no kind": {"kind": ...},
    "kind in capitals": {"kind": "VOLUNTEER-DESK/RECEIVING-KEY"},
    "key too short": {"key": keys.encode(bytes(31))},
    "key too long": {"key": keys.encode(bytes(33))},
    "key not base64": {"key": "this is not base64!"},
    "key with whitespace": {"key": " " + keys.encode(bytes(32))},
    "key a number": {"key": 12345},
    "no key": {"key": ...},
    "a private key's length": {"key": base64.b64encode(bytes(64)).decode()},
    "empty organisation": {"organisation": ""},
    "organisation too long": {"organisation": "党" * 81},
    "organisation a list": {"organisation": ["党工委"]},
    "no organisation": {"organisation": ...},
    "empty code": {"code": ""},
    "code too long": {"code": "C" * 41},
    "code a number": {"code": 1},
}


@pytest.mark.parametrize("case", list(_WRONG))
def test_a_key_file_of_the_wrong_kind_or_shape_is_refused(case):
    _rejected(_file(**_WRONG[case]))


@pytest.mark.parametrize("version", [2, 99, "1", None, ...])
def test_a_key_file_from_a_newer_program_says_to_update(version):
    message = _rejected(_file(version=version))
    assert message != _rejected(b"{}")  # not the same as for a file that is no key at all


def test_a_fingerprint_is_eight_groups_of_five_digits_and_never_changes():
    # Fixed values: a fingerprint printed or read out once must match the program's for good.
    assert keys.fingerprint(bytes(32)) == "86910 51028 12233 31321 97765 32379 59809 99756"
    assert keys.fingerprint(bytes(range(32))) == "20459 41086 27923 23974 16018 41401 15378 84939"
    fingerprints = set()
    for _ in range(50):
        public = keys.signing_public(keys.new_signing_key())
        fingerprint = keys.fingerprint(public)
        assert _FINGERPRINT.fullmatch(fingerprint) and keys.fingerprint(public) == fingerprint
        fingerprints.add(fingerprint)
    assert len(fingerprints) == 50


def test_an_installation_keeps_its_fingerprints_when_reopened(sent, tmp_path):
    first = open_copy(sent.branch_file, tmp_path / "branch")
    try:
        before = first.bundles.keys.fingerprints()
    finally:
        first.close()
    again = open_copy(first.database.path, tmp_path / "again")
    try:
        after = again.bundles.keys.fingerprints()
    finally:
        again.close()
    assert after == before and _FINGERPRINT.fullmatch(before.signing)
    assert before.signing == sent.header.sender.fingerprint
    assert before.parent.public == keys.receiving_public(sent.receiving_private)
