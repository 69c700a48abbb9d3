"""Every way a policy can be wrong fails with a PolicyError naming the file, key path and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

import hospital_inspection as hi
from tests.support.policies import EXAMPLE

HEAD = (
    'format = 1\nid = "p"\ntitle = "t"\ndocument = "威卫办〔2024〕11号"\nissuer = "i"\n'
    "issued = 2024-09-06\n"
)
DAYS = (
    '[rules.d]\nkind = "visit_days"\nstrength = "in_principle"\n'
    'when = { levels = ["tertiary"] }\ndays = 7\nday_unit = "working"\n'
    'cite = { clause = "四、", text = "x" }\n'
)


def _file(tmp_path: Path, text: str, name: str = "p.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_available_policies() -> None:
    assert hi.available_policies() == ("example-shili-2025-2027", "jilin-2021", "weihai-2024-2026")


def test_the_fictional_example_is_marked_in_its_id_and_metadata() -> None:
    for pid in hi.available_policies():
        fictional = hi.load_policy(pid).meta.fictional
        assert fictional == pid.startswith("example-"), pid


def test_unknown_policy_id_lists_the_available_ones() -> None:
    with pytest.raises(
        hi.PolicyError,
        match="no policy 'shanghai'; available: example-shili-2025-2027, jilin-2021, weihai",
    ):
        hi.load_policy("shanghai")


def test_policy_error_is_an_inspection_error() -> None:
    with pytest.raises(hi.InspectionError):
        hi.load_policy("shanghai")


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = _file(tmp_path, HEAD + "[rules.d\nkind = 1\n")
    with pytest.raises(hi.PolicyError) as info:
        hi.load_policy(path)
    message = str(info.value)
    assert str(path) in message
    assert "not valid TOML" in message
    assert "line 7" in message


def test_schema_error_names_file_line_key_path_and_expectation(tmp_path: Path) -> None:
    path = _file(tmp_path, HEAD + DAYS.replace("days = 7", 'days = "seven"'))
    with pytest.raises(hi.PolicyError) as info:
        hi.load_policy(path)
    message = str(info.value)
    assert f"{path} (line 7): rules.d.days: string 'seven' is not an integer" in message


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    bad = DAYS.replace("days = 7", "days = 0").replace('"working"', '"fortnights"')
    with pytest.raises(hi.PolicyError) as info:
        hi.load_policy(_file(tmp_path, HEAD + bad))
    message = str(info.value)
    assert "rules.d.day_unit: 'fortnights' is not a day unit; expected one of" in message
    assert "工作日, 自然日" in message


def test_bad_value_is_refused_by_the_validator(tmp_path: Path) -> None:
    with pytest.raises(hi.PolicyError, match=r"rules\.d.*days.*0 is not a whole number >= 1"):
        hi.load_policy(_file(tmp_path, HEAD + DAYS.replace("days = 7", "days = 0")))


def test_unknown_rule_kind_lists_the_kinds(tmp_path: Path) -> None:
    with pytest.raises(
        hi.PolicyError,
        match="'visit_dayz' is not a rule kind; did you mean 'visit_days'\\? expected one of",
    ):
        hi.load_policy(_file(tmp_path, HEAD + DAYS.replace('"visit_days"', '"visit_dayz"')))


def test_unknown_key_in_a_rule(tmp_path: Path) -> None:
    with pytest.raises(hi.PolicyError, match=r"rules\.d: unexpected key\(s\) dayz"):
        hi.load_policy(_file(tmp_path, HEAD + DAYS + "dayz = 3\n"))


def test_unknown_top_level_key(tmp_path: Path) -> None:
    with pytest.raises(hi.PolicyError, match=r"titel.*unexpected key"):
        hi.load_policy(_file(tmp_path, HEAD + 'titel = "x"\n'))


def test_missing_format(tmp_path: Path) -> None:
    with pytest.raises(hi.PolicyError, match="format: None is not a known format; expected 1"):
        hi.load_policy(_file(tmp_path, HEAD.replace("format = 1\n", "")))


def test_missing_metadata(tmp_path: Path) -> None:
    with pytest.raises(hi.PolicyError, match=r"policy\.issuer: required field missing"):
        hi.load_policy(_file(tmp_path, HEAD.replace('issuer = "i"\n', "")))


@pytest.mark.parametrize("share", ["0.3", "3/0", "13/10", "30%"])
def test_ratio_must_be_an_exact_fraction(tmp_path: Path, share: str) -> None:
    rule = (
        '[rules.x]\nkind = "external_experts"\nstrength = "mandatory"\n'
        f'min_share = "{share}"\ninspector_levels = ["district"]\nmin_level = "secondary"\n'
        'cite = { clause = "四、(二)", text = "x" }\n'
    )
    with pytest.raises(hi.PolicyError, match="is not an exact fraction"):
        hi.load_policy(_file(tmp_path, HEAD + rule))


def test_float_ratio_is_refused(tmp_path: Path) -> None:
    rule = (
        '[rules.x]\nkind = "external_experts"\nstrength = "mandatory"\n'
        'min_share = 0.3\ninspector_levels = ["district"]\nmin_level = "secondary"\n'
        'cite = { clause = "四、(二)", text = "x" }\n'
    )
    with pytest.raises(hi.PolicyError, match=r"rules\.x\.min_share: number 0.3 is not a string"):
        hi.load_policy(_file(tmp_path, HEAD + rule))


def test_unknown_interpretation_lists_the_choices() -> None:
    with pytest.raises(hi.PolicyError) as info:
        hi.load_policy("weihai-2024-2026", interpretations={"tcm": "every-tcm-7"})
    message = str(info.value)
    assert "no interpretation 'tcm'" in message
    assert "tcm-level: tertiary-governs-both, every-tcm-7" in message


def test_unknown_choice_lists_the_choices() -> None:
    with pytest.raises(hi.PolicyError, match="choices: tertiary-governs-both, every-tcm-7"):
        hi.load_policy("weihai-2024-2026", interpretations={"tcm-level": "all"})


def test_extends_cycle(tmp_path: Path) -> None:
    _file(tmp_path, HEAD + 'extends = "b.toml"\n', "a.toml")
    _file(tmp_path, HEAD + 'extends = "a.toml"\n', "b.toml")
    with pytest.raises(hi.PolicyError, match="extends itself"):
        hi.load_policy(tmp_path / "a.toml")


def test_extends_unknown_policy(tmp_path: Path) -> None:
    with pytest.raises(hi.PolicyError, match="no policy 'nowhere'"):
        hi.load_policy(_file(tmp_path, HEAD + 'extends = "nowhere"\n'))


def test_missing_source_file(tmp_path: Path) -> None:
    text = HEAD + '[sources]\n"威卫办〔2024〕11号" = "missing.txt"\n'
    with pytest.raises(hi.PolicyError, match=r"no file 'missing\.txt'"):
        hi.load_policy(_file(tmp_path, text))


def test_dropping_a_rule_an_interpretation_needs(tmp_path: Path) -> None:
    text = HEAD + 'extends = "weihai-2024-2026"\ndrop_rules = ["wh-days-secondary-tcm"]\n'
    with pytest.raises(hi.PolicyError, match=r"interpretations\.tcm-level\.rules: no rule"):
        hi.load_policy(_file(tmp_path, text))


def test_dropping_an_unknown_rule(tmp_path: Path) -> None:
    text = HEAD + 'extends = "weihai-2024-2026"\ndrop_rules = ["nope"]\n'
    with pytest.raises(hi.PolicyError, match="drop_rules: no rule 'nope'"):
        hi.load_policy(_file(tmp_path, text))


def test_round_needs_its_end_rule(tmp_path: Path) -> None:
    text = HEAD + (
        '[[rounds]]\nid = "r"\nkind = "regular"\ntitle = "r"\nfirst_year = 2024\n'
        'last_year = 2024\nend_rule = "missing"\n'
    )
    with pytest.raises(hi.PolicyError, match="end_rule 'missing' is not a rule"):
        hi.load_policy(_file(tmp_path, text))


def test_rule_not_in_policy_names_policy_and_rule() -> None:
    policy = hi.load_policy("jilin-2021")
    with pytest.raises(hi.RuleNotInPolicy) as info:
        policy.min_external_experts(5)
    assert (info.value.policy, info.value.rule) == ("jilin-2021", "external_experts")
    with pytest.raises(hi.RuleNotInPolicy, match="no 'wh-round-end' rule"):
        policy.rule("wh-round-end")
    with pytest.raises(LookupError):
        policy.round_end(hi.VisitKind.SPECIAL)


def test_load_by_path_and_by_string_path() -> None:
    assert hi.load_policy(EXAMPLE).id == hi.load_policy(str(EXAMPLE)).id == "example-stricter"
