"""Settings read by pydantic-settings (counter/settings_file.py): each layer
over the one below, and a bad value told in one line naming where it came
from and its key (never pydantic's own report)."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from counter.config import Printers, Settings, check_printers, load_settings, save_printers
from counter.errors import BadInput


@pytest.fixture
def config(tmp_path, monkeypatch):
    """An empty config.toml and no COUNTER_* setting from the test's own environment."""
    for name in list(os.environ):
        if name.upper().startswith("COUNTER_") and name.upper() not in ("COUNTER_HOME", "COUNTER_TEST_DB"):
            monkeypatch.delenv(name)
    path = tmp_path / "config.toml"
    path.write_text("", encoding="utf-8")
    return path


def test_each_layer_is_over_the_one_below(config, monkeypatch, tmp_path):
    defaults = Settings()
    assert load_settings(config) == defaults
    config.write_text(
        '[counter]\nshop_phone = "020-1"\nstation = "文件"\ndb_url = "/file.db"\n'
        '[printers]\nreceipt = "lp:FILE"\nreceipt_width = 58\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("COUNTER_STATION", "环境")
    monkeypatch.setenv("COUNTER_PRINTER_RECEIPT", "lp:ENV")
    monkeypatch.setenv("COUNTER_PRINTER_INVOICE", "")  # empty: not set
    monkeypatch.setenv("COUNTER_DB_URL", str(tmp_path / "env-url.db"))
    read = load_settings(config, station="旗标", lang=None)
    assert read.shop_phone == "020-1" and read.shop_name == defaults.shop_name  # file, default
    assert read.station == "旗标" and load_settings(config).station == "环境"  # flag, then environment
    assert read.printers == Printers(receipt="lp:ENV", receipt_width=58)  # a table merged key by key
    assert read.db_url == f"sqlite:///{tmp_path / 'env-url.db'}"
    monkeypatch.setenv("COUNTER_DB", str(tmp_path / "env.db"))  # COUNTER_DB is over COUNTER_DB_URL
    assert load_settings(config).db_url == f"sqlite:///{tmp_path / 'env.db'}"
    assert load_settings(config, db_url="postgresql://u@h/db").db_url == "postgresql+psycopg://u@h/db"


def test_a_value_the_environment_replaces_is_not_checked(config, monkeypatch):
    config.write_text('[printers]\nreceipt = "bluetooth:x"\n', encoding="utf-8")
    with pytest.raises(BadInput, match="bluetooth"):
        load_settings(config)
    monkeypatch.setenv("COUNTER_PRINTER_RECEIPT", "folder")
    assert load_settings(config).printers.receipt == "folder"


def test_the_tables_are_not_read_from_json_in_the_environment(config, monkeypatch):
    monkeypatch.setenv("COUNTER_PRINTERS", '{"receipt": "lp:X"}')
    monkeypatch.setenv("COUNTER_SCANNER", "not json")
    assert load_settings(config).printers == Printers()


@pytest.mark.parametrize(
    ("body", "env", "flags", "told"),
    [
        ("[printers]\nreceipt_width = 70\n", {}, {},
         "config file {path}: [printers].receipt_width must be 58 or 80 (mm), got 70"),
        ("", {"COUNTER_PRINTER_RECEIPT_WIDTH": "70"}, {},
         "environment COUNTER_PRINTER_RECEIPT_WIDTH: [printers].receipt_width must be 58 or 80 (mm), got 70"),
        ("[printers]\nslip = 5\n", {}, {}, "config file {path}: [printers].slip must be text, got 5"),
        ("[printers]\nslip = \"escpos-net:10.0.0.5\"\n", {}, {},
         "config file {path}: [printers].slip: a slip is an A5 page; use folder or lp:QUEUE, not escpos-net:10.0.0.5"),
        ("[scanner]\nmax_gap_ms = true\n", {}, {}, "config file {path}: [scanner].max_gap_ms must be a whole number, got True"),
        ("[counter]\nbusy_timeout_ms = 1.5\n", {}, {},
         "config file {path}: [counter].busy_timeout_ms must be a whole number, got 1.5"),
        ("[counter]\nshop_name = [1]\n", {}, {}, "config file {path}: [counter].shop_name must be text, got [1]"),
        ("[counter]\nshop_nmae = \"x\"\n", {}, {},
         "config file {path}: unknown key [counter].shop_nmae (use busy_timeout_ms, db_url, documents_dir, lang, "
         "shop_address, shop_name, shop_phone, shop_tax_id, station)"),
        ("[counter]\nprinters = \"lp\"\n", {}, {},
         "config file {path}: unknown key [counter].printers (write a [printers] table)"),
        ("", {"COUNTER_BUSY_TIMEOUT_MS": "0"}, {},
         "environment COUNTER_BUSY_TIMEOUT_MS: [counter].busy_timeout_ms must be from 1 to 600000, got 0"),
        ("[counter]\nlang = \"zh\"\n", {"COUNTER_LANG": "fr"}, {},
         "environment COUNTER_LANG: [counter].lang must be zh or en (\"\" = from the locale), got 'fr'"),
        ("", {"COUNTER_DB": " "}, {}, "environment COUNTER_DB: [counter].db_url: database URL is empty: "
         "give a file path, sqlite:///... or postgresql+psycopg://..."),
        ("", {"COUNTER_LANG": "zh"}, {"lang": "fr"},
         "command line: [counter].lang must be zh or en (\"\" = from the locale), got 'fr'"),
    ],
)
def test_a_bad_value_is_one_line_naming_where_it_came_from_and_its_key(config, monkeypatch, body, env, flags, told):
    config.write_text(body, encoding="utf-8")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(BadInput) as refused:
        load_settings(config, **flags)
    assert str(refused.value) == told.format(path=config)


def test_a_config_file_that_cannot_be_read_is_named(config, tmp_path):
    config.write_bytes('[counter]\nshop_name = "店"\n'.encode("gb18030"))
    with pytest.raises(BadInput, match=rf"config file {config} is not UTF-8 text"):
        load_settings(config)
    with pytest.raises(BadInput, match=rf"config file {tmp_path} cannot be read: it is not a file"):
        load_settings(tmp_path)


def test_printers_are_checked_by_the_same_rules_wherever_they_are_typed(config):
    config.write_text('[printers]\nreceipt = "escpos-usb:xyz"\n', encoding="utf-8")
    with pytest.raises(BadInput) as from_file:
        load_settings(config)
    with pytest.raises(BadInput) as from_a_station:
        check_printers({"receipt": "escpos-usb:xyz"}, "station Counter 2")
    assert str(from_file.value) == f"config file {config}: " + str(from_a_station.value).removeprefix("station Counter 2: ")
    assert check_printers({"receipt": " lp:FRONT ", "receipt_width": "58"}, "x") == Printers(receipt="lp:FRONT", receipt_width=58)


def test_a_loaded_file_saved_again_keeps_its_comments_and_reads_back(config):
    written = (
        "# Counter 3: the back room\n"
        "[counter]\n"
        "lockout_minutes = 5  # an old key, read no more but kept\n"
        'shop_name = "店"  # as on the fapiao\n'
        "\n"
        "[scanner]\n"
        "min_length = 8\n"
        "\n"
        "[printers]\n"
        "receipt_width = 58  # the narrow roll\n"
    )
    config.write_text(written, encoding="utf-8")
    before = load_settings(config)
    save_printers(replace(before.printers, receipt="escpos-net:192.168.1.50"), config)
    text = config.read_text(encoding="utf-8")
    assert text.startswith(written.split("[printers]")[0])  # all above the table, as written
    assert "receipt_width = 58  # the narrow roll" in text
    after = load_settings(config)
    assert after.printers.receipt == "escpos-net:192.168.1.50" and after.scanner.min_length == 8
    assert after.shop_name == "店"


def test_a_bad_config_file_stops_the_command_with_one_line(config, monkeypatch, tmp_path):
    from counter.cli import app

    monkeypatch.setenv("COUNTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COUNTER_CONFIG", str(config))
    config.write_text("[printers]\nreceipt_width = 70\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "shop.db"), "demo", "--yes"])
    assert result.exit_code == 2
    assert result.output.strip() == f"counter: config file {config}: [printers].receipt_width must be 58 or 80 (mm), got 70"
    assert "Traceback" not in result.output and "validation error" not in result.output
    assert not (tmp_path / "shop.db").exists()
