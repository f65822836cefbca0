"""A payment reference on customer paper keeps the channel a scan named and
only the last digits of the code."""

import pytest

from receipts.shop import tail


@pytest.mark.parametrize(
    ("reference", "printed"),
    [
        ("微信 134567890123456789", "微信 ****6789"),
        ("支付宝 2851234567890123", "支付宝 ****0123"),
        ("6222021234567890", "****7890"),
        ("ZP00000001", "****0001"),
        ("123", "123"),
        ("12 345678", "****5678"),
    ],
)
def test_reference_tail(reference, printed):
    assert tail(reference) == printed
