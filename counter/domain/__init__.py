"""The shop's rules as pure functions of values: slip lines, discounts,
tenders, refunds and the drawer. No database, no screen, nothing of the app
(an import-linter contract keeps it so): the services apply these rules to
the store, and the screens call the same functions for what they preview."""
