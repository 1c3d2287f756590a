"""``prune`` fails closed: what a tag, a kept index or a kept referrer needs is never deleted, and a run that
cannot be sure (a manifest it cannot read or verify, a listing that moved) stops before its first DELETE."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bodhi_gen.github.manifests import Descriptor, Manifest
from bodhi_gen.github.packages import Listing, Package, PackageVersion
from bodhi_gen.prune.decide import Reader, Rules, decide_image
from tests.unit.prune.prune_fakes import (
    CACHE_DELETIONS,
    IMAGE,
    IMAGE_DELETIONS,
    INDEX,
    MANIFEST,
    OWNER,
    Cli,
    FakeGhcr,
    Result,
    Version,
    deleting,
    filler,
)

DELETIONS = IMAGE_DELETIONS | CACHE_DELETIONS


def add(fake: FakeGhcr, *versions: Version) -> None:
    fake.packages[IMAGE].extend(versions)


def replace(fake: FakeGhcr, version: Version) -> None:
    fake.packages[IMAGE][:] = [version if v.id == version.id else v for v in fake.packages[IMAGE]]


def without_media_type(fake: FakeGhcr) -> None:
    """The tagged 1.0.0-cpu index, as JSON that lists its children but declares no mediaType."""
    children = [{"mediaType": MANIFEST, "digest": fake.digest(name), "size": 1} for name in ("cpu-amd64", "cpu-arm64")]
    raw = json.dumps({"schemaVersion": 2, "manifests": children}).encode()
    replace(fake, Version(1, "index-cpu", ("1.0.0-cpu", "latest-cpu"), raw=raw))


def tampered(fake: FakeGhcr) -> None:
    """The registry serves, for the tagged index's digest, an index that lists only one of its children."""
    entry = {"mediaType": MANIFEST, "digest": fake.digest("cpu-amd64"), "size": 1}
    fake.served_instead["index-cpu"] = json.dumps(
        {"schemaVersion": 2, "mediaType": INDEX, "manifests": [entry]}
    ).encode()


def shrinking(fake: FakeGhcr, pages: int) -> None:
    """``pages`` pages of versions, of which the newest 100 are deleted once page 1 was read."""
    add(fake, *filler(100 * (pages - 2), start=200))
    fake.drop_after_page = (1, 100)


# case -> (how the fake misbehaves, what the refusal says)
REFUSED: dict[str, tuple[Callable[[FakeGhcr], None], str]] = {
    "kept index served as HTML": (
        lambda fake: fake.served_instead.update({"index-cpu": b"<html><body>Service Unavailable</body></html>"}),
        "its bytes hash to",
    ),
    "kept index that is HTML": (
        lambda fake: replace(fake, Version(1, "index-cpu", ("1.0.0-cpu",), raw=b"<html>maintenance</html>")),
        "it is not JSON",
    ),
    "kept index without mediaType": (without_media_type, "it declares no mediaType"),
    "kept index whose bytes are not its digest's": (tampered, "its bytes hash to"),
    "kept manifest of an unknown media type": (
        lambda fake: add(fake, Version(60, "schema1", ("old",), raw=b'{"mediaType": "application/x-unknown"}')),
        "is neither an image manifest nor an index",
    ),
    "kept index the registry does not serve": (lambda fake: fake.unserved.add("index-cpu"), "does not serve it"),
    "deletion candidate that is not JSON": (
        lambda fake: fake.served_instead.update({"orphan-old": b"not json"}),
        "its bytes hash to",
    ),
    "version not named by a sha256 digest": (
        lambda fake: add(fake, Version(61, "odd-name", listed_as="sha512:abc")),
        "not a sha256 digest",
    ),
    "page 2 repeats page 1": (lambda fake: setattr(fake, "repeat_page", 2), "page 2 repeats page 1"),
    "a version id listed twice": (
        lambda fake: add(fake, Version(5, "another-5")),
        "version 5 is on page 2 and on page 2",
    ),
    "a page of versions pushed mid-listing": (
        lambda fake: setattr(fake, "push_after_page", (1, 100)),
        "page 2 repeats page 1",
    ),
    "a version pushed mid-listing": (
        lambda fake: setattr(fake, "push_after_page", (1, 1)),
        "version 10099 is on page 1 and on page 2",
    ),
    "the page count changes mid-listing": (
        lambda fake: shrinking(fake, pages=4),
        "it had 4 pages when first read, and 3 at page 2",
    ),
    "the last page comes short": (lambda fake: shrinking(fake, pages=3), "page 2 of 3 holds only 15 versions"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_run_that_cannot_be_sure_deletes_nothing(cli: Cli, fake: FakeGhcr, case: str) -> None:
    misbehave, said = REFUSED[case]
    misbehave(fake)
    result = cli("--apply")
    assert result.code == 5, result.err
    assert fake.deleted == []
    assert said in result.err
    assert "nothing was" in result.err
    assert result.out == ""  # no plan was printed: nothing was decided


def test_the_listing_is_read_again_and_a_change_deletes_nothing(cli: Cli, fake: FakeGhcr) -> None:
    fake.push_after_listing = IMAGE  # a build pushes while prune reads the manifests
    result = cli("--apply")
    assert result.code == 5
    assert "changed while prune read it" in result.err
    assert fake.deleted == []


def test_referrers_of_kept_manifests_are_kept(cli: Cli, fake: FakeGhcr) -> None:
    add(
        fake,
        Version(20, "cpu-signature", subject="index-cpu"),  # a signature of the tagged index
        Version(21, "amd64-attestation", subject="cpu-amd64"),  # of a platform image the tagged index lists
        Version(22, "signature-index", subject="index-cuda", children=(("sig-layer", MANIFEST, ""),)),
        Version(23, "sig-layer"),  # what a kept referrer lists is kept too
        Version(24, "orphan-signature", subject="orphan-old"),  # of a deleted orphan: deleted with it
        Version(25, "api-only"),  # named by the referrers API only
    )
    fake.referrers_api = True
    fake.api_referrers = {"index-nested": ["api-only"]}
    result = cli("--apply")
    assert result.code == 0, result.err
    rows = result.rows()
    assert rows[20] == ("keep", "a referrer (signature or attestation) of the index tagged 1.0.0-cpu, latest-cpu")
    assert rows[21] == ("keep", "a referrer (signature or attestation) of the index tagged 1.0.0-cpu, latest-cpu")
    assert rows[22][0] == rows[23][0] == rows[25][0] == "keep"
    assert set(fake.deleted) == DELETIONS | {24}


def test_without_the_referrers_api_its_referrers_are_not_known(cli: Cli, fake: FakeGhcr) -> None:
    add(fake, Version(25, "api-only"))
    fake.api_referrers = {"index-nested": ["api-only"]}  # the registry has no referrers API: a plain orphan
    assert 25 in deleting(cli(), "delete")


def test_nesting_is_followed_to_any_depth(cli: Cli, fake: FakeGhcr) -> None:
    depth = 8
    add(fake, Version(30, "deep-0", ("deep",), children=(("deep-1", INDEX, ""),)))
    for level in range(1, depth):
        add(fake, Version(30 + level, f"deep-{level}", children=((f"deep-{level + 1}", INDEX, ""),)))
    add(fake, Version(30 + depth, f"deep-{depth}"))
    result = cli("--apply")
    assert result.code == 0, result.err
    assert set(fake.deleted) == DELETIONS
    assert result.rows()[30 + depth] == ("keep", "an entry of the index tagged deep")


def test_an_index_its_descriptor_calls_a_manifest_keeps_its_children(cli: Cli, fake: FakeGhcr) -> None:
    add(
        fake,
        Version(40, "mislabelled", ("mis",), children=(("mis-inner", MANIFEST, ""),)),
        Version(41, "mis-inner", children=(("mis-leaf", MANIFEST, "linux/amd64"),)),
        Version(42, "mis-leaf"),
    )
    result = cli("--apply")
    assert result.code == 0, result.err
    assert set(fake.deleted) == DELETIONS
    assert result.rows()[42] == ("keep", "the linux/amd64 entry of the index tagged mis")


def plan_of(result: Result) -> str:
    return result.out.split("\n\n")[0]


def test_apply_prints_the_dry_runs_plan_then_deletes_each_version_once(cli: Cli, fake: FakeGhcr) -> None:
    dry = cli()
    applied = cli("--apply")
    assert applied.code == 0, applied.err
    assert plan_of(applied) == plan_of(dry)
    assert "--apply: deleting 6 of" in applied.out
    assert sorted(fake.deleted) == sorted(DELETIONS)  # each once: a second DELETE would answer 404


def test_cache_equal_to_the_image_is_refused_at_config_time(cli: Cli, fake: FakeGhcr, tmp_path: Path) -> None:
    config = tmp_path / "bodhi.yaml"
    config.write_text(
        f"image: ghcr.io/{OWNER}/{IMAGE}\ncache: {{repository: ghcr.io/{OWNER}/{IMAGE}}}\n"
        "variants: [{name: cpu, base_image: x/y:z}]\nmodes: [{name: production, cargo_profile: release}]\n"
        'release: {tag_patterns: {production: "v*"}}\n',
        "utf-8",
    )
    result = cli("--config", str(config), "--apply")
    assert result.code == 2
    assert f"cache.repository ghcr.io/{OWNER}/{IMAGE} is the image" in result.err
    assert fake.requests == 0


def test_a_cycle_of_indexes_ends(tmp_path: Path) -> None:
    """Content addressing makes a cycle impossible on a registry that verifies; the walk ends on one anyway."""
    first, second = "sha256:" + "1" * 64, "sha256:" + "2" * 64
    manifests = {
        first: Manifest(INDEX, (Descriptor(second, MANIFEST),)),
        second: Manifest(INDEX, (Descriptor(first, INDEX),)),
    }
    old = datetime.now(UTC) - timedelta(days=10)
    package = Package(OWNER, IMAGE)
    listing = Listing(package, "orgs", (PackageVersion(1, first, ("v1",), old), PackageVersion(2, second, (), old)))
    rules = Rules(frozenset(), frozenset({"amd64"}), datetime.now(UTC), timedelta(hours=24))
    decisions = decide_image(listing, rules, Reader(manifest=manifests.__getitem__, referrers=lambda _: None))
    assert [(d.version.id, d.delete) for d in decisions] == [(1, False), (2, False)]
