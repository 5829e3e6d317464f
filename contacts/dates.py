"""Dates that come back every year: birthdays whose year may be unknown, anniversaries."""

import datetime
from dataclasses import dataclass

# The days a form takes for a date that comes back or lies ahead (an anniversary, a plan, a
# follow-up): two centuries either side of now. Anything outside is a typing slip, and the last day of
# the calendar (9999-12-31) broke whatever adds a day to it, the calendar feed's all-day events first.
FIRST_DAY_TAKEN = datetime.date(1800, 1, 1)
LAST_DAY_TAKEN = datetime.date(2199, 12, 31)


@dataclass(frozen=True)
class Birthday:
    """A birthday whose year may be unknown; written '1979-04-12' or, without the year, '--04-12'."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        # 2000 is a leap year, so 29 February is allowed when the year is unknown.
        datetime.date(self.year or 2000, self.month, self.day)

    @classmethod
    def parse(cls, text: str) -> "Birthday":
        if text.startswith("--") and len(text) == 7 and text[4] == "-":
            return cls(month=int(text[2:4]), day=int(text[5:7]))
        date = datetime.date.fromisoformat(text)
        if len(text) != 10:
            raise ValueError(text)
        return cls(month=date.month, day=date.day, year=date.year)

    def isoformat(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def next_occurrence(self, after: datetime.date) -> datetime.date:
        return next_yearly(self.month, self.day, after)

    def age_on(self, date: datetime.date) -> int | None:
        if self.year is None:
            return None
        return date.year - self.year - ((date.month, date.day) < (self.month, self.day))


def next_yearly(month: int, day: int, after: datetime.date) -> datetime.date:
    """The first date on or after `after` that falls on month/day (29 Feb falls on 28 Feb)."""
    for year in (after.year, after.year + 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            candidate = datetime.date(year, 2, 28)
        if candidate >= after:
            return candidate
    raise AssertionError("unreachable: a date recurs within a year")
