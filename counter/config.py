"""Settings: defaults, then the TOML config file, then COUNTER_* environment
variables, then command-line flags. Validated on load; a bad key is named."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import platformdirs

from counter.errors import BadInput

APP = "counter"


def data_dir() -> Path:
    return Path(os.environ.get("COUNTER_HOME") or platformdirs.user_data_dir(APP))


def config_path() -> Path:
    env = os.environ.get("COUNTER_CONFIG")
    return Path(env) if env else Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'counter.db'}"


def normalise_db_url(value: str) -> str:
    """A database URL from what a person types: a URL, or a plain file path."""
    value = value.strip()
    if not value:
        raise BadInput("database URL is empty: give a file path, sqlite:///... or postgresql+psycopg://...")
    if "\x00" in value:
        raise BadInput("database URL holds a NUL character: retype it")
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    try:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    except RuntimeError as e:  # "~nobody/..." names a user with no home
        raise BadInput(f"database path {value!r}: {e}") from None


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    lang: str = ""  # "" = from the locale
    documents_dir: str = field(default_factory=lambda: str(data_dir() / "documents"))
    shop_name: str = "演示电器商行"
    shop_address: str = "广州市天河区天河路 100 号"
    shop_phone: str = "020-8888 0000"
    shop_tax_id: str = "91440101MA59DEMO0X"
    # Minutes a staff code stays locked after too many wrong PINs.
    lockout_minutes: int = 5
    max_pin_failures: int = 5


# Sensible bounds: 0 failures would lock every code at once, and a lockout of
# 10**30 minutes overflows the clock.
LIMITS = {"lockout_minutes": (1, 24 * 60), "max_pin_failures": (1, 100)}


def _coerce(name: str, kind: type, value: object) -> object:
    if kind is int or kind == "int":
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise BadInput(f"config: {name} must be a whole number, got {value!r}")
        try:
            return int(value)
        except ValueError:
            raise BadInput(f"config: {name} must be a whole number, got {value!r}") from None
    if not isinstance(value, str):
        raise BadInput(f"config: {name} must be text, got {value!r}")
    return value


def load_settings(path: Path | None = None, **overrides: object) -> Settings:
    """Settings from file and environment, with non-None overrides on top."""
    known = {f.name: f.type for f in fields(Settings)}
    values: dict[str, object] = {}
    path = path or config_path()
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise BadInput(f"config file {path} is not valid TOML: {e}") from None
        except OSError as e:
            raise BadInput(f"config file {path} cannot be read: {e.strerror}") from None
        table = raw.get("counter", {})
        if not isinstance(table, dict):
            raise BadInput(f"config file {path}: [counter] must be a table of settings")
        for key, value in table.items():
            if key not in known:
                raise BadInput(f"config file {path}: unknown key [counter].{key}")
            values[key] = _coerce(key, known[key], value)
    for name, kind in known.items():
        env = os.environ.get(f"COUNTER_{name.upper()}")
        if env is not None:
            values[name] = _coerce(f"COUNTER_{name.upper()}", kind, env)
    if os.environ.get("COUNTER_DB"):
        values["db_url"] = os.environ["COUNTER_DB"]
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = replace(Settings(), **values)
    for name, (low, high) in LIMITS.items():
        if not low <= getattr(settings, name) <= high:
            raise BadInput(f"config: {name} must be from {low} to {high}, got {getattr(settings, name)}")
    if settings.lang not in ("", "zh", "en"):
        raise BadInput(f"language must be zh or en, got {settings.lang!r}")
    return replace(settings, db_url=normalise_db_url(settings.db_url))
