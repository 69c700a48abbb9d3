"""A small fictional 示例市 (the example-shili-2025-2027 policy's city) for tests and docs.

Everything here is invented, like the city itself: a city commission, two districts and a county,
six hospitals and a pool of experts and officials.
"""

from __future__ import annotations

import hospital_inspection as hi

AUTHORITIES = (
    hi.Authority(id="shili", name="示例市卫生健康委员会", level="city", region="shili"),
    hi.Authority(
        id="shili-east",
        name="示例市东区卫生健康局",
        level="district",
        parent="shili",
        region="east",
    ),
    hi.Authority(
        id="shili-west",
        name="示例市西区卫生健康局",
        level="district",
        parent="shili",
        region="west",
    ),
    hi.Authority(
        id="shili-north",
        name="示例市北县卫生健康局",
        level="district",
        parent="shili",
        region="north",
    ),
)


def _h(id: str, name: str, level: str, category: str, ownership: str, authority: str, region: str):
    return hi.Hospital(
        id=id,
        name=name,
        level=level,
        category=category,
        ownership=ownership,
        authority=authority,
        region=region,
    )


HOSPITALS = (
    _h("SL01", "示例市第一人民医院", "三级", "综合医院", "公立", "shili", "east"),
    _h("SL02", "示例市东区人民医院", "三级", "综合医院", "公立", "shili-east", "east"),
    _h("SL03", "示例市西区中医医院", "二级", "中医医院", "公立", "shili-west", "west"),
    _h("SL04", "示例市北县仁和医院", "二级", "综合医院", "社会办", "shili-north", "north"),
    _h("SL05", "示例市东区妇幼保健院", "二级", "妇幼保健院", "公立", "shili-east", "east"),
    _h("SL06", "示例市西区社区医院", "一级", "综合医院", "公立", "shili-west", "west"),
)

EXPERTS = (
    *(
        hi.Expert(id=f"O-{r}", name=f"{r}负责同志", home_region=r, roles=["official"])
        for r in ("shili", "east", "west", "north")
    ),
    *(
        hi.Expert(id=f"E-{r}-{n}", name=f"{r}专家{n}", home_region=r, roles=["expert"])
        for r in ("east", "west", "north")
        for n in range(1, 7)
    ),
)


def hospital(id: str) -> hi.Hospital:
    """The hospital ``id`` of the world."""
    return next(h for h in HOSPITALS if h.id == id)
