"""`make bench` (engine part): `supervise check` on generated large authorities.

Prints, at 1x, 2x and 4x the issue's size (1,500 staff, 15,000 open children, 3 years):
- the floor: merely parsing the same CSV files with Python's csv module (a fresh process),
- the whole `supervise check` command (a fresh process, as a user runs it), its ratio to the
  floor, and its peak memory,
- seconds per 100,000 rows, to show the time grows linearly.
Figures only, no assertions: machines are noisy; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SUPERVISE = Path(sys.executable).parent / "supervise"
AS_OF = "2026-11-22"
BASE_STAFF, BASE_CHILDREN, YEARS = 1500, 15000, 3

FLOOR = """
import csv, sys, pathlib
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.csv")):
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            pass
"""


def folder_for(scale: int) -> Path:
    folder = OUT / f"authority-x{scale}"
    if not (folder / "staff.csv").is_file():
        print(f"  generating {folder.name} …", flush=True)
        subprocess.run(
            [str(SUPERVISE), "generate", str(folder), "--staff", str(BASE_STAFF * scale),
             "--children", str(BASE_CHILDREN * scale), "--years", str(YEARS), "--seed", "1",
             "--as-of", AS_OF],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    return folder


def timed(command: list[str], repeat: int) -> tuple[float, int]:
    """Median wall seconds over `repeat` runs, and the peak RSS (KB) of the largest run."""
    times, peak = [], 0
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return statistics.median(times), peak


def rows_in(folder: Path) -> int:
    return sum(max(0, sum(1 for _ in p.open(encoding="utf-8")) - 1) for p in folder.glob("*.csv"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,2,4")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--policy", default="hull")
    args = parser.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    print(f"supervise check --policy {args.policy} --as-of {AS_OF} (median of {args.repeat})")
    header = (f"{'scale':>5} {'rows':>10} {'floor s':>8} {'check s':>8} {'ratio':>6} "
              f"{'peak MB':>8} {'s/100k rows':>12}")  # fmt: skip
    results = []
    for scale in scales:
        folder = folder_for(scale)
        rows = rows_in(folder)
        floor, _ = timed([sys.executable, "-c", FLOOR, str(folder)], args.repeat)
        check, peak = timed(
            [str(SUPERVISE), "check", str(folder), "--policy", args.policy, "--as-of", AS_OF,
             "--format", "json"],
            args.repeat,
        )  # fmt: skip
        results.append((scale, rows, floor, check, peak))
    print(header)
    for scale, rows, floor, check, peak in results:
        print(f"{scale:>4}x {rows:>10,} {floor:>8.2f} {check:>8.2f} {check / floor:>6.2f} "
              f"{peak / 1024:>8.0f} {check / rows * 100_000:>12.3f}")  # fmt: skip
    first = results[0]
    for scale, rows, _, check, _ in results[1:]:
        growth = (check / first[3]) / (rows / first[1])
        print(f"{scale}x: time grew {check / first[3]:.2f}x for {rows / first[1]:.2f}x the rows "
              f"(1.00 = linear; {growth:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
