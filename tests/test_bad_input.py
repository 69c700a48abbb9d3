"""Every bad input named in issue 12 gives a library error naming the input (golden cases)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection import _atomic
from hospital_inspection.cli import main

DATA = hi.sample_data("weihai")
POLICY = hi.load_policy("weihai-2024-2026")
H = DATA.hospitals[0]


def test_a_constructor_lists_every_failing_field_with_a_public_error() -> None:
    with pytest.raises(hi.ModelError) as info:
        hi.Hospital(id="", name=" ", level="四级", category="综合医院", ownership="公立",
                    authority="a")  # fmt: skip
    assert isinstance(info.value, hi.DataError)
    assert [e.field for e in info.value.errors] == ["id", "name", "level"]
    assert type(info.value.errors[0]) is hi.FieldError
    assert type(info.value).__module__ == "hospital_inspection.errors"


def test_from_json_lists_every_failing_field_under_its_path() -> None:
    data = hi.unstructure(DATA.hospitals[:1])
    data[0].update(level="四级", ownership="x")
    with pytest.raises(hi.DataError) as info:
        hi.structure(data, list[hi.Hospital])
    assert [p.split(":")[0] for p in info.value.problems] == [
        "hospitals[0].level",
        "hospitals[0].ownership",
    ]


@pytest.mark.parametrize("bad", ["", "  ", "H\u200b1", "\ufeffH1", "H\x001", "H\n1", "H\t1"])
def test_ids_refuse_blank_invisible_and_control_characters(bad: str) -> None:
    with pytest.raises(hi.FieldError, match=r"Hospital\.id"):
        attrs.evolve(H, id=bad)


def test_a_missing_keyword_is_a_data_error_naming_it() -> None:
    with pytest.raises(hi.DataError, match="home_region"):
        hi.Expert(id="e", name="n", roles=[["x"]])  # type: ignore[call-arg]


@pytest.mark.parametrize("text", ["20250101", "2025-1-1", "2025-W01-1", "2025-01-01T00:00"])
def test_dates_are_iso_only(text: str) -> None:
    with pytest.raises(hi.DataError, match="YYYY-MM-DD"):
        hi.structure(text, dt.date)


def test_odd_argument_types_are_data_errors_naming_the_argument() -> None:
    assert POLICY.scope(H, kind="regular") == POLICY.scope(H)  # a code is accepted
    assert POLICY.min_visit_days(H, kind="常规巡查") == POLICY.min_visit_days(H)
    with pytest.raises(hi.DataError, match="kind"):
        POLICY.scope(H, kind=["x"])  # type: ignore[arg-type]
    with pytest.raises(hi.DataError, match="rating"):
        hi.parse_rating(None)  # type: ignore[arg-type]
    with pytest.raises(hi.DataError, match="blackout"):
        hi.schedule(DATA.hospitals, DATA.experts, POLICY, authorities=DATA.authorities,
                    start=dt.date(2025, 3, 3), blackout=None)  # fmt: skip
    with pytest.raises(hi.DataError, match="unknown option"):
        hi.schedule(DATA.hospitals, DATA.experts, POLICY, authorities=DATA.authorities,
                    start=dt.date(2025, 3, 3), colour="red")  # fmt: skip
    plan = hi.Plan(id="p", policy=POLICY.id, authority="weihai")
    with pytest.raises(hi.DataError, match="as_of"):
        hi.check_plan(plan, POLICY, hospitals=DATA.hospitals, experts=DATA.experts,
                      authorities=DATA.authorities, as_of="2025-06-30")  # type: ignore[arg-type]  # fmt: skip


def test_date_edges_overflow_into_data_errors() -> None:
    with pytest.raises(hi.DataError, match="outside the years"):
        hi.CalendarDays().next_working_day(dt.date(9999, 12, 31))
    with pytest.raises(hi.DataError, match="outside the years"):
        hi.days_period_end(dt.date(2025, 1, 1), 10**9)
    with pytest.raises(hi.CalendarCoverageError):
        hi.ChinaOfficialCalendar().next_working_day(dt.date(9999, 12, 31))


def test_deep_nesting_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(hi.DataError, match="nested too deeply"):
        hi.from_json("[" * 100_000 + "]" * 100_000, hi.Plan)
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000, "utf-8")
    with pytest.raises(hi.PolicyError, match="nested too deeply"):
        hi.load_policy(deep)


@pytest.mark.parametrize("path", ["/tmp/a\x00b.toml", "/tmp/" + "a" * 300 + ".toml", "/"])
def test_unusable_policy_paths_are_policy_errors(path: str) -> None:
    with pytest.raises(hi.PolicyError):
        hi.load_policy(path)


def test_check_plan_refuses_another_policy_duplicates_and_unknown_waivers() -> None:
    plan = hi.schedule(DATA.hospitals[:2], DATA.experts, POLICY, authorities=DATA.authorities,
                       start=dt.date(2025, 3, 3))  # fmt: skip
    ctx = {"hospitals": DATA.hospitals, "experts": DATA.experts, "authorities": DATA.authorities}
    with pytest.raises(hi.DataError, match="made under 'weihai-2024-2026', not 'jilin-2021'"):
        hi.check_plan(plan, "jilin-2021", **ctx)  # type: ignore[arg-type]
    with pytest.raises(hi.DataError, match=f"id {H.id!r} appears more than once"):
        hi.check_plan(plan, POLICY, **{**ctx, "hospitals": (*DATA.hospitals, H)})  # type: ignore[arg-type]
    waived = attrs.evolve(plan, waivers=[hi.Waiver(rule="no-such-rule", justification="x")])
    with pytest.raises(hi.DataError, match="'no-such-rule' is not a rule"):
        hi.check_plan(waived, POLICY, **ctx)  # type: ignore[arg-type]


def test_ledger_refuses_an_item_opened_before_its_finding(tmp_path: Path) -> None:
    ledger = hi.Ledger.create(tmp_path / "l.ledger", policy=POLICY)
    try:
        f = hi.Finding(id="F1", hospital=H.id, round="2024-2026", description="x",
                       found_on=dt.date(2025, 11, 20), found_by="组")  # fmt: skip
        ledger.add_finding(f)
        with pytest.raises(hi.DataError, match="before finding 'F1' was found"):
            ledger.add_measure("F1", hi.Measure(code="c", label="约谈"), on=dt.date(2025, 11, 1))
        measure = hi.Measure(code="c", label="约谈")
        item = ledger.add_measure("F1", measure, on=dt.date(2025, 11, 21))
        assert item.opened_on == dt.date(2025, 11, 21)
    finally:
        ledger.close()


def test_policy_sources_stay_in_the_policy_folder(tmp_path: Path) -> None:
    text = (Path(hi.__file__).parent / "policy/data/weihai-2024-2026.toml").read_text("utf-8")
    for bad in ("../../etc/passwd", "/etc/passwd"):
        own = tmp_path / "own.toml"
        start = text.index("[sources]")
        end = text.index("\n[", start + 1)
        own.write_text(text[:start] + f'[sources]\ndoc = "{bad}"\n' + text[end:], "utf-8")
        with pytest.raises(hi.PolicyError, match="leaves the policy's folder"):
            hi.load_policy(own)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["decide", "--level", "三级", "--category", "综合医院", "--experts", "-1"], "at least 0"),
        (["schedule", "--demo", "--exact", "--time-limit", "-1"], "seconds above 0"),
        (["schedule", "--demo", "--gantt", "x.txt"], "name it FILE.png"),
        (["check", "/no/such/plan.json"], "no such file"),
    ],
)
def test_cli_bad_numbers_and_names_exit_2_in_one_line(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert words in err and len(err.strip().splitlines()) == 1


def test_writers_refuse_directories_devices_and_symlinks(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "target.json")
    for target, words in ((folder, "is a directory"), (Path(os.devnull), "not a regular file"),
                          (link, "symbolic link")):  # fmt: skip
        with pytest.raises(hi.DataError, match=words):
            _atomic.write_bytes(target, b"x")
    assert folder.is_dir() and link.is_symlink() and Path(os.devnull).is_char_device()


def test_schedule_out_to_a_device_leaves_it_alone(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "--demo", "--out", os.devnull]) == 2
    assert "refusing to replace it" in capsys.readouterr().err
    assert Path(os.devnull).is_char_device()


def test_schedule_demo_piped_to_head_exits_0_without_a_traceback() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(hi.__file__).parent.parent)}
    result = subprocess.run(
        f"{sys.executable} -m hospital_inspection schedule --demo | head -1; "
        'echo "status=${PIPESTATUS[0]}"',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert result.stdout.splitlines()[0].startswith("巡查计划 plan")
    assert result.stdout.splitlines()[-1] == "status=0"
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
