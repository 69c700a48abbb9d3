"""JSON text written by the optional ``orjson`` exactly as :mod:`json` writes it (private).

:func:`~hospital_inspection.to_json` writes a float-free model with ``orjson`` (extra
``fast-json``) when the text comes out the same as ``json.dumps`` would write it. ``orjson``
has no separators option: its compact text has ``,`` and ``:`` where ``json.dumps(indent=None)``
writes ``", "`` and ``": "``. :func:`spaced` adds the spaces when every ``,`` and ``:`` of the
compact text is a separator, which it proves, and otherwise answers ``None``.
"""

from __future__ import annotations

from typing import Any

#: Every byte but the quote, the comma, the colon and the backslash: deleted by a proof.
_NOT_PUNCTUATION = bytes(b for b in range(256) if b not in b'",:\\')


def spaced(orjson: Any, data: object) -> str | None:
    """``json.dumps(data, ensure_ascii=False)``, written by ``orjson``; ``None`` when unsure.

    Raises:
        TypeError: ``orjson`` refuses the data (an integer beyond 64 bits, a lone surrogate…).
    """
    compact: bytes = orjson.dumps(data)
    if b"," in compact or b":" in compact:
        if not _separators_only(compact) and not _separators_counted(orjson, data, compact):
            return None  # a string holds a comma or a colon: json writes it
        compact = compact.replace(b",", b", ").replace(b":", b": ")
    return compact.decode()


def _separators_only(compact: bytes) -> bool:
    """Whether no string of ``compact`` holds a ``,`` or a ``:``, proved from its punctuation.

    Without a backslash the text has no escaped quote, so its quotes pair up as the strings'
    ends. Keeping only the quotes, commas and colons, a string becomes ``"`` + its own commas
    and colons + ``"``, and between two strings stands at least one separator (JSON never puts
    two strings side by side): so each ``""`` is a string without them, and every string is one
    exactly when the ``""`` are half the quotes. With a backslash: ``False`` (not proved).
    """
    marks = compact.translate(None, _NOT_PUNCTUATION)
    if b"\\" in marks:
        return False
    return marks.count(b'"') == 2 * marks.count(b'""')


def _separators_counted(orjson: Any, data: object, compact: bytes) -> bool:
    """The same proof by counting, for a text with escapes.

    The separators are counted in orjson's indented text of the same data, where each ``,``
    separator is followed by a line break and each ``:`` separator by one space, while inside a
    string a line break is always escaped and the strings are the same in both texts. So the
    compact text holds no ``,`` or ``:`` inside a string exactly when its counts equal the
    separators'.
    """
    indented: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    colons = indented.count(b": ") - compact.count(b": ")
    return compact.count(b",") == indented.count(b",\n") and compact.count(b":") == colons
