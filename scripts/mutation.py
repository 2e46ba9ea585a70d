"""scripts/mutate: run mutmut over core/ with the unit suite, run the hand mutants of the
module-level constants, and print the mutation score per package.

mutmut mutates code inside functions only: the rules kept in module-level constants (limits,
tables, the pipeline's transitions) are covered by the hand mutants of
``scripts/hand_mutants.toml``, each run against the unit tests named with it. Mutants that
change no behaviour (equivalent mutants) are listed, with why, in
``scripts/mutation_equivalents.toml``; they are left out of the score, and an entry that no
longer matches any surviving mutant is reported so the list never goes stale.

The score of a package is killed / (mutants - equivalent). A mutant no unit test reaches
("no tests") counts as a survivor; one that makes the tests time out counts as killed.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
MUTMUT = ROOT / ".venv" / "bin" / "mutmut"
EQUIVALENTS = ROOT / "scripts" / "mutation_equivalents.toml"
HAND_MUTANTS = ROOT / "scripts" / "hand_mutants.toml"
#: The packages the target is set for.
TARGET = 85.0
TARGET_PACKAGES = ("core/domain", "core/use_cases")

#: mutmut's exit codes (mutmut.stats.status_by_exit_code) as verdicts.
KILLED = {1, 3, 24, -24, 36, 152, 255}
NO_TESTS = {33, 5}


@dataclass
class Mutant:
    name: str  # core.domain.jobs.job.x_job_problems__mutmut_44
    path: str  # core/domain/jobs/job.py
    exit_code: int | None

    @property
    def function(self) -> str:
        """core.domain.jobs.job.job_problems (methods: Class.method)."""
        module, _, mangled = self.name.partition("__mutmut_")[0].rpartition(".")
        if "ǁ" in mangled:
            _, cls, method = mangled.split("ǁ")
            return f"{module}.{cls}.{method}"
        return f"{module}.{mangled.removeprefix('x_')}"

    @property
    def verdict(self) -> str:
        if self.exit_code in KILLED:
            return "killed"
        if self.exit_code in NO_TESTS:
            return "no tests"
        if self.exit_code == 0:
            return "survived"
        if self.exit_code is None:
            return "not run"
        return "suspicious"


@dataclass
class Tally:
    mutants: int = 0
    killed: int = 0
    survived: int = 0
    no_tests: int = 0
    equivalent: int = 0
    other: int = 0
    hand_killed: int = 0
    hand_total: int = 0

    def add(self, verdict: str) -> None:
        self.mutants += 1
        if verdict == "killed":
            self.killed += 1
        elif verdict == "survived":
            self.survived += 1
        elif verdict == "no tests":
            self.no_tests += 1
        elif verdict == "equivalent":
            self.equivalent += 1
        else:
            self.other += 1

    @property
    def score(self) -> float:
        counted = self.mutants - self.equivalent + self.hand_total
        return 100.0 * (self.killed + self.hand_killed) / counted if counted else 100.0


@dataclass
class Equivalent:
    function: str
    mutant: str
    why: str
    used: int = field(default=0)


def load_mutants() -> list[Mutant]:
    out: list[Mutant] = []
    for meta in sorted((MUTANTS / "core").rglob("*.py.meta")):
        data = json.loads(meta.read_text())
        path = str(meta.relative_to(MUTANTS)).removesuffix(".meta")
        for name, code in data["exit_code_by_key"].items():
            out.append(Mutant(name=name, path=path, exit_code=code))
    return out


_sources: dict[str, dict[str, str]] = {}


def _functions(path: str) -> dict[str, str]:
    """Every function of a mutated file (trampolined copies included), by name."""
    if path not in _sources:
        text = (MUTANTS / path).read_text()
        lines = text.splitlines()
        found: dict[str, str] = {}
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and "__mutmut_" in node.name
            ):
                # (ast.get_source_segment splits the whole file at each call: quadratic.)
                found[node.name] = "\n".join(lines[node.lineno - 1 : node.end_lineno])
        _sources[path] = found
    return _sources[path]


def mutated_lines(m: Mutant) -> str:
    """What the mutant changed: its new lines, stripped and joined (stable when other
    mutants of the function are renumbered)."""
    mangled = m.name.rpartition(".")[2]
    funcs = _functions(m.path)
    orig_name = mangled.partition("__mutmut_")[0] + "__mutmut_orig"
    # The def line too (a default argument may be what changed), the name made alike.
    orig = funcs.get(orig_name, "").replace(orig_name, "f").splitlines()
    new = funcs.get(mangled, "").replace(mangled, "f").splitlines()
    diff = [
        line
        for line in difflib.unified_diff(orig, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    added = [line[1:].strip() for line in diff if line.startswith("+")]
    removed = [line[1:].strip() for line in diff if line.startswith("-")]
    if added:
        return " / ".join(added)
    return "removed: " + " / ".join(removed) if removed else "(no textual change)"


def load_equivalents() -> list[Equivalent]:
    if not EQUIVALENTS.exists():
        return []
    data = tomllib.loads(EQUIVALENTS.read_text())
    return [Equivalent(**entry) for entry in data.get("equivalent", [])]


def groups_of(path: str) -> list[str]:
    """The packages a file is counted in (core, core/domain, core/domain/jobs), and itself."""
    parts = Path(path).parts
    return ["/".join(parts[:depth]) for depth in range(1, len(parts))] + [path]


def run_mutmut(names: list[str], max_children: int) -> int:
    command = [str(MUTMUT), "run", "--max-children", str(max_children), *names]
    print("==> " + " ".join(command[1:]), flush=True)
    started = time.monotonic()
    # mutmut redraws a progress line; keep the log quiet and say where it is.
    log = MUTANTS.parent / ".mutmut.log"
    with log.open("w") as out:
        # Properties stop at the first failing example (no shrinking): tests/unit/conftest.py.
        env = {**os.environ, "HIREFLOW_HYPOTHESIS_PROFILE": "mutation"}
        code = subprocess.call(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    print(f"    mutmut finished in {time.monotonic() - started:.0f} s (log: {log.name})")
    if code != 0:
        print(log.read_text()[-3000:])
    return code


# --- hand mutants ---------------------------------------------------------------------------


@dataclass
class HandMutant:
    file: str
    find: str
    replace: str
    tests: list[str]
    why: str = ""
    killed: bool | None = None


def load_hand_mutants() -> list[HandMutant]:
    data = tomllib.loads(HAND_MUTANTS.read_text())
    return [HandMutant(**entry) for entry in data.get("mutant", [])]


HAND_RESULTS = MUTANTS / "hand-mutants.json"


def load_hand_results() -> list[HandMutant]:
    if not HAND_RESULTS.exists():
        return []
    return [HandMutant(**entry) for entry in json.loads(HAND_RESULTS.read_text())]


def save_hand_results(ran: list[HandMutant]) -> None:
    """Merge this run's verdicts into the stored ones (a mutant is its file, find, replace)."""
    key = lambda m: (m.file, m.find, m.replace)  # noqa: E731
    current = {key(m) for m in load_hand_mutants()}
    kept = {key(m): m for m in load_hand_results() if key(m) in current}
    kept.update({key(m): m for m in ran})
    MUTANTS.mkdir(exist_ok=True)
    HAND_RESULTS.write_text(json.dumps([m.__dict__ for m in kept.values()], indent=1))


def _copy_tree(into: Path) -> None:
    for name in ("core", "adapters", "bootstrap", "tests"):
        shutil.copytree(
            ROOT / name, into / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    shutil.copy2(ROOT / "pyproject.toml", into / "pyproject.toml")


@dataclass
class _Worker:
    copy: Path
    process: subprocess.Popen[str]

    def run(self, m: HandMutant) -> int:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        job = {"file": m.file, "find": m.find, "replace": m.replace, "tests": m.tests}
        self.process.stdin.write(json.dumps(job) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        return int(json.loads(answer)["code"]) if answer else -1


def _try_hand_mutant(m: HandMutant, worker: _Worker) -> None:
    """Apply ``m`` in the worker's copy and run its tests there; sets ``m.killed``."""
    if (worker.copy / m.file).read_text().count(m.find) != 1:
        print(f"  !! {m.file}: {m.find!r} is not found once (fix scripts/hand_mutants.toml)")
        m.killed = False
        return
    code = worker.run(m)
    m.killed = code == 1
    if code not in (0, 1):
        print(f"  !! pytest exit code {code} for {m.file}: {m.find!r} ({m.tests})")
    mark = "killed  " if m.killed else "SURVIVED"
    print(f"  {mark} {m.file}: {m.find.strip()!r} -> {m.replace.strip()!r}", flush=True)


def run_hand_mutants(mutants: list[HandMutant], workers: int) -> None:
    """Each mutant in a copy of the tree (one copy and one scripts/hand_worker.py per worker),
    against the unit tests named with it."""
    python = str(ROOT / ".venv" / "bin" / "python")
    with tempfile.TemporaryDirectory(prefix="hireflow-hand-mutants-") as tmp:
        pool: queue.Queue[_Worker] = queue.Queue()
        started: list[_Worker] = []
        for index in range(max(1, workers)):
            copy = Path(tmp) / str(index)
            _copy_tree(copy)
            process = subprocess.Popen(
                [python, str(ROOT / "scripts" / "hand_worker.py"), str(copy)],
                cwd=copy,
                env={**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            started.append(_Worker(copy=copy, process=process))
            pool.put(started[-1])

        def one(m: HandMutant) -> None:
            worker = pool.get()
            try:
                _try_hand_mutant(m, worker)
            finally:
                pool.put(worker)

        try:
            with ThreadPoolExecutor(max_workers=len(started)) as executor:
                list(executor.map(one, mutants))
        finally:
            for worker in started:
                assert worker.process.stdin is not None
                worker.process.stdin.close()
                worker.process.wait(timeout=60)


# --- the report -----------------------------------------------------------------------------


def report(show_survivors: bool, show_files: bool, wanted: list[str] | None = None) -> bool:
    mutants = load_mutants()
    if not mutants:
        print("No mutation results yet: run scripts/mutate first.")
        return False
    equivalents = load_equivalents()
    hand = load_hand_results()
    by_key = {(e.function, e.mutant): e for e in equivalents}
    tallies: dict[str, Tally] = defaultdict(Tally)
    survivors: list[tuple[Mutant, str]] = []
    for m in mutants:
        verdict = m.verdict
        if verdict in ("survived", "no tests"):
            lines = mutated_lines(m)
            entry = by_key.get((m.function, lines))
            if entry is not None:
                entry.used += 1
                verdict = "equivalent"
            elif _in(m.path, wanted or []):
                survivors.append((m, lines))
        for key in groups_of(m.path):
            tallies[key].add(verdict)
    for h in hand:
        for key in groups_of(h.file):
            tallies[key].hand_total += 1
            tallies[key].hand_killed += 1 if h.killed else 0

    rows = sorted(k for k in tallies if show_files or not k.endswith(".py"))
    print()
    print(
        f"{'package':<28}{'mutants':>8}{'killed':>8}{'surv.':>7}{'no test':>8}"
        f"{'not run':>8}{'equiv.':>7}{'hand':>9}{'score':>8}"
    )
    for key in rows:
        t = tallies[key]
        hand_col = f"{t.hand_killed}/{t.hand_total}" if t.hand_total else "-"
        print(
            f"{key:<28}{t.mutants:>8}{t.killed:>8}{t.survived:>7}{t.no_tests:>8}"
            f"{t.other:>8}{t.equivalent:>7}{hand_col:>9}{t.score:>7.1f}%"
        )
    if show_survivors:
        print("\nSurvivors (function: what the mutant changed):")
        for m, lines in survivors:
            print(f"  [{m.verdict}] {m.name}\n      {m.function}: {lines}")
    stale = [e for e in equivalents if not e.used]
    for e in stale:
        print(f"  !! equivalent entry matches no surviving mutant: {e.function}: {e.mutant}")
    met = all(tallies[p].score >= TARGET for p in TARGET_PACKAGES)
    summary = ", ".join(f"{p} {tallies[p].score:.1f}%" for p in TARGET_PACKAGES)
    print(f"\nTarget {TARGET:.0f}% {'met' if met else 'NOT met'}: {summary}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/mutate", description=__doc__)
    parser.add_argument(
        "files", nargs="*", help="re-test only the mutants of these files or packages (core/domain)"
    )
    parser.add_argument("--fresh", action="store_true", help="forget cached verdicts first")
    parser.add_argument("--report", action="store_true", help="only print the last results")
    parser.add_argument("--survivors", action="store_true", help="list the surviving mutants")
    parser.add_argument("--hand", action="store_true", help="only the hand mutants")
    parser.add_argument("--files-table", action="store_true", help="a score per file too")
    parser.add_argument(
        "--retest",
        action="store_true",
        help="re-test only the mutants not known to be killed (of the files named)",
    )
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    wanted = [f.rstrip("/") for f in args.files]

    if not args.report:
        if args.fresh and MUTANTS.exists():
            shutil.rmtree(MUTANTS)
        if args.retest:
            # Adding tests never revives a killed mutant: after writing tests only the others
            # need another run. A file changed since is mutated afresh when mutmut starts, its
            # mutants not run yet: a second pass takes those.
            for verdicts in (("survived", "no tests", "not run"), ("not run",)):
                names = [
                    m.name for m in load_mutants() if m.verdict in verdicts and _in(m.path, wanted)
                ]
                print(f"==> re-testing {len(names)} mutants ({', '.join(verdicts)})", flush=True)
                if names and run_mutmut(names, args.max_children) != 0:
                    return 1
        elif not args.hand:
            names = [f"{f.removesuffix('.py').replace('/', '.')}.*" for f in args.files]
            if run_mutmut(names, args.max_children) != 0:
                return 1
        print("==> hand mutants (scripts/hand_mutants.toml)", flush=True)
        hand = [m for m in load_hand_mutants() if _in(m.file, wanted)]
        run_hand_mutants(hand, args.max_children)
        save_hand_results(hand)
    shown = args.files_table or bool(args.files)
    return 0 if report(args.survivors, shown, wanted) else 1


def _in(path: str, wanted: list[str]) -> bool:
    """``path`` is one of the files or inside one of the packages named (all when none)."""
    return not wanted or any(path == f or path.startswith(f + "/") for f in wanted)


if __name__ == "__main__":
    sys.exit(main())
