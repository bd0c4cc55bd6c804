"""soptui.toml, [calendar] and run-store errors speak the active language (Bahasa Indonesia here)
and still name the file, key and value to fix."""

from __future__ import annotations

from datetime import date

import pytest

from soptui import i18n
from soptui.calendar import calendar_settings_from_toml
from soptui.cli import main
from soptui.config import load_config
from soptui.errors import ConfigError, StoreError
from soptui.store import AtomicJSONStorage, Store


@pytest.fixture
def indonesian():
    i18n.set_lang("id")
    try:
        yield
    finally:
        i18n.set_lang("en")


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_config_key_in_indonesian_with_hint(tmp_path, indonesian):
    path = write(tmp_path / "soptui.toml", 'sop_dir = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    message = str(info.value)
    assert message.startswith(f"{path}: kunci 'sop_dir' tidak dikenal (")
    hint = message[len(str(path)):]  # the hint's wording lives in messages/common.py
    assert '"sops_dir"' in hint and "did you mean" not in hint


@pytest.mark.parametrize("text, fragments", [
    ('lang = "de"\n', ["lang harus salah satu dari auto, id, en, bukan 'de'"]),
    ('[roster]\nSekretaris = 3\n', ["[roster]: 'Sekretaris' harus berupa nama orang"]),
    ('lang = "id\n', ["TOML tidak sah"]),
    ('[calendar]\n[calendar]\n', ["[calendar] ditulis dua kali (baris 2"]),  # not Python's "('calendar',)"
    ('[calendar.hours]\n[calendar.hours]\n', ["[calendar.hours] ditulis dua kali"]),
    ('[calendar]\ntimezone = "Asia/Jakart"\n',
     ["[calendar]: timezone 'Asia/Jakart' bukan zona waktu yang dikenal", "Asia/Jakarta (WIB)"]),
])
def test_config_errors_in_indonesian_name_the_file_and_value(tmp_path, indonesian, text, fragments):
    path = write(tmp_path / "soptui.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    message = str(info.value)
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize("table, expected", [
    ({"timezone": "WIB"}, "soptui.toml [calendar]: timezone 'WIB' bukan zona waktu yang dikenal "
                          "(misalnya Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT))"),
    ({"hours": {"monday": "7.30-16.00", "tuesday": "16:00-07:30"}},
     "soptui.toml [calendar] hours.tuesday: '16:00-07:30' berakhir sebelum dimulai"),
    ({"hours": {"monday": {"start": "07:30", "end": "16:00", "breaks": ["06:00-07:00"]}}},
     "soptui.toml [calendar] hours.monday.breaks: 06:00-07:00 berada di luar jam kerja 07:30-16:00"),
    ({"days_off": [date(2026, 12, 24)], "worked_holidays": [date(2026, 12, 24)]},
     "soptui.toml [calendar]: 2026-12-24 tercantum di days_off dan juga di worked_holidays"),
    ({"hours": {"saturday": {"start": "07:30"}}},
     'soptui.toml [calendar] hours.saturday: end wajib diisi, misalnya end = "07:30"'),
])
def test_calendar_errors_in_indonesian(indonesian, table, expected):
    with pytest.raises(ConfigError) as info:
        calendar_settings_from_toml(table, "soptui.toml [calendar]")
    assert str(info.value) == expected


def test_calendar_errors_follow_the_language_at_raise_time():
    table = {"use_holidays": "ya"}
    with pytest.raises(ConfigError, match="must be true or false"):
        calendar_settings_from_toml(table)
    i18n.set_lang("id")
    try:
        with pytest.raises(ConfigError, match="harus bernilai true atau false"):
            calendar_settings_from_toml(table)
    finally:
        i18n.set_lang("en")


def test_store_errors_in_indonesian(tmp_path, indonesian):
    store = Store(tmp_path / "data")
    with pytest.raises(StoreError) as info:
        store.run_path("../rahasia")
    assert str(info.value) == "id pelaksanaan '../rahasia' tidak sah"
    with pytest.raises(StoreError) as info:
        with store.transaction("tidak-ada"):
            pass
    assert str(info.value) == f"tidak ada pelaksanaan 'tidak-ada' di {tmp_path / 'data' / 'runs'}"
    damaged = tmp_path / "run.json"
    damaged.write_text("")
    with pytest.raises(StoreError) as info:
        AtomicJSONStorage(damaged).read()
    assert str(info.value) == f"{damaged}: berkas kosong (rusak); berkas dibiarkan apa adanya"


def test_cli_prints_the_config_error_in_the_chosen_language(tmp_path, capsys):
    path = write(tmp_path / "soptui.toml", '[calendar]\ntimzone = "Asia/Jakarta"\n')
    try:
        assert main(["--lang", "id", "--config", str(path), "list"]) == 1
        err = capsys.readouterr().err
        assert "kunci 'timzone' tidak dikenal" in err and "Traceback" not in err
    finally:
        i18n.set_lang("en")
    assert main(["--lang", "en", "--config", str(path), "list"]) == 1
    assert "unknown key 'timzone'" in capsys.readouterr().err
