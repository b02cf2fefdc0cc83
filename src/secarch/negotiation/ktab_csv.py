"""Read scenario files in the CSV layout of KAPSARC's KTAB Spatial Model of Politics.

Layout (KTAB ``SMPModel::csvRead``; KAPSARC, *KTAB*, MIT licence, 2015–2017):

- row 1: ``scenario name, description, number of actors, number of dimensions`` (extra empty fields allowed);
- row 2: a header ``Actor, Description, Power, Pos_1, Sal_1, …, Pos_D, Sal_D`` (the dimension names are
  taken from the position columns);
- one row per actor: ``name, description, power, pos_1, sal_1, …``, positions and saliences on 0–100, the
  saliences of one actor summing to at most 100.

Positions stay on their 0–100 scale in the :class:`~secarch.negotiation.spec.NegotiationSpec`; saliences
are divided by 100, as KTAB does. Every malformed file raises :class:`~secarch.errors.InputError` with
the line, column and field.

Example:
    >>> text = "S,demo,2,1\\nActor,Desc,Power,P,S\\nA,a,10,20,50\\nB,b,5,80,40\\n"
    >>> spec = parse_ktab_csv(text)
    >>> spec.actors, spec.position[:, 0].tolist(), spec.salience[:, 0].tolist()
    (('A', 'B'), [20.0, 80.0], [0.5, 0.4])
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from secarch.errors import InputError
from secarch.negotiation.spec import NegotiationSpec

MAX_ACTORS = 1000  # KTAB's own ceiling on the number of actors (Model::maxNumActor is of this order)


@dataclass(frozen=True)
class _Cell:
    text: str
    line: int
    column: int


def _split_line(line: str, number: int) -> list[_Cell]:
    """Split one CSV line on commas, honouring double quotes, and keep each field's column (1-based)."""
    cells: list[_Cell] = []
    buffer: list[str] = []
    start = 0
    quoted = False
    for offset, char in enumerate(line):
        if char == '"':
            quoted = not quoted
            continue
        if char == "," and not quoted:
            cells.append(_Cell("".join(buffer).strip(), number, start + 1))
            buffer = []
            start = offset + 1
            continue
        buffer.append(char)
    if quoted:
        raise InputError.single(
            "a double quote is not closed", line=number, column=start + 1, expected='a closing "'
        )
    cells.append(_Cell("".join(buffer).strip(), number, start + 1))
    # KTAB files end rows with a trailing comma; empty trailing fields carry nothing
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def _number(cell: _Cell, field: str, source: str | None, *, integer: bool = False) -> float:
    try:
        value = float(cell.text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or (integer and (value != int(value) or value < 0)):
        raise InputError.single(
            f"{cell.text!r} is not {'a whole number' if integer else 'a number'}",
            file=source,
            line=cell.line,
            column=cell.column,
            field=field,
            expected="a non-negative whole number" if integer else "a finite number",
        )
    return value


def read_ktab_csv(path: str | Path) -> NegotiationSpec:
    """Read a KTAB SMP scenario file into a :class:`NegotiationSpec` (see :func:`parse_ktab_csv`)."""
    label = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError.single("file not found", file=label, kind="missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError.single(f"cannot read the file: {error}", file=label) from None
    return parse_ktab_csv(text, source=label)


def parse_ktab_csv(text: str, *, source: str | None = None) -> NegotiationSpec:
    """Parse the text of a KTAB SMP scenario; ``source`` names it in error messages."""
    label = source
    rows = [(number, line) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(rows) < 2:
        raise InputError.single(
            "a KTAB scenario needs a title row, a header row and one row per actor",
            file=label,
            line=1,
            expected="name,description,nActors,nDims / Actor,Desc,Power,Pos1,Sal1,... / one row per actor",
        )

    title = _split_line(rows[0][1], rows[0][0])
    if len(title) < 4:
        raise InputError.single(
            f"the title row has {len(title)} fields",
            file=label,
            line=rows[0][0],
            expected="scenario name, description, number of actors, number of dimensions",
        )
    n_actors = int(_number(title[2], "number of actors", label, integer=True))
    n_dims = int(_number(title[3], "number of dimensions", label, integer=True))
    if not 2 <= n_actors <= MAX_ACTORS:
        raise InputError.single(
            f"{n_actors} actors",
            file=label,
            line=title[2].line,
            column=title[2].column,
            field="number of actors",
            expected=f"from 2 to {MAX_ACTORS}",
        )
    if n_dims < 1:
        raise InputError.single(
            "no dimensions",
            file=label,
            line=title[3].line,
            column=title[3].column,
            field="number of dimensions",
            expected="at least 1",
        )

    header_number, header_line = rows[1]
    header = _split_line(header_line, header_number)
    width = 3 + 2 * n_dims
    if len(header) < width:
        raise InputError.single(
            f"the header has {len(header)} fields but {n_dims} dimension(s) need {width}",
            file=label,
            line=header_number,
            expected="Actor, Description, Power, then a position and a salience column per dimension",
        )
    issues = [header[3 + 2 * k].text or f"dim{k + 1}" for k in range(n_dims)]
    if len(set(issues)) != len(issues):
        issues = [f"{issue} ({k + 1})" for k, issue in enumerate(issues)]

    body = rows[2:]
    if len(body) != n_actors:
        raise InputError.single(
            f"the title row announces {n_actors} actors but the file has {len(body)} actor rows",
            file=label,
            line=title[2].line,
            column=title[2].column,
            field="number of actors",
            expected=f"{len(body)}",
        )
    actors: list[str] = []
    names: list[str] = []
    capability: list[float] = []
    position: list[list[float]] = []
    salience: list[list[float]] = []
    for number, line in body:
        cells = _split_line(line, number)
        if len(cells) < width:
            raise InputError.single(
                f"the row has {len(cells)} fields",
                file=label,
                line=number,
                expected=f"{width} fields: name, description, power, then position and salience per issue",
            )
        actor = cells[0].text
        if not actor:
            raise InputError.single("the actor has no name", file=label, line=number, column=1, field="Actor")
        if actor in actors:
            raise InputError.single(
                f"actor {actor!r} appears twice", file=label, line=number, column=1, field="Actor"
            )
        power = _number(cells[2], "Power", label)
        if power <= 0:
            raise InputError.single(
                f"power {power:g} is not positive",
                file=label,
                line=number,
                column=cells[2].column,
                field="Power",
                expected="a number > 0 (KTAB refuses zero voting weight)",
            )
        pos_row: list[float] = []
        sal_row: list[float] = []
        for k in range(n_dims):
            pos_cell, sal_cell = cells[3 + 2 * k], cells[4 + 2 * k]
            x = _number(pos_cell, f"{issues[k]} position", label)
            s = _number(sal_cell, f"{issues[k]} salience", label)
            for value, cell, what in ((x, pos_cell, "position"), (s, sal_cell, "salience")):
                if not 0.0 <= value <= 100.0:
                    raise InputError.single(
                        f"{what} {value:g} is out of range",
                        file=label,
                        line=number,
                        column=cell.column,
                        field=f"{issues[k]} {what}",
                        expected="a number from 0 to 100",
                    )
            pos_row.append(x)
            sal_row.append(s)
        if sum(sal_row) > 100.0:
            raise InputError.single(
                f"the saliences of {actor!r} sum to {sum(sal_row):g}",
                file=label,
                line=number,
                field="salience",
                expected="a total of at most 100 (no more than all of an actor's attention)",
            )
        if sum(sal_row) <= 0.0:
            raise InputError.single(
                f"actor {actor!r} has zero salience on every dimension",
                file=label,
                line=number,
                field="salience",
                expected="a positive salience on at least one dimension",
            )
        actors.append(actor)
        names.append(cells[1].text or actor)
        capability.append(power)
        position.append(pos_row)
        salience.append([s / 100.0 for s in sal_row])

    return NegotiationSpec.from_arrays(
        actors,
        issues,
        capability,
        position,
        salience,
        name=title[0].text or "KTAB scenario",
        description=title[1].text,
        actor_names=names,
    )
