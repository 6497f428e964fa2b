"""The server-drawn chart: a gap where there is no figure, labels that say when a line's last
figure is from, labels that never overlap, and a scale that starts low enough."""

from __future__ import annotations

import re
from datetime import date

from supervise.compliance.chart import Line, line_chart, spread, y_range

DAYS = [date(2026, 9, 30), date(2026, 10, 31), date(2026, 11, 30)]


def chart(*lines: Line) -> str:
    return str(line_chart(chart_id="c", title="T", description="D", days=DAYS, lines=lines))


def paths(svg: str) -> list[str]:
    return re.findall(r'class="app-chart__series" d="([^"]+)"', svg)


def test_a_missing_figure_leaves_a_gap_not_a_line_across_it() -> None:
    svg = chart(Line("Team", [0.9, None, 0.8]))
    [path] = paths(svg)
    assert path.count("M") == 2  # the pen is lifted over the month without a figure
    assert "L" not in path


def test_a_line_that_stops_early_says_when_its_last_figure_is_from() -> None:
    svg = chart(Line("Laura Owen", [0.89, None, None]), Line("Omar Young", [0.5, 0.6, 0.7]))
    assert "Laura Owen 89% in Sep 2026" in svg
    assert "Omar Young 70%<" in svg  # up to the last date: no date needed


def test_labels_are_spread_so_that_none_overlaps_the_next() -> None:
    placed = spread([100, 101, 102, 300], [20, 20, 20, 20], top=0, bottom=400)
    ordered = sorted(placed)
    assert all(b - a >= 20 for a, b in zip(ordered, ordered[1:], strict=False))


def test_the_scale_starts_below_the_lowest_figure_and_ends_at_100() -> None:
    assert y_range([Line("x", [31.0, 90.0])]) == (20, 100)
    assert y_range([Line("x", [99.0])]) == (80, 100)
    assert y_range([]) == (0, 100)


def test_the_axis_is_labelled_up_to_100_percent() -> None:
    for lowest in (0.31, 0.4, 0.55, 0.95, 0.0):
        svg = chart(Line("Team", [lowest, 1.0, 0.9]))
        assert ">100%</text>" in svg, lowest
