"""Peak resident memory of this process's program, for the benches that run a child per measure.

Linux's `ru_maxrss` keeps the high-water mark across `exec`, so a child started by a large bench
process reports at least the parent's resident set at the fork; `VmHWM` in /proc/self/status
starts afresh at `exec` and is the program's own.
"""

from __future__ import annotations

import resource
from pathlib import Path

STATUS = Path("/proc/self/status")


def peak_mib() -> float:
    """This program's peak resident memory in MiB (VmHWM; ru_maxrss where /proc is absent)."""
    if STATUS.is_file():
        for line in STATUS.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
