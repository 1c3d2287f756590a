"""Digest records: what one push-by-digest build hands to the merge that tags it.

A record is a small JSON file (image, variant, mode, platform, digest). The merge job gets
every build job's file in one folder, so it can check that each expected platform is there,
once, for the right image — not merely that some digests arrived.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from bodhi_gen.errors import UsageError
from bodhi_gen.files import write_text

DIGEST_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
FIELDS = ("image", "variant", "mode", "platform", "digest")


@dataclass(frozen=True)
class DigestRecord:
    image: str
    variant: str
    mode: str
    platform: str
    digest: str

    @property
    def source(self) -> str:
        return f"{self.image}@{self.digest}"


def write_record(path: Path, record: DigestRecord) -> None:
    write_text(path, json.dumps(asdict(record), indent=2, sort_keys=True) + "\n", "digest file")


def _parse(path: Path) -> DigestRecord:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"{path}: not a digest file written by `bodhi-gen build --digest-file` ({exc})"
        raise UsageError(msg) from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in FIELDS):
        msg = f"{path}: a digest file needs the string fields {', '.join(FIELDS)}"
        raise UsageError(msg)
    record = DigestRecord(**{k: data[k] for k in FIELDS})
    if not DIGEST_RE.match(record.digest):
        msg = f"{path}: {record.digest!r} is not a sha256 digest"
        raise UsageError(msg)
    return record


def read_records(folder: Path) -> list[tuple[Path, DigestRecord]]:
    """Every file under ``folder`` (recursively: artifact downloads may nest), sorted by path."""
    if not folder.is_dir():
        msg = f"digests folder {folder} does not exist: no build of this unit pushed a digest (did its builds fail?)"
        raise UsageError(msg)
    return [(path, _parse(path)) for path in sorted(folder.rglob("*")) if path.is_file()]


def select_digests(
    records: Iterable[tuple[Path, DigestRecord]], image: str, variant: str, mode: str, platforms: Sequence[str]
) -> dict[str, DigestRecord]:
    """platform -> record for (variant, mode); refuses a missing, doubled or foreign-image platform."""
    chosen: dict[str, tuple[Path, DigestRecord]] = {}
    for path, record in records:
        if (record.variant, record.mode) != (variant, mode) or record.platform not in platforms:
            continue
        if record.image != image:
            msg = f"{path}: digest was pushed to {record.image}, but this publish tags {image}"
            raise UsageError(msg)
        previous = chosen.get(record.platform)
        if previous is not None and previous[1].digest != record.digest:
            msg = f"two different digests for {variant}/{mode} {record.platform}: {previous[0]} and {path}"
            raise UsageError(msg)
        chosen[record.platform] = (path, record)
    missing = [p for p in platforms if p not in chosen]
    if missing:
        msg = (
            f"no digest file for {variant}/{mode} on {', '.join(missing)}: not published "
            "(its build or smoke test failed, or the build job did not push by digest)"
        )
        raise UsageError(msg)
    return {p: chosen[p][1] for p in platforms}
