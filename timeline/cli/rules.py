"""`timeline rules`: the rule sets deadlines are counted by and the named periods, cited."""

from __future__ import annotations

from timeline.cli.common import app, write_output


@app.command(
    short_help="List the rule sets and named periods.",
    epilog="\b\nExample:\n  " + 'timeline rules',
)
def rules() -> None:
    """List the rule sets and the named periods (due: {period: NAME}), with their citations."""
    write_output(listing(), None)


def listing() -> str:
    from timeline.deadlines.rules import PERIODS, RULE_SETS

    lines = ["Rule sets (rules: on a case, or inside due:)"]
    width = max(len(name) for name in RULE_SETS)
    for name, rule_set in RULE_SETS.items():
        default = " (the default)" if name == "frcp" else ""
        lines.append(f"  {name.ljust(width)}  {rule_set.title}{default}: {rule_set.note}")
        service = ", ".join(f"{method} +{days}" for method, days in rule_set.service.items())
        lines.append(f"  {''.ljust(width)}  service: {service} ({rule_set.service_cite})"
                     if service else f"  {''.ljust(width)}  service: none added")  # fmt: skip
    lines.append("")
    lines.append("Named periods (due: {after: ID, period: NAME}, or before: for one before)")
    width = max(len(name) for name in PERIODS)
    for name, period in PERIODS.items():
        way = "after" if period.direction == "after" else "before"
        lines.append(f"  {name.ljust(width)}  {period.days:>3} days {way.ljust(6)} "
                     f"{period.rules.ljust(6)}  {period.cite}: {period.what}")  # fmt: skip
    return "\n".join(lines) + "\n"
