"""Text from a file made safe to show: every character a terminal would obey, shown escaped.

An escape sequence in a key or a title could clear the screen, write the clipboard (OSC 52)
or turn text into a hyperlink (OSC 8) on the terminal of whoever runs `timeline check`; a
bidi control (U+202E) makes a line read otherwise than it is. Every text from the file that
reaches a terminal (diagnostics, the source line under them, the views, an export) goes
through ``visible``, the one place that decides what is shown escaped.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls; the bidi controls (embeddings and overrides U+202A-U+202E,
# isolates U+2066-U+2069, the marks U+200E, U+200F and U+061C); and the line and paragraph
# separators, which some readers take as line breaks: a problem must stay on one line.
_SHOWN = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
_ANY = re.compile(f"[{_SHOWN}]")
# The same but for an export's own layout: tabs, line feeds and CRLF stay.
_OUTSIDE_LAYOUT = re.compile(
    "\r(?!\n)|[" + _SHOWN.replace("\x00-\x1f", "\x00-\x08\x0b\x0c\x0e-\x1f") + "]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, layout: bool = False) -> str:
    """``text`` with control, bidi and separator characters shown as ``\\x1b``, ``\\u202e``.

    ``layout`` keeps tabs, ``\\n`` and ``\\r\\n``: the layout of an export's own format.
    A backslash is left as it is: the text reads as written, not as a quoted literal.
    """
    if text.isascii() and text.isprintable():  # the usual case, checked at C speed
        return text
    return (_OUTSIDE_LAYOUT if layout else _ANY).sub(_escape, text)
