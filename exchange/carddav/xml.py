"""WebDAV XML: reading PROPFIND and REPORT bodies, writing multistatus answers."""

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALENDARSERVER = "http://calendarserver.org/ns/"
ET.register_namespace("d", DAV)
ET.register_namespace("card", CARDDAV)
ET.register_namespace("cs", CALENDARSERVER)


def tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


class BadRequestBody(ValueError):
    """A body that is no XML, or not the XML the method expects."""


def parse(body: bytes) -> ET.Element | None:
    """The root element of an XML body, None for an empty body."""
    if not body.strip():
        return None
    # No document type: entity tricks (billion laughs, external entities) have nowhere to hide.
    if b"<!DOCTYPE" in body[:4096].upper() or b"<!ENTITY" in body.upper():
        raise BadRequestBody("document type declarations are not accepted")
    try:
        return ET.fromstring(body)
    except ET.ParseError as error:
        raise BadRequestBody(f"not well-formed XML: {error}") from None


@dataclass
class PropRequest:
    """Which properties a PROPFIND or REPORT asks for: names, all of them, or only their names."""

    names: list[str] = field(default_factory=list)
    all: bool = False
    names_only: bool = False
    # <card:address-data content-type="text/vcard" version="4.0"/>
    vcard_version: str = ""


def prop_request(root: ET.Element | None) -> PropRequest:
    """What a PROPFIND (or a REPORT's <prop>) asks for; an empty body asks for all (RFC 4918)."""
    if root is None:
        return PropRequest(all=True)
    if root.find(tag(DAV, "allprop")) is not None:
        return PropRequest(all=True)
    if root.find(tag(DAV, "propname")) is not None:
        return PropRequest(names_only=True)
    prop = root.find(tag(DAV, "prop"))
    if prop is None:
        if root.tag == tag(DAV, "propfind"):
            raise BadRequestBody("propfind needs prop, allprop or propname")
        return PropRequest()
    request = PropRequest(names=[child.tag for child in prop])
    data = prop.find(tag(CARDDAV, "address-data"))
    if data is not None:
        request.vcard_version = data.get("version", "")
    return request


def hrefs_of(root: ET.Element) -> list[str]:
    return [(href.text or "").strip() for href in root.findall(tag(DAV, "href"))]


Value = str | ET.Element | list[ET.Element] | None


@dataclass
class Response:
    """One <response>: found properties (name -> value), missing ones, or a bare status."""

    href: str
    found: dict[str, Value] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    status: str = ""


def element(name: str, value: Value = None) -> ET.Element:
    node = ET.Element(name)
    if isinstance(value, str):
        node.text = value
    elif isinstance(value, ET.Element):
        node.append(value)
    elif isinstance(value, list):
        node.extend(value)
    return node


def href_element(href: str) -> ET.Element:
    return element(tag(DAV, "href"), href)


def multistatus(responses: Iterable[Response], *, sync_token: str = "") -> bytes:
    root = ET.Element(tag(DAV, "multistatus"))
    for response in responses:
        node = ET.SubElement(root, tag(DAV, "response"))
        node.append(href_element(response.href))
        if response.status:
            ET.SubElement(node, tag(DAV, "status")).text = f"HTTP/1.1 {response.status}"
            continue
        for props, status in ((response.found, "200 OK"), (response.missing, "404 Not Found")):
            if not props:
                continue
            propstat = ET.SubElement(node, tag(DAV, "propstat"))
            prop = ET.SubElement(propstat, tag(DAV, "prop"))
            if isinstance(props, dict):
                prop.extend(element(name, value) for name, value in props.items())
            else:
                prop.extend(ET.Element(name) for name in props)
            ET.SubElement(propstat, tag(DAV, "status")).text = f"HTTP/1.1 {status}"
    if sync_token:
        ET.SubElement(root, tag(DAV, "sync-token")).text = sync_token
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root)


def error_body(namespace: str, condition: str, description: str = "") -> bytes:
    """A precondition's <error> body (RFC 4918 16), with a sentence for a person reading it."""
    root = ET.Element(tag(DAV, "error"))
    ET.SubElement(root, tag(namespace, condition))
    if description:
        ET.SubElement(root, tag("urn:x-weitblick", "message")).text = description
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root)
