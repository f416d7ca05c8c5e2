"""Benchmark privacymap against the cost of merely parsing its YAML.

    python benchmarks/run.py            # 100, 1,000 and 10,000 activities + Lancashire
    python benchmarks/run.py --quick    # smallest size once (CI smoke test); writes nothing

For each map it measures, in the same run:

- the floor: `yaml.load(..., Loader=yaml.CSafeLoader)` over the same files;
- whole processes: `python -c pass`, `privacymap check MAP` and
  `privacymap build MAP --draft --no-per-activity-diagrams` (wall time and peak RSS);
- in-process phases, in a fresh worker process per map: load, resolve, check
  (rules + gate), and each emitter (notice, ROPA, graph overview), with the
  worker's peak RSS.

Every figure is the median of several runs (fewer for the largest size) and is
shown as a ratio to the floor; the growth ratio 1k -> 10k is given per phase.
The results, the machine and the cold-start import figures go into
`benchmarks/RESULTS.md`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LANCASHIRE = ROOT / "notices" / "lancashire-cfw"
SIZES = (100, 1_000, 10_000)
PHASES = ("load", "resolve", "check", "notice", "ropa", "graph")
HEAVY = ("jinja2", "networkx", "graphviz", "xlsxwriter", "markdown_it", "openpyxl")
TODAY = "2026-06-01"


# --------------------------------------------------------------------------- worker


def _worker(path: str, runs: int) -> None:
    """In-process phase times for one map; prints JSON. Runs in its own process."""
    import resource

    import yaml

    from privacymap import gate
    from privacymap.checks import Context, run_checks
    from privacymap.config import find_config, load_config
    from privacymap.index import build_index
    from privacymap.loader import load
    from privacymap.output import EmitContext
    from privacymap.pipeline import emitter, law_date
    from privacymap.yamlio import gc_paused

    files = sorted(p for p in Path(path).iterdir() if p.suffix in (".yaml", ".yml"))
    today = dt.date.fromisoformat(TODAY)
    config = load_config(find_config(Path(path)))
    times: dict[str, list[float]] = {name: [] for name in ("floor", *PHASES)}
    counts: dict[str, int] = {}
    emitters = {
        "notice": emitter("notice"),
        "ropa": emitter("ropa"),
        "graph": emitter("graph"),
    }
    for _ in range(runs):
        # The floor runs as privacymap's loader does, with the cyclic garbage collector
        # paused (`gc_paused`): with it on, every few hundred allocations rescan all
        # the nodes built so far, which doubles the floor at 10k and flatters the ratios.
        start = time.perf_counter()
        with gc_paused():
            for file in files:
                yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        times["floor"].append(time.perf_counter() - start)

        start = time.perf_counter()
        loaded = load(path)
        times["load"].append(time.perf_counter() - start)
        assert loaded.datamap is not None, [str(d) for d in loaded.diagnostics]

        start = time.perf_counter()
        index, problems = build_index(loaded)
        times["resolve"].append(time.perf_counter() - start)

        start = time.perf_counter()
        law_as_at, _reason = law_date(index, today, None)
        findings = run_checks(index, Context(today=today, law_as_at=law_as_at))
        findings = gate.apply_waivers(gate.apply_config(findings, config), index, today)
        times["check"].append(time.perf_counter() - start)
        diagnostics = (*loaded.diagnostics, *problems, *findings)

        context = EmitContext(
            index=index,
            diagnostics=diagnostics,
            draft=True,
            options={"per_activity_diagrams": False},
        )
        for name, emit in emitters.items():
            start = time.perf_counter()
            emit(context)
            times[name].append(time.perf_counter() - start)
        counts = {
            "activities": len(index.datamap.activities),
            "flows": len(index.flows),
            "load_resolve_diagnostics": len(loaded.diagnostics) + len(problems),
            "findings": len(findings),
            "bytes": sum(f.stat().st_size for f in files),
            "files": len(files),
        }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"times": times, "counts": counts, "peak_rss": peak}))


# --------------------------------------------------------------------------- parent


def _run(
    cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> tuple[float, int, int]:
    """Wall time, peak RSS (bytes) and exit status of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss * 1024, process.returncode


def _median_process(cmd: list[str], runs: int) -> tuple[float, int]:
    results = [_run(cmd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def _cli() -> list[str]:
    """The `privacymap` console script beside this Python (as users run it), else `-m`."""
    script = Path(sys.executable).with_name("privacymap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "privacymap"]


def paired_cold_start(runs: int) -> dict[str, float]:
    """`python -c pass` and `privacymap check LANCASHIRE` alternately, `runs` pairs.

    Alternating pairs see the same load on a shared machine; the ratio is the
    median of the per-pair ratios. The first check of a version builds the data
    map's validator and the parsed package data in the user cache, so the
    checks run with a cache of their own, empty at first: the first check is
    the one after installing, reported on its own; the pairs find it warm.
    """
    check = [*_cli(), "check", str(LANCASHIRE), "--today", TODAY]
    passes, checks = [], []
    with tempfile.TemporaryDirectory(prefix="privacymap-cache-") as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        first = _run(check, env=env)[0]
        for _ in range(runs):
            passes.append(_run([sys.executable, "-c", "pass"])[0])
            checks.append(_run(check, env=env)[0])
    return {
        "pass": statistics.median(passes),
        "check": statistics.median(checks),
        "ratio": statistics.median(c / p for p, c in zip(passes, checks, strict=True)),
        "first_check": first,
        "runs": runs,
    }


def measure(name: str, path: Path, runs: int, out: Path) -> dict[str, object]:
    """All figures of one map."""
    worker = subprocess.run(
        [sys.executable, __file__, "--worker", str(path), "--runs", str(runs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if worker.returncode != 0:
        raise SystemExit(f"worker failed on {path}:\n{worker.stderr}")
    data = json.loads(worker.stdout.strip().splitlines()[-1])
    phases = {k: statistics.median(v) for k, v in data["times"].items()}
    check_time, check_rss = _median_process([*_cli(), "check", str(path), "--today", TODAY], runs)
    build_out = out / f"build-{name}"
    build_time, build_rss = _median_process(
        [
            *_cli(),
            "build",
            str(path),
            "--draft",
            "--no-per-activity-diagrams",
            "-o",
            str(build_out),
            "--today",
            TODAY,
        ],
        runs,
    )
    return {
        "name": name,
        "runs": runs,
        "phases": phases,
        "counts": data["counts"],
        "worker_rss": data["peak_rss"],
        "check_process": check_time,
        "check_rss": check_rss,
        "build_process": build_time,
        "build_rss": build_rss,
    }


def importtime(code: str) -> tuple[float, list[tuple[str, float]], list[str]]:
    """Total import time (s), packages by their modules' own import time, heavy modules.

    Each module's *self* time is added to its top-level package, so a package
    imported by another (pydantic by privacymap.model) is counted once, as itself.
    """
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    by_package: dict[str, float] = {}
    names: list[str] = []
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            name = match.group(4)
            names.append(name)
            package = name.split(".")[0]
            by_package[package] = by_package.get(package, 0.0) + int(match.group(1)) / 1e6
    total = sum(by_package.values())
    heavy = sorted({n for n in names if n.split(".")[0] in HEAVY})
    top = sorted(by_package.items(), key=lambda r: -r[1])
    return total, top[:12], heavy


def instructions(cmd: list[str]) -> int | None:
    """Instructions executed by `cmd` under callgrind (None without valgrind)."""
    if not shutil.which("valgrind"):
        return None
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"Collected : (\d+)", result.stderr)
    return int(match.group(1)) if match else None


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1_048_576:.1f} GiB"
    except OSError:
        pass
    import yaml

    return [
        f"- CPU: {cpu}; {os.cpu_count()} logical cores (usable: {len(os.sched_getaffinity(0))})",
        f"- Memory: {memory}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"PyYAML {yaml.__version__} with LibYAML: {hasattr(yaml, 'CSafeLoader')}",
    ]


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def table(results: list[dict[str, object]], baseline: float) -> str:
    head = ["map", "activities", "flows", "runs", "floor (yaml C)"]
    head += [*PHASES, "check (process)", "build (process)", "peak RSS"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        phases: dict[str, float] = r["phases"]  # type: ignore[assignment]
        counts: dict[str, int] = r["counts"]  # type: ignore[assignment]
        floor = phases["floor"]
        cells = [
            str(r["name"]),
            f"{counts['activities']:,}",
            f"{counts['flows']:,}",
            str(r["runs"]),
            _fmt(floor),
        ]
        cells += [f"{_fmt(phases[p])} ({phases[p] / floor:.1f}x)" for p in PHASES]
        for key in ("check_process", "build_process"):
            value: float = r[key]  # type: ignore[assignment]
            cells.append(f"{_fmt(value)} ({value / floor:.1f}x; {value / baseline:.1f}x pass)")
        rss = max(r["worker_rss"], r["check_rss"], r["build_rss"])  # type: ignore[type-var]
        cells.append(f"{rss / 1_048_576:.0f} MiB")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth(results: list[dict[str, object]]) -> str:
    by = {r["name"]: r for r in results}
    if "1000" not in by or "10000" not in by:
        return ""
    small, big = by["1000"], by["10000"]
    lines = ["| phase | 1k | 10k | growth (target <= 11x) |", "|---|---|---|---|"]
    for phase in ("floor", *PHASES):
        a = small["phases"][phase]  # type: ignore[index]
        b = big["phases"][phase]  # type: ignore[index]
        lines.append(f"| {phase} | {_fmt(a)} | {_fmt(b)} | {b / a:.1f}x |")
    for key in ("check_process", "build_process"):
        a, b = small[key], big[key]
        lines.append(f"| {key.replace('_', ' ')} | {_fmt(a)} | {_fmt(b)} | {b / a:.1f}x |")  # type: ignore[operator]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smallest size, once; no RESULTS.md")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--runs", type=int, default=3, help="runs per figure")
    parser.add_argument(
        "--large-runs", type=int, default=1, help="runs per figure for 10,000 activities and more"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-lancashire", action="store_true")
    parser.add_argument(
        "--pairs", type=int, default=25, help="pass/check pairs for the cold-start ratio"
    )
    parser.add_argument(
        "--callgrind", action="store_true", help="count cold-start instructions with valgrind"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.runs)
        return 0
    try:
        import privacymap
    except ImportError:
        raise SystemExit(
            "privacymap is not installed for this Python; run `make venv`, then "
            "`.venv/bin/python benchmarks/run.py`"
        ) from None
    # Byte-compile the package as `pip install` does: an editable install under
    # PYTHONDONTWRITEBYTECODE (set in some CI and sandbox shells) would otherwise
    # recompile ~30 modules in every measured process (~40 ms of cold start).
    import compileall

    compileall.compile_dir(str(Path(privacymap.__file__).parent), quiet=1)

    sys.path.insert(0, str(HERE))
    from generate import write

    if not args.quick:
        args.results.parent.mkdir(parents=True, exist_ok=True)
    sizes = [SIZES[0]] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    runs = 1 if args.quick else args.runs
    with tempfile.TemporaryDirectory(prefix="privacymap-bench-") as tmp:
        out = Path(tmp)
        baseline, _ = _median_process([sys.executable, "-c", "pass"], max(runs, 5))
        print(f"python -c pass: {_fmt(baseline)}", flush=True)
        results = []
        maps: list[tuple[str, Path, int]] = []
        if not args.no_lancashire and not args.quick and LANCASHIRE.is_dir():
            maps.append(("lancashire-cfw", LANCASHIRE, runs))
        for size in sizes:
            folder = out / f"map-{size}"
            write(size, args.seed, folder)
            maps.append((str(size), folder, min(runs, args.large_runs) if size >= 10_000 else runs))
        for name, path, n in maps:
            started = time.perf_counter()
            results.append(measure(name, path, n, out))
            if not args.quick:  # keep what was measured if a later size is interrupted
                partial = args.results.with_suffix(".partial.json")
                partial.write_text(json.dumps({"baseline": baseline, "results": results}))
            print(
                f"measured {name} ({n} runs) in {time.perf_counter() - started:.0f} s", flush=True
            )
            counts = results[-1]["counts"]
            if name != "lancashire-cfw" and counts["load_resolve_diagnostics"]:  # type: ignore[index]
                raise SystemExit(f"the generated map {name} has load/resolve diagnostics")

    main_table = table(results, baseline)
    growth_table = growth(results)
    print()
    print(main_table)
    if growth_table:
        print()
        print(growth_table)
    if args.quick:
        return 0

    cold = paired_cold_start(args.pairs)
    print(
        f"cold start: check {_fmt(cold['check'])} = {cold['ratio']:.1f}x python -c pass "
        f"({_fmt(cold['pass'])}), {args.pairs} pairs",
        flush=True,
    )
    check_code = (
        "import sys; from privacymap.launcher import main; sys.argv = ['privacymap', 'check', "
        f"{str(LANCASHIRE)!r}]\ntry:\n main()\nexcept SystemExit:\n pass"
    )
    chk_total, chk_top, chk_heavy = importtime(check_code)
    check_command = [*_cli(), "check", str(LANCASHIRE), "--today", TODAY]
    counted = (
        (instructions([sys.executable, "-c", "pass"]), instructions(check_command))
        if args.callgrind
        else (None, None)
    )
    load = os.getloadavg()
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `python benchmarks/run.py` on {dt.date.today().isoformat()} "
        f"(seed {args.seed}; `python -c pass` = {_fmt(baseline)} in the same run).",
        "",
        "## Machine",
        "",
        *machine(),
        f"- Load average when the run ended: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} "
        f"(1, 5, 15 min) on {os.cpu_count()} cores",
        "",
        "## Times",
        "",
        "Medians of the number of runs shown; ratio to the YAML floor in brackets. The floor "
        "is `yaml.load` with LibYAML over the same files, with the garbage collector paused "
        "as privacymap's loader pauses it. "
        "Phases are in-process in a fresh worker per map (load = parse + merge + validate; "
        "resolve = index; check = rules + gate; notice, ROPA and graph overview are the "
        "emitters, graph without per-activity diagrams). Process figures are whole "
        "`privacymap check` and `privacymap build --draft --no-per-activity-diagrams` runs "
        "(also as a multiple of `python -c pass`), with the package byte-compiled first as "
        "`pip install` does. Peak RSS is the largest of the worker, check and build processes. "
        "The notice emitter runs first and builds the data-flow graph, which the graph "
        "emitter then reuses (one build per index).",
        "",
        main_table,
        "",
    ]
    if growth_table:
        lines += ["## Growth 1,000 -> 10,000 activities", "", growth_table, ""]
    lines += [
        "## Cold start",
        "",
        f"- `privacymap check notices/lancashire-cfw`, {cold['runs']} pairs alternating with "
        f"`python -c pass`: median {_fmt(cold['check'])} against {_fmt(cold['pass'])}; median "
        f"of the pairs' ratios **{cold['ratio']:.1f}x**. The first check after installing (it "
        f"builds the validator cache): {_fmt(cold['first_check'])}.",
    ]
    if counted[0] and counted[1]:
        lines.append(
            f"- Instructions (callgrind): `python -c pass` {counted[0]:,}; the check "
            f"{counted[1]:,} = {counted[1] / counted[0]:.1f}x."
        )
    lines += [
        f"- `python -X importtime` of the check: {_fmt(chk_total)} of imports; heavy modules "
        f"imported: {', '.join(chk_heavy) or 'none'}.",
        "- Import time by package (each module's own time): "
        + ", ".join(f"`{n}` {_fmt(t)}" for n, t in chk_top),
        "",
        "<!-- targets -->",
        "",
    ]
    text = "\n".join(lines)
    previous = args.results.read_text() if args.results.exists() else ""
    marker = "<!-- targets -->"
    if marker in previous:  # keep the hand-written assessment below the marker
        text += previous.split(marker, 1)[1].lstrip("\n")
    args.results.write_text(text)
    (args.results.with_suffix(".json")).write_text(
        json.dumps({"baseline": baseline, "results": results}, indent=1)
    )
    args.results.with_suffix(".partial.json").unlink(missing_ok=True)
    print(f"\nwrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
