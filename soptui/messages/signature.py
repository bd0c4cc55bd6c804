"""Strings of the signature block of printed summaries and of soptui.toml's [signature] table."""

from ..i18n import register

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")

register(
    id={
        "signature.acknowledged": "Mengetahui",
        "signature.prepared": "Dibuat oleh",
        "signature.operator": "Operator",
        "signature.nip": "NIP. {nip}",
        "signature.heading": "Tanda tangan",
        "signature.show_not_bool": "{where}: show {value!r} harus bernilai true atau false",
        "signature.what.text": "teks",
        "signature.extra_not_list": ('{where}: extra harus berupa daftar penanda tangan, misalnya '
                                     '[[signature.extra]] caption = "Menyetujui"'),
        "signature.extra_not_table": "{where}: harus berupa tabel dengan caption, position, name, nip",
        "signature.extra_empty": "{where}: isi sekurang-kurangnya position atau name",
        **{f"signature.month.{i}": name for i, name in enumerate(MONTHS_ID, start=1)},
    },
    en={
        "signature.acknowledged": "Acknowledged by",
        "signature.prepared": "Prepared by",
        "signature.operator": "Operator",
        "signature.nip": "NIP. {nip}",
        "signature.heading": "Signatures",
        "signature.show_not_bool": "{where}: show {value!r} must be true or false",
        "signature.what.text": "text",
        "signature.extra_not_list": ('{where}: extra must be a list of signers, e.g. '
                                     '[[signature.extra]] caption = "Menyetujui"'),
        "signature.extra_not_table": "{where}: must be a table with caption, position, name, nip",
        "signature.extra_empty": "{where}: give at least a position or a name",
        **{f"signature.month.{i}": name for i, name in enumerate(MONTHS_EN, start=1)},
    },
)
