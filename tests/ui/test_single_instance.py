"""One program per data folder: two real processes started together leave one running, the other having
brought it to the front; a killed program's lock does not keep the next start out."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from volunteer_desk.ui.single_instance import KNOCK, LOCK, SingleInstance


def _start(folder):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop("VOLUNTEER_DESK_DATA_DIR", None)
    return subprocess.Popen([sys.executable, "-m", "volunteer_desk", "--data-dir", str(folder)], env=environment,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _initialised(tmp_path):
    folder = tmp_path / "data"
    subprocess.run([sys.executable, "-m", "volunteer_desk", "--data-dir", str(folder), "init", "--role", "branch",
                    "--name", "测试支部", "--code", "T-1", "--operator", "测试员"], check=True, capture_output=True,
                   env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return folder


def _wait(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_two_programs_started_together_leave_one_window(tmp_path):
    folder = _initialised(tmp_path)
    for _round in range(3):
        first, second = _start(folder), _start(folder)
        try:
            assert _wait(lambda: first.poll() is not None or second.poll() is not None), "neither gave way"
            gave_way, running = (first, second) if first.poll() is not None else (second, first)
            assert gave_way.returncode == 0, gave_way.stderr.read().decode()
            assert running.poll() is None and (folder / LOCK).exists() and not (folder / KNOCK).exists()
        finally:
            for process in (first, second):
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                process.wait()
                process.stderr.close()
        with sqlite3.connect(folder / "volunteer_desk.sqlite3") as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_running_program_answers_a_knock_and_a_dead_one_leaves_no_lock(qtbot, tmp_path):
    running = SingleInstance(tmp_path)
    assert running.acquire()
    running.listen()
    assert not SingleInstance(tmp_path).acquire()
    with qtbot.waitSignal(running.knocked, timeout=5000):
        (tmp_path / KNOCK).write_text("now")  # what a second start leaves
    assert not (tmp_path / KNOCK).exists()
    running.release()
    assert SingleInstance(tmp_path).acquire()


def test_a_killed_program_does_not_keep_the_next_one_out(tmp_path):
    folder = _initialised(tmp_path)
    first = _start(folder)
    try:
        assert _wait(lambda: (folder / LOCK).exists())
        first.send_signal(signal.SIGKILL)
        first.wait()
    finally:
        first.stderr.close()
    assert (folder / LOCK).exists()  # left behind by the killed program
    assert SingleInstance(folder).acquire()
