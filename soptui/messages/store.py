"""Strings of the run records on disk (soptui/store): damaged, missing or locked files.

File names and paths stay as they are; "it was left as it is" tells the reader nothing was
written over the damaged file.
"""

from ..i18n import register

register(
    id={
        "store.not_found": "{path}: berkas tidak ditemukan",
        "store.cannot_read": "{path}: tidak dapat dibaca: {reason}",
        "store.empty": "{path}: berkas kosong (rusak); berkas dibiarkan apa adanya",
        "store.not_json": ("{path}: rusak, bukan JSON yang sah (baris {line}, kolom {col}); berkas dibiarkan "
                           "apa adanya"),
        "store.not_text": "{path}: rusak, bukan teks (bita ke-{pos}); berkas dibiarkan apa adanya",
        "store.bad_event_key": ("{path}: rusak, kunci kejadian {key!r} bukan nomor kejadian; berkas dibiarkan "
                                "apa adanya"),
        "store.not_event": "{path}: rusak, kejadian #{key} bukan sebuah kejadian; berkas dibiarkan apa adanya",
        "store.head_mismatch": ("{path}: catatan berakhir pada kejadian #{last} tetapi kepalanya menyebut "
                                "#{head}; tidak ada yang ditulis (jalankan 'soptui verify')"),
        "store.not_tinydb": "{path}: rusak, bukan dokumen TinyDB; berkas dibiarkan apa adanya",
        "store.sequence_broken": "{path}: urutan kejadian terputus pada {seq} (seharusnya {expected})",
        "store.bad_run_id": "id pelaksanaan {run_id!r} tidak sah",
        "store.busy": ("{lock}: masih terkunci setelah ditunggu {timeout:.0f} detik; soptui lain sedang "
                       "menulis; coba lagi"),
        "store.run_exists": "{path}: pelaksanaan dengan id ini sudah ada",
        "store.no_run": "tidak ada pelaksanaan {run_id!r} di {folder}",
        "store.cannot_lock": "{lock}: kunci tidak dapat diambil: {reason}",
        "store.cannot_write": "{path}: tidak dapat ditulis: {reason}",
        "store.cannot_list": "{path}: isi folder tidak dapat dibaca: {reason}",
        "store.index_rebuilt": ("{path}: indeks pelaksanaan rusak dan telah dibangun ulang dari berkas "
                                "pelaksanaan (hanya indeks; tidak ada catatan yang hilang)"),
    },
    en={
        "store.not_found": "{path}: file not found",
        "store.cannot_read": "{path}: cannot read: {reason}",
        "store.empty": "{path}: file is empty (damaged); it was left as it is",
        "store.not_json": "{path}: damaged, not valid JSON (line {line}, column {col}); it was left as it is",
        "store.not_text": "{path}: damaged, not text (byte {pos}); it was left as it is",
        "store.bad_event_key": "{path}: damaged, event key {key!r} is not an event number; it was left as it is",
        "store.not_event": "{path}: damaged, event #{key} is not an event; it was left as it is",
        "store.head_mismatch": ("{path}: the record ends at event #{last} but its head says #{head}; nothing "
                                "was written (run 'soptui verify')"),
        "store.not_tinydb": "{path}: damaged, not a TinyDB document; it was left as it is",
        "store.sequence_broken": "{path}: event sequence broken at {seq} (expected {expected})",
        "store.bad_run_id": "invalid run id {run_id!r}",
        "store.busy": "{lock}: busy for {timeout:.0f} s; another soptui is writing; try again",
        "store.run_exists": "{path}: a run with this id already exists",
        "store.no_run": "no run {run_id!r} in {folder}",
        "store.cannot_lock": "{lock}: cannot take the lock: {reason}",
        "store.cannot_write": "{path}: cannot write: {reason}",
        "store.cannot_list": "{path}: cannot list the folder: {reason}",
        "store.index_rebuilt": ("{path}: the run index was damaged and has been rebuilt from the run files "
                                "(only the index; no record was lost)"),
    },
)
