"""The runs as an event log for process mining: IEEE XES (1849-2016) and CSV.

One case (trace) per run; per completed step attempt two events, lifecycle "start" and
"complete"; per open attempt (ready or started, not completed) its "start" alone, as the XES
lifecycle model has an activity instance that is under way, and when its run was cancelled an
"ate_abort" at the cancellation: an event log is a record, so the unfinished is shown unfinished. The start is the recorded start of the step where there is one, else the moment the
step became ready (the previous step's completion): the log then shows the waiting time as part
of the activity, as the summary's "actual" time does. Attributes follow the XES standard
extensions (concept, time, lifecycle, org) and the column names pm4py and other tools read
(case:concept:name, concept:name, time:timestamp, org:resource); soptui's own figures
(attempt, standard and actual working seconds, on-time; none for open attempts) ride along. Pure: kept run figures in, text out.
"""

from __future__ import annotations

import io
from datetime import datetime

from ..safetext import one_line, visible  # XML 1.0 cannot carry most control characters: shown
from .runfigs import (A_ACTOR, A_ACTUAL, A_DONE, A_N, A_ON_TIME, A_READY, A_START, A_STD, A_STEP,
                      A_VERDICT, S_KEGIATAN, S_NO, S_PELAKSANA, moment)

XES_NS = "http://www.xes-standard.org/"
EXTENSIONS = (("Concept", "concept", "concept.xesext"), ("Time", "time", "time.xesext"),
              ("Lifecycle", "lifecycle", "lifecycle.xesext"), ("Organizational", "org", "org.xesext"))
CSV_COLUMNS = ("case:concept:name", "concept:name", "time:timestamp", "lifecycle:transition", "org:resource",
               "org:role", "step", "attempt", "standard_working_seconds", "actual_working_seconds", "on_time",
               "verdict", "sop_id", "case:status")


def activity(step: list) -> str:
    return f"{step[S_NO]}. {one_line(step[S_KEGIATAN])}"


Traces = list[tuple[dict, list[dict]]]  # what `events` makes: (case attributes, its events) per run


def events(figs: list[dict]) -> Traces:
    """(case attributes, its events in time order) per run."""
    out = []
    for f in figs:
        names = {s[S_NO]: activity(s) for s in f["sop"]["steps"]}
        roles = {s[S_NO]: one_line(s[S_PELAKSANA]) for s in f["sop"]["steps"]}
        tz = f["timezone"]
        evs = []
        for a in f["attempts"]:
            common = {"concept:name": names.get(a[A_STEP], str(a[A_STEP])), "org:resource": one_line(a[A_ACTOR]),
                      "org:role": roles.get(a[A_STEP], ""), "step": a[A_STEP], "attempt": a[A_N],
                      "standard_working_seconds": a[A_STD], "actual_working_seconds": a[A_ACTUAL],
                      "on_time": a[A_ON_TIME], "verdict": a[A_VERDICT]}
            start = a[A_START] if a[A_START] is not None else a[A_READY]
            evs.append({**common, "time:timestamp": moment(start, tz), "lifecycle:transition": "start"})
            evs.append({**common, "time:timestamp": moment(a[A_DONE], tz), "lifecycle:transition": "complete"})
        for a in f.get("open", ()):
            common = {"concept:name": names.get(a[A_STEP], str(a[A_STEP])), "org:resource": one_line(a[A_ACTOR]),
                      "org:role": roles.get(a[A_STEP], ""), "step": a[A_STEP], "attempt": a[A_N]}
            start = a[A_START] if a[A_START] is not None else a[A_READY]
            evs.append({**common, "time:timestamp": moment(start, tz), "lifecycle:transition": "start"})
            if f["status"] == "cancelled" and f["ended_at"]:
                evs.append({**common, "time:timestamp": datetime.fromisoformat(f["ended_at"]),
                            "lifecycle:transition": "ate_abort"})
        # By time; on a tie, as recorded (attempts come in order of completion, each start before
        # its completion): a step's completion precedes the start of the next at the same moment.
        evs.sort(key=lambda e: e["time:timestamp"])
        out.append(({"concept:name": f["id"], "sop_id": f["sop_id"], "sop_nomor": one_line(f["sop"]["nomor"]),
                     "title": one_line(f["title"]), "status": f["status"]}, evs))
    return out


def counts(traces: Traces) -> tuple[int, int]:
    """Cases and events of the log (what export-log reports), counted from what it writes."""
    return len(traces), sum(len(evs) for _, evs in traces)


def _stamp(at: datetime) -> str:
    return at.isoformat(timespec="milliseconds")


def to_xes(traces: Traces) -> bytes:
    import xml.etree.ElementTree as ET

    log = ET.Element("log", {"xes.version": "1849-2016", "xes.features": "nested-attributes", "xmlns": XES_NS})
    for name, prefix, uri in EXTENSIONS:
        ET.SubElement(log, "extension", {"name": name, "prefix": prefix, "uri": XES_NS + uri})
    for scope, keys in (("trace", ("concept:name",)), ("event", ("concept:name", "lifecycle:transition"))):
        g = ET.SubElement(log, "global", {"scope": scope})
        for key in keys:
            ET.SubElement(g, "string", {"key": key, "value": "__INVALID__" if key == "concept:name" else "complete"})
    ET.SubElement(log, "classifier", {"name": "Activity", "keys": "concept:name"})
    ET.SubElement(log, "classifier", {"name": "Activity and lifecycle", "keys": "concept:name lifecycle:transition"})
    ET.SubElement(log, "string", {"key": "concept:name", "value": "soptui"})

    def attr(parent, key: str, value) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            ET.SubElement(parent, "boolean", {"key": key, "value": "true" if value else "false"})
        elif isinstance(value, int):
            ET.SubElement(parent, "int", {"key": key, "value": str(value)})
        elif isinstance(value, float):
            ET.SubElement(parent, "float", {"key": key, "value": repr(value)})
        elif key == "time:timestamp":
            ET.SubElement(parent, "date", {"key": key, "value": _stamp(value)})
        else:
            ET.SubElement(parent, "string", {"key": key, "value": visible(str(value))})

    for case, evs in traces:
        trace = ET.SubElement(log, "trace")
        for key, value in case.items():
            attr(trace, key, value)
        for ev in evs:
            node = ET.SubElement(trace, "event")
            for key, value in ev.items():
                attr(node, key, value)
    ET.indent(log)
    buf = io.BytesIO()
    ET.ElementTree(log).write(buf, encoding="UTF-8", xml_declaration=True)
    return buf.getvalue() + b"\n"


def to_csv(traces: Traces) -> str:
    import csv

    from ..report.tables import neutralise

    def cell(value):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return neutralise(visible(value)) if isinstance(value, str) else value

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for case, evs in traces:
        for ev in evs:
            row = {**ev, "case:concept:name": case["concept:name"], "sop_id": case["sop_id"],
                   "case:status": case["status"], "time:timestamp": _stamp(ev["time:timestamp"])}
            writer.writerow([cell(row.get(k)) for k in CSV_COLUMNS])
    return buf.getvalue()
