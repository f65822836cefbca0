"""`counter fapiao …` and `counter goods tax …` from the shell: a request for
a paid slip, the day's export, the issued number entered, and refusals that
print one line and exit 2."""

from __future__ import annotations

from typer.testing import CliRunner

from counter.cli import app
from receipts.fapiao_export import LINES, read_export


def run(settings, monkeypatch, *args: str, staff: str = "C01", pin: str = "2222"):
    monkeypatch.setenv("COUNTER_STAFF", staff)
    monkeypatch.setenv("COUNTER_PIN", pin)
    monkeypatch.setenv("COUNTER_HOME", settings.documents_dir + "/..")
    return CliRunner().invoke(app, ["--db", settings.db_url, *args])


def test_a_request_from_the_shell_exported_and_its_number_entered(settings, monkeypatch, sell, tmp_path):
    setup = run(settings, monkeypatch, "goods", "tax", "XYJ-1", "--code", "1090416020100000000", "--name", "日用家电设备",
                "--rate", "13%", staff="M01", pin="9999")
    assert setup.exit_code == 0, setup.output
    assert "1090416020100000000 日用家电设备 13% 台" in setup.output
    slip = sell({"XYJ-1": 1})
    bad = run(settings, monkeypatch, "fapiao", "request", slip.number, "--name", "某公司", "--tax-id", "91110108551385082R",
              "--email", "a@b.cn")
    assert bad.exit_code == 2 and "does not match the check character" in bad.output
    made = run(settings, monkeypatch, "fapiao", "request", slip.number, "--name", "小米科技有限责任公司",
               "--tax-id", "91110108551385082q", "--email", "fp@example.com")
    assert made.exit_code == 0, made.output
    assert "FQ000001" in made.output and "91110108551385082Q" in made.output
    out = tmp_path / "today.xlsx"
    exported = run(settings, monkeypatch, "fapiao", "export", "--to", str(out))
    assert exported.exit_code == 0 and "1 request(s) written" in exported.output
    assert read_export(out)[LINES][0]["项目名称"] == "*日用家电设备*海尔滚筒洗衣机"
    issued = run(settings, monkeypatch, "fapiao", "issued", "FQ000001", "25442000000123456789")
    assert issued.exit_code == 0 and "issued" in issued.output
    listed = run(settings, monkeypatch, "fapiao", "list", "--state", "issued")
    assert "FQ000001" in listed.output and "25442000000123456789" in listed.output
    refused = run(settings, monkeypatch, "goods", "tax", "XYJ-1", "--rate", "9%")
    assert refused.exit_code == 2 and "may not" in refused.output
    wrong = run(settings, monkeypatch, "goods", "tax", "XYJ-1", "--rate", "17", staff="M01", pin="9999")
    assert wrong.exit_code == 2 and "is not one of 13%, 9%, 6%, 3%, 1%, 0%" in wrong.output
