"""Strings of the summary screen's export (screens/export.py)."""

from ..i18n import register

register(
    id={
        "bind.export": "Ekspor", "tip.export": "Simpan ringkasan sebagai XLSX, HTML atau HTML siap cetak (A4)",
        "bind.export_save": "Simpan", "tip.export_save": "Tulis berkas ringkasan ke folder itu",
        "bind.overwrite_keep": "Biarkan", "tip.overwrite_keep": "Jangan timpa berkas yang sudah ada",
        "help.summary": ("Panah, PgUp/PgDn dan tetikus untuk menggulir. e menyimpan ringkasan sebagai XLSX, HTML "
                         "atau HTML siap cetak (A4) dengan blok tanda tangan (atur di soptui.toml, [signature]) "
                         "ke folder pilihan; berkas yang sudah ada hanya ditimpa setelah Anda setujui."),
        "export.title": "Ekspor ringkasan",
        "export.intro": "Pelaksanaan {run}: ringkasan diukur sekarang, dengan blok tanda tangan dari soptui.toml.",
        "export.folder": "Folder",
        "export.folder_hint": "folder tujuan (bawaan: folder sekarang)",
        "export.kind.xlsx": "XLSX (lembar kerja)",
        "export.kind.html": "HTML (dibuka di peramban)",
        "export.kind.print": "HTML siap cetak (A4, untuk ditandatangani)",
        "export.target": "Berkas: {path}",
        "export.write": "Simpan",
        "export.written": "Ringkasan tersimpan: {path}",
        "export.kept": "{path} sudah ada dan tidak ditimpa; pilih folder atau format lain",
        "export.overwrite.title": "Berkas sudah ada",
        "export.overwrite.question": "{path} sudah ada. Timpa dengan ringkasan baru?",
        "export.overwrite.yes": "Timpa",
        "export.overwrite.no": "Biarkan",
    },
    en={
        "bind.export": "Export", "tip.export": "Save the summary as XLSX, HTML or print-ready HTML (A4)",
        "bind.export_save": "Save", "tip.export_save": "Write the summary file into that folder",
        "bind.overwrite_keep": "Keep", "tip.overwrite_keep": "Do not replace the file that is there",
        "help.summary": ("Arrows, PgUp/PgDn and the mouse scroll. e saves the summary as XLSX, HTML or print-ready "
                         "HTML (A4) with a signature block (set in soptui.toml, [signature]) into a folder you pick; "
                         "a file already there is replaced only once you agree."),
        "export.title": "Export the summary",
        "export.intro": "Run {run}: the summary as measured now, with the signature block from soptui.toml.",
        "export.folder": "Folder",
        "export.folder_hint": "where to save (default: the current folder)",
        "export.kind.xlsx": "XLSX (spreadsheet)",
        "export.kind.html": "HTML (opens in a browser)",
        "export.kind.print": "Print-ready HTML (A4, for signing)",
        "export.target": "File: {path}",
        "export.write": "Save",
        "export.written": "Summary saved: {path}",
        "export.kept": "{path} is already there and was kept; choose another folder or format",
        "export.overwrite.title": "The file is already there",
        "export.overwrite.question": "{path} is already there. Replace it with the new summary?",
        "export.overwrite.yes": "Replace",
        "export.overwrite.no": "Keep",
    },
)
