"""download-artifact stand-in: copy artifacts out of ``$BODHI_ACT_ARTIFACTS``.

``name``: that artifact, into ``path`` itself (missing: fail). Otherwise every artifact whose name
matches ``pattern`` (all when empty): into ``path/<name>/``, or all into ``path`` with merge-multiple.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import sys
from pathlib import Path


def main() -> int:
    root = Path(os.environ["BODHI_ACT_ARTIFACTS"])
    workspace = Path(os.environ["GITHUB_WORKSPACE"])
    path = Path(os.environ["INPUT_PATH"]).expanduser() if os.environ["INPUT_PATH"] else workspace
    destination = path if path.is_absolute() else workspace / path
    name = os.environ["INPUT_NAME"]
    existing = sorted(p.name for p in root.iterdir()) if root.is_dir() else []
    if name:
        if name not in existing:
            print(f"::error::Unable to download artifact(s): Artifact not found for name: {name}")
            return 1
        chosen, merge = [name], True
    else:
        pattern = os.environ["INPUT_PATTERN"] or "*"
        chosen = [n for n in existing if fnmatch.fnmatchcase(n, pattern)]
        merge = os.environ.get("INPUT_MERGE_MULTIPLE") == "true"
        print(f"Found {len(chosen)} artifact(s) matching {pattern!r}")
    for artifact in chosen:
        target = destination if merge else destination / artifact
        shutil.copytree(root / artifact, target, dirs_exist_ok=True)
        print(f"download-artifact stand-in: {artifact!r} -> {target}")
    destination.mkdir(parents=True, exist_ok=True)
    with Path(os.environ["GITHUB_OUTPUT"]).open("a", encoding="utf-8") as out:
        out.write(f"download-path={destination}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
