"""The system's common reasons for refusing a file (soptui/oserror.py), by errno name."""

from ..i18n import register

register(
    id={
        "os.eacces": "Izin ditolak", "os.eperm": "Tidak diizinkan", "os.enoent": "Berkas atau folder tidak ada",
        "os.enospc": "Ruang disk habis", "os.edquot": "Kuota disk habis",
        "os.erofs": "Disk hanya bisa dibaca", "os.eisdir": "Itu sebuah folder",
        "os.enotdir": "Bagian jalurnya bukan folder", "os.eexist": "Sudah ada",
        "os.enametoolong": "Nama terlalu panjang", "os.eio": "Kesalahan baca/tulis pada perangkat",
        "os.ebusy": "Sedang dipakai", "os.etxtbsy": "Sedang dipakai", "os.emfile": "Terlalu banyak berkas terbuka",
        "os.eloop": "Tautan simbolis berputar",
        "os.not_regular": "Bukan berkas biasa (pipa atau perangkat)",
    },
    en={  # as the C library says them
        "os.eacces": "Permission denied", "os.eperm": "Operation not permitted",
        "os.enoent": "No such file or directory", "os.enospc": "No space left on device",
        "os.edquot": "Disk quota exceeded", "os.erofs": "Read-only file system", "os.eisdir": "Is a directory",
        "os.enotdir": "Not a directory", "os.eexist": "File exists", "os.enametoolong": "File name too long",
        "os.eio": "Input/output error", "os.ebusy": "Device or resource busy", "os.etxtbsy": "Text file busy",
        "os.emfile": "Too many open files", "os.eloop": "Too many levels of symbolic links",
        "os.not_regular": "Not a regular file (a pipe or a device)",
    },
)
