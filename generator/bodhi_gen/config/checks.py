"""The checks behind every free-text config field, free of pydantic.

Config values end up in shell commands, Dockerfiles, a Makefile and workflow YAML, so each field
accepts only the characters its kind of value needs: no quotes, ``$``, backticks, ``${{``, spaces
or control characters anywhere. The renderers quote what they emit as well (``render/quoting.py``);
this is the first wall, and the one that tells the user which field is wrong.

``fields.py`` attaches these functions to the pydantic types.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bodhi_gen.config.llama_args import check_llama_args
from bodhi_gen.config.text import shown

_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_HOST = r"[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]+)?"
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
IMAGE_RE = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)+$")
IMAGE_REF_RE = re.compile(
    rf"^(?:{_HOST}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}})?(?:@sha256:[0-9a-f]{{64}})?$"
)
RELATIVE_RE = re.compile(r"^(?!/)(?!.*(?:^|/)\.\.(?:/|$))[A-Za-z0-9_.@+/-]+$")
RUNNER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
CARGO_FEATURE_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_][A-Za-z0-9_+.-]*)?$")
OWNER_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9_.-]+$")
PREFIX_RE = re.compile(r"^[A-Za-z0-9._/-]*$")
DOCKER_FLAG_RE = re.compile(r"^(?:--?[a-z][a-z0-9-]*(?:=[A-Za-z0-9_./:,=@+-]*)?|[A-Za-z0-9_/.][A-Za-z0-9_./:,=@+-]*)$")
COMMAND_WORD_RE = re.compile(r"^[A-Za-z0-9_./:,=@+-]+$")
NPM_SCRIPT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.-]*$")
TAG_PATTERN_RE = re.compile(r"^[A-Za-z0-9._/-]*v\*$")
# a registry user name (Docker Hub, GHCR, a robot account): no quotes, spaces or shell characters
REGISTRY_USER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]*$")
URL_RE = re.compile(r"^https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~%+/-]*)?$")
# llama-server values are free-form within their flag's rules; only what no shell or YAML needs is refused
LLAMA_UNSAFE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\"'`$\\]")
# a POSIX cron schedule as GitHub's `on.schedule` takes it: five fields of numbers, `*`, ranges, lists and steps
CRON_RE = re.compile(r"^[0-9*/,-]{1,40}(?: [0-9*/,-]{1,40}){4}$")
_CRON_ITEM_RE = re.compile(r"^(?:\*|([0-9]{1,2})(?:-([0-9]{1,2}))?)(?:/([0-9]{1,2}))?$")
# (name, lowest, highest) of each field; day of week 0-6 as GitHub documents it (actionlint refuses 7)
_CRON_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day of month", 1, 31), ("month", 1, 12), ("day of week", 0, 6))
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February: leap years run the 29th
# a repository secret's name as GitHub allows it (letters, digits, underscores; no digit first)
SECRET_NAME_RE = re.compile(r"^[A-Z_][A-Z0-9_]{0,99}$")
# a deployment environment's name: a plain word, so it needs no quoting anywhere
ENVIRONMENT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
# defaults.yaml keys and values, ENV names and values of a variant: plain words (values may hold single spaces)
DEFAULTS_KEY_RE = re.compile(r"^BODHI_[A-Z0-9_]*[A-Z0-9]$")
PLAIN_VALUE_RE = re.compile(r"^[A-Za-z0-9_.:/@+,=%-]+(?: [A-Za-z0-9_.:/@+,=%-]+)*$")
ENV_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# ENV names that change how every program in the image runs or that bodhi-gen sets: never from a config
_ENV_REFUSED_RE = re.compile(r"^(?:PATH|HOME|USER|SHELL|IFS|ENV|BASH_ENV|LD_[A-Z0-9_]*|DYLD_[A-Z0-9_]*|RUST_LOG)$")
# the release page's words: text Markdown shows as it is (no *, [, ], <, >, !, |, # or backticks)
NOTE_RE = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9 _.,:;+()/%-]*)?$")
# an on.pull_request.paths filter: a relative glob, optionally negated with a leading "!"
PATH_GLOB_RE = re.compile(r"^!?(?!/)[A-Za-z0-9_.@+*/-]+$")
# defaults.yaml keys bodhi-gen writes itself (a variant's `defaults` may not set them): the contract's,
# and BODHI_LLAMACPP_ARGS_<X> (written from the variants' llama_server_args)
CONTRACT_DEFAULTS_KEYS = (
    "BODHI_HOME",
    "HF_HOME",
    "BODHI_VERSION",
    "BODHI_COMMIT_SHA",
    "BODHI_HOST",
    "BODHI_PORT",
    "BODHI_EXEC_LOOKUP_PATH",
    "BODHI_EXEC_TARGET",
    "BODHI_EXEC_VARIANTS",
    "BODHI_EXEC_VARIANT",
    "BODHI_EXEC_NAME",
    "BODHI_LLAMACPP_ARGS",
)
MAX_TEXT = 256


def _pattern(regex: re.Pattern[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if len(value) > MAX_TEXT or not regex.fullmatch(value):
            msg = f"{shown(value)} is not {what}"
            raise ValueError(msg)
        return value

    return check


check_name = _pattern(NAME_RE, "a valid name: use lower-case letters, digits and single dashes")
check_image_repo = _pattern(IMAGE_RE, "an image repository such as ghcr.io/owner/name (lower-case, no tag)")
check_image_ref = _pattern(
    IMAGE_REF_RE, "an image reference such as ghcr.io/owner/name:tag[@sha256:...] (lower-case repository)"
)
check_relative_path = _pattern(
    RELATIVE_RE, "a relative path inside the build context (no '..', no leading '/', no spaces)"
)
check_runner_label = _pattern(RUNNER_RE, "a runner label (letters, digits, '.', '_', '-')")
check_cargo_feature = _pattern(CARGO_FEATURE_RE, "a cargo feature name such as production or crate/feature")
check_owner_name = _pattern(OWNER_NAME_RE, "a GitHub OWNER/NAME")
check_prefix = _pattern(PREFIX_RE, "a tag prefix (letters, digits, '.', '_', '/', '-')")
check_docker_flag = _pattern(
    DOCKER_FLAG_RE, "a docker run flag or its value (--name[=value], or a plain word such as /dev/dri)"
)
check_command_word = _pattern(COMMAND_WORD_RE, "a command word (letters, digits and ._/:,=@+-)")
check_npm_script = _pattern(NPM_SCRIPT_RE, "an npm script name (letters, digits and _:.-)")
check_tag_pattern = _pattern(TAG_PATTERN_RE, "a tag pattern ending with 'v*' (e.g. 'docker/v*')")
check_https_url = _pattern(URL_RE, "an https:// URL (letters, digits and ._~%+/- in the path)")
check_registry_user = _pattern(
    REGISTRY_USER_RE, "a registry user name (letters, digits and _.@+-, a letter or digit first)"
)
check_defaults_value = _pattern(PLAIN_VALUE_RE, "a plain value (letters, digits, single spaces and _.:/@+,=%-)")
check_env_value = check_defaults_value
check_note = _pattern(NOTE_RE, "release-page text (letters, digits, spaces and _.,:;+()/%-, a letter or digit first)")
check_path_glob = _pattern(PATH_GLOB_RE, "a relative path or glob such as crates/** (letters, digits and _.@+*/-)")
_check_defaults_key_text = _pattern(DEFAULTS_KEY_RE, "a defaults.yaml key: BODHI_ and upper-case letters, digits, _")
_check_env_name_text = _pattern(ENV_NAME_RE, "an environment variable name (letters, digits and _)")
_check_cron_text = _pattern(CRON_RE, "a cron schedule: five fields (minute hour day month weekday) of digits and *,-/")


def check_llama(value: str) -> str:
    if LLAMA_UNSAFE_RE.search(value):
        msg = f"{shown(value)} holds a quote, '$', a backtick, a backslash or a control character"
        raise ValueError(msg)
    return check_llama_args(value)


def check_secret_name(value: str) -> str:
    if not SECRET_NAME_RE.fullmatch(value):
        msg = f"{shown(value)} is not a repository secret name (upper-case letters, digits and _, no digit first)"
        raise ValueError(msg)
    if value.startswith("GITHUB_"):
        msg = f"{shown(value)} starts with GITHUB_, which GitHub reserves: no repository secret can have that name"
        raise ValueError(msg)
    return value


check_environment_name = _pattern(ENVIRONMENT_RE, "an environment name (letters, digits and _.-, at most 100)")


def check_cron(value: str) -> str:
    """Five fields, each item within its field's range (steps too), and a day of the month that exists."""
    _check_cron_text(value)
    allowed = [
        _cron_field(value, text, what, low, high)
        for text, (what, low, high) in zip(value.split(" "), _CRON_FIELDS, strict=True)
    ]
    _check_cron_date(value, allowed[2], allowed[3], value.split(" ")[4])
    return value


def _cron_field(value: str, text: str, what: str, low: int, high: int) -> set[int]:
    """The values one field allows; ``ValueError`` naming the field when an item is out of its range."""
    allowed: set[int] = set()
    for item in text.split(","):
        match = _CRON_ITEM_RE.fullmatch(item)
        if match is None:
            msg = f"{shown(value)}: {what} {item!r} is not *, a number, a range or a step (at most two digits each)"
            raise ValueError(msg)
        first, last, step = (None if n is None else int(n) for n in match.groups())
        if first is None:  # * or */step
            start, end = low, high
        else:  # n, n/step (n to the field's end), a-b, a-b/step
            start, end = first, (last if last is not None else high if step is not None else first)
        if not (low <= start <= high and low <= end <= high):
            msg = f"{shown(value)}: {what} {item!r} is outside {low}-{high}"
            raise ValueError(msg)
        if start > end:
            msg = f"{shown(value)}: {what} range {item!r} runs backwards"
            raise ValueError(msg)
        if step is not None and not 1 <= step <= high - low + 1:
            msg = f"{shown(value)}: {what} step {item!r} must be between 1 and {high - low + 1}"
            raise ValueError(msg)
        allowed.update(range(start, end + 1, step or 1))
    return allowed


def _check_cron_date(value: str, days: set[int], months: set[int], weekdays: str) -> None:
    """A schedule that needs its day of the month (the weekday field starts with ``*``, so cron ANDs the two
    fields) must name a day that some month it runs in has."""
    if not weekdays.startswith("*") or any(day <= _DAYS_IN_MONTH[month - 1] for month in months for day in days):
        return
    days_text, months_text = (", ".join(map(str, sorted(numbers))) for numbers in (days, months))
    msg = f"{shown(value)}: day of month {days_text} never comes in month {months_text}, so it never runs"
    raise ValueError(msg)


def check_defaults_key(value: str) -> str:
    _check_defaults_key_text(value)
    if value in CONTRACT_DEFAULTS_KEYS or value.startswith("BODHI_LLAMACPP_ARGS"):
        msg = (
            f"{shown(value)} is written by bodhi-gen itself (port, exec_variant, llama_server_args and "
            "shared_llama_server_args set what it may)"
        )
        raise ValueError(msg)
    return value


def check_env_name(value: str) -> str:
    _check_env_name_text(value)
    if value.startswith("BODHI_"):
        msg = f"{shown(value)}: BodhiApp settings go under the variant's defaults (defaults.yaml), not env"
        raise ValueError(msg)
    if _ENV_REFUSED_RE.fullmatch(value):
        msg = f"{shown(value)} is not settable: it changes how every program in the image runs, or bodhi-gen sets it"
        raise ValueError(msg)
    return value
