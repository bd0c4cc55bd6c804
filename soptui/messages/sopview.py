"""Strings of the SOP document view."""

from ..i18n import register

register(
    id={
        "sop.route": "ya → {ya}\ntidak → {tidak}",
        "sop.end": "selesai",
        "sop.legend": "{terminal} mulai/selesai   {process} proses   {decision} keputusan",
        "sop.inferred": "* pelaksana disimpulkan dari teks kegiatan (tanda diagram alir hilang pada sumber)",
        "sop.col.nama": "Nama SOP",
        "sop.col.steps": "Langkah",
        "sop.col.total": "Total baku",
    },
    en={
        "sop.route": "yes → {ya}\nno → {tidak}",
        "sop.end": "end",
        "sop.legend": "{terminal} start/end   {process} process   {decision} decision",
        "sop.inferred": "* pelaksana inferred from the activity text (flowchart marks lost in the source)",
        "sop.col.nama": "SOP name",
        "sop.col.steps": "Steps",
        "sop.col.total": "Standard total",
    },
)
