"""Every citation's words appear verbatim in the shipped source text of its document.

Matching removes whitespace only (the published texts break lines inside sentences, and the
Weihai text puts spaces after some commas); every other character must match exactly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.policy._lint import iter_citations, normalise, source_text
from tests.support.policies import all_variants, policy, variant_id

# The steering repo's shared/ sits beside this repository's clone (…/main and …/shared).
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
SOURCES = Path(hi.__file__).parent / "policy" / "data" / "sources"


@pytest.mark.parametrize("p", all_variants(), ids=variant_id)
def test_every_citation_is_verbatim(p: hi.Policy) -> None:
    count = 0
    for where, cite in iter_citations(p):
        text = source_text(p, cite.document)
        assert text is not None, f"{where}: no source for {cite.document}"
        assert normalise(cite.text) in text, f"{where}: {cite.text!r} not in {cite.document}"
        count += 1
    assert count > 20


def test_shipped_sources_are_the_seed_texts_byte_for_byte() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed directory not available")
    assert (SOURCES / "jilin-2021.txt").read_bytes() == (
        SEEDS / "000_8de526b4e5f81759.txt"
    ).read_bytes()
    assert (SOURCES / "weihai-2024-2026.txt").read_bytes() == (
        SEEDS / "001_eec9e3532d442a01.txt"
    ).read_bytes()


def test_every_shipped_checklist_item_is_cited() -> None:
    p = policy("weihai-2024-2026")
    where = [w for w, _ in iter_citations(p)]
    assert sum(".items[" in w for w in where) == 98
    assert sum(".sections[" in w for w in where) == 19


def test_an_invented_citation_is_caught(tmp_path: Path) -> None:
    file = tmp_path / "invented.toml"
    file.write_text(
        'format = 1\nid = "invented"\ntitle = "t"\ndocument = "威卫办〔2024〕11号"\n'
        'issuer = "i"\nissued = 2024-09-06\nextends = "weihai-2024-2026"\n'
        '[rules.wh-days-7-general]\nkind = "visit_days"\nstrength = "in_principle"\n'
        'when = { levels = ["tertiary"], categories = ["general"] }\ndays = 9\n'
        'day_unit = "working"\n'
        'cite = { clause = "四、", text = "三级综合医院巡查时间原则上不少于9天" }\n',
        encoding="utf-8",
    )
    issues = hi.lint_policy(hi.load_policy(file))
    assert [(i.code, i.rules) for i in issues] == [
        ("citation-not-verbatim", ("wh-days-7-general",))
    ]
