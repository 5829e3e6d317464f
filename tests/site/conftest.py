"""Fixtures for the site-wide tests."""

import pytest
from django.test import Client


@pytest.fixture
def client_factory():
    """Fresh browsers: each call is another visitor with its own cookies."""
    return Client
