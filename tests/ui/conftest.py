"""Fixtures for the interactive view: a small SOP written here, a config in a temporary folder, a
clock the test moves by hand, and helpers that wait until the screen has caught up."""

from __future__ import annotations

import shutil
from datetime import datetime
from typing import NamedTuple

import pytest

from soptui.app import SoptuiApp
from soptui.config import load_config
from soptui.service import RunService
from soptui.sopfile import load_file
from tests.conftest import SOPS, WIB, Clock

# Four steps; the decision at step 3 sends the work back to step 2.
MINI = '''
pelaksana = ["Kepala", "Staf"]

[identitas]
pemerintah = "Pemerintah Kabupaten Contoh"
unit = "Kecamatan Contoh"
nomor = "000/1/2026"
nama = "Contoh [uji]"
tanggal_pembuatan = 2026-01-05

[identitas.disahkan_oleh]
jabatan = "Camat Contoh"
nama = "Budi"
nip = "19700101 199001 1 001"

[[langkah]]
no = 1
kegiatan = "Memerintahkan penyusunan"
pelaksana = "Kepala"
waktu = "10 menit"
output = "Disposisi"

[[langkah]]
no = 2
kegiatan = "Menyusun konsep"
pelaksana = "Staf"
kelengkapan = ["Disposisi Kepala", "Data pendukung"]
waktu = "1 hari"
output = "Konsep"

[[langkah]]
no = 3
kegiatan = "Memeriksa konsep"
pelaksana = "Kepala"
kelengkapan = ["Konsep"]
waktu = "30 menit"
output = "Konsep diperiksa"
tidak = 2

[[langkah]]
no = 4
kegiatan = "Mengarsipkan"
pelaksana = "Staf"
waktu = ""
'''


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 8, 0, tzinfo=WIB))  # a Monday, office hours


@pytest.fixture
def config(tmp_path):
    sops = tmp_path / "sops"
    sops.mkdir()
    (sops / "mini.toml").write_text(MINI, encoding="utf-8")
    shutil.copy(SOPS / "kec-lumajang-perencanaan-kinerja.toml", sops)
    (tmp_path / "soptui.toml").write_text('sops_dir = "sops"\ndata_dir = "data"\noperator = "Operator Uji"\n'
                                          '[roster]\nKepala = "Bu Kepala"\n', encoding="utf-8")
    return load_config(str(tmp_path / "soptui.toml"))


@pytest.fixture
def service(config, clock) -> RunService:
    """Another process's view of the same data folder, set up as the command line sets it up."""
    from soptui.calendar import OfficeCalendar
    return RunService(config.data_dir, WIB, clock=clock, calendar=OfficeCalendar(config.calendar))


@pytest.fixture
def make_app(config, clock):
    def make(**kwargs) -> SoptuiApp:
        app = SoptuiApp(kwargs.pop("config", config), clock=clock, **kwargs)
        app.cursor_blink = False
        return app
    return make


def start_mini(service: RunService, config, title: str = "T", at: str = "2026-11-23T07:30") -> str:
    return service.start(load_file(config.sops_dir / "mini.toml"), title=title, operator="x",
                         at=datetime.fromisoformat(at).replace(tzinfo=WIB))


class FooterKeyShown(NamedTuple):
    key: str
    description: str
    right: int  # the column just past the key's label
    enabled: bool


def shown_keys(screen) -> list[FooterKeyShown]:
    """The keys a screen's footer shows, whole: home's one-widget line (widgets/keyline.py) or
    Textual's footer of a widget per key."""
    from soptui.widgets.keyline import KeyLine
    for line in screen.query(KeyLine):
        left = line.region.x
        return [FooterKeyShown(k.key, k.description, left + k.end, k.enabled) for k in line.shown]
    return [FooterKeyShown(k.key, k.description, k.region.right, not k.has_class("-disabled"))
            for k in screen.query("FooterKey") if k.region.width]


async def settle(pilot) -> None:
    """Let the screen finish what it does after a paint (tables filled, workers done)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def fill(pilot, **values) -> None:
    for name, value in values.items():
        pilot.app.screen.query_one(f"#f-{name}").value = value
    await pilot.pause()


async def submit(pilot) -> None:
    """Submit the dialog and wait until its record (a thread) and the re-read screen have landed."""
    await pilot.press("ctrl+s")
    await settle(pilot)


def error_text(app) -> str:
    return str(app.screen.query_one("#error").render())


def kinds(service: RunService, run_id: str) -> list[str]:
    return [e["kind"] for e in service.events(run_id)]
