"""Reading policy files: TOML -> layers (``extends``) -> readings chosen -> frozen rules (private).

A file is read with :mod:`tomllib`, layered over the policy it extends (rule by rule: a rule the
child names replaces the parent's whole rule), the chosen readings are merged into the rules they
patch, and each rule is built by the library's converter for its kind. Every failure becomes one
:class:`~hospital_inspection.PolicyError` naming the file, the line where it can tell, the key
path and what was expected.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePath
from typing import Any

import attrs

from hospital_inspection.convert import structure
from hospital_inspection.errors import DataError, InspectionError, PolicyError
from hospital_inspection.policy._policy import Policy
from hospital_inspection.policy._rules import RULE_KINDS, Rule
from hospital_inspection.policy._schema import Interpretation, PolicyMeta

__all__ = ["available_policies", "load_policy"]

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
        raise PolicyError(
            f"no policy {source!r}; available: {', '.join(available_policies())} "
            "(or give the path of a .toml file)"
        )
    return found


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


def _fail(label: str, problems: list[str]) -> PolicyError:
    if len(problems) == 1:
        return PolicyError(f"{label}: {problems[0]}")
    return PolicyError(f"{label}:\n" + "\n".join(f"  - {p}" for p in problems))


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
        raise PolicyError(f"{label}: extends itself (cycle: {' -> '.join((*seen, label))})")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{label}: cannot be read: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{label}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        expected = ", ".join(sorted(_TOP_KEYS))
        raise _fail(
            label,
            [f"{k}{_line_of(text, k)}: unexpected key; expected only {expected}" for k in unknown],
        )
    if data.get("format") != FORMAT:
        found = data.get("format")
        raise _fail(label, [f"format: {found!r} is not a known format; expected {FORMAT}"])
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


def _deep_merge(base: dict[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """``patch`` over ``base``: tables merge key by key; a list of tables with ids (checklist
    items) merges by id when the patch gives a table keyed by those ids; other values replace."""
    merged = dict(base)
    for key, value in patch.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = _deep_merge(dict(old), value)
        elif isinstance(value, Mapping) and isinstance(old, list) and _by_id(old):
            ids = {i["id"] for i in old}
            unknown = sorted(set(value) - ids)
            if unknown:
                raise PolicyError(f"patch of {key}: no entry with id {', '.join(unknown)}")
            merged[key] = [
                _deep_merge(dict(i), value[i["id"]]) if i["id"] in value else i for i in old
            ]
        else:
            merged[key] = value
    return merged


def _by_id(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(i, Mapping) and "id" in i for i in value)


def _where(layer: _Layered, key: str) -> str:
    label, text = layer.origin.get(key, (layer.label, ""))
    return label + _line_of(text, key)


def _interpretations(layer: _Layered) -> dict[str, Interpretation]:
    result: dict[str, Interpretation] = {}
    for name, table in layer.interpretations.items():
        try:
            result[name] = structure(
                {**table, "name": name}, Interpretation, path=f"interpretations.{name}"
            )
        except DataError as exc:
            raise _fail(_where(layer, name), list(exc.problems)) from None
        unknown = [r for r in result[name].rules if r not in layer.rules]
        if unknown:
            raise _fail(
                _where(layer, name),
                [f"interpretations.{name}.rules: no rule {r!r} in the policy" for r in unknown],
            )
    return result


def _choose(
    layer: _Layered, interps: Mapping[str, Interpretation], selected: Mapping[str, str]
) -> dict[str, str]:
    problems: list[str] = []
    for name, choice in selected.items():
        if name not in interps:
            menu = "; ".join(f"{n}: {', '.join(i.choices)}" for n, i in interps.items())
            problems.append(f"no interpretation {name!r}; available: {menu or 'none'}")
        elif choice not in interps[name].choices:
            problems.append(
                f"interpretation {name!r} has no choice {choice!r}; "
                f"choices: {', '.join(interps[name].choices)}"
            )
    if problems:
        raise _fail(layer.label, problems)
    return {name: selected.get(name, i.default) for name, i in interps.items()}


def _rules(layer: _Layered, patched: Mapping[str, dict[str, Any]]) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    problems: list[str] = []
    for rid, table in patched.items():
        body = dict(table)
        kind = body.pop("kind", None)
        cls = RULE_KINDS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            near = difflib.get_close_matches(str(kind), list(RULE_KINDS), n=1, cutoff=0.6)
            hint = f"did you mean {near[0]!r}? " if near else ""
            problems.append(
                f"{_where(layer, rid)}: rules.{rid}.kind: {kind!r} is not a rule kind; "
                f"{hint}expected one of {', '.join(sorted(RULE_KINDS))}"
            )
            continue
        body["id"] = rid
        if isinstance(body.get("items"), list):  # after patches too: the list shorthand
            body["items"] = [_item(dict(i)) if isinstance(i, Mapping) else i for i in body["items"]]
        try:
            rules[rid] = structure(body, cls, path=f"rules.{rid}")
        except DataError as exc:
            problems.extend(f"{_where(layer, rid)}: {p}" for p in exc.problems)
    if problems:
        raise PolicyError(
            f"{layer.label}: invalid policy:\n" + "\n".join(f"  - {p}" for p in problems)
        )
    return rules


def load_policy(
    source: str | os.PathLike[str], *, interpretations: Mapping[str, str] | None = None
) -> Policy:
    """Load a shipped policy by id, or a policy file by path.

    Args:
        source: a shipped policy id (see :func:`available_policies`) or the path of a TOML file.
        interpretations: readings to take instead of the defaults, ``{name: choice}``.

    Raises:
        PolicyError: unknown id, unreadable or malformed file (naming the file, line, key path and
            what was expected), unknown interpretation or choice (listing the choices).

    Example:
        >>> import hospital_inspection as hi
        >>> hi.load_policy("weihai-2024-2026").id
        'weihai-2024-2026'
        >>> hi.load_policy("weihai-2024-2026", interpretations={"day-unit": "calendar-days"}
        ...                ).readings()["day-unit"].choice
        'calendar-days'
    """
    try:
        return _load(source, interpretations)
    except RecursionError:
        raise PolicyError(f"{source}: nested too deeply") from None
    except (ValueError, TypeError, OSError) as exc:
        if isinstance(exc, InspectionError):
            raise
        raise PolicyError(
            f"{source!r}: cannot be read as a policy ({exc}); "
            "expected a shipped policy id or the path of a TOML file"
        ) from None


def _load(source: str | os.PathLike[str], interpretations: Mapping[str, str] | None) -> Policy:
    layer = _read(_locate(source, None), ())
    meta_data = {k: v for k, v in layer.data.items() if k in _META_KEYS}
    try:
        meta: PolicyMeta = structure(meta_data, PolicyMeta, path="policy")
    except DataError as exc:
        raise _fail(layer.label, list(exc.problems)) from None
    interps = _interpretations(layer)
    chosen = _choose(layer, interps, dict(interpretations or {}))
    patched = dict(layer.rules)
    for name, choice in chosen.items():
        for rid, patch in interps[name].choices[choice].patch.items():
            if not isinstance(patch, Mapping):
                raise _fail(
                    _where(layer, name),
                    [f"interpretations.{name}.choices.{choice}.patch.{rid}: expected a table"],
                )
            try:
                patched[rid] = _deep_merge(patched[rid], patch)
            except PolicyError as exc:
                raise _fail(
                    _where(layer, name),
                    [f"interpretations.{name}.choices.{choice}.patch.{rid}: {exc}"],
                ) from None
    rules = _rules(layer, patched)
    missing = [r.end_rule for r in meta.rounds if r.end_rule not in rules]
    if missing:
        raise _fail(layer.label, [f"rounds: end_rule {r!r} is not a rule" for r in missing])
    unknown = [
        r.looks_back_rule
        for r in meta.rounds
        if r.looks_back_rule and r.looks_back_rule not in rules
    ]
    if unknown:
        raise _fail(layer.label, [f"rounds: looks_back_rule {r!r} is not a rule" for r in unknown])
    return Policy(
        meta=meta,
        rules=rules,
        interpretations=interps,
        chosen=chosen,
        sources=layer.sources,
        label=layer.label,
    )
