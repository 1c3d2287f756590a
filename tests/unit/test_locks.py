"""The hash-pinned locks (docs/shipping.md) still match pyproject.toml, checked without any package index.

setup/requirements.lock (the action's private venv) must hold exactly pyproject's runtime dependencies and
build backend and what they need, every version inside pyproject's ranges; .github/tools.lock likewise for
the tools this repository's workflows run. "What they need" is read from the lock's own ``# via`` lines, so
a dependency dropped from pyproject (or an entry nothing needs) fails here; that the closure is complete is
proven by installing it with --require-hashes (tests/unit/test_built_wheel.py). Regenerate with
``bash scripts/lock.sh``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.helpers import ROOT

RUNTIME_LOCK = ROOT / "setup" / "requirements.lock"
TOOLS_LOCK = ROOT / ".github" / "tools.lock"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
PROJECT_VIA = "bodhi-gen (pyproject.toml)"  # uv's word for "asked for by pyproject.toml's dependencies"
TOOLS = ("build", "twine", "uv")  # scripts/lock.sh's roots of .github/tools.lock, besides the build backend
ENTRY_RE = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)\s*(?:;\s*(?P<marker>.+?))?\s*$")
HASH_RE = re.compile(r"^--hash=sha256:[0-9a-f]{64}$")


@dataclass
class Entry:
    name: str
    version: str
    marker: str | None
    hashes: list[str] = field(default_factory=list)
    via: set[str] = field(default_factory=set)


def parse_lock(text: str) -> dict[str, Entry]:
    """``name -> Entry`` of a uv lock (``name==version ; marker \\`` then ``--hash=`` lines, then ``# via``)."""
    entries: dict[str, Entry] = {}
    current: Entry | None = None
    in_via = False
    for raw in text.splitlines():
        line = raw.rstrip().removesuffix("\\").strip()
        if not line:
            continue
        if not raw.startswith((" ", "#")):
            match = ENTRY_RE.match(line)
            assert match, f"not a pinned requirement: {raw!r}"
            current = Entry(canonicalize_name(match["name"]), match["version"], match["marker"])
            assert current.name not in entries, f"{current.name} is locked twice"
            entries[current.name] = current
            in_via = False
        elif line.startswith("--hash="):
            assert current is not None, f"a hash outside an entry: {raw!r}"
            assert HASH_RE.match(line), f"{current.name}: not a sha256 hash: {line!r}"
            current.hashes.append(line)
        elif line.startswith("# via") and current is not None:
            rest = line.removeprefix("# via").strip()
            in_via = not rest
            if rest:
                current.via.add(rest)
        elif line.startswith("#   ") and in_via and current is not None:
            current.via.add(line.removeprefix("#").strip())
    return entries


def roots_of(requirements: Iterable[str]) -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, requirements)}


BUILD_REQUIRES = roots_of(PYPROJECT["build-system"]["requires"])
PROJECT_DEPENDENCIES = roots_of(PYPROJECT["project"]["dependencies"])
LOCKS = {
    RUNTIME_LOCK: {**PROJECT_DEPENDENCIES, **BUILD_REQUIRES},
    TOOLS_LOCK: {**roots_of(TOOLS), **BUILD_REQUIRES},
}
IDS = [path.name for path in LOCKS]


def problems(lock: dict[str, Entry], roots: dict[str, Requirement], project: Iterable[str] = ()) -> list[str]:
    """Everything that makes ``lock`` not exactly the closure of ``roots`` (empty: it is); ``project``: the
    roots that are pyproject's runtime dependencies (uv's ``# via bodhi-gen (pyproject.toml)``)."""
    found: list[str] = []
    for name, requirement in roots.items():
        entry = lock.get(name)
        if entry is None:
            found.append(f"{requirement} is not locked")
        elif not requirement.specifier.contains(entry.version, prereleases=True):
            found.append(f"{name}=={entry.version} is outside {requirement}")
        elif entry.marker:
            found.append(f"{name} is asked for everywhere but locked only where {entry.marker}")
    for entry in lock.values():
        if not entry.hashes:
            found.append(f"{entry.name}=={entry.version} has no --hash")
        if (PROJECT_VIA in entry.via) != (entry.name in set(project)):
            found.append(f"{entry.name}: the lock's '# via {PROJECT_VIA}' disagrees with pyproject.toml")
        unknown = entry.via - {PROJECT_VIA} - set(lock)
        if unknown:
            found.append(f"{entry.name} is needed by {', '.join(sorted(unknown))}, which is not locked")
    # what the roots need, following the lock's own `# via` lines from each root down
    needed = set(roots) & set(lock)
    while True:
        more = {
            e.name for e in lock.values() if e.name not in needed and {canonicalize_name(v) for v in e.via} & needed
        }
        if not more:
            break
        needed |= more
    found += [f"{name} is locked but nothing asked for needs it" for name in sorted(set(lock) - needed)]
    return found


@pytest.mark.parametrize("path", LOCKS, ids=IDS)
def test_lock_is_exactly_the_pinned_hashed_closure_of_what_is_asked_for(path: Path) -> None:
    lock = parse_lock(path.read_text("utf-8"))
    project = PROJECT_DEPENDENCIES if path == RUNTIME_LOCK else {}
    assert problems(lock, LOCKS[path], project) == [], "run: bash scripts/lock.sh"


@pytest.mark.parametrize("path", LOCKS, ids=IDS)
def test_lock_names_the_command_that_regenerates_it(path: Path) -> None:
    assert "#    bash scripts/lock.sh\n" in path.read_text("utf-8")


def test_action_and_release_tools_build_with_the_same_locked_backend() -> None:
    runtime, tools = parse_lock(RUNTIME_LOCK.read_text("utf-8")), parse_lock(TOOLS_LOCK.read_text("utf-8"))
    for name in BUILD_REQUIRES:
        assert runtime[name].version == tools[name].version, name


# the check itself, on small locks: each kind of drift is found ------------------------------------------------

SMALL = """\
click==8.1.0 \\
    --hash=sha256:{h}
    # via bodhi-gen (pyproject.toml)
jinja2==3.1.0 \\
    --hash=sha256:{h}
    # via bodhi-gen (pyproject.toml)
markupsafe==3.0.0 \\
    --hash=sha256:{h}
    # via jinja2
""".replace("{h}", "0" * 64)


def small_problems(text: str, dependencies: Iterable[str] = ("click>=8.1", "jinja2>=3.1")) -> list[str]:
    roots = roots_of(dependencies)
    return problems(parse_lock(text), roots, roots)


def test_small_lock_is_clean() -> None:
    assert small_problems(SMALL) == []


@pytest.mark.parametrize(
    ("text", "dependencies", "expected"),
    [
        (SMALL, ("click>=8.1", "jinja2>=3.1", "pyyaml>=6"), "pyyaml>=6 is not locked"),
        (SMALL, ("click>=9", "jinja2>=3.1"), "click==8.1.0 is outside click>=9"),
        (SMALL, ("jinja2>=3.1",), "click: the lock's '# via bodhi-gen (pyproject.toml)' disagrees"),
        (SMALL.replace("    # via jinja2", "    # via nothing-locked"), None, "needed by nothing-locked"),
        (SMALL + "six==1.0 \\\n    --hash=sha256:" + "1" * 64 + "\n", None, "six is locked but nothing"),
        (SMALL.replace("markupsafe==3.0.0 \\\n    --hash=sha256:" + "0" * 64, "markupsafe==3.0.0"), None, "no --hash"),
        (SMALL.replace("click==8.1.0", "click==8.1.0 ; sys_platform == 'win32'"), None, "locked only where"),
    ],
    ids=["missing", "outside-range", "dropped-from-pyproject", "dangling-via", "extra", "no-hash", "marker"],
)
def test_each_kind_of_drift_is_named(text: str, dependencies: tuple[str, ...] | None, expected: str) -> None:
    found = small_problems(text, dependencies or ("click>=8.1", "jinja2>=3.1"))
    assert any(expected in problem for problem in found), found


def test_an_unpinned_line_is_refused() -> None:
    with pytest.raises(AssertionError, match="not a pinned requirement"):
        parse_lock("click>=8\n")
