"""soptui.toml -> a frozen Config. Unknown keys are errors with a hint.

Looked up in this order: --config FILE, $SOPTUI_CONFIG, ./soptui.toml, the user config folder
($XDG_CONFIG_HOME or ~/.config)/soptui/soptui.toml. With none, the defaults apply relative to
the current folder. Paths inside the file are relative to the file.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import NamedTuple

from .calsettings import CalendarSettings, calendar_settings_from_toml  # not calendar.py: its arithmetic loads later
from .configtable import checked_table
from .errors import ConfigError, did_you_mean
from .signature import SignatureSettings, signature_settings_from_toml
from .i18n import t
from .messages import config as _messages  # noqa: F401  (registers the config strings)

TOP_KEYS = ("sops_dir", "data_dir", "lang", "operator", "calendar", "roster", "keys", "signature",
            "monitoring")
# [monitoring]: the rule that suggests column 3 of the monitoring form (soptui.stats.forms.Rule).
MONITORING_KEYS = ("min_on_time", "max_rework_per_run", "rework_share")
LANGS = ("auto", "id", "en")


class Config(NamedTuple):
    sops_dir: Path
    data_dir: Path
    lang: str = "auto"
    operator: str = ""
    calendar: CalendarSettings = CalendarSettings()
    roster: tuple[tuple[str, str], ...] = ()  # (role, person); a tuple keeps the config hashable
    keys: tuple[tuple[str, str], ...] = ()    # (binding id, keys) for the TUI keymap
    monitoring: tuple[tuple[str, float], ...] = ()  # (key, value) of [monitoring]; defaults elsewhere
    path: Path | None = None
    signature: SignatureSettings = SignatureSettings()  # the signature block of printed summaries

    def person_for(self, role: str) -> str:
        return dict(self.roster).get(role, "")


def find_config_file(explicit: str | None = None, cwd: Path | None = None) -> Path | None:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(t("config.not_found", path=explicit))
        return path
    env = os.environ.get("SOPTUI_CONFIG")
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError(t("config.env_not_found", path=env))
        return path
    local = (cwd or Path.cwd()) / "soptui.toml"
    if local.is_file():
        return local
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    user = base / "soptui" / "soptui.toml"
    return user if user.is_file() else None


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    path = find_config_file(explicit, cwd)
    if path is None:
        here = cwd or Path.cwd()
        return Config(sops_dir=here / "sops", data_dir=here / "data")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        from .oserror import os_reason
        raise ConfigError(t("config.cannot_read", path=path, reason=os_reason(exc)))
    except UnicodeDecodeError:
        raise ConfigError(t("config.not_utf8", path=path))
    except tomllib.TOMLDecodeError as exc:
        from .tomltext import toml_reason  # tomllib says it in English
        raise ConfigError(t("config.invalid_toml", path=path, error=toml_reason(exc)))
    return config_from_dict(data, path)


def config_from_dict(data: dict, path: Path) -> Config:
    where = str(path)
    checked_table(data, where, TOP_KEYS)
    base = path.parent

    def folder(key: str, default: str) -> Path:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(t("config.not_folder", where=where, key=key))
        p = Path(os.path.expanduser(value))
        return p if p.is_absolute() else (base / p)

    lang = data.get("lang", "auto")
    if lang not in LANGS:
        raise ConfigError(t("config.bad_lang", where=where, choices=", ".join(LANGS), value=lang,
                             hint=did_you_mean(lang, LANGS)))
    operator = data.get("operator", "")
    if not isinstance(operator, str):
        raise ConfigError(t("config.operator_not_text", where=where))
    calendar_table = checked_table(data.get("calendar", {}), where, not_table="config.calendar_not_table")
    calendar = calendar_settings_from_toml(calendar_table, f"{where} [calendar]")
    return Config(sops_dir=folder("sops_dir", "sops"), data_dir=folder("data_dir", "data"),
                  lang=lang, operator=operator.strip(), calendar=calendar,
                  roster=_pairs(data.get("roster", {}), f"{where} [roster]", "config.what.person"),
                  keys=_pairs(data.get("keys", {}), f"{where} [keys]", "config.what.keys"),
                  path=path,
                  signature=signature_settings_from_toml(data.get("signature", {}), f"{where} [signature]"),
                  monitoring=_monitoring(data.get("monitoring", {}), f"{where} [monitoring]"))


def _pairs(table, where: str, what: str) -> tuple[tuple[str, str], ...]:
    """A table of text values; `what` is the message key naming the expected value."""
    for key, value in checked_table(table, where).items():
        if not isinstance(value, str):
            raise ConfigError(t("config.bad_value", where=where, key=key, what=t(what)))
    return tuple((k, v.strip()) for k, v in table.items())


def _monitoring(table, where: str) -> tuple[tuple[str, float], ...]:
    """[monitoring]: shares between 0 and 1 (min_on_time, rework_share), loops per run >= 0."""
    from .messages import stats as _stats_messages  # noqa: F401
    out = []
    for key, value in checked_table(table, where, MONITORING_KEYS).items():
        limit = None if key == "max_rework_per_run" else 1
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or (limit and value > limit):
            raise ConfigError(t("config.monitoring_value", where=where, key=key, value=value,
                                 limit="0 … 1" if limit else ">= 0"))
        out.append((key, float(value)))
    return tuple(out)
