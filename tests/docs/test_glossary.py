"""The glossary page (docs/reference/glossary.md): terms in the documents' own words, and every
phrase of the documents that a Chinese message uses is listed."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

from hospital_inspection import i18n
from hospital_inspection.compliance import ComplianceLevel
from hospital_inspection.enums import DayUnit, Role, ScopeStatus, VisitKind, VisitMode
from hospital_inspection.exports.schedule import PLAN_HEADERS

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference" / "glossary.md"
SOURCES = ROOT / "src" / "hospital_inspection" / "policy" / "data" / "sources"
DOCUMENTS = {"威卫办": "weihai-2024-2026.txt", "吉卫便函": "jilin-2021.txt"}
OWN = "本库"
#: A run of this many Chinese characters shared with a document is a phrase of the documents.
PHRASE = 4


def document(name: str) -> str:
    return re.sub(r"\s+", "", (SOURCES / DOCUMENTS[name]).read_text("utf-8"))


def glossary() -> dict[str, list[str]]:
    """term → its sources, from the page's table."""
    rows = [line for line in PAGE.read_text("utf-8").splitlines() if line.startswith("| ")]
    terms: dict[str, list[str]] = {}
    for row in rows[1:]:  # the first is the header
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 4, row
        assert cells[0] not in terms, f"listed twice: {cells[0]}"
        terms[cells[0]] = [s.strip() for s in cells[2].split(",")]
    return terms


def chinese_messages() -> list[str]:
    mo = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "hospital_inspection.mo"
    with mo.open("rb") as fp:
        catalog: dict[str, str] = gettext.GNUTranslations(fp)._catalog  # type: ignore[attr-defined]
    return [x for k, x in catalog.items() if k]  # the empty id is the header


def test_the_glossary_is_a_table_of_many_terms() -> None:
    terms = glossary()
    assert len(terms) > 40 and "原则上" in terms and "回头看" in terms


@pytest.mark.parametrize(("term", "sources"), sorted(glossary().items()))
def test_each_term_is_the_documents_own_word(term: str, sources: list[str]) -> None:
    assert sources, term
    if sources == [OWN]:
        return  # the library's own word; the page says where it comes from
    for source in sources:
        assert source in DOCUMENTS, (term, source)
        assert term in document(source), f"{term} is not in {DOCUMENTS[source]}"


def test_the_librarys_own_labels_in_messages_are_listed() -> None:
    labels = {
        e.label
        for kind in (VisitKind, VisitMode, ScopeStatus, Role, DayUnit, ComplianceLevel)
        for e in kind
    } | set(PLAN_HEADERS)
    used = {label for label in labels for text in chinese_messages() if label in text}
    assert used  # the check looks at something
    missing = sorted(used - set(glossary()))
    assert not missing, f"add to docs/reference/glossary.md: {missing}"


def test_every_phrase_of_the_documents_in_a_message_is_listed() -> None:
    terms = sorted(glossary(), key=len, reverse=True)
    texts = "".join(document(name) for name in DOCUMENTS)
    unlisted: set[str] = set()
    for message in chinese_messages():
        rest = re.sub(r"\{[^}]*\}", "|", message)
        for term in terms:
            rest = rest.replace(term, "|")
        for run in re.findall(r"[\u4e00-\u9fff]+", rest):
            for start in range(len(run) - PHRASE + 1):
                if run[start : start + PHRASE] in texts:
                    unlisted.add(run[start : start + PHRASE])
    assert not unlisted, f"phrases of the documents not in the glossary: {sorted(unlisted)}"


def test_the_detector_finds_an_unlisted_phrase() -> None:
    assert "全面自查" in document("威卫办")
    rest = "医疗机构全面自查".replace("医疗机构", "|")
    assert any(rest[i : i + PHRASE] in document("威卫办") for i in range(len(rest)))
