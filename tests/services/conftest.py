"""Fixtures shared by the service tests."""

import pytest

from tests.services.test_activities import ledger_service, named_operator


@pytest.fixture
def ledger(database):
    """The hours and points ledger, with the operator named so audit rows carry a name."""
    named_operator(database)
    return ledger_service(database)
