"""This installation's keys for bundles: its signing key (made on first use), a committee's receiving key
pair, and the receiving key of the committee this installation reports to. Kept in app_setting, so a
restored backup keeps the same keys and the committee need not confirm them again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from volunteer_desk.exchange import BundleRejected, keys
from volunteer_desk.i18n import _
from volunteer_desk.services.database import Database
from volunteer_desk.services.file_writes import write_safely
from volunteer_desk.storage import audit, organisations, settings

SIGNING_KEY = "bundle_signing_key"
RECEIVING_KEY = "bundle_receiving_key"
PARENT_KEY = "bundle_parent_key"


@dataclasses.dataclass(frozen=True)
class Fingerprints:
    signing: str  # this installation's, which the committee confirms on the first bundle
    receiving: str  # this installation's receiving key (what branches check), "" until one is made
    parent: keys.ReceivingKey | None  # the committee bundles are encrypted to


class KeyService:
    def __init__(self, database: Database):
        self._db = database

    def signing_private(self) -> bytes:
        return self._own(SIGNING_KEY, keys.new_signing_key)

    def receiving_private(self) -> bytes | None:
        """This installation's receiving key, None until one was made for handing out."""
        with self._db.sessions() as session:
            stored = settings.get(session, RECEIVING_KEY)
        return keys.decode(stored) if stored else None

    def fingerprints(self) -> Fingerprints:
        receiving = self.receiving_private()
        return Fingerprints(signing=keys.fingerprint(keys.signing_public(self.signing_private())),
                            receiving=keys.fingerprint(keys.receiving_public(receiving)) if receiving else "",
                            parent=self.parent_key())

    def receiving_key(self) -> keys.ReceivingKey:
        """The public receiving key to hand to the branches (made the first time it is asked for)."""
        private = self._own(RECEIVING_KEY, keys.new_receiving_key)
        with self._db.sessions() as session:
            home = organisations.home(session)
        return keys.ReceivingKey(organisation=home.name if home else "", code=home.code if home else "",
                                 public=keys.receiving_public(private))

    def export_receiving_key(self, path: Path) -> keys.ReceivingKey:
        key = self.receiving_key()
        write_safely(Path(path), keys.receiving_key_file(key))
        return key

    def read_receiving_key(self, path: Path) -> keys.ReceivingKey:
        """A receiving-key file's contents, to show (fingerprint included) before it is taken into use."""
        try:
            with open(path, "rb") as file:
                data = file.read(64 * 1024)
        except OSError as error:
            raise BundleRejected(_("The file {path} cannot be read: {reason}").format(
                path=path, reason=error.strerror or error)) from error
        return keys.read_receiving_key_file(data)

    def set_parent_key(self, key: keys.ReceivingKey) -> None:
        """From now on bundles are encrypted to `key` (the committee this installation reports to)."""
        with self._db.sessions.begin() as session:
            settings.put(session, PARENT_KEY, {"organisation": key.organisation, "code": key.code,
                                               "key": keys.encode(key.public)})
            audit.record(session, action="update", entity="bundle_key",
                         entity_id=None, summary=f"{key.organisation} {key.fingerprint}")

    def parent_key(self) -> keys.ReceivingKey | None:
        with self._db.sessions() as session:
            stored = settings.get(session, PARENT_KEY)
        if not stored:
            return None
        return keys.ReceivingKey(organisation=stored["organisation"], code=stored["code"],
                                 public=keys.decode(stored["key"]))

    def _own(self, name: str, make) -> bytes:
        with self._db.sessions.begin() as session:
            stored = settings.get(session, name)
            if stored is None:
                stored = keys.encode(make())
                settings.put(session, name, stored)
        return keys.decode(stored)
