"""Reading one policy file and layering it over the policies it extends (private).

The shipped policies (``available_policies``), finding a policy file (a shipped id or a path,
relative to the file that names it), reading it with :mod:`tomllib` into a ``_Layered`` (its
data, rules, interpretations, sources and where each came from, for messages), following
``extends`` and merging a child over its parent rule by rule (``drop_rules`` included).
``_loader`` turns the merged layers into a ``Policy``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePath
from typing import Any

import attrs

from hospital_inspection.dates.arrangements import _not_toml
from hospital_inspection.errors import PolicyError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy._schema import PolicyMeta

__all__: list[str] = []

FORMAT = 1
_META_KEYS = {f.name for f in attrs.fields(PolicyMeta)}
_TOP_KEYS = _META_KEYS | {"format", "sources", "rules", "interpretations", "drop_rules"}


def _data_dir() -> Traversable:
    return resources.files("hospital_inspection.policy") / "data"


def available_policies() -> tuple[str, ...]:
    """The ids of the policies shipped with the library.

    An id that starts with ``example-`` is a fictional example (its metadata says
    ``fictional = true``): 示例市 does not exist, its plan shows how a city's notice is encoded.

    Example:
        >>> import hospital_inspection as hi
        >>> hi.available_policies()
        ('example-shili-2025-2027', 'jilin-2021', 'weihai-2024-2026')
    """
    return tuple(
        sorted(
            p.name.removesuffix(".toml") for p in _data_dir().iterdir() if p.name.endswith(".toml")
        )
    )


@attrs.define
class _Layered:
    """A policy file merged over its parents, still as TOML data."""

    data: dict[str, Any]
    rules: dict[str, dict[str, Any]]
    interpretations: dict[str, dict[str, Any]]
    sources: dict[str, Traversable]
    origin: dict[str, tuple[str, str]]  # rule or interpretation key -> (file label, file text)
    label: str


def _is_path(source: str | os.PathLike[str]) -> bool:
    return (
        not isinstance(source, str) or source.endswith(".toml") or "/" in source or "\\" in source
    )


def _locate(source: str | os.PathLike[str], base: Traversable | None) -> Traversable:
    if _is_path(source):
        path = Path(source)
        if not path.is_absolute() and base is not None:
            return base / str(path)
        return path
    assert isinstance(source, str)
    found = _data_dir() / f"{source}.toml"
    if not found.is_file():
        raise said(
            Message(
                N_("no policy {policy}; available: {available} (or give the path of a .toml file)"),
                {"policy": repr(source), "available": ", ".join(available_policies())},
            )
        )
    return found


def said(message: Message) -> PolicyError:
    """A policy error of one sentence: ``str()`` is its English, and a front end words it in
    the reader's language (:func:`hospital_inspection.i18n.error_text`)."""
    return PolicyError(str(message), messages=(message,))


def _parent_dir(file: Traversable) -> Traversable:
    if isinstance(file, Path):
        return file.parent
    return _data_dir()


def _line_of(text: str, key: str) -> str:
    """`` (line N)`` for the table header or key that defines ``key``, when it can be found."""
    for pattern in (
        rf"^[ \t]*\[+[ \t]*(rules|interpretations)\.{re.escape(key)}[ \t]*[\].]",
        rf"^[ \t]*{re.escape(key)}[ \t]*=",
    ):
        match = re.search(pattern, text, flags=re.MULTILINE)
        if match:
            return f" (line {text.count(chr(10), 0, match.start()) + 1})"
    return ""


def _fail(label: str, problems: Sequence[object]) -> PolicyError:
    """The error listing ``problems`` of the file ``label`` (a problem may be a Message)."""
    if len(problems) == 1:
        return PolicyError(f"{label}: {problems[0]}", source=label, messages=problems)
    return PolicyError(
        f"{label}:\n" + "\n".join(f"  - {p}" for p in problems), source=label, messages=problems
    )


def _table(value: object, where: str, label: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(label, [f"{where}: expected a table, got {type(value).__name__}"])
    return dict(value)


def _fill_document(table: dict[str, Any], document: object) -> None:
    """Citations without a ``document`` cite the file's own document."""
    cite = table.get("cite")
    if isinstance(cite, Mapping) and "document" not in cite:
        table["cite"] = {**cite, "document": document}
    items = table.get("items")
    if isinstance(items, list):
        table["items"] = [
            _item({**i, "document": document} if "document" not in i else dict(i))
            if isinstance(i, Mapping)
            else i
            for i in items
        ]


def _item(item: dict[str, Any]) -> dict[str, Any]:
    """``applies_to = ["tcm"]`` is shorthand for ``applies_to = { categories = ["tcm"] }``."""
    if isinstance(item.get("applies_to"), list):
        item["applies_to"] = {"categories": item["applies_to"]}
    return item


def _read(file: Traversable, seen: tuple[str, ...]) -> _Layered:
    label = str(file)
    if label in seen:
        raise said(
            Message(
                N_("{label}: extends itself (cycle: {cycle})"),
                {"label": label, "cycle": " -> ".join((*seen, label))},
            )
        )
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = (  # the same English either way; in Chinese, a missing file says so
            N_("{label}: cannot be read: {missing}")
            if isinstance(exc, FileNotFoundError)
            else N_("{label}: cannot be read: {reason}")
        )
        raise said(Message(why, {"label": label, "missing": exc, "reason": exc})) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problem = Message(N_("{where}: {problem}"), {"where": label, "problem": _not_toml(exc)})
        raise said(problem) from None
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        expected = ", ".join(sorted(_TOP_KEYS))
        unexpected = N_("{key}{line}: unexpected key; expected only {expected}")
        raise _fail(
            label,
            [
                Message(unexpected, {"key": k, "line": _line_of(text, k), "expected": expected})
                for k in unknown
            ],
        )
    if data.get("format") != FORMAT:
        unknown_format = N_("format: {found} is not a known format; expected {format}")
        raise _fail(
            label, [Message(unknown_format, {"found": repr(data.get("format")), "format": FORMAT})]
        )
    document = data.get("document")
    rules = {
        rid: _table(t, f"rules.{rid}{_line_of(text, rid)}", label)
        for rid, t in _table(data.get("rules", {}), "rules", label).items()
    }
    for table in rules.values():
        _fill_document(table, document)
    interps = {
        name: _table(t, f"interpretations.{name}{_line_of(text, name)}", label)
        for name, t in _table(data.get("interpretations", {}), "interpretations", label).items()
    }
    for table in interps.values():
        _fill_document(table, document)
    here = _parent_dir(file)
    sources: dict[str, Traversable] = {}
    for doc, rel in _table(data.get("sources", {}), "sources", label).items():
        if not isinstance(rel, str):
            raise _fail(label, [f"sources.{doc}: {rel!r} is not a file name"])
        parts = PurePath(rel).parts
        if not parts or PurePath(rel).is_absolute() or ".." in parts or "\\" in rel:
            raise _fail(
                label,
                [
                    f"sources.{doc}{_line_of(text, doc)}: {rel!r} leaves the policy's folder; "
                    "expected a file name inside the folder of the policy file"
                ],
            )
        sources[doc] = here / rel
        if not sources[doc].is_file():
            raise _fail(label, [f"sources.{doc}{_line_of(text, doc)}: no file {rel!r} next to it"])
    origin = dict.fromkeys((*rules, *interps), (label, text))
    layer = _Layered(data, rules, interps, sources, origin, label)
    extends = data.get("extends")
    if extends is None:
        return layer
    if not isinstance(extends, str):
        raise _fail(label, [f"extends: {extends!r} is not a policy id or a path"])
    parent = _read(_locate(extends, here), (*seen, label))
    return _merge(parent, layer)


def _merge(parent: _Layered, child: _Layered) -> _Layered:
    drop = child.data.get("drop_rules", [])
    if not isinstance(drop, list) or not all(isinstance(r, str) for r in drop):
        raise _fail(child.label, ["drop_rules: expected a list of rule ids"])
    missing = [r for r in drop if r not in parent.rules]
    if missing:
        raise _fail(child.label, [f"drop_rules: no rule {r!r} in {parent.label}" for r in missing])
    rules = {k: t for k, t in parent.rules.items() if k not in drop}
    rules.update(child.rules)
    data = dict(child.data)
    for key in ("based_on", "rounds"):
        data.setdefault(key, parent.data.get(key, []))
    return _Layered(
        data=data,
        rules=rules,
        interpretations={**parent.interpretations, **child.interpretations},
        sources={**parent.sources, **child.sources},
        origin={**parent.origin, **child.origin},
        label=child.label,
    )
