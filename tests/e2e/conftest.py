"""End-to-end fixtures: the engine and the stand-in images of tests/engine, shared for the whole session."""

# ruff: noqa: F401 - fixtures are requested by parameter name
from tests.engine.conftest import base_image, builder_image, docker, engine, registry
