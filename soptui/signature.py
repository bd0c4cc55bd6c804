"""The signature block of printed summaries, as offices sign them.

    Mengetahui,                                   Malang, 2 Desember 2026
    Camat Karangploso                             Dibuat oleh,
                                                  Staf Perencanaan
    (space to sign)                               (space to sign)
    Drs. Nama Camat                               Nama Operator
    Pembina Tk. I                                 (rank lines, when any signer has one)
    NIP. 19700101 199001 1 001                    NIP. ……………

The approver is the SOP's `disahkan_oleh`, the preparer the run's operator; soptui.toml's
[signature] table sets the place, whether the block is shown, the preparer's position and NIP and
any further signers. Pure: settings from TOML, and the block as data for the renderers.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from .configtable import checked_table
from .errors import ConfigError
from .i18n import t
from .messages import signature as _messages  # noqa: F401

KEYS = ("show", "place", "preparer_position", "preparer_nip", "extra")
EXTRA_KEYS = ("caption", "position", "name", "nip", "rank")


class Signer(NamedTuple):
    caption: str   # "Mengetahui", "Dibuat oleh", "Menyetujui"
    position: str  # jabatan
    name: str
    nip: str = ""
    rank: str = ""  # pangkat/golongan, under the name ("Pembina Tk. I")


class SignatureSettings(NamedTuple):
    show: bool = True
    place: str = ""
    preparer_position: str = ""
    preparer_nip: str = ""
    extra: tuple[Signer, ...] = ()


def signature_settings_from_toml(table, where: str) -> SignatureSettings:
    """[signature] -> settings; a wrong key or value is a ConfigError naming it."""
    checked_table(table, where, KEYS)
    show = table.get("show", True)
    if not isinstance(show, bool):
        raise ConfigError(t("signature.show_not_bool", where=where, value=show))
    texts = {}
    for key in ("place", "preparer_position", "preparer_nip"):
        value = table.get(key, "")
        if not isinstance(value, str):
            raise ConfigError(t("config.bad_value", where=where, key=key, what=t("signature.what.text")))
        texts[key] = value.strip()
    extra = table.get("extra", [])
    if not isinstance(extra, list):
        raise ConfigError(t("signature.extra_not_list", where=where))
    signers = []
    for i, entry in enumerate(extra, start=1):
        at = f"{where} extra #{i}"
        checked_table(entry, at, EXTRA_KEYS, not_table="signature.extra_not_table")
        values = {}
        for key in EXTRA_KEYS:
            value = entry.get(key, "")
            if not isinstance(value, str):
                raise ConfigError(t("config.bad_value", where=at, key=key, what=t("signature.what.text")))
            values[key] = value.strip()
        if not values["position"] and not values["name"]:
            raise ConfigError(t("signature.extra_empty", where=at))
        signers.append(Signer(values["caption"] or t("signature.acknowledged"), values["position"],
                              values["name"], values["nip"], values["rank"]))
    return SignatureSettings(show, texts["place"], texts["preparer_position"], texts["preparer_nip"],
                             tuple(signers))


def long_date(moment: datetime) -> str:
    """"2 Desember 2026" / "2 December 2026"."""
    return f"{moment.day} {t(f'signature.month.{moment.month}')} {moment.year}"


def signature_block(data: dict, settings: SignatureSettings | None, tz) -> dict | None:
    """The block for summary `data` (report.figures.summary_data), in the current language; None
    when soptui.toml says not to show it. Values are data: the renderers escape them."""
    settings = settings or SignatureSettings()
    if not settings.show:
        return None
    approver = data["sop"]["disahkan_oleh"]
    day = long_date(datetime.fromisoformat(data["run"]["measured_at"]).astimezone(tz))
    signers = [
        Signer(t("signature.acknowledged"), approver["jabatan"], approver["nama"], approver["nip"],
               approver.get("pangkat") or ""),
        *settings.extra,
        Signer(t("signature.prepared"), settings.preparer_position or t("signature.operator"),
               data["run"]["operator"], settings.preparer_nip),
    ]
    return {"place_date": f"{settings.place}, {day}" if settings.place else day,
            "signers": [{"caption": s.caption + ",", "position": s.position, "name": s.name, "rank": s.rank,
                         "nip": t("signature.nip", nip=s.nip or "……………………")} for s in signers]}
