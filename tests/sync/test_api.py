"""The REST API: tokens, ownership, the same actions as the pages, paging and fixed query counts."""

import datetime
import uuid

import pytest

from contacts.models import Contact, Introduction
from encounters.models import Encounter
from exchange.keys import create_key
from tests.factories import make_contact, make_encounter, make_introduction, make_user


def _token(user, kind="api_write") -> str:
    return create_key(user, name="Script", kind=kind)[1]


class Api:
    def __init__(self, client, token: str):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    def get(self, path: str, **params):
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path: str, data: dict):
        return self.client.post(
            f"/api/v1{path}", data, content_type="application/json", **self.headers
        )

    def patch(self, path: str, data: dict):
        return self.client.patch(
            f"/api/v1{path}", data, content_type="application/json", **self.headers
        )


@pytest.fixture
def api(client, user):
    return Api(client, _token(user))


def test_without_a_token_or_with_a_wrong_one_the_api_answers_401(client, user):
    assert client.get("/api/v1/contacts").status_code == 401
    assert Api(client, "wbk_wrong").get("/contacts").status_code == 401
    address_book_password = create_key(user, name="Phone", kind="carddav")[1]
    assert Api(client, address_book_password).get("/contacts").status_code == 401


def test_a_session_does_not_open_the_api(user_client):
    assert user_client.get("/api/v1/contacts").status_code == 401


def test_a_read_only_token_reads_but_cannot_write(client, user):
    api = Api(client, _token(user, "api_read"))
    make_contact(user, "Anna")
    assert api.get("/contacts").json()["count"] == 1
    response = api.post("/contacts", {"name": "Ben"})
    assert response.status_code == 403
    assert response.json() == {"detail": "This token can only read."}
    assert not Contact.objects.filter(name="Ben").exists()


def test_the_contact_list_pages_and_filters_like_the_page(api, user):
    for name in ["Anna Schmidt", "Ben Okafor", "Carla Schmidt"]:
        make_contact(user, name)
    make_contact(user, "Dora Schmidt", archived=True)
    body = api.get("/contacts", q="schmidt", page_size=1, page=2).json()
    assert (body["count"], [c["name"] for c in body["items"]]) == (2, ["Carla Schmidt"])
    archived = api.get("/contacts", status="archived").json()
    assert [c["name"] for c in archived["items"]] == ["Dora Schmidt"]


def test_a_contact_is_created_changed_and_archived(api, user):
    anna = make_contact(user, "Anna")
    created = api.post(
        "/contacts",
        {
            "name": "Ben",
            "email": "ben@example.org",
            "birthday": "--02-29",
            "met_through_id": anna.pk,
        },
    )
    assert created.status_code == 201
    ben = Contact.objects.for_user(user).get(pk=created.json()["id"])
    assert (ben.email, ben.birthday.isoformat(), ben.met_through) == (
        "ben@example.org",
        "--02-29",
        anna,
    )
    changed = api.patch(f"/contacts/{ben.pk}", {"role": "Engineer", "trust": 4})
    assert changed.json()["email"] == "ben@example.org"
    ben.refresh_from_db()
    assert (ben.role, ben.trust, ben.email) == ("Engineer", 4, "ben@example.org")
    assert api.post(f"/contacts/{ben.pk}/archive", {}).json()["archived"] is True


def test_bad_values_are_400_or_422_never_500(api, user):
    assert api.post("/contacts", {"name": ""}).status_code == 422
    assert api.post("/contacts", {"name": "A\x00B"}).status_code == 422
    assert api.post("/contacts", {"name": "A", "birthday": "2023-02-30"}).status_code == 400
    assert api.post("/contacts", {"name": "A", "trust": 9}).status_code == 422
    assert api.get("/contacts/99999999999999999999").status_code == 422
    assert api.get("/encounters", since="not a date").status_code == 422
    assert Contact.objects.for_user(user).count() == 0


def test_an_encounter_logged_twice_with_its_key_is_stored_once(api, user):
    anna = make_contact(user, "Anna")
    key = str(uuid.uuid4())
    payload = {
        "kind": "coffee",
        "participants": [anna.pk],
        "new_people": ["Stranger in 14C"],
        "time": "08:30",
        "client_key": key,
    }
    first = api.post("/encounters", payload)
    again = api.post("/encounters", payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Encounter.objects.for_user(user).count() == 1
    assert Contact.objects.for_user(user).filter(name="Stranger in 14C").count() == 1
    assert first.json()["time"] == "08:30:00"


def test_encounters_are_listed_by_contact_and_date(api, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    make_encounter(user, [anna], occurred_on=datetime.date(2026, 1, 5))
    make_encounter(user, [ben], occurred_on=datetime.date(2026, 2, 5))
    with_anna = api.get("/encounters", contact=anna.pk).json()
    assert [e["participant_ids"] for e in with_anna["items"]] == [[anna.pk]]
    february = api.get("/encounters", since="2026-02-01", until="2026-02-28").json()
    assert [e["occurred_on"] for e in february["items"]] == ["2026-02-05"]


def test_list_endpoints_take_the_same_queries_for_more_rows(
    api, user, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            contact = make_contact(user)
            make_encounter(user, [contact, make_contact(user)])

    add(3)
    api.get("/contacts")  # the token's first use is recorded once
    with django_assert_max_num_queries(10) as few:
        api.get("/contacts")
        api.get("/encounters")
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        api.get("/contacts")
        api.get("/encounters")


def test_an_introduction_is_made_and_moved_on(api, user):
    anna, ben = make_contact(user, "Anna"), make_contact(user, "Ben")
    made = api.post(
        "/introductions", {"a_id": anna.pk, "b_id": ben.pk, "reason": "Both build grids."}
    )
    assert made.status_code == 201
    step = api.post(f"/introductions/{made.json()['id']}/steps", {"status": "met"})
    assert step.json()["status"] == "met"
    wrong = api.post(f"/introductions/{made.json()['id']}/steps", {"status": "proposed"})
    assert wrong.status_code == 400
    assert Introduction.objects.for_user(user).get().status == "met"


def test_the_network_report_is_404_until_one_is_computed(api):
    assert api.get("/network").status_code == 404


def test_gone_quiet_lists_the_overdue(api, user):
    anna = make_contact(user, "Anna", cadence_days=7)
    make_encounter(user, [anna], occurred_on=datetime.date.today() - datetime.timedelta(days=60))
    assert [q["name"] for q in api.get("/quiet").json()] == ["Anna"]


def test_another_persons_rows_are_404_on_every_endpoint_and_absent_from_lists(client, user):
    mallory = make_user("mallory")
    eve, fred = make_contact(mallory, "Eve"), make_contact(mallory, "Fred")
    encounter = make_encounter(mallory, [eve])
    introduction = make_introduction(mallory, eve, fred)
    api = Api(client, _token(user))
    for path in [f"/contacts/{eve.pk}", f"/encounters/{encounter.pk}"]:
        assert api.get(path).status_code == 404
    assert api.patch(f"/contacts/{eve.pk}", {"name": "Mine"}).status_code == 404
    assert api.post(f"/contacts/{eve.pk}/archive", {}).status_code == 404
    assert api.post(f"/introductions/{introduction.pk}/steps", {"note": "x"}).status_code == 404
    assert (
        api.post("/introductions", {"a_id": eve.pk, "b_id": fred.pk, "reason": "x"}).status_code
        == 404
    )
    assert api.post("/contacts", {"name": "Ben", "met_through_id": eve.pk}).status_code == 404
    assert api.post("/encounters", {"kind": "coffee", "participants": [eve.pk]}).status_code == 400
    for path in ["/contacts", "/encounters", "/introductions"]:
        assert api.get(path).json()["count"] == 0
    assert api.get("/quiet").json() == []
    eve.refresh_from_db()
    assert (eve.name, eve.archived) == ("Eve", False)
    assert Contact.objects.for_user(user).count() == 0


def test_the_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Weitblick API"
    assert "/api/v1/encounters" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_a_body_that_is_no_object_and_a_date_that_is_a_number_are_refused(api, user):
    anna = make_contact(user, "Anna", email="anna@example.org")
    response = api.client.patch(
        f"/api/v1/contacts/{anna.pk}",
        "[null, null]",
        content_type="application/json",
        **api.headers,
    )
    assert response.status_code == 422
    assert (
        api.post(
            "/encounters", {"kind": "coffee", "participants": [anna.pk], "follow_up_on": 0}
        ).status_code
        == 422
    )
    assert api.get("/encounters", until="0").status_code == 422
    anna.refresh_from_db()
    assert anna.email == "anna@example.org"


def test_a_nul_in_the_address_is_a_json_400(api):
    response = api.client.get("/api/v1/contacts?q=%00", **api.headers)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "NUL" in response.json()["detail"]
