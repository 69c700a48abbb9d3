"""The policy API is exported from the package and from ``hospital_inspection.policy``."""

import pytest

import hospital_inspection as hi
import hospital_inspection.policy as policy_pkg

REQUIRED = {
    "load_policy", "available_policies", "diff_policies", "lint_policy", "Policy", "Decision",
    "Citation", "PolicyError", "RuleNotInPolicy", "ScopeStatus", "Strength",
}  # fmt: skip


def test_required_names_are_exported() -> None:
    assert set(hi.__all__) >= REQUIRED


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_face_and_policy_package_give_the_same_object(name: str) -> None:
    if name in policy_pkg.__all__:
        assert getattr(hi, name) is getattr(policy_pkg, name)
    else:
        assert getattr(hi, name).__module__ in {
            "hospital_inspection.errors",
            "hospital_inspection.enums",
        }


def test_policy_package_all_is_sorted_and_importable() -> None:
    def isort_style(name: str) -> tuple[int, str]:  # constants, classes, then functions
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert list(policy_pkg.__all__) == sorted(policy_pkg.__all__, key=isort_style)
    for name in policy_pkg.__all__:
        value = getattr(policy_pkg, name)
        if name == "Rule":  # the union of the rule classes
            assert all(m.__module__.startswith("hospital_inspection.") for m in value.__args__)
        elif name.isupper():  # constants: EVENTS, FINDING_TRIGGERS (names with their words)
            assert value and all(isinstance(k, str) and k for k in value), name
        else:
            assert getattr(value, "__module__", "").startswith("hospital_inspection."), name


@pytest.mark.parametrize("name", ["ExternalExpertsRule", "ShareBase"])
def test_checker_names_are_public_in_policy(name: str) -> None:
    assert name in policy_pkg.__all__
