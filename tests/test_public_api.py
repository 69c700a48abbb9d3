"""The public face: exactly ``__all__``, sorted, lazily loaded, and no front end on import."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

import hospital_inspection as hi

#: Modules a bare ``import hospital_inspection`` may load: the face, the errors, the enumerations
#: and ``json_schema`` (whose name the function ``hi.json_schema`` shares).
IMPORTED_WITH_THE_PACKAGE = [
    "hospital_inspection",
    "hospital_inspection.enums",
    "hospital_inspection.errors",
    "hospital_inspection.json_schema",
]


def test_all_is_sorted_and_unique() -> None:
    assert hi.__all__ == sorted(set(hi.__all__))


@pytest.mark.parametrize("name", hi.__all__)
def test_every_public_name_is_the_librarys_own(name: str) -> None:
    value = getattr(hi, name)
    if name == "testing":
        assert isinstance(value, types.ModuleType)
        assert value.__name__ == "hospital_inspection.testing"
    else:
        assert getattr(value, "__module__", "").startswith("hospital_inspection."), name
        assert not isinstance(value, types.ModuleType)


def test_the_face_holds_nothing_but_all() -> None:
    for name in hi.__all__:
        getattr(hi, name)
    public = {
        name
        for name, value in vars(hi).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    public -= {"annotations", "TYPE_CHECKING"}
    assert public | {"testing"} == set(hi.__all__)


@pytest.mark.parametrize("name", ["converter", "LedgerStore", "no_such_name"])
def test_names_not_on_the_face_raise_attribute_error(name: str) -> None:
    with pytest.raises(AttributeError, match=name):
        getattr(hi, name)


def test_import_loads_only_the_ground_floor() -> None:
    code = (
        "import sys, hospital_inspection; "
        "print(sorted(m for m in sys.modules if m.startswith('hospital_inspection')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == repr(IMPORTED_WITH_THE_PACKAGE)


def test_version_comes_from_the_installed_metadata() -> None:
    import importlib.metadata

    assert hi.__version__ == importlib.metadata.version("hospital-inspection")


def test_front_end_packages_load_on_first_use() -> None:
    assert hi.exports.__name__ == "hospital_inspection.exports"
    assert hi.display.__name__ == "hospital_inspection.display"


def test_architecture_contract_names_exist() -> None:
    for name in ["Hospital", "Level", "Grade", "Category", "Ownership", "Authority", "Expert",
                 "Visit", "Plan", "DataError", "InspectionError", "testing"]:  # fmt: skip
        assert name in hi.__all__


def test_every_error_is_an_inspection_error() -> None:
    errors = [
        getattr(hi, n)
        for n in hi.__all__
        if isinstance(getattr(hi, n), type) and issubclass(getattr(hi, n), Exception)
    ]
    assert len(errors) >= 9
    for error in errors:
        assert issubclass(error, hi.InspectionError), error
