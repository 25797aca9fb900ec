"""When a deadline falls due: its last day, its moment if timed, and how it was found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from timeline.dates import FileDate


@dataclass(frozen=True)
class Due:
    """When a deadline falls due: the last day in the case's timezone, and the moment if timed."""

    day: date
    moment: datetime | None = None  # aware; None means the end of ``day``
    explain: tuple[str, ...] = ()
    # Where readings of the rule differ: the day safe under every reading, and the last day
    # some reading allows. None: the same as ``day``.
    earliest: date | None = None
    latest: date | None = None

    @property
    def first_day(self) -> date:
        return self.earliest if self.earliest is not None else self.day

    @property
    def last_day(self) -> date:
        return self.latest if self.latest is not None else self.day

    def has_range(self) -> bool:
        return self.first_day != self.last_day

    def iso(self) -> str:
        if self.moment is not None:
            # A zone's old local mean time has an offset in seconds (New York's -04:56:02): the
            # moment then has seconds too, and cutting them would name another instant.
            return self.moment.isoformat(timespec="seconds" if has_seconds(self.moment)
                                         else "minutes")  # fmt: skip
        return self.day.isoformat()

    def date_form(self) -> FileDate:
        """The due moment as a FileDate, for sorting and display beside written dates."""
        if self.moment is None:
            return FileDate(self.day.year, self.day.month, self.day.day)
        m = self.moment
        offset = m.utcoffset()
        if offset is not None and offset.seconds % 60:
            # A written date's offset is whole minutes (a local mean time's is not): use UTC.
            try:
                m = m.astimezone(timezone.utc)
                offset = m.utcoffset()
            except OverflowError:
                pass
        minutes = int(offset.total_seconds() // 60) if offset is not None else None
        return FileDate(m.year, m.month, m.day, m.hour, m.minute, minutes, computed=True)


def has_seconds(moment: datetime) -> bool:
    """Whether a moment needs its seconds to be exact (a local mean time offset gives it some)."""
    offset = moment.utcoffset()
    return bool(moment.second or (offset is not None and offset.seconds % 60))
