"""Settings: defaults, then the TOML config file, then COUNTER_* environment
variables, then command-line flags. Validated on load; a bad key is named.
Read by pydantic-settings (counter/settings_file.py, imported when settings
are read); the [printers] table written back with tomlkit, comments kept."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
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
class Printers:
    """The `[printers]` table: where each document goes (see
    receipts/printers.py for the target strings) and the receipt roll width."""

    invoice: str = "folder"
    slip: str = "folder"
    receipt: str = "folder"
    receipt_width: int = 80

    def target(self, kind: str):
        from receipts.printers import parse_target

        return parse_target(getattr(self, kind))


def check_printers(values: dict[str, object], where: str) -> Printers:
    """`[printers]` values checked, by the same model config.toml is read with;
    a bad one is named with what to write."""
    from counter.settings_file import check_printers as checked

    return checked(values, where)


@dataclass(frozen=True)
class Scanner:
    """The `[scanner]` table: how a barcode scanner's keys are told from a
    person's (screens/wedge.py) and, optionally, a serial-port scanner.
    `max_gap_ms` 0 turns the timing off (then only a prefix marks a scan)."""

    prefix: str = ""  # characters the scanner sends before each code
    suffix: str = ""  # characters it sends after (instead of, or before, Enter)
    max_gap_ms: int = 30  # keys closer than this are a machine's
    min_length: int = 6  # a burst shorter than this is a person's
    port: str = ""  # a serial scanner: DEVICE or DEVICE@BAUD ("" = none)


@dataclass(frozen=True)
class Settings:
    db_url: str = field(default_factory=default_db_url)
    lang: str = ""  # "" = from the locale
    documents_dir: str = field(default_factory=lambda: str(data_dir() / "documents"))
    shop_name: str = "演示电器商行"
    shop_address: str = "广州市天河区天河路 100 号"
    shop_phone: str = "020-8888 0000"
    shop_tax_id: str = "91440101MA59DEMO0X"
    # Milliseconds a write waits for another counter's (SQLite) before retrying.
    busy_timeout_ms: int = 8000
    printers: Printers = field(default_factory=Printers)
    scanner: Scanner = field(default_factory=Scanner)
    # The named counter this till is (`--station`, COUNTER_STATION): its
    # printers, registered in the store, replace [printers]. "" = none.
    station: str = ""


def load_settings(path: Path | None = None, **overrides: object) -> Settings:
    """Settings from file and environment, with non-None overrides on top
    (read and checked by pydantic-settings: counter/settings_file.py)."""
    from counter.settings_file import read_settings

    return read_settings(path or config_path(), {k: v for k, v in overrides.items() if v is not None})


def save_printers(printers: Printers, path: Path | None = None) -> Path:
    """Writes the `[printers]` table into the config file, keeping everything
    else in it as the operator wrote it: other settings, their order and
    comments (tomlkit edits the document in place). Written to a side file
    first, so a crash leaves the old one."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    check_printers(asdict(printers), "printer settings")
    path = path or config_path()
    document = tomlkit.document()
    if path.exists():
        try:
            document = tomlkit.parse(path.read_text(encoding="utf-8"))
        except TOMLKitError as e:
            raise BadInput(f"config file {path} is not valid TOML: {e}; fix it before saving printers") from None
    table = document.get("printers")
    if not isinstance(table, dict):
        table = tomlkit.table()
        document["printers"] = table
    for key, value in asdict(printers).items():
        table[key] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    side = path.with_name(path.name + ".new")
    side.write_text(tomlkit.dumps(document), encoding="utf-8")
    side.replace(path)
    return path
