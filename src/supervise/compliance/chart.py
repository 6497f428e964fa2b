"""A line chart drawn on the server as SVG: no JavaScript, readable without colour.

Each line has its own dash pattern and marker shape as well as its colour, and is labelled
directly at its end (labels are spread apart so they never overlap). The SVG is `role="img"`
with a `<title>` and a `<desc>` that says what it shows; the page puts the same numbers in a
table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 960, 420
LEFT, RIGHT, TOP, BOTTOM = 64, 290, 24, 56  # margins; the right one holds the labels
LABEL_GAP = 17  # vertical space one line of label text needs
LABEL_CHARS = 30  # wrap labels longer than this onto a second line

# Colours of the GOV.UK palette with at least 3:1 contrast on white (WCAG 1.4.11), each with a
# dash pattern and a marker of its own, so that no line is told apart by colour alone.
STYLES = (
    ("#0b0c0c", "", "circle"),
    ("#1d70b8", "12 6", "square"),
    ("#d4351c", "4 4", "triangle"),
    ("#00703c", "16 5 4 5", "diamond"),
    ("#4c2c92", "2 5", "cross"),
    ("#912b88", "20 8", "down"),
)
MAX_LINES = len(STYLES)


@dataclass(frozen=True, slots=True)
class Line:
    label: str
    values: Sequence[float | None]  # one per day; None where there is no figure
    emphasis: bool = False  # drawn thicker (e.g. the total)


def _x(day: date, days: Sequence[date], width: float) -> float:
    if len(days) == 1:
        return LEFT + width / 2
    span = (days[-1] - days[0]).days or 1
    return LEFT + width * (day - days[0]).days / span


def y_range(lines: Sequence[Line]) -> tuple[int, int]:
    """From a round number below the lowest value (or 0) to 100."""
    values = [v for line in lines for v in line.values if v is not None]
    if not values:
        return 0, 100
    low = min(values)
    bottom = max(0, int((low - 5) // 10) * 10)
    return (min(bottom, 80), 100)


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    r = 5.5
    common = f'fill="{colour}" stroke="#ffffff" stroke-width="1.5"'
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" {common}/>'
    if shape == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}" {common}/>'
    if shape in ("triangle", "down"):
        d = 1 if shape == "triangle" else -1
        points = [(x, y - d * (r + 1.5)), (x - r - 1, y + d * r), (x + r + 1, y + d * r)]
        return f'<polygon points="{_points(points)}" {common}/>'
    if shape == "diamond":
        points = [(x, y - r - 1.5), (x + r + 1.5, y), (x, y + r + 1.5), (x - r - 1.5, y)]
        return f'<polygon points="{_points(points)}" {common}/>'
    if shape == "cross":
        a = r
        return (
            f'<path d="M{x - a:.1f},{y - a:.1f}L{x + a:.1f},{y + a:.1f}'
            f'M{x - a:.1f},{y + a:.1f}L{x + a:.1f},{y - a:.1f}" stroke="{colour}" '
            'stroke-width="3.5" stroke-linecap="round"/>'
        )
    a = r + 1
    return (
        f'<path d="M{x - a:.1f},{y:.1f}L{x + a:.1f},{y:.1f}M{x:.1f},{y - a:.1f}L{x:.1f},'
        f'{y + a:.1f}" stroke="{colour}" stroke-width="3.5" stroke-linecap="round"/>'
    )


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)


def _wrap(text: str) -> list[str]:
    if len(text) <= LABEL_CHARS:
        return [text]
    cut = text.rfind(" ", 0, LABEL_CHARS)
    cut = cut if cut > 0 else LABEL_CHARS
    rest = text[cut:].strip()
    if len(rest) > LABEL_CHARS:
        rest = rest[: LABEL_CHARS - 1] + "…"
    return [text[:cut].strip(), rest]


def spread(
    wanted: Sequence[float], heights: Sequence[float], top: float, bottom: float
) -> list[float]:
    """Move label positions apart (keeping their order) so that none overlaps the next."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = [0.0] * len(wanted)
    cursor = top
    for i in order:
        placed[i] = max(wanted[i], cursor)
        cursor = placed[i] + heights[i]
    overflow = cursor - bottom
    if overflow > 0:  # pushed off the bottom: shift everything up, then keep the gaps
        cursor = bottom
        for i in reversed(order):
            placed[i] = min(placed[i], cursor - heights[i])
            cursor = placed[i]
    return placed


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100):d}%"


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    days: Sequence[date],
    lines: Sequence[Line],
) -> SafeString:
    """An SVG line chart of percentages (0 to 1) by day."""
    lines = list(lines)[:MAX_LINES]
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    low, high = y_range(
        [Line(x.label, [v * 100 for v in x.values if v is not None]) for x in lines]
    )
    # Grid and y axis labels every 10 (or 20 when the range is wide), from a multiple of the
    # step, so that 100% always has its label.
    step = 20 if high - low > 50 else 10
    low -= low % step

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value * 100 - low) / (high - low))

    out = [
        format_html(
            '<svg class="app-chart" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            WIDTH,
            HEIGHT,
            chart_id,
            chart_id,
            chart_id,
            title,
            chart_id,
            description,
        )
    ]
    for value in range(low, high + 1, step):
        gy = y(value / 100)
        out.append(
            f'<line class="app-chart__grid" x1="{LEFT}" x2="{LEFT + plot_w}" '
            f'y1="{gy:.1f}" y2="{gy:.1f}"/>'
            f'<text x="{LEFT - 10}" y="{gy + 5:.1f}" text-anchor="end">{value}%</text>'
        )
    out.append(
        f'<line class="app-chart__axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}"/>'
        f'<line class="app-chart__axis" x1="{LEFT}" x2="{LEFT + plot_w}" '
        f'y1="{TOP + plot_h}" y2="{TOP + plot_h}"/>'
    )
    # X axis: the month on one line, the year under it where it changes.
    last_year = None
    crowded = len(days) > 8
    for index, day in enumerate(days):
        gx = _x(day, days, plot_w)
        out.append(
            f'<line class="app-chart__axis" x1="{gx:.1f}" x2="{gx:.1f}" '
            f'y1="{TOP + plot_h}" y2="{TOP + plot_h + 6}"/>'
        )
        if crowded and index % 2 and index != len(days) - 1:
            continue
        out.append(
            f'<text x="{gx:.1f}" y="{TOP + plot_h + 24}" text-anchor="middle">{day:%b}</text>'
        )
        if day.year != last_year:
            out.append(
                f'<text x="{gx:.1f}" y="{TOP + plot_h + 42}" text-anchor="middle">{day.year}</text>'
            )
            last_year = day.year

    labels: list[tuple[int, float, float, list[str]]] = []  # line, end x, end y, label lines
    for number, line in enumerate(lines):
        colour, dashes, shape = STYLES[number]
        path: list[str] = []
        pen_up = True
        marks = []
        end: tuple[float, float, float] | None = None
        end_day: date | None = None
        for day, value in zip(days, line.values, strict=False):
            if value is None:
                pen_up = True
                continue
            px, py = _x(day, days, plot_w), y(value)
            path.append(f"{'M' if pen_up else 'L'}{px:.1f},{py:.1f}")
            pen_up = False
            marks.append(_marker(shape, px, py, colour))
            end, end_day = (px, py, value), day
        if not path:
            continue
        width = 4.5 if line.emphasis else 2
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        out.append(
            f'<path class="app-chart__series" d="{"".join(path)}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}"{dash} stroke-linejoin="round"/>'
        )
        out.extend(marks)
        assert end is not None
        label = f"{line.label} {percent(end[2])}"
        if end_day is not None and end_day != days[-1]:
            # The line stops before the last date (nobody supervised since): the label says
            # when its figure is from, so it is not read as today's.
            label += f" in {end_day:%b %Y}"
        labels.append((number, end[0], end[1], _wrap(label)))

    heights = [LABEL_GAP * len(text) + 4 for _, _, _, text in labels]
    wanted = [end_y - LABEL_GAP / 2 for _, _, end_y, _ in labels]
    placed = spread(wanted, heights, TOP - 8, TOP + plot_h + 8)
    label_x = LEFT + plot_w + 30
    for (number, end_x, end_y, text), top in zip(labels, placed, strict=True):
        colour, _, shape = STYLES[number]
        anchor_y = top + LABEL_GAP / 2
        out.append(
            f'<line x1="{end_x + 8:.1f}" y1="{end_y:.1f}" x2="{label_x - 14}" '
            f'y2="{anchor_y:.1f}" stroke="{colour}" stroke-width="1"/>'
        )
        out.append(_marker(shape, label_x - 6, anchor_y, colour))
        for row, words in enumerate(text):
            out.append(
                f'<text x="{label_x + 4}" y="{top + LABEL_GAP * (row + 1) - 4:.1f}">'
                f"{escape(words)}</text>"
            )
    out.append("</svg>")
    return mark_safe("".join(str(part) for part in out))  # noqa: S308  # nosec B308 B703
