"""Settings read from the environment: a value that is not understood stops the start."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from crm.settings import envbool, envint


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("On", True), ("no", False), ("0", False)]
)
def test_envbool_reads_the_usual_words(monkeypatch, value, expected):
    monkeypatch.setenv("WEITBLICK_FLAG", value)
    assert envbool("WEITBLICK_FLAG", not expected) is expected


def test_envbool_takes_the_default_when_unset_or_empty(monkeypatch):
    monkeypatch.delenv("WEITBLICK_FLAG", raising=False)
    assert envbool("WEITBLICK_FLAG", True) is True
    monkeypatch.setenv("WEITBLICK_FLAG", " ")
    assert envbool("WEITBLICK_FLAG", False) is False


@pytest.mark.parametrize("typo", ["ture", "flase", "enabled", "2"])
def test_envbool_refuses_a_word_it_does_not_know(monkeypatch, typo):
    monkeypatch.setenv("WEITBLICK_FLAG", typo)
    with pytest.raises(ImproperlyConfigured, match="WEITBLICK_FLAG"):
        envbool("WEITBLICK_FLAG", False)


def test_envint_refuses_what_is_not_a_number(monkeypatch):
    monkeypatch.setenv("WEITBLICK_NUMBER", "five")
    with pytest.raises(ImproperlyConfigured, match="WEITBLICK_NUMBER"):
        envint("WEITBLICK_NUMBER", 5)
    monkeypatch.setenv("WEITBLICK_NUMBER", "7")
    assert envint("WEITBLICK_NUMBER", 5) == 7
