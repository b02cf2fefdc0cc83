"""Plot a negotiation's trajectories: a panel per issue, a line per actor (matplotlib, imported lazily)."""

from __future__ import annotations

from pathlib import Path

from secarch.errors import InputError
from secarch.negotiation.result import NegotiationResult


def plot_trajectories(result: NegotiationResult, path: str | Path) -> Path:
    """Write a PNG with every actor's position over the steps on each issue, the outcome dashed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - matplotlib is in the 'plot' extra
        raise InputError.single(
            "plotting needs matplotlib", field="--plot", hint="pip install 'secarch[plot]'"
        ) from None
    spec = result.spec
    d = spec.n_issues
    columns = min(d, 3)
    rows = (d + columns - 1) // columns
    figure, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 3.8 * rows), squeeze=False)
    steps = range(result.trajectory.shape[0])
    colours = plt.get_cmap("tab20")
    for k, issue in enumerate(spec.issues):
        ax = axes[k // columns][k % columns]
        for i, actor in enumerate(spec.actors):
            ax.plot(steps, result.trajectory[:, i, k], color=colours(i % 20), lw=1.2, label=actor, marker=".")
        ax.axhline(result.outcome[k], color="black", ls="--", lw=1)
        ax.set_title(issue, fontsize=10)
        ax.set_ylim(spec.scale[k, 0], spec.scale[k, 1])
        ax.set_xlabel("step")
    for k in range(d, rows * columns):
        axes[k // columns][k % columns].axis("off")
    handles, labels = axes[0][0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="center right", fontsize=7, frameon=False)
    figure.suptitle(f"{spec.name} — {result.model.upper()} ({result.steps} steps)", fontsize=11)
    figure.tight_layout(rect=(0, 0, 0.88, 0.96))
    out = Path(path)
    try:
        figure.savefig(out, dpi=120)
    except OSError as error:
        raise InputError.single(f"cannot write the plot: {error}", file=str(out), field="--plot") from None
    finally:
        plt.close(figure)
    return out
