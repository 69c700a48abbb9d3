"""JSON text written by the optional ``orjson`` exactly as :mod:`json` writes it (private).

:func:`~hospital_inspection.to_json` writes a float-free model with ``orjson`` (extra
``fast-json``) when the text comes out the same as ``json.dumps`` would write it. ``orjson``
has no separators option: its compact text has ``,`` and ``:`` where ``json.dumps(indent=None)``
writes ``", "`` and ``": "``. :func:`spaced` adds the spaces when every ``,`` and ``:`` of the
compact text is a separator, which it proves by counting, and otherwise answers ``None``.
"""

from __future__ import annotations

from typing import Any


def spaced(orjson: Any, data: object) -> str | None:
    """``json.dumps(data, ensure_ascii=False)``, written by ``orjson``; ``None`` when unsure.

    The separators are counted in orjson's indented text of the same data, where each ``,``
    separator is followed by a line break and each ``:`` separator by one space, while inside a
    string a line break is always escaped and the strings are the same in both texts. So the
    compact text holds no ``,`` or ``:`` inside a string exactly when its counts equal the
    separators': then putting a space after every one gives json's text.

    Raises:
        TypeError: ``orjson`` refuses the data (an integer beyond 64 bits, a lone surrogate…).
    """
    compact: bytes = orjson.dumps(data)
    commas, colons = compact.count(b","), compact.count(b":")
    if commas or colons:
        indented: bytes = orjson.dumps(data, option=orjson.OPT_INDENT_2)
        if commas != indented.count(b",\n") or colons != indented.count(b": ") - compact.count(
            b": "
        ):
            return None  # a string holds a comma or a colon: json writes it
        compact = compact.replace(b",", b", ").replace(b":", b": ")
    return compact.decode()
