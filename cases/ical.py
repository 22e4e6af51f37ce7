"""The playbook clock as an iCalendar file (the `icalendar` package): one event per step and per
legal deadline at its moment in UTC, with an alarm before each legal deadline."""

from __future__ import annotations

from datetime import UTC, timedelta

from icalendar import Alarm, Calendar, Event

from .selectors.playbook import PlaybookClock

ALARM_BEFORE = timedelta(hours=1)


def playbook_calendar(clock: PlaybookClock, *, base_url: str, stamp) -> bytes:
    """Every dated item of a started clock; `stamp` is the DTSTAMP (the time of the request)."""
    calendar = Calendar()
    calendar.add("prodid", "-//CrisisKB//Playbook clock//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"CrisisKB: {clock.crisis_type.name}")
    start_key = clock.start.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
    for item in clock.items:
        if item.due is None:
            continue
        event = Event()
        event.add("uid", f"{clock.crisis_type.slug}-{start_key}-{item.key}@crisiskb")
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", item.due.astimezone(UTC))
        event.add("dtend", item.due.astimezone(UTC) + timedelta(minutes=15))
        event.add("summary", f"{item.number}. {item.action}")
        lines = [item.detail or item.summary, item.when, item.owner]
        event.add("description", "\n".join(line for line in lines if line))
        if item.url:
            event.add("url", base_url + item.url)
        if item.alarm:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{item.number}. {item.action}")
            before = ALARM_BEFORE if item.due - clock.start >= ALARM_BEFORE else timedelta(0)
            alarm.add("trigger", -before)
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
