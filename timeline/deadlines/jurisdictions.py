"""Jurisdictions whose legal holidays a case may follow.

Kept as data so that `timeline check` need not import the `holidays` package; a test checks
this list against the package's own US subdivisions.
"""

US_SUBDIVISIONS: tuple[str, ...] = (
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA",
    "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT",
    "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC",
    "SD", "TN", "TX", "UM", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY",
)  # fmt: skip

JURISDICTIONS: frozenset[str] = frozenset({"US"} | {f"US-{code}" for code in US_SUBDIVISIONS})
