"""``latest-*`` moves only forward: semver ordering, the decision per latest tag, and the merge that follows it."""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from bodhi_gen.commands import publish
from bodhi_gen.digests import DigestRecord
from bodhi_gen.docker.imagetools import IndexInfo, TagLabel
from bodhi_gen.errors import UsageError
from bodhi_gen.plan.units import MergeGroup
from bodhi_gen.publish import latest, merge
from bodhi_gen.versions import is_newer, semver_key

IMAGE = "ghcr.io/acme/app"
TAG = f"{IMAGE}:latest-cpu"
INDEX = "application/vnd.oci.image.index.v1+json"


def test_semver_precedence() -> None:
    ordered = [
        "0.9.0",
        "0.10.0",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.2.5",
        "1.3.0-rc.1",
        "1.3.0",
        "1.10.0",
    ]
    shuffled = random.Random(0).sample(ordered, len(ordered))  # noqa: S311 - a fixed order, not a secret
    assert sorted(shuffled, key=semver_key) == ordered
    assert is_newer("1.3.0", "1.2.5")
    assert not is_newer("1.2.5", "1.3.0")
    assert is_newer("1.3.0", "1.3.0-rc.1")  # a pre-release comes before its release
    assert not is_newer("1.3.0", "1.3.0")
    with pytest.raises(UsageError):
        semver_key("v1.2.3")


def test_a_newer_current_latest_stays() -> None:
    decision = latest.decide_latest(TAG, "1.2.5", TagLabel(found=True, value="1.3.0"))
    assert not decision.move
    assert decision.note == f"{TAG} not moved: it names 1.3.0, newer than 1.2.5 (a back-port release)"


@pytest.mark.parametrize(
    ("current", "version"),
    [("1.2.5", "1.3.0"), ("1.3.0", "1.3.0"), ("1.3.0-rc.1", "1.3.0"), ("0.9.9", "0.10.0")],
)
def test_an_older_or_equal_current_latest_moves(current: str, version: str) -> None:
    assert latest.decide_latest(TAG, version, TagLabel(found=True, value=current)) == latest.LatestDecision(
        TAG, move=True
    )


def test_a_release_is_newer_than_its_pre_release_but_not_the_other_way() -> None:
    assert not latest.decide_latest(TAG, "1.3.0-rc.2", TagLabel(found=True, value="1.3.0")).move


def test_a_missing_latest_tag_moves_without_a_note() -> None:
    assert latest.decide_latest(TAG, "1.0.0", TagLabel(found=False, value=None)) == latest.LatestDecision(
        TAG, move=True
    )


@pytest.mark.parametrize(
    "current",
    [TagLabel(found=True, value=None, problem="it has no org.opencontainers.image.version label"),
     TagLabel(found=True, value="<version>")],
)  # fmt: skip
def test_an_unreadable_version_moves_with_a_note(current: TagLabel) -> None:
    decision = latest.decide_latest(TAG, "1.2.5", current)
    assert decision.move
    assert "without comparing" in decision.note


def _group(version: str, suffix: str = "") -> MergeGroup:
    tags = (f"{IMAGE}:{version}-cpu{suffix}", f"{IMAGE}:latest-cpu{suffix}")
    return MergeGroup("cpu", "production", IMAGE, ("linux/amd64",), tags)


@pytest.mark.parametrize("suffix", ["", "-development"])
@pytest.mark.parametrize("version", ["1.2.5", "1.3.0-rc.1"])
def test_latest_versions_pairs_each_latest_tag_with_its_release(version: str, suffix: str) -> None:
    assert latest.latest_versions(_group(version, suffix)) == {f"{IMAGE}:latest-cpu{suffix}": version}


def test_a_group_without_a_release_version_compares_nothing() -> None:
    group = MergeGroup("cpu", "production", IMAGE, ("linux/amd64",), (f"{IMAGE}:<version>-cpu", TAG))
    assert latest.latest_versions(group) == {}


class FakeRegistry:
    """What ``merge_digests`` asks the imagetools adapter, answered from a dict of tag -> version label."""

    def __init__(self, labels: dict[str, TagLabel]) -> None:
        self.labels = labels
        self.created: list[tuple[str, ...]] = []

    def tag_label(self, client: object, ref: str, label: str) -> TagLabel:
        assert label == "org.opencontainers.image.version"
        return self.labels.get(ref, TagLabel(found=False, value=None))

    def create_index(self, client: object, sources: Sequence[str], tags: Sequence[str]) -> None:
        self.created.append(tuple(tags))

    def inspect_index(self, client: object, ref: str) -> IndexInfo:
        return IndexInfo("sha256:" + "1" * 64, INDEX, ("linux/amd64",))


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRegistry:
    registry = FakeRegistry({})
    monkeypatch.setattr(latest, "tag_label", registry.tag_label)
    for name in ("create_index", "inspect_index"):
        monkeypatch.setattr(merge, name, getattr(registry, name))
    return registry


RECORDS = {"linux/amd64": DigestRecord(IMAGE, "cpu", "production", "linux/amd64", "sha256:" + "2" * 64)}


def test_a_back_port_publishes_its_version_tag_only(fake: FakeRegistry) -> None:
    fake.labels[TAG] = TagLabel(found=True, value="1.3.0")
    group = _group("1.2.5")
    err = io.StringIO()
    published = merge.merge_digests(object(), group, RECORDS, err)  # type: ignore[arg-type]
    assert fake.created == [(f"{IMAGE}:1.2.5-cpu",)]
    assert published.tags == (f"{IMAGE}:1.2.5-cpu",)
    assert published.held == (TAG,)
    assert "not moved" in err.getvalue()
    row = merge.publish_row(group, published)
    assert row.tags == (f"{IMAGE}:1.2.5-cpu",)
    assert "not moved" in row.result


def test_a_first_or_newer_release_moves_latest(fake: FakeRegistry) -> None:
    group = _group("1.3.0")
    published = merge.merge_digests(object(), group, RECORDS, io.StringIO())  # type: ignore[arg-type]
    assert fake.created == [group.tags]
    assert published.held == ()
    assert published.notes == ()
    assert merge.publish_row(group, published).result == "index lists linux/amd64"


def test_the_step_outputs_name_the_held_tag(fake: FakeRegistry, tmp_path: Path) -> None:
    fake.labels[TAG] = TagLabel(found=True, value="1.3.0")
    group = _group("1.2.5")
    published = merge.merge_digests(object(), group, RECORDS, io.StringIO())  # type: ignore[arg-type]
    outputs = tmp_path / "outputs"
    settings = publish.PublishSettings(selection=None, digests_dir=tmp_path, github_output=outputs)  # type: ignore[arg-type]
    publish._report(settings, group, published)
    lines = outputs.read_text("utf-8").splitlines()
    assert f"latest-held={TAG}" in lines
    assert f"tags={IMAGE}:1.2.5-cpu" in lines
