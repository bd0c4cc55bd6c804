"""Bounds on what a SOP file may hold (documented in docs/sop-format.md, "Limits").

A damaged or hostile file is refused quickly, with a message, instead of costing minutes or
gigabytes. Real SOP AP documents sit far inside every bound: the bundled files are 7-8 kB, with
8-12 steps, 4-6 Pelaksana columns, boxes of at most 6 items and texts of at most 300 characters.
"""

# The whole file, checked before TOML parsing. This also bounds one file's cost: on the worst
# input tomllib reads about 1 MB a second and builds up to ~120 bytes of objects per byte.
MAX_FILE_BYTES = 256 * 1024
# Shapes on which tomllib costs more than the file's size suggests: [table] headings and parts
# of one dotted key (`identitas.disahkan_oleh.nama` has three) cost time in proportion to their
# product, quadratic for one long key; a number token costs ~150 bytes of memory per character.
MAX_TABLES = 1_100
MAX_KEY_PARTS = 8
MAX_NUMBER_CHARS = 100
# Steps: numbers 1..MAX_STEP_NO, so never more steps than that.
MAX_STEP_NO = 999
MAX_STEPS = MAX_STEP_NO
MAX_ROLES = 50  # Pelaksana columns
MAX_LIST_ITEMS = 200  # items in one of the six boxes or in one step's kelengkapan
MAX_TEXT_CHARS = 5_000  # any one text: kegiatan, output, a box item, identity fields, ...
MAX_NOTE_CHARS = 20_000  # catatan_konversi: free notes on the conversion
MAX_NAME_CHARS = 200  # one Pelaksana name
MAX_PROBLEMS = 100  # problems listed per file; the rest are counted

# Waktu: a cell is a short phrase ("paling lambat 3 (tiga) hari kerja" is 33 characters).
MAX_WAKTU_CHARS = 200
MAX_WAKTU_DIGITS = 12  # 10**12 seconds is already far beyond MAX_WAKTU_YEARS
MAX_WAKTU_YEARS = 10
