"""Strings of the bounds on SOP files and Waktu cells (soptui.limits)."""

from ..i18n import register

register(
    id={
        "sop.is_folder": "ini folder, bukan berkas SOP",
        "sop.not_regular": "bukan berkas biasa (pipa, perangkat atau soket); SOP ditulis dalam berkas teks biasa",
        "sop.too_big": ("berkas berukuran {size} kB; berkas SOP paling besar {max} kB (SOP yang nyata "
                        "berukuran di bawah 20 kB)"),
        "sop.too_many_tables": ("lebih dari {max} judul tabel [..] (baris {line}); SOP memuat satu [[langkah]] "
                                "per langkah, paling banyak {steps}"),
        "sop.key_too_deep": "baris {line}: kunci bertitik dengan lebih dari {max} bagian",
        "sop.toml_too_deep": "TOML tidak sah: daftar atau tabel bersarang terlalu dalam",
        "sop.number_too_long": "bilangan atau tanggal lebih dari {max} karakter{at}",
        "sop.at_line": " (baris {line})",
        "sop.too_many_steps": "{n} langkah; SOP paling banyak memuat {max} langkah",
        "sop.too_many_roles": "{n} pelaksana; paling banyak {max}",
        "sop.too_many_items": "{n} butir; daftar paling banyak memuat {max} butir",
        "sop.text_too_long": "teks sepanjang {n} karakter; paling panjang {max}",
        "sop.item_too_long": "butir ke-{i} sepanjang {n} karakter; paling panjang {max}",
        "sop.more_problems": "masih ada {n} kesalahan lain yang tidak dicantumkan; perbaiki yang di atas lalu periksa lagi",
        "sop.gap_more": "({n} nomor seluruhnya)",
        "sop.kind.large_number": "bilangan yang sangat besar",
        "waktu.too_long_text": ("waktu {start!r}… sepanjang {n} karakter; isian Waktu paling panjang {max} karakter "
                                '(mis. "2 hari kerja")'),
        "waktu.too_many_digits": "waktu {original!r}: bilangan dengan lebih dari {max} angka",
    },
    en={
        "sop.is_folder": "this is a folder, not an SOP file",
        "sop.not_regular": "not an ordinary file (a pipe, device or socket); an SOP is a plain text file",
        "sop.too_big": "the file is {size} kB; an SOP file may be at most {max} kB (real SOPs are under 20 kB)",
        "sop.too_many_tables": ("more than {max} [..] table headings (line {line}); an SOP has one [[langkah]] "
                                "per step, at most {steps}"),
        "sop.key_too_deep": "line {line}: a dotted key with more than {max} parts",
        "sop.toml_too_deep": "invalid TOML: lists or tables nested too deeply",
        "sop.number_too_long": "a number or date of more than {max} characters{at}",
        "sop.at_line": " (line {line})",
        "sop.too_many_steps": "{n} steps; an SOP may have at most {max}",
        "sop.too_many_roles": "{n} roles; at most {max}",
        "sop.too_many_items": "{n} items; a list may have at most {max}",
        "sop.text_too_long": "a text of {n} characters; at most {max}",
        "sop.item_too_long": "item {i} has {n} characters; at most {max}",
        "sop.more_problems": "{n} more {n:error|errors} not listed; fix the ones above and check again",
        "sop.gap_more": "({n} {n:number|numbers} in all)",
        "sop.kind.large_number": "a very large number",
        "waktu.too_long_text": ('waktu {start!r}… is {n} characters long; a Waktu cell has at most {max} '
                                '(e.g. "2 hari kerja")'),
        "waktu.too_many_digits": "waktu {original!r}: a number with more than {max} digits",
    },
)
