"""SHA-256 of the run records (the event chain and the frozen SOP copy), from the standard
library's hashlib (its start-up cost is the benchmarks' business, not a reason for private
modules)."""

from __future__ import annotations

from hashlib import sha256


def sha256_hex(data: bytes) -> str:
    return sha256(data).hexdigest()
