"""Documents on paper: the sales slip, the receipt and the invoice, as PDF,
plain text and ESC/POS bytes, and the printers they go to.

Renderers take plain views (the services' SlipView, PaymentView,
InvoiceView) and the shop's settings; they never open the store. Documents
are Chinese whatever the UI language, as the shop's paper is.
"""
