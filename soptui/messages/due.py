"""Strings of what is due: the due view ("tugas"), its key on the home screen, and `soptui due`."""

from ..i18n import register

register(
    id={
        "bind.due": "Tugas", "tip.due": "Langkah sekarang semua pelaksanaan yang berjalan, urut batas waktu",
        "bind.switch_list": "Pindah", "tip.switch_list": "Pindah antara pustaka SOP dan daftar pelaksanaan",
        "bind.due_resume": "Lanjutkan", "tip.due_resume": "Lanjutkan pelaksanaan terpilih",
        "bind.due_person": "Saring orang", "tip.due_person": "Tampilkan hanya tugas satu orang (ketik namanya)",
        "bind.due_mine": "Tugas saya", "tip.due_mine": "Tampilkan hanya tugas operator (soptui.toml operator)",
        "help.due": "Tugas: langkah sekarang setiap pelaksanaan yang berjalan, yang paling dulu jatuh tempo di atas. "
                    "Siapa = jabatan pelaksana dan orangnya (dari [roster] di soptui.toml, atau yang terakhir "
                    "mengerjakan jabatan itu di pelaksanaan ini). Sisa dan terlambat dihitung dalam jam kerja "
                    "kalender kantor (1 hari = 7,5 jam). p menyaring per orang, m tugas saya, Enter melanjutkan.",
        "due.title": "Tugas",
        "due.heading": "Tugas yang berjalan",
        "due.heading_count": "Tugas yang berjalan: {count} · terlambat {late}",
        "due.for_person": "untuk '{person}'",
        "due.person_placeholder": "Saring orang (p): ketik sebagian nama",
        "due.col.due": "Batas", "due.col.left": "Sisa waktu", "due.col.who": "Siapa", "due.col.step": "Langkah",
        "due.col.run": "Pelaksanaan", "due.col.ready": "Siap sejak",
        "due.line": "{left} · batas {due} · siap sejak {ready} · {who}",
        "due.none": "Tidak ada pelaksanaan yang berjalan.",
        "due.none_for": "Tidak ada tugas untuk orang ini.",
        "due.nothing_to_resume": "Tidak ada tugas di daftar untuk dilanjutkan.",
        "due.units": "hari j m",
        "due.late": "terlambat {time}", "due.left": "sisa {time}",
        "col.sop_unit": "SOP · Unit",
        "cli.due.col.run": "Pelaksanaan", "cli.due.col.who": "Siapa",
        "cli.due.none": "Tidak ada pelaksanaan yang berjalan.",
        "cli.due.help": "langkah sekarang setiap pelaksanaan yang berjalan: siapa, siap sejak, batas, sisa/terlambat",
        "cli.due.person": "hanya tugas orang ini (sebagian nama orang atau jabatan)",
    },
    en={
        "bind.due": "Due", "tip.due": "The current step of every run in progress, by due moment",
        "bind.switch_list": "Switch", "tip.switch_list": "Move between the SOP library and the runs",
        "bind.due_resume": "Resume", "tip.due_resume": "Resume the selected run",
        "bind.due_person": "Filter person", "tip.due_person": "Show one person's tasks only (type the name)",
        "bind.due_mine": "My tasks", "tip.due_mine": "Show the operator's tasks only (soptui.toml operator)",
        "help.due": "Due: the current step of every run in progress, the earliest due first. Who = the step's "
                    "role and its person (from [roster] in soptui.toml, or the last one in that role in this run). "
                    "Time left and lateness are working time on the office calendar (1 day = 7.5 hours). p "
                    "filters by person, m shows my tasks, Enter resumes.",
        "due.title": "Due",
        "due.heading": "Due in runs in progress",
        "due.heading_count": "Due in runs in progress: {count} · late {late}",
        "due.for_person": "for '{person}'",
        "due.person_placeholder": "Filter person (p): type part of a name",
        "due.col.due": "Due", "due.col.left": "Time left", "due.col.who": "Who", "due.col.step": "Step",
        "due.col.run": "Run", "due.col.ready": "Ready since",
        "due.line": "{left} · due {due} · ready since {ready} · {who}",
        "due.none": "No run is in progress.",
        "due.none_for": "No task for this person.",
        "due.nothing_to_resume": "No task listed to resume.",
        "due.units": "d h m",
        "due.late": "{time} late", "due.left": "{time} left",
        "col.sop_unit": "SOP · Unit",
        "cli.due.col.run": "Run", "cli.due.col.who": "Who",
        "cli.due.none": "No run is in progress.",
        "cli.due.help": "the current step of every run in progress: who, ready since, due, time left/late",
        "cli.due.person": "only this person's tasks (part of a person's name or of a role)",
    },
)
