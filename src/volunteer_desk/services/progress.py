"""How long work says how far it has come, and how the person stops it.

The UI hands every long job a `progress(done, total)` callback (ui.tasks); it returns False once the person has
pressed 取消. The work then raises Cancelled at its next safe point: before anything is written, or inside a
transaction that the exception rolls back.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], object]  # (done, total) → False asks the work to stop


class Cancelled(Exception):
    """The person stopped the work; nothing of it was stored or written."""


def tell(progress: Progress | None, done: int, total: int, *, stoppable: bool = True) -> None:
    """Report progress; raise Cancelled when the person asked to stop, unless the work is past the point where
    stopping would leave half a result (a file written, still to be read back)."""
    if progress is not None and progress(done, total) is False and stoppable:
        raise Cancelled
