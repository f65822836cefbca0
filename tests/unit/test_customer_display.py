"""The customer display's commands and targets."""

from decimal import Decimal

import pytest

from counter.errors import BadInput
from counter.services import stations
from counter.services.stations import StationIn
from receipts.customer_display import Lamp, check_target, figure, frame


def test_the_frame_lights_the_lamp_and_sends_the_figure():
    assert frame(Lamp.TOTAL, Decimal("3998.00")) == b"\x1b@\x0c\x1bs2\x1bQA3998.00\r"
    assert frame(Lamp.CHANGE, Decimal("0.50")) == b"\x1b@\x0c\x1bs4\x1bQA0.50\r"


def test_a_figure_too_long_for_eight_digits_drops_the_fen():
    assert figure(Decimal("999999.99")) == b"999999.99"
    assert figure(Decimal("1234567.89")) == b"1234568"


@pytest.mark.parametrize("target", ["folder", "lp:front", "escpos-xyz:1"])
def test_a_display_is_on_an_escpos_link(target):
    with pytest.raises(ValueError):
        check_target(target)


def test_a_station_refuses_a_display_it_could_not_drive(store, staff):
    with pytest.raises(BadInput, match="customer display"):
        stations.add_station(store.uow(), staff["M01"], StationIn("收银台9", customer_display="lp:front"))
    view = stations.add_station(store.uow(), staff["M01"],
                                StationIn("收银台9", customer_display=" escpos-serial:/dev/ttyUSB0 "))
    assert view.customer_display == "escpos-serial:/dev/ttyUSB0"
