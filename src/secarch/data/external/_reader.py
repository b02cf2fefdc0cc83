"""A small, strict reader for the published CSV layouts of the original datasets.

Each dataset is described by a :class:`TableSpec` (its columns, their types, accepted alternative names,
missing-value codes and bounds). :func:`read_table` reads a ``.csv`` or ``.csv.gz`` file with pandas (all
fields as text, so that nothing is silently coerced), finds the columns case-insensitively, converts them,
and raises :class:`secarch.errors.InputError` naming the file, the line and the column whenever the file is
not what the spec says. Integer columns come back as ``int64`` (or the nullable ``Int64`` where the spec
allows missing values), so codes never turn into floats.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from secarch.errors import InputError, Location, Problem

Kind = Literal["int", "float", "str", "date", "code_list"]


@dataclass(frozen=True)
class Column:
    """One column of a published layout.

    ``aliases`` are other names under which the same column appears in other releases or copies;
    ``missing`` lists sentinel codes read as missing (CoW uses -9); ``labels`` maps text labels to the
    integer codes of the published release (UCDP's ``territory`` → 1); ``bounds`` is the inclusive range
    of valid values (after the sentinels are removed).
    """

    name: str
    kind: Kind
    required: bool = True
    nullable: bool = False
    aliases: tuple[str, ...] = ()
    missing: tuple[float, ...] = ()
    labels: Mapping[str, int] = field(default_factory=dict)
    bounds: tuple[float, float] | None = None
    description: str = ""


@dataclass(frozen=True)
class TableSpec:
    """The published layout of one dataset file."""

    dataset: str
    description: str
    columns: tuple[Column, ...]
    hint: str = ""

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def _open_text(path: Path, encoding: str) -> io.TextIOBase:
    if path.name.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding=encoding, newline="")
    return path.open(encoding=encoding, newline="")


def _records_with_lines(path: Path, encoding: str) -> Iterator[int]:
    """Yield the physical line number on which each non-blank data record (after the header) ends."""
    with _open_text(path, encoding) as handle:
        reader = csv.reader(handle)
        header_seen = False
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if not header_seen:
                header_seen = True
                continue
            yield reader.line_num


def _line_of(path: Path, encoding: str, record_index: int) -> int | None:
    """Physical line of data record ``record_index`` (0-based, as pandas counts), or None if unknown."""
    try:
        for index, line in enumerate(_records_with_lines(path, encoding)):
            if index == record_index:
                return line
    except (csv.Error, OSError, UnicodeDecodeError, EOFError, zlib.error):
        return None
    return None


def _read_raw(path: Path, spec: TableSpec) -> tuple[pd.DataFrame, str]:
    """Read every field as text. Returns the frame and the encoding that worked."""
    if not path.exists():
        raise InputError.single(
            f"{spec.description}: file not found",
            file=path,
            kind="missing",
            hint="give the path of your copy of the dataset (.csv or .csv.gz)",
        )
    if not path.is_file():
        raise InputError.single(
            f"{spec.description}: not a file", file=path, hint="give a .csv or .csv.gz file"
        )
    last_error: Exception | None = None
    for encoding in ("utf-8-sig", "latin-1"):
        try:
            frame = pd.read_csv(
                path,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                encoding=encoding,
                compression="gzip" if path.name.endswith(".gz") else None,
                skipinitialspace=True,
                engine="c",
            )
            return frame, encoding
        except UnicodeDecodeError as error:
            last_error = error
            continue
        except pd.errors.EmptyDataError:
            raise InputError.single(
                f"{spec.description}: the file is empty",
                file=path,
                expected="a CSV header line and data rows",
            ) from None
        except pd.errors.ParserError as error:
            match = re.search(r"line (\d+)", str(error))
            line = int(match.group(1)) if match else None
            raise InputError.single(
                f"{spec.description}: not a well-formed CSV file ({_first_line(error)})",
                file=path,
                line=line,
                expected="comma-separated values with the same number of fields on every line",
            ) from None
        except (OSError, EOFError, zlib.error) as error:
            raise InputError.single(
                f"{spec.description}: cannot read the file ({error})",
                file=path,
                hint="a .gz file must be gzip-compressed CSV; other files must be plain CSV",
            ) from None
        except (ValueError, csv.Error) as error:
            raise InputError.single(
                f"{spec.description}: not a readable CSV file ({_first_line(error)})", file=path
            ) from None
    raise InputError.single(f"{spec.description}: cannot decode the file ({last_error})", file=path)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def _resolve_columns(frame: pd.DataFrame, path: Path, spec: TableSpec) -> dict[str, str]:
    """Map each spec column to the file's column name (case-insensitive, aliases allowed)."""
    by_lower: dict[str, str] = {}
    for name in frame.columns:
        by_lower.setdefault(str(name).strip().lower(), str(name))
    found: dict[str, str] = {}
    problems: list[Problem] = []
    for col in spec.columns:
        for candidate in (col.name, *col.aliases):
            if candidate.lower() in by_lower:
                found[col.name] = by_lower[candidate.lower()]
                break
        else:
            if col.required:
                names = " or ".join(repr(n) for n in (col.name, *col.aliases))
                present = ", ".join(str(c) for c in frame.columns[:30])
                problems.append(
                    Problem(
                        f"{spec.description}: missing column {col.name!r}",
                        Location(str(path), 1, None, col.name),
                        expected=f"a column named {names}"
                        + (f" ({col.description})" if col.description else ""),
                        hint=(spec.hint + " " if spec.hint else "") + f"columns found: {present}",
                    )
                )
    if problems:
        raise InputError(problems)
    return found


def _bad(
    path: Path, encoding: str, spec: TableSpec, col: Column, record: int, value: str, expected: str
) -> InputError:
    line = _line_of(path, encoding, record)
    return InputError.single(
        f"{spec.description}: bad value {value[:60]!r} in column {col.name!r}",
        file=path,
        line=line,
        field=col.name,
        expected=expected,
        hint=spec.hint or None,
    )


def _first_true(mask: np.ndarray) -> int:
    return int(np.flatnonzero(mask)[0])


def parse_floats(text: pd.Series) -> np.ndarray:
    """Decimal numbers written as text (missing values as None) → float64, NaN where a value is not a number.

    A column that Arrow's strict parser reads whole (correctly rounded; no blanks, separators or non-ASCII
    digits) is parsed by it, about twenty times faster than by ``pd.to_numeric``, which reads the same
    values to the same doubles (checked on every numeric column of ../shared/data). Any other column, or
    where pyarrow is not installed, goes to ``pd.to_numeric``, which marks what it cannot read as NaN.

    >>> parse_floats(pd.Series(["1.5", None, "2e3"])).tolist()
    [1.5, nan, 2000.0]
    >>> parse_floats(pd.Series(["1.5", "x"])).tolist()
    [1.5, nan]
    """
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is optional
        pa = None
    if pa is not None:
        try:
            parsed = pc.cast(pa.array(text, type=pa.string(), from_pandas=True), pa.float64())
            return np.asarray(parsed.to_numpy(zero_copy_only=False), dtype=float)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            pass
    return np.asarray(pd.to_numeric(text, errors="coerce"), dtype=float)


def _convert_numeric(
    raw: pd.Series, path: Path, encoding: str, spec: TableSpec, col: Column
) -> tuple[np.ndarray, np.ndarray]:
    """Parse a text column into float values and a missing mask, checking emptiness, labels and sentinels."""
    text = raw.str.strip()
    empty = (text == "") | text.str.upper().isin(["NA", "NAN", "."])
    if col.labels:
        lowered = text.str.lower()
        mapped = lowered.map({k.lower(): str(v) for k, v in col.labels.items()})
        text = mapped.where(mapped.notna(), text)
    values = parse_floats(text.where(~empty, None))
    bad = ~empty.to_numpy() & ~np.isfinite(values)
    if bad.any():
        i = _first_true(bad)
        labels = f" or one of {', '.join(col.labels)}" if col.labels else ""
        raise _bad(path, encoding, spec, col, i, str(raw.iloc[i]), f"a number{labels}")
    missing = empty.to_numpy().copy()
    for code in col.missing:
        missing |= values == code
    if not col.nullable and missing.any():
        i = _first_true(missing)
        raise _bad(path, encoding, spec, col, i, str(raw.iloc[i]), "a value (this column may not be missing)")
    if col.bounds is not None:
        low, high = col.bounds
        out = ~missing & ((values < low) | (values > high))
        if out.any():
            i = _first_true(out)
            raise _bad(
                path, encoding, spec, col, i, str(raw.iloc[i]), f"a value between {low:g} and {high:g}"
            )
    return values, missing


def _convert(raw: pd.Series, path: Path, encoding: str, spec: TableSpec, col: Column) -> pd.Series:
    if col.kind in ("int", "float"):
        values, missing = _convert_numeric(raw, path, encoding, spec, col)
        if col.kind == "float":
            return pd.Series(np.where(missing, np.nan, values), index=raw.index, dtype="float64")
        fractional = ~missing & (values != np.round(values))
        if fractional.any():
            i = _first_true(fractional)
            raise _bad(path, encoding, spec, col, i, str(raw.iloc[i]), "a whole number (a code or a count)")
        too_big = ~missing & (np.abs(values) > 2**53)
        if too_big.any():
            i = _first_true(too_big)
            raise _bad(path, encoding, spec, col, i, str(raw.iloc[i]), "a whole number of reasonable size")
        ints = np.where(missing, 0, values).astype(np.int64)
        if col.nullable:
            return pd.Series(pd.arrays.IntegerArray(ints, missing), index=raw.index)
        return pd.Series(ints, index=raw.index, dtype="int64")
    if col.kind == "date":
        text = raw.str.strip()
        empty = (text == "") | text.str.upper().isin(["NA", "NAN"])
        parsed = pd.to_datetime(text.where(~empty, None), format="%Y-%m-%d", errors="coerce")
        bad = ~empty.to_numpy() & parsed.isna().to_numpy()
        if bad.any():
            i = _first_true(bad)
            raise _bad(path, encoding, spec, col, i, str(raw.iloc[i]), "a date written YYYY-MM-DD")
        if not col.nullable and empty.any():
            i = _first_true(empty.to_numpy())
            raise _bad(
                path, encoding, spec, col, i, str(raw.iloc[i]), "a date (this column may not be missing)"
            )
        return pd.Series(parsed, index=raw.index)
    if col.kind == "code_list":
        return _convert_code_list(raw, path, encoding, spec, col)
    text = raw.str.strip()
    empty = text == ""
    if not col.nullable and empty.any():
        i = _first_true(empty.to_numpy())
        raise _bad(path, encoding, spec, col, i, str(raw.iloc[i]), "a non-empty text")
    return text.where(~empty, None).astype("string")


def _convert_code_list(raw: pd.Series, path: Path, encoding: str, spec: TableSpec, col: Column) -> pd.Series:
    """Comma-separated integer codes (UCDP's ``gwno_a``: "2, 200") → tuple of ints per row."""
    out: list[tuple[int, ...]] = []
    for i, cell in enumerate(raw.tolist()):
        parts = [p.strip() for p in str(cell).split(",") if p.strip()]
        codes: list[int] = []
        for part in parts:
            try:
                number = float(part)
            except ValueError:
                raise _bad(
                    path, encoding, spec, col, i, str(cell), "integer codes separated by commas"
                ) from None
            if not np.isfinite(number) or number != round(number) or abs(number) > 2**31:
                raise _bad(path, encoding, spec, col, i, str(cell), "integer codes separated by commas")
            codes.append(int(number))
        if not codes and not col.nullable:
            raise _bad(path, encoding, spec, col, i, str(cell), "at least one code")
        out.append(tuple(codes))
    return pd.Series(out, index=raw.index, dtype=object)


def read_table(path: str | Path, spec: TableSpec, *, keep_extra: bool = False) -> pd.DataFrame:
    """Read ``path`` according to ``spec``.

    Returns the spec's columns under their canonical names, in spec order (optional columns only when
    present), plus, with ``keep_extra``, every other column of the file as text. Raises
    :class:`~secarch.errors.InputError` with file, line and column for anything that does not fit.
    """
    path = Path(path)
    frame, encoding = _read_raw(path, spec)
    found = _resolve_columns(frame, path, spec)
    out: dict[str, pd.Series] = {}
    for col in spec.columns:
        if col.name in found:
            out[col.name] = _convert(frame[found[col.name]], path, encoding, spec, col)
    result = pd.DataFrame(out, index=pd.RangeIndex(len(frame)))
    if keep_extra:
        used = set(found.values())
        for name in frame.columns:
            if name not in used and str(name) not in result.columns:
                result[str(name)] = frame[name].astype("string")
    return result
