"""The GitHub Release page of one release tag: per variant its pull and run commands, or that it failed.

Built from the plan (what the tag should publish) and the merge jobs' results (what was published): a
variant without a result is listed as not published. The same facts go into ``release.json``. Every
word comes from the validated config or the plan, so nothing here needs escaping for Markdown.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from bodhi_gen.config.models import Config
from bodhi_gen.digests import DIGEST_RE
from bodhi_gen.errors import UsageError
from bodhi_gen.plan.build import build_plan
from bodhi_gen.plan.contract import BODHI_HOME, HF_HOME, image_title
from bodhi_gen.plan.release_lines import ReleaseLine, ResolvedRelease, line_variants, mode_line, resolve_release
from bodhi_gen.plan.units import COMMIT_PLACEHOLDER, BuildInfo, Plan, Selection

ASSET_NAME = "release.json"
_COMMIT = re.compile(r"[0-9a-f]{7,40}")
# where `docker run` on the page mounts the app's data, relative to the user's folder
_MOUNTS = (("./bodhi_home", BODHI_HOME), ("./hf_home", HF_HOME))


@dataclass(frozen=True)
class Published:
    """What a merge job published for one (variant, mode): ``bodhi-gen publish --json``'s result."""

    variant: str
    mode: str
    digest: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class VariantEntry:
    variant: str
    published: bool
    tags: tuple[str, ...]
    digest: str
    platforms: tuple[str, ...]
    description: str
    hardware: str
    pull: str
    run: str


@dataclass(frozen=True)
class ReleasePage:
    tag: str
    name: str
    version: str
    mode: str
    image: str
    commit: str
    prerelease: bool
    entries: tuple[VariantEntry, ...]

    @property
    def published(self) -> tuple[VariantEntry, ...]:
        return tuple(e for e in self.entries if e.published)

    @property
    def failed(self) -> tuple[VariantEntry, ...]:
        return tuple(e for e in self.entries if not e.published)

    def markdown(self) -> str:
        lines = [f"# {self.name}", "", "## Images", ""]
        if not self.published:
            lines += ["No image of this release was published.", ""]
        for entry in self.published:
            title = f"### {entry.variant}" + (f": {entry.description}" if entry.description else "")
            lines += [title, "", "```bash", entry.pull, entry.run, "```", ""]
            lines.append(f"- Platforms: {', '.join(entry.platforms)}")
            if entry.hardware:
                lines.append(f"- Hardware: {entry.hardware}")
            lines += [f"- Digest: `{entry.digest}`"] if entry.digest else []
            lines.append("")
        if self.failed:
            lines += ["## Not published", "", "These variants failed to build or pass their smoke test:", ""]
            lines += [f"- ❌ {e.variant} ({', '.join(e.platforms)})" for e in self.failed]
            lines.append("")
        lines += [
            "## Details",
            "",
            f"- Mode: {self.mode}",
            f"- Image: {self.image}",
            f"- Version: {self.version}",
            f"- Commit: {self.commit}",
        ]
        return "\n".join(lines) + "\n"

    def as_json(self) -> str:
        data = {
            "tag": self.tag,
            "version": self.version,
            "mode": self.mode,
            "image": self.image,
            "commit": self.commit,
            "prerelease": self.prerelease,
            "variants": [{**asdict(e), "status": "published" if e.published else "failed"} for e in self.entries],
        }
        return json.dumps(data, indent=2) + "\n"


def _run_line(plan: Plan, variant: str, tag: str) -> str:
    facts = next(v for v in plan.variants if v.name == variant)
    port = facts.image.port
    words = ["docker", "run", "--rm", *facts.device_flags, *facts.run_flags, "-p", f"{port}:{port}"]
    words += ["-e", "BODHI_ENCRYPTION_KEY"]
    for host, inside in _MOUNTS:
        words += ["-v", f"{host}:{inside}"]
    return shlex.join([*words, tag])


def release_page(plan: Plan, tag: str, prerelease: bool, results: Iterable[Published] | None) -> ReleasePage:
    """The page of ``tag``: every merge group of ``plan`` (one mode), published when a result names it.

    ``results`` None: a preview, as if every planned variant was published (digests unknown).
    """
    modes = {group.mode for group in plan.merges}
    if len(modes) != 1:
        msg = f"a release page is made for one mode; the plan has {', '.join(sorted(modes))}"
        raise UsageError(msg)
    mode = modes.pop()
    done = {(r.variant, r.mode): r for r in results} if results is not None else None
    entries = []
    for group in plan.merges:
        facts = next(v for v in plan.variants if v.name == group.variant)
        result = done.get((group.variant, group.mode)) if done is not None else None
        tags = result.tags if result else group.tags
        description, hardware = facts.notes
        entries.append(
            VariantEntry(
                variant=group.variant,
                published=result is not None or done is None,
                tags=tags,
                digest=result.digest if result else "",
                platforms=group.platforms,
                description=description,
                hardware=hardware,
                pull=f"docker pull {group.tags[0]}",
                run=_run_line(plan, group.variant, group.tags[0]),
            )
        )
    title = image_title(plan.image)
    return ReleasePage(
        tag=tag,
        name=f"{title} {plan.info.version} ({mode})",
        version=plan.info.version,
        mode=mode,
        image=plan.image,
        commit=plan.info.commit,
        prerelease=prerelease,
        entries=tuple(entries),
    )


def _result(path: Path) -> Published:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"{path}: not a result of `bodhi-gen publish --json` ({exc})"
        raise UsageError(msg) from None
    fields = ("variant", "mode", "digest")
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in fields):
        msg = f"{path}: a publish result needs the string fields {', '.join(fields)} (and a list of tags)"
        raise UsageError(msg)
    tags = data.get("tags")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        msg = f"{path}: a publish result's tags must be a list of strings"
        raise UsageError(msg)
    if not DIGEST_RE.match(data["digest"]):
        msg = f"{path}: {data['digest']!r} is not a sha256 digest"
        raise UsageError(msg)
    return Published(data["variant"], data["mode"], data["digest"], tuple(tags))


def read_results(folder: Path | None) -> list[Published]:
    """Every publish result under ``folder`` (recursively: artifact downloads may nest); none without one.

    A missing folder is an empty one: when every merge failed, no artifact was uploaded to download.
    """
    if folder is None or not folder.is_dir():
        return []
    return [_result(path) for path in sorted(folder.rglob("*.json")) if path.is_file()]


def _line(config: Config, version: str, mode: str | None) -> tuple[str, ReleaseLine]:
    """(bare version, the release line) the page is for: the tag's, else the mode's own."""
    resolved = resolve_release(version, config)
    if resolved.line is not None:
        if mode and mode != resolved.line.mode:
            msg = f"release tag {version!r} is of mode {resolved.line.mode!r}, but --mode is {mode!r}"
            raise UsageError(msg)
        return resolved.version, resolved.line
    mode = mode or config.modes[0].name
    if mode not in [m.name for m in config.modes]:
        msg = f"--mode {mode!r} is not one of the config's modes ({', '.join(m.name for m in config.modes)})"
        raise UsageError(msg)
    line = mode_line(config, mode)
    if line is None:
        msg = f"mode {mode!r} has no release tag pattern, so its release has no tag: give a release tag as --version"
        raise UsageError(msg)
    return resolved.version, line


def page_for(
    config: Config,
    version: str,
    mode: str | None,
    variants: tuple[str, ...],
    commit: str | None,
    results: Iterable[Published] | None,
) -> ReleasePage:
    """The page of a release tag (or a bare version with ``mode``) of ``variants`` (empty: its line's)."""
    if commit is not None and not _COMMIT.fullmatch(commit):
        msg = f"--commit {commit!r} is not a commit SHA (7 to 40 hex digits)"
        raise UsageError(msg)
    bare, line = _line(config, version, mode)
    info = BuildInfo(version=bare, commit=commit or COMMIT_PLACEHOLDER)
    chosen = line_variants(ResolvedRelease(bare, line), variants, version)
    plan = build_plan(config, info, Selection(chosen, (line.mode,)))
    return release_page(plan, line.tag(bare), config.mode(line.mode).prerelease, results)
