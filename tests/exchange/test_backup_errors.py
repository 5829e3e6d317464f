"""A backup with any error is refused as a whole, with messages naming the place of each error."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from contacts.models import (
    Contact,
    ContactAttribute,
    Dimension,
    ImportantDate,
    Introduction,
    Tie,
)
from encounters.models import Encounter, EncounterParticipant
from exchange.backup import BackupError, import_backup, read_backup, validate_backup
from exchange.problems import MAX_ERRORS
from tests.exchange.test_backup_import import sample_document

DEFAULT_DIMENSIONS = ["Industry", "Country/Culture", "Generation", "Hierarchy level", "Field"]


def assert_nothing_imported(user) -> None:
    for model in (Contact, ContactAttribute, ImportantDate, Tie, Encounter, Introduction):
        assert model.objects.for_user(user).count() == 0, model.__name__
    assert EncounterParticipant.objects.filter(encounter__owner=user).count() == 0
    assert (
        list(Dimension.objects.for_user(user).values_list("name", flat=True)) == DEFAULT_DIMENSIONS
    )


def rejected(user, document) -> list[str]:
    """The errors importing `document` gives; fails when it imports."""
    with pytest.raises(BackupError) as error:
        import_backup(user, document)
    assert_nothing_imported(user)
    assert validate_backup(document) == error.value.errors
    return error.value.errors


def test_it_accepts_the_sample_document():
    assert validate_backup(sample_document()) == []


def test_it_rejects_a_file_that_is_not_json():
    with pytest.raises(BackupError) as error:
        read_backup('{"format": "weitblick-backup",\n "version": 1,,}')
    assert error.value.errors == [
        "The file is not valid JSON: Expecting property name enclosed in double quotes "
        "at line 2, column 15"
    ]


def test_it_rejects_a_file_that_is_not_utf8():
    with pytest.raises(BackupError, match="not UTF-8"):
        read_backup(b'{"name": "\xff"}')


def test_it_rejects_a_document_that_is_not_an_object(user):
    assert rejected(user, ["weitblick-backup"]) == [
        "the document must be a JSON object, not a list"
    ]


def test_it_rejects_an_unknown_format(user):
    document = sample_document() | {"format": "vcard"}
    assert rejected(user, document) == ['format: expected "weitblick-backup", found "vcard"']


def test_it_rejects_a_newer_version(user):
    document = sample_document() | {"version": 2}
    assert rejected(user, document) == [
        "version: this Weitblick reads version 1; the file is version 2"
    ]


def test_it_rejects_a_version_that_is_not_a_number(user):
    document = sample_document() | {"version": "1"}
    assert rejected(user, document) == ['version: "1" is not a version number']


def test_it_rejects_a_list_that_is_not_a_list(user):
    document = sample_document() | {"encounters": {"e1": {}}}
    assert rejected(user, document) == ["encounters: must be a list, not an object"]


def test_it_rejects_a_contact_that_is_not_an_object(user):
    document = sample_document()
    document["contacts"].append("Bob")
    assert rejected(user, document) == ["contacts[3]: must be an object, not text"]


def test_it_rejects_a_missing_name(user):
    document = sample_document()
    del document["contacts"][1]["name"]
    assert rejected(user, document) == ["contacts[1].name: this field is missing"]


def test_it_rejects_text_of_the_wrong_type(user):
    document = sample_document()
    document["contacts"][0]["email"] = 42
    document["encounters"][1]["notes"] = ["a", "list"]
    assert rejected(user, document) == [
        "contacts[0].email: must be text, not a number",
        "encounters[1].notes: must be text, not a list",
    ]


def test_it_rejects_a_flag_that_is_not_true_or_false(user):
    document = sample_document()
    document["contacts"][2]["archived"] = "yes"
    assert rejected(user, document) == ['contacts[2].archived: must be true or false, not "yes"']


def test_it_rejects_attributes_that_are_not_an_object(user):
    document = sample_document()
    document["contacts"][0]["attributes"] = [["Industry", "Hardware"]]
    assert rejected(user, document) == ["contacts[0].attributes: must be an object, not a list"]


def test_it_rejects_a_participant_ref_that_points_nowhere(user):
    document = sample_document()
    document["encounters"][1]["participants"] = ["c1", "c99"]
    assert rejected(user, document) == ['encounters[1].participants[1]: no contact "c99"']


def test_it_rejects_a_met_through_ref_that_points_nowhere(user):
    document = sample_document()
    document["contacts"][0]["met_through"] = "c42"
    assert rejected(user, document) == ['contacts[0].met_through: no contact "c42"']


def test_it_rejects_tie_and_introduction_refs_that_point_nowhere(user):
    document = sample_document()
    document["ties"][0]["a"] = "x"
    document["introductions"][1]["b"] = "y"
    assert rejected(user, document) == [
        'ties[0].a: no contact "x"',
        'introductions[1].b: no contact "y"',
    ]


def test_it_rejects_a_ref_that_is_not_text(user):
    document = sample_document()
    document["contacts"][1]["ref"] = 2
    document["encounters"][0]["participants"] = [2]
    errors = rejected(user, document)
    assert 'contacts[1].ref: 2 is not a ref (a non-empty text like "c1")' in errors
    assert "encounters[0].participants[0]: 2 is not a ref" in errors


def test_it_rejects_duplicate_contact_refs(user):
    document = sample_document()
    document["contacts"][2]["ref"] = "c1"
    assert 'contacts[2].ref: the ref "c1" is already used by contacts[0]' in rejected(
        user, document
    )


def test_it_rejects_duplicate_encounter_refs(user):
    document = sample_document()
    document["encounters"][1]["ref"] = "e1"
    assert rejected(user, document) == [
        'encounters[1].ref: the ref "e1" is already used by encounters[0]'
    ]


def test_it_rejects_a_birthday_that_is_not_a_date(user):
    document = sample_document()
    document["contacts"][0]["birthday"] = "1979-13-01"
    document["contacts"][1]["birthday"] = "--02-30"
    document["contacts"][2]["birthday"] = "12.04.1979"
    assert rejected(user, document) == [
        'contacts[0].birthday: "1979-13-01" is not a date (YYYY-MM-DD or --MM-DD)',
        'contacts[1].birthday: "--02-30" is not a date (YYYY-MM-DD or --MM-DD)',
        'contacts[2].birthday: "12.04.1979" is not a date (YYYY-MM-DD or --MM-DD)',
    ]


def test_it_rejects_dates_that_are_not_dates(user):
    document = sample_document()
    document["encounters"][0]["occurred_on"] = "2026-02-30"
    document["encounters"][1]["follow_up_on"] = "20260316"
    document["introductions"][0]["made_on"] = "yesterday"
    document["contacts"][0]["important_dates"][1]["date"] = "2014-10-1"
    assert rejected(user, document) == [
        'contacts[0].important_dates[1].date: "2014-10-1" is not a date (YYYY-MM-DD)',
        'encounters[0].occurred_on: "2026-02-30" is not a date (YYYY-MM-DD)',
        'encounters[1].follow_up_on: "20260316" is not a date (YYYY-MM-DD)',
        'introductions[0].made_on: "yesterday" is not a date (YYYY-MM-DD)',
    ]


def test_it_rejects_a_time_that_is_not_a_time(user):
    document = sample_document()
    document["encounters"][1]["time"] = "25:00"
    assert rejected(user, document) == [
        'encounters[1].time: "25:00" is not a time (HH:MM or HH:MM:SS)'
    ]


def test_it_rejects_an_unknown_kind(user):
    document = sample_document()
    document["encounters"][1]["kind"] = "lunch"
    document["ties"][1]["kind"] = "enemy"
    errors = rejected(user, document)
    assert errors == [
        'ties[1].kind: "enemy" is not one of knows, colleague, friend, family',
        'encounters[1].kind: "lunch" is not one of coffee, meal, travel, event, office_visit, '
        "shop_floor, celebration, video_call, phone_call, message, other",
    ]


def test_it_rejects_an_unknown_status_outcome_views_or_channel(user):
    document = sample_document()
    document["encounters"][1]["views"] = "hostile"
    document["introductions"][0]["status"] = "done"
    document["introductions"][1]["outcome"] = "great"
    document["introductions"][1]["channel"] = "pigeon"
    assert rejected(user, document) == [
        'encounters[1].views: "hostile" is not one of agreed, mixed, differed',
        'introductions[0].status: "done" is not one of proposed, made, met, declined',
        'introductions[1].channel: "pigeon" is not one of in_person, email, message',
        'introductions[1].outcome: "great" is not one of pending, fruitful, neutral, did_not_fit',
    ]


@pytest.mark.parametrize("trust", [0, 6, 3.5, True, "4"])
def test_it_rejects_trust_outside_one_to_five(user, trust):
    document = sample_document()
    document["contacts"][0]["trust"] = trust
    assert rejected(user, document) == [
        f"contacts[0].trust: {json.dumps(trust)} is not a trust level (a whole number from 1 to 5)"
    ]


@pytest.mark.parametrize("cadence", [0, -7, 30.0, "30", 2**31])
def test_it_rejects_a_cadence_that_is_not_a_positive_integer(user, cadence):
    document = sample_document()
    document["contacts"][0]["cadence_days"] = cadence
    assert rejected(user, document) == [
        f"contacts[0].cadence_days: {json.dumps(cadence)} is not a positive whole number of days"
    ]


def test_it_rejects_a_tie_joining_a_contact_to_itself(user):
    document = sample_document()
    document["ties"][0]["b"] = "c2"
    assert rejected(user, document) == [
        'ties[0].b: a tie joins two different contacts, not "c2" to itself'
    ]


def test_it_rejects_an_introduction_of_a_contact_to_themselves(user):
    document = sample_document()
    document["introductions"][1]["a"] = "c1"
    assert rejected(user, document) == [
        'introductions[1].b: a contact cannot be introduced to themselves ("c1")'
    ]


def test_it_rejects_a_contact_met_through_themselves(user):
    document = sample_document()
    document["contacts"][1]["met_through"] = "c2"
    assert rejected(user, document) == [
        "contacts[1].met_through: a contact cannot be met through themselves"
    ]


def test_it_rejects_a_duplicate_tie_pair_in_either_direction(user):
    document = sample_document()
    document["ties"].append({"a": "c1", "b": "c2", "kind": "colleague"})
    assert rejected(user, document) == ['ties[2].b: "c1" and "c2" are already tied by ties[0]']


def test_it_rejects_an_outcome_before_the_contacts_have_met(user):
    document = sample_document()
    document["introductions"][1]["outcome"] = "fruitful"
    assert rejected(user, document) == [
        'introductions[1].outcome: an outcome other than "pending" needs status "met", not "made"'
    ]


def test_it_rejects_an_empty_name_reason_label_or_value(user):
    document = sample_document()
    document["contacts"][0]["name"] = ""
    document["contacts"][0]["attributes"]["Sport"] = ""
    document["contacts"][0]["important_dates"][0]["label"] = ""
    document["introductions"][0]["reason"] = ""
    document["dimensions"].append("")
    assert rejected(user, document) == [
        "dimensions[2]: must not be empty",
        "contacts[0].name: must not be empty",
        'contacts[0].attributes["Sport"]: must not be empty',
        "contacts[0].important_dates[0].label: must not be empty",
        "introductions[0].reason: must not be empty",
    ]


def test_it_rejects_a_null_name(user):
    document = sample_document()
    document["contacts"][0]["name"] = None
    assert rejected(user, document) == ["contacts[0].name: must not be null"]


def test_it_rejects_an_encounter_without_participants(user):
    document = sample_document()
    document["encounters"][0]["participants"] = []
    del document["encounters"][1]["participants"]
    assert rejected(user, document) == [
        "encounters[0].participants: an encounter needs at least one participant",
        "encounters[1].participants: this field is missing",
    ]


def test_it_rejects_a_participant_listed_twice(user):
    document = sample_document()
    document["encounters"][1]["participants"] = ["c1", "c3", "c1"]
    assert rejected(user, document) == [
        'encounters[1].participants[2]: contact "c1" is already listed'
    ]


def test_it_rejects_text_containing_a_nul_character(user):
    document = sample_document()
    document["contacts"][1]["notes"] = "before\x00after"
    document["dimensions"][0] = "Sp\x00rt"
    errors = rejected(user, document)
    assert errors[0] == "dimensions[0]: contains a NUL character, which cannot be stored"
    assert "contacts[1].notes: contains a NUL character, which cannot be stored" in errors


def test_it_rejects_text_with_an_unpaired_surrogate(user):
    document = json.loads(
        '{"format": "weitblick-backup", "version": 1, '
        '"contacts": [{"ref": "c1", "name": "\\ud800"}]}'
    )
    assert rejected(user, document) == [
        "contacts[0].name: contains an unpaired surrogate, which is not valid Unicode text"
    ]


def test_it_rejects_text_longer_than_the_field_allows(user):
    document = sample_document()
    document["contacts"][0]["name"] = "x" * 201
    document["contacts"][1]["city"] = "y" * 121
    document["encounters"][1]["location"] = "z" * 201
    document["contacts"][0]["attributes"]["Industry"] = "v" * 121
    assert rejected(user, document) == [
        "contacts[0].name: is 201 characters long; at most 200 are allowed",
        'contacts[0].attributes["Industry"]: is 121 characters long; at most 120 are allowed',
        "contacts[1].city: is 121 characters long; at most 120 are allowed",
        "encounters[1].location: is 201 characters long; at most 200 are allowed",
    ]


def test_it_accepts_text_exactly_as_long_as_the_field_allows(user):
    document = sample_document()
    document["contacts"][0]["name"] = "张" * 200
    import_backup(user, document)
    assert Contact.objects.for_user(user).filter(name="张" * 200).exists()


def test_it_rejects_an_attribute_of_a_dimension_not_listed(user):
    document = sample_document()
    document["contacts"][2]["attributes"]["Religion"] = "Buddhist"
    assert rejected(user, document) == [
        'contacts[2].attributes["Religion"]: this dimension is not listed in "dimensions"'
    ]


def test_it_rejects_a_dimension_listed_twice(user):
    document = sample_document()
    document["dimensions"].append("Sport")
    assert rejected(user, document) == ['dimensions[2]: "Sport" is already listed at dimensions[0]']


def test_it_collects_every_error_rather_than_stopping_at_the_first(user):
    document = sample_document()
    document["contacts"][0]["trust"] = 9
    document["encounters"][1]["participants"] = ["c404"]
    document["introductions"][0]["a"] = "c1000"
    assert rejected(user, document) == [
        "contacts[0].trust: 9 is not a trust level (a whole number from 1 to 5)",
        'encounters[1].participants[0]: no contact "c404"',
        'introductions[0].a: no contact "c1000"',
    ]


def test_it_stops_collecting_after_a_cap(user):
    document = sample_document()
    document["contacts"] = [{"ref": f"c{i}", "name": "", "trust": 0} for i in range(100)]
    errors = rejected(user, document)
    assert len(errors) == MAX_ERRORS + 1
    assert errors[-1] == f"… stopped after {MAX_ERRORS} errors; there may be more."


def test_it_imports_nothing_when_the_database_fails_halfway(user, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Encounter.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        import_backup(user, sample_document())
    assert_nothing_imported(user)


def test_the_command_prints_each_error_and_exits_non_zero(user, tmp_path):
    document = sample_document()
    document["contacts"][0]["birthday"] = "1979-13-01"
    document["encounters"][1]["participants"] = ["c1", "c99"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"Nothing was imported from .*broken.json \(2 errors\)"):
        call_command(
            "import_backup", str(path), "--user", "alice", stderr=err, stdout=io.StringIO()
        )
    assert err.getvalue().splitlines() == [
        'contacts[0].birthday: "1979-13-01" is not a date (YYYY-MM-DD or --MM-DD)',
        'encounters[1].participants[1]: no contact "c99"',
    ]
    assert_nothing_imported(user)


def test_the_command_reports_a_file_that_is_not_json(user, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"\(1 error\)"):
        call_command("import_backup", str(path), "--user", "alice", stderr=err)
    assert "The file is not valid JSON" in err.getvalue()
    assert_nothing_imported(user)


def test_the_command_reports_a_missing_file(user, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_backup", str(tmp_path / "nowhere.json"), "--user", "alice")


def test_the_command_refuses_an_account_with_contacts(user, tmp_path):
    Contact.objects.create(owner=user, name="Already here")
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(sample_document()), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_backup", str(path), "--user", "alice", stderr=err)
    assert "alice already has 1 contact." in err.getvalue()
    assert Contact.objects.for_user(user).count() == 1
