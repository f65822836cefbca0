from __future__ import annotations

import pytest

from counter.config import load_settings, normalise_db_url
from counter.errors import BadInput


def test_db_url_from_a_plain_path_or_a_postgres_url(tmp_path):
    assert normalise_db_url(str(tmp_path / "s.db")) == f"sqlite:///{tmp_path / 's.db'}"
    assert normalise_db_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_db_url("sqlite:///x.db") == "sqlite:///x.db"
    with pytest.raises(BadInput):
        normalise_db_url("  ")


def test_config_file_then_environment_then_flags(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text('[counter]\nshop_name = "文件"\nbusy_timeout_ms = 7000\n', encoding="utf-8")
    monkeypatch.delenv("COUNTER_DB", raising=False)
    assert load_settings(path).shop_name == "文件"
    monkeypatch.setenv("COUNTER_SHOP_NAME", "环境")
    assert load_settings(path).shop_name == "环境"
    assert load_settings(path, shop_name="旗标").shop_name == "旗标"
    assert load_settings(path).busy_timeout_ms == 7000


def test_a_bad_config_key_is_named(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[counter]\nshop_nmae = 1\n")
    with pytest.raises(BadInput, match=r"unknown key \[counter\]\.shop_nmae"):
        load_settings(path)
    path.write_text('[counter]\nbusy_timeout_ms = "soon"\n')
    with pytest.raises(BadInput, match="busy_timeout_ms must be a whole number"):
        load_settings(path)
    path.write_text("[counter\n")
    with pytest.raises(BadInput, match="not valid TOML"):
        load_settings(path)


def test_printers_are_read_validated_and_named(tmp_path):
    from counter.config import Printers

    path = tmp_path / "config.toml"
    path.write_text('[printers]\nreceipt = "escpos-net:192.0.2.10:9100"\nreceipt_width = 58\ninvoice = "lp:FRONT"\n')
    assert load_settings(path).printers == Printers(invoice="lp:FRONT", receipt="escpos-net:192.0.2.10:9100", receipt_width=58)
    assert load_settings(tmp_path / "none.toml").printers == Printers()
    for body, message in (
        ('[printers]\nreciept = "folder"\n', r"unknown key \[printers\]\.reciept"),
        ('[printers]\nreceipt = "bluetooth:x"\n', r"\[printers\]\.receipt: 'bluetooth:x' is not a printer"),
        ('[printers]\nreceipt = "escpos-usb:xyz"\n', r"VENDOR:PRODUCT ids in hex"),
        ('[printers]\ninvoice = "escpos-net:10.0.0.5"\n', r"an invoice is an A5 page"),
        ("[printers]\nreceipt_width = 76\n", r"receipt_width must be 58 or 80"),
    ):
        path.write_text(body)
        with pytest.raises(BadInput, match=message):
            load_settings(path)


def test_saving_printers_keeps_the_other_settings(tmp_path):
    from counter.config import Printers, save_printers

    path = tmp_path / "config.toml"
    path.write_text('[counter]\nshop_name = "文件 \\"店\\""\nbusy_timeout_ms = 7000\n', encoding="utf-8")
    save_printers(Printers(receipt="escpos-serial:/dev/ttyUSB0@19200", receipt_width=58), path)
    settings = load_settings(path)
    assert settings.shop_name == '文件 "店"' and settings.busy_timeout_ms == 7000
    assert settings.printers.receipt == "escpos-serial:/dev/ttyUSB0@19200" and settings.printers.receipt_width == 58
    with pytest.raises(BadInput, match="A5 page"):
        save_printers(Printers(slip="escpos-net:10.0.0.5"), path)
    assert load_settings(path).printers.slip == "folder"


def test_saving_printers_keeps_the_operators_comments_and_order(tmp_path):
    from counter.config import Printers, save_printers

    path = tmp_path / "config.toml"
    written = (
        "# Counter 2, by the door: set up by 小李 2026-11-30\n"
        "[counter]\n"
        "busy_timeout_ms = 7000  # a slow disk\n"
        'shop_name = "海尔专卖店"\n'
        "\n"
        "[printers]\n"
        "# the old receipt printer, kept for when the new one fails:\n"
        '# receipt = "escpos-usb:0416:5011"\n'
        'receipt = "folder"\n'
    )
    path.write_text(written, encoding="utf-8")
    save_printers(Printers(receipt="escpos-net:192.168.1.50:9100", receipt_width=58), path)
    text = path.read_text(encoding="utf-8")
    for comment in ("# Counter 2, by the door: set up by 小李 2026-11-30", "busy_timeout_ms = 7000  # a slow disk",
                    '# receipt = "escpos-usb:0416:5011"', "# the old receipt printer, kept for when the new one fails:"):
        assert comment in text
    assert text.index("busy_timeout_ms") < text.index("shop_name") < text.index("[printers]")
    settings = load_settings(path)
    assert settings.printers.receipt == "escpos-net:192.168.1.50:9100" and settings.printers.receipt_width == 58
    assert settings.busy_timeout_ms == 7000 and settings.shop_name == "海尔专卖店"


def test_the_sign_in_policy_keys_of_older_config_files_are_read_no_more(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[counter]\nmax_pin_failures = 100\nlockout_minutes = 1\nshop_name = \"店\"\n", encoding="utf-8")
    settings = load_settings(path)
    assert settings.shop_name == "店" and not hasattr(settings, "max_pin_failures")
