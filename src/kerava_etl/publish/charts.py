"""Charts for the web page, drawn at build time as SVG text: no library, no randomness.

Each function returns one ``<svg>`` element as a string; the same counts give the same
bytes. Text is escaped here. Sizes are in CSS pixels; the page's stylesheet lets a bar
chart shrink to a narrow screen and a heatmap scroll sideways.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

FONT_SIZE = 13
CHAR_WIDTH = 7.2  # an average character at FONT_SIZE, for laying out labels
BAR_COLOUR = "#2a6bb5"
# The heatmap's scale: a light and a dark blue, mixed in proportion to the count.
LIGHT, DARK = (0xE8, 0xF0, 0xFA), (0x0B, 0x3C, 0x7D)
EMPTY_CELL = "#f4f5f7"
LABEL_LIMIT = 50  # characters of a label shown in full; longer ones end in "…"


def _svg(chart_id: str, title: str, width: float, height: float, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(chart_id)}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title" width="{width:g}" '
        f'height="{height:g}" viewBox="0 0 {width:g} {height:g}" font-size="{FONT_SIZE}">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _shortened(label: str) -> str:
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


def bar_chart(chart_id: str, title: str, bars: Sequence[tuple[str, int]]) -> str:
    """Horizontal bars, one per ``(label, count)`` in the order given, the label above its
    bar and the count after it; ``title`` is the chart's accessible name."""
    width, row_height, bar_height = 380, 40, 16
    largest = max((count for _, count in bars), default=0) or 1
    usable = width - 48  # room for the count after the longest bar
    body: list[str] = []
    for index, (label, count) in enumerate(bars):
        top = index * row_height
        length = max(round(usable * count / largest, 1), 1 if count else 0)
        body.append(
            f"<g><title>{escape(label)}: {count}</title>"
            f'<text x="0" y="{top + 14}">{escape(_shortened(label))}</text>'
            f'<rect x="0" y="{top + 20}" width="{length:g}" height="{bar_height}" rx="2" '
            f'fill="{BAR_COLOUR}"/>'
            f'<text x="{length + 6:g}" y="{top + 33}" class="count">{count}</text></g>'
        )
    return _svg(chart_id, title, width, max(len(bars), 1) * row_height + 4, body)


def _mix(share: float) -> str:
    """The heatmap colour for ``share`` (0..1) of the largest count."""
    red, green, blue = (round(lo + (hi - lo) * share) for lo, hi in zip(LIGHT, DARK, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def _wrapped(label: str, limit: int) -> list[str]:
    """``label`` in lines of at most ``limit`` characters, broken between words."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def heatmap(
    chart_id: str,
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Mapping[tuple[str, str], int],
) -> str:
    """A grid of counts: ``rows`` down the left, ``columns`` across the top, each cell
    shaded by its count (an empty cell is grey and blank); each cell has a tooltip.
    For a wide screen (see :func:`compact_heatmap` for a narrow one)."""
    cell_width, cell_height, limit = 112, 34, 13
    left = round(min(max((len(row) for row in rows), default=10), 40) * CHAR_WIDTH) + 12
    headers = [_wrapped(column, limit) for column in columns]
    top = max((len(lines) for lines in headers), default=1) * 16 + 10
    largest = max(counts.values(), default=0) or 1
    body = [
        _column_header(left + i * cell_width + cell_width / 2, top, lines)
        for i, lines in enumerate(headers)
    ]
    for r, row in enumerate(rows):
        y = top + r * cell_height
        body.append(
            f'<text x="{left - 10}" y="{y + cell_height / 2 + 4:g}" text-anchor="end">'
            f"{escape(_shortened(row))}</text>"
        )
        for c, column in enumerate(columns):
            count = counts.get((row, column), 0)
            body.append(
                _cell(
                    left + c * cell_width,
                    y,
                    (cell_width, cell_height),
                    count,
                    count / largest,
                    f"{row} – {column}: {count}",
                )
            )
    return _svg(
        chart_id,
        title,
        left + len(columns) * cell_width + 2,
        top + len(rows) * cell_height + 2,
        body,
    )


def _column_header(centre: float, bottom: int, lines: list[str]) -> str:
    first = bottom - 8 - (len(lines) - 1) * 16
    spans = "".join(
        f'<tspan x="{centre:g}" y="{first + i * 16}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text text-anchor="middle" class="head" font-size="12">{spans}</text>'


def _cell(x: float, y: float, size: tuple[int, int], count: int, share: float, tip: str) -> str:
    width, height = size
    fill = _mix(share) if count else EMPTY_CELL
    text = ""
    if count:
        ink = ' class="on-dark" fill="#ffffff"' if share > 0.45 else ""
        text = (
            f'<text x="{x + width / 2:g}" y="{y + height / 2 + 4:g}" text-anchor="middle"'
            f"{ink}>{count}</text>"
        )
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<rect x="{x + 1:g}" y="{y + 1:g}" width="{width - 2}" height="{height - 2}" '
        f'fill="{fill}"/>{text}</g>'
    )


def compact_heatmap(
    chart_id: str,
    title: str,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Mapping[tuple[str, str], int],
) -> str:
    """The heatmap for a narrow screen: each row's label above its cells, the column
    labels turned upright, so the grid is as wide as the cells alone."""
    width, row_height, cell_height = 360, 52, 28
    cell_width = width / max(len(columns), 1)
    top = round(min(max((len(c) for c in columns), default=10), 32) * 7.6) + 12
    largest = max(counts.values(), default=0) or 1
    body = [
        f'<text transform="translate({i * cell_width + cell_width / 2 + 4:g} {top - 8}) '
        f'rotate(-90)" class="head" font-size="12">{escape(_shortened(column))}</text>'
        for i, column in enumerate(columns)
    ]
    for r, row in enumerate(rows):
        y = top + r * row_height
        body.append(f'<text x="0" y="{y + 15}">{escape(_shortened(row))}</text>')
        for c, column in enumerate(columns):
            count = counts.get((row, column), 0)
            body.append(
                _cell(
                    c * cell_width,
                    y + 20,
                    (round(cell_width), cell_height),
                    count,
                    count / largest,
                    f"{row} – {column}: {count}",
                )
            )
    return _svg(chart_id, title, width, top + len(rows) * row_height + 2, body)
