"""The `volunteer-desk` command: no arguments opens the window; subcommands work without one.

This is the one place that wires the program together; it imports the UI only when a window is wanted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from volunteer_desk import __version__, diagnostics, paths
from volunteer_desk.i18n import _


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="volunteer-desk", description=_("VolunteerDesk: Party-member volunteer service records."))
    parser.add_argument("--data-dir", type=Path, help=_("folder with the database, logs and backups"))
    parser.add_argument("--version", action="version", version=f"VolunteerDesk {__version__}")
    parser.add_argument("--self-test", action="store_true", help=_("check that the program is complete, then exit"))
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", help=_("fill the database with realistic practice data"))
    demo.add_argument("--volunteers", type=int, default=3000, help=_("how many volunteers (default 3000)"))
    demo.add_argument("--seed", type=int, default=1, help=_("random seed, for repeatable data"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.self_test:
        from volunteer_desk.services.selftest import run_self_test

        return run_self_test(print)
    data_dir = paths.data_dir(args.data_dir)
    diagnostics.configure_logging(data_dir)
    if args.command == "demo":
        return _demo(data_dir, args.volunteers, args.seed)
    from volunteer_desk.ui.app import run_gui

    return run_gui(data_dir)


def _demo(data_dir: Path, volunteers: int, seed: int) -> int:
    from volunteer_desk.services import demo
    from volunteer_desk.services.database import open_database

    if volunteers < 0:
        print(_("The number of volunteers cannot be negative."), file=sys.stderr)
        return 2
    database = open_database(data_dir)
    try:
        summary = demo.fill(database, volunteers=volunteers, seed=seed)
    except demo.NotEmpty:
        print(_("The database in {folder} already holds volunteers; demo data goes only into an empty one.").format(
            folder=data_dir), file=sys.stderr)
        return 1
    finally:
        database.close()
    print(_("Demo data written to {path}: {volunteers} volunteers in {branches} branches.").format(
        path=database.path, volunteers=summary.volunteers, branches=summary.branches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
