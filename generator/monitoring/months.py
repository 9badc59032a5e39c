"""Months as first days (a sheet's month), and French date input for the CLI."""

from __future__ import annotations

import datetime as dt
import re

MONTH_INPUT = re.compile(r"^(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))$")
DATE_INPUT = re.compile(r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4}))$")


def first_day(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def previous_month(month: dt.date) -> dt.date:
    return dt.date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from ``first``'s to ``last``'s, both included (empty when last is before first)."""
    months, month = [], first_day(first)
    while month <= first_day(last):
        months.append(month)
        month = next_month(month)
    return months


def month_key(month: dt.date) -> str:
    """``2027-03``."""
    return f"{month:%Y-%m}"


def month_label(month: dt.date) -> str:
    """``03/2027``."""
    return f"{month:%m/%Y}"


def parse_month(text: str) -> dt.date | None:
    """``2027-03`` or ``03/2027`` as the first day of that month; None when unreadable."""
    found = MONTH_INPUT.match(text.strip())
    if not found:
        return None
    year, month = (found[1], found[2]) if found[1] else (found[4], found[3])
    try:
        return dt.date(int(year), int(month), 1)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """``2027-03-15`` or ``15/03/2027``; None when unreadable."""
    found = DATE_INPUT.match(text.strip())
    if not found:
        return None
    year, month, day = (found[1], found[2], found[3]) if found[1] else (found[6], found[5], found[4])
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
