"""argparse's own words (usage, errors, help headings) and the command line's placeholders, in
both languages. argparse's words are keyed by its English text (the gettext msgid, as written in
Python 3.11's argparse.py), prefixed with "argparse:"; placeholders by "cli.mv.<name>"."""

from ..i18n import register

# argparse msgid -> Indonesian. English is the msgid itself.
ARGPARSE_ID = {
    "usage: ": "pemakaian: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "positional arguments": "argumen posisi",
    "options": "opsi",
    "subcommands": "subperintah",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak dikenal: %(value)r (pilih dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ignored explicit argument %r": "nilai %r tidak dipakai oleh opsi ini",
    "unexpected option string: %s": "opsi tidak terduga: %s",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "tidak dapat membuka '%(filename)s': %(error)s",
}

# Placeholders in usage lines and errors ("the following arguments are required: RUN").
METAVARS = {
    "COMMAND": ("PERINTAH", "COMMAND"), "FILE": ("BERKAS", "FILE"), "RUN": ("PELAKSANAAN", "RUN"),
    "STEP": ("LANGKAH", "STEP"), "TIME": ("WAKTU", "TIME"), "PATH": ("LOKASI", "PATH"),
    "NAME": ("NAMA", "NAME"), "EVENT": ("KEJADIAN", "EVENT"),
    "PATH_OR_REF": ("BERKAS_ATAU_RUJUKAN", "PATH_OR_REF"), "ACTOR": ("PELAKSANA", "ACTOR"),
    "OUTPUT": ("OUTPUT", "OUTPUT"), "NOTE": ("CATATAN", "NOTE"), "REASON": ("ALASAN", "REASON"),
    "TITLE": ("JUDUL", "TITLE"), "OPERATOR": ("OPERATOR", "OPERATOR"), "SOP": ("SOP", "SOP"),
}

register(
    id={**{"argparse:" + k: v for k, v in ARGPARSE_ID.items()},
        **{"cli.mv." + k.lower(): ids for k, (ids, _en) in METAVARS.items()},
        "cli.opt.version": "tampilkan versi program lalu keluar"},
    en={**{"argparse:" + k: k for k in ARGPARSE_ID},
        **{"cli.mv." + k.lower(): en for k, (_ids, en) in METAVARS.items()},
        "cli.opt.version": "show the program's version and exit"},
)
