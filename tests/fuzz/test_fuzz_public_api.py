"""Fuzz every public entry point: only library errors come out, and the CLI exits 2 in one line.

The budget per test is ``HI_FUZZ_EXAMPLES`` examples (default: the Hypothesis profile's count
capped at 60 — the ``ci`` profile is derandomized, so CI runs the same examples every time),
sized so that CI stays under 15 minutes. A longer, random run for anyone::

    HI_FUZZ_EXAMPLES=20000 HYPOTHESIS_PROFILE=dev python -m pytest -p no:cacheprovider tests/fuzz

Every test asserts the same contract: calling the entry point either returns or raises a
:class:`hospital_inspection.InspectionError`; nothing else (``TypeError``, ``AttributeError``,
``RecursionError``, ``OverflowError``, ``OSError`` …) escapes. The command line returns 0, 1 or 2
(or argparse's own ``SystemExit`` 0 / 2); on 2 it writes exactly one line to standard error and
never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import testing
from hospital_inspection.cli import main
from hospital_inspection.enums import LabeledEnum

#: Examples per test: ``HI_FUZZ_EXAMPLES``, else the profile's count capped at 60 — about
#: 100 s for the whole file on the 2-core reference machine, so that CI stays under 15 minutes.
_EXAMPLES = int(os.environ.get("HI_FUZZ_EXAMPLES", "0")) or min(settings().max_examples, 60)
_SETTINGS = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MODELS: tuple[type, ...] = (
    hi.Hospital,
    hi.Authority,
    hi.Expert,
    hi.Member,
    hi.Visit,
    hi.Waiver,
    hi.ReportSubmission,
    hi.Plan,
    hi.Finding,
    hi.Measure,
    hi.StatusChange,
    hi.RectificationItem,
    hi.DueDate,
)
ENUMS: tuple[type[LabeledEnum], ...] = (
    hi.Level,
    hi.Grade,
    hi.Category,
    hi.Ownership,
    hi.Role,
    hi.ScopeStatus,
    hi.Strength,
    hi.VisitKind,
    hi.VisitMode,
    hi.AuthorityLevel,
    hi.ItemStatus,
    hi.Severity,
)

WEIRD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\nb",
        "\u200b",
        "H\u200b1",
        "\ufeffH1",
        "2025-13-01",
        "20250101",
        "2025-02-30",
        "9999-12-31",
        "0001-01-01",
        "三级",
        "甲等",
        "综合医院",
        "公立",
        "regular",
        "回头看",
        "tertiary",
        "x" * 5000,
        "[" * 2000,
        "{'a': 1}",
        "-1",
        "1e309",
        "NaN",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    WEIRD_TEXT,
    st.dates(),
    st.datetimes(),
    st.sampled_from([dt.date.min, dt.date.max, b"bytes", object(), frozenset({1}), ...]),
    st.sampled_from([m for e in ENUMS for m in e]),
)
JUNK = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
    ),
    max_leaves=12,
)
JSONISH = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=10),
        WEIRD_TEXT,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=16,
)


def only_library_errors(call: Callable[[], object]) -> None:
    """Call and let nothing but an InspectionError out (that one is the expected outcome)."""
    with contextlib.suppress(hi.InspectionError):
        call()


DATA = hi.sample_data("weihai")
POLICY = hi.load_policy("weihai-2024-2026")
JILIN = hi.load_policy("jilin-2021")


@st.composite
def model_kwargs(draw: st.DrawFn, cl: type) -> dict[str, Any]:
    names = [a.name for a in attrs.fields(cl)]
    kept = draw(st.lists(st.sampled_from(names), unique=True, min_size=len(names) - 2))
    kwargs = {name: draw(JUNK) for name in kept}
    if draw(st.booleans()):
        kwargs[draw(st.sampled_from(["extra", "ID", "id "]))] = draw(JUNK)
    return kwargs


@_SETTINGS
@given(st.data())
@pytest.mark.parametrize("cl", MODELS, ids=lambda c: c.__name__)
def test_model_constructors(cl: type, data: st.DataObject) -> None:
    kwargs = data.draw(model_kwargs(cl))
    only_library_errors(lambda: cl(**kwargs))


@_SETTINGS
@given(value=JUNK)
@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_parse_every_enumeration(enum: type[LabeledEnum], value: object) -> None:
    only_library_errors(lambda: enum.parse(value))  # type: ignore[arg-type]


@_SETTINGS
@given(value=JUNK)
def test_parse_rating(value: object) -> None:
    only_library_errors(lambda: hi.parse_rating(value))  # type: ignore[arg-type]


def _mutate_json(draw: st.DrawFn, value: object) -> object:
    """Replace one node of ``value`` (a decoded JSON document) with junk."""
    if isinstance(value, dict) and value and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutate_json(draw, value[key])}
    if isinstance(value, list) and value and draw(st.booleans()):
        i = draw(st.integers(0, len(value) - 1))
        return [*value[:i], _mutate_json(draw, value[i]), *value[i + 1 :]]
    return draw(JSONISH)


SAMPLES: dict[type, object] = {
    hi.Hospital: DATA.hospitals[0],
    hi.Authority: DATA.authorities[0],
    hi.Expert: DATA.experts[0],
    hi.Plan: hi.schedule(
        DATA.hospitals[:3],
        DATA.experts,
        POLICY,
        authorities=DATA.authorities,
        start=dt.date(2025, 3, 3),
    ),
    hi.SampleData: DATA,
}


@_SETTINGS
@given(st.data())
@pytest.mark.parametrize("cl", [*MODELS, hi.SampleData], ids=lambda c: c.__name__)
def test_from_json_of_every_model(cl: type, data: st.DataObject) -> None:
    sample = SAMPLES.get(cl)
    base = hi.unstructure(sample) if sample is not None else data.draw(JSONISH)
    text = json.dumps(base, ensure_ascii=False)
    mutated = data.draw(st.composite(lambda draw: _mutate_json(draw, base))())
    text = data.draw(
        st.sampled_from(
            [
                json.dumps(mutated, ensure_ascii=False),
                json.dumps(base)[: len(json.dumps(base)) // 2],
                "[" * 100_000 + "]" * 100_000,
                '{"a":' * 50_000 + "1" + "}" * 50_000,
                text,
            ]
        )
    )
    only_library_errors(lambda: hi.from_json(text, cl))


POLICY_TEXT = (Path(hi.__file__).parent / "policy" / "data" / "weihai-2024-2026.toml").read_text(
    encoding="utf-8"
)
TOML_JUNK = st.sampled_from(
    [
        "",
        "=",
        "x = 1",
        '"',
        "[rules.x]",
        "[[rounds]]",
        "kind = 'nope'",
        "value = -1",
        "value = 1e400",
        "a = " + "[" * 3000 + "]" * 3000,
        "sources = { doc = '../../etc/passwd' }",
        "sources = { doc = '/etc/passwd' }",
        "format = 99",
        "extends = 'weihai-2024-2026'",
        "extends = '/nonexistent.toml'",
        "date = 9999-12-31",
        "months = 1000000000",
        "\x00",
    ]
)


@st.composite
def mutated_policies(draw: st.DrawFn) -> str:
    lines = POLICY_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "replace", "insert", "value"]))
        if action == "delete":
            del lines[i]
        elif action == "replace":
            lines[i] = draw(TOML_JUNK)
        elif action == "insert":
            lines.insert(i, draw(TOML_JUNK))
        elif "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {draw(st.sampled_from(['-1', '0', '1e9', 'true', '[]', '{}']))}"
    return "\n".join(lines) + "\n"


_TMP = Path(tempfile.mkdtemp(prefix="hi-fuzz-"))


@_SETTINGS
@given(text=mutated_policies())
def test_load_policy_of_mutated_toml(text: str) -> None:
    path = _TMP / "policy.toml"
    path.write_text(text, encoding="utf-8")
    only_library_errors(lambda: hi.load_policy(path))


@_SETTINGS
@given(source=JUNK, interpretations=JUNK)
def test_load_policy_of_odd_arguments(source: object, interpretations: object) -> None:
    only_library_errors(lambda: hi.load_policy(source, interpretations=interpretations))  # type: ignore[arg-type]


@_SETTINGS
@given(
    h=st.one_of(testing.hospitals(), JUNK),
    kind=st.one_of(st.sampled_from(list(hi.VisitKind)), JUNK),
    n=JUNK,
    received=st.one_of(st.dates(), JUNK),
    calendar=st.one_of(st.sampled_from([hi.CalendarDays(), hi.ChinaOfficialCalendar()]), JUNK),
    roll=JUNK,
    policy=st.sampled_from([POLICY, JILIN]),
)
def test_decisions_with_odd_arguments(
    h: object,
    kind: object,
    n: object,
    received: object,
    calendar: object,
    roll: object,
    policy: hi.Policy,
) -> None:
    only_library_errors(lambda: policy.scope(h, kind=kind))  # type: ignore[arg-type]
    only_library_errors(lambda: policy.min_visit_days(h, kind=kind))  # type: ignore[arg-type]
    only_library_errors(lambda: policy.min_external_experts(n))  # type: ignore[arg-type]
    only_library_errors(
        lambda: policy.rectification_due(received, calendar=calendar, roll_forward=roll)  # type: ignore[arg-type]
    )
    only_library_errors(lambda: policy.team(kind=kind))  # type: ignore[arg-type]
    only_library_errors(lambda: policy.round_end(kind))  # type: ignore[arg-type]


@_SETTINGS
@given(
    day=st.one_of(st.dates(), JUNK),
    days=st.one_of(st.integers(), JUNK),
    calendar=st.sampled_from([hi.CalendarDays(), hi.ChinaOfficialCalendar()]),
    rounding=st.one_of(st.sampled_from(list(hi.Rounding)), JUNK),
)
def test_date_functions(day: object, days: object, calendar: Any, rounding: object) -> None:
    only_library_errors(lambda: calendar.next_working_day(day))
    only_library_errors(lambda: calendar.previous_working_day(day))
    only_library_errors(lambda: calendar.add_working_days(day, days))
    only_library_errors(lambda: calendar.count_working_days(day, dt.date(2025, 1, 1)))
    only_library_errors(lambda: hi.add_months(day, days, rounding=rounding))  # type: ignore[arg-type]
    only_library_errors(lambda: hi.days_period_end(day, days))  # type: ignore[arg-type]
    only_library_errors(
        lambda: hi.days_period_end(day, days, working_days=True, calendar=calendar)  # type: ignore[arg-type]
    )
    only_library_errors(lambda: hi.month_end(day, days))  # type: ignore[arg-type]


def _pick(draw: st.DrawFn, good: object) -> object:
    return good if draw(st.integers(0, 3)) else draw(JUNK)


@_SETTINGS
@given(st.data())
def test_check_plan_with_odd_arguments(data: st.DataObject) -> None:
    draw = data.draw
    plan = draw(st.one_of(st.just(SAMPLES[hi.Plan]), testing.plans(), JUNK))
    hospitals = DATA.hospitals + (DATA.hospitals[:1] if draw(st.booleans()) else ())
    only_library_errors(
        lambda: hi.check_plan(
            plan,  # type: ignore[arg-type]
            _pick(draw, draw(st.sampled_from([POLICY, JILIN, "weihai-2024-2026"]))),  # type: ignore[arg-type]
            hospitals=_pick(draw, hospitals),  # type: ignore[arg-type]
            experts=_pick(draw, DATA.experts),  # type: ignore[arg-type]
            authorities=_pick(draw, DATA.authorities),  # type: ignore[arg-type]
            calendar=_pick(draw, None),  # type: ignore[arg-type]
            as_of=_pick(draw, draw(st.one_of(st.none(), st.dates()))),  # type: ignore[arg-type]
        )
    )


@settings(_SETTINGS, max_examples=max(10, _EXAMPLES // 4))
@given(st.data())
def test_schedule_with_odd_arguments(data: st.DataObject) -> None:
    draw = data.draw
    n = draw(st.integers(0, 4))
    only_library_errors(
        lambda: hi.schedule(
            _pick(draw, DATA.hospitals[:n]),  # type: ignore[arg-type]
            _pick(draw, DATA.experts),  # type: ignore[arg-type]
            _pick(draw, POLICY),  # type: ignore[arg-type]
            authorities=_pick(draw, DATA.authorities),  # type: ignore[arg-type]
            start=_pick(draw, draw(st.dates(dt.date(2024, 1, 1), dt.date(2026, 6, 1)))),  # type: ignore[arg-type]
            deadline=_pick(draw, None),  # type: ignore[arg-type]
            blackout=_pick(draw, ()),  # type: ignore[arg-type]
            team_size=_pick(draw, None),  # type: ignore[arg-type]
            kind=_pick(draw, hi.VisitKind.REGULAR),  # type: ignore[arg-type]
            include_reference=_pick(draw, False),  # type: ignore[arg-type]
        )
    )


@settings(_SETTINGS, max_examples=max(10, _EXAMPLES // 2))
@given(st.data())
def test_ledger_operations(data: st.DataObject) -> None:
    draw = data.draw
    ledger = hi.Ledger(policy=POLICY)  # in memory: the file store has tests of its own
    finding = None
    with contextlib.suppress(hi.InspectionError):
        finding = hi.Finding(
            id=_pick(draw, "WH001-1"),
            hospital=_pick(draw, "WH001"),
            description=_pick(draw, "未建立整改台账"),
            found_on=_pick(draw, dt.date(2025, 11, 20)),
            found_by=_pick(draw, "巡查组"),
            triggers=_pick(draw, ("violation_clue",)),
            round=_pick(draw, "2024-2026"),
        )
    only_library_errors(
        lambda: ledger.add_finding(
            finding if finding is not None else draw(JUNK),  # type: ignore[arg-type]
            kind=_pick(draw, None),  # type: ignore[arg-type]
        )
    )
    fid = finding.id if finding is not None else draw(JUNK)
    only_library_errors(
        lambda: ledger.add_measure(
            fid,
            _pick(draw, hi.Measure(code="interview", label="约谈")),  # type: ignore[arg-type]
            on=_pick(draw, None),  # type: ignore[arg-type]
        )
    )
    only_library_errors(
        lambda: ledger.record_feedback(
            _pick(draw, "WH001"),  # type: ignore[arg-type]
            _pick(draw, dt.date(2025, 12, 31)),  # type: ignore[arg-type]
        )
    )
    items = ledger.items
    item = items[0].id if items else draw(JUNK)
    only_library_errors(
        lambda: ledger.record_progress(
            _pick(draw, item),  # type: ignore[arg-type]
            _pick(draw, "整改中"),  # type: ignore[arg-type]
            on=_pick(draw, dt.date(2026, 1, 5)),  # type: ignore[arg-type]
            by=_pick(draw, "医务科"),  # type: ignore[arg-type]
        )
    )
    only_library_errors(lambda: ledger.overdue(draw(JUNK)))  # type: ignore[arg-type]
    day = _pick(draw, dt.date(2026, 1, 1))
    only_library_errors(lambda: ledger.reports_due(day, within_days=draw(JUNK)))  # type: ignore[arg-type]
    only_library_errors(lambda: ledger.upcoming_deadlines(day, within_days=draw(JUNK)))  # type: ignore[arg-type]


# -- the command line ---------------------------------------------------------------------------

_FILES = _TMP / "files"
_FILES.mkdir()
(_FILES / "plan.json").write_text(hi.to_json(SAMPLES[hi.Plan]), encoding="utf-8")
(_FILES / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
(_FILES / "bad.csv").write_bytes(b"id,name\n" + b'"' + b"x" * 200_000 + b'"\n')
(_FILES / "gbk.csv").write_bytes("编号,医院名称\nH1,医院\n".encode("gb18030"))
(_FILES / "a.dir").mkdir()
(_FILES / "link.json").symlink_to(_FILES / "plan.json")

VALUES = st.one_of(
    WEIRD_TEXT,
    st.text(max_size=8),
    st.sampled_from(
        [
            "plan.json",
            "deep.json",
            "bad.csv",
            "gbk.csv",
            "a.dir",
            "link.json",
            "missing.json",
            "out.json",
            "x.txt",
            "out.png",
            "/dev/full",
            "/proc/nope/x.json",
            "sample:weihai",
            "sample:mars",
            "weihai-2024-2026",
            "jilin-2021",
            "2025-06-30",
            "9999-12-31",
            "10",
            "0",
            "-1",
            "1e999",
            "WH001",
            "wh.ledger",
        ]
    ),
)
COMMANDS = [
    ["demo"],
    ["policies"],
    ["decide"],
    ["deadline"],
    ["schedule"],
    ["schedule", "--demo"],
    ["check"],
    ["check", "plan.json"],
    ["ledger", "add", "wh.ledger"],
    ["ledger", "feedback", "wh.ledger"],
    ["ledger", "update", "wh.ledger"],
    ["ledger", "status", "wh.ledger"],
    ["ledger", "overdue", "wh.ledger"],
]
OPTIONS = [
    "--json",
    "--policy",
    "--interpretation",
    "--data",
    "--hospitals",
    "--experts",
    "--start",
    "--deadline",
    "--blackout",
    "--team-size",
    "--officials",
    "--kind",
    "--calendar",
    "--plan-id",
    "--time-limit",
    "--out",
    "--csv",
    "--xlsx",
    "--gantt",
    "--as-of",
    "--received",
    "--level",
    "--grade",
    "--category",
    "--ownership",
    "--hospital",
    "--what",
    "--found",
    "--trigger",
    "--status",
    "--date",
    "--by",
    "--sample",
    "--roll",
    "--include-reference",
]


@st.composite
def argvs(draw: st.DrawFn) -> list[str]:
    argv = list(draw(st.sampled_from(COMMANDS)))
    for _ in range(draw(st.integers(0, 6))):
        argv.append(draw(st.sampled_from(OPTIONS)))
        if draw(st.integers(0, 4)):
            argv.append(draw(VALUES))
    return argv


@settings(_SETTINGS, max_examples=max(20, _EXAMPLES))
@given(argv=argvs())
def test_command_line_with_random_argv(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    os.chdir(_FILES)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's own errors and --help
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(cwd)
    text = err.getvalue()
    assert "Traceback" not in text
    assert code in (0, 1, 2)
    if code == 2:
        assert len(text.strip().splitlines()) == 1, text
        assert "error" in text
