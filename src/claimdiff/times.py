"""Clock times and time zones in claim contents, and whether two contents speak about the same time.

NLI models read "shelling continued as of 9 p.m. local time" against "a truce from 19:00 GMT" as a
contradiction, though the clock times are two hours apart once the zones are applied. This module reads
those times with small regular expressions (no model) and decides, for :func:`claimdiff.judge.judge` and
:mod:`claimdiff.stance`, :func:`time_relation`: whether two contents speak about the same time, different times,
or unknown.

Times are clock times of one day (dates and "this morning" are not read); offsets are minutes east of UTC.
Coarser, :func:`hours_relation` reads parts of the day too ("on Monday morning" / "during the night") and clock
times to within an hour, zones aside: blame and NLI contradictions between accounts of hours that cannot meet are
two moments, not one told two ways. :func:`day_relation` compares weekdays and dates.
"local time", and a time written without a zone, use the speaker's offset when the caller knows it; a
conversion the speaker gave ("9 p.m. local time (5 p.m. GMT)") always wins, because it is the
speaker's own statement of its zone.

Example:
    >>> (t,) = clock_times("as of 9 p.m. local time (5 p.m. GMT)")
    >>> t.hour, t.minute, t.utc_offset_minutes, t.kind
    (21, 0, 240, 'as_of')
    >>> time_relation("shelling continued as of 9 p.m. local time (5 p.m. GMT)", "a truce from 19:00 GMT")
    'different'
"""

from __future__ import annotations

import functools
import logging
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from claimdiff.records import Span

if TYPE_CHECKING:
    from claimdiff.pack import Pack

__all__ = ["ABBREVIATIONS", "ClockTime", "clock_times", "day_relation", "hours_named", "hours_relation", "named_days",
           "parse_utc_offset", "time_relation"]

logger = logging.getLogger(__name__)

TimeKind = Literal["as_of", "from", "until", "at"]
TimeRelation = Literal["same", "different", "unknown"]

#: Zone abbreviations known to every pack → minutes east of UTC. A conflict's zone words ("Baku time") are in
#: its pack (:attr:`claimdiff.pack.Pack.zones`).
ABBREVIATIONS: dict[str, int] = {
    "msk": 180, "gmt": 0, "utc": 0, "z": 0, "cet": 60, "cest": 120, "eet": 120, "eest": 180, "est": -300, "edt": -240,
}
_LOCAL = "local time"

# -- clock times --------------------------------------------------------------------------------------------

_CORE = re.compile(
    r"""(?<![\w:.,])(?:
        (?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?
      | (?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])(?:\s*(?:hours|hrs|h)\b)?
      | (?P<hmil>[01]\d|2[0-3])(?P<mmil>[0-5]\d)(?=\s*(?:hours\b|hrs\b|GMT|UTC|MSK)|Z\b)(?:\s*(?:hours|hrs)\b)?
      | (?:12\s+)?(?P<noon>noon|midday)\b
      | (?P<midnight>midnight)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A zone right after a clock time; {words} are "local time" and the pack's zone words.
_ZONE = r"""\s*(?P<paren>\(\s*)?(?:
        (?P<word>(?i:{words}))
      | (?P<gmt>GMT|UTC)\s*(?P<sign>[+\-\u2212])\s*(?P<oh>\d{{1,2}})(?::?(?P<om>[0-5]\d))?
      | (?P<abbr>GMT|UTC|MSK|CEST|CET|EEST|EET|EDT|EST)\b
    )(?(paren)\s*\))"""
_ZULU = re.compile(r"Z\b")
_CONVERSION_OPEN = re.compile(r"\s*\(\s*(?:or\s+|i\.e\.\s*)?", re.IGNORECASE)
_CONVERSION_CLOSE = re.compile(r"\s*\)")
_KIND_BEFORE = [
    ("as_of", re.compile(r"\bas\s+(?:of|at)\s*$", re.IGNORECASE)),
    ("from", re.compile(r"\b(?:from|since|after|starting(?:\s+(?:at|from))?|beginning(?:\s+at)?"
                        r"|effective(?:\s+from)?|as\s+from)\s*$", re.IGNORECASE)),
    ("until", re.compile(r"\b(?:until|till|up\s+to|before|through)\s*$", re.IGNORECASE)),
]
_RANGE_GAP = re.compile(r"\s*(?:to|until|till|and|-|\u2013|\u2014)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class _Zones:
    """The zones one pack knows: its words and the abbreviations (lower-cased → minutes east of UTC), and the
    pattern of a zone after a clock time."""

    offsets: Mapping[str, int]
    pattern: re.Pattern[str]


@functools.lru_cache(maxsize=8)
def _zones(pack: Pack | None) -> _Zones:
    if pack is None:
        from claimdiff.pack import Pack  # not at the top: the pack module reads its offsets with this one

        pack = Pack.default()
    # Longest first, so that a zone word is never cut short by a shorter one it begins with.
    words = sorted({_LOCAL, *pack.zones}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return _Zones({**ABBREVIATIONS, **pack.zones}, re.compile(_ZONE.format(words=alternatives), re.VERBOSE))


def __getattr__(name: str) -> Any:
    if name == "ZONES":  # split in issue 15: the abbreviations stay here, a conflict's zone words are its pack's
        warnings.warn("claimdiff.times.ZONES moved: abbreviations are claimdiff.times.ABBREVIATIONS, zone words "
                      "claimdiff.pack.Pack.zones (ZONES goes in the next release).", DeprecationWarning, stacklevel=2)
        return dict(_zones(None).offsets)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class ClockTime:
    """A clock time read from a text, with its zone when one is known.

    Attributes:
        span: the time as written, zone and any parenthetical conversion included.
        hour, minute: the clock reading as written (24-hour), in the zone it was written in.
        utc_offset_minutes: that zone's offset east of UTC, or ``None`` when unknown (no zone written and no
            local offset given).
        kind: ``"as_of"`` (a state observed at the time), ``"from"`` (a state starting then), ``"until"``
            (ending then) or ``"at"`` (an event then, or no cue).
        zone: the zone words as written (``"Moscow time"``, ``"local time"``), ``None`` when none was written.
    """

    span: Span
    hour: int
    minute: int
    utc_offset_minutes: int | None
    kind: TimeKind
    zone: str | None = None

    @property
    def minutes_utc(self) -> int | None:
        """Minutes after midnight UTC of the same day (may fall below 0 or past 1440), ``None`` without zone."""
        if self.utc_offset_minutes is None:
            return None
        return self.hour * 60 + self.minute - self.utc_offset_minutes


def parse_utc_offset(value: str | int | float | None, zones: Mapping[str, int] | None = None) -> int | None:
    """Minutes east of UTC from an offset as packs and texts write it.

    Accepts ``"+04:00"``, ``"-05:30"``, ``"+4"``, ``"UTC+4"``, ``"GMT+03:00"``, ``"UTC"``, ``"Z"`` (and the other
    :data:`ABBREVIATIONS`), a zone word of ``zones`` (lower-cased; ``None``: the default pack's, such as
    ``"Moscow time"``) and a number of hours (``4``, ``-5.5``). ``None`` stays ``None``.

    Raises:
        ValueError: anything else, or an offset outside -12:00 … +14:00.

    Example:
        >>> parse_utc_offset("+04:00"), parse_utc_offset("UTC-5"), parse_utc_offset("Moscow time")
        (240, -300, 180)
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a UTC offset: {value!r}; write it like '+04:00'")
    if isinstance(value, (int, float)):
        # YAML reads an unquoted +4:00 as the base-60 integer 240; hours beyond 14 are that, not hours.
        if abs(value) > 14:
            raise ValueError(f"not a UTC offset: {value!r}; write it as a quoted string like '+04:00'")
        minutes = round(value * 60)
    else:
        text = " ".join(str(value).split())
        key = text.lower()
        if key in ABBREVIATIONS:
            return ABBREVIATIONS[key]
        m = re.fullmatch(r"(?:(?:UTC|GMT)\s*)?([+\-\u2212])\s*(\d{1,2})(?::?([0-5]\d))?", text, re.IGNORECASE)
        if m is None:
            words = _zones(None).offsets if zones is None else zones
            if key in words:
                return words[key]
            raise ValueError(f"not a UTC offset: {value!r}; write it like '+04:00', 'UTC-5' or 'Moscow time'")
        minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
        if m.group(1) != "+":
            minutes = -minutes
    if not -720 <= minutes <= 840:
        raise ValueError(f"UTC offset {value!r} is outside -12:00 … +14:00")
    return minutes


def _core_at(text: str, pos: int, anchored: bool) -> re.Match[str] | None:
    return _CORE.match(text, pos) if anchored else _CORE.search(text, pos)


def _hour_minute(m: re.Match[str]) -> tuple[int, int]:
    if m.group("h12"):
        hour = int(m.group("h12")) % 12 + (12 if m.group("ampm").lower() == "p" else 0)
        return hour, int(m.group("m12") or 0)
    if m.group("h24") is not None:
        return int(m.group("h24")), int(m.group("m24"))
    if m.group("hmil") is not None:
        return int(m.group("hmil")), int(m.group("mmil"))
    return (12, 0) if m.group("noon") else (0, 0)


def _zone_at(text: str, pos: int, core_end_char: str, zones: _Zones) -> tuple[int, str | None, int | str | None]:
    """(end, zone as written, offset or "local") of a zone right at ``pos``; ``(pos, None, None)`` if none."""
    if core_end_char.isdigit():
        z = _ZULU.match(text, pos)
        if z:
            return z.end(), "Z", 0
    z = zones.pattern.match(text, pos)
    if z is None:
        return pos, None, None
    if z.group("word"):
        written = " ".join(z.group("word").split())
        key = written.lower()
        return z.end(), written, _LOCAL if key == _LOCAL else zones.offsets[key]
    if z.group("gmt"):
        sign = "+" if z.group("sign") == "+" else "-"
        try:
            offset = parse_utc_offset(f"{sign}{z.group('oh')}:{z.group('om') or '00'}")
        except ValueError:  # "UTC+25" is no zone: leave the time without one rather than guess
            return pos, None, None
        return z.end(), text[z.start("gmt"):z.end()].rstrip(") "), offset
    return z.end(), z.group("abbr"), ABBREVIATIONS[z.group("abbr").lower()]


def _read_time(text: str, m: re.Match[str], zones: _Zones) -> tuple[int, int, int, str | None, int | str | None]:
    hour, minute = _hour_minute(m)
    end, zone, offset = _zone_at(text, m.end(), text[m.end() - 1], zones)
    return end, hour, minute, zone, offset


def _kind(text: str, start: int, previous: ClockTime | None) -> TimeKind:
    before = text[max(0, start - 30):start]
    if previous is not None and previous.kind == "from" and _RANGE_GAP.fullmatch(text, previous.span.end, start):
        return "until"  # "from 8 a.m. to 10 a.m."
    for kind, pattern in _KIND_BEFORE:
        if pattern.search(before):
            return kind  # type: ignore[return-value]
    return "at"


def clock_times(text: str, local_offset: int | None = None, pack: Pack | None = None) -> list[ClockTime]:
    """Every clock time in ``text``, in order, with its zone offset when known.

    Reads "8 a.m.", "8:00 a.m.", "8.30 pm", "08:00", "20:30 hrs", "0800 GMT", "0400Z", "noon", "midnight",
    followed by a zone: "Moscow time" (+3), "Baku time"/"Yerevan time" (+4), "GMT"/"UTC"/"Z" (0), "UTC+4",
    "CET" (+1), "CEST" (+2), "EST" (-5), ... (see :data:`ABBREVIATIONS`; city zone words are the pack's), or
    "local time". A parenthetical conversion ("9 p.m. local time (5 p.m. GMT)") fixes the offset of the
    first reading.

    Args:
        text: any text; offsets in the result index into it.
        local_offset: minutes east of UTC of the speaker's local time, used for "local time" and for times
            written without a zone. ``None``: those times keep ``utc_offset_minutes=None``.
        pack: whose zone words to read; ``None``: the default pack's.

    Example:
        >>> [(t.span.text, t.hour, t.utc_offset_minutes, t.kind) for t in clock_times("from 6:30 p.m. Moscow time")]
        [('6:30 p.m. Moscow time', 18, 180, 'from')]
        >>> [t.minutes_utc for t in clock_times("until 20:30 local time", local_offset=240)]
        [990]
    """
    zones = _zones(pack)
    out: list[ClockTime] = []
    pos = 0
    while True:
        m = _core_at(text, pos, anchored=False)
        if m is None:
            return _share_zones(text, out)
        end, hour, minute, zone, offset = _read_time(text, m, zones)
        if isinstance(offset, int):
            resolved: int | None = offset
        else:
            resolved = local_offset  # "local time", or no zone: the speaker's own clock
            conv = _CONVERSION_OPEN.match(text, end)
            inner = _core_at(text, conv.end(), anchored=True) if conv else None
            if inner is not None:
                i_end, i_hour, i_minute, i_zone, i_offset = _read_time(text, inner, zones)
                close = _CONVERSION_CLOSE.match(text, i_end)
                if isinstance(i_offset, int) and close:
                    # The speaker's own conversion says which zone "local" was; it beats a pack's default.
                    utc = (i_hour * 60 + i_minute - i_offset) % 1440
                    derived = (hour * 60 + minute - utc) % 1440
                    derived = derived - 1440 if derived > 840 else derived
                    if local_offset is not None and local_offset != derived:
                        logger.debug("%r: the written conversion gives offset %d, not the local %d",
                                     text[m.start():close.end()], derived, local_offset)
                    resolved, end = derived, close.end()
        previous = out[-1] if out else None
        out.append(ClockTime(Span.of(text, m.start(), end), hour, minute, resolved, _kind(text, m.start(), previous),
                             zone))
        pos = end


def _share_zones(text: str, times: list[ClockTime]) -> list[ClockTime]:
    # "from 8 a.m. until 10 a.m. Baku time": the zone written once belongs to both ends.
    for i in range(len(times) - 2, -1, -1):
        t, u = times[i], times[i + 1]
        if t.zone is None and u.zone is not None and _RANGE_GAP.fullmatch(text, t.span.end, u.span.start):
            times[i] = replace(t, utc_offset_minutes=u.utc_offset_minutes, zone=u.zone)
    return times


def _intervals(times: Sequence[ClockTime]) -> list[tuple[float, float] | None]:
    """Each time as the UTC interval it speaks about; ``None`` where its zone is unknown."""
    out: list[tuple[float, float] | None] = []
    i = 0
    while i < len(times):
        t, u = times[i], times[i].minutes_utc
        nxt = times[i + 1] if i + 1 < len(times) else None
        if u is None:
            out.append(None)
        elif t.kind == "from" and nxt is not None and nxt.kind == "until" and nxt.minutes_utc is not None \
                and nxt.span.start - t.span.end <= 8:
            out.append((u, nxt.minutes_utc))  # "from 8 a.m. until 10 a.m.": one interval
            i += 1
        elif t.kind == "from":
            out.append((u, math.inf))
        elif t.kind == "until":
            out.append((-math.inf, u))
        else:
            out.append((u, u))
        i += 1
    return out


def _overlap(x: tuple[float, float], y: tuple[float, float]) -> bool:
    if x[0] == x[1] and y[0] == y[1]:
        # Two instants without dates: the same clock reading on adjacent days counts as the same time.
        return (x[0] - y[0]) % 1440 == 0
    return x[0] <= y[1] and y[0] <= x[1]


def time_relation(a_text: str, b_text: str, a_offset: int | None = None, b_offset: int | None = None,
                  pack: Pack | None = None) -> TimeRelation:
    """Whether two contents speak about the same time, different times, or that cannot be told.

    Each clock time is an instant ("as of 8 a.m.", "at 8 a.m."), or a half-open stretch ("from 8 a.m.",
    "until 8 a.m."; "from 8 until 10 a.m." is one stretch). ``"same"``: some time of one overlaps some time of
    the other. ``"different"``: both have clock times, all with known zones, and none overlap. Otherwise
    ``"unknown"`` (a content without a clock time, or with a time whose zone is unknown).

    Args:
        a_text, b_text: the two contents.
        a_offset, b_offset: each speaker's local offset (minutes east of UTC), for "local time" and times
            written without a zone; ``None`` when unknown.
        pack: whose zone words to read; ``None``: the default pack's.

    Example:
        >>> time_relation("as of 6 p.m. Moscow time", "at 18:00 Moscow time")
        'same'
        >>> time_relation("shelling as of 6 p.m. local time", "truce from 6 p.m. Moscow time", 240, 240)
        'different'
        >>> time_relation("shelling at 6 p.m.", "truce from 6 p.m. Moscow time")  # zone of the first unknown
        'unknown'
    """
    ia = _intervals(clock_times(a_text, a_offset, pack))
    ib = _intervals(clock_times(b_text, b_offset, pack))
    if not ia or not ib:
        return "unknown"
    known_a, known_b = [x for x in ia if x is not None], [y for y in ib if y is not None]
    if any(_overlap(x, y) for x in known_a for y in known_b):
        return "same"
    if len(known_a) == len(ia) and len(known_b) == len(ib):
        return "different"
    return "unknown"


#: Day and month names, lower-cased: the calendar words other stages keep apart from names and places.
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS: tuple[str, ...] = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                           "october", "november", "december")
_WEEKDAYS = "|".join(WEEKDAYS)
_MONTHS = "|".join((*MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"))
# A day an event happened on: "on Tuesday", "early Wednesday", "Tuesday evening", "on October 27", "27 Oct".
# "since Sunday" or "by Friday" bound a stretch of days rather than naming the day, so they are not read.
_ON_WEEKDAY = re.compile(rf"\b(?:on|early|late|last)\s+(?:the\s+)?(?P<day>{_WEEKDAYS})\b"
                         rf"|\b(?P<day2>{_WEEKDAYS})\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
_ON_DATE = re.compile(rf"\bon\s+(?:(?P<month>{_MONTHS})\.?\s+(?P<day>\d{{1,2}})\b"
                      rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTHS})\b)", re.IGNORECASE)


def named_days(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(weekdays, dates) that ``text`` says something happened on, lower-cased; dates as ``"oct 27"``.

    >>> named_days("fire opened at 05:40 on Wednesday; on 27 October a soldier died, since Sunday ...")
    (frozenset({'wednesday'}), frozenset({'oct 27'}))
    """
    weekdays = frozenset((m.group("day") or m.group("day2")).lower() for m in _ON_WEEKDAY.finditer(text))
    dates = frozenset(f"{(m.group('month') or m.group('month2')).lower()[:3]} {int(m.group('day') or m.group('day2'))}"
                      for m in _ON_DATE.finditer(text))
    return weekdays, dates


def day_relation(a_text: str, b_text: str) -> TimeRelation:
    """Whether two contents speak of the same day: ``"different"`` when both name weekdays (or both name dates)
    and none is shared, ``"same"`` when one is shared, else ``"unknown"``. Weekdays are compared with weekdays
    and dates with dates: "on Wednesday" and "on October 27" may be one day.

    >>> day_relation("fired on Azerbaijani positions on Tuesday evening", "opened fire early on Wednesday")
    'different'
    >>> day_relation("opened fire on Wednesday", "fired first, on October 27")
    'unknown'
    """
    (days_a, dates_a), (days_b, dates_b) = named_days(a_text), named_days(b_text)
    if days_a & days_b or dates_a & dates_b:
        return "same"
    if (days_a and days_b) or (dates_a and dates_b):
        return "different"
    return "unknown"


# Parts of the day as stretches of hours (the night runs past midnight), with overlapping edges: "in the evening"
# and "at night" may be the same hour, "on Monday morning" and "during the night" are not.
_PARTS_OF_DAY = {"morning": (5.0, 13.0), "afternoon": (11.0, 19.0), "evening": (17.0, 24.0), "night": (21.0, 29.0),
                 "overnight": (21.0, 29.0), "day": (6.0, 20.0)}
# ("the day" alone is no part of it: "the day before", "on the day of the attack"; "during the day" is daytime)
_PART_OF_DAY = re.compile(r"\b(?:(?:this|that|the|in\s+the|on\s+\w+|during\s+the|at|late|early)\s+)(?P<part>morning"
                          r"|afternoon|evening|night)\b|\b(?P<over>overnight)\b"
                          r"|\b(?:during\s+the\s+day|in\s+the\s+daytime|by\s+day|(?:in|during)\s+daylight)\b",
                          re.IGNORECASE)
# A clock reading stands for the hour around it: two accounts of one exchange of fire seldom agree to the minute.
_CLOCK_SLACK = 1.0


def hours_named(text: str) -> list[tuple[float, float]]:
    """The stretches of the day (hours; the night runs on past 24) that ``text`` says something happened in: parts
    of the day ("on Monday morning", "during the night") and clock times (read to within an hour).

    >>> hours_named("fire opened at 23:40 and went on during the night")
    [(22.666666666666668, 24.666666666666668), (21.0, 29.0)]
    >>> hours_relation("the fire began at 22:30", "no shot was fired during the day")
    'different'
    """
    found = []
    for t in clock_times(text):
        hour = t.hour + t.minute / 60
        found.append((hour - _CLOCK_SLACK, hour + _CLOCK_SLACK))
    for m in _PART_OF_DAY.finditer(text):
        found.append(_PARTS_OF_DAY[(m.group("part") or m.group("over") or "day").lower()])
    return found


def hours_relation(a_text: str, b_text: str) -> TimeRelation:
    """Whether two contents speak of the same hours of a day: ``"different"`` when both name some (parts of the
    day, clock times) and none overlap, ``"same"`` when some overlap, else ``"unknown"``. Days are not read
    (:func:`day_relation` does).

    >>> hours_relation("came under fire on Monday morning", "no shots were fired during the night")
    'different'
    >>> hours_relation("the shooting began at around 23:40", "no shots were fired during the night")
    'same'
    """
    a, b = hours_named(a_text), hours_named(b_text)
    if not a or not b:
        return "unknown"
    # a day is a circle: 23:30 and 00:10 are one hour, as are "at night" and 02:00
    return "same" if any(x[0] < y[1] + k and y[0] + k < x[1] for x in a for y in b for k in (-24, 0, 24)) \
        else "different"
