"""Differences between two policies, rule by rule (private)."""

from __future__ import annotations

from typing import Literal

import attrs

from hospital_inspection.policy._policy import Policy
from hospital_inspection.policy._rules import Rule

__all__ = ["RuleDiff", "diff_policies"]


@attrs.frozen(kw_only=True)
class RuleDiff:
    """How one rule differs between two policies.

    Attributes:
        rule_id: the rule's id.
        change: ``"added"`` (only in b), ``"removed"`` (only in a) or ``"changed"``.
        before: the rule in a (``None`` when added).
        after: the rule in b (``None`` when removed).
    """

    rule_id: str
    change: Literal["added", "removed", "changed"]
    before: Rule | None
    after: Rule | None

    def changed_fields(self) -> tuple[str, ...]:
        """The fields that differ, for a changed rule of the same kind."""
        if self.before is None or self.after is None or type(self.before) is not type(self.after):
            return ()
        return tuple(
            f.name
            for f in attrs.fields(type(self.before))
            if getattr(self.before, f.name) != getattr(self.after, f.name)
        )

    def __str__(self) -> str:
        if self.change == "changed":
            return f"~ {self.rule_id}: {', '.join(self.changed_fields()) or 'kind'}"
        return f"{'+' if self.change == 'added' else '-'} {self.rule_id}"


def diff_policies(a: Policy, b: Policy) -> list[RuleDiff]:
    """What differs between policies ``a`` and ``b``, rule by rule, sorted by rule id.

    Example:
        >>> import hospital_inspection as hi
        >>> a = hi.load_policy("weihai-2024-2026")
        >>> b = hi.load_policy("weihai-2024-2026", interpretations={"tcm-level": "every-tcm-7"})
        >>> [str(d) for d in hi.diff_policies(a, b)]
        ['~ wh-days-secondary-tcm: cite, days']
    """
    diffs: list[RuleDiff] = []
    for rid in sorted(set(a.rules) | set(b.rules)):
        before, after = a.rules.get(rid), b.rules.get(rid)
        if before == after:
            continue
        change: Literal["added", "removed", "changed"] = (
            "added" if before is None else "removed" if after is None else "changed"
        )
        diffs.append(RuleDiff(rule_id=rid, change=change, before=before, after=after))
    return diffs
