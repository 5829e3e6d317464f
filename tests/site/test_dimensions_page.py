"""Choosing the dimensions: rename, remove (with their values), add; names stay unique."""

import pytest
from django.urls import reverse

from contacts.models import ContactAttribute, Dimension
from tests.factories import make_attribute, make_contact

pytestmark = pytest.mark.django_db

URL = reverse("dimensions")


def rows(user):
    return list(Dimension.objects.for_user(user).order_by("position", "id"))


def post(client, user, changes=None, deleted=(), new=""):
    """The form as shown, with names changed, some rows ticked for removal and a new name."""
    changes = changes or {}
    dimensions = rows(user)
    data = {
        "dimensions-TOTAL_FORMS": str(len(dimensions) + 1),
        "dimensions-INITIAL_FORMS": str(len(dimensions)),
    }
    for i, dimension in enumerate(dimensions):
        data[f"dimensions-{i}-id"] = str(dimension.pk)
        data[f"dimensions-{i}-name"] = changes.get(dimension.name, dimension.name)
        if dimension.name in deleted:
            data[f"dimensions-{i}-DELETE"] = "on"
    data[f"dimensions-{len(dimensions)}-id"] = ""
    data[f"dimensions-{len(dimensions)}-name"] = new
    return client.post(URL, data)


def test_it_shows_the_five_defaults_and_explains_them(user_client):
    page = user_client.get(URL)
    html = page.content.decode()

    assert [f.instance.name for f in page.context["formset"].forms[:5]] == [
        "Industry", "Country/Culture", "Generation", "Hierarchy level", "Field",
    ]  # fmt: skip
    assert "Why these five" in html
    assert "From the shop floor to the board" in html


def test_it_renames_and_keeps_the_values(user_client, user):
    anna = make_contact(user, "Anna")
    make_attribute(anna, "Field", "Engineering")

    response = post(user_client, user, changes={"Field": "Profession"})

    assert response.status_code == 302
    assert [d.name for d in rows(user)][-1] == "Profession"
    assert ContactAttribute.objects.get(contact=anna).dimension.name == "Profession"
    user.refresh_from_db()
    assert user.dimensions_chosen_at is not None


def test_it_removes_a_dimension_and_its_values(user_client, user):
    anna = make_contact(user, "Anna")
    make_attribute(anna, "Generation", "Gen X")
    page = user_client.get(URL).content.decode()
    assert "and the value 1 contact has on it" in page

    post(user_client, user, deleted=("Generation",))

    assert "Generation" not in [d.name for d in rows(user)]
    assert not ContactAttribute.objects.filter(contact=anna).exists()


def test_it_adds_one_at_the_end(user_client, user):
    post(user_client, user, new="Languages")

    assert [d.name for d in rows(user)][-1] == "Languages"
    assert rows(user)[-1].owner == user


def test_two_dimensions_cannot_share_a_name(user_client, user):
    response = post(user_client, user, new="industry")

    assert response.status_code == 200
    assert "already" in response.content.decode()
    assert len(rows(user)) == 5
    user.refresh_from_db()
    assert user.dimensions_chosen_at is None


def test_a_blank_name_is_refused_and_nothing_changes(user_client, user):
    response = post(user_client, user, changes={"Industry": "", "Field": "Profession"})

    assert response.status_code == 200
    assert "Give it a name" in response.content.decode()
    assert [d.name for d in rows(user)][-1] == "Field"


def test_another_users_dimension_cannot_be_renamed(user_client, user, other_user):
    theirs = Dimension.objects.for_user(other_user).first()
    data = {
        "dimensions-TOTAL_FORMS": "1",
        "dimensions-INITIAL_FORMS": "1",
        "dimensions-0-id": str(theirs.pk),
        "dimensions-0-name": "Hacked",
    }

    response = user_client.post(URL, data)

    assert response.status_code == 200
    theirs.refresh_from_db()
    assert theirs.name == "Industry"


def test_the_page_makes_a_fixed_number_of_queries(user_client, user, django_assert_max_num_queries):
    for n in range(30):
        make_attribute(make_contact(user, f"P{n}"), "Industry", f"I{n}")
    with django_assert_max_num_queries(6):
        user_client.get(URL)


def test_the_values_in_use_appear_once_in_the_page_and_not_in_its_title(user_client, user):
    make_attribute(make_contact(user), "Industry", "Banking")
    content = user_client.get(URL).content.decode()
    title = content.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and "Values in use" not in title
    assert content.count('id="values-heading"') == 1
