"""Documents (slips, receipts, invoices, reports) and printer back ends.
Nothing here knows about screens."""
