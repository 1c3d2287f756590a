"""What one variant's image is set up with beyond the build args: its defaults.yaml entries and ENV lines.

The Dockerfile writes them, the smoke test expects them, the Makefile and the release page publish the
port: each reads them from here, decided once per variant.
"""

from __future__ import annotations

from dataclasses import dataclass

from bodhi_gen.config.models import Config, Variant
from bodhi_gen.config.rules import DEPLOYMENT_KEY, STANDALONE
from bodhi_gen.plan.contract import LLAMACPP_ARGS_KEY, args_key


@dataclass(frozen=True)
class ImageSettings:
    """A variant's own defaults.yaml values (the contract's fixed ones aside) and its extra ENV lines."""

    exec_variant: str
    port: int
    deployment: str
    # BODHI_LLAMACPP_ARGS: every exec variant's llama-server gets these
    shared_args: str
    # BODHI_LLAMACPP_ARGS_<X> -> the args of variant X, for each exec variant X that is a configured variant
    # with arguments
    exec_args: tuple[tuple[str, str], ...]
    # the config's other BODHI_* keys, in config order
    extra: tuple[tuple[str, str], ...]
    env: tuple[tuple[str, str], ...]

    @property
    def defaults(self) -> dict[str, str]:
        """These values as defaults.yaml keys (what the smoke test reads back, besides the build args')."""
        return {
            DEPLOYMENT_KEY: self.deployment,
            "BODHI_PORT": str(self.port),
            LLAMACPP_ARGS_KEY: self.shared_args,
            **dict(self.exec_args),
            **dict(self.extra),
        }

    @property
    def llama_args(self) -> tuple[str, ...]:
        """Every llama-server argument string the image carries (what runtime flags they need is decided from)."""
        return (self.shared_args, *(value for _, value in self.exec_args))


def image_settings(config: Config, variant: Variant) -> ImageSettings:
    by_name = {v.name: v for v in config.variants}
    exec_args = tuple(
        (args_key(name), by_name[name].llama_server_args)
        for name in variant.resolved_exec_variants
        if name in by_name and by_name[name].llama_server_args
    )
    shared = variant.shared_llama_server_args
    return ImageSettings(
        exec_variant=variant.resolved_exec_variant,
        port=variant.port,
        deployment=variant.defaults.get(DEPLOYMENT_KEY, STANDALONE),
        shared_args=config.llama_server_args if shared is None else shared,
        exec_args=exec_args,
        extra=tuple((key, value) for key, value in variant.defaults.items() if key != DEPLOYMENT_KEY),
        env=tuple(variant.env.items()),
    )
