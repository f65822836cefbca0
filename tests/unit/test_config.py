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
    path.write_text('[counter]\nshop_name = "文件"\nlockout_minutes = 7\n', encoding="utf-8")
    monkeypatch.delenv("COUNTER_DB", raising=False)
    assert load_settings(path).shop_name == "文件"
    monkeypatch.setenv("COUNTER_SHOP_NAME", "环境")
    assert load_settings(path).shop_name == "环境"
    assert load_settings(path, shop_name="旗标").shop_name == "旗标"
    assert load_settings(path).lockout_minutes == 7


def test_a_bad_config_key_is_named(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[counter]\nshop_nmae = 1\n")
    with pytest.raises(BadInput, match=r"unknown key \[counter\]\.shop_nmae"):
        load_settings(path)
    path.write_text('[counter]\nlockout_minutes = "soon"\n')
    with pytest.raises(BadInput, match="lockout_minutes must be a whole number"):
        load_settings(path)
    path.write_text("[counter\n")
    with pytest.raises(BadInput, match="not valid TOML"):
        load_settings(path)
