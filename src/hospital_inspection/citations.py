"""Citations: where a rule comes from, in the document's own words.

>>> c = Citation(document="威卫办〔2024〕11号", clause="四、", text="于2026年10月底前完成本轮巡查")
>>> str(c)
'威卫办〔2024〕11号 四、: "于2026年10月底前完成本轮巡查"'
"""

from __future__ import annotations

import attrs

from hospital_inspection import _validate as v

__all__ = ["Citation"]


@attrs.frozen(kw_only=True)
class Citation:
    """Where a rule comes from: document number, clause path, the clause's own words.

    Attributes:
        document: the document number (文号), e.g. ``"威卫办〔2024〕11号"``.
        clause: the clause path in the document's own numbering, e.g. ``"四、(二)"``.
        text: the clause's words, verbatim (whitespace aside) from the shipped source text.
    """

    document: str = attrs.field(validator=v.non_empty_str)
    clause: str = attrs.field(validator=v.non_empty_str)
    text: str = attrs.field(validator=v.non_empty_str)

    def __str__(self) -> str:
        return f'{self.document} {self.clause}: "{self.text}"'
