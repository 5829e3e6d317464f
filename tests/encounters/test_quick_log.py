"""The quick log: POST /encounters/log/ with htmx and without, undo, edit and delete."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from encounters.models import Encounter
from tests.factories import make_contact, make_encounter, quick_log_form

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


def _log(client, data, *, htmx=False):
    return client.post(reverse("encounters:log"), data, **(HTMX if htmx else {}))


def test_it_logs_with_htmx_and_sends_the_new_item_into_the_list(user_client, user):
    anna = make_contact(user, "Anna")

    response = _log(
        user_client, quick_log_form(participants=[anna.pk], location="Café Laumer"), htmx=True
    )

    encounter = Encounter.objects.get()
    assert encounter.owner == user
    assert list(encounter.participants.all()) == [anna]
    assert (encounter.kind, encounter.occurred_on, encounter.location) == (
        "coffee",
        _yesterday(),
        "Café Laumer",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'hx-swap-oob="afterbegin:#encounter-list"' in html
    assert f'id="encounter-{encounter.pk}"' in html


def test_it_answers_htmx_with_a_toast_to_undo_or_edit(user_client, user):
    anna = make_contact(user, "Anna")

    response = _log(user_client, quick_log_form(participants=[anna.pk]), htmx=True)

    encounter = Encounter.objects.get()
    html = response.content.decode()
    toast = html[html.index('<div id="toast"') :]
    assert 'hx-swap-oob="true"' in toast[: toast.index(">")]
    assert reverse("encounters:undo", args=[encounter.pk]) in toast
    assert reverse("encounters:edit", args=[encounter.pk]) + "?next=/contacts/" in toast
    assert "Undo" in toast and "Edit" in toast
    assert "Anna" in toast


def test_it_clears_the_form_after_logging_with_htmx(user_client, user):
    anna = make_contact(user, "Anna")

    response = _log(
        user_client,
        quick_log_form(participants=[anna.pk], notes="Talked about Lyon", new_people=["Dora"]),
        htmx=True,
    )

    html = response.content.decode()
    form_html = html[: html.index("hx-swap-oob")]
    assert 'name="client_key"' in form_html  # a fresh form (encounters/views.py, _fresh_form)
    assert 'name="participants"' not in form_html
    assert 'name="new_people"' not in form_html
    assert "Talked about Lyon" not in form_html
    assert Contact.objects.filter(owner=user, name="Dora").exists()


def test_it_keeps_the_preselected_contact_after_logging_on_their_page(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")

    response = _log(
        user_client,
        quick_log_form(participants=[anna.pk, ben.pk], preselect=str(anna.pk)),
        htmx=True,
    )

    html = response.content.decode()
    form_html = html[: html.index("hx-swap-oob")]
    assert f'name="participants" value="{anna.pk}"' in form_html
    assert f'name="participants" value="{ben.pk}"' not in form_html
    # The next log from the same form keeps Anna again.
    assert f'name="preselect" value="{anna.pk}"' in form_html


def test_the_new_items_edit_link_leads_back_to_the_page_it_was_logged_from(user_client, user):
    anna = make_contact(user, "Anna")

    response = _log(
        user_client, quick_log_form(participants=[anna.pk], next="/contacts/"), htmx=True
    )

    encounter = Encounter.objects.get()
    html = response.content.decode()
    item = html[html.index(f'id="encounter-{encounter.pk}"') :]
    item = item[: item.index("</li>")]
    assert reverse("encounters:edit", args=[encounter.pk]) + "?next=/contacts/" in item
    assert reverse("encounters:log") not in item


def test_it_redirects_to_next_without_htmx(user_client, user):
    anna = make_contact(user, "Anna")

    response = _log(user_client, quick_log_form(participants=[anna.pk], next="/contacts/"))

    assert response.status_code == 302
    assert response.url == "/contacts/"
    assert list(Encounter.objects.get().participants.all()) == [anna]


def test_it_never_redirects_to_another_site(user_client, user):
    anna = make_contact(user, "Anna")

    response = _log(
        user_client, quick_log_form(participants=[anna.pk], next="https://evil.example/")
    )

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert Encounter.objects.count() == 1


def test_it_only_accepts_post(user_client):
    assert user_client.get(reverse("encounters:log")).status_code == 405


def test_it_asks_who_was_there_and_keeps_what_was_typed(user_client, user):
    response = _log(
        user_client, quick_log_form(location="Café Laumer", notes="Long talk"), htmx=True
    )

    assert response.status_code == 200
    form = response.context_data["form"]
    assert "Who was there" in str(form.errors["who"])
    html = response.content.decode()
    assert "Who was there" in html[html.index('id="id_who"') :]
    assert 'value="Café Laumer"' in html
    assert "Long talk" in html
    assert "hx-swap-oob" not in html
    assert not Encounter.objects.exists()


def test_it_keeps_what_was_typed_when_the_date_is_in_the_future(user_client, user):
    anna = make_contact(user, "Anna")
    far = timezone.localdate() + datetime.timedelta(days=400)

    response = _log(
        user_client,
        quick_log_form(
            participants=[anna.pk], occurred_on=far.isoformat(), new_people=["Dora"], learned="Lyon"
        ),
        htmx=True,
    )

    assert response.status_code == 200
    assert "future" in str(response.context_data["form"].errors["occurred_on"])
    html = response.content.decode()
    assert f'value="{far.isoformat()}"' in html
    assert f'name="participants" value="{anna.pk}"' in html
    assert 'name="new_people" value="Dora"' in html
    assert "Lyon" in html
    assert not Encounter.objects.exists()
    assert not Contact.objects.filter(name="Dora").exists()


def test_it_shows_the_error_on_its_own_page_without_htmx(user_client, user):
    anna = make_contact(user, "Anna")
    far = timezone.localdate() + datetime.timedelta(days=400)

    response = _log(
        user_client, quick_log_form(participants=[anna.pk], occurred_on=far.isoformat())
    )

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "encounters/log_page.html"
    assert "<html" in response.content.decode()
    assert f'value="{far.isoformat()}"' in response.content.decode()
    assert not Encounter.objects.exists()


def test_it_refuses_a_contact_of_another_user_and_saves_nothing(user_client, user, other_user):
    anna = make_contact(user, "Anna")
    eve = make_contact(other_user, "Eve Secret")

    response = _log(
        user_client, quick_log_form(participants=[anna.pk, eve.pk], new_people=["Dora"]), htmx=True
    )

    assert response.status_code == 200
    assert "your own contacts" in str(response.context_data["form"].errors["participants"])
    html = response.content.decode()
    assert "Eve Secret" not in html
    assert f'name="participants" value="{anna.pk}"' in html
    assert not Encounter.objects.exists()
    assert not Contact.objects.filter(name="Dora").exists()


def test_typing_an_exact_name_picks_that_contact_without_javascript(user_client, user):
    anna = make_contact(user, "Anna Berg")
    make_contact(user, "Anna Bergmann")

    _log(user_client, quick_log_form(who="anna berg"))

    assert list(Encounter.objects.get().participants.all()) == [anna]


def test_typing_an_email_picks_that_contact(user_client, user):
    anna = make_contact(user, "Anna Berg", email="anna@example.org")

    _log(user_client, quick_log_form(who="ANNA@example.org"))

    assert list(Encounter.objects.get().participants.all()) == [anna]


def test_typing_several_names_separated_by_commas_picks_them_all(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")

    _log(user_client, quick_log_form(who="Anna, Ben", participants=[anna.pk]))

    assert set(Encounter.objects.get().participants.all()) == {anna, ben}


def test_typing_an_unknown_name_is_an_error_and_saves_nothing(user_client, user):
    make_contact(user, "Anna")

    response = _log(user_client, quick_log_form(who="Anna, Stranger in 14C"))

    assert response.status_code == 200
    assert "Stranger in 14C" in str(response.context_data["form"].errors["who"])
    assert 'value="Anna, Stranger in 14C"' in response.content.decode()
    assert not Encounter.objects.exists()
    assert not Contact.objects.filter(name="Stranger in 14C").exists()


def test_typing_an_unknown_name_creates_the_person_when_asked_to(user_client, user):
    anna = make_contact(user, "Anna")

    response = _log(user_client, quick_log_form(who="Anna, Stranger in 14C", create_missing="on"))

    assert response.status_code == 302
    stranger = Contact.objects.get(owner=user, name="Stranger in 14C")
    assert set(Encounter.objects.get().participants.all()) == {anna, stranger}


def test_typing_a_name_shared_by_two_contacts_asks_which_one(user_client, user):
    make_contact(user, "Anna", organisation="Siemens")
    make_contact(user, "Anna", organisation="Bosch")

    response = _log(user_client, quick_log_form(who="Anna"))

    assert "Several people" in str(response.context_data["form"].errors["who"])
    html = response.content.decode()
    assert "Siemens" in html and "Bosch" in html
    assert not Encounter.objects.exists()


def test_ticking_one_of_two_people_of_the_same_name_logs_with_that_one(user_client, user):
    make_contact(user, "Anna", organisation="Siemens")
    bosch = make_contact(user, "Anna", organisation="Bosch")

    # The form came back with "who" still holding the name and a box ticked for one of them.
    response = _log(user_client, quick_log_form(who="Anna", participants=[bosch.pk]))

    assert response.status_code == 302
    assert list(Encounter.objects.get().participants.all()) == [bosch]


def test_new_people_from_the_picker_become_contacts(user_client, user):
    anna = make_contact(user, "Anna")

    _log(
        user_client,
        quick_log_form(participants=[anna.pk], new_people=["Dora", "Emil Stranger"]),
        htmx=True,
    )

    created = Contact.objects.filter(owner=user).exclude(pk=anna.pk)
    assert sorted(created.values_list("name", flat=True)) == ["Dora", "Emil Stranger"]
    assert set(Encounter.objects.get().participants.all()) == {anna, *created}


def test_undo_removes_the_encounter_and_the_people_created_with_it(user_client, user):
    anna = make_contact(user, "Anna")
    response = _log(
        user_client, quick_log_form(participants=[anna.pk], new_people=["Dora"]), htmx=True
    )
    encounter = Encounter.objects.get()
    assert Contact.objects.filter(name="Dora").exists()

    response = user_client.post(reverse("encounters:undo", args=[encounter.pk]), **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Taken back" in html
    assert f'id="encounter-{encounter.pk}" hx-swap-oob="delete"' in html
    assert not Encounter.objects.exists()
    assert list(Contact.objects.filter(owner=user)) == [anna]


def test_undo_keeps_contacts_that_existed_before(user_client, user):
    anna = make_contact(user, "Anna")
    encounter = make_encounter(user, [anna])

    # Even when told that Anna came with it, she existed before and has her own history.
    make_encounter(user, [anna])
    user_client.post(
        reverse("encounters:undo", args=[encounter.pk]), {"created": [anna.pk]}, **HTMX
    )

    assert not Encounter.objects.filter(pk=encounter.pk).exists()
    assert Contact.objects.filter(pk=anna.pk).exists()


def test_undo_without_htmx_redirects(user_client, user):
    anna = make_contact(user, "Anna")
    encounter = make_encounter(user, [anna])

    response = user_client.post(
        reverse("encounters:undo", args=[encounter.pk]), {"next": "/contacts/"}
    )

    assert response.status_code == 302
    assert response.url == "/contacts/"
    assert not Encounter.objects.exists()
    assert Contact.objects.filter(pk=anna.pk).exists()


def test_the_edit_page_shows_the_encounter_with_its_people(user_client, user):
    anna = make_contact(user, "Anna")
    encounter = make_encounter(user, [anna], kind="meal", location="Kantine")

    response = user_client.get(
        reverse("encounters:edit", args=[encounter.pk]), {"next": "/contacts/"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="participants" value="{anna.pk}"' in html
    assert 'value="Kantine"' in html
    assert 'value="/contacts/"' in html


def test_editing_saves_the_changes_and_goes_back(user_client, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    encounter = make_encounter(user, [anna], kind="coffee")

    response = user_client.post(
        reverse("encounters:edit", args=[encounter.pk]),
        quick_log_form(
            kind="meal", participants=[ben.pk], planned="0", views="differed", next="/contacts/"
        ),
    )

    assert response.status_code == 302
    assert response.url == "/contacts/"
    encounter.refresh_from_db()
    assert (encounter.kind, encounter.planned, encounter.views) == ("meal", False, "differed")
    assert list(encounter.participants.all()) == [ben]


def test_editing_keeps_what_was_typed_on_an_error(user_client, user):
    anna = make_contact(user, "Anna")
    encounter = make_encounter(user, [anna], kind="coffee", notes="Before")
    far = timezone.localdate() + datetime.timedelta(days=30)

    response = user_client.post(
        reverse("encounters:edit", args=[encounter.pk]),
        quick_log_form(participants=[anna.pk], occurred_on=far.isoformat(), notes="After"),
    )

    assert response.status_code == 200
    assert "After" in response.content.decode()
    encounter.refresh_from_db()
    assert encounter.notes == "Before"


def test_deleting_asks_first(user_client, user):
    anna = make_contact(user, "Anna")
    encounter = make_encounter(user, [anna])

    response = user_client.get(reverse("encounters:delete", args=[encounter.pk]))

    assert response.status_code == 200
    assert "Anna" in response.content.decode()
    assert Encounter.objects.filter(pk=encounter.pk).exists()


def test_deleting_removes_the_encounter_but_keeps_the_people(user_client, user):
    anna = make_contact(user, "Anna")
    encounter = make_encounter(user, [anna])

    response = user_client.post(
        reverse("encounters:delete", args=[encounter.pk]), {"next": "/contacts/"}
    )

    assert response.status_code == 302
    assert response.url == "/contacts/"
    assert not Encounter.objects.exists()
    assert Contact.objects.filter(pk=anna.pk).exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [("edit", "get"), ("edit", "post"), ("delete", "get"), ("delete", "post"), ("undo", "post")],
)
def test_another_users_encounter_is_not_found(user_client, other_user, name, method):
    eve = make_contact(other_user, "Eve")
    encounter = make_encounter(other_user, [eve], notes="Secret")

    response = getattr(user_client, method)(
        reverse(f"encounters:{name}", args=[encounter.pk]), quick_log_form()
    )

    assert response.status_code == 404
    encounter.refresh_from_db()
    assert encounter.notes == "Secret"
    assert list(encounter.participants.all()) == [eve]


def test_the_encounter_list_shows_only_the_users_own_encounters(user_client, user, other_user):
    make_encounter(user, [make_contact(user, "Anna")])
    make_encounter(other_user, [make_contact(other_user, "Eve Secret")])

    response = user_client.get(reverse("encounters:list"))

    assert response.context["page"].paginator.count == 1
    assert "Anna" in response.content.decode()
    assert "Eve Secret" not in response.content.decode()
