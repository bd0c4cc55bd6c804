"""Strings of the command line."""

from ..i18n import register

register(
    id={
        "cli.description": "soptui: SOP AP sebagai daftar periksa terpandu, catatan pelaksanaan dan kepatuhan waktu Mutu Baku.",
        "cli.opt.config": "berkas konfigurasi (bawaan: $SOPTUI_CONFIG, ./soptui.toml, lalu folder konfigurasi pengguna)",
        "cli.opt.lang": "bahasa antarmuka: id atau en",
        "cli.check.help": "periksa berkas SOP (bawaan: folder SOP yang dikonfigurasi)",
        "cli.check.ok": "valid",
        "cli.check.review": "baris {line}: perlu diperiksa",
        "cli.check.total": "{ok} berkas valid, {bad} bermasalah",
        "cli.list.help": "daftar SOP di perpustakaan",
        "cli.list.skipped": "{path}: dilewati, {n} masalah (jalankan 'soptui check')",
        "cli.show.help": "tampilkan satu SOP seperti dokumen SOP AP",
        "cli.show.flowchart_help": "cetak diagram alirnya (satu lajur per pelaksana), bukan dokumennya",
        "cli.sop.unknown": "SOP '{key}' tidak ditemukan{hint}. SOP yang ada: {ids}",
        "cli.bad_now": "SOPTUI_NOW={value!r} bukan waktu ISO 8601 (contoh 2026-11-23T10:00:00+07:00)",
        "cli.not_utf8": "argumen ke-{n} bukan teks UTF-8 yang sah ({arg}); tidak ada yang dicatat",
        "cli.tui.needs_terminal": "soptui: tampilan interaktif memerlukan terminal; gunakan perintah seperti 'soptui list' atau 'soptui status'.",
        "cli.run.help": "mulai pelaksanaan baru suatu SOP di tampilan interaktif",
        "cli.resume.help": "lanjutkan pelaksanaan di tampilan interaktif",
    },
    en={
        "cli.description": "soptui: SOP AP guided checklists, run records and Mutu Baku timing compliance.",
        "cli.opt.config": "config file (default: $SOPTUI_CONFIG, ./soptui.toml, then the user config folder)",
        "cli.opt.lang": "interface language: id or en",
        "cli.check.help": "validate SOP files (default: the configured SOP folder)",
        "cli.check.ok": "valid",
        "cli.check.review": "line {line}: to review",
        "cli.check.total": "{ok} valid, {bad} with problems",
        "cli.list.help": "list the SOPs in the library",
        "cli.list.skipped": "{path}: skipped, {n} {n:problem|problems} (run 'soptui check')",
        "cli.show.help": "show one SOP as an SOP AP document",
        "cli.show.flowchart_help": "print its flowchart (one lane per pelaksana) instead of the document",
        "cli.sop.unknown": "no SOP '{key}'{hint}. Known SOPs: {ids}",
        "cli.bad_now": "SOPTUI_NOW={value!r} is not an ISO 8601 time (e.g. 2026-11-23T10:00:00+07:00)",
        "cli.not_utf8": "argument {n} is not valid UTF-8 text ({arg}); nothing was recorded",
        "cli.tui.needs_terminal": "soptui: the interactive view needs a terminal; use commands such as 'soptui list' or 'soptui status'.",
        "cli.run.help": "start a new run of an SOP in the interactive view",
        "cli.resume.help": "resume a run in the interactive view",
    },
)
