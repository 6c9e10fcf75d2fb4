"""The cycle collector is held off only for the work inside `paused()`, however that work ends."""

from __future__ import annotations

import gc

import pytest

from volunteer_desk import gc_pause


def test_collection_resumes_after_the_work_even_when_it_fails():
    assert gc.isenabled()
    with pytest.raises(ValueError), gc_pause.paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_nested_pauses_resume_only_at_the_outermost():
    with gc_pause.paused():
        with gc_pause.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
