"""Built-in sample data: real administrative divisions, fictional hospitals and people.

>>> data = sample_data("weihai")
>>> len(data.authorities) > 8 and all("虚构" in h.name for h in data.hospitals)
True
"""

from __future__ import annotations

import functools
from importlib import resources

import attrs

from hospital_inspection.convert import from_json
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.names import Names
from hospital_inspection.model.people import Expert

__all__ = ["SampleData", "available_samples", "sample_data"]

_SAMPLES = {"weihai": "sample-weihai.json"}


@attrs.frozen(kw_only=True)
class SampleData:
    """A consistent set of authorities, hospitals and experts.

    Attributes:
        name: the sample's name.
        description: what it is (and that its names are fictional).
        authorities: the authority tree's nodes.
        hospitals: the hospitals.
        experts: the people who can sit on teams.
    """

    name: str
    description: str
    authorities: tuple[Authority, ...]
    hospitals: tuple[Hospital, ...]
    experts: tuple[Expert, ...]

    def authority_tree(self) -> AuthorityTree:
        """The authorities as an :class:`AuthorityTree`."""
        return AuthorityTree(self.authorities)

    @property
    def names(self) -> Names:
        """A :class:`~hospital_inspection.Names` directory of the sample, for tables and views."""
        return Names.of(
            hospitals=self.hospitals, experts=self.experts, authorities=self.authorities
        )


def available_samples() -> tuple[str, ...]:
    """Names accepted by :func:`sample_data`."""
    return tuple(sorted(_SAMPLES))


@functools.cache
def sample_data(name: str = "weihai") -> SampleData:
    """Load a built-in sample by name.

    Args:
        name: ``"weihai"``: Weihai's city commission and its eight 区市 (环翠区, 文登区, 荣成市,
            乳山市, 高区, 经区, 临港区, 南海新区) with fictional hospitals and experts.

    Raises:
        DataError: no sample of that name.
    """
    file = _SAMPLES.get(name)
    if file is None:
        raise DataError(
            Message(
                N_("sample: {name} is not a sample; expected one of {samples}"),
                {"name": repr(name), "samples": str(available_samples())},
            )
        )
    text = resources.files("hospital_inspection").joinpath("data", file).read_text("utf-8")
    data = from_json(text, SampleData, source=f"hospital_inspection/data/{file}")
    data.authority_tree()  # validates references between authorities
    return data
