"""Vendor htmx, the one third-party script of the web application, from the npm registry.

Run from the repository root (needs ``npm``)::

    python scripts/vendor_htmx.py          # fetch with `npm pack`, check, copy, record
    python scripts/vendor_htmx.py --check  # only check the vendored files against the record

1. ``npm pack htmx.org@VERSION`` (the ordinary npm client, into a temporary folder), and a check of the
   tarball against the registry integrity hash pinned below;
2. copy ``dist/htmx.min.js`` and the package's ``LICENSE`` byte for byte into ``src/secarch/web/static/``;
3. write ``static/VENDORED.json``: package, version, licence, tarball integrity and the sha256 of each
   copied file.

The application serves these files itself (``/static/…``); no page loads anything from another host.
``tests/test_web_assets.py`` checks the files against ``VENDORED.json``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "htmx.org"
VERSION = "2.0.11"
LICENCE = "0BSD"
INTEGRITY = "sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="
"""``npm view htmx.org@2.0.11 dist.integrity``: the registry's hash of the published tarball."""

FILES = {"package/dist/htmx.min.js": "htmx.min.js", "package/LICENSE": "LICENSE.htmx"}
STATIC = Path(__file__).resolve().parents[1] / "src" / "secarch" / "web" / "static"
RECORD = STATIC / "VENDORED.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(destination: Path) -> Path:
    """``npm pack`` the pinned version into ``destination``; return the tarball after checking its hash."""
    result = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--json", "--pack-destination", str(destination)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = destination / json.loads(result.stdout)[0]["filename"]
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != INTEGRITY:
        raise SystemExit(f"integrity mismatch for {tarball.name}: {digest}")
    return tarball


def extract(tarball: Path) -> dict[str, str]:
    """Copy the vendored files out of the tarball; return file name → sha256."""
    hashes = {}
    with tarfile.open(tarball, "r:gz") as archive:
        for member, target in FILES.items():
            handle = archive.extractfile(member)
            if handle is None:
                raise SystemExit(f"{member} missing from {tarball.name}")
            (STATIC / target).write_bytes(handle.read())
            hashes[target] = sha256(STATIC / target)
    return hashes


def check() -> list[str]:
    """Differences between the vendored files and ``VENDORED.json`` (empty when they agree)."""
    record = json.loads(RECORD.read_text())
    return [
        f"{name}: sha256 {sha256(STATIC / name)} != recorded {digest}"
        for name, digest in record["files"].items()
        if sha256(STATIC / name) != digest
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the vendored files")
    args = parser.parse_args()
    if args.check:
        problems = check()
        print("\n".join(problems) or "vendored files match VENDORED.json")
        return 1 if problems else 0
    STATIC.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        hashes = extract(fetch(Path(folder)))
    record = {
        "package": PACKAGE,
        "version": VERSION,
        "licence": LICENCE,
        "registry": "npm",
        "integrity": INTEGRITY,
        "files": hashes,
        "source_files": {target: member.removeprefix("package/") for member, target in FILES.items()},
    }
    RECORD.write_text(json.dumps(record, indent=2) + "\n")
    print(f"vendored {PACKAGE} {VERSION} ({LICENCE}) into {STATIC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
