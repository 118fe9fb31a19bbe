#!/usr/bin/env python3
"""Baseline for the .ics export benchmark: build the same events with Python's `icalendar`.

Usage: bench_ics.py EVENTS.json
EVENTS.json is a list of {uid, summary, start, end, description, sequence} written by
policy-ledger-bench (all-day events; `end` is exclusive). Prints one JSON line:
{"events": n, "secs": s, "bytes": b, "icalendar": version} or {"error": reason}.
Only building the calendar and serialising it (to_ical) is timed, not reading the JSON.
"""
import datetime
import json
import sys
import time


def main() -> int:
    try:
        import icalendar
    except ImportError as e:
        print(json.dumps({"error": f"Python icalendar is not installed ({e}); pip install icalendar"}))
        return 0
    with open(sys.argv[1], encoding="utf-8") as f:
        events = json.load(f)
    stamp = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    day = datetime.date.fromisoformat
    t = time.perf_counter()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Policy Ledger//bench//ZH")
    cal.add("version", "2.0")
    for e in events:
        ev = icalendar.Event()
        ev.add("uid", e["uid"])
        ev.add("dtstamp", stamp)
        ev.add("summary", e["summary"])
        ev.add("dtstart", day(e["start"]))
        ev.add("dtend", day(e["end"]))
        ev.add("description", e["description"])
        ev.add("sequence", e["sequence"])
        cal.add_component(ev)
    data = cal.to_ical()
    secs = time.perf_counter() - t
    print(json.dumps({
        "events": len(events),
        "secs": secs,
        "bytes": len(data),
        "icalendar": getattr(icalendar, "__version__", "?"),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
