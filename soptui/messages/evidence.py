"""Strings of evidence (evidence.py): files kept by hash, references by name."""

from ..i18n import register

register(
    id={
        "evidence.missing": ("bukti {path}: berkas itu tidak ada di sini; periksa path-nya. Untuk mencatatnya "
                             "sebagai rujukan (berkas yang disimpan di tempat lain), tulis ref:{path}"),
        "evidence.folder": "bukti {path}: itu folder, bukan berkas; pilih satu berkas",
        "evidence.special": ("bukti {path}: itu bukan berkas biasa (pipa bernama atau perangkat); tidak dibaca. "
                             "Pilih satu berkas"),
        "evidence.unreadable": "bukti {path}: berkas tidak dapat dibaca: {reason}",
        "evidence.empty_ref": "bukti: setelah ref: tuliskan nomor surat atau nama berkasnya",
    },
    en={
        "evidence.missing": ("evidence {path}: there is no such file here; check the path. To record it as a "
                             "reference (a file kept elsewhere), write ref:{path}"),
        "evidence.folder": "evidence {path}: that is a folder, not a file; choose one file",
        "evidence.special": ("evidence {path}: that is not a regular file (a named pipe or a device); it was not "
                             "read. Choose one file"),
        "evidence.unreadable": "evidence {path}: the file cannot be read: {reason}",
        "evidence.empty_ref": "evidence: after ref: write the letter number or the file's name",
    },
)
