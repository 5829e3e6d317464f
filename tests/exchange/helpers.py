"""Helpers for the import and export tests: sample files and importing them as the page does."""

from pathlib import Path

from exchange.formats.detect import detect_format, read_contacts
from exchange.formats.records import decode_text
from exchange.imports import jobs
from exchange.models import ImportJob

DATA = Path(__file__).resolve().parent.parent / "data"


def sample(name: str) -> bytes:
    return (DATA / name).read_bytes()


def records_of(name: str):
    text = decode_text(sample(name))
    return read_contacts(text, detect_format(text))


def by_name(records):
    return {record.name: record for record in records}


def import_file(
    user, data: bytes, filename: str = "contacts.vcf", format: str = "auto"
) -> ImportJob:
    """Upload, preview, confirm and import, as a person does in the browser (tasks run inline)."""
    job = jobs.start_import(user, data, filename=filename, format=format)
    if jobs.is_reading(job):
        jobs.read_job(job.pk)
        job.refresh_from_db()
    assert jobs.confirm_import(job), job.summary
    jobs.run_import(job.pk)
    job.refresh_from_db()
    return job


GIVEN = [
    "Anna",
    "Jürgen",
    "Ольга",
    "Aylin",
    "Marco",
    "Zofia",
    "Kwame",
    "Léa",
    "Ελένη",
    "Priya",
    "Mateo",
    "Ngozi",
]
FAMILY = [
    "Schmidt",
    "Müller",
    "Иванова",
    "Demir",
    "Bellini",
    "Wiśniewska",
    "Mensah",
    "Dubois",
    "Παπαδοπούλου",
    "Raman",
    "García",
    "Okafor",
]
ORGANISATIONS = [
    "Nordwind Logistik GmbH",
    "Stadtwerke Köln",
    "Anatolia Wind A.Ş.",
    "Hanbit Robotics",
    "Cedar Solar SAL",
    "Vetreria Bellini & Figli",
]


def generated_vcards(count: int, *, start: int = 0, photo_every: int = 50) -> bytes:
    """`count` vCard 3.0 cards of different people, with emails, phones, organisations, notes,
    birthdays with and without a year, and now and then a photo."""
    cards = []
    for i in range(start, start + count):
        given, family = GIVEN[i % len(GIVEN)], FAMILY[(i // len(GIVEN)) % len(FAMILY)]
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{family};{given};;;",
            f"FN:{given} {family} {i:05d}",
            f"EMAIL;TYPE=INTERNET;TYPE=WORK:person{i:05d}@example.org",
            f"TEL;TYPE=CELL:+49 170 {i:07d}",
            f"ORG:{ORGANISATIONS[i % len(ORGANISATIONS)]};Team {i % 7}",
            "TITLE:Engineer",
            f"ADR;TYPE=WORK:;;Street {i};City {i % 40};;{10000 + i};Germany",
            f"BDAY:{'--' if i % 3 else str(1950 + i % 50) + '-'}{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            f"NOTE:Met at event {i % 90}\\, table {i % 12}.",
            "CATEGORIES:Imported,Generated",
        ]
        if photo_every and i % photo_every == 0:
            lines += [
                "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAASABIAAD/4QBYRXhpZgAATU0AKgAAAAgAAgESAAMAAAABAAEAAIdp",
                " AAQAAAABAAAAJgAAAAAAA6ABAAMAAAABAAEAAKACAAQAAAABAAAAQKADAAQAAAABAAAAQAAAAAD/",
            ]
        lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    return ("\r\n".join(cards) + "\r\n").encode("utf-8")
