#!/usr/bin/python3
"""The analyzer's cost on a realistic codebase (issue 4), on demand and not in CI.

Generates a corpus in a scratch folder: 200 translation units that include standard headers (<string> <vector>
<map> <functional> <chrono> <regex> ...) and project headers, 5 of them declaring jobs, and its
compile_commands.json. Then times, in the same run and with the database's flags:

  * `clang-19 -fsyntax-only` on each of the 5 job units (the floor: one parse each),
  * `cronc -p BUILD -j1 --no-cache UNIT` on each job unit,
  * `cronc -p BUILD -j1 --no-cache` and `-j2` on the whole corpus,
  * with the cache warm: `cronc -p BUILD -j1` after editing one job unit, and with nothing changed, each against
    `cronc --no-cache` on that unit alone, measured beside them,

and prints the ratios against the targets: per job unit <= 0.6x clang (cronc skips the bodies of functions that
cannot hold a job), the whole corpus <= 1.5x the 5 parses (that is the pre-filter's job), -j1 / -j2 >= 1.8, a
rerun after one edit <= 1.5x one unit, a rerun with nothing changed <= 0.2x one unit. A parse cannot be split, so
5 parses on 2 threads reach 1.8x only because cronc starts the units whose own text names CronJob first and the
other thread's scans fill the gap.

Timing uses Python's clock and the child's CPU time (getrusage), in --runs rounds after one warm-up round, one
run of each command per round; ratios are of the medians.

    bench/analyzer_corpus.py [--cronc build/tool/cronc] [--runs 5] [--corpus /tmp/cronc-corpus]
"""

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent.parent
STD_HEADERS = ["string", "vector", "map", "functional", "chrono", "regex"]
MORE_HEADERS = ["algorithm", "memory", "optional", "unordered_map", "sstream", "stdexcept", "numeric", "set"]
MODULES = 20

# Code that uses each header, so that the parse instantiates templates as real code does.
USES = {
    "string": "std::string {f}(std::string_view s) {{ std::string r(s); r += \"-{n}\"; return r; }}",
    "vector": "int {f}(const std::vector<int>& v) {{ int t = 0; for (int x : v) t += x * {n}; return t; }}",
    "map": "int {f}(const std::map<std::string, int>& m) {{ auto it = m.find(\"k{n}\"); "
           "return it == m.end() ? 0 : it->second; }}",
    "functional": "int {f}(const std::function<int(int)>& g) {{ return g({n}) + std::hash<int>{{}}({n}) % 7; }}",
    "chrono": "long {f}() {{ using namespace std::chrono; return duration_cast<seconds>(minutes{{{n}}}).count(); }}",
    "regex": "bool {f}(const std::string& s) {{ static const std::regex r(\"^item-[0-9]+-{n}$\"); "
             "return std::regex_match(s, r); }}",
    "algorithm": "void {f}(std::vector<int>& v) {{ std::sort(v.begin(), v.end()); }}",
    "memory": "std::shared_ptr<int> {f}() {{ return std::make_shared<int>({n}); }}",
    "optional": "std::optional<int> {f}(int x) {{ if (x > {n}) return x; return std::nullopt; }}",
    "unordered_map": "int {f}(const std::unordered_map<int, int>& m) {{ return m.count({n}) ? m.at({n}) : 0; }}",
    "sstream": "std::string {f}(int x) {{ std::ostringstream o; o << x << '/' << {n}; return o.str(); }}",
    "stdexcept": "void {f}(int x) {{ if (x < 0) throw std::invalid_argument(\"negative {n}\"); }}",
    "numeric": "long {f}(const std::vector<long>& v) {{ return std::accumulate(v.begin(), v.end(), {n}L); }}",
    "set": "bool {f}(const std::set<int>& s) {{ return s.contains({n}); }}",
}
NEEDS = {"map": ["string"], "regex": ["string"], "algorithm": ["vector"], "unordered_map": [],
         "sstream": ["string"], "numeric": ["vector"]}


def includes_for(headers):
    needed = list(headers)
    for header in headers:
        needed += NEEDS.get(header, [])
    return sorted(set(needed))


def module_header(k, rng):
    headers = includes_for(rng.sample(STD_HEADERS + MORE_HEADERS, 3))
    lines = ["#pragma once"] + [f"#include <{h}>" for h in headers] + ["", f"namespace corpus::module{k} {{", ""]
    if "string" in headers:
        lines += [f"struct Record{k} {{", "  std::string name;", "  int value = 0;",
                  f"  int weight() const {{ return value * {k + 1}; }}", "};", ""]
    else:
        lines += [f"struct Record{k} {{ int value = 0; }};", ""]
    for i, header in enumerate(headers):
        lines.append("inline " + USES[header].format(f=f"helper{i}", n=k))
    lines += ["", f"}}  // namespace corpus::module{k}", ""]
    return "\n".join(lines)


def unit_source(index, rng, job_unit):
    headers = STD_HEADERS + ["algorithm"] if job_unit else rng.sample(STD_HEADERS, rng.randint(2, 4))
    headers = includes_for(headers + rng.sample(MORE_HEADERS, 2))
    modules = sorted(rng.sample(range(MODULES), 2))
    lines = [f"// Translation unit {index} of the cronc analyzer corpus."]
    if job_unit:
        lines.append("#include <cron/cron.hpp>")
    lines += [f'#include "corpus/module{k}.hpp"' for k in modules]
    lines += [f"#include <{h}>" for h in headers] + ["", f"namespace corpus::unit{index} {{", ""]
    for i, header in enumerate(headers):
        lines.append(USES[header].format(f=f"use{i}", n=index))
    lines += ["", f"int total(const corpus::module{modules[0]}::Record{modules[0]}& r) {{ return r.value + {index}; }}",
              "", f"}}  // namespace corpus::unit{index}", ""]
    if job_unit:
        lines += [
            f"void refresh_cache_{index}() {{ (void)corpus::unit{index}::total({{}}); }}",
            f"cron::Status rotate_logs_{index}() {{ return {{}}; }}",
            f"void send_digest_{index}() noexcept {{}}",
            "",
            "/// Refreshes the cache.",
            f'const cron::CronJob refresh_{index}{{"refresh-cache-{index}", {{.every = "15m", '
            f".endpoint = &refresh_cache_{index}}}}};",
            f'const cron::CronJob rotate_{index}{{"rotate-logs-{index}", {{.title = "Rotate logs", '
            f'.schedule = "0 3 * * *", .endpoint = &rotate_logs_{index}}}}};',
            f'const cron::CronJob digest_{index}{{"send-digest-{index}", {{.every = std::chrono::hours{{6}}, '
            f".endpoint = &send_digest_{index}}}}};",
            "",
        ]
    return "\n".join(lines)


def generate(corpus, units, job_units, compiler):
    if corpus.exists():
        shutil.rmtree(corpus)
    rng = random.Random(2024)
    (corpus / "include" / "corpus").mkdir(parents=True)
    (corpus / "src").mkdir()
    build = corpus / "build"
    build.mkdir()
    for k in range(MODULES):
        (corpus / "include" / "corpus" / f"module{k}.hpp").write_text(module_header(k, rng))
    step = units // job_units
    jobs = [step // 2 + i * step for i in range(job_units)]
    flags = ["-std=c++20", "-O2", "-DNDEBUG", "-Wall", "-I", str(corpus / "include"),
             "-I", str(SOURCE_DIR / "runtime" / "include")]
    database = []
    for index in range(units):
        name = f"{'jobs' if index in jobs else 'unit'}_{index:03}.cpp"
        source = corpus / "src" / name
        source.write_text(unit_source(index, rng, index in jobs))
        database.append({"directory": str(build), "file": str(source),
                         "arguments": [compiler] + flags + ["-o", f"obj/{name}.o", "-c", str(source)]})
    (build / "compile_commands.json").write_text(json.dumps(database, indent=2) + "\n")
    return build, flags, [corpus / "src" / f"jobs_{i:03}.cpp" for i in jobs]


def clocked(command):
    """(wall, CPU) seconds of one run of `command`; CPU is the child's user and system time, which a neighbour's
    load disturbs less than the wall clock (for a -j2 run it is the sum over threads)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def time_commands(commands, runs):
    """Per named command (a list of argv): (median, mean, stddev) wall seconds and the median CPU seconds, over
    `runs` rounds after one warm-up round. Interleaved, one run of each command per round, so that a neighbour's
    load hits all of them alike."""
    walls = {name: [] for name, _ in commands}
    cpus = {name: [] for name, _ in commands}
    for run in range(runs + 1):
        for name, command in commands:
            wall, cpu = clocked(command)
            if run > 0:
                walls[name].append(wall)
                cpus[name].append(cpu)
    return {name: (statistics.median(walls[name]), statistics.mean(walls[name]),
                   statistics.stdev(walls[name]) if runs > 1 else 0.0, statistics.median(cpus[name]))
            for name, _ in commands}


def time_cache(cronc, build, unit, runs):
    """Medians of: one unit alone without the cache (the baseline), the warm corpus after an edit of `unit`, and
    the warm corpus unchanged. Interleaved, one of each per round, so a neighbour's load hits all three alike."""
    alone = [cronc, "-p", str(build), "-j1", "--no-cache", str(unit)]
    corpus = [cronc, "-p", str(build), "-j1"]
    subprocess.run(corpus, check=True, stdout=subprocess.DEVNULL)  # warm the cache
    samples = {"alone": [], "edited": [], "unchanged": []}
    text = unit.read_text()

    for round in range(runs):
        samples["alone"].append(clocked(alone)[0])
        unit.write_text(text + f"// edit {round}\n")  # new content: only this unit's entry is stale
        samples["edited"].append(clocked(corpus)[0])
        samples["unchanged"].append(clocked(corpus)[0])
    unit.write_text(text)
    return {name: statistics.median(values) for name, values in samples.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cronc", default=str(SOURCE_DIR / "build" / "tool" / "cronc"))
    parser.add_argument("--clang", default="clang-19")
    parser.add_argument("--compiler", default="/usr/bin/clang++-19", help="the compiler the database names")
    parser.add_argument("--corpus", default=str(Path(tempfile.gettempdir()) / "cronc-corpus"))
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--job-units", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the corpus afterwards")
    args = parser.parse_args()

    corpus = Path(args.corpus)
    build, flags, job_units = generate(corpus, args.units, args.job_units, args.compiler)
    cronc = str(Path(args.cronc).resolve())

    # Sanity: every unit compiles and every job is found; a corpus with errors would time the wrong thing.
    manifest = build / "manifest.json"
    check = subprocess.run([cronc, "-p", str(build), "--manifest", str(manifest)], capture_output=True, text=True)
    if check.returncode != 0:
        sys.exit(f"cronc failed on the corpus ({check.returncode}):\n{check.stderr}")
    found = len(json.loads(manifest.read_text())["jobs"])
    expected = 3 * args.job_units
    if found != expected:
        sys.exit(f"cronc found {found} jobs, expected {expected}")

    commands = []
    for unit in job_units:
        commands.append((f"clang {unit.name}", [args.clang, "-fsyntax-only"] + flags + [str(unit)]))
        commands.append((f"cronc {unit.name}", [cronc, "-p", str(build), "-j1", "--no-cache", str(unit)]))
    commands.append(("cronc all -j1", [cronc, "-p", str(build), "-j1", "--no-cache"]))
    commands.append(("cronc all -j2", [cronc, "-p", str(build), "-j2", "--no-cache"]))
    times = time_commands(commands, args.runs)
    cached = time_cache(cronc, build, job_units[len(job_units) // 2], args.runs)

    print(f"\n{args.units} units, {args.job_units} with jobs ({found} jobs); {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}; {args.runs} interleaved rounds after 1 warm-up (python time.perf_counter, and\n"
          "the child's CPU time from getrusage); ratios of medians, which a neighbour's build disturbs less than means\n")
    print("| command | median (s) | mean (s) | stddev (s) | CPU median (s) |")
    print("|---|---:|---:|---:|---:|")
    for name, _ in commands:
        print(f"| {name} | {times[name][0]:.3f} | {times[name][1]:.3f} | {times[name][2]:.3f} | {times[name][3]:.3f} |")

    per_unit = [times[f"cronc {u.name}"][0] / times[f"clang {u.name}"][0] for u in job_units]
    per_unit_cpu = [times[f"cronc {u.name}"][3] / times[f"clang {u.name}"][3] for u in job_units]
    parses = sum(times[f"clang {u.name}"][0] for u in job_units)
    j1 = times["cronc all -j1"][0]
    j2 = times["cronc all -j2"][0]
    rows = [
        ("cronc / clang -fsyntax-only, per job unit (worst)", max(per_unit), "<= 0.6", max(per_unit) <= 0.6),
        ("cronc / clang -fsyntax-only, per job unit (mean)", statistics.mean(per_unit), "<= 0.6",
         statistics.mean(per_unit) <= 0.6),
        ("the same in CPU time (worst)", max(per_unit_cpu), "<= 0.6", max(per_unit_cpu) <= 0.6),
        ("the same in CPU time (mean)", statistics.mean(per_unit_cpu), "<= 0.6", statistics.mean(per_unit_cpu) <= 0.6),
        (f"whole corpus -j1 / the {args.job_units} parses", j1 / parses, "<= 1.5", j1 / parses <= 1.5),
        (f"whole corpus -j2 / the {args.job_units} parses", j2 / parses, "", None),
        ("-j1 / -j2", j1 / j2, ">= 1.8", j1 / j2 >= 1.8),
        ("rerun after editing 1 job unit / that unit alone", cached["edited"] / cached["alone"], "<= 1.5",
         cached["edited"] / cached["alone"] <= 1.5),
        ("rerun with nothing changed / one unit alone", cached["unchanged"] / cached["alone"], "<= 0.2",
         cached["unchanged"] / cached["alone"] <= 0.2),
    ]
    print(f"\nthe cache, {args.runs} interleaved rounds (python time.perf_counter), {job_units[len(job_units) // 2].name}:"
          f" alone without the cache {cached['alone']:.3f} s, corpus after its edit {cached['edited']:.3f} s, "
          f"corpus unchanged {cached['unchanged']:.3f} s")
    print("\n| ratio | measured | target | met |")
    print("|---|---:|---|---|")
    for name, value, target, met in rows:
        print(f"| {name} | {value:.2f}x | {target} | {'' if met is None else 'yes' if met else 'NO'} |")
    if not args.keep:
        shutil.rmtree(corpus)


if __name__ == "__main__":
    main()
