#!/usr/bin/python3
"""cronc_generate() end to end: real CMake projects configured and built against cronc's build tree or an install.

usage: cmake_e2e.py SCENARIO GENERATOR

  broken            samples/broken must fail to build; cronc's output (paths relative to the sample) must be
                    golden/broken.txt, and each error line must be one VS Code's $gcc problem matcher reads.
  shop              a copy of samples/shop builds, runs, and its manifest validates against the schema. With a
                    generator other than Ninja, a second build must not rerun cronc.
  incremental       on the tree `shop Ninja` built: a no-change build does nothing, touching a job file or a
                    header it includes reruns cronc without rewriting unchanged outputs, touching a file of
                    another target does not rerun it, a changed job rewrites the stub.
  install           `cmake --install` of cronc's build tree into a fresh prefix, then consumer/ finds the package
                    there (find_package), builds and runs.
  missing_generate  a program that links cronc::runtime without cronc_generate() fails to link, naming the fix.
  libraries         libraries/: two programs register the jobs of the static, object, shared and transitive
                    libraries they link; editing a library's job reruns cronc, a no-change build does nothing.
  library_errors    libraries/ with its options: a duplicate ID across libraries is cron-id-duplicate;
                    cronc_generate() on a library is a configure error; a program that links a library with jobs
                    without cronc_generate() fails to link.

test/generator/CMakeLists.txt sets the environment (CRONC_SOURCE_DIR, CRONC_BUILD_DIR, ...). Each scenario works
in its own folder under CRONC_E2E_WORK. CRONC_UPDATE_GOLDEN=1 rewrites golden/broken.txt instead of comparing.
"""
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

SOURCE = Path(os.environ["CRONC_SOURCE_DIR"])
BUILD = Path(os.environ["CRONC_BUILD_DIR"])
WORK = Path(os.environ["CRONC_E2E_WORK"])
TESTS = Path(os.environ["CRONC_E2E_TESTS"])
CMAKE = os.environ["CRONC_CMAKE"]
NINJA = os.environ["CRONC_NINJA"]
CXX = os.environ["CRONC_CXX"]
CXX_LAUNCHER = os.environ.get("CRONC_CXX_LAUNCHER", "")
PYTHON = os.environ.get("CRONC_PYTHON3", sys.executable)
SCHEMA = SOURCE / "schema" / "manifest.schema.json"

CRONC_RUNS = "Checking the cron jobs of "
# VS Code's $gcc problem matcher.
GCC_PROBLEM = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")


class Failure(Exception):
    pass


def expect(condition, message, output=None):
    if not condition:
        raise Failure(message + (f"\n--- output:\n{output}" if output is not None else ""))


def run(args, cwd=None, env=None, timeout=300):
    """Runs a command and returns (exit code, standard output and error together)."""
    args = [str(a) for a in args]
    print("$ " + " ".join(args), flush=True)
    try:
        completed = subprocess.run(args, cwd=cwd, env=None if env is None else {**os.environ, **env},
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                                   timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        raise Failure(f"{args[0]} did not finish in {timeout} s\n--- output:\n{expired.output}")
    return completed.returncode, completed.stdout


def fresh(name):
    folder = WORK / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def try_configure(source, binary, generator, *options):
    """Configures and returns (exit code, output)."""
    args = [CMAKE, "-S", source, "-B", binary, "-G", generator, f"-DCMAKE_CXX_COMPILER={CXX}",
            "-DCMAKE_BUILD_TYPE=Debug", "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF", *options]
    if CXX_LAUNCHER:
        args.append(f"-DCMAKE_CXX_COMPILER_LAUNCHER={CXX_LAUNCHER}")
    if generator == "Ninja":
        args.append(f"-DCMAKE_MAKE_PROGRAM={NINJA}")
    return run(args)


def configure(source, binary, generator, *options):
    code, output = try_configure(source, binary, generator, *options)
    expect(code == 0, f"configuring {source} failed", output)
    return output


def build(binary, *targets, parallel=2):
    return run([CMAKE, "--build", binary, "--parallel", str(parallel), *(["--target", *targets] if targets else [])])


def build_ok(binary):
    code, output = build(binary)
    expect(code == 0, f"the build in {binary} failed", output)
    return output


def touch(path):
    """Gives `path` a modification time later than any file the last build wrote, on any file system."""
    time.sleep(1.1)
    os.utime(path)


def validate_manifest(manifest, schema=SCHEMA):
    code, output = run([PYTHON, TESTS / "validate_manifest.py", schema, manifest])
    expect(code == 0, f"{manifest} does not validate against {schema}", output)


def slug(generator):
    return generator.lower().replace(" ", "-")


def broken(generator):
    work = fresh(f"broken-{slug(generator)}")
    binary = work / "build"
    sample = SOURCE / "samples" / "broken"
    configure(sample, binary, generator, f"-Dcronc_DIR={BUILD}")
    code, output = build(binary)
    expect(code != 0, "samples/broken built; cronc should have failed it", output)
    expect("consteval" not in output, "the compiler reported the jobs: cronc must run before the objects compile",
           output)
    for generated in ("broken.cron.cpp", "broken.cron.json", "broken.cron.d"):
        expect(not (binary / generated).exists(), f"cronc wrote {generated} although it found errors")

    # cronc's output: from its first diagnostic to its summary line.
    lines = output.splitlines()
    prefix = f"{sample}/"
    starts = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    expect(starts, "no diagnostic names a file of samples/broken", output)
    ends = [i for i in range(starts[0], len(lines)) if re.fullmatch(r"\d+ errors? generated\.", lines[i])]
    expect(ends, "no 'N errors generated.' line after the diagnostics", output)
    block = lines[starts[0]:ends[0] + 1]

    problems = []
    for line in block:
        if re.search(r": (fatal error|error|warning): ", line):
            match = GCC_PROBLEM.match(line)
            expect(match, f"VS Code's $gcc problem matcher does not read this line:\n{line}")
            file, line_number, column, severity, message = match.groups()
            expect(Path(file).is_file(), f"the problem matcher's file '{file}' does not exist:\n{line}")
            expect(int(line_number) > 0 and column and int(column) > 0, f"no line and column:\n{line}")
            expect(re.search(r" \[cron-[a-z-]+\]$", message), f"no rule ID at the end of:\n{line}")
            problems.append((Path(file).name, severity, message.rsplit("[", 1)[1].rstrip("]")))
    error_count = int(block[-1].split()[0])
    expect(len([p for p in problems if p[1] == "error"]) == error_count,
           f"{len(problems)} problems read by the matcher, {error_count} errors reported", "\n".join(block))
    expect({p[0] for p in problems} == {"billing.cpp", "reports.cpp"}, "the errors are not in both files")
    expect(len({p[2] for p in problems}) >= 5, "fewer than five rules reported")
    expect("cron-id-duplicate" in {p[2] for p in problems}, "the duplicate ID across files is not reported")

    actual = "\n".join(line.replace(prefix, "") for line in block) + "\n"
    golden = TESTS / "golden" / "broken.txt"
    if os.environ.get("CRONC_UPDATE_GOLDEN") == "1":
        golden.write_text(actual)
        print(f"updated {golden}")
        return
    expected = golden.read_text()
    expect(actual == expected, "cronc's output differs from golden/broken.txt (CRONC_UPDATE_GOLDEN=1 rewrites it):\n" +
           "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden/broken.txt",
                                        "actual")))


SHOP_IDS = ["accounting-sync", "cart-purge", "due-invoices", "welcome-email"]


def check_shop(work, binary):
    """The shop program registered its four jobs and runs each, and the manifest is valid, sorted and free of
    absolute paths."""
    memory_store = {"CRON_STORE": "memory:"}
    code, output = run([binary / "shop", "--cron-run-job", "no-such-job"], env=memory_store)
    expect(code == 2 and f"the jobs are: {' '.join(SHOP_IDS)}" in output,
           f"shop does not list the jobs {SHOP_IDS} the stub registers", output)
    for job in SHOP_IDS:
        code, output = run([binary / "shop", "--cron-run-job", job], env=memory_store)
        expect(code == 0 and f"{job}@" in output, f"shop did not run {job}", output)
    manifest = binary / "shop.cron.json"
    validate_manifest(manifest)
    jobs = json.loads(manifest.read_text())["jobs"]
    expect([job["id"] for job in jobs] == SHOP_IDS, "the manifest's jobs are not sorted by ID")
    expect({job["location"]["file"] for job in jobs} == {"src/jobs.cpp"}, "locations are not relative to the root",
           manifest.read_text())
    zones = {job["id"]: job["time_zone"] for job in jobs}
    expect(zones == {"accounting-sync": None, "cart-purge": None, "due-invoices": "Europe/Berlin",
                     "welcome-email": None}, "the manifest does not carry each job's zone", manifest.read_text())
    for generated in ("shop.cron.json", "shop.cron.cpp"):
        expect(str(work) not in (binary / generated).read_text(), f"{generated} holds an absolute path")


def shop(generator):
    work = fresh(f"shop-{slug(generator)}")
    shutil.copytree(SOURCE / "samples" / "shop", work / "src")
    binary = work / "build"
    configure(work / "src", binary, generator, f"-Dcronc_DIR={BUILD}")
    output = build_ok(binary)
    expect(CRONC_RUNS + "shop" in output, "cronc did not run", output)
    check_shop(work, binary)
    if generator == "Ninja":
        return  # incremental.ninja goes on from here
    output = build_ok(binary)
    expect(CRONC_RUNS not in output, "a second build reran cronc", output)
    touch(work / "src" / "src" / "jobs.cpp")
    output = build_ok(binary)
    expect(CRONC_RUNS + "shop" in output, "touching jobs.cpp did not rerun cronc", output)
    output = build_ok(binary)
    expect(CRONC_RUNS not in output and "Building CXX" not in output, "a no-change build did work", output)


def incremental(generator):
    expect(generator == "Ninja", "the incremental scenario reads Ninja's dry runs")
    work = WORK / "shop-ninja"
    binary = work / "build"
    src = work / "src"
    expect((binary / "shop").is_file(), f"no shop build in {work}: e2e.shop.ninja sets it up")
    stub, manifest = binary / "shop.cron.cpp", binary / "shop.cron.json"

    def stamps():
        return {path.name: path.stat().st_mtime_ns for path in (stub, manifest)}

    def expect_no_work(after):
        code, output = run([NINJA, "-C", binary, "-n", "-d", "explain"])
        expect(code == 0 and "ninja: no work to do." in output, f"the build after {after} is not up to date",
               output)

    def ninja():
        code, output = run([NINJA, "-C", binary])
        expect(code == 0, "the build failed", output)
        return output

    expect_no_work("a full build")
    depfile = (binary / "shop.cron.d").read_text()
    expect("/../" not in depfile and "/./" not in depfile, "the depfile holds paths with dots", depfile)
    expect(f"{src}/include/shop/invoices.hpp" in depfile, "the depfile misses a header the jobs include", depfile)

    before = stamps()
    touch(src / "src" / "jobs.cpp")
    output = ninja()
    expect(CRONC_RUNS + "shop" in output, "touching jobs.cpp did not rerun cronc", output)
    expect(stamps() == before, "cronc rewrote outputs whose content did not change")
    expect("shop.cron.cpp.o" not in output, "the unchanged stub was recompiled", output)
    expect_no_work("touching jobs.cpp")

    touch(src / "include" / "shop" / "invoices.hpp")
    output = ninja()
    expect(CRONC_RUNS + "shop" in output, "touching a header the jobs include did not rerun cronc", output)
    expect(stamps() == before, "cronc rewrote outputs whose content did not change")
    expect_no_work("touching invoices.hpp")

    # A second target: its source is in compile_commands.json, but not in shop.
    lists = src / "CMakeLists.txt"
    if "unrelated" not in lists.read_text():
        (src / "unrelated.cpp").write_text("int unrelated() { return 42; }\n")
        with lists.open("a") as f:
            f.write("add_library(unrelated STATIC unrelated.cpp)\n")
    ninja()
    expect(stamps() == before, "cronc rewrote outputs whose content did not change")
    expect_no_work("adding a target")
    touch(src / "unrelated.cpp")
    output = ninja()
    expect("unrelated.cpp.o" in output, "the touched file of the other target was not recompiled", output)
    expect(CRONC_RUNS not in output, "touching a file of another target reran cronc", output)
    expect_no_work("touching unrelated.cpp")

    jobs = src / "src" / "jobs.cpp"
    touch(jobs)
    jobs.write_text(jobs.read_text().replace('"Send welcome emails"', '"Send the welcome emails"'))
    output = ninja()
    expect(CRONC_RUNS + "shop" in output, "changing a job did not rerun cronc", output)
    after = stamps()
    expect(after["shop.cron.cpp"] > before["shop.cron.cpp"] and after["shop.cron.json"] > before["shop.cron.json"],
           "a changed job did not rewrite the stub and the manifest")
    expect("shop.cron.cpp.o" in output, "the changed stub was not recompiled", output)
    manifest_jobs = json.loads(manifest.read_text())["jobs"]
    expect([job["title"] for job in manifest_jobs if job["id"] == "welcome-email"] == ["Send the welcome emails"],
           "the manifest does not show the new title", manifest.read_text())
    code, output = run([binary / "shop", "--cron-run-job", "welcome-email"], env={"CRON_STORE": "memory:"})
    expect(code == 0, "shop does not run the changed job", output)
    expect_no_work("changing a job")


def install(generator):
    work = fresh(f"install-{slug(generator)}")
    prefix = work / "prefix"
    code, output = run([CMAKE, "--install", BUILD, "--prefix", prefix])
    expect(code == 0, "cmake --install failed", output)
    for pattern in ("bin/cronc", "include/cron/cron.hpp", "include/cron/job_table.hpp",
                    "share/cronc/manifest.schema.json", "share/cronc/prometheus/cronjob.rules.yml",
                    "lib*/libcronc_runtime.*", "lib*/cmake/cronc/croncConfig.cmake",
                    "lib*/cmake/cronc/croncConfigVersion.cmake", "lib*/cmake/cronc/croncTargets.cmake",
                    "lib*/cmake/cronc/CroncGenerate.cmake"):
        expect(list(prefix.glob(pattern)), f"the install has no {pattern}", output)
    code, output = run([prefix / "bin" / "cronc", "--version"])
    expect(code == 0 and "cronc " in output, "the installed cronc does not run", output)

    binary = work / "build"
    schema = prefix / "share" / "cronc" / "manifest.schema.json"
    output = configure(TESTS / "consumer", binary, generator, f"-DCMAKE_PREFIX_PATH={prefix}")
    expect(f"cronc manifest schema: {schema}" in output, "cronc_MANIFEST_SCHEMA is not the installed schema", output)
    rules = (binary / ("build.ninja" if generator == "Ninja" else "CMakeFiles/consumer_cronc.dir/build.make"))
    expect(str(prefix / "bin" / "cronc") in rules.read_text(), "the consumer does not run the installed cronc")
    output = build_ok(binary)
    expect(CRONC_RUNS + "consumer" in output, "cronc did not run", output)
    code, output = run([binary / "consumer"])
    expect(code == 0 and output.startswith("heartbeat: Heartbeat, ") and "consumer: heartbeat\n" in output,
           "the consumer did not run its job", output)
    validate_manifest(binary / "consumer.cron.json", schema)


def missing_generate(generator):
    work = fresh(f"missing-generate-{slug(generator)}")
    binary = work / "build"
    configure(TESTS / "missing_generate", binary, generator, f"-Dcronc_DIR={BUILD}")
    code, output = build(binary)
    expect(code != 0, "a program without cronc_generate() linked", output)
    expect("jobs_missing_call_cronc_generate_for_this_target_in_CMakeLists" in output,
           "the link error does not name the fix", output)


# The jobs each program of libraries/ registers, and the file that declares each.
LIBRARY_PROGRAMS = {"svc": ["audit-rotate", "invoice-run", "ledger-close", "report-daily"],
                    "worker": ["invoice-run", "ledger-close", "report-daily"]}
LIBRARY_JOB_FILES = {"audit-rotate": "libs/audit/jobs.cpp", "invoice-run": "libs/billing/jobs.cpp",
                     "ledger-close": "libs/ledger/jobs.cpp", "report-daily": "libs/reports/jobs.cpp"}
LIBRARY_DUPLICATE = """\
libs/duplicate/jobs.cpp:7:37: error: job ID 'invoice-run' is already used by another job; give each job its own ID [cron-id-duplicate]
    7 | const cron::CronJob invoiceRunAgain{"invoice-run", {.every = "2h", .endpoint = &runInvoicesAgain}};
      |                                     ^~~~~~~~~~~~~
libs/billing/jobs.cpp:12:32: note: 'invoice-run' is first declared here
   12 | const cron::CronJob invoiceRun{"invoice-run", {.title = "Invoice run", .every = "1h", .endpoint = &runInvoices}};
      |                                ^~~~~~~~~~~~~
1 error generated.
"""
LIBRARY_TARGET_ERROR = ("cronc_generate: 'billing' is not an executable of this project (it is a STATIC_LIBRARY). "
                        "Call cronc_generate() on each executable that links it: it analyzes the libraries the "
                        "executable links and registers their jobs there.")


def libraries_copy(name):
    """A fresh copy of libraries/ in WORK/name: (work folder, source folder, build folder)."""
    work = fresh(name)
    shutil.copytree(TESTS / "libraries", work / "src")
    return work, work / "src", work / "build"


def libraries(generator):
    work, src, binary = libraries_copy(f"libraries-{slug(generator)}")
    cronc_dir = f"-Dcronc_DIR={BUILD}"
    configure(src, binary, generator, cronc_dir)
    output = build_ok(binary)

    def expect_programs(titles=None):
        """Each program registered and runs exactly its libraries' jobs; its manifest is valid and says where."""
        for program, ids in LIBRARY_PROGRAMS.items():
            code, output = run([binary / program])
            expect(code == 0 and output == "".join(f"job {i}\nran {i}\n" for i in ids),
                   f"{program} does not register and run the jobs {ids} of its libraries", output)
            manifest = binary / f"{program}.cron.json"
            validate_manifest(manifest)
            jobs = json.loads(manifest.read_text())["jobs"]
            expect([(job["id"], job["location"]["file"]) for job in jobs] == [(i, LIBRARY_JOB_FILES[i]) for i in ids],
                   f"{program}'s manifest does not list its libraries' jobs where they are", manifest.read_text())
            for job in jobs:
                if titles and job["id"] in titles:
                    expect(job["title"] == titles[job["id"]], f"{program}'s manifest misses the new title",
                           manifest.read_text())

    def expect_no_work(after):
        if generator == "Ninja":
            code, output = run([NINJA, "-C", binary, "-n", "-d", "explain"])
            expect(code == 0 and "ninja: no work to do." in output, f"the build after {after} is not up to date",
                   output)
        else:
            output = build_ok(binary)
            expect(CRONC_RUNS not in output and "Building CXX" not in output,
                   f"a no-change build after {after} did work", output)

    def expect_cronc_reran(output, why):
        for program in LIBRARY_PROGRAMS:
            expect(CRONC_RUNS + program in output, f"{why} did not rerun cronc for {program}", output)

    expect_cronc_reran(output, "the first build")
    expect_programs()
    entries = {Path(entry["file"]) for entry in json.loads((binary / "compile_commands.json").read_text())}
    for file in LIBRARY_JOB_FILES.values():
        expect(src / file in entries, f"compile_commands.json has no entry for the library source {file}")
    depfile = (binary / "svc.cron.d").read_text()
    for file in [*LIBRARY_JOB_FILES.values(), "libs/billing/billing.hpp"]:
        expect(f"{src / file}" in depfile, f"svc's depfile misses {file}", depfile)
    expect_no_work("a full build")

    # Configuring again with nothing changed keeps the lists of units, so cronc's outputs stay as they are.
    units = {program: (binary / f"{program}.cron.rsp").stat().st_mtime_ns for program in LIBRARY_PROGRAMS}
    configure(src, binary, generator, cronc_dir)
    expect(units == {program: (binary / f"{program}.cron.rsp").stat().st_mtime_ns for program in LIBRARY_PROGRAMS},
           "a configure that changed nothing rewrote the lists of units")
    build_ok(binary)
    expect_no_work("configuring again")

    # A job edited in a library that the programs reach only through another library; a header of a library job.
    ledger = src / "libs" / "ledger" / "jobs.cpp"
    touch(ledger)
    ledger.write_text(ledger.read_text().replace('"Close the ledger"', '"Close the books"'))
    output = build_ok(binary)
    expect_cronc_reran(output, "editing a job of the transitive library")
    expect_programs({"ledger-close": "Close the books"})
    expect_no_work("editing a job of a library")
    touch(src / "libs" / "billing" / "billing.hpp")
    expect_cronc_reran(build_ok(binary), "touching a header that a library's jobs include")
    expect_no_work("touching a library's header")


def library_errors(generator):
    work, src, binary = libraries_copy(f"library-errors-{slug(generator)}")
    cronc_dir = f"-Dcronc_DIR={BUILD}"

    # The same ID in two libraries of one program. One job at a time, so Make does not interleave other output.
    configure(src, binary, generator, cronc_dir, "-DLIBRARIES_DUPLICATE=ON")
    code, output = build(binary, "worker_cronc", parallel=1)
    expect(code != 0, "a program with a duplicate ID across its libraries built", output)
    lines = [line.replace(f"{src}/", "") for line in output.splitlines()]
    starts = [i for i, line in enumerate(lines) if line.startswith("libs/duplicate/jobs.cpp:")]
    expect(starts and "\n".join(lines[starts[0]:starts[0] + 7]) + "\n" == LIBRARY_DUPLICATE,
           f"the duplicate across libraries is not reported as expected:\n{LIBRARY_DUPLICATE}", output)

    # A program that links billing, and the runtime only through it, without cronc_generate().
    configure(src, binary, generator, cronc_dir, "-DLIBRARIES_DUPLICATE=OFF", "-DLIBRARIES_ORPHAN=ON")
    code, output = build(binary, "orphan")
    expect(code != 0 and "jobs_missing_call_cronc_generate_for_this_target_in_CMakeLists" in output,
           "a program that links a library with jobs and no cronc_generate() linked", output)

    code, output = try_configure(src, work / "on-library", generator, cronc_dir, "-DLIBRARIES_ON_LIBRARY=ON")
    expect(code != 0 and LIBRARY_TARGET_ERROR in " ".join(output.split()),
           f"cronc_generate() on a library is not the configure error:\n{LIBRARY_TARGET_ERROR}", output)


SCENARIOS = {f.__name__: f for f in (broken, shop, incremental, install, missing_generate, libraries,
                                     library_errors)}


def main(argv):
    if len(argv) != 3 or argv[1] not in SCENARIOS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        SCENARIOS[argv[1]](argv[2])
    except Failure as failure:
        print(f"FAILED: {argv[1]} ({argv[2]}): {failure}", file=sys.stderr)
        return 1
    print(f"passed: {argv[1]} ({argv[2]})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
