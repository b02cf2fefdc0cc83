"""Small helpers to write the report's HTML and Markdown: escaping, tables, numbers, colours."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "CATEGORICAL",
    "arch_names",
    "badge",
    "by_arch",
    "changed_classes",
    "compared_html",
    "details",
    "esc",
    "fmt",
    "md_escape",
    "md_table",
    "sequential_colour",
    "table",
]

CATEGORICAL: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#F0E442",
    "#8C564B",
    "#17BECF",
    "#7F7F7F",
)
"""Okabe & Ito's colour-blind-safe palette (2008), extended by two hues; grey last (maps keep grey for
"none")."""

# Viridis (van der Walt & Smith, matplotlib 2015) sampled at 0, 0.25, 0.5, 0.75, 1.
_VIRIDIS = ((68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37))


def esc(value: Any) -> str:
    """HTML-escape any value's text."""
    return html.escape(str(value), quote=True)


def fmt(value: Any, digits: int = 3) -> str:
    """A number for people: fixed decimals for fractions, thousands separators for counts; '—' for none.

    >>> fmt(0.123456), fmt(1234567), fmt(None), fmt(float("nan"))
    ('0.123', '1,234,567', '—', '—')
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        return f"{value:,.{digits}f}"
    return str(value)


def sequential_colour(value: float | None, low: float = 0.0, high: float = 1.0) -> str:
    """Viridis colour of ``value`` on [low, high] (grey for none).

    >>> sequential_colour(0.0), sequential_colour(1.0), sequential_colour(None)
    ('#440154', '#fde725', '#d9d9d9')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "#d9d9d9"
    t = 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)
    position = t * (len(_VIRIDIS) - 1)
    k = min(int(position), len(_VIRIDIS) - 2)
    frac = position - k
    rgb = [round(a + (b - a) * frac) for a, b in zip(_VIRIDIS[k], _VIRIDIS[k + 1], strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def badge(severity: str) -> str:
    return f'<span class="sev sev-{esc(severity)}">{esc(severity)}</span>'


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    cls: str = "",
    raw: bool = False,
    row_classes: Sequence[str] | None = None,
) -> str:
    """An HTML table; cells are escaped unless ``raw`` (then they are HTML already)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for k, row in enumerate(rows):
        cells = "".join(f"<td>{c if raw else esc(fmt(c))}</td>" for c in row)
        row_cls = row_classes[k] if row_classes is not None and k < len(row_classes) else ""
        body.append(f'<tr class="{row_cls}">{cells}</tr>' if row_cls else f"<tr>{cells}</tr>")
    klass = f' class="{esc(cls)}"' if cls else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def md_escape(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def md_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(md_escape(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(md_escape(fmt(c)) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def arch_names(report: Mapping[str, Any]) -> list[str]:
    return [a["name"] for a in report["architectures"]]


def by_arch(entry: Mapping[str, Any]) -> Mapping[str, Any]:
    result: Mapping[str, Any] = entry["by_architecture"]
    return result


def changed_classes(items: Iterable[Mapping[str, Any]]) -> list[str]:
    """The ``row_classes`` of a comparison table: ``changed`` for the items that differ from the baseline."""
    return ["changed" if item["changed"] else "" for item in items]


def details(results: Mapping[str, Any], render: Callable[[Any], str], label: str = "Details") -> str:
    """Each architecture's result collapsed in a ``<details>`` block titled ``label: name``."""
    return "".join(
        f"<details><summary>{esc(label)}: {esc(name)}</summary>{render(result)}</details>"
        for name, result in results.items()
    )


def compared_html(
    entry: Mapping[str, Any],
    note: str,
    one: Callable[[Any], str],
    comparison: Callable[[Mapping[str, Any], list[str]], list[str]],
) -> str:
    """The HTML of a section with a note: for one architecture, ``one(result)``; for several, the parts
    ``comparison(differences, names)`` returns, then each architecture's ``one`` collapsed
    (:func:`details`)."""
    results = by_arch(entry)
    head = f'<p class="note">{esc(note)}</p>'
    diff = entry.get("differences")
    if not diff:
        (result,) = results.values()
        return head + one(result)
    return head + "".join(comparison(diff, list(results))) + details(results, one)
