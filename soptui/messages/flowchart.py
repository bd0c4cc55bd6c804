"""Strings of the flowchart (text, SVG and the interactive view)."""

from ..i18n import register

register(
    id={
        "flow.ya": "Ya", "flow.tidak": "Tidak", "flow.next": "",
        "flow.kegiatan": "Kegiatan", "flow.waktu": "Waktu", "flow.no": "No",
        "flow.legend": "( ) mulai/selesai   [ ] kegiatan   < > keputusan",
        "flow.legend_run": "✓ selesai  ! terlambat  ▶ sekarang  · belum  ↻ diulang  – dilewati  ×n percobaan",
        "flow.title": "Diagram alir: {sop}",
        "flow.title_run": "Diagram alir: {sop} · {run}",
        "flow.svg_title": "Diagram alir SOP {nomor} {nama}",
        "flow.end": "selesai",
        "flow.route": "ya → {ya}, tidak → {tidak}",
        "flow.role_more": "bersama {roles}",
        "flow.skipped": "Dilewati: keputusan sebelumnya melompatinya.",
        "report.flowchart": "Diagram alir",
    },
    en={
        "flow.ya": "Yes", "flow.tidak": "No", "flow.next": "",
        "flow.kegiatan": "Activity", "flow.waktu": "Time", "flow.no": "No",
        "flow.legend": "( ) start/end   [ ] activity   < > decision",
        "flow.legend_run": "✓ done  ! late  ▶ current  · not reached  ↻ rework  – skipped  ×n attempts",
        "flow.title": "Flowchart: {sop}",
        "flow.title_run": "Flowchart: {sop} · {run}",
        "flow.svg_title": "Flowchart of SOP {nomor} {nama}",
        "flow.end": "end",
        "flow.route": "yes → {ya}, no → {tidak}",
        "flow.role_more": "with {roles}",
        "flow.skipped": "Skipped: an earlier decision jumped over it.",
        "report.flowchart": "Flowchart",
    },
)
