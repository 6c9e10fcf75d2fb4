"""The export bundle (上报包): a branch writes its records to one signed, encrypted file; its committee
reads it, sees what it would change, and applies it in one transaction.

Each bundle is a full snapshot of the sender's records (and, from a committee reporting upward, of the
organisations below it), so importing it makes the copies held here equal to it: new records added,
changed ones overwritten, ones it lacks marked deleted. The same bundle imported again changes nothing;
one older than a bundle already applied from that sender is flagged and changes nothing either.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from operator import itemgetter
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from volunteer_desk import gc_pause
from volunteer_desk.domain.calendar import Quarter
from volunteer_desk.domain.categories import seeded_categories
from volunteer_desk.exchange import BundleRejected, keys, payload, records, sealed
from volunteer_desk.i18n import N_, _
from volunteer_desk.services.bundle_keys import KeyService
from volunteer_desk.services.database import Database
from volunteer_desk.services.file_writes import WriteFailed, free_name, read_back, write_safely
from volunteer_desk.services.progress import Progress, tell
from volunteer_desk.storage import audit, bulk, organisations, settings, tally
from volunteer_desk.storage import exchange as store
from volunteer_desk.storage.migrate import head_revision
from volunteer_desk.storage.schema import BundleReceipt, BundleSender, Organisation
from volunteer_desk.storage.schema.base import utcnow

log = logging.getLogger(__name__)

SEQUENCE = "bundle_sequence"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


# What each table's records are called where changes are counted for a person.
LABELS = {"organisation": N_("organisations"), "service_category": N_("service categories"),
          "service_station": N_("service stations"), "brand_project": N_("brand projects"), "team": N_("teams"),
          "volunteer": N_("volunteers"), "team_membership": N_("team memberships"), "activity": N_("activities"),
          "participation": N_("participations"), "points_entry": N_("points entries"),
          "activity_photo": N_("activity photos")}


class Status:
    READY = "ready"  # a sender already confirmed, newer than anything applied from it
    NEW_SENDER = "new_sender"  # first bundle from this organisation: confirm its key's fingerprint first
    KEY_CHANGED = "key_changed"  # signed by another key than the one confirmed: confirm the new one first
    ALREADY = "already"  # this very file was imported before: nothing to change
    OLDER = "older"  # made before a bundle already applied from the sender: flagged, changes nothing


@dataclasses.dataclass(frozen=True)
class Change:
    new: int = 0
    changed: int = 0
    deleted: int = 0

    @property
    def total(self) -> int:
        return self.new + self.changed + self.deleted


@dataclasses.dataclass(frozen=True)
class ExportResult:
    path: Path
    header: sealed.Header
    counts: dict[str, int]  # table → records carried
    photos: int


@dataclasses.dataclass(frozen=True)
class BundlePlan:
    """What importing one bundle would do; made without writing anything."""

    path: Path
    header: sealed.Header
    status: str
    changes: dict[str, Change]  # table → counts; empty when the bundle changes nothing
    previous: BundleReceipt | None  # the newest bundle applied from this sender before
    payload: payload.Payload = dataclasses.field(repr=False, compare=False)

    @property
    def sender_org_id(self) -> str:
        return self.payload.sender_org_id

    @property
    def total(self) -> int:
        return sum(change.total for change in self.changes.values())

    @property
    def needs_confirmation(self) -> bool:
        return self.status in (Status.NEW_SENDER, Status.KEY_CHANGED)


@dataclasses.dataclass(frozen=True)
class BundleOutcome:
    plan: BundlePlan
    applied: bool  # False for a bundle already imported or older than one applied
    changes: dict[str, Change]


class BundleService:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)):
        self._db = database
        self._clock = clock
        self.keys = KeyService(database)

    # --- the sending side -------------------------------------------------------------------------------------

    def file_name(self, day: dt.date) -> str:
        """某某支部_2026Q4_20261223.vdb: who, which quarter, which day, safe on every file system."""
        with self._db.sessions() as session:
            home = organisations.home(session)
        name = _UNSAFE.sub("_", home.name if home else "VolunteerDesk").strip(" .") or "VolunteerDesk"
        return f"{name}_{Quarter.of(day)}_{day:%Y%m%d}{sealed.SUFFIX}"

    @gc_pause.paused()
    def export(self, folder: Path, *, password: str | None = None, progress: Progress | None = None) -> ExportResult:
        """Write this installation's bundle into `folder`, then read it back from there and check it.
        Encrypted to the committee's receiving key, or with `password` where none has been imported."""
        now = self._clock()
        recipient = self.keys.parent_key()
        if recipient is None and not password:
            raise BundleRejected(_("No receiving key of the parent committee has been imported, so the bundle "
                                   "needs a password. Import the committee's receiving key (数据交换 → 接收密钥与指纹), "
                                   "or choose a password and tell it to the committee by phone."))
        if recipient is not None:
            password = None  # the committee's key is the way in; a password is for when there is none
        elif len(password) < sealed.MIN_PASSWORD:
            raise BundleRejected(_("Choose a password of at least 8 characters."))
        signing = self.keys.signing_private()
        tell(progress, 0, 4)
        with self._db.sessions.begin() as session:
            home = organisations.home(session)
            tables, photos = store.snapshot(session, store.subtree(session, home.id))
            sequence = int(settings.get(session, SEQUENCE, 0)) + 1
            settings.put(session, SEQUENCE, sequence)  # a failed export skips a number, which is harmless
        tell(progress, 1, 4)
        period = str(Quarter.of(now.astimezone().date()))
        sender = sealed.Sender(code=home.code, name=home.name, level=home.level,
                               signing_key=keys.signing_public(signing))
        inner = payload.build({"schema": head_revision(), "period": period, "sequence": sequence,
                               "created_at": sealed._timestamp(now),
                               "sender": {"code": home.code, "name": home.name, "level": home.level}},
                              tables, photos)
        data = sealed.seal(inner, sender=sender, signing_private=signing, period=period, sequence=sequence,
                           created_at=now, recipient=recipient.public if recipient else None, password=password)
        tell(progress, 2, 4)
        path = free_name(Path(folder) / self.file_name(now.astimezone().date()))
        write_safely(path, data)
        tell(progress, 3, 4, stoppable=False)
        try:
            written = read_back(path)
        except OSError as error:
            raise WriteFailed(_("The bundle was written to {path} but cannot be read back ({reason}). Do not use "
                                "this stick; export again to another one.").format(
                                    path=path, reason=error.strerror or error)) from error
        if written != data:
            path.unlink(missing_ok=True)
            raise WriteFailed(_("The bundle read back from {folder} differs from what was written: the stick is "
                                "faulty. The file was removed; export again to another stick.").format(folder=folder))
        header = sealed.read_header(written)
        with self._db.sessions.begin() as session:
            audit.record(session, action="export", entity="bundle", entity_id=None,
                         summary=f"{path.name} {period} #{sequence}", org_id=home.id)
        tell(progress, 4, 4, stoppable=False)
        return ExportResult(path=path, header=header, counts={t: len(rows) for t, rows in tables.items()},
                            photos=len(photos))

    # --- the receiving side -----------------------------------------------------------------------------------

    @staticmethod
    def bundle_files(paths: Iterable[Path]) -> list[Path]:
        """The bundles among `paths`: files as given, folders searched (not below) for *.vdb, by name."""
        found = []
        for path in map(Path, paths):
            if path.is_dir():
                found += sorted(p for p in path.iterdir() if p.suffix.lower() == sealed.SUFFIX and p.is_file())
            else:
                found.append(path)
        return found

    @gc_pause.paused()
    def inspect(self, path: Path, *, password: str | None = None) -> BundlePlan:
        """Open and check the bundle, and count what applying it would change. BundleRejected (with the reason
        in Chinese) for anything that cannot be imported."""
        path = Path(path)
        data = _read_file(path)
        header = sealed.read_header(data)
        inner = payload.read(sealed.open_payload(data, receiving_private=self.keys.receiving_private(),
                                                 password=password),
                             known_categories=_SEEDED)
        _agrees(header, inner)
        with self._db.sessions() as session:
            return self._plan(session, path, header, inner)[0]

    @gc_pause.paused()
    def apply(self, plan: BundlePlan, *, confirm_sender: bool = False,
              progress: Progress | None = None) -> BundleOutcome:
        """Apply the bundle in one transaction (everything or nothing, also if the program is killed). A sender
        not confirmed yet (or with a changed key) is taken on only with `confirm_sender`, after the operator
        compared the fingerprint with the sender's."""
        try:
            with self._db.sessions.begin() as session:
                current, differences = self._plan(session, plan.path, plan.header, plan.payload)
                if current.needs_confirmation and not confirm_sender:
                    raise BundleRejected(_unconfirmed(current))
                if current.status == Status.ALREADY:
                    return BundleOutcome(plan=current, applied=False, changes={})
                applied = current.status != Status.OLDER
                if applied and current.total:
                    _write(session, current, differences, progress)
                if current.needs_confirmation:  # after the write, which adds the sender's organisation
                    _trust(session, current)
                session.add(BundleReceipt(
                    sender_org_id=current.sender_org_id, period=current.header.period,
                    sequence=current.header.sequence, made_at=current.header.created_at.replace(tzinfo=None),
                    digest=current.header.digest, file_name=current.path.name[:200],
                    operator=settings.get(session, settings.OPERATOR, ""), applied=applied,
                    changes={t: [c.new, c.changed, c.deleted] for t, c in current.changes.items()} if applied else {}))
                audit.record(session, action="import" if applied else "import_older", entity="bundle",
                             entity_id=current.sender_org_id, org_id=current.sender_org_id,
                             summary=f"{current.header.sender.name} {current.header.period} "
                                     f"#{current.header.sequence}: {current.total}")
                return BundleOutcome(plan=current, applied=applied, changes=current.changes if applied else {})
        except (IntegrityError, sqlite3.IntegrityError) as error:
            log.warning("bundle %s conflicts with records held: %s", plan.path, error)
            raise BundleRejected(_conflict(plan.header)) from error

    def receipts(self) -> list[BundleReceipt]:
        with self._db.sessions() as session:
            return store.receipts(session)

    def senders(self) -> dict[str, BundleSender]:
        with self._db.sessions() as session:
            return {row.org_id: row for row in session.query(BundleSender)}

    # --- inside ---------------------------------------------------------------------------------------------------

    def _plan(self, session, path: Path, header: sealed.Header,
              inner: payload.Payload) -> tuple[BundlePlan, dict[str, tuple[list, list, list]]]:
        """The plan, and the rows it would write (see _differences)."""
        org_ids = [row[0] for row in inner.tables["organisation"]]
        home = organisations.home(session)
        if home is not None and home.id in org_ids:
            raise BundleRejected(_("This bundle was made by this installation itself ({name}); a bundle is "
                                   "imported by the committee it is sent to.").format(name=home.name))
        sender_id = inner.sender_org_id
        if not _only_its_own(session, sender_id, org_ids):
            raise BundleRejected(_conflict(header))
        trusted = store.sender(session, sender_id)
        previous = store.newest_applied(session, sender_id)
        if trusted is None:
            status = Status.NEW_SENDER
        elif trusted.signing_key != keys.encode(header.sender.signing_key):
            status = Status.KEY_CHANGED
        elif any(r.digest == header.digest for r in store.receipts(session, sender_id)):
            status = Status.ALREADY
        elif previous is not None and header.created_at.replace(tzinfo=None) <= previous.made_at \
                and header.sequence < previous.sequence:
            # Both, not either: an office PC's clock may be reset (time goes back, the count goes on), and a
            # restored backup takes the count back (while time goes on). A replayed old bundle has both behind.
            status = Status.OLDER
        else:
            status = Status.READY
        differences = {} if status in (Status.ALREADY, Status.OLDER) else _differences(session, inner, home)
        changes = {table: Change(len(new), len(changed), len(gone))
                   for table, (new, changed, gone) in differences.items()}
        return BundlePlan(path=path, header=header, status=status, previous=previous, payload=inner,
                          changes={t: c for t, c in changes.items() if c.total}), differences


def _conflict(header: sealed.Header) -> str:
    return _("The bundle from {sender} holds records that belong to another organisation here (the same record, "
             "or the same organisation code {code}). Nothing was imported. Check that each branch has its own code, "
             "then ask the branch to export again.").format(sender=header.sender.name, code=header.sender.code)


def _only_its_own(session, sender_id: str, org_ids: list[str]) -> bool:
    """Whether each organisation of the bundle that is held here already sits below the sender: a bundle
    must not take over (and so empty) another organisation's records by listing it below its own."""
    parents = dict(session.execute(select(Organisation.id, Organisation.parent_id)).all())
    for org_id in parents.keys() & set(org_ids) - {sender_id}:
        seen = set()
        while org_id not in (None, sender_id) and org_id not in seen:
            seen.add(org_id)
            org_id = parents.get(org_id)
        if org_id != sender_id:
            return False
    return True


def _trust(session, plan: BundlePlan) -> None:
    row = store.sender(session, plan.sender_org_id)
    if row is not None:
        session.delete(row)
        session.flush()
    session.add(BundleSender(org_id=plan.sender_org_id, signing_key=keys.encode(plan.header.sender.signing_key),
                             fingerprint=plan.header.sender.fingerprint, confirmed_at=utcnow(),
                             confirmed_by=settings.get(session, settings.OPERATOR, "")))


def _write(session, plan: BundlePlan, differences: dict[str, tuple[list, list, list]],
           progress: Progress | None) -> None:
    tables = list(records.TABLES)
    org_ids = [row[0] for row in plan.payload.tables["organisation"]]
    # The tally's triggers cost more than the rows they count: summed once afterwards for these volunteers.
    connection = session.connection()
    with bulk.large_cache(connection), tally.suspended(connection, org_ids):
        for done, table in enumerate(tables):
            new, changed, _gone = differences[table]
            store.insert(session, table, new, plan.payload.photos)
            store.update(session, table, changed, plan.payload.photos)
            tell(progress, done + 1, 2 * len(tables))
        for done, table in enumerate(reversed(tables)):  # children before the records they refer to
            store.mark_deleted(session, table, differences[table][2])
            tell(progress, len(tables) + done + 1, 2 * len(tables))
        # Someone deleted at the branch keeps nothing personal here: a copy is no reason to hold their data, and
        # should the branch restore them, its next bundle brings them back whole.
        store.forget_volunteers(session, differences["volunteer"][2], _("Deleted person"))


_SEEDED = frozenset(row[0] for row in seeded_categories())
_PARENT = records.names("organisation").index("parent_id")


def _differences(session, inner: payload.Payload, home: Organisation | None) -> dict[str, tuple[list, list, list]]:
    """table → (rows to insert, rows to overwrite, ids to mark deleted), the bundle against the copies held."""
    org_ids = [row[0] for row in inner.tables["organisation"]]
    result = {}
    for table in records.TABLES:
        rows = inner.tables[table]
        if table == "organisation":  # the sender hangs under this installation's own organisation
            rows = [[*row[:_PARENT], home.id if home else None, *row[_PARENT + 1:]] if row[_PARENT] is None else row
                    for row in _parents_first(rows)]
        live, deleted = store.held(session, table, org_ids)
        differing = [row for row in rows if live.get(row[0]) != tuple(row)] if live else rows
        new = [row for row in differing if row[0] not in live and row[0] not in deleted]
        changed = [row for row in differing if row[0] in live or row[0] in deleted]
        if table == "activity_photo":
            ids = {row[0] for row in changed}
            images = store.photo_digests(session, [row[0] for row in rows if row[0] in live and row[0] not in ids])
            changed += [row for row in rows if row[0] in images and images[row[0]] != inner.photos[row[0]]]
        incoming = set(map(itemgetter(0), rows))
        gone = [record_id for record_id in live if record_id not in incoming]
        result[table] = (new, changed, gone)
    return result


def _parents_first(rows: list[list]) -> list[list]:
    """Organisations ordered so that each comes after its parent (the payload checked they form a tree)."""
    parents = {row[0]: row[_PARENT] for row in rows}

    def depth(org_id: str) -> int:
        steps = 0
        while parents[org_id] is not None:
            org_id, steps = parents[org_id], steps + 1
        return steps

    return sorted(rows, key=lambda row: depth(row[0]))


def _agrees(header: sealed.Header, inner: payload.Payload) -> None:
    """The signed header and the encrypted manifest must tell the same story."""
    manifest = inner.manifest
    root = next(row for row in inner.tables["organisation"] if row[_PARENT] is None)
    names = records.names("organisation")
    if manifest["sender"] != {"code": header.sender.code, "name": header.sender.name, "level": header.sender.level} \
            or (manifest["period"], manifest["sequence"], manifest["created_at"]) != \
            (header.period, header.sequence, sealed._timestamp(header.created_at)) \
            or root[names.index("code")] != header.sender.code:
        raise payload._invalid()


def _unconfirmed(plan: BundlePlan) -> str:
    if plan.status == Status.KEY_CHANGED:
        return _("The bundle from {sender} is signed with a different key than the one confirmed before. If the "
                 "branch reinstalled VolunteerDesk, phone them and compare the new fingerprint {fingerprint}; only "
                 "then confirm it. Otherwise the bundle may not be theirs.").format(
                     sender=plan.header.sender.name, fingerprint=plan.header.sender.fingerprint)
    return _("This is the first bundle from {sender}. Phone the branch and compare the fingerprint of its key, "
             "{fingerprint}, with the one shown on its screen (数据交换 → 接收密钥与指纹); confirm it only "
             "if they match.").format(sender=plan.header.sender.name, fingerprint=plan.header.sender.fingerprint)


def _read_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > sealed.MAX_BUNDLE:
            raise BundleRejected(_("The file is larger than any bundle can be ({size} MB). It is not a bundle "
                                   "VolunteerDesk made.").format(size=sealed.MAX_BUNDLE // 2**20))
        with open(path, "rb") as file:
            return file.read(sealed.MAX_BUNDLE + 1)
    except OSError as error:
        raise BundleRejected(_("The file {path} cannot be read ({reason}). If it is on a USB stick, check that "
                               "the stick is still in, then try again.").format(
                                   path=path, reason=error.strerror or error)) from error


