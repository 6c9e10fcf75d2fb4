"""`volunteer-desk --self-test`: proves an installation (a source tree or a frozen build) is complete.

It migrates a temporary database, loads every form, saves and finds a volunteer, prints the roster and a
filled registration sheet to PDF (font embedded, surnames in stroke order), writes and reads back an Excel
workbook, seals and opens a bundle, checks the font and the Chinese
catalogue, and prints each check. Exit code 0 only when all pass.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from babel.dates import format_date

from volunteer_desk import fonts, i18n, paths
from volunteer_desk.exchange import keys, payload, sealed
from volunteer_desk.formspec import load_all
from volunteer_desk.services.database import open_database
from volunteer_desk.services.printing import PrintService
from volunteer_desk.services.roster import RosterQuery, RosterService
from volunteer_desk.services.volunteers import VolunteerService
from volunteer_desk.spreadsheets import reading, xlsx
from volunteer_desk.storage import migrate


def _checks(folder: Path) -> list[tuple[str, Callable[[], str]]]:
    def database() -> str:
        db = open_database(folder)
        try:
            revision = migrate.current_revision(db.engine)
            assert revision == migrate.head_revision(), revision
            service = VolunteerService(db)
            raw = service.blank_values() | {"name": "张三", "id_number": "11010519491231002X",
                                            "political_status": "member"}
            service.save(raw)
            found = RosterService(db).ids(RosterQuery(search="zs"))
            assert len(found) == 1, found
            printing = PrintService(db)
            sheet = printing.render("registration", {"volunteer": found[0]})
            roster = printing.render("roster", {})
            for rendered in (sheet, roster):
                assert rendered.pages == 1 and b"/FontFile2" in rendered.pdf, "PDF without the embedded font"
                assert not rendered.warnings, rendered.warnings
        finally:
            db.close()
        return f"schema {revision}, a volunteer saved, found by pinyin and printed ({len(sheet.pdf) // 1024} KB)"

    def excel() -> str:
        path = folder / "自检.xlsx"
        path.write_bytes(xlsx.write([xlsx.PaperList("自检", [xlsx.Column("姓名", 10), xlsx.Column("身份证号码", 20)],
                                                    [["张三", "11010519491231002X"]])]))
        rows = reading.read_rows(path)
        assert rows[-1] == ["张三", "11010519491231002X"], rows
        return "XlsxWriter and calamine"

    def bundle() -> str:
        """A bundle sealed to a fresh receiving key and opened again: the frozen build's OpenSSL works."""
        receiving, signing = keys.new_receiving_key(), keys.new_signing_key()
        inner = payload.build({"schema": migrate.head_revision(), "period": "2026Q4", "sequence": 1,
                               "created_at": "2026-12-28T00:00:00Z",
                               "sender": {"code": "S-1", "name": "自检支部", "level": "branch"}},
                              {"organisation": [["00000000-0000-4000-8000-000000000001", "S-1", "自检支部", "branch",
                                                 0, None]]}, {})
        data = sealed.seal(inner, sender=sealed.Sender("S-1", "自检支部", "branch", keys.signing_public(signing)),
                           signing_private=signing, period="2026Q4", sequence=1,
                           created_at=dt.datetime(2026, 12, 28, tzinfo=dt.UTC), recipient=keys.receiving_public(receiving))
        opened = payload.read(sealed.open_payload(data, receiving_private=receiving))
        assert opened.tables["organisation"][0][2] == "自检支部", opened.tables["organisation"]
        return f"sealed and opened ({len(data)} bytes)"

    def forms() -> str:
        specs = load_all()
        return ", ".join(sorted(specs))

    def font() -> str:
        assert paths.font_file().is_file(), paths.font_file()
        assert not fonts.missing_characters("党员志愿者登记表张三"), "font lacks common hanzi"
        return paths.font_file().name

    def catalogue() -> str:
        assert i18n.install("zh_CN") == "zh_CN", "no compiled zh_CN catalogue"
        assert i18n._("Roster") != "Roster", "zh_CN catalogue is empty"
        return i18n._("Roster")

    def dates() -> str:
        return format_date(dt.date(2026, 12, 28), format="long", locale="zh_CN")

    return [("database", database), ("excel", excel), ("bundle", bundle), ("forms", forms), ("font", font), ("zh_CN catalogue", catalogue),
            ("zh_CN date", dates)]


def run_self_test(say: Callable[[str], None]) -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="volunteer-desk-selftest-") as folder:
        for name, check in _checks(Path(folder)):
            try:
                say(f"ok   {name}: {check()}")
            except Exception as exc:  # a self-test reports every failure, whatever its kind
                failures += 1
                say(f"FAIL {name}: {type(exc).__name__}: {exc}")
    say("self-test passed" if not failures else f"self-test failed: {failures} check(s)")
    return 1 if failures else 0
