"""The digest you act on: links to each person, one-tap log and not now, introductions due,
what you learned, what is coming up; the preview shows exactly what the mail shows."""

import datetime
import re
import time
from html import unescape

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from contacts.models import Introduction
from encounters.digest import build_digest, render_digest
from encounters.models import Plan, Snooze
from tests.factories import make_contact, make_encounter, make_introduction

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def week(user, today):
    anna = make_contact(user, "Anna Quiet", cadence_days=30)
    make_encounter(user, [anna], occurred_on=today - days(90), learned="Her plant in Porto")
    ben = make_contact(user, "Ben Seen")
    make_encounter(
        user, [ben], occurred_on=today - days(2), learned="Apprentices learn faster in pairs."
    )
    cem, dora = make_contact(user, "Cem Made"), make_contact(user, "Dora Made")
    make_introduction(
        user, cem, dora, status=Introduction.Status.MADE, made_on=today - days(200),
        follow_up_on=today + days(90), reason="Both rebuild mills.",
    )  # fmt: skip
    Plan.objects.create(owner=user, contact=ben, on=today + days(4), kind="meal")
    return {"anna": anna, "ben": ben}


def hrefs(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


def test_each_person_links_to_their_page_to_log_and_to_not_now(client, user, week, today):
    _subject, text, html = render_digest(user, build_digest(user, today))
    anna = week["anna"]
    page = f"http://127.0.0.1:8000/contacts/{anna.pk}/"

    links = hrefs(html)
    assert page in links and f"{page}#log-heading" in links
    [snooze] = [link for link in links if "/quiet/snooze/" in link]
    assert page in text and snooze in text

    # The one tap, from the mail, behind the login: Anna leaves the list and next week's digest.
    client.force_login(user)
    response = client.get(snooze.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert Snooze.objects.get(contact=anna).until == today + days(30)
    assert build_digest(user, today + days(7)).quiet == []


def test_it_lists_the_introductions_due_by_the_one_rule_with_why(user, week, today):
    _subject, text, html = render_digest(user, build_digest(user, today))

    assert "Cem Made ↔ Dora Made" in html
    assert "made a while ago, and no meeting recorded" in text


def test_it_says_what_you_learned_this_week_and_what_is_coming(user, week, today):
    digest = build_digest(user, today)
    _subject, text, html = render_digest(user, digest)

    assert [item.text for item in digest.learned] == ["Apprentices learn faster in pairs."]
    assert "What you learned this week" in html and "Apprentices learn faster in pairs." in text
    assert "Meal with Ben Seen" in html and "Meal with Ben Seen" in text
    assert "Here is your week in people." in text


def test_the_preview_shows_the_mail_footer_included(user_client, user, week, today, monkeypatch):
    # The mail's links are signed with the second they were made in: the preview and the mail are
    # made one after the other, so both are signed in the same (fixed) second.
    second = signing.b62_encode(int(time.time()))
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: second)
    preview = user_client.get(reverse("digest_preview")).content.decode()
    _subject, text, html = render_digest(user, build_digest(user, today))

    def visible(markup: str) -> str:
        body = markup.split('<div class="digest">', 1)[1]
        body = body.split("</section>", 1)[0].split("</body>", 1)[0]
        return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())

    assert visible(preview) == visible(html)
    assert "Turn off the digest" in visible(preview)
    assert "You get this mail once a week" in visible(preview)
    assert unescape(preview.split('class="card digest-text">', 1)[1].split("</pre>")[0]) == text


def test_the_digest_is_german_for_a_german_user(user, week, today):
    user.language = "de"
    user.save()

    _subject, text, html = render_digest(user, build_digest(user, today))

    assert "Hier ist deine Woche mit Menschen." in text
    assert "Was du diese Woche gelernt hast" in html
    assert "Jetzt nicht (einen Monat)" in text
