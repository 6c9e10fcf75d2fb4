"""`volunteer-desk keys …`, `export-bundle` and `import-bundle`: the bundle work without the window, with the
same checks and the same report, so a committee can script the import of a folder of bundles."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from volunteer_desk.i18n import _


def add_commands(sub) -> None:
    keys = sub.add_parser("keys", help=_("show or exchange the keys that protect bundles"))
    actions = keys.add_subparsers(dest="keys_command", required=True)
    actions.add_parser("show", help=_("print this installation's key fingerprints"))
    out = actions.add_parser("export-receiving", help=_("(committee) write the receiving key file for the branches"))
    out.add_argument("--out", type=Path, required=True, metavar="FILE.vdkey", help=_("the key file to write"))
    into = actions.add_parser("import-receiving", help=_("(branch) take the parent committee's receiving key"))
    into.add_argument("file", type=Path, help=_("the receiving key file (.vdkey) from the committee"))
    export = sub.add_parser("export-bundle", help=_("write the bundle for the parent committee into a folder"))
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help=_("the folder, e.g. the USB stick"))
    _password_options(export)
    importing = sub.add_parser("import-bundle", help=_("import bundles from branches (files or folders)"))
    importing.add_argument("paths", type=Path, nargs="+", metavar="FILE_OR_DIR", help=_("bundles, or folders of them"))
    importing.add_argument("--dry-run", action="store_true", help=_("check and report what would change, import "
                                                                    "nothing"))
    importing.add_argument("--trust", action="append", default=[], metavar="FINGERPRINT",
                           help=_("a sender's key fingerprint, compared by phone or on paper: its first bundle is "
                                  "imported (repeat for more)"))
    _password_options(importing)


def _password_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-file", type=Path, metavar="FILE",
                       help=_("read the bundle password from the first line of this file"))
    group.add_argument("--ask-password", action="store_true", help=_("ask for the bundle password"))


def run(data_dir: Path, args: argparse.Namespace) -> int:
    from volunteer_desk.exchange import BundleRejected
    from volunteer_desk.services.bundles import BundleService
    from volunteer_desk.services.database import open_database
    from volunteer_desk.services.file_writes import WriteFailed

    database = open_database(data_dir)
    try:
        service = BundleService(database)
        if args.command == "keys":
            return _keys(service, args)
        password = _password(args)
        if args.command == "export-bundle":
            result = service.export(args.out, password=password)
            print(_("Wrote {path} and read it back: it is complete. {volunteers} volunteers, {activities} activities, "
                    "{participations} participations.").format(
                        path=result.path, volunteers=result.counts["volunteer"],
                        activities=result.counts["activity"], participations=result.counts["participation"]))
            return 0
        return _import(service, args, password)
    except (BundleRejected, WriteFailed) as error:
        print(error.message, file=sys.stderr)
        return 1
    finally:
        database.close()


def _keys(service, args: argparse.Namespace) -> int:
    if args.keys_command == "show":
        prints = service.keys.fingerprints()
        print(_("Signing key of this installation (the committee confirms it): {fingerprint}").format(
            fingerprint=prints.signing))
        if prints.receiving:
            print(_("Receiving key of this committee (branches compare it): {fingerprint}").format(
                fingerprint=prints.receiving))
        if prints.parent:
            print(_("Bundles are encrypted to {organisation}: {fingerprint}").format(
                organisation=prints.parent.organisation, fingerprint=prints.parent.fingerprint))
        else:
            print(_("No receiving key of a parent committee has been imported: bundles need a password."))
        return 0
    if args.keys_command == "export-receiving":
        key = service.keys.export_receiving_key(args.out)
        print(_("Wrote {path}. Its fingerprint is {fingerprint}: read it out to the branches when they import it.")
              .format(path=args.out, fingerprint=key.fingerprint))
        return 0
    key = service.keys.read_receiving_key(args.file)
    service.keys.set_parent_key(key)
    print(_("Bundles are now encrypted to {organisation}. Compare this fingerprint with the committee's by phone: "
            "{fingerprint}").format(organisation=key.organisation, fingerprint=key.fingerprint))
    return 0


def _import(service, args: argparse.Namespace, password: str | None) -> int:
    from volunteer_desk.exchange import BundleRejected
    from volunteer_desk.services.bundles import Status

    trusted = {" ".join(text.split()) for text in args.trust}
    files = service.bundle_files(args.paths)
    if not files:
        print(_("No bundles (.vdb files) found there."), file=sys.stderr)
        return 1
    rejected = 0
    for number, path in enumerate(files, start=1):
        print(f"[{number}/{len(files)}] {path.name}")
        try:
            plan = service.inspect(path, password=password)
            print("  " + describe(plan))
            if args.dry_run:
                continue
            confirmed = plan.header.sender.fingerprint in trusted
            if plan.needs_confirmation and not confirmed:
                print("  " + _("Not imported: confirm the sender's fingerprint first, then run again with "
                               "--trust \"{fingerprint}\".").format(fingerprint=plan.header.sender.fingerprint))
                rejected += 1
                continue
            outcome = service.apply(plan, confirm_sender=confirmed)
            if outcome.applied:
                print("  " + _("Imported: {count} records changed.").format(
                    count=sum(change.total for change in outcome.changes.values())))
            elif plan.status == Status.OLDER:
                print("  " + _("Not applied: it is older than the bundle already imported from this sender."))
        except BundleRejected as error:
            print("  " + _("Rejected: {reason}").format(reason=error.message), file=sys.stderr)
            rejected += 1
    return 1 if rejected else 0


def describe(plan) -> str:
    """One line: who, which quarter, how current, and what it would change."""
    from volunteer_desk.services.bundles import LABELS, Status

    header = plan.header
    state = {
        Status.READY: _("ready to import"),
        Status.NEW_SENDER: _("first bundle from this sender; key fingerprint {fingerprint}"),
        Status.KEY_CHANGED: _("signed with a NEW key; fingerprint {fingerprint}"),
        Status.ALREADY: _("already imported"),
        Status.OLDER: _("OLDER than the bundle already imported; it will not overwrite newer records"),
    }[plan.status].format(fingerprint=header.sender.fingerprint)
    changes = "，".join(_("{table}: {new} new, {changed} changed, {deleted} deleted").format(
        table=_(LABELS[table]), new=change.new, changed=change.changed, deleted=change.deleted)
        for table, change in plan.changes.items()) or _("no changes")
    return _("{sender} ({code}), {period}, No. {sequence}, made {made:%Y-%m-%d %H:%M}: {state}. {changes}").format(
        sender=header.sender.name, code=header.sender.code, period=header.period, sequence=header.sequence,
        made=header.created_at.astimezone(), state=state, changes=changes)


def _password(args: argparse.Namespace) -> str | None:
    if getattr(args, "password_file", None):
        try:
            return args.password_file.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError, UnicodeDecodeError):
            from volunteer_desk.exchange import BundleRejected
            raise BundleRejected(_("The password file {path} cannot be read, or its first line is empty.").format(
                path=args.password_file)) from None
    if getattr(args, "ask_password", False):
        return getpass.getpass(_("Bundle password: "))
    return None
