"""SHA-256 of the run records (the event chain and the frozen SOP copy).

CPython's own SHA-256, the implementation hashlib itself falls back to, loads in 0.3 ms; hashlib
first loads OpenSSL, 4 ms at the start of every command that reads a run (the summary checks the
chain). The digests are the same; where the module is missing, hashlib is used.
"""

from __future__ import annotations

try:
    from _sha2 import sha256 as _sha256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256 as _sha256  # Python 3.11
    except ImportError:  # a Python built without them
        from hashlib import sha256 as _sha256


def sha256_hex(data: bytes) -> str:
    return _sha256(data).hexdigest()
