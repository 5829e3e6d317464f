"""The "Phones and scripts" page makes app passwords and tokens (shown once), lists and revokes them."""

from django.core.management import call_command

from exchange.models import AppPassword, hash_secret
from tests.factories import make_user


def test_a_new_app_password_is_shown_once_and_stored_hashed(user_client, user):
    response = user_client.post(
        "/settings/keys/", {"name": "iPhone", "kind": "carddav"}, follow=True
    )
    key = AppPassword.objects.for_user(user).get()
    secret = response.context["fresh"]["secret"]
    assert key.secret_hash == hash_secret(secret) != secret
    assert (key.name, key.kind) == ("iPhone", "carddav")
    assert secret in response.content.decode()
    again = user_client.get("/settings/keys/")
    assert secret not in again.content.decode()
    assert "iPhone" in again.content.decode()


def test_a_key_is_revoked_from_the_page(user_client, user):
    user_client.post("/settings/keys/", {"name": "Old phone", "kind": "carddav"})
    key = AppPassword.objects.for_user(user).get()
    response = user_client.post(f"/settings/keys/{key.pk}/revoke/")
    assert response.status_code == 302
    assert not AppPassword.objects.filter(pk=key.pk).exists()


def test_another_persons_key_cannot_be_revoked(user_client, user):
    mallory = make_user("mallory")
    user_client.logout()
    user_client.force_login(mallory)
    user_client.post("/settings/keys/", {"name": "Mallory's", "kind": "api_read"})
    key = AppPassword.objects.for_user(mallory).get()
    user_client.force_login(user)
    assert user_client.post(f"/settings/keys/{key.pk}/revoke/").status_code == 404
    assert AppPassword.objects.filter(pk=key.pk).exists()
    assert "Mallory" not in user_client.get("/settings/keys/").content.decode()


def test_a_key_needs_a_name(user_client, user):
    response = user_client.post("/settings/keys/", {"name": "  ", "kind": "carddav"})
    assert response.status_code == 200
    assert not AppPassword.objects.for_user(user).exists()


def test_the_commands_print_a_working_secret_once(user, capsys):
    call_command("create_app_password", user=user.username, name="Laptop")
    secret = capsys.readouterr().out.strip()
    call_command("create_api_token", user=user.username, name="Script", read_only=True)
    token = capsys.readouterr().out.strip()
    kinds = dict(AppPassword.objects.for_user(user).values_list("secret_hash", "kind"))
    assert kinds == {hash_secret(secret): "carddav", hash_secret(token): "api_read"}
