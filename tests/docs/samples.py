"""Code samples in Markdown: extraction and the conventions the docs follow.

- ```python blocks are run as scripts (cwd: a copy of the repository).
- ```sh blocks: each line is a shell command run in order (a trailing `\\`
  continues it); a trailing `# exit N` states the expected exit code
  (default 0) and `# not run` marks a command the tests must not run (it needs
  a network or a package manager). `make ...` lines are the Makefile's
  targets: checked to exist, not run (CI runs them).
- ```console blocks: `$ command` lines, each followed by an excerpt of its
  output; every excerpt line (except `...`) must appear in the real output,
  in order.
- ```yaml blocks preceded by `<!-- file: PATH -->` must equal that file.
- ```pycon blocks are doctests (run by the API reference test).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^```(\S*)[^\n]*\n(.*?)^```\s*$", re.M | re.S)
FILE_MARK = re.compile(r"<!--\s*file:\s*(\S+)\s*-->\s*\n*$")
EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")
NOT_RUN = re.compile(r"#\s*not run\b")


@dataclass(frozen=True)
class Block:
    file: Path
    line: int
    lang: str
    text: str
    marked_file: str | None = None

    @property
    def where(self) -> str:
        return f"{self.file.name}:{self.line}"


@dataclass(frozen=True)
class Command:
    text: str
    expect: int
    run: bool


def blocks(path: Path) -> list[Block]:
    source = path.read_text("utf-8")
    out = []
    for m in FENCE.finditer(source):
        before = source[: m.start()]
        mark = FILE_MARK.search(before)
        out.append(
            Block(
                path,
                before.count("\n") + 1,
                m.group(1),
                m.group(2),
                mark.group(1) if mark else None,
            )
        )
    return out


def commands(block: Block) -> list[Command]:
    """The commands of a ```sh block, continuation lines joined."""
    out: list[Command] = []
    pending = ""
    for raw in block.text.splitlines():
        line = raw.rstrip()
        if not line.strip() or (line.lstrip().startswith("#") and not pending):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        expect = EXIT.search(line)
        out.append(
            Command(
                text=re.sub(r"\s+#.*$", "", line).strip(),
                expect=int(expect.group(1)) if expect else 0,
                run=not NOT_RUN.search(line),
            )
        )
    return out


def console(block: Block) -> list[tuple[Command, list[str]]]:
    """`$ command` lines of a ```console block, each with its expected output lines."""
    out: list[tuple[Command, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            expect = EXIT.search(line)
            out.append(
                (
                    Command(
                        re.sub(r"\s+#.*$", "", line[2:]).strip(),
                        int(expect.group(1)) if expect else 0,
                        True,
                    ),
                    [],
                )
            )
        elif out:
            out[-1][1].append(line.rstrip())
    return out
