"""Talking CardDAV to the test client: Basic auth with an app password, XML bodies and answers."""

import base64
import xml.etree.ElementTree as ET

from exchange.keys import create_key
from exchange.models import AppPassword

NS = {"d": "DAV:", "card": "urn:ietf:params:xml:ns:carddav", "cs": "http://calendarserver.org/ns/"}


def app_password(user, name="Phone") -> str:
    _key, secret = create_key(user, name=name, kind=AppPassword.Kind.ADDRESS_BOOK)
    return secret


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


class Dav:
    """A CardDAV client on Django's test client, signed in as `username` with `password`."""

    def __init__(self, client, username: str, password: str):
        self.client = client
        self.auth = basic(username, password)
        self.book = f"/dav/addressbooks/{username}/contacts/"

    def request(self, method: str, path: str, body: str | bytes = b"", **headers):
        extra = {"HTTP_AUTHORIZATION": self.auth}
        extra.update({f"HTTP_{k.upper()}": v for k, v in headers.items()})
        content_type = extra.pop("HTTP_CONTENT_TYPE", "application/xml; charset=utf-8")
        return self.client.generic(method, path, body, content_type=content_type, **extra)

    def propfind(self, path: str, props: str = "<d:getetag/>", depth: str = "1"):
        body = f'<d:propfind xmlns:d="DAV:" xmlns:card="{NS["card"]}" xmlns:cs="{NS["cs"]}"><d:prop>{props}</d:prop></d:propfind>'
        return self.request("PROPFIND", path, body, depth=depth)

    def report(self, body: str):
        return self.request("REPORT", self.book, body, depth="1")

    def put(self, name: str, card: str, **headers):
        return self.request(
            "PUT", self.book + name, card.encode(), content_type="text/vcard", **headers
        )

    def etags(self) -> dict[str, str]:
        """href -> ETag of every card the address book lists."""
        root = ET.fromstring(self.propfind(self.book).content)
        found = {}
        for response in root.findall("d:response", NS):
            etag = response.find(".//d:getetag", NS)
            if etag is not None and etag.text:
                found[response.find("d:href", NS).text] = etag.text
        return found


def xml(response) -> ET.Element:
    return ET.fromstring(response.content)


def card_text(name: str, *, uid: str = "phone-card-1", extra: str = "") -> str:
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"UID:{uid}\r\nFN:{name}\r\nN:{name.split()[-1]};{name.split()[0]};;;\r\n"
        f"{extra}END:VCARD\r\n"
    )
