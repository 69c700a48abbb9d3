"""A source text cut into its numbered clauses (一、 （一） 1. (1)), for lint and ``policy init``.

Notices number their clauses in four levels: ``一、``, ``（一）``, ``1.`` and ``（1）``, each at the
start of a line. A clause's path joins its own marker to its parents' in the style the policy
files use: ``四、(四)4.``, ``三、(一)1.(2)`` (ASCII parentheses; full-width ones in a path are
read the same).
"""

from __future__ import annotations

import re

import attrs

__all__ = ["TITLE", "Clause", "normalise_path", "segment"]

TITLE = "标题"
"""The clause path of a document's title (its own words, before any numbered clause)."""

_NUM = "一二三四五六七八九十"
_MARKERS = (
    re.compile(rf"^([{_NUM}]+)、"),
    re.compile(rf"^[（(]([{_NUM}]+)[）)]"),
    re.compile(r"^([0-9]{1,2})[.．、]"),
    re.compile(r"^[（(]([0-9]+)[）)]"),
)
_ANNEX = re.compile(r"^附件[:：]")
_FULL = str.maketrans("（）．０１２３４５６７８９", "().0123456789")


def normalise_path(path: str) -> str:
    """A clause path in the files' style: ASCII parentheses and digits, no spaces."""
    return "".join(path.translate(_FULL).split())


def _marker(level: int, number: str) -> str:
    return (f"{number}、", f"({number})", f"{number}.", f"({number})")[level]


@attrs.frozen(kw_only=True)
class Clause:
    """One numbered clause of a source text.

    Attributes:
        path: e.g. ``"四、(四)4."``.
        level: 0 for ``一、`` … 3 for ``(1)``.
        text: the clause's own lines (its marker included), whitespace removed, up to the next
            numbered clause of any level.
        line: the 1-based line where it starts.
        lines: its lines, whitespace removed (the first one carries the marker).
    """

    path: str
    level: int
    text: str
    line: int
    lines: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        """The text after the clause's marker."""
        return _strip_marker(self.text)


def _strip_marker(text: str) -> str:
    for pattern in _MARKERS:
        found = pattern.match(text)
        if found:
            return text[found.end() :]
    return text


def segment(text: str) -> list[Clause]:
    """The numbered clauses of ``text``, in order, each with its path.

    Example:
        >>> [c.path for c in segment("一、目标\\n（一）范围。\\n1. 甲。\\n（1）乙。\\n二、其他")]
        ['一、', '一、(一)', '一、(一)1.', '一、(一)1.(1)', '二、']
    """
    stack: list[str] = []
    clauses: list[Clause] = []
    current: list[str] = []
    start, level, path = 0, -1, ""

    def close() -> None:
        if path:
            lines = tuple(x for x in current if x)
            clauses.append(
                Clause(path=path, level=level, text="".join(lines), line=start, lines=lines)
            )

    for n, raw in enumerate(text.splitlines(), start=1):
        line = "".join(raw.split())
        if _ANNEX.match(line):
            break  # 附件: the attachments list ends the numbered clauses
        hit = next(
            ((k, m) for k, p in enumerate(_MARKERS) if (m := p.match(line)) is not None), None
        )
        if hit is None:
            if path:
                current.append(line)
            continue
        k, match = hit
        if k > len(stack):  # a level skipped (1. directly under 一、): keep the parents
            k = len(stack)
        close()
        stack = [*stack[:k], _marker(hit[0], match.group(1))]
        start, level, path, current = n, hit[0], "".join(stack), [line]
    close()
    return clauses


def span(clauses: list[Clause], path: str) -> str:
    """The text of clause ``path`` and every clause under it (empty when there is no such one)."""
    return "".join(c.text for c in clauses if c.path.startswith(path))
