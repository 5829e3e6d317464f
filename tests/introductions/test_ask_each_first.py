"""Ask each first: the introduction waits for both yeses, and a no declines it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from contacts.introductions.actions import make_introduction, record_answer, record_step
from contacts.models import Introduction, IntroductionEvent
from tests.factories import make_contact

pytestmark = pytest.mark.django_db

Status, Answer = Introduction.Status, Introduction.Answer


@pytest.fixture
def asked(user):
    ingrid = make_contact(user, "Ingrid Svensson", email="ingrid@example.org")
    finn = make_contact(user, "Finn Schuster", email="finn@example.org")
    return make_introduction(
        user=user, a=ingrid, b=finn, reason="You both fight with welding robots.", ask_first=True
    )


def test_asking_first_starts_as_a_proposal_waiting_for_both(asked):
    assert asked.status == Status.PROPOSED
    assert asked.waiting_for_answers


def test_it_cannot_be_made_before_both_said_yes(asked):
    record_answer(asked, side="a", answer=Answer.YES)

    with pytest.raises(ValidationError, match="record both yeses"):
        record_step(asked, status=Status.MADE)

    asked.refresh_from_db()
    assert asked.status == Status.PROPOSED


def test_two_yeses_let_it_be_made_and_the_history_keeps_both(asked):
    record_answer(asked, side="a", answer=Answer.YES)
    record_answer(asked, side="b", answer=Answer.YES)

    made = record_step(asked, status=Status.MADE)

    assert made.status == Status.MADE and made.both_said_yes
    notes = list(
        IntroductionEvent.objects.filter(introduction=asked).values_list("note", flat=True)
    )
    assert "Ingrid Svensson said yes." in notes and "Finn Schuster said yes." in notes


def test_a_no_declines_it_and_ends_the_follow_up(asked):
    declined = record_answer(asked, side="b", answer=Answer.NO)

    assert (declined.status, declined.b_answer, declined.follow_up_on) == (
        Status.DECLINED,
        Answer.NO,
        None,
    )
    with pytest.raises(ValidationError):
        record_answer(declined, side="a", answer=Answer.YES)


def test_an_introduction_made_without_asking_takes_no_answers(user):
    a, b = make_contact(user, "A"), make_contact(user, "B")
    intro = make_introduction(user=user, a=a, b=b, reason="Chess.")
    with pytest.raises(ValidationError):
        record_answer(intro, side="a", answer=Answer.YES)


def test_the_form_asks_first_and_the_card_takes_the_answers(user_client, user):
    make_contact(user, "Ingrid Svensson")
    make_contact(user, "Finn Schuster")
    response = user_client.post(
        reverse("introductions:new"),
        {
            "first": "Ingrid Svensson",
            "second": "Finn Schuster",
            "reason": "You both fight with welding robots.",
            "channel": "email",
            "ask_first": "on",
        },
    )
    intro = Introduction.objects.for_user(user).get()
    assert response.status_code == 302
    assert (intro.status, intro.ask_first) == (Status.PROPOSED, True)

    page = user_client.get(reverse("introductions:detail", args=[intro.pk])).content.decode()
    assert "Ingrid Svensson said yes" in page  # the button
    assert "Mark as made" not in page
    assert "Would you like to meet Finn Schuster?" in page  # the question to Ingrid, ready

    answer = reverse("introductions:answer", args=[intro.pk])
    user_client.post(answer, {"side": "a", "answer": "yes"}, HTTP_HX_REQUEST="true")
    card = user_client.post(
        answer, {"side": "b", "answer": "yes"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Mark as made" in card
    bad = user_client.post(answer, {"side": "c", "answer": "maybe"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200 and "non-field-errors" in bad.content.decode()
    intro.refresh_from_db()
    assert (intro.a_answer, intro.b_answer) == (Answer.YES, Answer.YES)
