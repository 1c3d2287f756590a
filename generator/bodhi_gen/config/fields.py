"""Strict text types for every free-text config field: the checks in ``checks.py``, as pydantic types.

Each type also carries its pattern into the JSON schema, so editors flag a bad value too (pydantic's
own ``pattern`` would run Rust's regex engine, which has no lookahead).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from bodhi_gen.config import checks


def _schema(regex: re.Pattern[str]) -> Any:
    return Field(json_schema_extra={"pattern": regex.pattern})


Name = Annotated[str, AfterValidator(checks.check_name), _schema(checks.NAME_RE)]
ImageRepo = Annotated[str, AfterValidator(checks.check_image_repo), _schema(checks.IMAGE_RE)]
ImageRef = Annotated[str, AfterValidator(checks.check_image_ref), _schema(checks.IMAGE_REF_RE)]
RelativePath = Annotated[str, AfterValidator(checks.check_relative_path), _schema(checks.RELATIVE_RE)]
RunnerLabel = Annotated[str, AfterValidator(checks.check_runner_label), _schema(checks.RUNNER_RE)]
CargoFeature = Annotated[str, AfterValidator(checks.check_cargo_feature), _schema(checks.CARGO_FEATURE_RE)]
OwnerName = Annotated[str, AfterValidator(checks.check_owner_name), _schema(checks.OWNER_NAME_RE)]
Prefix = Annotated[str, AfterValidator(checks.check_prefix), _schema(checks.PREFIX_RE)]
DockerFlag = Annotated[str, AfterValidator(checks.check_docker_flag), _schema(checks.DOCKER_FLAG_RE)]
CommandWord = Annotated[str, AfterValidator(checks.check_command_word), _schema(checks.COMMAND_WORD_RE)]
NpmScript = Annotated[str, AfterValidator(checks.check_npm_script), _schema(checks.NPM_SCRIPT_RE)]
TagPattern = Annotated[str, AfterValidator(checks.check_tag_pattern), _schema(checks.TAG_PATTERN_RE)]
HttpsUrl = Annotated[str, AfterValidator(checks.check_https_url), _schema(checks.URL_RE)]
RegistryUser = Annotated[str, AfterValidator(checks.check_registry_user), _schema(checks.REGISTRY_USER_RE)]
Cron = Annotated[str, AfterValidator(checks.check_cron), _schema(checks.CRON_RE)]
SecretName = Annotated[str, AfterValidator(checks.check_secret_name), _schema(checks.SECRET_NAME_RE)]
EnvironmentName = Annotated[str, AfterValidator(checks.check_environment_name), _schema(checks.ENVIRONMENT_RE)]
LlamaArgs = Annotated[str, AfterValidator(checks.check_llama)]
DefaultsKey = Annotated[str, AfterValidator(checks.check_defaults_key), _schema(checks.DEFAULTS_KEY_RE)]
DefaultsValue = Annotated[str, AfterValidator(checks.check_defaults_value), _schema(checks.PLAIN_VALUE_RE)]
EnvName = Annotated[str, AfterValidator(checks.check_env_name), _schema(checks.ENV_NAME_RE)]
EnvValue = Annotated[str, AfterValidator(checks.check_env_value), _schema(checks.PLAIN_VALUE_RE)]
NoteText = Annotated[str, AfterValidator(checks.check_note), _schema(checks.NOTE_RE)]
PathGlob = Annotated[str, AfterValidator(checks.check_path_glob), _schema(checks.PATH_GLOB_RE)]
# fields that are one plain word of a fixed kind
PasswordSecret = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]*$", max_length=100)]
