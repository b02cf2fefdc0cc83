"""Bar chart of a what-if result: every state's change in security (matplotlib, imported on use)."""

from __future__ import annotations

from pathlib import Path

from secarch.errors import InputError
from secarch.security.whatif import WhatIfResult


def plot_changes(result: WhatIfResult, path: str | Path, title: str | None = None) -> Path:
    """Write a horizontal bar chart of every state's change in security to ``path`` (PNG, SVG or PDF by
    suffix): losses in one colour, gains in another, largest loss at the top."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise InputError.single(
            "the plot needs matplotlib, which is not installed",
            field="--plot",
            expected="matplotlib",
            hint="pip install 'secarch[plot]'",
        ) from None
    import numpy as np

    out = Path(path)
    if out.suffix.lower() not in {".png", ".svg", ".pdf"}:
        raise InputError.single(
            f"cannot write a plot to {out.name}",
            field="--plot",
            expected="a file ending in .png, .svg or .pdf",
        )
    delta = result.delta
    order = np.lexsort((np.array(result.states), -delta))  # largest loss last, drawn at the top
    states = [result.states[k] for k in order]
    values = delta[order]
    height = max(3.0, 0.22 * len(states) + 1.2)
    fig, ax = plt.subplots(figsize=(7.0, height))
    colours = ["#b2182b" if v < 0 else "#2166ac" for v in values]
    ax.barh(states, values, color=colours)
    ax.axvline(0.0, color="black", linewidth=0.8)
    ax.set_xlabel("change in security (after − before)")
    ax.set_title(title or f"{result.change} ({result.year})", fontsize=10)
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    try:
        fig.savefig(out, dpi=150)
    except OSError as error:
        raise InputError.single(f"cannot write {out}: {error.strerror}", file=out) from None
    finally:
        plt.close(fig)
    return out
