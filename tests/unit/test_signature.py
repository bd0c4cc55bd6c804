"""The signature block of printed summaries: who signs (the SOP's approver, the operator, extra
signers from soptui.toml), place and date, escaped in HTML, neutralised in XLSX; [signature]
errors named clearly; the command line's `summary --format html` carries it too."""

from __future__ import annotations

import io
import json
import re
import tomllib

import pytest
from openpyxl import load_workbook

from soptui import i18n, runs
from soptui.calendar import OfficeCalendar
from soptui.cli import main
from soptui.config import config_from_dict
from soptui.errors import ConfigError
from soptui.report import export
from soptui.signature import SignatureSettings, Signer
from soptui.timing import time_run
from tests.conftest import DATA
from tests.unit.test_timing import at

NOW = at("2026-12-02T09:00")
JABATAN = 'Camat <b>Contoh</b> & "Co"'
OPERATOR = '=HYPERLINK("http://x.example","klik")'


@pytest.fixture
def run():
    text = (DATA / "valid" / "mini.toml").read_text("utf-8")
    text = text.replace('jabatan = "Camat Contoh"', 'jabatan = ' + json.dumps(JABATAN))
    text = text.replace('nama = "Budi"', 'nama = "<i>Budi</i>"')
    assert tomllib.loads(text)["identitas"]["disahkan_oleh"]["jabatan"] == JABATAN
    docs = runs.start_run("mini", text, title="Renja", operator=OPERATOR, timezone="Asia/Jakarta",
                          at=at("2026-12-01T08:00"), now=NOW)
    state = runs.fold(docs, "r")
    return state, time_run(state, OfficeCalendar(), NOW)


SETTINGS = SignatureSettings(place="Malang <Kota>", preparer_position="Staf Perencanaan",
                             preparer_nip="19900101 201501 2 001",
                             extra=(Signer("Menyetujui", "Sekretaris Kecamatan", "+Sekcam", "1980", "Penata <III/c>"),))


def signature_table(page: str) -> str:
    found = re.search(r'<table class="signatures">.*?</table>', page, re.S)
    assert found, "no signature block"
    return found[0]


def test_html_signs_as_offices_do_with_every_value_escaped(run):
    i18n.set_lang("id")
    block = signature_table(export(*run, "html", signature=SETTINGS))
    cells = re.findall(r'<td class="(\w+)">(.*?)</td>', block)
    by_row: dict[str, list[str]] = {}
    for cls, value in cells:
        by_row.setdefault(cls, []).append(value)
    # Mengetahui (the SOP's approver) left, extra signers, Dibuat oleh (the operator) right,
    # the place and date over the preparer.
    assert by_row["place"] == ["", "", "Malang &lt;Kota&gt;, 2 Desember 2026"]
    assert by_row["caption"] == ["Mengetahui,", "Menyetujui,", "Dibuat oleh,"]
    assert by_row["position"] == ["Camat &lt;b&gt;Contoh&lt;/b&gt; &amp; &quot;Co&quot;", "Sekretaris Kecamatan",
                                  "Staf Perencanaan"]
    assert by_row["name"] == ["&lt;i&gt;Budi&lt;/i&gt;", "+Sekcam",
                              "=HYPERLINK(&quot;http://x.example&quot;,&quot;klik&quot;)"]
    assert by_row["rank"] == ["", "Penata &lt;III/c&gt;", ""]  # a rank line, as any signer has one
    assert by_row["nip"] == ["NIP. 19700101 199001 1 001", "NIP. 1980", "NIP. 19900101 201501 2 001"]
    assert "<b>" not in block and "<i>" not in block


def test_english_and_the_defaults(run):
    block = signature_table(export(*run, "html", "en"))  # no settings: shown, no place, "Operator"
    assert ">2 December 2026<" in block and ">Acknowledged by,<" in block and ">Prepared by,<" in block
    assert ">Operator<" in block and "NIP. ……" in block  # a blank NIP is a line to fill by hand
    assert 'class="rank"' not in block  # nobody has a rank: no empty line for it


def test_print_ready_html_is_laid_out_for_a4_and_signed(run):
    page = export(*run, "html", signature=SETTINGS, print_ready=True)
    assert "@page{size:A4 landscape;margin:12mm 10mm}" in page and signature_table(page)
    assert "font-size:8.5pt" in page and "font-size:8.5pt" not in export(*run, "html", signature=SETTINGS)


def test_show_false_leaves_the_block_out(run):
    page = export(*run, "html", signature=SETTINGS._replace(show=False))
    assert 'class="signatures"' not in page
    wb = load_workbook(io.BytesIO(export(*run, "xlsx", signature=SETTINGS._replace(show=False))))
    assert not any(c.value == "Acknowledged by," for row in wb.worksheets[0].iter_rows() for c in row)


def test_xlsx_signs_under_the_summary_with_typed_text_kept_as_text(run):
    wb = load_workbook(io.BytesIO(export(*run, "xlsx", "id", signature=SETTINGS)))
    rows = [[c.value for c in row] for row in wb.worksheets[0].iter_rows()]
    captions = next(i for i, r in enumerate(rows) if r[:3] == ["Mengetahui,", "Menyetujui,", "Dibuat oleh,"])
    assert rows[captions - 1][2] == "Malang <Kota>, 2 Desember 2026"
    assert rows[captions + 1][:3] == [JABATAN, "Sekretaris Kecamatan", "Staf Perencanaan"]
    names = rows[captions + 5][:3]
    assert names == ["<i>Budi</i>", "'+Sekcam", "'" + OPERATOR]  # neutralised, not formulas
    assert rows[captions + 6][:3] == [None, "Penata <III/c>", None]
    assert rows[captions + 7][:3] == ["NIP. 19700101 199001 1 001", "NIP. 1980", "NIP. 19900101 201501 2 001"]
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


@pytest.mark.parametrize("table, message", [
    ({"place": "Malang", "shw": True}, "[signature]: unknown key 'shw' (did you mean \"show\"?)"),
    ({"show": "yes"}, "[signature]: show 'yes' must be true or false"),
    ({"place": 5}, "[signature]: 'place' must be text"),
    ({"extra": {"name": "x"}}, "[signature]: extra must be a list of signers"),
    ({"extra": ["x"]}, "[signature] extra #1: must be a table with caption, position, name, nip"),
    ({"extra": [{"name": "A"}, {"nmae": "B"}]}, "[signature] extra #2: unknown key 'nmae' (did you mean \"name\"?)"),
    ({"extra": [{"caption": "Menyetujui"}]}, "[signature] extra #1: give at least a position or a name"),
    ({"extra": [{"name": 1}]}, "[signature] extra #1: 'name' must be text"),
    ("Malang", "[signature]: must be a table"),
])
def test_signature_settings_errors_name_the_key(tmp_path, table, message):
    with pytest.raises(ConfigError) as caught:
        config_from_dict({"signature": table}, tmp_path / "soptui.toml")
    assert str(caught.value).startswith(f"{tmp_path / 'soptui.toml'} {message}"), str(caught.value)


def test_signature_settings_read_from_soptui_toml(tmp_path):
    config = config_from_dict({"signature": {"place": " Malang ", "preparer_position": "Staf",
                                             "extra": [{"position": "Sekcam", "name": "Ani", "rank": "Penata"}]}},
                              tmp_path / "soptui.toml")
    assert config.signature == SignatureSettings(True, "Malang", "Staf", "", (Signer("Acknowledged by", "Sekcam",
                                                                                     "Ani", "", "Penata"),))


def test_the_command_line_summary_carries_the_block(workdir, capsys):
    with open(workdir / "soptui.toml", "a", encoding="utf-8") as f:
        f.write('\n[signature]\nplace = "Malang"\npreparer_position = "Staf Perencanaan"\n')
    assert main(["start", "karangploso-renja", "--operator", "Sri", "--at", "2026-11-23 08:00"]) == 0
    run_id = capsys.readouterr().out.split()[-1]
    assert main(["summary", run_id, "--format", "html"]) == 0
    block = signature_table(capsys.readouterr().out)
    assert ">Malang, 23 November 2026<" in block and ">Sri<" in block and ">Staf Perencanaan<" in block
    assert ">Camat Karangploso<" in block  # the SOP's disahkan_oleh
    out = workdir / "r.xlsx"
    assert main(["summary", run_id, "--out", str(out)]) == 0
    wb = load_workbook(out)
    assert any(c.value == "Prepared by," for row in wb.worksheets[0].iter_rows() for c in row)
