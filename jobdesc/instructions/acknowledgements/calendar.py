"""Working days for due dates: Saturdays, Sundays and the Russian public holidays (with their transfers) are off."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _days_off(year: int) -> frozenset:
    return frozenset(holidays.country_holidays("RU", years=year))


def is_working_day(day: datetime.date) -> bool:
    # The year's calendar first, whatever the weekday: a worker's warm-up on a Saturday reads it too.
    return day not in _days_off(day.year) and day.weekday() < 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (start itself not counted); 0 gives `start` or the next working day."""
    day = start
    if days <= 0:
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
        return day
    while days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def working_days_between(first: datetime.date, last: datetime.date) -> int:
    """How many working days lie from `first` to `last`, both included (0 when `last` is before `first`)."""
    count, day = 0, first
    while day <= last:
        count += is_working_day(day)
        day += datetime.timedelta(days=1)
    return count
