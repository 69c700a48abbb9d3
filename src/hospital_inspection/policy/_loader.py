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
from collections.abc import Mapping
from typing import Any

from hospital_inspection.convert import structure
from hospital_inspection.errors import DataError, InspectionError, PolicyError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy._loader_files import (  # noqa: F401 (importable from here, as before)
    _META_KEYS,
    _TOP_KEYS,
    FORMAT,
    _data_dir,
    _fail,
    _fill_document,
    _is_path,
    _item,
    _Layered,
    _line_of,
    _locate,
    _merge,
    _parent_dir,
    _read,
    _table,
    available_policies,
    said,
)
from hospital_inspection.policy._policy import Policy
from hospital_inspection.policy._rules import RULE_KINDS, Rule
from hospital_inspection.policy._schema import Interpretation, PolicyMeta

__all__ = ["available_policies", "load_policy"]


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
            raise _fail(_where(layer, name), list(exc.messages)) from None
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


def _at(where: str, problem: object) -> object:
    """``where: problem``; a problem that is a message stays one (a front end words it)."""
    if isinstance(problem, Message):
        return Message(N_("{where}: {problem}"), {"where": where, "problem": problem})
    return f"{where}: {problem}"


def _rules(layer: _Layered, patched: Mapping[str, dict[str, Any]]) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    problems: list[object] = []
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
            problems.extend(_at(_where(layer, rid), m) for m in exc.messages)
    if problems:
        raise PolicyError(
            f"{layer.label}: invalid policy:\n" + "\n".join(f"  - {p}" for p in problems),
            source=layer.label,
            messages=problems,
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
        raise said(Message(N_("{source}: nested too deeply"), {"source": str(source)})) from None
    except (ValueError, TypeError, OSError) as exc:
        if isinstance(exc, InspectionError):
            raise
        raise said(
            Message(
                N_("{source}: cannot be read as a policy ({reason}); expected a shipped policy "
                   "id or the path of a TOML file"),
                {"source": repr(source), "reason": exc},
            )
        ) from None  # fmt: skip


def _load(source: str | os.PathLike[str], interpretations: Mapping[str, str] | None) -> Policy:
    layer = _read(_locate(source, None), ())
    meta_data = {k: v for k, v in layer.data.items() if k in _META_KEYS}
    try:
        meta: PolicyMeta = structure(meta_data, PolicyMeta, path="policy")
    except DataError as exc:
        raise _fail(layer.label, list(exc.messages)) from None
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
