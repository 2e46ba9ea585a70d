"""Interview invitations as RFC 5545 iCalendar (the icalendar library): METHOD:REQUEST with a
stable UID and increasing SEQUENCE so updates replace the event, METHOD:CANCEL to remove it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vCalAddress, vText

from core.ports.interviews import CalendarEvent, CalendarInvites


class ICalendarInvites(CalendarInvites):
    def invitation(self, event: CalendarEvent) -> str:
        calendar = Calendar()
        calendar.add("prodid", "-//Hireflow//Interviews//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "CANCEL" if event.cancelled else "REQUEST")
        vevent = Event()
        starts = datetime.fromisoformat(event.starts_at_iso).astimezone(UTC)
        vevent.add("uid", event.uid)
        vevent.add("sequence", event.sequence)
        vevent.add("dtstamp", datetime.now(UTC))
        vevent.add("dtstart", starts)
        vevent.add("dtend", starts + timedelta(minutes=event.duration_minutes))
        vevent.add("summary", event.summary)
        vevent.add("description", event.description)
        if event.location:
            vevent["location"] = vText(event.location)
        vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
        organizer = vCalAddress(f"mailto:{event.organizer_email}")
        organizer.params["cn"] = vText("Hireflow")
        vevent["organizer"] = organizer
        attendee = vCalAddress(f"mailto:{event.attendee_email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["rsvp"] = vText("TRUE")
        vevent.add("attendee", attendee, encode=False)
        calendar.add_component(vevent)
        return str(calendar.to_ical().decode("utf-8"))
