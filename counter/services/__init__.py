"""Business rules: one plain function per shop verb, each taking a unit of
work and the acting staff member, checking permission first, committing once."""
