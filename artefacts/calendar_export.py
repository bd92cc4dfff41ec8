"""The content calendar for spreadsheets (CSV) and calendar programs (iCalendar, RFC 5545).

CSV columns are fixed (a contract with whoever reads the file); a cell that a spreadsheet would read as a
formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe (the shared
``artefacts.safe_text.write_csv``). Calendar programs may show HTML in a description, so the summary and
other texts are ``plain_text`` (no tag can form). The .ics has one
VEVENT per item: UID, DTSTAMP, DTSTART/DTEND (an all-day event when the item has no start time), SUMMARY,
DESCRIPTION (what happens, who does it, the goal and the idea), CATEGORIES (kind and channel). Owners are
names in the description, never e-mail addresses (no ORGANIZER or ATTENDEE).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from icalendar import Calendar, Event

from artefacts.catalogue import PerLanguage
from artefacts.plan import CalendarItem, ContentCalendar
from artefacts.safe_text import csv_cell, plain_text, write_csv

CALENDAR_COLUMNS = [
    "date", "weekday", "start", "end", "channel", "format", "theme", "kind", "title", "description", "owner",
    "goal", "holiday", "idea", "needs",
]  # fmt: skip
EXPORT_WORDS: PerLanguage[Mapping[str, str]] = PerLanguage("calendar_export")
UID_DOMAIN = "samen.local"


def safe_cell(value: object) -> str:
    """The cell as text, with a leading apostrophe when a spreadsheet would run it as a formula."""
    return str(csv_cell(value))


def end_of(item: CalendarItem) -> dt.datetime | None:
    if item.start is None:
        return None
    return dt.datetime.combine(item.date, item.start) + dt.timedelta(minutes=item.minutes)


def calendar_rows(calendar: ContentCalendar) -> list[dict[str, str]]:
    rows = []
    for item in calendar.items:
        end = end_of(item)
        row = {
            "date": item.date.isoformat(),
            "weekday": f"{item.date:%a}",
            "start": item.start.strftime("%H:%M") if item.start else "",
            "end": end.strftime("%H:%M") if end else "",
            "channel": calendar.channel_name(item.channel),
            "format": item.format,
            "theme": item.theme,
            "kind": item.kind,
            "title": item.title,
            "description": item.description,
            "owner": item.owner,
            "goal": item.goal,
            "holiday": item.holiday or "",
            "idea": item.idea,
            "needs": " ".join(item.grounds.need_ids),
        }
        rows.append(row)
    return rows


def to_csv(calendar: ContentCalendar) -> str:
    return write_csv(CALENDAR_COLUMNS, calendar_rows(calendar))


def to_ics(calendar: ContentCalendar, name: str = "") -> bytes:
    words = EXPORT_WORDS.get(calendar.meta.language, EXPORT_WORDS["en"])
    cal = Calendar()
    cal.add("prodid", "-//Samen//content calendar//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", plain_text(name or words["calendar_name"]))
    stamp = calendar.meta.created_at.astimezone(dt.UTC)
    for item in calendar.items:
        event = Event()
        event.add("uid", f"{item.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        if item.start is None:
            event.add("dtstart", item.date)
            event.add("dtend", item.date + dt.timedelta(days=1))
        else:
            event.add("dtstart", dt.datetime.combine(item.date, item.start))
            event.add("dtend", end_of(item))
        event.add("summary", plain_text(item.title))
        event.add("description", plain_text(_description(item, words)))
        channel = plain_text(calendar.channel_name(item.channel))
        event.add("categories", [item.kind, channel])
        event.add("location", channel)
        if item.holiday:
            event.add("x-samen-holiday", plain_text(item.holiday))
        event.add("x-samen-owner", plain_text(item.owner))
        cal.add_component(event)
    return cal.to_ical()


def _description(item: CalendarItem, words: Mapping[str, str]) -> str:
    lines = [item.description, "", f"{words['owner']}: {item.owner}", f"{words['format']}: {item.format}"]
    if item.goal:
        lines.append(f"{words['goal']}: {item.goal}")
    if item.theme:
        lines.append(f"{words['theme']}: {item.theme}")
    if item.holiday:
        lines.append(f"{words['holiday']}: {item.holiday}")
    if item.idea:
        lines += ["", f"{words['idea']}: {item.idea}"]
    return "\n".join(lines)
