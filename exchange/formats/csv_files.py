"""Reading the CSV exports of other services: rows with the number of the line each starts on."""

import csv
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _

from exchange.problems import Problems

# A CSV field longer than this is not a contact export; csv's default limit is 128 KiB.
FIELD_LIMIT = 1 << 20


def csv_rows(text: str, problems: Problems) -> list[tuple[int, list[str]]]:
    """(line number, cells) for every non-empty row; a broken quote is reported with its line."""
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.add(
                _("Line %(line)d: the CSV cannot be read there (%(error)s).")
                % {"line": start, "error": error}
            )
            break
        if any(cell.strip() for cell in row):
            rows.append((start, row))
        start = reader.line_num + 1
    return rows


def find_header(rows: Sequence[tuple[int, list[str]]], required: tuple[str, ...]) -> int | None:
    """The index of the first row holding all `required` column names, or None."""
    for index, (_line, row) in enumerate(rows):
        names = {cell.strip() for cell in row}
        if all(name in names for name in required):
            return index
    return None


class Columns:
    """Cells of one row by column name, tolerant of names that differ between export versions."""

    def __init__(self, header: list[str]):
        self.index: dict[str, int] = {}
        for position, name in enumerate(header):
            self.index.setdefault(name.strip(), position)

    def has(self, name: str) -> bool:
        return name in self.index

    def get(self, row: list[str], *names: str) -> str:
        for name in names:
            position = self.index.get(name)
            if position is not None and position < len(row) and row[position].strip():
                return row[position].strip()
        return ""
