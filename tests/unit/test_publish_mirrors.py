"""Mirrors: the config's ``mirrors:`` list, the copy of each published index (same digest, checked like the
primary, ``latest-*`` forward-only per mirror), its reports, and the merge job's logins."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from bodhi_gen.commands import publish
from bodhi_gen.config.loader import parse_config
from bodhi_gen.config.models import Mirror
from bodhi_gen.digests import DigestRecord
from bodhi_gen.docker.imagetools import IndexInfo, TagLabel
from bodhi_gen.errors import ConfigError, DockerError
from bodhi_gen.plan.units import MergeGroup
from bodhi_gen.publish import latest
from bodhi_gen.publish import merge as publish_merge
from bodhi_gen.publish import mirrors as publish_mirrors
from tests.helpers import EXAMPLES, ROOT, render_files

IMAGE = "ghcr.io/acme/app"
HUB = "docker.io/acme/app"
QUAY = "quay.io/acme/app"
INDEX = "application/vnd.oci.image.index.v1+json"
DIGEST = "sha256:" + "1" * 64
PLATFORMS = ("linux/amd64", "linux/arm64")
GROUP = MergeGroup("cpu", "production", IMAGE, PLATFORMS, (f"{IMAGE}:1.2.5-cpu", f"{IMAGE}:latest-cpu"))
RECORDS = {p: DigestRecord(IMAGE, "cpu", "production", p, "sha256:" + str(n) * 64) for n, p in enumerate(PLATFORMS, 2)}
BASE = """\
image: ghcr.io/acme/app
variants: [{name: cpu, base_image: x/y:z}]
modes: [{name: production, cargo_profile: release}]
release: {tag_patterns: {production: "v*"}}
"""


def mirror(image: str) -> Mirror:
    return Mirror(image=image, login=False)


class FakeRegistries:
    """Every registry the publish talks to, as dicts: tag -> (digest, platforms) and tag -> version label."""

    def __init__(self) -> None:
        self.tags: dict[str, IndexInfo] = {}
        self.labels: dict[str, TagLabel] = {}
        self.copies: list[tuple[str, tuple[str, ...]]] = []
        self.broken: dict[str, str] = {}  # repository -> the error a push to it fails with
        self.wrong_digest: set[str] = set()  # repositories that serve another index than the one pushed

    def tag_label(self, client: object, ref: str, label: str) -> TagLabel:
        return self.labels.get(ref, TagLabel(found=False, value=None))

    def create_index(self, client: object, sources: Sequence[str], tags: Sequence[str]) -> None:
        for tag in tags:
            self.tags[tag] = IndexInfo(DIGEST, INDEX, PLATFORMS)

    def copy_index(self, client: object, source: str, tags: Sequence[str]) -> None:
        self.copies.append((source, tuple(tags)))
        repository = tags[0].rsplit(":", 1)[0]
        if repository in self.broken:
            raise DockerError(self.broken[repository])
        repo, _, wanted = source.partition("@")
        source_index = next(i for t, i in self.tags.items() if t.startswith(f"{repo}:") and i.digest == wanted)
        digest = "sha256:" + "9" * 64 if repository in self.wrong_digest else source_index.digest
        for tag in tags:
            self.tags[tag] = IndexInfo(digest, source_index.media_type, source_index.platforms)

    def inspect_index(self, client: object, ref: str) -> IndexInfo:
        return self.tags[ref]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeRegistries:
    registries = FakeRegistries()
    monkeypatch.setattr(latest, "tag_label", registries.tag_label)
    for name in ("create_index", "inspect_index"):
        monkeypatch.setattr(publish_merge, name, getattr(registries, name))
    for name in ("copy_index", "inspect_index"):
        monkeypatch.setattr(publish_mirrors, name, getattr(registries, name))
    return registries


def merge(mirrors: Sequence[Mirror], err: io.StringIO | None = None) -> publish_merge.Published:
    group = replace(GROUP, mirrors=tuple(mirrors))
    return publish_merge.merge_digests(object(), group, RECORDS, err or io.StringIO())  # type: ignore[arg-type]


def test_mirror_group_moves_every_tag_to_the_mirror() -> None:
    moved = publish_mirrors.mirror_group(GROUP, HUB)
    assert moved.image == HUB
    assert moved.tags == (f"{HUB}:1.2.5-cpu", f"{HUB}:latest-cpu")
    assert (moved.variant, moved.mode, moved.platforms) == (GROUP.variant, GROUP.mode, GROUP.platforms)


def test_every_mirror_gets_the_primary_index_by_digest(fake: FakeRegistries) -> None:
    published = merge([mirror(HUB), mirror(QUAY)])
    # one push carries the children to the mirror, the other tags then name the copy there
    assert fake.copies == [
        (f"{IMAGE}@{DIGEST}", (f"{HUB}:1.2.5-cpu",)),
        (f"{HUB}@{DIGEST}", (f"{HUB}:latest-cpu",)),
        (f"{IMAGE}@{DIGEST}", (f"{QUAY}:1.2.5-cpu",)),
        (f"{QUAY}@{DIGEST}", (f"{QUAY}:latest-cpu",)),
    ]
    assert [(m.image, m.digest, m.platforms) for m in published.mirrors] == [
        (HUB, DIGEST, PLATFORMS),
        (QUAY, DIGEST, PLATFORMS),
    ]
    assert published.tags == GROUP.tags  # the primary's tags stay the primary's


def test_without_mirrors_nothing_is_copied(fake: FakeRegistries) -> None:
    assert merge([]).mirrors == ()
    assert fake.copies == []


def test_latest_moves_forward_per_mirror(fake: FakeRegistries) -> None:
    # the mirror already names a newer release; the primary does not
    fake.labels[f"{HUB}:latest-cpu"] = TagLabel(found=True, value="1.3.0")
    err = io.StringIO()
    published = merge([mirror(HUB)], err)
    assert published.tags == GROUP.tags
    assert published.held == ()
    (copy,) = published.mirrors
    assert copy.tags == (f"{HUB}:1.2.5-cpu",)
    assert copy.held == (f"{HUB}:latest-cpu",)
    assert f"{HUB}:latest-cpu not moved: it names 1.3.0" in err.getvalue()
    assert any(note.startswith(f"{HUB}:latest-cpu not moved") for note in published.notes)


def test_a_copy_with_another_digest_is_an_error_naming_the_mirror(fake: FakeRegistries) -> None:
    fake.wrong_digest.add(HUB)
    with pytest.raises(DockerError) as caught:
        merge([mirror(HUB)])
    assert f"mirror {HUB}: {HUB}:1.2.5-cpu names sha256:{'9' * 64}, not {DIGEST}" in caught.value.message
    assert f"the tags are published to {IMAGE}; not to {HUB}" in caught.value.message


def test_a_failed_mirror_does_not_stop_the_others_and_the_error_says_who_holds_the_tags(
    fake: FakeRegistries,
) -> None:
    fake.broken[HUB] = "push access denied"
    with pytest.raises(DockerError) as caught:
        merge([mirror(HUB), mirror(QUAY)])
    assert caught.value.message.splitlines() == [
        f"mirror {HUB}: push access denied",
        f"the tags are published to {IMAGE}, {QUAY}; not to {HUB}",
    ]
    assert f"{QUAY}:latest-cpu" in fake.tags


def test_a_copy_missing_a_platform_is_an_error() -> None:
    primary = IndexInfo(DIGEST, INDEX, PLATFORMS)
    with pytest.raises(DockerError, match="lists linux/amd64, not linux/amd64, linux/arm64"):
        publish_mirrors.check_copy(primary, {f"{HUB}:x": IndexInfo(DIGEST, INDEX, ("linux/amd64",))})


def test_reports_name_every_registry(fake: FakeRegistries, tmp_path: Path) -> None:
    published = merge([mirror(HUB)])
    outputs, summary = tmp_path / "outputs", tmp_path / "summary.md"
    settings = publish.PublishSettings(
        selection=None,  # type: ignore[arg-type]
        digests_dir=tmp_path,
        github_output=outputs,
        summary_file=summary,
    )
    publish._report(settings, GROUP, published)
    assert f"mirror-tags={HUB}:1.2.5-cpu,{HUB}:latest-cpu" in outputs.read_text("utf-8").splitlines()
    table = summary.read_text("utf-8")
    assert "| publish |" in table
    assert f"| mirror | `{HUB}` |" in table
    assert f"same index as {IMAGE}" in table
    data = publish._result(GROUP, RECORDS, published)
    assert data["mirrors"] == [
        {
            "image": HUB,
            "digest": DIGEST,
            "listed_platforms": list(PLATFORMS),
            "tags": [f"{HUB}:1.2.5-cpu", f"{HUB}:latest-cpu"],
            "latest_held": [],
        }
    ]


def test_without_mirrors_the_outputs_are_unchanged(fake: FakeRegistries, tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    settings = publish.PublishSettings(selection=None, digests_dir=tmp_path, github_output=outputs)  # type: ignore[arg-type]
    publish._report(settings, GROUP, merge([]))
    assert not any(line.startswith("mirror") for line in outputs.read_text("utf-8").splitlines())
    assert "mirrors" not in publish._result(GROUP, RECORDS, merge([]))


# --- the config ----------------------------------------------------------------------------------------


def load(mirrors: object, extra: str = "") -> object:
    return parse_config(BASE + extra + yaml.safe_dump({"mirrors": mirrors}), "test.yaml")


def test_a_mirror_config_loads() -> None:
    config = load(
        [
            {"image": HUB, "username": "acme-bot", "password_secret": "DOCKERHUB_TOKEN"},
            {"image": "127.0.0.1:5001/acme/app", "login": False},
        ]
    )
    hub, local = config.mirrors  # type: ignore[attr-defined]
    assert (hub.registry, hub.username, hub.password_secret) == ("docker.io", "acme-bot", "DOCKERHUB_TOKEN")
    assert local.registry == "127.0.0.1:5001"


@pytest.mark.parametrize(
    ("mirrors", "message"),
    [
        ([{"image": "acme/app", "login": False}], "does not start with a registry"),
        ([{"image": HUB, "login": False, "password_secret": "X"}], "password_secret would be ignored"),
        ([{"image": HUB, "password_secret": "X"}], "set both username and password_secret"),
        ([{"image": HUB, "username": "a b", "password_secret": "X"}], "is not a registry user name"),
        ([{"image": HUB, "username": "a'b", "password_secret": "X"}], "is not a registry user name"),
        ([{"image": HUB, "username": "a", "password_secret": "X; Y"}], "expected text matching"),
        ([{"image": IMAGE, "login": False}], "listed twice (or as the image itself)"),
        ([{"image": HUB, "login": False}] * 2, "listed twice"),
        ([{"image": "docker.io/a/b", "username": "a", "password_secret": "A"},
          {"image": "docker.io/c/d", "username": "c", "password_secret": "C"}], "one login per registry"),
        ([{"image": f"docker.io/a/b{n}", "login": False} for n in range(6)], "at most 5 items"),
        ([{"image": HUB, "login": False, "tags": ["x"]}], "mirrors[0].tags: unknown key"),
    ],
)  # fmt: skip
def test_bad_mirrors_are_config_errors(mirrors: object, message: str) -> None:
    with pytest.raises(ConfigError, match="mirrors") as caught:
        load(mirrors)
    assert message in caught.value.message


def test_a_mirror_without_login_may_share_the_primary_registry() -> None:
    config = load([{"image": "ghcr.io/acme/app-mirror", "login": False}])
    assert config.mirrors[0].registry == "ghcr.io"  # type: ignore[attr-defined]


# --- the workflows -------------------------------------------------------------------------------------


def test_the_merge_job_logs_in_to_each_mirror_and_the_caller_passes_its_secret() -> None:
    files = {str(f.path): f.content for f in render_files("workflows", EXAMPLES / "good" / "mirrors.yaml", cwd=ROOT)}
    images = yaml.safe_load(files[".github/workflows/bodhi-images.yml"])
    release = yaml.safe_load(files[".github/workflows/bodhi-release.yml"])
    # position in mirrors: 1 docker.io (login), 2 a registry without login, 3 quay.io (login)
    declared = images[True]["workflow_call"]["secrets"]  # PyYAML reads the key `on` as true
    assert {"mirror-1-password", "mirror-3-password"} <= set(declared)
    assert "mirror-2-password" not in declared
    assert release["jobs"]["images"]["secrets"]["mirror-1-password"] == "${{ secrets.DOCKERHUB_TOKEN }}"
    assert release["jobs"]["images"]["secrets"]["mirror-3-password"] == "${{ secrets.QUAY_TOKEN }}"
    logins = [
        step["with"]
        for step in images["jobs"]["merge"]["steps"]
        if str(step.get("uses", "")).startswith("docker/login-action")
    ]
    assert logins[1:] == [
        {"registry": "docker.io", "username": "example-bot", "password": "${{ secrets.mirror-1-password }}"},
        {"registry": "quay.io", "username": "example+robot", "password": "${{ secrets.mirror-3-password }}"},
    ]
    # only the merge job copies to the mirrors: the build jobs never see their secrets
    for job in ("plan", "binary", "build"):
        assert "mirror-" not in json.dumps(images["jobs"][job])


def test_without_mirrors_no_mirror_secret_is_declared() -> None:
    for item in render_files("workflows", None, cwd=ROOT):
        assert "mirror" not in item.content
