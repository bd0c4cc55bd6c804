"""Strings of soptui.toml: the config file itself (config.py), its [calendar] table and the
office calendar (calendar.py).

Key names, table names, file names, TOML syntax and example values (Asia/Jakarta, 07:30,
2026-12-31) stay as they are written in the file: the messages point at what to change there.
"""

from ..i18n import register

register(
    id={
        # config.py
        "config.not_found": "{path}: berkas konfigurasi tidak ditemukan",
        "config.env_not_found": "{path}: berkas konfigurasi yang ditunjuk SOPTUI_CONFIG tidak ditemukan",
        "config.cannot_read": "{path}: tidak dapat dibaca: {reason}",
        "config.not_utf8": "{path}: bukan teks UTF-8",
        "config.invalid_toml": "{path}: TOML tidak sah: {error}",
        "config.unknown_key": "{where}: kunci {key!r} tidak dikenal{hint}",
        "config.not_folder": "{where}: {key} harus berupa teks berisi path folder",
        "config.bad_lang": "{where}: lang harus salah satu dari {choices}, bukan {value!r}{hint}",
        "config.operator_not_text": "{where}: operator harus berupa teks",
        "config.calendar_not_table": "{where}: [calendar] harus berupa tabel",
        "config.not_table": "{where}: harus berupa tabel",
        "config.bad_value": "{where}: {key!r} harus berupa {what}",
        "config.what.person": "nama orang",
        "config.what.keys": 'tombol seperti "ctrl+d"',
        # calendar.py: the [calendar] table
        "calendar.bad_timezone": ("{where}: timezone {value!r} bukan zona waktu yang dikenal (misalnya "
                                  "Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT))"),
        "calendar.categories_not_list": ('{where}: holiday_categories {value!r} harus berupa daftar seperti '
                                         '["public", "government"]'),
        "calendar.unknown_category": "{where}: holiday_categories: kategori {value!r} tidak dikenal{hint}",
        "calendar.use_holidays_not_bool": "{where}: use_holidays {value!r} harus bernilai true atau false",
        "calendar.no_office_hours": ("{where}: semua hari dalam seminggu libur; sekurang-kurangnya satu hari "
                                     "harus memiliki jam kerja"),
        "calendar.off_and_worked": "{where}: {day} tercantum di days_off dan juga di worked_holidays",
        "calendar.week_not_table": '{where}: harus berupa tabel per hari, misalnya monday = "07:30-16:00"',
        "calendar.unknown_weekday": "{where}: nama hari {name!r} tidak dikenal{hint}",
        "calendar.not_clock": '{where}: {value!r} bukan jam seperti "07:30"',
        "calendar.not_span": '{where}: {value!r} harus ditulis seperti "12:00-13:00"',
        "calendar.span_inverted": "{where}: {value!r} berakhir sebelum dimulai",
        "calendar.bad_day": ('{where}: {value!r} harus berupa "off", "07:30-16:00" atau '
                             '{{ start = "07:30", end = "16:00", breaks = ["12:00-13:00"] }}'),
        "calendar.day_needs": '{where}: {key} wajib diisi, misalnya {key} = "07:30"',
        "calendar.end_not_after_start": "{where}: end {end:%H:%M} tidak lebih lambat dari start {start:%H:%M}",
        "calendar.breaks_not_list": '{where}: {value!r} harus berupa daftar seperti ["12:00-13:00"]',
        "calendar.break_outside": ("{where}: {a:%H:%M}-{b:%H:%M} berada di luar jam kerja "
                                   "{start:%H:%M}-{end:%H:%M}"),
        "calendar.dates_not_list": "{where}: {value!r} harus berupa daftar tanggal seperti [2026-12-31]",
        "calendar.not_date": "{where}: {value!r} bukan tanggal seperti 2026-12-31",
        "calendar.periods_not_list": "{where}: {value!r} harus berupa daftar pasangan tanggal [awal, akhir]",
        "calendar.not_period": "{where}: {value!r} harus berupa pasangan tanggal [awal, akhir]",
        "calendar.period_inverted": "{where}: {first} sampai {last} berakhir sebelum dimulai",
        # calendar.py: the office calendar at work
        "calendar.no_working_day": ("kalender kantor tidak memiliki hari kerja dalam sepuluh tahun: "
                                    "periksa [calendar]"),
        "calendar.no_working_time": ("kalender kantor tidak memiliki jam kerja dalam sepuluh tahun: "
                                     "periksa [calendar]"),
    },
    en={
        # config.py
        "config.not_found": "{path}: config file not found",
        "config.env_not_found": "{path}: config file named by SOPTUI_CONFIG not found",
        "config.cannot_read": "{path}: cannot read: {reason}",
        "config.not_utf8": "{path}: not UTF-8 text",
        "config.invalid_toml": "{path}: invalid TOML: {error}",
        "config.unknown_key": "{where}: unknown key {key!r}{hint}",
        "config.not_folder": "{where}: {key} must be a folder path as text",
        "config.bad_lang": "{where}: lang must be one of {choices}, got {value!r}{hint}",
        "config.operator_not_text": "{where}: operator must be text",
        "config.calendar_not_table": "{where}: [calendar] must be a table",
        "config.not_table": "{where}: must be a table",
        "config.bad_value": "{where}: {key!r} must be {what}",
        "config.what.person": "a person's name",
        "config.what.keys": 'keys such as "ctrl+d"',
        # calendar.py: the [calendar] table
        "calendar.bad_timezone": ("{where}: timezone {value!r} is not a known time zone (e.g. "
                                  "Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT))"),
        "calendar.categories_not_list": ('{where}: holiday_categories {value!r} must be a list such as '
                                         '["public", "government"]'),
        "calendar.unknown_category": "{where}: holiday_categories: unknown category {value!r}{hint}",
        "calendar.use_holidays_not_bool": "{where}: use_holidays {value!r} must be true or false",
        "calendar.no_office_hours": "{where}: every weekday is off; at least one needs office hours",
        "calendar.off_and_worked": "{where}: {day} is both in days_off and in worked_holidays",
        "calendar.week_not_table": '{where}: must be a table of weekdays, e.g. monday = "07:30-16:00"',
        "calendar.unknown_weekday": "{where}: unknown weekday {name!r}{hint}",
        "calendar.not_clock": '{where}: {value!r} is not a time of day such as "07:30"',
        "calendar.not_span": '{where}: {value!r} must look like "12:00-13:00"',
        "calendar.span_inverted": "{where}: {value!r} ends before it starts",
        "calendar.bad_day": ('{where}: {value!r} must be "off", "07:30-16:00" or '
                             '{{ start = "07:30", end = "16:00", breaks = ["12:00-13:00"] }}'),
        "calendar.day_needs": '{where}: needs {key}, e.g. {key} = "07:30"',
        "calendar.end_not_after_start": "{where}: end {end:%H:%M} is not after start {start:%H:%M}",
        "calendar.breaks_not_list": '{where}: {value!r} must be a list such as ["12:00-13:00"]',
        "calendar.break_outside": "{where}: {a:%H:%M}-{b:%H:%M} is outside {start:%H:%M}-{end:%H:%M}",
        "calendar.dates_not_list": "{where}: {value!r} must be a list of dates such as [2026-12-31]",
        "calendar.not_date": "{where}: {value!r} is not a date such as 2026-12-31",
        "calendar.periods_not_list": "{where}: {value!r} must be a list of [first, last] date pairs",
        "calendar.not_period": "{where}: {value!r} must be a [first, last] pair of dates",
        "calendar.period_inverted": "{where}: {first} to {last} ends before it starts",
        # calendar.py: the office calendar at work
        "calendar.no_working_day": "the office calendar has no working day in ten years: check [calendar]",
        "calendar.no_working_time": "the office calendar has no working time in ten years: check [calendar]",
    },
)
