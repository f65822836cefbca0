"""Documents: slips, receipts, invoices and reports, and the printers they go to.

Renderers take the services' plain views; nothing here imports Textual.
"""
