"""The figures of the benchmark table, in the order they are printed.

Each entry is a function (Run) -> list[Figure]. A figure whose subject is on
another branch stays here as a named slot that reports "skipped" and why, so
adding it at merge is filling in one function.
"""

from bench.figures import documents, memory, report, sale, screens, search, startup

FIGURES = [
    search.product_search,
    screens.key_press_to_slip,
    startup.cold_start_sign_in,
    startup.cold_start_finder,
    sale.paid_sale,
    documents.invoice_and_receipt,
    report.daily_report,
    memory.peak_rss,
    screens.key_presses_for_cash_sale,
]
