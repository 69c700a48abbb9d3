"""The Gantt chart (:func:`plot_gantt`, :func:`save_gantt_png`), with matplotlib (extra ``plot``).

The Gantt chart (:func:`plot_gantt`, :func:`save_gantt_png`) needs the ``plot`` extra
(matplotlib). Chinese labels need a font with Chinese glyphs: the chart looks for one of
:data:`CJK_FONTS` among the fonts matplotlib knows (or takes ``font=``). When none is found it
labels bars with ids and codes (``WH001``, ``weihai``) and English words rather than drawing
Chinese text as empty boxes ("tofu"). To get names, install a CJK font (e.g. ``fonts-noto-cjk``
on Debian/Ubuntu; it is found even when installed after matplotlib built its font cache), or
pass ``font=`` the family or the path of a font file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, Unpack

from hospital_inspection import _atomic, _views
from hospital_inspection._extras import require
from hospital_inspection.dates.calendars import ChinaOfficialCalendar
from hospital_inspection.enums import Role
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.names import Lookups, Names
from hospital_inspection.model.visits import Plan, Visit

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from hospital_inspection.scheduling import WorkingDays

__all__ = [
    "CJK_FONTS",
    "GROUPINGS",
    "find_cjk_font",
    "font_family",
    "person_load",
    "plot_gantt",
    "save_gantt_png",
]

#: Font families with Chinese glyphs, tried in order by :func:`find_cjk_font`.
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Arial Unicode MS",
)

GroupBy = Literal["authority", "team", "person"]

#: The groupings :func:`plot_gantt` draws.
GROUPINGS: tuple[str, ...] = ("authority", "team", "person")


_RESCANNED: list[bool] = []


def find_cjk_font(candidates: Sequence[str] = CJK_FONTS) -> str | None:
    """The first of ``candidates`` that matplotlib can use, or ``None`` (extra ``plot``).

    When none is in matplotlib's font cache, the installed fonts are scanned again once per
    process (about a second): a font installed after the cache was built is found too.
    """
    font_manager = require("matplotlib.font_manager", feature="Gantt charts", extra="plot")
    available = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in candidates if name in available), None)
    if found is None and not _RESCANNED:
        _RESCANNED.append(True)
        fresh = font_manager._load_fontmanager(try_read_cache=False)
        font_manager.fontManager.ttflist[:] = fresh.ttflist
        if hasattr(font_manager.fontManager, "_findfont_cached"):
            font_manager.fontManager._findfont_cached.cache_clear()
        available = {f.name for f in fresh.ttflist}
        found = next((name for name in candidates if name in available), None)
    return found


def font_family(font: str | os.PathLike[str] | None) -> str | None:
    """The font family to draw Chinese with: ``font`` (a family name or a font file's path, which
    is registered with matplotlib), else :func:`find_cjk_font`.

    Raises:
        DataError: ``font`` names a file that does not exist or is not a font.
    """
    if font is None:
        return find_cjk_font()
    text = os.fspath(font)
    if not (os.sep in text or text.lower().endswith((".ttf", ".otf", ".ttc"))):
        return text
    font_manager = require("matplotlib.font_manager", feature="Gantt charts", extra="plot")
    if not os.path.isfile(text):
        raise DataError(Message(N_("font: {path}: no such font file"), {"path": text}))
    try:
        font_manager.fontManager.addfont(text)
        name: str = font_manager.FontProperties(fname=text).get_name()
    except (OSError, RuntimeError, ValueError) as exc:
        unreadable = N_("font: {path}: not a font file matplotlib can read ({reason})")
        raise DataError(Message(unreadable, {"path": text, "reason": str(exc)})) from None
    return name


def _group_key(visit: Visit, group_by: GroupBy) -> str:
    if group_by == "authority":
        return visit.authority
    return visit.leader or ""


def _group_label(key: str, group_by: GroupBy, names: Names, chinese: bool) -> str:
    if group_by == "team" and not key:
        return "（无组长）" if chinese else "(no leader)"
    if not chinese:
        return key
    return names.authority(key) if group_by == "authority" else names.person(key)


def plot_gantt(
    plan: Plan,
    *,
    names: Names | None = None,
    group_by: GroupBy = "authority",
    deadline: dt.date | None = None,
    deadline_label: str | None = None,
    font: str | None = None,
    ax: Axes | None = None,
    max_days: int | None = None,
    calendar: WorkingDays | None = None,
    **lookups: Unpack[Lookups],
) -> Axes:
    """Draw the plan as a Gantt chart: one bar per visit, from its first to its last day.

    With ``group_by="person"`` the rows are people instead (the busiest first): each row shows
    the visits one person serves, coloured by their role (组长, 专家, 部门负责人), and its label
    gives their load, the working days on site (:func:`person_load`), against ``max_days`` when
    given (a row over the cap is labelled in red).

    Bars are grouped (and coloured) by inspecting authority or by team leader, each group's
    visits in date order; a legend names the groups. A deadline, when given, is drawn as a
    vertical line with a label. Needs the ``plot`` extra.

    Labels are hospital names and authority or leader names when a font with Chinese glyphs is
    available (``font``, else :func:`find_cjk_font`); otherwise ids and English words (see the
    module's notes).

    Args:
        plan: the plan.
        names: a :class:`~hospital_inspection.Names` directory, for the labels.
        **lookups: the older ``hospitals=``, ``experts=``, ``authorities=`` keywords (an
            iterable of objects or a mapping by id), added to ``names``.
        group_by: ``"authority"``, ``"team"`` (by team leader) or ``"person"`` (a row per
            person, with their load).
        deadline: a day to mark, e.g. when the round must be finished.
        deadline_label: the mark's text; default ``截止 <date>`` (``deadline <date>``).
        font: the font family, or the path of a font file, to use for Chinese text.
        ax: the Axes to draw on; default a new figure from ``matplotlib.pyplot``.
        max_days: for ``"person"``: the cap on working days per person to show beside each
            load (e.g. the ``max_days_per_person`` the plan was made with).
        calendar: for ``"person"``: the working days to count loads in; default China's
            official calendar (调休 included).

    Returns:
        The Axes drawn on (its figure is ``ax.figure``).

    Raises:
        MissingExtraError: matplotlib is not installed.
        DataError: ``group_by`` is not one of :data:`GROUPINGS`, or ``max_days`` is not a
            whole number of at least 1.
    """
    if group_by not in GROUPINGS:
        raise DataError(
            Message(
                N_("group_by: {value}; expected 'authority', 'team' or 'person'"),
                {"value": repr(group_by)},
            )
        )
    if max_days is not None and (
        isinstance(max_days, bool) or not isinstance(max_days, int) or max_days < 1
    ):
        raise DataError(
            Message(
                N_("max_days: {value}; expected a whole number of at least 1"),
                {"value": repr(max_days)},
            )
        )
    mdates = require("matplotlib.dates", feature="Gantt charts", extra="plot")
    from matplotlib import colormaps

    names = Names.resolve(names, **lookups)
    family = font_family(font)
    chinese = family is not None
    text_font: dict[str, Any] = {"fontfamily": [family, "DejaVu Sans"]} if family else {}
    if group_by == "person":
        if ax is None:
            import matplotlib.pyplot as plt

            rows = len({p for v in plan.visits for p in v.people})
            _, ax = plt.subplots(figsize=_figsize(rows), layout="constrained")
        _plot_people(ax, mdates, plan, names, chinese, text_font, max_days, calendar)
        if deadline is not None:
            _mark_deadline(ax, mdates, deadline, plan.visits, deadline_label, chinese, text_font)
        _title(ax, plan, chinese, text_font, per_person=True)
        return ax

    visits = sorted(
        plan.visits,
        key=lambda v: (_group_key(v, group_by) or "\uffff", v.first_day, v.hospital, v.id),
    )
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=_figsize(len(visits)), layout="constrained")

    palette = colormaps["tab20"]
    groups: dict[str, int] = {}
    for y, visit in enumerate(visits):
        key = _group_key(visit, group_by)
        first = key not in groups
        index = groups.setdefault(key, len(groups))
        ax.barh(
            y,
            visit.calendar_days,
            left=mdates.date2num(visit.first_day),
            height=0.6,
            color=palette(index % palette.N),
            edgecolor="black",
            linewidth=0.5,
            label=_group_label(key, group_by, names, chinese) if first else None,
        )
    ax.set_yticks(
        range(len(visits)),
        [names.hospital(v.hospital) if chinese else v.hospital for v in visits],
        **text_font,
    )
    if visits:
        ax.set_ylim(len(visits) - 0.5, -0.5)  # first visit at the top
    _date_axis(ax, mdates, chinese, text_font)
    ax.grid(axis="x", linestyle=":", linewidth=0.5)
    ax.use_sticky_edges = False  # bars start at the axis otherwise
    ax.margins(x=0.03)

    if deadline is not None:
        _mark_deadline(ax, mdates, deadline, visits, deadline_label, chinese, text_font)
    if groups:
        if chinese:
            legend_title = "巡查单位" if group_by == "authority" else "组长"
        else:
            legend_title = "authority" if group_by == "authority" else "team leader"
        ax.legend(
            title=legend_title,
            title_fontproperties={"family": text_font["fontfamily"]} if chinese else None,
            prop={"family": text_font["fontfamily"], "size": "small"} if chinese else None,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
        )
    _title(ax, plan, chinese, text_font)
    return ax


def _title(
    ax: Any, plan: Plan, chinese: bool, text_font: dict[str, Any], per_person: bool = False
) -> None:
    if chinese:
        title = "大型医院巡查" + (f"（{plan.round}）" if plan.round else "")
        title += "：人员工作量" if per_person else ""
    else:
        title = plan.id + (f" ({plan.round})" if plan.round else "")
        title += ": load per person" if per_person else ""
    ax.set_title(title, **text_font)


def person_load(plan: Plan, calendar: WorkingDays | None = None) -> dict[str, int]:
    """Per person, the working days they are on site (a day of two visits at once, such as a
    medical group's joint visit, counts once): the load ``max_days_per_person`` caps.

    Args:
        plan: the plan.
        calendar: an object with ``is_working_day(date)``; default China's official calendar.
    """
    cal = calendar if calendar is not None else ChinaOfficialCalendar()
    days: dict[str, set[dt.date]] = {}
    for v in plan.visits:
        span = [v.first_day + dt.timedelta(days=k) for k in range(v.calendar_days)]
        on = {d for d in span if cal.is_working_day(d)}
        for person in v.people:
            days.setdefault(person, set()).update(on)
    return {person: len(d) for person, d in sorted(days.items())}


#: The colours of the roles in the per-person chart (tab10's first three).
_ROLE_ORDER = (Role.TEAM_LEADER, Role.EXPERT, Role.OFFICIAL)
_ROLE_NAMES = {
    Role.TEAM_LEADER: ("组长", "team leader"),
    Role.EXPERT: ("专家", "expert"),
    Role.OFFICIAL: ("部门负责人", "official"),
}


def _plot_people(
    ax: Any,
    mdates: Any,
    plan: Plan,
    names: Names,
    chinese: bool,
    text_font: dict[str, Any],
    max_days: int | None,
    calendar: WorkingDays | None,
) -> None:
    from matplotlib import colormaps

    load = person_load(plan, calendar)
    people = sorted(load, key=lambda p: (-load[p], p))
    row = {p: y for y, p in enumerate(people)}
    palette = colormaps["tab10"]
    seen: set[Role] = set()
    stretches: set[tuple[str, dt.date, dt.date]] = set()
    for v in sorted(plan.visits, key=lambda v: (v.first_day, v.id)):
        for m in v.team:
            if (m.person, v.first_day, v.last_day) in stretches:
                continue  # a joint visit of a medical group: one bar
            stretches.add((m.person, v.first_day, v.last_day))
            role = m.role if m.role in _ROLE_NAMES else Role.EXPERT
            first = role not in seen
            seen.add(role)
            zh, en = _ROLE_NAMES[role]
            ax.barh(
                row[m.person],
                v.calendar_days,
                left=mdates.date2num(v.first_day),
                height=0.6,
                color=palette(_ROLE_ORDER.index(role)),
                edgecolor="black",
                linewidth=0.5,
                label=(zh if chinese else en) if first else None,
            )
    labels = []
    for p in people:
        who = names.person(p) if chinese else p
        days = f"{load[p]}/{max_days}" if max_days is not None else f"{load[p]}"
        labels.append(f"{who}  {days}天" if chinese else f"{who} ({days} d)")
    ax.set_yticks(range(len(people)), labels, **text_font)
    if max_days is not None:
        for tick, p in zip(ax.get_yticklabels(), people, strict=True):
            if load[p] > max_days:
                tick.set_color("crimson")
    if people:
        ax.set_ylim(len(people) - 0.5, -0.5)  # the busiest at the top
    _date_axis(ax, mdates, chinese, text_font)
    ax.grid(axis="x", linestyle=":", linewidth=0.5)
    ax.use_sticky_edges = False
    ax.margins(x=0.03)
    if seen:
        ax.legend(
            title="角色" if chinese else "role",
            title_fontproperties={"family": text_font["fontfamily"]} if chinese else None,
            prop={"family": text_font["fontfamily"], "size": "small"} if chinese else None,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
        )


def _figsize(n_visits: int) -> tuple[float, float]:
    return (11.0, max(2.5, 0.38 * n_visits + 1.6))


#: A deadline further than this many times the plan's own span past its last visit is marked at
#: the chart's right edge instead of stretching the time axis until the bars are slivers.
_FAR_DEADLINE = 2


#: The date axis in Chinese: the labels of matplotlib's ConciseDateFormatter, per level (years,
#: months, days, hours, minutes, seconds), as an office writes dates (2025年, 09月, 15日).
_ZH_DATE_FORMATS = {
    "formats": ["%Y年", "%m月", "%d日", "%H:%M", "%H:%M", "%S.%f"],
    "zero_formats": ["", "%Y年", "%m月", "%m月%d日", "%H:%M", "%H:%M"],
    "offset_formats": [
        "",
        "%Y年",
        "%Y年%m月",
        "%Y年%m月%d日",
        "%Y年%m月%d日",
        "%Y年%m月%d日 %H:%M",
    ],
}


def _date_axis(ax: Any, mdates: Any, chinese: bool, text_font: dict[str, Any]) -> None:
    """Dates along the x axis: concise labels, in Chinese (年, 月, 日) in the Chinese font."""
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    formats = _ZH_DATE_FORMATS if chinese else {}
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, **formats))
    if chinese:
        ax.tick_params(axis="x", labelfontfamily=text_font["fontfamily"])
        ax.xaxis.get_offset_text().set_fontfamily(text_font["fontfamily"])


def _mark_deadline(
    ax: Any,
    mdates: Any,
    deadline: dt.date,
    visits: Sequence[Visit],
    deadline_label: str | None,
    chinese: bool,
    text_font: dict[str, Any],
) -> None:
    label = deadline_label or (
        f"截止 {deadline.isoformat()}" if chinese else f"deadline {deadline.isoformat()}"
    )
    x = mdates.date2num(deadline + dt.timedelta(days=1))  # the end of the deadline day
    if visits:
        first = min(v.first_day for v in visits)
        last = max(v.last_day for v in visits)
        span = max((last - first).days + 1, 7)
        if (deadline - last).days > _FAR_DEADLINE * span:
            ax.annotate(
                f"{label} →",
                xy=(1.0, 1.0),
                xycoords="axes fraction",
                xytext=(-3, -3),
                textcoords="offset points",
                ha="right",
                va="top",
                color="crimson",
                **text_font,
            )
            return
    ax.axvline(x, color="crimson", linestyle="--", linewidth=1.2)
    low, high = ax.get_xlim()  # a vertical line does not widen the view by itself
    ax.set_xlim(min(low, x - 3), max(high, x + 3))
    ax.annotate(
        label,
        xy=(x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-3, -3),
        textcoords="offset points",
        ha="right",
        va="top",
        color="crimson",
        **text_font,
    )


def save_gantt_png(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    names: Names | None = None,
    group_by: GroupBy = "authority",
    deadline: dt.date | None = None,
    deadline_label: str | None = None,
    font: str | None = None,
    dpi: int = 150,
    max_days: int | None = None,
    calendar: WorkingDays | None = None,
    **lookups: Unpack[Lookups],
) -> None:
    """Draw :func:`plot_gantt` on a new figure and write it as PNG to ``path`` atomically.

    Uses matplotlib's object API (no ``pyplot``), so it works without a display and leaves no
    open figures behind. Arguments as for :func:`plot_gantt`; ``dpi`` sets the resolution.
    """
    require("matplotlib", feature="Gantt charts", extra="plot")
    from matplotlib.figure import Figure

    rows = (
        len({p for v in plan.visits for p in v.people})
        if group_by == "person"
        else len(plan.visits)
    )
    fig = Figure(figsize=_figsize(rows), layout="constrained")
    ax = fig.add_subplot()
    plot_gantt(
        plan,
        names=names,
        **lookups,
        group_by=group_by,
        deadline=deadline,
        deadline_label=deadline_label,
        font=font,
        ax=ax,
        max_days=max_days,
        calendar=calendar,
    )
    with _atomic.atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=dpi)


@_views.gantt.register(Plan)
def _plan_view(plan: Plan, **options: Any) -> Any:
    return plot_gantt(plan, **options)
