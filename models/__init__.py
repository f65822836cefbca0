"""The store's tables. Nothing here knows about screens or services.

Money columns end in `_fen` and hold integer fen; `counter.money` converts.
"""

from models.account import AccountEntry, CreditAccount, EntryKind
from models.audit import AuditEvent
from models.call import Call, CallPurpose
from models.complaint import Channel, Complaint, ComplaintNote, ComplaintStatus
from models.customer import Customer
from models.fapiao import BuyerType, FapiaoKind, FapiaoLine, FapiaoRequest
from models.invoice import Invoice, InvoiceStatus
from models.payment import Payment, RejectedNote, Tender
from models.phone_order import FollowUp, OrderEvent, OrderLine, OrderStatus, PhoneOrder, ReadBack, ReadBackOutcome
from models.policy import SecurityPolicy
from models.product import Product
from models.returns import Disposition, Refund, ReturnLine, SlipReturn
from models.sequence import Sequence
from models.serial import UnitSerial
from models.shift import CashMovement, CashMovementKind, Shift, ShiftStatus
from models.shop import ShopIdentity
from models.slip import Slip, SlipLine, SlipStatus
from models.staff import Role, Staff
from models.station import SlipClaim, Station
from models.subsidy import SubsidyLine

__all__ = [
    "AuditEvent",
    "BuyerType",
    "FapiaoKind",
    "FapiaoLine",
    "FapiaoRequest",
    "Customer",
    "Invoice",
    "InvoiceStatus",
    "Payment",
    "Product",
    "RejectedNote",
    "Role",
    "SecurityPolicy",
    "Sequence",
    "ShopIdentity",
    "UnitSerial",
    "Slip",
    "SlipLine",
    "SlipStatus",
    "Staff",
    "Station",
    "SubsidyLine",
    "SlipClaim",
    "Tender",
    "Disposition",
    "Refund",
    "ReturnLine",
    "SlipReturn",
    "AccountEntry",
    "CreditAccount",
    "EntryKind",
    "Channel",
    "Complaint",
    "ComplaintNote",
    "ComplaintStatus",
    "CashMovement",
    "CashMovementKind",
    "Shift",
    "ShiftStatus",
    "Call",
    "CallPurpose",
    "FollowUp",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "PhoneOrder",
    "ReadBack",
    "ReadBackOutcome",
]
