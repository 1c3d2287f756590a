"""The API calls bodhi-gen makes, each with the words that explain its failures to a person.

Each is ``Operation(what, permission, not_found, ...)``: what the call does, the permission a 403 means is
missing, and what a 404 means.
"""

from __future__ import annotations

from bodhi_gen.github.failures import Operation

_REGENERATE = "regenerate it with `bodhi-gen workflows`, commit and push to the default branch"


def read_repo(repo: str) -> Operation:
    not_found = (
        f"repository {repo} not found, or the token cannot see it "
        "(GitHub answers 404 for private repositories the token has no access to)"
    )
    return Operation(f"reading repository {repo}", "Metadata: read", not_found)


def read_workflow(repo: str, workflow: str) -> Operation:
    not_found = (
        f"workflow {workflow} not found in repository {repo}: it must be a file in "
        f".github/workflows/ on the default branch ({_REGENERATE})"
    )
    return Operation(f"reading workflow {workflow} in {repo}", "Actions: read", not_found)


def dispatch(repo: str, workflow: str, ref: str) -> Operation:
    return Operation(
        f"dispatching workflow {workflow} on {repo} at ref {ref}",
        "Actions: write",
        f"workflow {workflow} or ref {ref} not found in repository {repo}, or the token cannot see it",
        permission_hint=(
            "a fine-grained token needs Actions: Read and write on the repository, a classic token the repo scope"
        ),
        invalid=(
            f"check that ref {ref} exists, that the inputs "
            f"(version, variants, mode) are ones {workflow} accepts, and that {workflow} with its "
            f"workflow_dispatch trigger is on the default branch ({_REGENERATE})"
        ),
        idempotent=False,
    )


def list_runs(repo: str, workflow: str) -> Operation:
    what = f"listing the runs of workflow {workflow} in {repo}"
    return Operation(what, "Actions: read", f"workflow {workflow} not found in repository {repo}")


def read_run(repo: str, run_id: int) -> Operation:
    not_found = f"run {run_id} not found in repository {repo} (was it deleted?)"
    return Operation(f"reading run {run_id} of {repo}", "Actions: read", not_found)


def read_package(owner: str, name: str) -> Operation:
    return Operation(
        f"reading the published versions of ghcr.io/{owner}/{name}",
        "Packages: read",
        f"container package {name} not found for {owner} (as an organization or a user), or the "
        "token cannot see it; publish a first version, or pass --version X.Y.Z instead of --bump",
        permission_hint=(
            "the packages API takes a classic token with the read:packages scope (not a fine-grained "
            "token), or GITHUB_TOKEN with packages: read"
        ),
    )


def list_releases(repo: str) -> Operation:
    not_found = f"repository {repo} not found (renamed or deleted?); fix or remove its pin"
    return Operation(f"listing the releases of {repo}", "Contents: read", not_found)


def read_tag(repo: str, tag: str) -> Operation:
    not_found = f"tag {tag} not found in {repo}, though a release names it; try again later or pin by hand"
    return Operation(f"resolving tag {tag} of {repo} to its commit", "Contents: read", not_found)


def read_release(repo: str, tag: str) -> Operation:
    not_found = f"repository {repo} not found, or the token cannot see it"
    return Operation(f"reading the GitHub Release of tag {tag} in {repo}", "Contents: read", not_found)


def write_release(repo: str, tag: str) -> Operation:
    return Operation(
        f"writing the GitHub Release of tag {tag} in {repo} (its text and its release.json asset)",
        "Contents: write",
        f"repository {repo} or the release of {tag} not found, or the token cannot see it",
        permission_hint="the workflow job needs `permissions: contents: write`; a fine-grained token Contents: write",
        invalid=f"GitHub refused the release of {tag}: check that the tag name is valid and the commit exists",
        idempotent=False,
    )
