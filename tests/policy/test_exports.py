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
    assert list(policy_pkg.__all__) == sorted(policy_pkg.__all__)
    for name in policy_pkg.__all__:
        value = getattr(policy_pkg, name)
        if name == "Rule":  # the union of the rule classes
            assert all(m.__module__.startswith("hospital_inspection.") for m in value.__args__)
        else:
            assert getattr(value, "__module__", "").startswith("hospital_inspection."), name


@pytest.mark.parametrize("name", ["ExternalExpertsRule", "ShareBase"])
def test_checker_names_are_public_in_policy(name: str) -> None:
    assert name in policy_pkg.__all__
