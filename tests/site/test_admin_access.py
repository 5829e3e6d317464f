"""Only staff reach the admin; for a superuser every registered model's pages render."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from contacts.models import (
    Contact,
    ContactAttribute,
    Dimension,
    ImportantDate,
    Introduction,
    NetworkSnapshot,
    Tie,
)
from crm.models import Invitation, User
from encounters.models import DigestDelivery, Encounter
from exchange.models import ImportJob
from tests.factories import (
    make_attribute,
    make_contact,
    make_encounter,
    make_important_date,
    make_introduction,
    make_tie,
    make_user,
)

pytestmark = pytest.mark.django_db

PROTECTED_PATHS = ["/admin/", "/admin/contacts/introduction/"]

# Our own models and Django's accounts; django-axes brings and tests its own admin.
REGISTERED_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label != "axes"),
    key=lambda model: model._meta.label,
)


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def one_of_each(admin_user):
    """A saved row of every registered model, so list columns and change forms have data."""
    owner = make_user("owner")
    ada = make_contact(owner, "Ada")
    grace = make_contact(owner, "Grace", met_through=ada)
    group = Group.objects.create(name="Reviewers")
    return {
        User: owner,
        Group: group,
        Contact: grace,
        Dimension: Dimension.objects.for_user(owner).first(),
        ContactAttribute: make_attribute(ada, "Industry", "Energy"),
        Tie: make_tie(owner, ada, grace),
        ImportantDate: make_important_date(grace),
        Introduction: make_introduction(
            owner, ada, grace, status=Introduction.Status.MADE, made_on=datetime.date(2024, 5, 2)
        ),
        Encounter: make_encounter(owner, [ada, grace], location="Hamburg"),
        DigestDelivery: DigestDelivery.objects.create(owner=owner, iso_year=2026, iso_week=48),
        NetworkSnapshot: NetworkSnapshot.objects.create(
            owner=owner, status="done", report={"clusters": []}
        ),
        ImportJob: ImportJob.objects.create(owner=owner, format="vcard", filename="cards.vcf"),
        Invitation: Invitation.objects.create(
            email="lea@example.org",
            invited_by=admin_user,
            token_hash="0" * 64,
            expires_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
        ),
    }


@pytest.mark.parametrize("path", PROTECTED_PATHS)
def test_it_sends_a_non_staff_user_to_the_admin_login(client, user, path):
    client.force_login(user)

    response = client.get(path)

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("admin:login")


@pytest.mark.parametrize("path", PROTECTED_PATHS)
def test_it_does_not_show_a_non_staff_user_any_introduction(client, user, path):
    introducer = make_user("introducer")
    make_introduction(
        introducer, make_contact(introducer, "Ada"), make_contact(introducer, "Grace")
    )
    client.force_login(user)

    response = client.get(path, follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("admin:login"))
    assert "cl" not in response.context
    assert b"Grace" not in response.content


@pytest.mark.parametrize("path", PROTECTED_PATHS)
def test_it_sends_an_anonymous_visitor_to_a_login_page(client, path):
    response = client.get(path)

    assert response.status_code == 302
    # The site-wide LoginRequiredMiddleware answers first with the site's login page;
    # either way the visitor must log in and never sees the changelist.
    assert urlsplit(response["Location"]).path in {reverse("login"), reverse("admin:login")}


def test_it_refuses_an_anonymous_post_to_an_admin_action(client):
    introducer = make_user("introducer")
    introduction = make_introduction(
        introducer, make_contact(introducer, "Ada"), make_contact(introducer, "Grace")
    )

    response = client.post(
        admin_url(Introduction, "changelist"),
        {"action": "mark_reviewed", "_selected_action": [introduction.pk]},
    )

    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.reviewed_at is None


def test_it_lets_a_staff_user_in(client):
    staff = make_user("reviewer", is_staff=True)
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_it_renders_the_changelist_of_every_model_for_a_superuser(admin_client, one_of_each, model):
    response = admin_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) >= 1


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_it_renders_the_add_page_of_every_model_for_a_superuser(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))

    # Rows the system writes itself (digest deliveries, network snapshots) cannot be added by hand.
    addable = admin.site._registry[model].has_add_permission(response.wsgi_request)
    assert response.status_code == (200 if addable else 403)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=lambda model: model._meta.label)
def test_it_renders_the_change_page_of_every_model_for_a_superuser(
    admin_client, one_of_each, model
):
    response = admin_client.get(admin_url(model, "change", one_of_each[model].pk))

    assert response.status_code == 200


def test_every_model_of_the_project_is_registered():
    project_models = {Contact, ContactAttribute, Dimension, ImportantDate, Introduction, Tie}
    project_models |= {Encounter, User}

    assert project_models <= set(admin.site._registry)


def test_it_adds_a_user_with_a_time_zone_and_a_language(admin_client):
    response = admin_client.post(
        admin_url(User, "add"),
        {
            "username": "jonas",
            "usable_password": "true",
            "password1": "a-long-enough-pass-phrase",
            "password2": "a-long-enough-pass-phrase",
            "time_zone": "America/Sao_Paulo",
            "language": "de",
        },
    )

    assert response.status_code == 302
    jonas = User.objects.get(username="jonas")
    assert (jonas.time_zone, jonas.language) == ("America/Sao_Paulo", "de")
    assert jonas.check_password("a-long-enough-pass-phrase")


def test_it_shows_each_users_language_and_time_zone(admin_client, admin_user):
    response = admin_client.get(admin_url(User, "changelist"))

    assert {"language", "time_zone"} <= set(response.context["cl"].list_display)
    assert admin_user in response.context["cl"].result_list
