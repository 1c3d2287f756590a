"""The plan: config → build units and merge groups, the image contract, and CLI selection → units."""

from bodhi_gen.plan.build import build_plan, source_date_epoch, tags_for
from bodhi_gen.plan.contract import DOWNLOAD_SECRET_ID, EXEC_NAME
from bodhi_gen.plan.units import (
    BINARY_VARIANT,
    COMMIT_PLACEHOLDER,
    VERSION_PLACEHOLDER,
    BinaryUnit,
    BuildInfo,
    BuildUnit,
    CacheSpec,
    MergeGroup,
    Plan,
    SecretSpec,
    Selection,
    VariantPlan,
)

__all__ = [
    "BINARY_VARIANT",
    "COMMIT_PLACEHOLDER",
    "DOWNLOAD_SECRET_ID",
    "EXEC_NAME",
    "VERSION_PLACEHOLDER",
    "BinaryUnit",
    "BuildInfo",
    "BuildUnit",
    "CacheSpec",
    "MergeGroup",
    "Plan",
    "SecretSpec",
    "Selection",
    "VariantPlan",
    "build_plan",
    "source_date_epoch",
    "tags_for",
]
