#!/usr/bin/env python3
"""Strict, independent check of a Policy Ledger calendar (.ics).

Usage:
    validate_ics.py [--json] FILE.ics [FILE.ics ...]
    validate_ics.py --bench N        # time Python icalendar writing N all-day events

Checks, on the raw bytes: UTF-8; every line ends in CRLF; no line longer than 75 octets
(RFC 5545 3.1); continuation lines start with a space or tab.
Then parses with `icalendar` (and reports its per-component parse errors) and with
`vobject` (`validate()`), and checks: VCALENDAR has VERSION 2.0, PRODID; every VEVENT has a
unique UID, a DTSTAMP in UTC, all-day DTSTART/DTEND DATE values with DTEND > DTSTART,
an integer SEQUENCE >= 0 and a SUMMARY; every VALARM has ACTION, TRIGGER and (for DISPLAY)
a DESCRIPTION.

Exit status 0 when every file passes, 1 otherwise. With --json, prints
{"events": [{"uid", "dtstart", "dtend", "sequence", "summary"}...]} for the caller to compare.
"""

import datetime as dt
import json
import sys
import time

import icalendar
import vobject


def check_bytes(name, data, errors):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{name}: not UTF-8: {e}")
        return
    if not data.endswith(b"\r\n"):
        errors.append(f"{name}: the last line does not end in CRLF")
    lines = data.split(b"\r\n")
    for i, line in enumerate(lines[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            errors.append(f"{name}:{i}: bare LF or CR inside a line")
        if len(line) > 75:
            errors.append(f"{name}:{i}: {len(line)} octets, more than 75")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            errors.append(f"{name}:{i}: a fold split a UTF-8 character")
        if i == 1 and line != b"BEGIN:VCALENDAR":
            errors.append(f"{name}:1: does not start with BEGIN:VCALENDAR")


def is_date_only(v):
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


def check_calendar(name, data, errors, events_out):
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as e:  # noqa: BLE001 - any parse failure is a finding
        errors.append(f"{name}: icalendar could not parse it: {e}")
        return
    for comp in cal.walk():
        for prop, msg in getattr(comp, "errors", []) or []:
            errors.append(f"{name}: {comp.name} {prop}: {msg}")
    if str(cal.get("VERSION", "")) != "2.0":
        errors.append(f"{name}: VERSION is not 2.0")
    if not cal.get("PRODID"):
        errors.append(f"{name}: PRODID is missing")

    uids = set()
    first_event = len(events_out)
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID", ""))
        where = f"{name}: event {uid or '?'}"
        if not uid:
            errors.append(f"{where}: UID is missing")
        elif uid in uids:
            errors.append(f"{where}: UID is not unique")
        uids.add(uid)
        stamp = ev.get("DTSTAMP")
        if stamp is None:
            errors.append(f"{where}: DTSTAMP is missing")
        elif not isinstance(stamp.dt, dt.datetime) or stamp.dt.utcoffset() != dt.timedelta(0):
            errors.append(f"{where}: DTSTAMP is not a UTC date-time")
        start, end = ev.get("DTSTART"), ev.get("DTEND")
        if start is None or end is None:
            errors.append(f"{where}: DTSTART or DTEND is missing")
            continue
        if not (is_date_only(start.dt) and is_date_only(end.dt)):
            errors.append(f"{where}: DTSTART/DTEND are not all-day DATE values")
            continue
        if not end.dt > start.dt:
            errors.append(f"{where}: DTEND {end.dt} is not after DTSTART {start.dt}")
        seq = ev.get("SEQUENCE")
        try:
            seq = int(seq)
            if seq < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors.append(f"{where}: SEQUENCE {seq!r} is not a non-negative integer")
            seq = None
        if not ev.get("SUMMARY"):
            errors.append(f"{where}: SUMMARY is missing")
        for alarm in ev.walk("VALARM"):
            if not alarm.get("ACTION") or alarm.get("TRIGGER") is None:
                errors.append(f"{where}: VALARM without ACTION or TRIGGER")
            if str(alarm.get("ACTION")) == "DISPLAY" and not alarm.get("DESCRIPTION"):
                errors.append(f"{where}: DISPLAY alarm without DESCRIPTION")
        events_out.append(
            {
                "uid": uid,
                "dtstart": start.dt.isoformat(),
                "dtend": end.dt.isoformat(),
                "sequence": seq,
                "summary": str(ev.get("SUMMARY", "")),
            }
        )

    try:
        vcal = vobject.readOne(data.decode("utf-8"), validate=True)
        vcal.validate(raiseException=True, complainUnrecognized=False)
        n = len(getattr(vcal, "vevent_list", []))
        mine = len(events_out) - first_event
        if n != mine:
            errors.append(f"{name}: vobject sees {n} events, icalendar {mine}")
    except Exception as e:  # noqa: BLE001
        errors.append(f"{name}: vobject rejected it: {e}")


def bench(n):
    """Time Python icalendar writing n all-day events like ours, for the Rust benchmark."""
    stamp = dt.datetime(2020, 4, 26, 1, 2, 3, tzinfo=dt.timezone.utc)
    t0 = time.perf_counter()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    for i in range(n):
        ev = icalendar.Event()
        ev.add("uid", f"00000000-0000-4000-8000-{i:012}-validity")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", dt.date(2020, 4, 10))
        ev.add("dtend", dt.date(2020, 6, 5))
        ev.add("sequence", 1)
        ev.add("last-modified", stamp)
        ev.add("summary", f"【株洲市】购车抽奖补贴，第{i}项")
        ev.add(
            "description",
            "内容：300万元\n对象：购车消费者\n有效期：2020-04-10 至 2020-06-04\n"
            "原文：「凡在2020年4月10日0时至6月4日24时期间购买新车并取得发票的消费者」\n"
            "出处：株洲日报 2020-04-25《我市拿出300万元开展购车抽奖活动》",
        )
        ev.add("categories", ["促消费"])
        ev.add("transp", "TRANSPARENT")
        ev.add("x-microsoft-cdo-alldayevent", "TRUE")
        cal.add_component(ev)
    data = cal.to_ical()
    secs = time.perf_counter() - t0
    print(json.dumps({"events": n, "seconds": round(secs, 3), "bytes": len(data)}))


def main(argv):
    if len(argv) == 2 and argv[0] == "--bench":
        bench(int(argv[1]))
        return 0
    as_json = "--json" in argv
    files = [a for a in argv if a != "--json"]
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    errors, events = [], []
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read()
        check_bytes(f, data, errors)
        check_calendar(f, data, errors, events)
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        return 1
    if as_json:
        print(json.dumps({"events": events}, ensure_ascii=False))
    else:
        print(f"ok: {len(events)} events in {len(files)} file(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
