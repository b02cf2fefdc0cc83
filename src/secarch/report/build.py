"""Build the JSON report: load architectures, run every section on each, and record what differs.

The report is a plain dict (``format: secarch-report``) that :func:`secarch.report.render_html` and
:func:`secarch.report.render_markdown` render; its layout is documented in docs/report.md.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threadpoolctl import threadpool_limits

from secarch.errors import InputError
from secarch.report.options import ReportOptions
from secarch.report.parameters import validate_parameters
from secarch.report.registry import COMPUTE_ORDER, DISPLAY_ORDER, sections
from secarch.report.subject import Subject

if TYPE_CHECKING:
    from secarch.model import Architecture

__all__ = ["FORMAT", "FORMAT_VERSION", "build_report", "load_subjects"]

FORMAT = "secarch-report"
FORMAT_VERSION = 1

Progress = Callable[[str], None]


def load_subjects(sources: Sequence[str | Path | Architecture], options: ReportOptions) -> list[Subject]:
    """Load each architecture (file, bundled name, or object) and resolve the date to assess."""
    from secarch.model import Architecture
    from secarch.spec import load_architecture

    subjects = []
    for source in sources:
        if isinstance(source, Architecture):
            arch, label = source, source.name
        else:
            arch, label = load_architecture(source), str(source)
        subjects.append(Subject(arch, label, arch.resolve_date(options.year), options))
    names = [s.name for s in subjects]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError.single(
            f"architecture {duplicates[0]!r} is given more than once",
            field="ARCHITECTURES",
            expected="architectures with different names",
            hint="a comparison needs distinct architectures; copy the file and change its `name`",
        )
    return subjects


def build_report(
    sources: Sequence[str | Path | Architecture],
    options: ReportOptions | None = None,
    *,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The JSON report of one architecture (an assessment) or several (a comparison, the first being the
    baseline that differences are stated against).

    >>> report = build_report(["example"], ReportOptions(sections=("structures",)))
    >>> report["kind"], [s["id"] for s in report["sections"]]
    ('assessment', ['structures'])
    """
    options = options or ReportOptions()
    if not sources:
        raise InputError.single("no architecture given", field="ARCHITECTURES", expected="one or more")
    registry = sections()
    wanted = _wanted(options, list(registry))
    # Every section parameter is checked (group, name, type and range) before anything is loaded or run.
    checked = validate_parameters(options.parameters, registry, known=COMPUTE_ORDER)
    options = dataclasses.replace(options, parameters=checked)
    subjects = load_subjects(sources, options)
    for subject in subjects:
        subject.sections = frozenset(wanted)
    names = [s.name for s in subjects]
    results: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in names}
    entries: dict[str, dict[str, Any]] = {}
    # The matrices are small (a few hundred states): extra BLAS threads only add contention on a busy
    # machine (as measured for the metrics), and one thread gives the same numbers on every machine size.
    with threadpool_limits(limits=1, user_api="blas"):
        for section in registry.values():
            if section.id not in wanted:
                continue
            for subject in subjects:
                if progress is not None:
                    progress(f"{section.title}: {subject.name}")
                results[subject.name][section.id] = section.compute(subject, results[subject.name])
            per_arch = [results[name][section.id] for name in names]
            differences = section.compare(names, per_arch) if section.compare and len(names) > 1 else None
            for result in per_arch:  # private keys: engine objects for the comparison, not report data
                for key in [k for k in result if k.startswith("_")]:
                    del result[key]
            entries[section.id] = {
                "id": section.id,
                "title": section.title,
                "engine": section.engine,
                "by_architecture": dict(zip(names, per_arch, strict=True)),
                "differences": differences,
            }
    ordered = [entries[i] for i in DISPLAY_ORDER if i in entries]
    ordered += [entry for i, entry in entries.items() if i not in DISPLAY_ORDER]
    kind = "assessment" if len(subjects) == 1 else "comparison"
    title = (
        f"Assessment: {subjects[0].architecture.title}"
        if kind == "assessment"
        else "Comparison: " + " · ".join(s.architecture.title for s in subjects)
    )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": kind,
        "title": title,
        "seed": options.seed,
        "options": options.as_dict(),
        "architectures": [_describe_subject(s) for s in subjects],
        "sections": ordered,
    }


def _wanted(options: ReportOptions, available: list[str]) -> set[str]:
    if options.sections is None:
        return set(available)
    unknown = [s for s in options.sections if s not in available]
    if unknown:
        close = difflib.get_close_matches(unknown[0], available, n=1)
        raise InputError.single(
            f"unknown report section {unknown[0]!r}",
            field="--section",
            expected="one of " + ", ".join(available),
            hint=f"did you mean {close[0]}?" if close else None,
        )
    return set(options.sections)


def _describe_subject(subject: Subject) -> dict[str, Any]:
    arch = subject.architecture
    return {
        "name": arch.name,
        "title": arch.title,
        "description": arch.description,
        "source": subject.source,
        "date": subject.date.isoformat(),
        "reference_date": arch.date.isoformat(),
        "period": {"start": arch.period.start.isoformat(), "end": arch.period.end.isoformat()},
        "region": {"name": arch.region.name, "states": list(arch.region.states), "note": arch.region.note},
        "participants": list(arch.participants),
    }
