"""The digest preview shows the mail's plain-text part as text: a name with markup stays text."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeData

from encounters.digest import build_digest, render_digest
from tests.factories import make_contact, make_encounter

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture
def quiet_contact_with_markup(user):
    contact = make_contact(user, PAYLOAD, cadence_days=30)
    make_encounter(user, [contact], occurred_on=timezone.localdate() - datetime.timedelta(days=90))
    return contact


def test_the_plain_text_part_is_shown_escaped_in_the_preview(
    user_client, quiet_contact_with_markup
):
    page = user_client.get(reverse("digest_preview")).content.decode()

    assert PAYLOAD not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_plain_text_part_is_not_marked_safe_for_html(user, quiet_contact_with_markup):
    _subject, text, _html = render_digest(user, build_digest(user, timezone.localdate()))

    assert PAYLOAD in text  # the mail's text part carries the name as typed
    assert not isinstance(text, SafeData)
