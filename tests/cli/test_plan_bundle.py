"""schedule --out writes a self-contained plan; check needs nothing else; reports from a CSV."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main
from hospital_inspection.loaders import BUNDLE_FORMAT, load_plan, load_plan_file

DATA = hi.sample_data("weihai")


@pytest.fixture(scope="module")
def bundle_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "plan.json"
    assert main(["schedule", "--demo", "--out", str(path), "--json"]) == 0
    return path


def test_the_bundle_carries_plan_context_policy_and_readings(bundle_file: Path) -> None:
    data = json.loads(bundle_file.read_text("utf-8"))
    assert data["format"] == BUNDLE_FORMAT
    assert data["policy"] == "weihai-2024-2026"
    plan, bundle = load_plan_file(bundle_file)
    assert bundle is not None and bundle.context == DATA
    assert bundle.plan == plan and bundle.calendar == "official"
    assert any("参照执行" in n for n in bundle.notes)


def test_check_plan_json_with_no_other_argument(
    bundle_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["check", str(bundle_file)]) == 0
    assert "OK" in capsys.readouterr().out


def test_a_plain_plan_asks_for_its_context_by_name(
    bundle_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(hi.to_json(load_plan(bundle_file)), "utf-8")
    capsys.readouterr()
    assert main(["check", str(plain)]) == 2
    err = capsys.readouterr().err
    assert "without its context" in err and "--data" in err
    assert len(err.strip().splitlines()) == 1
    assert main(["check", str(plain), "--data", "sample:weihai"]) == 0


def _reports_csv(path: Path, policy: hi.Policy, *, leave_out: int = 0) -> Path:
    rules = ["wh-report-2024", "wh-report-2025", "wh-report-cycle"]
    districts = [a.id for a in DATA.authorities if a.level is hi.AuthorityLevel.DISTRICT]
    rows = ["规则,报送单位,报送日期"]
    for rule in rules:
        due = policy.rules[rule].last_day  # type: ignore[attr-defined]
        rows += [f"{rule},{d},{due.isoformat()}" for d in districts]
    path.write_bytes(("\n".join(rows[: len(rows) - leave_out]) + "\n").encode("gb18030"))
    return path


def test_check_reaches_ok_as_of_the_round_end_with_reports_from_a_csv(
    bundle_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = hi.load_policy("weihai-2024-2026")
    as_of = ["check", str(bundle_file), "--as-of", "2026-12-01"]
    assert main(as_of) == 1
    assert "report_missing" in capsys.readouterr().out
    reports = _reports_csv(tmp_path / "reports.csv", policy)
    assert main([*as_of, "--reports", str(reports)]) == 0
    short = _reports_csv(tmp_path / "short.csv", policy, leave_out=1)
    capsys.readouterr()
    assert main([*as_of, "--reports", str(short)]) == 1
    assert "report_missing" in capsys.readouterr().out


def test_one_report_from_the_command_line(
    bundle_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(bundle_file), "--report", "wh-report-2024,weihai-huancui"]) == 2
    assert "expected RULE,BY,YYYY-MM-DD" in capsys.readouterr().err
    assert main(["check", str(bundle_file), "--report",
                 "wh-report-2024,weihai-huancui,2024-12-18"]) == 0  # fmt: skip


def test_schedule_prints_what_it_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", "--demo"]) == 0
    out = capsys.readouterr().out
    notes = hi.schedule_notes(DATA.hospitals, "weihai-2024-2026", authorities=DATA.authorities)
    assert notes and all(n in out for n in notes)
    left_out = {n.split()[0] for n in notes if "left out" in n}
    planned = {v.hospital for v in hi.schedule(
        DATA.hospitals, DATA.experts, "weihai-2024-2026", authorities=DATA.authorities,
        start=hi.cli.DEMO_START).visits}  # fmt: skip
    assert left_out == {h.id for h in DATA.hospitals} - planned


def test_a_hospital_outside_its_authority_territory_is_noted() -> None:
    district = next(a for a in DATA.authorities if a.level is hi.AuthorityLevel.DISTRICT)
    other = next(
        a.region for a in DATA.authorities
        if a.level is hi.AuthorityLevel.DISTRICT and a.region != district.region
    )  # fmt: skip
    h = hi.Hospital(id="X1", name="某医院", level="二级", grade="甲等", category="综合医院",
                    ownership="公立", authority=district.id, region=other)  # fmt: skip
    notes = hi.schedule_notes([h], "weihai-2024-2026", authorities=DATA.authorities)
    assert len(notes) == 1 and f"lies in {other}" in notes[0] and district.id in notes[0]
    inside = attrs.evolve(h, region=district.region)
    assert hi.schedule_notes([inside], "weihai-2024-2026", authorities=DATA.authorities) == ()
