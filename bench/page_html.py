"""The HTML of the pages as rendered after a write (the page cache missed), to compare two versions
of the code byte for byte (issue 15: output identical).

    uv run --frozen python bench/page_html.py write DIR [--languages en,de]   # on one checkout
    uv run --frozen python bench/page_html.py compare DIR_BEFORE DIR_AFTER

Renders, for the bench user ("bench", bench/run.py's data): the 200 contact pages the load test
reads, contacts with a chain, dates, introductions and archived ones, gone quiet, the encounter list
(two pages) and the dashboard, in each language; CSRF tokens and the quick log's keys (new on every
request) are replaced by fixed text. Needs DATABASE_URL and the settings of bench/run.py; run both
versions on the same, unchanged database (the load test's quick log adds encounters).
"""

import argparse
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]{32,64}(")')
CLIENT_KEY = re.compile(r'(name="client_key" value=")[^"]+(")')


def paths_of(user) -> list[str]:
    import datetime

    from django.db import connection

    from bench.run import endpoints
    from contacts.models import Contact

    points = {point["key"]: point for point in endpoints(user, datetime.date.today())}
    pks = list(Contact.objects.filter(owner=user, archived=True).values_list("pk", flat=True)[:3])
    pks += Contact.objects.filter(owner=user, met_through__isnull=False).values_list(
        "pk", flat=True
    )[:5]
    with connection.cursor() as cursor:
        for sql in (
            "SELECT contact_id FROM contacts_importantdate WHERE owner_id = %s LIMIT 3",
            "SELECT a_id FROM contacts_introduction WHERE owner_id = %s LIMIT 3",
        ):
            cursor.execute(sql, [user.pk])
            pks += [row[0] for row in cursor.fetchall()]
    return [
        *points["contact_page"]["args"][1:],
        *[f"/contacts/{pk}/" for pk in pks],
        "/quiet/",
        "/encounters/",
        "/encounters/?page=2",
        "/",
    ]


def write(directory: Path, languages: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm.settings")
    import django

    django.setup()
    from django.test import Client

    from crm.models import User
    from crm.page_cache import bump_data_versions

    user = User.objects.get(username="bench")
    language = user.language
    directory.mkdir(parents=True, exist_ok=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    try:
        for code in languages:
            User.objects.filter(pk=user.pk).update(language=code)
            client.get("/contacts/")  # the CSRF cookie
            for path in paths_of(user):
                bump_data_versions([user.pk])  # rendered anew: every version moves on
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
                html = CLIENT_KEY.sub(r"\1K\2", TOKEN.sub(r"\1T\2", response.content.decode()))
                name = code + "_" + (re.sub(r"[^a-z0-9]+", "_", path).strip("_") or "dashboard")
                (directory / f"{name}.html").write_text(html)
    finally:
        User.objects.filter(pk=user.pk).update(language=language)
    print(f"{len(list(directory.iterdir()))} pages in {directory}")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differ = [
        name
        for name in names
        if not (before / name).exists()
        or not (after / name).exists()
        or (before / name).read_bytes() != (after / name).read_bytes()
    ]
    print(f"{len(names)} pages, {len(differ)} differ" + "".join(f"\n  {n}" for n in differ))
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write")
    writing.add_argument("directory", type=Path)
    writing.add_argument("--languages", default="en,de")
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    options = parser.parse_args()
    if options.command == "write":
        write(options.directory, options.languages.split(","))
    else:
        sys.exit(compare(options.before, options.after))


if __name__ == "__main__":
    main()
