"""The zh_CN catalogue keeps up with the source: every UI string extracted
from the code has a Chinese translation, the translation keeps the string's
placeholders, and the committed .mo is the compiled .po.

When a test here fails after a change to the UI, re-run the extraction and
update (README / babel.cfg), translate the new entries, and compile:

    pybabel extract -F babel.cfg -k _ -k N_ --no-location --sort-output \
        --project Counter -o counter/locale/counter.pot .
    pybabel update -i counter/locale/counter.pot -d counter/locale -D counter --no-fuzzy-matching
    pybabel compile -d counter/locale -D counter
"""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from counter.i18n import _, set_language

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "counter" / "locale"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "counter.po"
MO = LOCALE / "zh_CN" / "LC_MESSAGES" / "counter.mo"
# The same keywords as `pybabel extract -k _ -k N_` (which adds to the defaults).
KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "N_": None}


def source_messages() -> set[str]:
    """Every msgid the extraction finds in the code, as babel.cfg configures it."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=KEYWORDS
    ):
        found.update(message if isinstance(message, tuple) else (message,))
    return {m for m in found if m}


@pytest.fixture(scope="module")
def catalog():
    with open(PO, "rb") as f:
        return read_po(f, locale="zh_CN")


def translated(catalog) -> dict[str, str]:
    return {m.id: m.string for m in catalog if m.id and not m.fuzzy}


def placeholders(text: str) -> Counter:
    """The {fields} of a str.format string, with conversion and spec."""
    fields = Counter()
    for _literal, name, spec, conversion in Formatter().parse(text):
        if name is not None:
            fields["{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"] += 1
    return fields


RICH_TAG = re.compile(r"\[/?[a-z#][^\[\]]*\]")
BACKTICKED = re.compile(r"`[^`]+`")


def test_every_ui_string_in_the_source_has_a_chinese_translation(catalog):
    zh = translated(catalog)
    missing = sorted(m for m in source_messages() if not zh.get(m, "").strip())
    assert not missing, (
        f"{len(missing)} UI string(s) have no zh_CN translation in {PO.relative_to(ROOT)} "
        "(extract, update, translate, compile):\n" + "\n".join(f"  {m!r}" for m in missing)
    )


def test_the_catalogue_has_no_fuzzy_entries(catalog):
    fuzzy = sorted(m.id for m in catalog if m.id and m.fuzzy)
    assert not fuzzy, "fuzzy entries are not compiled; check and unmark them:\n" + "\n".join(map(repr, fuzzy))


def test_translations_keep_the_placeholders_markup_and_command_names(catalog):
    wrong = []
    for msgid, msgstr in translated(catalog).items():
        if not msgstr:
            continue
        if placeholders(msgid) != placeholders(msgstr):
            wrong.append(f"  {msgid!r}: placeholders {sorted(placeholders(msgstr))} should be {sorted(placeholders(msgid))}")
        if Counter(RICH_TAG.findall(msgid)) != Counter(RICH_TAG.findall(msgstr)):
            wrong.append(f"  {msgid!r}: Rich markup changed in {msgstr!r}")
        if Counter(BACKTICKED.findall(msgid)) != Counter(BACKTICKED.findall(msgstr)):
            wrong.append(f"  {msgid!r}: `command` names changed in {msgstr!r}")
    assert not wrong, "translations that would break when formatted or shown:\n" + "\n".join(wrong)


def test_every_translation_formats_with_the_fields_its_source_has(catalog):
    """A translation that parses differently (a stray brace) fails here, not in front of a customer."""
    broken = []
    for msgid, msgstr in translated(catalog).items():
        try:
            list(Formatter().parse(msgstr))
        except ValueError as e:
            broken.append(f"  {msgid!r}: {e}")
    assert not broken, "\n".join(broken)


def test_the_committed_mo_is_the_compiled_po(catalog):
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    expected = {m.id: m.string for m in read_mo(compiled) if m.id}
    with open(MO, "rb") as f:
        committed = {m.id: m.string for m in read_mo(f) if m.id}
    stale = sorted(k for k in expected.keys() | committed.keys() if expected.get(k) != committed.get(k))
    assert not stale, (
        f"{MO.relative_to(ROOT)} is out of date for {len(stale)} message(s); run "
        "`pybabel compile -d counter/locale -D counter`:\n" + "\n".join(f"  {m!r}" for m in stale[:20])
    )


def test_chinese_ui_signs_in_in_chinese():
    set_language("zh")
    assert _("Sign in") == "登录"
    assert _("Take payment") == "收款"
    set_language("en")
    assert _("Sign in") == "Sign in"


def test_every_audit_action_the_services_record_has_words_in_both_languages():
    """Issue 17 item 13: the audit log showed codes such as slip.paid under zh."""
    import re

    from counter.i18n import in_language
    from counter.services.audit_log import ACTION_LABELS, action_label

    recorded = set()
    for path in (ROOT / "counter").rglob("*.py"):
        recorded |= set(re.findall(r'"([a-z_]+\.[a-z_]+)",? *"(?:slip|slip_line|product|phone_order|phone_order_line|'
                                   r'customer|invoice|fapiao_request|shift|staff|station|complaint|account|serial|'
                                   r'cash_movement|return|refund|policy|audit)', path.read_text()))
    assert recorded and recorded <= set(ACTION_LABELS), sorted(recorded - set(ACTION_LABELS))
    with in_language("zh"):
        assert action_label("slip.paid") == "收款" and action_label("stock.written_off") == "报损"
    assert action_label("slip.paid") == "slip paid" and action_label("made.up") == "made.up"
