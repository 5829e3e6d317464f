"""Text bound for a spreadsheet: the one guard against formula injection, for every CSV we write.

It lives in the lowest layer because both the staff's CSV of introductions (contacts/) and the
contact exports (exchange/) write user-typed text into cells.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

# A cell starting like a formula is run by spreadsheets on opening (CSV injection, OWASP); a leading
# apostrophe makes it text. Phone numbers such as +49 30 … and dates such as -1 stay as they are.
_FORMULA = re.compile(r"^[=@\t\r]|^[+-](?![\d\s()./-]*$)")


def spreadsheet_safe(value: object) -> str:
    """`value` as cell text that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if _FORMULA.match(text) else text


class SpreadsheetWriter:
    """A csv.writer whose every cell, the header row's included, goes through spreadsheet_safe.

    Guarding the cells one by one left the header unguarded, and a dimension named
    `=HYPERLINK(…)` (typed, or from a backup) became a column title the spreadsheet ran.
    """

    def __init__(self, stream: TextIO | Any, **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, cells: Iterable[object]) -> None:
        self._writer.writerow([spreadsheet_safe(cell) for cell in cells])
