"""upload-artifact stand-in: copy the matched files into ``$BODHI_ACT_ARTIFACTS/<name>/``.

Like the real action, the files keep their paths relative to the deepest folder common to all of
them (a single file lands at the artifact's root), and an existing name fails unless overwrite is true.
"""

from __future__ import annotations

import glob
import os
import shutil
import sys
from pathlib import Path


def matched(lines: list[str], hidden: bool) -> list[Path]:
    files: set[Path] = set()
    excluded: set[Path] = set()
    for line in lines:
        negate = line.startswith("!")
        pattern = str(Path(line[1:] if negate else line).expanduser())
        # glob.glob, not Path.glob: the pattern may be absolute and may name a single file
        for hit in glob.glob(pattern, recursive=True, include_hidden=hidden):  # noqa: PTH207
            found = Path(hit).resolve()
            members = [p for p in found.rglob("*") if p.is_file()] if found.is_dir() else [found]
            if not hidden:
                members = [m for m in members if not any(x.startswith(".") for x in m.relative_to(found.parent).parts)]
            (excluded if negate else files).update(members)
    return sorted(files - excluded)


def main() -> int:
    root = Path(os.environ["BODHI_ACT_ARTIFACTS"])
    name = os.environ["INPUT_NAME"] or "artifact"
    lines = [line.strip() for line in os.environ["INPUT_PATH"].splitlines() if line.strip()]
    files = matched(lines, os.environ.get("INPUT_INCLUDE_HIDDEN_FILES") == "true")
    if not files:
        policy = os.environ.get("INPUT_IF_NO_FILES_FOUND") or "warn"
        message = f"No files were found with the provided path: {' '.join(lines)}. No artifacts will be uploaded."
        if policy == "error":
            print(f"::error::{message}")
            return 1
        print(f"::warning::{message}" if policy == "warn" else message)
        return 0
    target = root / name
    if target.exists():
        if os.environ.get("INPUT_OVERWRITE") != "true":
            print(
                "::error::Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: "
                f"an artifact with this name already exists on the workflow run ({name})"
            )
            return 1
        shutil.rmtree(target)
    base = Path(os.path.commonpath([str(f.parent) for f in files]))
    for source in files:
        destination = target / source.relative_to(base)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    print(f"upload-artifact stand-in: {len(files)} file(s) from {base} as artifact {name!r}")
    with Path(os.environ["GITHUB_OUTPUT"]).open("a", encoding="utf-8") as out:
        out.write(f"artifact-id={name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
