"""Docket entries from CourtListener (or Juriscraper/RECAP) JSON become events.

Three shapes are read, told apart by their keys:
- a REST v4 ``docket-entries`` response: one page ``{count, next, previous, results}`` or a
  list of such pages;
- a docket-alert webhook body: ``{"payload": {"results": [...]}, "webhook": {...}}``;
- a Juriscraper/RECAP docket: ``{"docket_entries": [...], ...}``.

Every entry gets an id from the court's own numbering (``CASE-ecf-12``), so importing the
same docket again finds every entry already present.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import urlencode, urljoin

SITE = "https://www.courtlistener.com"
STORAGE = "https://storage.courtlistener.com/"
API_BASE = f"{SITE}/api/rest/v4/"
API = f"{API_BASE}docket-entries/"
TITLE_LENGTH = 100
MAX_PAGES = 500


class CourtListenerError(Exception):
    """The docket cannot be imported (not JSON, not a known shape, the API refused); one line."""


@dataclass(frozen=True)
class Entry:
    """One docket entry, whatever shape it came in."""

    date_filed: str
    time_filed: str | None
    description: str
    number: str | None  # the ECF (document) number shown on the docket
    entry_id: str | None  # CourtListener's id of the entry
    sequence: str | None  # PACER's sequence number
    url: str | None


def detect(document: Any) -> tuple[str, list[dict[str, Any]]]:
    """Name the shape of ``document`` and return its raw entries."""
    if isinstance(document, list) and document and all(_is_page(page) for page in document):
        return "docket-entries pages", [e for page in document for e in _results(page)]
    if isinstance(document, dict):
        if _is_page(document):
            return "docket-entries page", _results(document)
        payload = document.get("payload")
        if isinstance(payload, dict) and isinstance(payload.get("results"), list):
            return "docket-alert webhook", _entries(payload["results"])
        if isinstance(document.get("docket_entries"), list):
            return "RECAP docket", _entries(document["docket_entries"])
    raise CourtListenerError(
        "not a CourtListener docket-entries response, docket-alert webhook or RECAP docket "
        "(expected 'results', 'payload.results' or 'docket_entries')"
    )


def _is_page(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("results"), list) and "next" in value


def _results(page: dict[str, Any]) -> list[dict[str, Any]]:
    return _entries(page["results"])


def _entries(items: list[Any]) -> list[dict[str, Any]]:
    return [item for item in items if isinstance(item, dict)]


def entries_from(raw: Iterable[dict[str, Any]]) -> list[Entry]:
    """Normalise raw entries; an entry with no filing date cannot be placed and is left out."""
    entries = []
    for item in raw:
        filed = _text(item.get("date_filed"))
        if not filed or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", filed[:10]):
            continue
        documents = [d for d in item.get("recap_documents") or [] if isinstance(d, dict)]
        main = next((d for d in documents if d.get("attachment_number") in (None, "")), None)
        number = _text(item.get("entry_number")) or _text(item.get("document_number"))
        if number is None and main is not None:
            number = _text(main.get("document_number"))
        description = (
            _text(item.get("description"))
            or _text(item.get("short_description"))
            or (_text(main.get("description")) if main else None)
            or (f"Docket entry {number}" if number else "Docket entry")
        )
        entries.append(
            Entry(
                date_filed=filed[:10],
                time_filed=_text(item.get("time_filed")),
                description=" ".join(description.split()),
                number=number,
                entry_id=_text(item.get("id")),
                sequence=_text(item.get("pacer_seq_no")) or _text(item.get("pacer_sequence_number")),
                url=_document_url(main),
            )
        )
    return entries


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def _document_url(document: dict[str, Any] | None) -> str | None:
    """The document's page on CourtListener, else its copy in the Internet Archive."""
    if document is None:
        return None
    for key, prefix in (("absolute_url", SITE), ("filepath_ia", ""), ("filepath_local", STORAGE)):
        value = _text(document.get(key))
        if not value:
            continue
        if value.startswith(("https://", "http://")):
            return value
        if prefix and key == "absolute_url" and value.startswith("/"):
            return prefix + value
        if prefix and key == "filepath_local" and document.get("is_available"):
            return prefix + value.lstrip("/")
    return None


# Entry -> event -----------------------------------------------------------------------------

_ABBREVIATIONS = {
    "inc", "co", "corp", "ltd", "llc", "jr", "sr", "no", "nos", "v", "vs", "mr", "mrs", "ms",
    "dr", "st", "u.s", "e.g", "i.e", "et al", "al", "ex", "fed", "civ", "p", "r", "n.d", "d",
}  # fmt: skip


_SIGNATURE = re.compile(r"\s*\([^(),]+,[^(),]*\)\s*$")


def title_for(description: str, limit: int = TITLE_LENGTH) -> str:
    """The first sentence (or sentences) of ``description`` that fit in ``limit`` characters."""
    text = re.sub(r"\((Entered|Attachments):[^()]*(\([^()]*\)[^()]*)*\)", " ", description)
    text = re.sub(_SIGNATURE, "", text)  # who typed it in: "(Biss, Steven)", "(mdd, Deputy Clerk)"
    text = " ".join(text.split()) or description
    ends = [m.end() for m in re.finditer(r"[.;](?=\s+[A-Z(])", text) if _sentence_end(text, m.start())]
    fitting = [end for end in ends if end <= limit]
    if len(text) <= limit:
        return text
    if fitting:
        return text[: fitting[-1]].rstrip(";").strip()
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:(") + "…"


def _sentence_end(text: str, dot: int) -> bool:
    """Is the '.' at ``dot`` the end of a sentence, not of "Inc." or a middle initial?"""
    if text[dot] == ";":
        return True
    word = re.search(r"([A-Za-z.]+)$", text[:dot])
    if word is None:
        return True
    token = word.group(1).lower().rstrip(".")
    return len(token) > 1 and token not in _ABBREVIATIONS


_LEADING = re.compile(
    r"^(?:(?:consent|joint|emergency|amended|unopposed|stipulated|paperless|text|endorsed|"
    r"sealed|redacted|first|second|third|supplemental|renewed|expedited|partial|corrected|"
    r"cross|cross-|memorandum and)\s+)+",
    re.IGNORECASE,
)
_KIND_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("filing", re.compile(r"^proposed\b", re.I)),
    ("ruling", re.compile(r"^(judgment|memorandum opinion|opinion|verdict|final judgment)\b", re.I)),
    ("order", re.compile(r"^(minute order|scheduling order|order|orders)\b", re.I)),
    ("hearing", re.compile(
        r"^(minute entry|hearing|status conference|motion hearing|oral argument|"
        r"(telephone |video )?conference)\b"
        r"|\b(hearing|conference) (set|held|reset|rescheduled|continued)\b"
        r"|\bstatus conference\b", re.I)),
    ("filing", re.compile(
        r"^(complaint|petition|motion|motions|notice|brief|memorandum|response|reply|answer|"
        r"declaration|affidavit|exhibit|stipulation|appendix|application|opposition|objection|"
        r"letter|certificate|corporate disclosure|financial interest disclosure|"
        r"disclosure statement|counterclaim|amicus|praecipe|status report|report)\b", re.I)),
    ("ruling", re.compile(r"\b(judgment|opinion)\b", re.I)),
    ("order", re.compile(r"\border\b", re.I)),
)  # fmt: skip


def kind_for(description: str) -> str:
    """Guess the event kind from the docket text: filing, order, ruling, hearing or other."""
    head = _LEADING.sub("", description.strip())
    head = re.split(r"\s+(?:re|by|filed)\s+|\(|;|\. ", head, maxsplit=1)[0]
    for kind, pattern in _KIND_RULES:
        if pattern.search(head):
            return kind
    return "other"


def event_id(case: str, entry: Entry) -> str:
    """A stable id from the court's numbering, so re-imports recognise the entry."""
    if entry.number and re.fullmatch(r"\d+", entry.number):
        return f"{case}-ecf-{entry.number}"
    if entry.entry_id and re.fullmatch(r"\d+", entry.entry_id):
        return f"{case}-cl-{entry.entry_id}"
    if entry.sequence and re.fullmatch(r"\d+", entry.sequence):
        return f"{case}-seq-{entry.sequence}"
    digest = hashlib.sha1(entry.description.encode("utf-8")).hexdigest()[:8]
    return f"{case}-{entry.date_filed}-{digest}"


def event_fields(
    case: str, entry: Entry, timed: bool, sources: list[str]
) -> dict[str, str | list[str]]:
    """The event as the ordered fields ``edit.append_items`` writes."""
    date = entry.date_filed
    if timed and entry.time_filed and re.fullmatch(r"\d{2}:\d{2}(:\d{2}(\.\d+)?)?", entry.time_filed):
        date += "T" + entry.time_filed[:5]
    title = title_for(entry.description)
    fields: dict[str, str | list[str]] = {
        "id": event_id(case, entry),
        "date": date,
        "case": case,
        "kind": kind_for(entry.description),
        "title": title,
    }
    if title != entry.description:
        fields["details"] = entry.description
    links = [*sources, *([entry.url] if entry.url else [])]
    if links:
        fields["sources"] = links
    return fields


# Reading and fetching --------------------------------------------------------------------


def read_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CourtListenerError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:  # json's decoder recurses once a level: 100,000 '[' exhaust it
        raise CourtListenerError(f"{name}: JSON nested too deeply to read") from None


Fetch = Callable[[str, Mapping[str, str]], Any]


def fetch_pages(docket: str, token: str | None, fetch: Fetch, max_pages: int = MAX_PAGES,
                api: str = API_BASE) -> list[Any]:  # fmt: skip
    """Every page of a docket's entries from the v4 API at ``api``, following ``next``.

    A ``next`` link off the API's origin (scheme, host, port) is refused, not followed: the
    token would go with it.
    """
    from timeline.importers.http import FetchError, origin_of, require_origin

    headers = {"Accept": "application/json", "User-Agent": "timeline (court-case timelines)"}
    if token:
        headers["Authorization"] = f"Token {token}"
    origin = origin_of(api)
    query = urlencode({"docket": docket, "order_by": "recap_sequence_number"})
    url: str | None = f"{urljoin(api, 'docket-entries/')}?{query}"
    pages: list[Any] = []
    asked: set[str] = set()
    while url:
        if len(pages) == max_pages:
            raise CourtListenerError(f"more than {max_pages} pages of entries; stopped")
        asked.add(url)
        page = fetch(url, headers)
        if not _is_page(page) or not isinstance(page["next"], (str, type(None))):
            raise FetchError(f"{url}: the answer is not a page of docket entries")
        pages.append(page)
        if page["next"] is None:
            break
        next_url = urljoin(url, page["next"])
        require_origin(origin, next_url, "the next link leads to", url)
        if next_url in asked:
            raise FetchError(f"{url}: the next link repeats an earlier page; stopped")
        url = next_url
    return pages


def fetch_docket(docket: str, token: str | None, api: str, deadline: float) -> list[Any]:
    """Every page of a docket's entries, fetched within ``deadline`` seconds in all."""
    from timeline.importers.http import Client

    return fetch_pages(docket, token, Client(api, deadline).get_json, api=api)
