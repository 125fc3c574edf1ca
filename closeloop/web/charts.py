"""Charts as inline SVG, drawn on the server: no script, no CDN.

Colours come from CSS classes (``series-0``, ``series-1``...) so that the
style sheet decides them; every label is escaped.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 40


def _nice_max(value: int) -> int:
    if value <= 4:
        return 4
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        if value <= step * 4:
            return step * 4
    return value


def bars(labels: list[str], series: dict[str, list[int]], *, title: str) -> Markup:
    """Grouped bars: one group per label, one bar per series."""
    if not labels:
        return Markup('<p class="empty">Nothing to chart yet.</p>')
    top = _nice_max(max((max(v) for v in series.values() if v), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group = plot_w / len(labels)
    bar = max(2.0, group * 0.8 / len(series))
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="t-{id(series)}" preserveAspectRatio="xMidYMid meet">',
             f'<title id="t-{id(series)}">{escape(title)}</title>']
    for i in range(5):
        value = top * i // 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    every = max(1, len(labels) // 6)
    for i, label in enumerate(labels):
        x0 = LEFT + group * i + group * 0.1
        for s, (name, values) in enumerate(series.items()):
            value = values[i]
            h = plot_h * value / top if top else 0
            parts.append(f'<rect class="series-{s}" x="{x0 + bar * s:.1f}" y="{TOP + plot_h - h:.1f}" '
                         f'width="{bar - 1:.1f}" height="{h:.1f}"><title>{escape(label)}: '
                         f'{value} {escape(name)}</title></rect>')
        if i % every == 0:
            parts.append(f'<text class="axis" x="{LEFT + group * (i + 0.5):.1f}" y="{HEIGHT - BOTTOM + 16}" '
                         f'text-anchor="middle">{escape(label)}</text>')
    legend_x = LEFT
    for s, name in enumerate(series):
        parts.append(f'<rect class="series-{s}" x="{legend_x}" y="{HEIGHT - 14}" width="10" height="10"/>'
                     f'<text class="legend" x="{legend_x + 14}" y="{HEIGHT - 5}">{escape(name)}</text>')
        legend_x += 24 + 8 * len(name)
    parts.append("</svg>")
    return Markup("".join(parts))


def balance(received: int, given: int) -> Markup:
    """One bar split into what you got and what you gave."""
    total = received + given
    if not total:
        return Markup('<p class="empty">No help recorded yet.</p>')
    got_w = 600 * received / total
    return Markup(
        f'<svg class="chart balance" viewBox="0 0 620 56" role="img" aria-label="got {received}, gave {given}">'
        f'<rect class="series-0" x="10" y="8" width="{got_w:.1f}" height="24"/>'
        f'<rect class="series-1" x="{10 + got_w:.1f}" y="8" width="{600 - got_w:.1f}" height="24"/>'
        f'<text class="legend" x="10" y="50">got {received}</text>'
        f'<text class="legend" x="610" y="50" text-anchor="end">gave {given}</text></svg>')
