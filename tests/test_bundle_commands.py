"""`volunteer-desk keys`, `export-bundle` and `import-bundle`, run as real processes on real folders: the
whole exchange a committee and a branch make, and the exit codes a script relies on."""

from __future__ import annotations

import re
import sqlite3

from tests.test_cli import _run

FINGERPRINT = re.compile(r"\d{5}(?: \d{5}){7}")


def _ok(*args):
    result = _run(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_branch_and_its_committee_exchange_a_bundle_on_the_command_line(tmp_path):
    committee, branch, stick = tmp_path / "committee", tmp_path / "branch", tmp_path / "stick"
    stick.mkdir()
    _ok("--data-dir", str(committee), "init", "--role", "committee", "--name", "某党工委", "--code", "C-7",
        "--operator", "李")
    _ok("--data-dir", str(branch), "init", "--role", "branch", "--name", "第七支部", "--code", "B-7",
        "--operator", "张", "--members", "20")
    _ok("--data-dir", str(branch), "demo", "--volunteers", "12", "--activities", "6")

    written = _ok("--data-dir", str(committee), "keys", "export-receiving", "--out", str(tmp_path / "c.vdkey"))
    taken = _ok("--data-dir", str(branch), "keys", "import-receiving", str(tmp_path / "c.vdkey"))
    assert FINGERPRINT.search(written).group() == FINGERPRINT.search(taken).group()
    signing = FINGERPRINT.search(_ok("--data-dir", str(branch), "keys", "show")).group()
    assert "12" in _ok("--data-dir", str(branch), "export-bundle", "--out", str(stick))
    (bundle,) = stick.glob("*.vdb")

    dry = _run("--data-dir", str(committee), "import-bundle", str(stick), "--dry-run")
    assert dry.returncode == 0 and signing in dry.stdout
    unconfirmed = _run("--data-dir", str(committee), "import-bundle", str(bundle))
    assert unconfirmed.returncode == 1 and "--trust" in unconfirmed.stdout
    _ok("--data-dir", str(committee), "import-bundle", str(stick), "--trust", signing)
    with sqlite3.connect(committee / "volunteer_desk.sqlite3") as connection:
        assert connection.execute("SELECT count(*) FROM volunteer").fetchone() == (12,)
    _ok("--data-dir", str(committee), "import-bundle", str(stick))  # again: nothing changes, nothing doubles
    with sqlite3.connect(committee / "volunteer_desk.sqlite3") as connection:
        assert connection.execute("SELECT count(*), count(DISTINCT id) FROM volunteer").fetchone() == (12, 12)
        assert connection.execute("SELECT count(*) FROM bundle_receipt").fetchone() == (1,)

    (stick / "broken.vdb").write_bytes(bundle.read_bytes()[:-10])
    rejected = _run("--data-dir", str(committee), "import-bundle", str(stick))
    assert rejected.returncode == 1 and "broken.vdb" in rejected.stdout and rejected.stderr.strip()


def test_export_without_a_receiving_key_needs_a_password(tmp_path):
    branch = tmp_path / "branch"
    _ok("--data-dir", str(branch), "init", "--role", "branch", "--name", "第八支部", "--code", "B-8", "--operator", "王")
    refused = _run("--data-dir", str(branch), "export-bundle", "--out", str(tmp_path))
    assert refused.returncode == 1 and refused.stderr.strip() and not list(tmp_path.glob("*.vdb"))
    (tmp_path / "password.txt").write_text("长长的密码12345\n", encoding="utf-8")
    _ok("--data-dir", str(branch), "export-bundle", "--out", str(tmp_path), "--password-file",
        str(tmp_path / "password.txt"))
    assert len(list(tmp_path.glob("*.vdb"))) == 1
