"""The days of the trial run and the ones kept free: public holidays of the project's country (the
``holidays`` library, names in the project's language where it has them) and the organisation's closing
days (``holidays.closed`` in samen.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import holidays

from artefacts.catalogue import text
from artefacts.errors import ConfigError


@dataclass(frozen=True)
class TrialDays:
    start: dt.date
    end: dt.date
    public: dict[dt.date, str] = field(default_factory=dict)  # date → holiday name
    closed: dict[dt.date, str] = field(default_factory=dict)  # date → why it is closed

    @property
    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def blocked(self, day: dt.date) -> bool:
        return day in self.public or day in self.closed

    def week(self, day: dt.date) -> int:
        """1 for the first seven days of the trial, 2 for the next seven…"""
        return (day - self.start).days // 7 + 1

    def free_from(
        self, day: dt.date, *, weekdays_only: bool = True, avoid: frozenset[int] = frozenset()
    ) -> dt.date:
        """``day`` or the first day after it that is not blocked (a weekday not in ``avoid``, by default);
        the last free day of the trial when none is left after it."""
        candidate = day
        while candidate <= self.end:
            if (
                not self.blocked(candidate)
                and not (weekdays_only and candidate.weekday() >= 5)
                and (candidate.weekday() not in avoid)
            ):
                return candidate
            candidate += dt.timedelta(days=1)
        candidate = min(day, self.end)
        while candidate > self.start and (self.blocked(candidate) or candidate.weekday() >= 5):
            candidate -= dt.timedelta(days=1)
        return candidate


def holiday_language(country: str, language: str) -> str | None:
    """The ``holidays`` language code for the project's language in ``country``, or None (its default)."""
    supported = holidays.country_holidays(country).supported_languages
    for code in (language, f"{language}_{country}", f"{language}_US", f"{language}_GB"):
        if code in supported:
            return code
    return next((code for code in supported if code.startswith(language)), None)


def trial_days(
    start: dt.date,
    weeks: int,
    country: str,
    subdivision: str | None,
    closed: list[dt.date],
    language: str,
    closed_name: str,
    project_file: Path | str = "samen.yaml",
) -> TrialDays:
    end = start + dt.timedelta(days=weeks * 7 - 1)
    years = list(range(start.year, end.year + 1))
    try:
        calendar = holidays.country_holidays(
            country.upper(),
            subdiv=subdivision,
            years=years,
            language=holiday_language(country.upper(), language),
        )
    except NotImplementedError as exc:
        raise ConfigError(
            text(language, "content_calendar.errors.country").format(country=country, reason=exc),
            path=project_file,
            hint=text(language, "content_calendar.errors.country_hint"),
        ) from exc
    public = {day: str(name) for day, name in sorted(calendar.items()) if start <= day <= end}
    return TrialDays(
        start=start, end=end, public=public, closed={d: closed_name for d in closed if start <= d <= end}
    )
