"""Settings read by pydantic-settings: the defaults (counter.config's
dataclasses), then config.toml, then the COUNTER_* environment, then the
command's flags, each layer over the one below; every value checked by the
model here, and a bad one told in one line (a BadInput) naming where it came
from and its `[table].key`. Imported only when settings are read or checked:
pydantic-settings takes ~100 ms to import on its own."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StrictStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    InitSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from counter.config import Printers, Scanner, Settings, config_path, normalise_db_url
from counter.errors import BadInput

TABLES = ("printers", "scanner")  # config.toml's tables besides [counter]
# [counter] keys older files may hold, read no more: the sign-in policy moved
# into the store, where a till's settings cannot loosen it (services.policy).
RETIRED = ("lockout_minutes", "max_pin_failures")
PRINTER_ENV = "COUNTER_PRINTER_"  # + the [printers] key
DB_ENV = "COUNTER_DB"  # the store, above COUNTER_DB_URL


def _whole(value: object) -> int:
    """A whole number, as TOML or the environment's text gives it; not true, not 1.5."""
    if isinstance(value, int | str) and not isinstance(value, bool):
        try:
            return int(value)
        except ValueError:
            pass
    raise ValueError(f"must be a whole number, got {value!r}")


def _within(low: int, high: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(f"must be from {low} to {high}, got {value}")
        return value

    return check


def _receipt_width(value: int) -> int:
    if value not in (58, 80):
        raise ValueError(f"must be 58 or 80 (mm), got {value}")
    return value


def _target(value: str) -> str:
    from receipts.printers import parse_target

    parse_target(value)  # its ValueError says what is wrong
    return value.strip()


def _port(value: str) -> str:
    from counter.scanner_port import parse_port

    if value.strip():
        parse_port(value)  # its BadInput names [scanner].port
    return value.strip()


def _lang(value: str) -> str:
    if value not in ("", "zh", "en"):
        raise ValueError(f'must be zh or en ("" = from the locale), got {value!r}')
    return value


Text = StrictStr  # a number where text belongs is refused, not turned into text
Target = Annotated[Text, AfterValidator(_target)]
Whole = Annotated[int, BeforeValidator(_whole)]


class PrintersTable(BaseModel):
    """`[printers]`, checked (counter.config.Printers holds it)."""

    model_config = ConfigDict(extra="forbid")

    invoice: Target
    slip: Target
    receipt: Target
    receipt_width: Annotated[Whole, AfterValidator(_receipt_width)]

    @field_validator("invoice", "slip")
    @classmethod
    def _a_page(cls, value: str, info: ValidationInfo) -> str:
        """Invoices and slips are A5 pages: a thermal roll cannot print them."""
        from receipts.printers import parse_target

        if parse_target(value).escpos:
            name = info.field_name or ""
            article = "an" if name[:1] in "aeiou" else "a"
            raise ValueError(f"{article} {name} is an A5 page; use folder or lp:QUEUE, not {value}")
        return value


class ScannerTable(BaseModel):
    """`[scanner]`, checked (counter.config.Scanner holds it)."""

    model_config = ConfigDict(extra="forbid")

    prefix: Text
    suffix: Text
    max_gap_ms: Annotated[Whole, AfterValidator(_within(0, 1000))]
    min_length: Annotated[Whole, AfterValidator(_within(1, 64))]
    port: Annotated[Text, AfterValidator(_port)]


# The config file of this reading (load_settings' path); the sources are made
# by a class method, which is given no arguments of the call.
_CONFIG_FILE: ContextVar[Path] = ContextVar("config_file")


class CounterSettings(BaseSettings):
    """The `[counter]` keys, then the tables (counter.config.Settings holds them)."""

    # Case matters in the file; COUNTER_* is matched in any case (CounterEnv).
    model_config = SettingsConfigDict(env_prefix="COUNTER_", extra="forbid", case_sensitive=True)

    db_url: Annotated[Text, AfterValidator(normalise_db_url)]
    lang: Annotated[Text, AfterValidator(_lang)]
    documents_dir: Text
    shop_name: Text
    shop_address: Text
    shop_phone: Text
    shop_tax_id: Text
    busy_timeout_ms: Annotated[Whole, AfterValidator(_within(1, 10 * 60 * 1000))]
    station: Text
    printers: PrintersTable
    scanner: ScannerTable

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Highest first: flags, COUNTER_PRINTER_* and COUNTER_DB, COUNTER_<KEY>,
        config.toml, and Settings()'s own defaults (so they are written once)."""
        return (
            init_settings,
            OwnNamesEnv(settings_cls),
            CounterEnv(settings_cls, case_sensitive=False),
            ConfigFile(settings_cls, _CONFIG_FILE.get(config_path())),
            InitSettingsSource(settings_cls, asdict(Settings())),
        )


class CounterEnv(EnvSettingsSource):
    """COUNTER_<KEY> for each `[counter]` key. Not the tables as JSON
    (COUNTER_PRINTERS): printers have a variable per key (OwnNamesEnv)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        if field_name in TABLES:
            return None, field_name, False
        return super().get_field_value(field, field_name)


class OwnNamesEnv(PydanticBaseSettingsSource):
    """The variables not named COUNTER_<KEY>: COUNTER_PRINTER_<KEY> for each
    `[printers]` key and COUNTER_DB for db_url. An empty one is not set."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # all read at once by __call__

    def __call__(self) -> dict[str, Any]:
        printers = {
            key: os.environ[PRINTER_ENV + key.upper()]
            for key in PrintersTable.model_fields
            if os.environ.get(PRINTER_ENV + key.upper())
        }
        values: dict[str, Any] = {"printers": printers} if printers else {}
        if os.environ.get(DB_ENV):
            values["db_url"] = os.environ[DB_ENV]
        return values


class ConfigFile(TomlConfigSettingsSource):
    """config.toml's `[counter]` keys and its `[printers]` and `[scanner]`
    tables (other tables are left alone). A file that is not there is empty;
    one that cannot be read, or is not TOML, is named."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path):
        self.path = path
        if path.exists() and not path.is_file():
            raise BadInput(f"config file {path} cannot be read: it is not a file")
        super().__init__(settings_cls, toml_file=path)

    def _read_file(self, file_path: Any) -> dict[str, Any]:
        try:
            raw = super()._read_file(file_path)
        except UnicodeDecodeError as e:
            raise BadInput(f"config file {self.path} is not UTF-8 text: {e}") from None
        except tomllib.TOMLDecodeError as e:
            raise BadInput(f"config file {self.path} is not valid TOML: {e}") from None
        except OSError as e:
            raise BadInput(f"config file {self.path} cannot be read: {e.strerror}") from None
        counter = raw.get("counter", {})
        if not isinstance(counter, dict):
            raise BadInput(f"config file {self.path}: [counter] must be a table of settings")
        if misplaced := sorted(counter.keys() & set(TABLES)):  # a table of its own, not a [counter] key
            key = misplaced[0]
            raise BadInput(f"config file {self.path}: unknown key [counter].{key} (write a [{key}] table)")
        for table in TABLES:
            if not isinstance(raw.get(table, {}), dict):
                raise BadInput(f"config file {self.path}: [{table}] must be a table")
        values = {key: value for key, value in counter.items() if key not in RETIRED}
        return values | {table: raw[table] for table in TABLES if table in raw}


def read_settings(path: Path, overrides: Mapping[str, Any]) -> Settings:
    """Settings from every layer, `overrides` (non-None flags) on top."""
    token = _CONFIG_FILE.set(path)
    try:
        read = CounterSettings(**overrides)
    except ValidationError as e:
        raise BadInput(_one_line(e, lambda table, key: _source(table, key, path, overrides))) from None
    finally:
        _CONFIG_FILE.reset(token)
    values = read.model_dump()
    return Settings(**values | {"printers": Printers(**values["printers"]), "scanner": Scanner(**values["scanner"])})


def check_printers(values: Mapping[str, object], where: str) -> Printers:
    """`[printers]` values (some or all keys) checked, over the defaults."""
    try:
        table = PrintersTable.model_validate(asdict(Printers()) | dict(values))
    except ValidationError as e:
        raise BadInput(_one_line(e, lambda table, key: where, under=("printers",))) from None
    return Printers(**table.model_dump())


def _source(table: str, key: str, path: Path, overrides: Mapping[str, object]) -> str:
    """Where [table].key was read from: the highest layer that holds it
    (the defaults are never wrong)."""
    if table == "counter" and key in overrides:
        return "command line"
    if table == "printers" and os.environ.get(PRINTER_ENV + key.upper()):
        return f"environment {PRINTER_ENV}{key.upper()}"
    if table == "counter" and key == "db_url" and os.environ.get(DB_ENV):
        return f"environment {DB_ENV}"
    if table == "counter" and f"COUNTER_{key.upper()}" in {name.upper() for name in os.environ}:
        return f"environment COUNTER_{key.upper()}"  # CounterEnv matches it in any case
    return f"config file {path}"


def _one_line(error: ValidationError, source: Callable[[str, str], str], under: tuple[str, ...] = ()) -> str:
    """pydantic's first complaint as a person reads it: `where: [table].key
    what is wrong, got value` (a person never sees a ValidationError)."""
    first = error.errors()[0]
    loc = under + tuple(str(part) for part in first["loc"])
    table, key = (loc[0], ".".join(loc[1:])) if loc[0] in TABLES else ("counter", ".".join(loc))
    name = f"[{table}].{key}" if key else f"[{table}]"
    if first["type"] == "extra_forbidden":
        models: dict[str, type[BaseModel]] = {"printers": PrintersTable, "scanner": ScannerTable}
        model = models.get(table, CounterSettings)
        known = sorted(set(model.model_fields) - set(TABLES))
        why = f"unknown key {name} (use {', '.join(known)})"
    elif first["type"] == "string_type":
        why = f"{name} must be text, got {first['input']!r}"
    else:
        told = str(first.get("ctx", {}).get("error") or first["msg"])
        why = told if told.startswith(name) else f"{name} {told}" if told.startswith("must ") else f"{name}: {told}"
    return f"{source(table, key)}: {why}"
