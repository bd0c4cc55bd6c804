"""soptui.toml: lookup order, relative paths, unknown keys with hints."""

from __future__ import annotations

import pytest

from soptui.cli import main
from soptui.config import load_config
from soptui.errors import ConfigError


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_paths_are_relative_to_the_config_file(tmp_path):
    cfg = load_config(str(write(tmp_path / "x.toml", 'sops_dir = "lib"\ndata_dir = "d"\n')))
    assert cfg.sops_dir == tmp_path / "lib" and cfg.data_dir == tmp_path / "d"


def test_lookup_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("SOPTUI_CONFIG", raising=False)
    user = tmp_path / "xdg" / "soptui"
    user.mkdir(parents=True)
    write(user / "soptui.toml", 'operator = "user"\n')
    assert load_config().operator == "user"
    write(tmp_path / "soptui.toml", 'operator = "local"\n')
    assert load_config().operator == "local"
    monkeypatch.setenv("SOPTUI_CONFIG", str(write(tmp_path / "env.toml", 'operator = "env"\n')))
    assert load_config().operator == "env"
    assert load_config(str(write(tmp_path / "flag.toml", 'operator = "flag"\n'))).operator == "flag"


@pytest.mark.parametrize("text, fragment", [
    ('sop_dir = "x"\n', 'did you mean "sops_dir"'),
    ('lang = "de"\n', "lang must be one of"),
    ('[roster]\nSekretaris = 3\n', "'Sekretaris' must be a person's name"),
    ('lang = "id\n', "invalid TOML"),
])
def test_config_errors_name_the_file_and_key(tmp_path, text, fragment):
    path = write(tmp_path / "soptui.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert str(path) in str(info.value) and fragment in str(info.value)


def test_bad_config_gives_a_message_not_a_traceback(tmp_path, capsys):
    path = write(tmp_path / "soptui.toml", 'sop_dir = "x"\n')
    assert main(["--lang", "en", "--config", str(path), "list"]) == 1
    err = capsys.readouterr().err
    assert "did you mean" in err and "Traceback" not in err


def test_missing_config_file_named(tmp_path, capsys):
    assert main(["--config", str(tmp_path / "nope.toml"), "list"]) == 1
    assert "nope.toml" in capsys.readouterr().err


def test_roster_and_repo_config_load():
    from tests.conftest import ROOT
    cfg = load_config(str(ROOT / "soptui.toml"))
    assert cfg.sops_dir == ROOT / "sops" and cfg.calendar.timezone == "Asia/Jakarta"
    assert cfg.person_for("Nobody") == ""
