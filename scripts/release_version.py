"""The version a release tag stands for, checked against the package's own (release.yml's first step).

    python3 scripts/release_version.py v1.2.3     # prints version=1.2.3 and prerelease=false (GITHUB_OUTPUT lines)

The tag must be ``v`` followed by exactly pyproject.toml's ``[project] version``: a tag that does not match
would publish distributions under a version the tag does not name. Exit 1 (one line on stderr) when they
differ, 2 for a tag that is not ``v<version>`` at all. Standard library only: it runs before anything is
installed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
# a PEP 440 public version of three numbers, as a release tag spells it: 1.2.3, 1.2.3rc1, 1.2.3.post1, 1.2.3.dev4
# (the moving major tag, v1, is none)
TAG_RE = re.compile(r"^v(?P<version>\d+\.\d+\.\d+(?:(?P<pre>a|b|rc)\d+)?(?:\.post\d+)?(?P<dev>\.dev\d+)?)$")


def release_version(tag: str, pyproject: Path = PYPROJECT) -> tuple[str, bool]:
    """``(version, prerelease)`` for ``tag``; ValueError (exit 2) or LookupError (exit 1) with the reason."""
    match = TAG_RE.match(tag)
    if match is None:
        msg = f"tag {tag!r} is not a release tag: expected v<version>, e.g. v1.2.3 or v1.3.0rc1"
        raise ValueError(msg)
    with pyproject.open("rb") as handle:
        package = str(tomllib.load(handle)["project"]["version"])
    version = match["version"]
    if version != package:
        msg = f"tag {tag} names version {version}, but {pyproject.name} says {package}: tag v{package}, or bump it"
        raise LookupError(msg)
    return version, bool(match["pre"] or match["dev"])


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: release_version.py TAG", file=sys.stderr)
        return 2
    try:
        version, prerelease = release_version(argv[0])
    except ValueError as exc:
        print(f"release_version: {exc}", file=sys.stderr)
        return 2
    except LookupError as exc:
        print(f"release_version: {exc}", file=sys.stderr)
        return 1
    print(f"version={version}")
    print(f"prerelease={str(prerelease).lower()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
