"""One worker of scripts/mutate's hand mutants, in one copy of the tree (argv[1]).

Importing pytest's plugins (hypothesis, faker, anyio) costs seconds, the core next to nothing:
the worker imports the former once, then for each mutant read from stdin (a JSON line: file,
find, replace, tests) writes the mutated file, forks, and the child imports the core afresh
from the copy and runs the tests. It answers a JSON line with pytest's exit code.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import sys

import pytest

SLOW_TO_IMPORT = (
    "hypothesis",
    "_hypothesis_pytestplugin",
    "faker.contrib.pytest.plugin",
    "anyio.pytest_plugin",
    "pytest_asyncio",
    "msgspec",
)
for _name in SLOW_TO_IMPORT:
    with contextlib.suppress(ImportError):
        importlib.import_module(_name)

assert not any(name == "core" or name.startswith(("core.", "tests.")) for name in sys.modules)


def run(copy: str, tests: list[str]) -> int:
    pid = os.fork()
    if pid == 0:  # the child: a fresh core, the mutated file included
        try:
            signal.alarm(600)
            os.chdir(copy)
            sys.path.insert(0, copy)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            code = int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", *tests]))
        except BaseException:
            code = 99
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def main() -> None:
    copy = sys.argv[1]
    for line in sys.stdin:
        job = json.loads(line)
        target = os.path.join(copy, job["file"])
        with open(target, encoding="utf-8") as f:
            original = f.read()
        with open(target, "w", encoding="utf-8") as f:
            f.write(original.replace(job["find"], job["replace"]))
        try:
            code = run(copy, job["tests"])
        finally:
            with open(target, "w", encoding="utf-8") as f:
                f.write(original)
        print(json.dumps({"code": code}), flush=True)


if __name__ == "__main__":
    main()
