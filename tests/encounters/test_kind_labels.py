"""An encounter's and a plan's kind label, looked up without translating every choice."""

import pytest
from django.utils import translation

from encounters.models import Encounter, Kind, Plan


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_the_kind_label_is_the_choices_label_in_the_active_language(language, kind):
    with translation.override(language):
        expected = str(dict(Kind.choices)[kind])
        assert Encounter(kind=kind).get_kind_display() == expected
        assert Plan(kind=kind).get_kind_display() == expected


def test_the_label_follows_the_language_of_each_call():
    encounter = Encounter(kind=Kind.PHONE_CALL)
    with translation.override("de"):
        german = encounter.get_kind_display()
    with translation.override("en"):
        english = encounter.get_kind_display()
    assert english == "phone call"
    assert german != english


def test_a_reminder_has_no_kind_label():
    assert Plan(kind="").get_kind_display() == ""
