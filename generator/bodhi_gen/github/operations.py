"""The API calls bodhi-gen makes, each with the words that explain its failures to a person."""

from __future__ import annotations

from bodhi_gen.github.failures import Operation

_REGENERATE = "regenerate it with `bodhi-gen workflows`, commit and push to the default branch"


def read_repo(repo: str) -> Operation:
    return Operation(
        what=f"reading repository {repo}",
        permission="Metadata: read",
        not_found=(
            f"repository {repo} not found, or the token cannot see it "
            "(GitHub answers 404 for private repositories the token has no access to)"
        ),
    )


def read_workflow(repo: str, workflow: str) -> Operation:
    return Operation(
        what=f"reading workflow {workflow} in {repo}",
        permission="Actions: read",
        not_found=(
            f"workflow {workflow} not found in repository {repo}: it must be a file in "
            f".github/workflows/ on the default branch ({_REGENERATE})"
        ),
    )


def dispatch(repo: str, workflow: str, ref: str) -> Operation:
    return Operation(
        what=f"dispatching workflow {workflow} on {repo} at ref {ref}",
        permission="Actions: write",
        permission_hint=(
            "a fine-grained token needs Actions: Read and write on the repository, a classic token the repo scope"
        ),
        not_found=f"workflow {workflow} or ref {ref} not found in repository {repo}, or the token cannot see it",
        invalid=(
            f"check that ref {ref} exists, that the inputs "
            f"(version, variants, mode) are ones {workflow} accepts, and that {workflow} with its "
            f"workflow_dispatch trigger is on the default branch ({_REGENERATE})"
        ),
        idempotent=False,
    )


def list_runs(repo: str, workflow: str) -> Operation:
    return Operation(
        what=f"listing the runs of workflow {workflow} in {repo}",
        permission="Actions: read",
        not_found=f"workflow {workflow} not found in repository {repo}",
    )


def read_run(repo: str, run_id: int) -> Operation:
    return Operation(
        what=f"reading run {run_id} of {repo}",
        permission="Actions: read",
        not_found=f"run {run_id} not found in repository {repo} (was it deleted?)",
    )


def read_package(owner: str, name: str) -> Operation:
    return Operation(
        what=f"reading the published versions of ghcr.io/{owner}/{name}",
        permission="Packages: read",
        permission_hint=(
            "the packages API takes a classic token with the read:packages scope (not a fine-grained "
            "token), or GITHUB_TOKEN with packages: read"
        ),
        not_found=(
            f"container package {name} not found for {owner} (as an organization or a user), or the "
            "token cannot see it; publish a first version, or pass --version X.Y.Z instead of --bump"
        ),
    )


def list_releases(repo: str) -> Operation:
    return Operation(
        what=f"listing the releases of {repo}",
        permission="Contents: read",
        not_found=f"repository {repo} not found (renamed or deleted?); fix or remove its pin",
    )


def read_tag(repo: str, tag: str) -> Operation:
    return Operation(
        what=f"resolving tag {tag} of {repo} to its commit",
        permission="Contents: read",
        not_found=f"tag {tag} not found in {repo}, though a release names it; try again later or pin by hand",
    )


def read_release(repo: str, tag: str) -> Operation:
    return Operation(
        what=f"reading the GitHub Release of tag {tag} in {repo}",
        permission="Contents: read",
        not_found=f"repository {repo} not found, or the token cannot see it",
    )


def write_release(repo: str, tag: str) -> Operation:
    return Operation(
        what=f"writing the GitHub Release of tag {tag} in {repo} (its text and its release.json asset)",
        permission="Contents: write",
        permission_hint="the workflow job needs `permissions: contents: write`; a fine-grained token Contents: write",
        not_found=f"repository {repo} or the release of {tag} not found, or the token cannot see it",
        invalid=f"GitHub refused the release of {tag}: check that the tag name is valid and the commit exists",
        idempotent=False,
    )
