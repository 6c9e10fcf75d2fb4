"""Python's cycle collector held off during work that makes a great many objects at once.

An import of 100,000 rows keeps several objects per row alive until it is done, as a 100,000-row workbook keeps
its million cells; every full collection walks them all again, which cost a third of the import (about 8 s) and
2.5 s of the roster's Excel export. Nothing this work makes forms a cycle, so collecting afterwards loses nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """A context manager, or a decorator of the function doing such work."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
