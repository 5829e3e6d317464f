import pytest
from django.urls import reverse
pytestmark = pytest.mark.django_db
def test_probe(user_client, user):
    r = user_client.post(reverse("settings"), {"first_name": "Alice", "email": "alice@example.org", "time_zone": "America/Sao_Paulo", "language": "de"})
    print("ERRORS", r.context["form"].errors.as_data())
