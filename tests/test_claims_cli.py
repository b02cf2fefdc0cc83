"""`secarch claims`: output formats, standard input, the patch file, and errors as exit code 2.

Oracle: the ledger API (the CLI prints what `read_statement` returns) and the CLI conventions of
docs/dev.md (exit 2 on bad input, no traceback)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from clikit import run_cli
from secarch.spec import bundled_path, load_architecture

TEXT = "Kazakhstan joined the SCO in 2001. The CSTO now has six members. Iran should join the SCO."


@pytest.fixture
def statement(tmp_path: Path) -> Path:
    path = tmp_path / "statement.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json(capsys: pytest.CaptureFixture[str], statement: Path) -> None:
    code, out, _ = run_cli(capsys, "claims", str(statement), "--architecture", "example", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["statement"]["name"] == "statement.txt"
    assert data["summary"]["supported"] == 1 and data["summary"]["contradicted"] == 1
    assert [c["evaluation"]["verdict"] for c in data["claims"]] == ["supported", "contradicted"]
    assert data["claims"][1]["evaluation"]["data_says"].startswith("The data gives 4 members of CSTO")
    assert "checks only the claims" in data["scope"]
    assert data["entities"][0] == {
        "text": "Kazakhstan", "start": 0, "end": 10, "kind": "state", "code": "KAZ", "name": "Kazakhstan",
        "via": "name", "candidates": [], "note": None,
    }  # fmt: skip


def test_markdown_and_text(capsys: pytest.CaptureFixture[str], statement: Path) -> None:
    code, out, _ = run_cli(capsys, "claims", str(statement), "-a", "example", "--md")
    assert code == 0 and out.startswith("# Claims ledger: statement.txt") and "### C2 — contradicted" in out
    code, out, _ = run_cli(capsys, "claims", str(statement), "-a", "example")
    assert code == 0 and "C1 [supported by the data]" in out


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    code, out, _ = run_cli(capsys, "claims", "-", "-a", "example", "--json")
    assert code == 0 and json.loads(out)["statement"]["name"] == "<stdin>"


@pytest.mark.skipif(
    bundled_path("history") is None, reason="the bundled history architecture is not there yet"
)
def test_the_audit_example_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`echo "NATO now has 32 members, compared with 16 in 1998." | secarch claims -` against history: two
    counts, each on its own date, both supported. Oracle: nato.int (16 members in 1998, 32 since
    7 Mar 2024)."""
    text = "NATO now has 32 members, compared with 16 in 1998.\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, out, _ = run_cli(capsys, "claims", "-", "--json")
    claims = json.loads(out)["claims"]
    assert code == 0
    assert [(c["text"], c["asserts"], c["evaluation"]["verdict"]) for c in claims] == [
        ("NATO now has 32 members", "NATO has 32 members on the statement's date (read as 2025-06-30).",
         "supported"),
        ("compared with 16 in 1998", "NATO had 16 members in 1998.", "supported"),
    ]  # fmt: skip


def test_as_of(capsys: pytest.CaptureFixture[str], statement: Path) -> None:
    code, out, _ = run_cli(
        capsys, "claims", str(statement), "-a", "example", "--as-of", "2021-05-01", "--json"
    )
    assert code == 0 and json.loads(out)["data"]["as_of"] == "2021-05-01"
    code, _, err = run_cli(capsys, "claims", str(statement), "-a", "example", "--as-of", "1990")
    assert code == 2 and "outside the period" in err


def test_patch_out(capsys: pytest.CaptureFixture[str], statement: Path, tmp_path: Path) -> None:
    target = tmp_path / "edits.yaml"
    code, _, _ = run_cli(capsys, "claims", str(statement), "-a", "example", "--patch-out", str(target))
    assert code == 0
    arch = load_architecture(target)
    assert "IRN" in arch.at(arch.date).members("SCO")


def test_patch_out_does_not_replace_a_file_without_force(
    capsys: pytest.CaptureFixture[str], statement: Path, tmp_path: Path
) -> None:
    """Oracle: the CLI conventions of docs/dev.md and docs/claims.md: an existing --patch-out file is kept
    (exit 2, the option named, the hint --force) unless --force is given; a folder is bad input too."""
    target = tmp_path / "edits.yaml"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "claims", str(statement), "-a", "example", "--patch-out", str(target))
    assert code == 2 and out == "" and "field --patch-out" in err and "exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = run_cli(
        capsys, "claims", str(statement), "-a", "example", "--patch-out", str(target), "--force"
    )
    assert code == 0 and "IRN" in load_architecture(target).at(load_architecture(target).date).members("SCO")
    code, _, err = run_cli(capsys, "claims", str(statement), "-a", "example", "--patch-out", str(tmp_path))
    assert code == 2 and "is a folder" in err
    code, _, err = run_cli(
        capsys, "claims", str(statement), "-a", "example", "--patch-out", str(tmp_path / "no" / "e.yaml")
    )
    assert code == 2 and "does not exist" in err and "Traceback" not in err


def test_patch_out_is_written_atomically(
    capsys: pytest.CaptureFixture[str], statement: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Property: the patch goes through the project's atomic save (secarch.spec.yamlio.atomic_write): when
    the final rename fails, the previous file is intact, no temporary file is left, and the error is bad
    input (exit 2) naming the option."""
    target = tmp_path / "edits.yaml"
    target.write_text("previous\n", encoding="utf-8")

    def failing_replace(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("secarch.spec.yamlio.os.replace", failing_replace)
    code, _, err = run_cli(
        capsys, "claims", str(statement), "-a", "example", "--patch-out", str(target), "--force"
    )
    assert code == 2 and "cannot write" in err and "No space left on device" in err
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edits.yaml", "statement.txt"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"\xff\xfe\x00broken", "not valid UTF-8")],
)
def test_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "statement.txt"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run_cli(capsys, "claims", str(path), "-a", "example")
    assert code == 2 and message in err and "Traceback" not in err and out == ""


def test_two_formats_is_an_error(capsys: pytest.CaptureFixture[str], statement: Path) -> None:
    code, _, err = run_cli(capsys, "claims", str(statement), "--json", "--md")
    assert code == 2 and "one output format" in err
