"""vdirsyncer, a real CardDAV client, keeps a folder and the demo's address book in sync both ways.

The server is the live-server fixture (a real HTTP server on a port); vdirsyncer runs as its own
process, discovers the address book from /.well-known/carddav and syncs with a local folder.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import vobject

from contacts.models import Contact
from devdata.management.commands.load_demo import DEMO_FILE
from exchange.backup import import_backup
from exchange.formats.vcard_mapping import TRUST
from tests.factories import make_user
from tests.sync.helpers import app_password

pytestmark = pytest.mark.django_db(transaction=True)


class Vdirsyncer:
    def __init__(self, tmp_path: Path, url: str, username: str, password: str):
        self.folder = tmp_path / "contacts"
        self.config = tmp_path / "config"
        self.config.write_text(
            f"""
[general]
status_path = "{tmp_path / "status"}/"

[pair book]
a = "weitblick"
b = "folder"
collections = ["from a"]
conflict_resolution = "a wins"

[storage weitblick]
type = "carddav"
url = "{url}/.well-known/carddav"
username = "{username}"
password = "{password}"

[storage folder]
type = "filesystem"
path = "{self.folder}/"
fileext = ".vcf"
"""
        )

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "vdirsyncer", "-c", str(self.config), "-v", "info", *args],
            input="y\n" * 5,
            capture_output=True,
            text=True,
            timeout=180,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, output
        assert "error" not in output.lower(), output
        return output

    def cards(self) -> dict[str, vobject.base.Component]:
        """The folder's cards by their full name."""
        found = {}
        for path in (self.folder / "contacts").glob("*.vcf"):
            card = vobject.readOne(path.read_text())
            found[card.fn.value] = (path, card)
        return found


@pytest.fixture
def synced(live_server, tmp_path):
    """The demo network in the demo's account, synced once into an empty folder."""
    demo = make_user("demo")
    import_backup(demo, json.loads(DEMO_FILE.read_text(encoding="utf-8")))
    client = Vdirsyncer(tmp_path, live_server.url, "demo", app_password(demo, "vdirsyncer"))
    client.run("discover")
    client.run("sync")
    return demo, client


def test_the_first_sync_brings_every_active_contact_and_a_second_transfers_nothing(synced):
    demo, client = synced
    cards = client.cards()
    active = Contact.objects.for_user(demo).active()
    archived = Contact.objects.for_user(demo).archived().values_list("name", flat=True)
    assert len(cards) == active.count() > 50
    assert sorted(cards) == sorted(active.values_list("name", flat=True))
    assert not set(cards) & set(archived)
    for contact in active.exclude(email=""):
        _path, card = cards[contact.name]
        assert card.email.value == contact.email
        if contact.trust is not None:
            assert card.contents[TRUST.lower()][0].value == str(contact.trust)

    output = client.run("sync")
    assert "Copying" not in output and "Deleting" not in output, output


def test_changes_made_in_the_folder_arrive_in_weitblick(synced):
    demo, client = synced
    contacts = Contact.objects.for_user(demo).active().exclude(role="").order_by("id")
    edited, deleted = contacts[0], contacts[1]
    cards = client.cards()
    path = cards[edited.name][0]
    path.write_text(re.sub(r"(?m)^TITLE:.*$", "TITLE:Head of night shift", path.read_text()))
    cards[deleted.name][0].unlink()
    (client.folder / "contacts" / "new-person.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:new-person-1\r\nFN:Nora Neu\r\n"
        "N:Neu;Nora;;;\r\nEMAIL:nora@example.org\r\nEND:VCARD\r\n"
    )
    count = Contact.objects.for_user(demo).count()

    client.run("sync")
    client.run("sync")

    edited.refresh_from_db()
    deleted.refresh_from_db()
    assert edited.role == "Head of night shift"
    assert deleted.archived
    nora = Contact.objects.for_user(demo).get(name="Nora Neu")
    assert nora.email == "nora@example.org"
    assert Contact.objects.for_user(demo).count() == count + 1
    names = [vobject.readOne(p.read_text()).fn.value for p in client.folder.glob("*/*.vcf")]
    assert sorted(names) == sorted(
        Contact.objects.for_user(demo).active().values_list("name", flat=True)
    )


def test_changes_made_in_weitblick_arrive_in_the_folder(synced):
    demo, client = synced
    edited, archived = Contact.objects.for_user(demo).active().order_by("id")[:2]
    edited.phone = "+49 30 1234567"
    edited.save()
    archived.archived = True
    archived.save()

    client.run("sync")

    cards = client.cards()
    assert cards[edited.name][1].tel.value == "+49 30 1234567"
    assert archived.name not in cards
