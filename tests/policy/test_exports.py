"""The policy API is exported from the package."""

import hospital_inspection as hi
import hospital_inspection.policy as policy_pkg

REQUIRED = {
    "load_policy", "available_policies", "diff_policies", "lint_policy", "Policy", "Decision",
    "Citation", "PolicyError", "RuleNotInPolicy", "ScopeStatus", "Strength",
}  # fmt: skip


def test_required_names_are_exported() -> None:
    assert set(hi.__all__) >= REQUIRED
    for name in hi.__all__:
        assert getattr(hi, name) is not None


def test_policy_package_all_is_sorted_and_importable() -> None:
    assert list(policy_pkg.__all__) == sorted(policy_pkg.__all__)
    for name in policy_pkg.__all__:
        assert getattr(policy_pkg, name) is not None
    assert list(hi.__all__) == sorted(hi.__all__)
