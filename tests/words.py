"""Words of one language that must never show in the other's interface.

Words both languages share (valid, folder, program, status, output, unit, operator, format)
are left out. Only words that the test SOPs' and runs' own data never use: SOP text is shown as written
(Indonesian in both languages), while the interface's own names for the SOP's columns are translated
(Pelaksana = Role, Kelengkapan = Requirements, as the design's glossary has them). "Mutu Baku", the
name of the SOP AP's standard, and the verdicts ya/tidak stay as the form writes them."""

from __future__ import annotations

import re

ENGLISH = re.compile(
    r"\b(the|and|of|to|is|are|for|with|from|not|Yes|matches|found|Search|Press|quit|Quit|want|theme|themes"
    r"|Toggle|Save|screenshot|Show|show|keys|help|Help|error|usage|required|invalid|choice|choose|arguments"
    r"|argument|options|message|exit|day|days|month|range|Loading|Step|step|Run|run|Done|done|Cancel|Record"
    r"|Close|Back|Summary|History|late|Late|Time|time|waiting|running|Running|finished|Open|Start|path|file"
    r"|Commands|Reload|Complete|Correct|Actor|Note|Evidence|Reason|confirm|Ready|since|Due|Activity"
    r"|Standard|Actual|Over|overdue|pending|now|progress|Export|Format|written|exists"
    r"|Overwrite|Prepared|Acknowledged|by|expected|unrecognized|ambiguous|could|match|line|column|character"
    r"|version|problems|positional)\b")
INDONESIAN = re.compile(
    r"\b(yang|dan|atau|untuk|dengan|belum|sudah|langkah|Langkah|pelaksanaan|Pelaksanaan|Cari|perintah"
    r"|Perintah|Tekan|keluar|Keluar|Batal|Simpan|berkas|kesalahan|selesai|Selesai|Tutup|Kembali|Ringkasan"
    r"|Catat|Riwayat|Bantuan|mnt|jam|hari|hr|cocok|Mulai|berjalan|terlambat|Batas|sejak|Siap|bukan|harus"
    r"|wajib|tema|pemakaian|argumen|opsi|Dikerjakan|oleh|Catatan|Bukti|Alasan|Waktu|waktu|menunggu|lewat"
    r"|Koreksi|Urungkan|Sebentar|Memuat|tanggal|bulan|tahun|ada|ini|itu|di|ke|dari|Ekspor|Mengetahui"
    r"|Dibuat|ditulis|Timpa|tersimpan|baris|kolom|karakter|perlu|pilihan|tampilkan|bantuan|sah|masalah"
    r"|Pelaksana|pelaksana|Kelengkapan|kelengkapan)\b")
OTHER = {"id": ENGLISH, "en": INDONESIAN}


def foreign_words(text: str, lang: str, *, allowed=frozenset()) -> list[str]:
    """The words of the language other than `lang` in `text`, in order."""
    return [w for w in OTHER[lang].findall(text) if w not in allowed]
