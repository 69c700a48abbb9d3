"""Output languages: choosing one, the catalogs (complete, compiled, shipped) and formatting."""

from __future__ import annotations

import datetime as dt
import gettext
import string
import sys
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection import i18n
from tests.support.extras import requires

ROOT = Path(__file__).resolve().parent.parent
PO = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "hospital_inspection.po"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("zh", "zh"), ("en", "en"), ("zh_CN.UTF-8", "zh"), ("zh-CN", "zh"), ("ZH_cn", "zh"),
     ("zh_CN.GB18030", "zh"), ("en_US.UTF-8", "en"), ("C", "en"), ("POSIX", "en")],
)  # fmt: skip
def test_a_language_or_locale_name_resolves(given: str, expected: str) -> None:
    assert i18n.resolve(given) == expected


@pytest.mark.parametrize("bad", ["fr", "", "de_DE.UTF-8", "chinese"])
def test_an_unsupported_language_is_a_data_error_naming_the_choices(bad: str) -> None:
    with pytest.raises(hi.DataError, match="expected en or zh"):
        i18n.resolve(bad)


def test_the_default_is_the_variable_then_the_locale_then_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HOSPITAL_INSPECTION_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert i18n.resolve() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.resolve() == "zh"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL overrides LANG, as for gettext
    assert i18n.resolve() == "en"
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")  # a locale we do not speak: English
    assert i18n.resolve() == "en"
    monkeypatch.setenv("HOSPITAL_INSPECTION_LANG", "zh")
    assert i18n.resolve() == "zh"
    monkeypatch.setenv("HOSPITAL_INSPECTION_LANG", "klingon")
    with pytest.raises(hi.DataError, match="HOSPITAL_INSPECTION_LANG"):
        i18n.resolve()


def test_dates_read_as_an_office_writes_them_in_chinese_and_iso_in_english() -> None:
    msg = "finish on or before {end}"
    assert i18n.text(msg, "en", end="2026-10-31") == "finish on or before 2026-10-31"
    assert i18n.text(msg, "zh", end="2026-10-31").startswith("在2026年10月31日前完成巡查")
    assert i18n.chinese_date(dt.date(2024, 12, 20)) == "2024年12月20日"


def test_a_placeholder_marked_t_is_translated_and_unknown_text_passes_through() -> None:
    assert i18n.text("{x:t}", "zh", x="OK") == "合规"
    assert i18n.text("{x:t}", "en", x="OK") == "OK"
    assert i18n.text("{x:t}", "zh", x="某市自定政策的说明") == "某市自定政策的说明"


def test_an_error_keeps_english_str_and_carries_the_chinese_for_front_ends() -> None:
    with pytest.raises(hi.DataError) as info:
        i18n.resolve("fr")
    assert (
        str(info.value) == "invalid data: lang: 'fr' is not a supported language; expected en or zh"
    )
    assert i18n.error_text(info.value, "en") == str(info.value)
    assert (
        i18n.error_text(info.value, "zh")
        == "数据有误：lang 不支持 'fr'，可选 en（英文）或 zh（中文）"
    )
    plain = hi.DataError("hospitals[3].level: bad")  # a plain-text problem keeps its words
    assert i18n.error_text(plain, "zh") == "数据有误：hospitals[3].level: bad"
    assert i18n.error_text(ValueError("not ours"), "zh") == "not ours"


def test_the_compiled_catalog_ships_inside_the_package() -> None:
    mo = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "hospital_inspection.mo"
    assert mo.is_file() and i18n.LOCALE_DIR.parent == Path(i18n.__file__).parent
    catalog = gettext.GNUTranslations(mo.open("rb"))
    assert catalog.gettext("NOT COMPLIANT") == "不合规"


def _po_entries() -> dict[str, str]:
    """msgid → msgstr of the committed .po, read with Babel."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as fp:
        return {m.id: m.string for m in read_po(fp) if m.id and not m.fuzzy}


def _catalog_tool():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT))
    try:
        from tools import catalog
    finally:
        sys.path.remove(str(ROOT))
    return catalog


@requires("babel")
def test_every_message_in_the_code_has_a_chinese_translation() -> None:
    extracted = {m.id for m in _catalog_tool().extract() if m.id}
    assert len(extracted) > 60  # the extraction found the compliance messages and the policies'
    assert "{authority} has no {report} recorded; it was due on or before {due}" in extracted
    translated = {k for k, x in _po_entries().items() if x}
    missing = sorted(extracted - translated)
    assert not missing, f"add a zh translation (then run python tools/catalog.py): {missing}"


@requires("babel")
def test_the_committed_po_and_mo_match_the_code_and_each_other() -> None:
    # Compared by content, not bytes, so that another Babel version's layout does not matter;
    # `python tools/catalog.py --check` compares the bytes.
    hint = "run: python tools/catalog.py"
    extracted = {m.id for m in _catalog_tool().extract() if m.id}
    entries = _po_entries()
    assert set(entries) == extracted, hint  # nothing missing, nothing stale
    mo = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "hospital_inspection.mo"
    with mo.open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    stale = {k: x for k, x in entries.items() if x and compiled.gettext(k) != x}
    assert not stale, f"the .mo is older than the .po; {hint}: {stale}"


@requires("babel")
def test_each_translation_uses_only_placeholders_its_call_sites_give() -> None:
    # A Chinese message may use placeholders the English omits (a hospital's name); those must be
    # among the parameters the code passes. This lists, per message id, the ones the zh text uses
    # beyond the English; the compliance golden tests render each of them.
    extra: dict[str, set[str]] = {}
    fields = string.Formatter()
    for msgid, msgstr in _po_entries().items():
        used = {f for _, f, _, _ in fields.parse(msgstr) if f}
        given = {f for _, f, _, _ in fields.parse(msgid) if f}
        if used - given:
            extra[msgid] = used - given
        specs = {s for _, f, s, _ in fields.parse(msgstr) if f and s}
        assert specs <= {"date", "t", "path"}, (msgid, specs)
    assert set().union(*extra.values()) <= {
        "hospital", "inspector_name", "authority_name", "expected_name", "other_hospital",
        "by_name", "authority", "what_zh", "anchor_zh", "event_zh", "amount", "unit",
        "value",  # a bad date: the value as written, without the English name of its JSON type
        "visit", "option",  # a hint's visit id and the check option that records its date
        "rule", "hospital_id",  # what a waiver names (check --waiver RULE,VISIT,JUSTIFICATION)
        "before_end",  # the old last day of a moved visit (English names its old start only)
        "line", "column",  # where a TOML or JSON file breaks, without the parser's English
    }, extra  # fmt: skip


def test_a_message_may_nest_a_message_rendered_in_the_same_language() -> None:
    inner = i18n.Message(i18n.N_("{path}: no such file"), {"path": "医院.csv"})
    outer = i18n.Message(
        i18n.N_("{path:path}: {problem}"), {"path": "row 2.level", "problem": inner}
    )
    assert str(outer) == "row 2.level: 医院.csv: no such file"
    assert outer.text("zh") == "第2行 level：医院.csv：文件不存在"


@pytest.mark.parametrize(
    ("error", "english", "chinese"),
    [
        (hi.RuleNotInPolicy("weihai-2024-2026", "visit_days"),
         "policy 'weihai-2024-2026' has no 'visit_days' rule",
         "政策 weihai-2024-2026 没有适用的规则（visit_days）"),
        (hi.MissingExtraError("reading .xlsx files", "excel", "openpyxl"),
         "reading .xlsx files needs the optional package 'openpyxl'; "
         'install it with: pip install "hospital-inspection[excel]"',
         '此功能需要可选软件包 openpyxl，请先安装：pip install "hospital-inspection[excel]"'),
        (hi.CalendarCoverageError("no official calendar data for 2032", year=2032),
         "no official calendar data for 2032",
         "2032年尚无官方工作日历数据；命令行可加 --calendar-year FILE.toml（当年的放假安排）或 "
         "--provisional"),
        (hi.LedgerBusyError("wh.ledger", 5.0),
         "ledger file wh.ledger is busy: another process kept it locked for more than 5 s; "
         "nothing was written, try again",
         "整改台账文件 wh.ledger 被其他程序占用超过 5 秒，未写入任何内容，请重试"),
    ],
)  # fmt: skip
def test_errors_worded_from_their_attributes_read_in_chinese(
    error: Exception, english: str, chinese: str
) -> None:
    assert str(error) == english == i18n.error_text(error, "en")
    assert i18n.error_text(error, "zh") == chinese


def test_a_bad_field_keeps_its_english_and_reads_in_chinese() -> None:
    row = {"id": "H1", "name": "x", "level": "四级", "category": "综合医院", "ownership": "公立"}
    with pytest.raises(hi.DataError) as info:
        hi.structure(row, hi.Hospital)
    assert info.value.problems == (
        "hospital.level: '四级' is not a level; expected one of 一级, 二级, 三级, 未定级",
        "hospital.authority: required field missing",
    )
    assert i18n.error_text(info.value, "zh").splitlines() == [
        "数据有误：",
        "  - hospital.level：'四级' 不是可选值，应为以下之一：一级, 二级, 三级, 未定级",
        "  - hospital.authority：缺少必填字段",
    ]


def test_an_infeasible_schedule_keeps_its_english_and_reads_in_chinese() -> None:
    limit = i18n.Message(i18n.N_("{n} visits need a team leader each"), {"n": 3})
    listed = hi.InfeasibleScheduleError(problems=[limit, "plain text stays as it is"])
    assert str(listed) == (
        "no schedule exists:\n  - 3 visits need a team leader each\n  - plain text stays as it is"
    )
    assert i18n.error_text(listed, "zh") == (
        "无法排出巡查计划：\n  - 3 次巡查每次需组长 1 名\n  - plain text stays as it is"
    )
    one = hi.InfeasibleScheduleError(i18n.Message(i18n.N_("no schedule exists: {why}"),
                                                  {"why": limit}))  # fmt: skip
    assert str(one) == "no schedule exists: 3 visits need a team leader each"
    assert i18n.error_text(one, "zh") == "无法排出巡查计划：3 次巡查每次需组长 1 名"
    plain = hi.InfeasibleScheduleError("CP-SAT found no plan")
    assert plain.messages == () and i18n.error_text(plain, "zh") == "CP-SAT found no plan"
