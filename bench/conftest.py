import pytest

from standort.core.tenancy import across_initiatives


@pytest.fixture(autouse=True)
def _across_initiatives():
    """As in the product's tests (src/standort/conftest.py): a test's own code reads
    across initiatives; what it measures opens the scopes it needs."""
    with across_initiatives():
        yield
