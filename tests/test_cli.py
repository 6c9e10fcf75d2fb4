"""The `volunteer-desk` command, run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(*args, env=None):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {}))
    environment.pop("VOLUNTEER_DESK_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "volunteer_desk", *args], capture_output=True, text=True,
                          env=environment, timeout=120)


def test_self_test_checks_everything_and_passes():
    result = _run("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    for check in ("database", "forms", "font", "zh_CN catalogue", "zh_CN date"):
        assert f"ok   {check}" in result.stdout
    assert "self-test passed" in result.stdout


def test_version():
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("VolunteerDesk ")


def test_data_dir_is_a_global_option_before_the_subcommand(tmp_path):
    folder = tmp_path / "branch"
    result = _run("--data-dir", str(folder), "demo", "--volunteers", "20", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert (folder / "volunteer_desk.sqlite3").is_file()
    assert (folder / "logs" / "volunteer_desk.log").is_file()
    assert "20" in result.stdout


def test_negative_count_is_refused_in_chinese(tmp_path):
    result = _run("--data-dir", str(tmp_path), "demo", "--volunteers", "-5")
    assert result.returncode == 2
    assert "不能为负数" in result.stderr


def test_init_sets_up_without_the_window_and_explains_bad_answers(tmp_path):
    folder = tmp_path / "committee"
    result = _run("--data-dir", str(folder), "init", "--role", "committee", "--name", "西湖街道党工委",
                  "--code", "320412", "--members", "900", "--operator", "李主任")
    assert result.returncode == 0, result.stderr
    assert "西湖街道党工委" in result.stdout
    bad = _run("--data-dir", str(folder), "init", "--role", "branch", "--name", "", "--code", "x y")
    assert bad.returncode == 2
    assert "组织代码" in bad.stderr or "代码" in bad.stderr
    demo = _run("--data-dir", str(folder), "demo", "--volunteers", "5")
    assert demo.returncode == 0  # demo adds to a set-up installation without renaming it


def test_print_writes_a_pdf_and_explains_what_is_wrong(tmp_path):
    folder = tmp_path / "branch"
    assert _run("--data-dir", str(folder), "demo", "--volunteers", "30", "--activities", "0").returncode == 0
    listing = _run("--data-dir", str(folder), "print", "--list")
    assert listing.returncode == 0 and "registration" in listing.stdout and "roster" in listing.stdout
    out = tmp_path / "空白登记表.pdf"
    blank = _run("--data-dir", str(folder), "print", "registration", "--out", str(out), "--set", "copies=3")
    assert blank.returncode == 0, blank.stderr
    assert "3" in blank.stdout and out.read_bytes().startswith(b"%PDF")
    wrong = _run("--data-dir", str(folder), "print", "registration", "--out", str(out), "--set", "copies=999")
    assert wrong.returncode == 2 and "200" in wrong.stderr
    unknown = _run("--data-dir", str(folder), "print", "certificate", "--out", str(out))
    assert unknown.returncode == 2 and "print --list" in unknown.stderr


def test_export_excel_writes_a_workbook_and_explains_what_is_wrong(tmp_path):
    import openpyxl

    folder = tmp_path / "branch"
    assert _run("--data-dir", str(folder), "demo", "--volunteers", "12", "--activities", "0").returncode == 0
    listing = _run("--data-dir", str(folder), "export-excel", "--list")
    keys = [line.split("\t")[0] for line in listing.stdout.splitlines()]
    assert listing.returncode == 0 and {"roster", "team_sheet", "activities", "hours"} <= set(keys)
    assert "registration" not in keys  # a blank form has no Excel form
    out = tmp_path / "名册.xlsx"
    written = _run("--data-dir", str(folder), "export-excel", "roster", "--out", str(out), "--set", "order=pinyin")
    assert written.returncode == 0, written.stderr
    assert str(out) in written.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A3"].value == "序号" and sheet.max_row == 3 + 12
    wrong = _run("--data-dir", str(folder), "export-excel", "roster", "--out", str(out), "--set", "order=age")
    assert wrong.returncode == 2 and "strokes" in wrong.stderr
    unknown = _run("--data-dir", str(folder), "export-excel", "registration", "--out", str(out))
    assert unknown.returncode == 2 and "export-excel --list" in unknown.stderr
    missing = _run("--data-dir", str(folder), "export-excel", "hours")
    assert missing.returncode == 2 and "--out" in missing.stderr


def test_import_excel_reports_each_row_and_round_trips_an_exported_team_sheet(tmp_path):
    branch, other = tmp_path / "branch", tmp_path / "other"
    assert _run("--data-dir", str(branch), "demo", "--volunteers", "12", "--activities", "0").returncode == 0
    exported = tmp_path / "人员信息登记表.xlsx"  # Sheet C: it has the ID numbers (Sheet B has none)
    assert _run("--data-dir", str(branch), "export-excel", "team_sheet", "--out", str(exported), "--set",
                "full_numbers=yes").returncode == 0
    assert _run("--data-dir", str(other), "init", "--role", "branch", "--name", "红梅社区党支部", "--code", "B2",
                "--operator", "李干事").returncode == 0
    checked = _run("--data-dir", str(other), "import-excel", str(exported), "--dry-run")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    imported = _run("--data-dir", str(other), "import-excel", str(exported))
    assert imported.returncode == 0 and "12" in imported.stdout.splitlines()[-1]
    again = _run("--data-dir", str(other), "import-excel", str(exported), "--dry-run")
    assert again.stdout.count("\n") > 12  # every row reported as already on the roster
    template = tmp_path / "模板.xlsx"
    assert _run("--data-dir", str(other), "import-excel", "--template", str(template)).returncode == 0
    assert template.read_bytes().startswith(b"PK")
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"not a workbook")
    refused = _run("--data-dir", str(other), "import-excel", str(broken))
    assert refused.returncode == 2 and refused.stderr.strip()


def _live_volunteers(folder) -> int:
    import contextlib
    import sqlite3

    with contextlib.closing(sqlite3.connect(folder / "volunteer_desk.sqlite3")) as connection:
        return connection.execute("SELECT count(*) FROM volunteer WHERE NOT deleted").fetchone()[0]


def test_backup_lists_and_restore_work_from_the_command_line(tmp_path):
    import contextlib
    import sqlite3

    folder = tmp_path / "branch"
    assert _run("--data-dir", str(folder), "demo", "--volunteers", "6", "--activities", "2").returncode == 0
    made = _run("--data-dir", str(folder), "backup")
    assert made.returncode == 0, made.stderr
    assert "已备份到" in made.stdout and "6名志愿者" in made.stdout
    elsewhere = _run("--data-dir", str(folder), "backup", "--out", str(tmp_path / "U盘"))
    assert elsewhere.returncode == 0 and len(list((tmp_path / "U盘").glob("*.sqlite3"))) == 1
    backup = next((folder / "backups").glob("*.sqlite3"))
    with contextlib.closing(sqlite3.connect(folder / "volunteer_desk.sqlite3")) as connection, connection:
        connection.execute("UPDATE volunteer SET deleted = 1")
    assert _live_volunteers(folder) == 0

    restored = _run("--data-dir", str(folder), "restore", str(backup))

    assert restored.returncode == 0, restored.stderr
    assert "已恢复" in restored.stdout and "恢复前的数据库已保存为" in restored.stdout
    assert _live_volunteers(folder) == 6
    listing = _run("--data-dir", str(folder), "backups")
    lines = listing.stdout.splitlines()
    assert listing.returncode == 0 and len(lines) == 2  # the backup, and the one made before restoring
    assert "before_restore" in lines[0] and all(line.endswith("完好") for line in lines)
    assert _run("--data-dir", str(folder), "check").returncode == 0
    missing = _run("--data-dir", str(folder), "restore", str(tmp_path / "没有.sqlite3"))
    assert missing.returncode == 2 and "backups" in missing.stderr


def test_check_explains_a_damaged_database_without_writing_to_it(tmp_path):
    folder = tmp_path / "branch"
    assert _run("--data-dir", str(folder), "demo", "--volunteers", "6", "--activities", "0").returncode == 0
    database = folder / "volunteer_desk.sqlite3"
    damaged = bytearray(database.read_bytes())
    middle = len(damaged) // 4
    damaged[middle:middle * 3] = bytes(range(256)) * (middle * 2 // 256) + b"\x00" * (middle * 2 % 256)
    database.write_bytes(bytes(damaged))

    checked = _run("--data-dir", str(folder), "check")
    backed_up = _run("--data-dir", str(folder), "backup")

    assert checked.returncode == 1 and "已损坏" in checked.stderr and "volunteer-desk restore" in checked.stderr
    assert backed_up.returncode == 1 and "volunteer-desk check" in backed_up.stderr  # no damaged copy is kept
    assert database.read_bytes() == bytes(damaged)
    assert not list((folder / "backups").glob("*.sqlite3"))
