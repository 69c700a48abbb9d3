"""The public surface is exactly ``__all__``, sorted; the lazy ``testing`` module loads."""

from __future__ import annotations

import types

import hospital_inspection as hi


def test_all_is_sorted_and_unique() -> None:
    assert hi.__all__ == sorted(set(hi.__all__))


def test_all_is_exactly_the_public_surface() -> None:
    public = {
        name
        for name, value in vars(hi).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    public -= {"annotations", "importlib", "ModuleType", "TYPE_CHECKING"}
    assert public | {"testing"} == set(hi.__all__)
    for name in hi.__all__:
        assert getattr(hi, name) is not None


def test_architecture_contract_names_exist() -> None:
    for name in ["Hospital", "Level", "Grade", "Category", "Ownership", "Authority", "Expert",
                 "Visit", "Plan", "DataError", "InspectionError", "testing"]:  # fmt: skip
        assert name in hi.__all__


def test_testing_module_is_lazy_and_public() -> None:
    assert isinstance(hi.testing, types.ModuleType)
    assert hi.testing.hospitals is not None


def test_every_error_is_an_inspection_error() -> None:
    for name in hi.__all__:
        value = getattr(hi, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, hi.InspectionError), name
