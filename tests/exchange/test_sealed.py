"""The sealed bundle file as hostile input: every single-bit flip, cuts and additions, another committee,
replays, other signers and edited headers. Whatever arrives, the reader answers BundleRejected with a message,
and a committee that tries to import it changes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from tests.bundle_state import record_state, state
from tests.exchange.bundle_parts import (assemble, entries, flip, flips_read, header_end, restate, rezip, sign,
                                        split)
from tests.exchange.conftest import open_copy
from volunteer_desk.exchange import BundleRejected, keys, sealed
from volunteer_desk.services.bundles import BundleService, ExportResult, Status


def _rejected(action) -> BundleRejected:
    with pytest.raises(BundleRejected) as caught:
        action()
    assert isinstance(caught.value.message, str) and caught.value.message.strip()
    return caught.value


def _refused_by(committee, path) -> BundleRejected:
    """What the committee says when asked to import the file; it must not get as far as a plan."""
    def both():
        plan = committee.bundles.inspect(path)
        committee.bundles.apply(plan, confirm_sender=True)
    return _rejected(both)


def test_the_untouched_bundle_is_read(sent):
    header = sealed.read_header(sent.data)
    assert header.sender.code == "B-01" and header.mode == "key"
    assert sealed.open_payload(sent.data, receiving_private=sent.receiving_private) == sent.payload


def test_every_single_bit_flip_is_rejected(sent):
    assert len(sent.data) < 8 * 1024  # small, so that flipping each of its bits stays quick
    bits = len(sent.data) * 8
    # two processes, one bit in two each: a signature check per flip keeps one core busy for a while
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        accepted = pool.map(flips_read, [sent.data] * 2, [range(0, bits, 2), range(1, bits, 2)])
        assert [bit for part in accepted for bit in part] == []


def test_flipped_bundles_import_nothing(sent, committee, tmp_path):
    before = state(committee.database.path)
    for bit in range(0, len(sent.data) * 8, 97):
        path = tmp_path / f"flipped_{bit}.vdb"
        path.write_bytes(flip(sent.data, bit))
        _refused_by(committee, path)
    assert state(committee.database.path) == before and committee.bundles.receipts() == []
    # the same file unflipped goes in, so the comparison above would have seen an import
    committee.bundles.apply(committee.bundles.inspect(sent.path), confirm_sender=True)
    assert state(committee.database.path) != before


def test_cut_short_bundles_are_rejected(sent, committee, tmp_path):
    size, head = len(sent.data), header_end(sent.data)
    lengths = {0, 1, 7, 8, 9, 10, 13, 14, 15, head // 2, head - 1, head, head + 1, head + 3, head + 4, head + 5,
               (head + size) // 2, size - 65, size - 64, size - 63, size - 1, *range(0, size, 211)}
    before = state(committee.database.path)
    for length in sorted(lengths):
        cut = sent.data[:length]
        _rejected(lambda: sealed.read_header(cut))
        _rejected(lambda: sealed.open_payload(cut, receiving_private=sent.receiving_private))
        path = tmp_path / f"cut_{length}.vdb"
        path.write_bytes(cut)
        _refused_by(committee, path)
    assert state(committee.database.path) == before


@pytest.mark.parametrize("extra", ["zero", "newline", "random", "magic", "itself", "its signature"])
def test_bytes_added_to_a_bundle_are_rejected(sent, committee, tmp_path, extra):
    extra = {"zero": b"\x00", "newline": b"\n", "random": os.urandom(64), "magic": b"\x89VDB\r\n\x1a\n",
             "itself": sent.data, "its signature": sent.data[-64:]}[extra]
    for changed in (sent.data + extra, extra + sent.data):
        _rejected(lambda: sealed.read_header(changed))
        path = tmp_path / "longer.vdb"
        path.write_bytes(changed)
        _refused_by(committee, path)
    assert committee.bundles.receipts() == []


def test_a_bundle_for_another_committee_cannot_be_opened(sent, migrated_database_file, tmp_path):
    from tests.bundle_world import installation

    other = installation(migrated_database_file, tmp_path / "other", name="另一个党工委", code="C-09", committee=True)
    try:
        other.bundles.keys.receiving_key()
        before = state(other.database.path)
        # the message names the receiving key the bundle was made for
        assert sealed.read_header(sent.data).recipient in _refused_by(other, sent.path).message
        assert state(other.database.path) == before
    finally:
        other.close()
    branch = open_copy(sent.branch_file, tmp_path / "branch")  # an installation without a receiving key
    try:
        _refused_by(branch, sent.path)
    finally:
        branch.close()
    _rejected(lambda: sealed.open_payload(sent.data, receiving_private=keys.new_receiving_key()))
    _rejected(lambda: sealed.open_payload(sent.data, password="西湖第一支部2026"))


def _newer_bundle(sent, tmp_path) -> ExportResult:
    """A second export from (a copy of) the branch, a day after the first."""
    branch = open_copy(sent.branch_file, tmp_path / "branch")
    try:
        later = sent.header.created_at + dt.timedelta(days=1)
        return BundleService(branch.database, clock=lambda: later).export(tmp_path)
    finally:
        branch.close()


def test_an_older_bundle_replayed_is_flagged_and_changes_nothing(sent, committee, tmp_path):
    newer = _newer_bundle(sent, tmp_path)
    committee.bundles.apply(committee.bundles.inspect(newer.path), confirm_sender=True)
    before = record_state(committee.database.path)

    plan = committee.bundles.inspect(sent.path)
    assert plan.status == Status.OLDER and plan.changes == {} and plan.total == 0
    assert not committee.bundles.apply(plan).applied
    assert record_state(committee.database.path) == before
    assert [receipt.applied for receipt in committee.bundles.receipts()] == [True, False]


def test_the_same_bundle_twice_changes_nothing(sent, committee):
    committee.bundles.apply(committee.bundles.inspect(sent.path), confirm_sender=True)
    before = state(committee.database.path)
    plan = committee.bundles.inspect(sent.path)
    assert plan.status == Status.ALREADY and plan.total == 0
    assert not committee.bundles.apply(plan, confirm_sender=True).applied
    assert state(committee.database.path) == before


def test_a_bundle_signed_by_another_key_waits_for_confirmation(sent, committee, tmp_path):
    committee.bundles.apply(committee.bundles.inspect(sent.path), confirm_sender=True)
    before = state(committee.database.path)
    impostor, later = keys.new_signing_key(), sent.header.created_at + dt.timedelta(hours=1)
    inner = rezip(restate(entries(sent.payload), sequence=sent.header.sequence + 1,
                          created_at=later.strftime("%Y-%m-%dT%H:%M:%SZ")))
    path = tmp_path / "impostor.vdb"
    path.write_bytes(sent.seal(inner, signing_private=impostor, sequence=sent.header.sequence + 1, created_at=later))

    plan = committee.bundles.inspect(path)
    assert plan.status == Status.KEY_CHANGED and plan.needs_confirmation
    assert plan.header.sender.fingerprint == keys.fingerprint(keys.signing_public(impostor))
    assert plan.header.sender.fingerprint != sent.header.sender.fingerprint
    assert plan.header.sender.fingerprint in _rejected(lambda: committee.bundles.apply(plan)).message
    assert state(committee.database.path) == before


def test_a_signature_by_another_key_over_the_same_file_is_rejected(sent, committee, tmp_path):
    path = tmp_path / "resigned.vdb"
    path.write_bytes(sign(sent.data[:-64], keys.new_signing_key()))
    before = state(committee.database.path)
    _rejected(lambda: sealed.read_header(path.read_bytes()))
    _refused_by(committee, path)
    assert state(committee.database.path) == before


def _edits():
    """Changes to the header someone might make to pass a bundle off as another."""
    return {
        "name": lambda header: header["sender"].update(name="西湖街道机关第二党支部"),
        "sequence": lambda header: header.update(sequence=header["sequence"] + 1),
        "created_at": lambda header: header.update(created_at="2099-01-01T00:00:00Z"),
        "period": lambda header: header.update(period="2027Q1"),
    }


@pytest.mark.parametrize("edit", list(_edits()))
def test_an_edited_header_signed_again_is_rejected(sent, committee, tmp_path, edit):
    header, chunks = split(sent.data)
    _edits()[edit](header)
    impostor = keys.new_signing_key()
    with_old_key = assemble(header, chunks, impostor)  # still names the branch's key: the signature fails
    _rejected(lambda: sealed.read_header(with_old_key))

    header["sender"]["signing_key"] = keys.encode(keys.signing_public(impostor))
    forged = assemble(header, chunks, impostor)
    assert sealed.read_header(forged).sender.signing_key == keys.signing_public(impostor)  # a good signature…
    # …but the chunks were sealed under the original header, so they no longer open
    _rejected(lambda: sealed.open_payload(forged, receiving_private=sent.receiving_private))
    before = state(committee.database.path)
    for data in (with_old_key, forged):
        path = tmp_path / "edited.vdb"
        path.write_bytes(data)
        _refused_by(committee, path)
    assert state(committee.database.path) == before


def test_a_header_that_disagrees_with_the_manifest_is_rejected(sent, committee, tmp_path):
    """Sealed afresh by someone holding the payload: the signed header says one thing, the manifest another."""
    path = tmp_path / "disagrees.vdb"
    path.write_bytes(sent.seal(sent.payload, sequence=sent.header.sequence + 5))
    _refused_by(committee, path)
    other = dataclasses.replace(sent.header.sender, name="另一个支部", signing_key=keys.signing_public(sent.signing_private))
    path.write_bytes(sealed.seal(sent.payload, sender=other, signing_private=sent.signing_private,
                                 period=sent.header.period, sequence=sent.header.sequence,
                                 created_at=sent.header.created_at, recipient=sent.receiving_public))
    _refused_by(committee, path)
    assert committee.bundles.receipts() == []


def _zero_point(header):
    header["encryption"]["ephemeral"] = keys.encode(bytes(32))  # X25519's point of small order


def _header_cases():
    """Headers signed by their own key, so that the reader's checks beyond the signature meet them."""
    return {
        "ephemeral of small order": _zero_point,
        "ephemeral too short": lambda h: h["encryption"].update(ephemeral=keys.encode(bytes(31))),
        "ephemeral not base64": lambda h: h["encryption"].update(ephemeral="!!!!"),
        "no ephemeral": lambda h: h["encryption"].pop("ephemeral"),
        "extra encryption field": lambda h: h["encryption"].update(iv="AAAA"),
        "unknown mode": lambda h: h["encryption"].update(mode="rsa"),
        "mode is a list": lambda h: h["encryption"].update(mode=["key"]),
        "encryption is a list": lambda h: h.update(encryption=[]),
        "password mode with a huge scrypt cost": lambda h: h.update(encryption={
            "mode": "password", "kdf": "scrypt", "n": 2**40, "r": 8, "p": 1, "salt": keys.encode(bytes(16))}),
        "password mode with a short salt": lambda h: h.update(encryption={
            "mode": "password", "kdf": "scrypt", "n": 2**17, "r": 8, "p": 1, "salt": keys.encode(bytes(8))}),
        "other cipher": lambda h: h.update(cipher="AES-128-GCM"),
        "other chunk size": lambda h: h.update(chunk=16),
        "format 2": lambda h: h.update(format=2),
        "sequence 0": lambda h: h.update(sequence=0),
        "sequence huge": lambda h: h.update(sequence=2**63),
        "sequence as text": lambda h: h.update(sequence="1"),
        "sequence true": lambda h: h.update(sequence=True),
        "sequence a float": lambda h: h.update(sequence=1.0),
        "created_at not a time": lambda h: h.update(created_at="yesterday at noon!!"),
        "created_at with an offset": lambda h: h.update(created_at="2026-11-23T10:00:00+08:00"),
        "period too long": lambda h: h.update(period="2026Q4-again"),
        "empty name": lambda h: h["sender"].update(name=""),
        "name too long": lambda h: h["sender"].update(name="党" * 81),
        "name is a number": lambda h: h["sender"].update(name=7),
        "sender is text": lambda h: h.update(sender="B-01"),
        "no sender": lambda h: h.pop("sender"),
        "recipient is a number": lambda h: h["encryption"].update(recipient=5),
        "other recipient": lambda h: h["encryption"].update(recipient=" ".join(["00000"] * 8)),
    }


@pytest.mark.parametrize("case", list(_header_cases()))
def test_a_strange_header_with_a_good_signature_is_rejected(sent, case):
    header, chunks = split(sent.data)
    _header_cases()[case](header)
    signer = keys.new_signing_key()
    if isinstance(header.get("sender"), dict):
        header["sender"]["signing_key"] = keys.encode(keys.signing_public(signer))
    forged = assemble(header, chunks, signer)
    _rejected(lambda: sealed.open_payload(forged, receiving_private=sent.receiving_private, password="12345678"))


def test_odd_top_level_headers_are_rejected(sent):
    _header, chunks = split(sent.data)
    signer = keys.new_signing_key()
    for header in ([], "header", 1, None, {}):
        _rejected(lambda: sealed.read_header(assemble(header, chunks, signer)))
    header, chunks = split(sent.data)
    _rejected(lambda: sealed.read_header(assemble(header, chunks, sent.signing_private, version=2)))
    body = sent.data[:-64]
    for text in (b'{"a":1,"a":2}', b"[" * 10_000, b'{"sequence":NaN}', b"\xff\xfe", b"x" * 17_000):
        forged = sign(body[:10] + len(text).to_bytes(4, "big") + text, sent.signing_private)
        _rejected(lambda: sealed.read_header(forged))


def _long_bundle(sent) -> bytes:
    """A bundle of three chunks (the payload here is any bytes: the chunks are what is tested)."""
    return sent.seal(os.urandom(2 * sealed.CHUNK + 1000))


def test_chunks_dropped_swapped_or_cut_at_a_boundary_are_rejected_even_when_signed(sent):
    data = _long_bundle(sent)
    header, chunks = split(data)
    assert len(chunks) == 3
    assert len(sealed.open_payload(data, receiving_private=sent.receiving_private)) > 2 * sealed.CHUNK
    for changed in ([chunks[0], chunks[2]], [chunks[1], chunks[0], chunks[2]], chunks[:2], chunks[:1],
                    [chunks[0], chunks[1], chunks[1], chunks[2]], [*chunks, chunks[2]], [chunks[2]], []):
        # signed by the branch's own key, so only the chunks' authentication stands in the way
        forged = assemble(header, changed, sent.signing_private)
        sealed.read_header(forged)
        _rejected(lambda: sealed.open_payload(forged, receiving_private=sent.receiving_private))
    other_header, other_chunks = split(_long_bundle(sent))
    mixed = assemble(header, [chunks[0], other_chunks[1], chunks[2]], sent.signing_private)
    _rejected(lambda: sealed.open_payload(mixed, receiving_private=sent.receiving_private))


def test_a_file_larger_than_any_bundle_is_rejected_before_it_is_read(sent, committee, tmp_path):
    path = tmp_path / "huge.vdb"
    with open(path, "wb") as file:
        file.write(sent.data)
        file.truncate(sealed.MAX_BUNDLE + 1)  # sparse: no disk used
    _refused_by(committee, path)
    _refused_by(committee, tmp_path)  # a folder where a file was expected
    _refused_by(committee, tmp_path / "gone.vdb")
