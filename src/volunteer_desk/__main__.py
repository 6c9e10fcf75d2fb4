"""The `volunteer-desk` command: no arguments opens the window; subcommands work without one.

This is the one place that wires the program together; it imports the UI only when a window is wanted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from volunteer_desk import __version__, bundle_commands, diagnostics, paths
from volunteer_desk.i18n import _


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="volunteer-desk", description=_("VolunteerDesk: Party-member volunteer service records."))
    parser.add_argument("--data-dir", type=Path, help=_("folder with the database, logs and backups"))
    parser.add_argument("--version", action="version", version=f"VolunteerDesk {__version__}")
    parser.add_argument("--self-test", action="store_true", help=_("check that the program is complete, then exit"))
    sub = parser.add_subparsers(dest="command")
    init = sub.add_parser("init", help=_("set up this installation without the window"))
    init.add_argument("--role", choices=["branch", "committee"], required=True,
                      help=_("branch (支部) or parent committee (上级党组织)"))
    init.add_argument("--name", required=True, help=_("the organisation's full name"))
    init.add_argument("--code", required=True, help=_("the organisation code"))
    init.add_argument("--parent-name", default="", help=_("the parent organisation's name"))
    init.add_argument("--members", type=int, default=0, help=_("how many Party members the unit has"))
    init.add_argument("--operator", default="", help=_("the name of the person keeping the records"))
    demo = sub.add_parser("demo", help=_("fill the database with realistic practice data"))
    demo.add_argument("--volunteers", type=int, default=3000, help=_("how many volunteers (default 3000)"))
    demo.add_argument("--seed", type=int, default=1, help=_("random seed, for repeatable data"))
    demo.add_argument("--activities", type=int, default=None, help=_("how many activities (default: about 7 per volunteer)"))
    printing = sub.add_parser("print", help=_("write a printable document as a PDF file"))
    printing.add_argument("document", help=_("which document: see `print --list`"), nargs="?")
    printing.add_argument("--out", type=Path, help=_("the PDF file to write"))
    printing.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                          help=_("a document option, e.g. --set copies=5 (repeat for more)"))
    printing.add_argument("--list", action="store_true", help=_("list the documents and their options"))
    excel = sub.add_parser("export-excel", help=_("write a list as an Excel workbook (.xlsx)"))
    excel.add_argument("document", help=_("which list: see `export-excel --list`"), nargs="?")
    excel.add_argument("--out", type=Path, help=_("the .xlsx file to write"))
    excel.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                       help=_("an option of the list, e.g. --set year=2026 (repeat for more)"))
    excel.add_argument("--list", action="store_true", help=_("list the lists with an Excel form and their options"))
    importing = sub.add_parser("import-excel", help=_("import volunteers from an Excel, WPS or CSV file"))
    importing.add_argument("file", type=Path, nargs="?", help=_("the file to import"))
    importing.add_argument("--sheet", help=_("the sheet to read (default: the first with data)"))
    importing.add_argument("--dry-run", action="store_true", help=_("check every row and report, import nothing"))
    importing.add_argument("--duplicates", choices=["skip", "update", "keep_both"], default="skip",
                           help=_("people already on the roster: skip them (default), update their records, or "
                                  "keep both"))
    importing.add_argument("--template", type=Path, metavar="FILE.xlsx",
                           help=_("write an empty roster to fill in and import, then stop"))
    backup = sub.add_parser("backup", help=_("make a backup of the database now and check it"))
    where = backup.add_mutually_exclusive_group()
    where.add_argument("--out", type=Path, metavar="DIR", help=_("the folder to write the backup into (default: "
                                                                 "the backups folder in the data folder)"))
    where.add_argument("--usb", type=Path, metavar="DIR", help=_("write an encrypted backup (.vdbak) into this "
                                                                 "folder, e.g. the USB stick, and check it there"))
    _backup_password_options(backup)
    sub.add_parser("check", help=_("check the database for damage without writing to it"))
    restore = sub.add_parser("restore", help=_("replace the database with a backup (the current one is backed up "
                                               "first)"))
    restore.add_argument("backup", type=Path, help=_("the backup file to restore (.sqlite3, or .vdbak from a USB "
                                                     "stick)"))
    _backup_password_options(restore)
    sub.add_parser("backups", help=_("list the backups and whether each is intact"))
    bundle_commands.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.self_test:
        from volunteer_desk.services.selftest import run_self_test

        return run_self_test(print)
    data_dir = paths.data_dir(args.data_dir)
    diagnostics.configure_logging(data_dir)
    if args.command == "demo":
        return _demo(data_dir, args.volunteers, args.seed, args.activities)
    if args.command == "init":
        return _init(data_dir, args)
    if args.command == "print":
        return _print(data_dir, args)
    if args.command == "export-excel":
        return _export_excel(data_dir, args)
    if args.command == "import-excel":
        return _import_excel(data_dir, args)
    if args.command in {"backup", "check", "restore", "backups"}:
        return _backups(data_dir, args)
    if args.command in {"keys", "export-bundle", "import-bundle"}:
        return bundle_commands.run(data_dir, args)
    from volunteer_desk.ui.app import run_gui

    return run_gui(data_dir)


def _demo(data_dir: Path, volunteers: int, seed: int, activities: int | None = None) -> int:
    from volunteer_desk.services import demo
    from volunteer_desk.services.database import open_database

    if volunteers < 0:
        print(_("The number of volunteers cannot be negative."), file=sys.stderr)
        return 2
    database = open_database(data_dir)
    try:
        summary = demo.fill(database, volunteers=volunteers, seed=seed, activities=activities)
    except demo.NotEmpty:
        print(_("The database in {folder} already holds volunteers; demo data goes only into an empty one.").format(
            folder=data_dir), file=sys.stderr)
        return 1
    finally:
        database.close()
    print(_("Demo data written to {path}: {volunteers} volunteers in {branches} branches.").format(
        path=database.path, volunteers=summary.volunteers, branches=summary.branches))
    return 0


def _init(data_dir: Path, args: argparse.Namespace) -> int:
    from volunteer_desk.domain.enums import OrgLevel
    from volunteer_desk.domain.setup import SetupInfo
    from volunteer_desk.services.database import open_database
    from volunteer_desk.services.setup import InvalidSetup, SetupService

    info = SetupInfo(role=OrgLevel(args.role), name=args.name, code=args.code, parent_name=args.parent_name,
                     party_members=args.members, operator=args.operator)
    database = open_database(data_dir)
    try:
        SetupService(database).save(info)
    except InvalidSetup as exc:
        for message in exc.errors.values():
            print(message, file=sys.stderr)
        return 2
    finally:
        database.close()
    print(_("Set up {name} ({role}) in {folder}.").format(name=info.name, role=info.role.label, folder=data_dir))
    return 0


def _print(data_dir: Path, args: argparse.Namespace) -> int:
    from volunteer_desk.services.database import open_database
    from volunteer_desk.services.entries import InvalidEntry
    from volunteer_desk.services.file_writes import WriteFailed
    from volunteer_desk.services.printing import PrintService

    database = open_database(data_dir)
    try:
        service = PrintService(database)
        if args.list or not args.document:
            for kind in service.documents():
                options = " ".join(f"{o.key}=…" for o in kind.options)
                print(f"{kind.key}\t{_(kind.title)}\t{options}")
            return 0 if args.list else 2
        if args.out is None:
            print(_("Say where to write the PDF with --out FILE.pdf."), file=sys.stderr)
            return 2
        try:
            service.document(args.document)
        except KeyError:
            print(_("There is no document “{name}”; `print --list` shows them.").format(name=args.document),
                  file=sys.stderr)
            return 2
        raw = dict(item.partition("=")[::2] for item in args.set)
        try:
            rendered = service.save(args.document, service.parse(args.document, raw), args.out)
        except InvalidEntry as exc:
            for message in exc.errors.values():
                print(message, file=sys.stderr)
            return 2
        except WriteFailed as exc:
            print(exc.message, file=sys.stderr)
            return 1
    finally:
        database.close()
    for warning in rendered.warnings:
        print(warning, file=sys.stderr)
    print(_("Wrote {pages} pages to {path}.").format(pages=rendered.pages, path=args.out))
    return 0


def _export_excel(data_dir: Path, args: argparse.Namespace) -> int:
    from volunteer_desk.services.database import open_database
    from volunteer_desk.services.entries import InvalidEntry
    from volunteer_desk.services.file_writes import WriteFailed
    from volunteer_desk.services.printing import PrintService

    database = open_database(data_dir)
    try:
        service = PrintService(database)
        kinds = [kind for kind in service.documents() if kind.excel]
        if args.list or not args.document:
            for kind in kinds:
                options = " ".join(f"{o.key}=…" for o in kind.options)
                print(f"{kind.key}\t{_(kind.title)}\t{options}")
            return 0 if args.list else 2
        if args.out is None:
            print(_("Say where to write the workbook with --out FILE.xlsx."), file=sys.stderr)
            return 2
        if args.document not in {kind.key for kind in kinds}:
            print(_("There is no list “{name}” to export to Excel; `export-excel --list` shows them.").format(
                name=args.document), file=sys.stderr)
            return 2
        raw = dict(item.partition("=")[::2] for item in args.set)
        try:
            service.save_excel(args.document, service.parse(args.document, raw), args.out)
        except InvalidEntry as exc:
            for message in exc.errors.values():
                print(message, file=sys.stderr)
            return 2
        except WriteFailed as exc:  # a full disk, a read-only folder, a workbook still open in Excel or WPS
            print(exc.message, file=sys.stderr)
            return 1
    finally:
        database.close()
    print(_("Wrote {path}.").format(path=args.out))
    return 0


def _import_excel(data_dir: Path, args: argparse.Namespace) -> int:
    """The import dialog's report as text: every row that needs correcting, cell by cell, then the counts."""
    from volunteer_desk.services.database import open_database
    from volunteer_desk.services.entries import InvalidEntry
    from volunteer_desk.services.file_writes import WriteFailed, write_safely
    from volunteer_desk.services.volunteer_import import Duplicates, VolunteerImportService
    from volunteer_desk.storage.db import StorageFull

    database = open_database(data_dir)
    try:
        service = VolunteerImportService(database)
        if args.template:
            try:
                write_safely(args.template, service.template())
            except WriteFailed as exc:
                print(exc.message, file=sys.stderr)
                return 1
            print(_("Wrote {path}.").format(path=args.template))
            return 0
        if args.file is None:
            print(_("Name the file to import, e.g. volunteer-desk import-excel 名册.xlsx"), file=sys.stderr)
            return 2
        try:
            preview = service.preview(args.file, args.sheet)
        except InvalidEntry as exc:
            for message in exc.errors.values():
                print(message, file=sys.stderr)
            return 2
        for row in preview.rows:
            if row.blocked or row.same_as is not None:
                print(_("Row {row} {name}:").format(row=row.row, name=row.name))
            if row.same_as_row is not None:
                print("  " + _("the same ID number as row {row}; left out.").format(row=row.same_as_row))
            elif row.same_as is not None:
                print("  " + _("already on the roster as {name}.").format(name=row.same_as[1]))
            for problem in row.problems:
                where = _("column {column} {header}: ").format(column=problem.column, header=problem.header) \
                    if problem.column else ""
                print(f"  {where}{problem.message}")
        for note in preview.notes:
            print(note)
        print(preview.summary)
        if args.dry_run:
            return 1 if preview.blocked else 0
        try:
            result = service.commit(preview, Duplicates(args.duplicates))
        except StorageFull:
            print(_("The disk holding the data folder {folder} is full, so nothing was imported. Free some space on "
                    "it (empty the recycle bin, delete files you no longer need), then import again.").format(
                        folder=data_dir), file=sys.stderr)
            return 1
    finally:
        database.close()
    print(_("Imported: {created} added, {updated} updated, {skipped} left out.").format(
        created=result.created, updated=result.updated, skipped=result.skipped))
    return 0


def _backups(data_dir: Path, args: argparse.Namespace) -> int:
    """Backups without opening the database through open_database: a damaged file is never migrated or written."""
    from volunteer_desk.services.backups import BackupFailed, BackupService

    service = BackupService(data_dir)
    if args.command == "check":
        result = service.check()
        print(result.message, file=sys.stdout if result.ok else sys.stderr)
        return 0 if result.ok else 1
    if args.command == "backups":
        for info in service.list():
            state = _("intact") if info.ok else info.reason
            print(f"{info.path}\t{info.created_at:%Y-%m-%d %H:%M}\t{info.kind}\t" + _(
                "{volunteers} volunteers, {activities} activities").format(
                    volunteers=info.volunteers, activities=info.activities) + f"\t{state}")
        return 0
    try:
        if args.command == "backup" and args.usb:
            return _usb_backup(data_dir, service, args)
        if args.command == "backup":
            info = service.verify(service.make("manual", out_dir=args.out).path)
            if not info.ok:
                print(info.reason, file=sys.stderr)
                return 1
            print(_("Backup written to {path} and checked: {volunteers} volunteers, {activities} activities.").format(
                path=info.path, volunteers=info.volunteers, activities=info.activities))
            return 0
        if not args.backup.is_file():
            print(_("There is no backup file {path}; `volunteer-desk backups` lists them.").format(path=args.backup),
                  file=sys.stderr)
            return 2
        from volunteer_desk.services import usb_backup

        if args.backup.suffix.lower() == usb_backup.SUFFIX:
            result = usb_backup.restore(service, args.backup, _backup_password(args))
        else:
            result = service.restore(args.backup)
    except BackupFailed as exc:
        print(exc, file=sys.stderr)
        return 1
    if result.previous:
        print(_("The database as it was is kept as {path}.").format(path=result.previous))
    print(_("Restored {path} (made {made}): {volunteers} volunteers, {activities} activities.").format(
        path=result.restored.path, made=f"{result.restored.created_at:%Y-%m-%d %H:%M}",
        volunteers=result.restored.volunteers, activities=result.restored.activities))
    return 0


def _usb_backup(data_dir: Path, service, args: argparse.Namespace) -> int:
    """The encrypted backup needs this installation's signing key and name, so the database is opened, but
    only after the check: a damaged one is never migrated or written."""
    from volunteer_desk.services import usb_backup
    from volunteer_desk.services.database import open_database

    password = _backup_password(args)
    checked = service.check()
    if not service.database_file.is_file() or not checked.ok:
        print(checked.message if not checked.ok else _("There is no database at {path} to back up.").format(
            path=service.database_file), file=sys.stderr)
        return 1
    database = open_database(data_dir)
    try:
        result = usb_backup.write(database, service, args.usb, password)
    finally:
        database.close()
    print(_("Encrypted backup written to {path}, read back from there and checked ({size} MB): {volunteers} "
            "volunteers, {activities} activities. The stick can be removed.").format(
                path=result.path, size=f"{result.size / 2**20:.1f}", volunteers=result.volunteers,
                activities=result.activities))
    return 0


def _backup_password_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-file", type=Path, metavar="FILE",
                       help=_("read the password of an encrypted backup (.vdbak) from the first line of this file"))
    group.add_argument("--ask-password", action="store_true", help=_("ask for the password of an encrypted backup"))


def _backup_password(args: argparse.Namespace) -> str:
    from volunteer_desk.services.backups import BackupFailed

    if args.password_file:
        try:
            return args.password_file.read_text(encoding="utf-8").splitlines()[0]
        except (OSError, IndexError, UnicodeDecodeError):
            raise BackupFailed(_("The password file {path} cannot be read, or its first line is empty.").format(
                path=args.password_file)) from None
    if args.ask_password:
        import getpass

        return getpass.getpass(_("Backup password: "))
    raise BackupFailed(_("An encrypted backup needs its password: add --password-file FILE or --ask-password."))


if __name__ == "__main__":
    sys.exit(main())
