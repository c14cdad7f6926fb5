"""Peak memory of a command's whole process tree (main process and workers), sampled every 20 ms.

`bench/run.py` reports the largest single process (GNU time); issue 7's memory target is about the
run, workers included, so this sums RSS, and PSS (which counts pages that forked workers share
once), over every process of the tree, from `/proc/PID/smaps_rollup` (Linux only).

    python bench/memtree.py newslint lint --no-cache -j 2 --pack antara --pack C/names.yaml C/stories
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def tree(pid: int) -> list[int]:
    """The process and its descendants (gone ones are skipped)."""
    found = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                for child in handle.read().split():
                    found += tree(int(child))
    except OSError:
        pass
    return found


def rollup(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; zeros for a process that has gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def main() -> None:
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = processes = 0
    while child.poll() is None:
        sizes = [rollup(pid) for pid in tree(child.pid)]
        peak_rss = max(peak_rss, sum(rss for rss, _ in sizes))
        peak_pss = max(peak_pss, sum(pss for _, pss in sizes))
        processes = max(processes, len(sizes))
        time.sleep(0.02)
    print(f"peak summed RSS {peak_rss / 1024:.0f} MiB, PSS {peak_pss / 1024:.0f} MiB, "
          f"up to {processes} processes; exit code {child.returncode}")


if __name__ == "__main__":
    main()
