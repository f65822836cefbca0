"""Settings: defaults, then the TOML config file, then COUNTER_* environment
variables, then command-line flags. Validated on load; a bad key is named."""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

import platformdirs
import tomlkit
from tomlkit.exceptions import TOMLKitError

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


# Invoices and slips are A5 pages: a thermal roll cannot print them.
PAGE_DOCUMENTS = ("invoice", "slip")


def check_printers(values: dict[str, object], where: str) -> Printers:
    """`[printers]` values checked; a bad one is named with what to write."""
    from receipts.printers import parse_target

    known = {f.name for f in fields(Printers)}
    for key, value in values.items():
        if key not in known:
            raise BadInput(f"{where}: unknown key [printers].{key} (use {', '.join(sorted(known))})")
        if key == "receipt_width":
            if _coerce(f"[printers].{key}", int, value) not in (58, 80):
                raise BadInput(f"{where}: [printers].receipt_width must be 58 or 80 (mm), got {value!r}")
            continue
        if not isinstance(value, str):
            raise BadInput(f"{where}: [printers].{key} must be text such as \"folder\", got {value!r}")
        try:
            target = parse_target(value)
        except ValueError as e:
            raise BadInput(f"{where}: [printers].{key}: {e}") from None
        if key in PAGE_DOCUMENTS and target.escpos:
            raise BadInput(f"{where}: [printers].{key}: an {key} is an A5 page; use folder or lp:QUEUE, not {value}")
    values = {k: int(v) if k == "receipt_width" else v.strip() for k, v in values.items()}
    return replace(Printers(), **values)


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


SCANNER_LIMITS = {"max_gap_ms": (0, 1000), "min_length": (1, 64)}


def check_scanner(values: dict[str, object], where: str) -> Scanner:
    """`[scanner]` values checked; a bad one is named with what to write."""
    known = {f.name for f in fields(Scanner)}
    checked: dict[str, object] = {}
    for key, value in values.items():
        if key not in known:
            raise BadInput(f"{where}: unknown key [scanner].{key} (use {', '.join(sorted(known))})")
        if key in SCANNER_LIMITS:
            low, high = SCANNER_LIMITS[key]
            number = _coerce(f"[scanner].{key}", int, value)
            if not low <= number <= high:  # type: ignore[operator]
                raise BadInput(f"{where}: [scanner].{key} must be from {low} to {high}, got {value!r}")
            checked[key] = number
        elif not isinstance(value, str):
            raise BadInput(f"{where}: [scanner].{key} must be text, got {value!r}")
        elif key == "port" and value.strip():
            from counter.scanner_port import parse_port

            try:
                parse_port(value)
            except BadInput as e:
                raise BadInput(f"{where}: {e}") from None
            checked[key] = value.strip()
        else:
            checked[key] = value
    return replace(Scanner(), **checked)


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


# Sensible bounds. (The sign-in policy is not here: it lives in the store,
# where a till's environment cannot loosen it; see services.policy.)
LIMITS = {"busy_timeout_ms": (1, 10 * 60 * 1000)}
# Keys older config files may hold that are read no more.
RETIRED = ("lockout_minutes", "max_pin_failures")


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
    known = {f.name: f.type for f in fields(Settings) if f.name not in ("printers", "scanner")}
    values: dict[str, object] = {}
    printers: dict[str, object] = {}
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
            if key in RETIRED:
                continue  # the sign-in policy moved into the store (counter staff policy)
            if key not in known:
                raise BadInput(f"config file {path}: unknown key [counter].{key}")
            values[key] = _coerce(key, known[key], value)
        if not isinstance(raw.get("printers", {}), dict):
            raise BadInput(f"config file {path}: [printers] must be a table")
        printers.update(raw.get("printers", {}))
        values["printers"] = check_printers(printers, f"config file {path}")
        if not isinstance(raw.get("scanner", {}), dict):
            raise BadInput(f"config file {path}: [scanner] must be a table")
        values["scanner"] = check_scanner(raw.get("scanner", {}), f"config file {path}")
    for name, kind in known.items():
        env = os.environ.get(f"COUNTER_{name.upper()}")
        if env is not None:
            values[name] = _coerce(f"COUNTER_{name.upper()}", kind, env)
    env_printers = {
        f.name: os.environ[f"COUNTER_PRINTER_{f.name.upper()}"]
        for f in fields(Printers)
        if os.environ.get(f"COUNTER_PRINTER_{f.name.upper()}")
    }
    if env_printers:
        values["printers"] = check_printers(printers | env_printers, "environment COUNTER_PRINTER_*")
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


def save_printers(printers: Printers, path: Path | None = None) -> Path:
    """Writes the `[printers]` table into the config file, keeping everything
    else in it as the operator wrote it: other settings, their order and
    comments (tomlkit edits the document in place). Written to a side file
    first, so a crash leaves the old one."""
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
