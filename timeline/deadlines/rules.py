"""The rule sets deadlines are counted by, and the named periods: data, in one registry.

Plain data and small functions, importing nothing heavy: the model validates names with it,
`timeline rules` lists it, and the counting code reads each rule set's answers from it instead
of branching on names. Sources: ../shared/research/court-rules.md, and the README's table.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

Direction = Literal["after", "before"]


@dataclass(frozen=True)
class RuleSet:
    name: str
    title: str  # the rule that counts, as cited at the head of an explanation
    count_cite: str  # "leave out the trigger day, count every day"
    hours_cite: str | None  # periods stated in hours; None: the rule set has none
    closed_cite: str  # what moves a last day off a weekend or holiday
    backward_cite: str  # how a period counted before an event moves off a closed day
    # Whose state holidays count (forward counts only): "one" state, "many" (FRAP 26(a)(6)(C)),
    # or "none" (a state given is shown as ignored).
    states: Literal["one", "many", "none"]
    state_cite: str | None
    presidential: bool  # days the President closed the government count (unless switched off)
    # A period counted before an event that ends on a closed day moves to the "previous" or the
    # "next" open day (the ICPM rolls forward either way).
    backward_roll: Literal["previous", "next"]
    date_certain_moves: bool  # a deadline written as a date moves off a closed day too
    service: dict[str, int] = field(default_factory=dict)  # method -> days added after the count
    service_cite: str | None = None
    note: str = ""  # one line for `timeline rules`
    # The court sits in D.C. and counts 5 U.S.C. 6103's days, whose (c) makes Inauguration Day a
    # holiday there: counted whichever way, as a day the readings differ on.
    dc_inauguration: bool = False


_FRCP_SERVICE = {"mail": 3, "clerk": 3, "other": 3, "hand": 0, "electronic": 0}

RULE_SETS: dict[str, RuleSet] = {
    "frcp": RuleSet(
        "frcp", "Fed. R. Civ. P. 6", "Fed. R. Civ. P. 6(a)(1)", "Fed. R. Civ. P. 6(a)(2)",
        "Fed. R. Civ. P. 6(a)(1)(C)", "Fed. R. Civ. P. 6(a)(5)", "one",
        "Fed. R. Civ. P. 6(a)(6)(C)", True, "previous", False, _FRCP_SERVICE,
        "Fed. R. Civ. P. 6(d)", "district courts, civil",
    ),
    "crim": RuleSet(
        "crim", "Fed. R. Crim. P. 45", "Fed. R. Crim. P. 45(a)(1)", "Fed. R. Crim. P. 45(a)(2)",
        "Fed. R. Crim. P. 45(a)(1)(C)", "Fed. R. Crim. P. 45(a)(5)", "one",
        "Fed. R. Crim. P. 45(a)(6)(C)", True, "previous", False, _FRCP_SERVICE,
        "Fed. R. Crim. P. 45(c)", "district courts, criminal",
    ),
    "frap": RuleSet(
        "frap", "FRAP 26", "FRAP 26(a)(1)", "FRAP 26(a)(2)", "FRAP 26(a)(1)(C)", "FRAP 26(a)(5)",
        "many", "FRAP 26(a)(6)(C)", True, "previous", False,
        {"mail": 3, "carrier": 3, "hand": 0, "electronic": 0}, "FRAP 26(c)",
        "courts of appeals: the district court's state and the circuit clerk's state",
    ),
    "scotus": RuleSet(
        "scotus", "S. Ct. R. 30.1", "S. Ct. R. 30.1", None, "S. Ct. R. 30.1",
        "S. Ct. R. 30.1 (silent on periods before an event: moved back, the safe reading)",
        "none", None, False, "previous", False, {}, None,
        "Supreme Court: federal holidays of 5 U.S.C. 6103 and closures only",
        dc_inauguration=True,
    ),
    "eoir": RuleSet(
        "eoir", "8 CFR 1003.38(b), 1001.1(h)", "8 CFR 1003.38(b)", None,
        "8 CFR 1003.38(b), 1001.1(h)", "Immigration Court Practice Manual 3.1", "none", None,
        True, "next", True, {}, None,
        "immigration courts and the BIA: the next business day, whichever way counted",
    ),
}
DEFAULT_RULES = "frcp"


@dataclass(frozen=True)
class Period:
    name: str
    days: int  # always positive: the direction says which way
    direction: Direction
    rules: str  # the rule set it is counted by unless the deadline says otherwise
    cite: str
    from_entry: bool  # runs from entry of a judgment or order: no service add-on
    what: str  # what the period is, for `timeline rules`

    def meaning(self) -> str:
        """``60 days, FRCP 12(a)(2)``: what a "did you mean" shows of it."""
        way = "" if self.direction == "after" else " before"
        return f"{self.days} days{way}, {self.cite}"


def _p(name: str, days: int, direction: Direction, rules: str, cite: str, from_entry: bool,
       what: str) -> tuple[str, Period]:
    return name, Period(name, days, direction, rules, cite, from_entry, what)


PERIODS: dict[str, Period] = dict([
    _p("answer", 21, "after", "frcp", "FRCP 12(a)(1)(A)(i)", False,
       "answer after being served with the summons and complaint"),
    _p("answer-us", 60, "after", "frcp", "FRCP 12(a)(2)", False,
       "answer by the United States, an agency or an officer, after service on the U.S. attorney"),
    _p("new-trial-motion", 28, "after", "frcp", "FRCP 59(b)", True,
       "motion for a new trial, after entry of judgment"),
    _p("notice-of-appeal", 30, "after", "frap", "FRAP 4(a)(1)(A)", True,
       "notice of appeal in a civil case, after entry of the judgment or order"),
    _p("notice-of-appeal-us", 60, "after", "frap", "FRAP 4(a)(1)(B), 28 U.S.C. 2107(b)", True,
       "notice of appeal when the United States, an agency or an officer is a party"),
    _p("appeal-motion-response", 10, "after", "frap", "FRAP 27(a)(3)(A)", False,
       "response to a motion in a court of appeals, after service of the motion"),
    _p("petition-for-review", 30, "after", "frap", "8 U.S.C. 1252(b)(1)", True,
       "petition for review of a final order of removal (counted by FRAP 26)"),
    _p("cert-petition", 90, "after", "scotus", "S. Ct. R. 13.1, 28 U.S.C. 2101(c)", True,
       "petition for a writ of certiorari, after entry of the judgment"),
    _p("cert-opposition", 30, "after", "scotus", "S. Ct. R. 15.3", False,
       "brief in opposition, after the case is docketed or the response is called for"),
    _p("habeas-return", 3, "after", "frcp", "28 U.S.C. 2243", False,
       "return to an order to show cause (counted by FRCP 6; up to 20 days for good cause)"),
    _p("habeas-hearing", 5, "after", "frcp", "28 U.S.C. 2243", False,
       "hearing, not more than five days after the return"),
    _p("bia-appeal", 30, "after", "eoir", "8 CFR 1003.38(b)", True,
       "appeal to the BIA, after an oral decision or the mailing of a written one"),
    _p("motion-to-reopen", 90, "after", "eoir",
       "8 U.S.C. 1229a(c)(7)(C)(i), 8 CFR 1003.2(c)(2), 1003.23(b)(1)", True,
       "motion to reopen, after the final administrative order"),
    _p("motion-to-reconsider", 30, "after", "eoir", "8 U.S.C. 1229a(c)(6)(B), 8 CFR 1003.2(b)(2)",
       True, "motion to reconsider, after the final administrative order"),
    _p("prehearing-filing", 15, "before", "eoir", "ICPM 3.1(b)", False,
       "filings before a non-detained master (ruling wanted) or individual hearing"),
    _p("prehearing-response", 10, "after", "eoir", "ICPM 3.1(b)", False,
       "response to a filing, after it is received (non-detained)"),
])

SERVICE_METHODS: tuple[str, ...] = tuple(
    dict.fromkeys(method for rules in RULE_SETS.values() for method in rules.service)
)


def did_you_mean(word: str, choices: dict[str, str]) -> str:
    """``; did you mean 'answer-us' (60 days, FRCP 12(a)(2))?``: the name and what it means.

    Near names differ in days (answer, answer-us), so the suggestion says what it stands for.
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    if not close:
        return ""
    meaning = choices[close[0]]
    return f"; did you mean '{close[0]}'" + (f" ({meaning})?" if meaning else "?")


def rule_set_meanings() -> dict[str, str]:
    return {name: rules.title for name, rules in RULE_SETS.items()}


def period_meanings() -> dict[str, str]:
    return {name: period.meaning() for name, period in PERIODS.items()}


def service_meanings() -> dict[str, str]:
    """Each method and what it adds, by rule set: ``3 days under frcp, crim, frap``."""
    out: dict[str, str] = {}
    for method in SERVICE_METHODS:
        adds = [name for name, rules in RULE_SETS.items() if rules.service.get(method)]
        takes = [name for name, rules in RULE_SETS.items() if method in rules.service]
        out[method] = (f"+3 days under {', '.join(adds)}" if adds
                       else f"adds nothing, under {', '.join(takes)}")  # fmt: skip
    return out


def rules_of(due_rules: str | None, period: str | None, case_rules: str | None) -> str:
    """Which rule set counts a deadline: its own rules:, else its period's, else its case's."""
    if due_rules is not None:
        return due_rules
    if period is not None:
        return PERIODS[period].rules
    return case_rules or DEFAULT_RULES
