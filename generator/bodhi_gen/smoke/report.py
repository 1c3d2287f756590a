"""The smoke test's result: a JSON report for CI artifacts, lines for people, a summary row."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bodhi_gen.files import write_text
from bodhi_gen.gha import SummaryRow
from bodhi_gen.smoke.checks import Check


@dataclass(frozen=True)
class GpuOutcome:
    """``not-needed`` (CPU variant), ``checked`` (devices given, probe run) or ``skipped`` (no such GPU)."""

    kind: str
    status: str
    detail: str = ""


@dataclass
class SmokeReport:
    image: str
    variant: str
    mode: str
    platform: str
    version: str
    gpu: GpuOutcome
    passed: bool = False
    failure: str | None = None
    healthy_after_s: float | None = None
    duration_s: float | None = None
    exit_code: int | None = None
    run_flags: list[str] = field(default_factory=list)
    # how the GPU reached the container: the configured device flags, or explicit --device flags after
    # --gpus failed (no NVIDIA container toolkit); None when no GPU was handed over
    gpu_access: str | None = None
    checks: list[Check] = field(default_factory=list)
    logs_tail: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"

    def lines(self) -> list[str]:
        head = f"smoke test of {self.image} ({self.variant}/{self.mode}, {self.platform})"
        lines = [head]
        if self.healthy_after_s is not None:
            lines.append(f"  healthy after {self.healthy_after_s:.1f} s")
        lines += [f"  {'ok  ' if c.passed else 'FAIL'} {c.name}: {c.detail}" for c in self.checks]
        if self.gpu_access is not None:
            lines.append(f"  GPU through {self.gpu_access}: {' '.join(self.run_flags)}")
        if self.gpu.status == "skipped":
            lines.append(self.gpu.detail)
        verdict = "passed" if self.passed else f"FAILED: {self.failure}"
        lines.append(f"{verdict} ({self.duration_s or 0:.1f} s)")
        return lines

    def summary_row(self) -> SummaryRow:
        if self.passed:
            result = f"passed: healthy after {self.healthy_after_s or 0:.1f} s, {len(self.checks)} checks"
        else:
            result = f"FAILED: {self.failure}"
        if self.gpu.status == "skipped":
            result += f"; {self.gpu.detail}"
        elif self.gpu.status == "checked":
            result += f"; GPU ({self.gpu.kind}) visible"
            if self.gpu_access is not None:
                result += f" through {self.gpu_access}"
        return SummaryRow("smoke test", self.image, self.platform, None, (), result)


def write_report(path: Path, report: SmokeReport) -> None:
    write_text(path, report.to_json(), "smoke report")
