"""Broken and hostile input, each case through the real CLI in a subprocess.

Every case must end with exit code 2 (1 where the input loads and the problem is a
finding), name the file and line of each problem, print no traceback and finish
within a bounded time and memory (each subprocess runs under RLIMIT_AS = 1 GiB and
a timeout).

Static cases are folders under ``cases/``: the input files plus ``expected.yaml``
(``path`` given to the CLI, ``exit`` code, the exact list of ``diagnostics`` as
``file:line:col: severity RULE``, and a ``message`` fragment). Cases that cannot be
committed (symlinks, a 100 MB file, a FIFO, Windows line endings, unreadable files)
are made at test time in ``tmp_path``, with their expectations in this module.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import privacymap as privacymap_api

CASES = Path(__file__).parent / "cases"
SCAFFOLD = Path(__file__).parents[2] / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml"
MEMORY_LIMIT = 1 << 30
TIMEOUT = 180
LINE = re.compile(r"^(\S[^:\n]*(?::\d+:\d+)?): (error|warning|info) (PM\d{3}) ", re.MULTILINE)


@dataclass
class Run:
    returncode: int
    output: str

    @property
    def diagnostics(self) -> list[str]:
        return [f"{m.group(1)}: {m.group(2)} {m.group(3)}" for m in LINE.finditer(self.output)]


def _limits(drop_to_nobody: bool) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if drop_to_nobody:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)

    return apply


def privacymap(*args: str, cwd: Path, as_nobody: bool = False) -> Run:
    """Run `python -m privacymap ARGS` in `cwd`, memory-limited; fail on a traceback."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PRIVACYMAP_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "privacymap", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=TIMEOUT,
        preexec_fn=_limits(as_nobody),
        env=env,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    return Run(proc.returncode, output)


def assert_located(run: Run, expected: list[str], exit_code: int) -> None:
    assert run.returncode == exit_code, run.output
    assert run.diagnostics == expected, run.output
    # Every problem names its file, and a line unless the problem is the folder itself.
    for line in run.diagnostics:
        where = line.split(": ", 1)[0]
        assert re.fullmatch(r".+:\d+:\d+", where) or Path(where).name in ("", "."), line


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.yaml").is_file())


@pytest.mark.parametrize("name", case_names())
def test_static_case(name: str, tmp_path: Path) -> None:
    work = tmp_path / name
    shutil.copytree(CASES / name, work, ignore=shutil.ignore_patterns("expected.yaml"))
    expected = yaml.safe_load((CASES / name / "expected.yaml").read_text("utf-8"))
    run = privacymap("check", expected["path"], cwd=work)
    assert_located(run, expected["diagnostics"], expected["exit"])
    if "message" in expected:
        assert expected["message"] in run.output
    # `build` (the Python API, in-process to keep the corpus fast) refuses the same input
    # and writes nothing; without draft, findings block it too.
    built = privacymap_api.build(work / expected["path"], tmp_path / "out")
    assert built.exit_code == expected["exit"]
    assert not built.written and not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no staging folder left behind


def test_every_case_folder_has_expectations() -> None:
    assert sorted(p.name for p in CASES.iterdir()) == case_names()


# --------------------------------------------------------------------------- made at test time


def test_windows_line_endings_are_read_and_lines_counted(tmp_path: Path) -> None:
    text = SCAFFOLD.read_text("utf-8")
    (tmp_path / "clean.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    assert_located(privacymap("check", "clean.yaml", cwd=tmp_path), [], 0)
    broken = text.replace("  email: info@example.org\n", "  email: a@b.org\n  email: c@d.org\n")
    (tmp_path / "broken.yaml").write_bytes(broken.replace("\n", "\r\n").encode())
    run = privacymap("check", "broken.yaml", cwd=tmp_path)
    assert_located(run, ["broken.yaml:23:3: error PM002"], 2)
    # Old Mac line endings (CR only) are line breaks to YAML too.
    (tmp_path / "cr.yaml").write_bytes(text.replace("\n", "\r").encode())
    assert_located(privacymap("check", "cr.yaml", cwd=tmp_path), [], 0)


def test_symlinks_out_of_the_root_are_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("statutes: []\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "privacymap.toml").write_text("")
    (project / "map.yaml").write_text(
        "include: [shared/link.yaml]\n" + SCAFFOLD.read_text("utf-8"), "utf-8"
    )
    (project / "shared").mkdir()
    os.symlink("../../secret.yaml", project / "shared" / "link.yaml")
    os.symlink("../secret.yaml", project / "zz-entry.yaml")  # picked up by the folder scan
    os.symlink("/etc", project / "etc")
    run = privacymap("check", ".", cwd=project)
    assert_located(run, ["map.yaml:1:11: error PM009", "zz-entry.yaml:1:1: error PM009"], 2)
    (project / "zz-entry.yaml").unlink()
    (project / "map.yaml").write_text("include: [etc/passwd]\n" + SCAFFOLD.read_text("utf-8"))
    assert_located(privacymap("check", ".", cwd=project), ["map.yaml:1:11: error PM009"], 2)


def test_a_100_mb_file_sparse(tmp_path: Path) -> None:
    with open(tmp_path / "big.yaml", "wb") as f:
        f.truncate(100 * 1024 * 1024)
    assert_located(privacymap("check", "big.yaml", cwd=tmp_path), ["big.yaml:1:1: error PM010"], 2)


def test_a_100_mb_file_of_yaml(tmp_path: Path) -> None:
    chunk = ("categories:\n" + "  - id: x\n    name: y\n" * 20_000).encode()
    with open(tmp_path / "big.yaml", "wb") as f:
        while f.tell() < 100 * 1024 * 1024:
            f.write(chunk)
    assert_located(privacymap("check", "big.yaml", cwd=tmp_path), ["big.yaml:1:1: error PM010"], 2)


def test_a_file_under_the_size_limit_with_millions_of_values(tmp_path: Path) -> None:
    """19 MB of `- x` lines: under the size limit, but millions of nodes (memory-limited)."""
    with open(tmp_path / "many.yaml", "w") as f:
        f.write("categories:\n")
        f.write("  - x\n" * 3_300_000)
    run = privacymap("check", "many.yaml", cwd=tmp_path)
    assert_located(run, ["many.yaml:1:1: error PM010"], 2)
    assert "more than 1,000,000 values" in run.output


def test_hundreds_of_thousands_of_unknown_fields(tmp_path: Path) -> None:
    text = "notice:\n  title: t\n" + "".join(f"  k{i}: v\n" for i in range(300_000))
    (tmp_path / "wide.yaml").write_text(text + "controller: {name: c}\n")
    run = privacymap("check", "wide.yaml", cwd=tmp_path)
    assert run.returncode == 2
    assert run.diagnostics[0] == "wide.yaml:1:1: error PM010"
    assert len(run.diagnostics) == 201
    assert "schema problems; the first 200 are reported" in run.output


def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    run = privacymap("check", "pipe.yaml", cwd=tmp_path)
    assert_located(run, ["pipe.yaml:1:1: error PM012"], 2)
    (tmp_path / "map.yaml").write_text("include: [pipe.yaml]\n" + SCAFFOLD.read_text("utf-8"))
    run = privacymap("check", "map.yaml", cwd=tmp_path)
    assert_located(run, ["pipe.yaml:1:1: error PM012"], 2)
    assert "not a regular file" in run.output


def test_folder_named_like_a_yaml_file(tmp_path: Path) -> None:
    (tmp_path / "shared.yaml").mkdir()
    (tmp_path / "map.yaml").write_text("include: [shared.yaml]\n" + SCAFFOLD.read_text("utf-8"))
    assert_located(privacymap("check", "map.yaml", cwd=tmp_path), ["map.yaml:1:11: error PM007"], 2)
    (tmp_path / "map.yaml").unlink()
    # A folder holding only a folder named x.yaml has no data-map file.
    assert_located(privacymap("check", ".", cwd=tmp_path), [".: error PM013"], 2)


def _run_main(args: list[str]) -> int:
    from privacymap.launcher import main

    sys.argv = ["privacymap", *args]
    try:
        main()
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    return 0


def cli_in_forked_child(args: list[str], cwd: Path, *, as_nobody: bool, warm: Path) -> Run:
    """Run the CLI's `main()` in a forked child that may drop root for `nobody` (uid 65534).

    A subprocess as `nobody` could not even start the interpreter (it lives under /root
    in CI), so the child first runs the same command on the readable map `warm` (which
    imports everything the command needs), then drops privileges and runs it for real.
    """
    with tempfile.TemporaryFile() as captured:
        pid = os.fork()
        if pid == 0:  # the child: never return into pytest
            code = 3
            try:
                # pytest replaces sys.stdout, so point the Python streams (not only fds).
                sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115
                os.chdir(warm)
                _run_main(args)
                sys.stdout.flush()
                out = open(captured.fileno(), "w", closefd=False)  # noqa: SIM115
                sys.stdout = sys.stderr = out
                os.chdir(cwd)
                _limits(as_nobody)()
                code = _run_main(args)
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        captured.seek(0)
        output = captured.read().decode("utf-8", "replace")
    assert "Traceback" not in output and "internal error" not in output, output
    return Run(os.waitstatus_to_exitcode(status), output)


def test_unreadable_file(tmp_path: Path) -> None:
    """chmod 000 does not stop root: as root, the CLI runs as `nobody` in a forked child."""
    as_root = os.geteuid() == 0
    work = Path(tempfile.mkdtemp(prefix="privacymap-unreadable-"))
    try:
        work.chmod(0o755)
        (work / "map.yaml").write_text(SCAFFOLD.read_text("utf-8"))
        (work / "map.yaml").chmod(0o644)
        (work / "secret.yaml").write_text("statutes: []\n")
        (work / "secret.yaml").chmod(0)
        warm = tmp_path / "warm"
        warm.mkdir()
        (warm / "map.yaml").write_text(SCAFFOLD.read_text("utf-8"))
        run = cli_in_forked_child(["check", "."], work, as_nobody=as_root, warm=warm)
        assert_located(run, ["secret.yaml:1:1: error PM012"], 2)
        assert "Permission denied" in run.output
    finally:
        shutil.rmtree(work)
