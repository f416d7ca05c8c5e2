"""What each command's help teaches beyond its options: examples, kept as data.

The CLI appends them to `--help`; tests/cli/test_help.py runs every example
(on a copy of the repository) with the exit code it states, so the help
cannot drift from what the commands do. Plain data, with no Typer import, so
that any front end (the Typer app, a fast path for `check`) can print them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    """One command line, what it does, and the exit code it gives (run by the tests)."""

    says: str
    command: str
    exit_code: int = 0


FIRST_STEPS = (
    Example(
        "Start a data map: a small, commented map that checks clean", "privacymap init my-service"
    ),
    Example("Check it against UK GDPR and the DPA 2018", "privacymap check my-service"),
    Example(
        "Write the notice, the ROPA and the data-flow graph",
        "privacymap build my-service -o my-service-build",
    ),
)
"""The three commands a newcomer runs first, in order (`privacymap init` prints them)."""

AFTER_INIT = (
    Example("check it against UK GDPR and the DPA 2018", "privacymap check {folder}"),
    Example("what a finding means and how to fix it", "privacymap explain PM201"),
    Example(
        "write the notice, the ROPA and the data-flow graph",
        "privacymap build {folder} -o {folder}-build",
    ),
)
"""What `privacymap init FOLDER` suggests next ({folder} is the folder it wrote)."""


def next_steps(folder: str) -> list[str]:
    """`privacymap init`'s closing lines: the commands to run next, each after its purpose."""
    lines = ["next:"]
    for step in AFTER_INIT:
        lines += [f"  # {step.says}", f"  {step.command.format(folder=folder)}"]
    return lines


EXAMPLES: dict[str, tuple[Example, ...]] = {
    "": FIRST_STEPS,
    "check": (
        Example(
            "Check the Lancashire notice as published (exit 1: it has errors)",
            "privacymap check notices/lancashire-cfw",
            1,
        ),
        Example(
            "Only the lawfulness rules (PM2xx)",
            "privacymap check notices/lancashire-cfw --select PM2",
            1,
        ),
        Example(
            "Warnings fail too; a SARIF report for code scanning",
            "privacymap check examples/family-support --strict --format sarif "
            "--output findings.sarif",
        ),
    ),
    "build": (
        Example(
            "Build the example map's notice, ROPA and graph",
            "privacymap build examples/family-support -o build/family-support",
        ),
        Example(
            "Build a map that has errors, marked as a draft",
            "privacymap build notices/lancashire-cfw -o build/lancashire-cfw --draft",
        ),
        Example(
            "An organisation (its register.yaml lists the maps): each service and the register",
            "privacymap build examples/shared-catalogue -o build/eastvale",
        ),
    ),
    "diff": (
        Example(
            "What changed in law between two versions (exit 1: a material change)",
            "privacymap diff examples/family-support examples/change-control/family-support-next",
            1,
        ),
        Example(
            "As Markdown for a pull-request comment, judging only the changelog rule (PM620)",
            "privacymap diff examples/family-support examples/change-control/family-support-next "
            "--format markdown --require-changelog",
        ),
    ),
    "ropa": (
        Example(
            "The register of an organisation's maps (listed in its register.yaml)",
            "privacymap ropa examples/shared-catalogue -o register.xlsx",
        ),
        Example(
            "One register of two service maps of the same council",
            "privacymap ropa examples/shared-catalogue/adult-learning "
            "examples/shared-catalogue/registrars -o register.xlsx",
        ),
        Example(
            "The same register as CSV (the ROPA sheet only)",
            "privacymap ropa examples/shared-catalogue/adult-learning "
            "examples/shared-catalogue/registrars --format csv -o register.csv",
        ),
    ),
    "rules": (
        Example("List the rules", "privacymap rules"),
        Example("Only the special category rules (PM3xx)", "privacymap rules | grep PM3"),
    ),
    "explain": (
        Example(
            "A rule by id: the law, why, how to fix it, a failing and a fixed example",
            "privacymap explain PM201",
        ),
        Example("The same rule by its slug", "privacymap explain flow-without-lawful-basis"),
    ),
    "schema": (
        Example(
            "Save the schema beside a map for editor completion",
            "privacymap schema > privacymap.schema.json",
        ),
    ),
    "init": FIRST_STEPS[:1],
    "graph": (
        Example(
            "The overview (sources, the service, recipient groups) as DOT",
            "privacymap graph examples/family-support",
        ),
        Example(
            "Where one category of data goes, as Mermaid",
            "privacymap graph examples/family-support --view category:health-and-development "
            "--format mmd --output health.mmd",
        ),
        Example(
            "The whole service by activity, as a PNG for a DPIA",
            "privacymap graph examples/family-support --view activities --format png "
            "--output activities.png",
        ),
    ),
    "dpia": (
        Example(
            "Screen every activity for a DPIA, with the facts behind each answer",
            "privacymap dpia examples/family-support",
        ),
        Example(
            "One activity, as Markdown for a DPIA document",
            "privacymap dpia notices/lancashire-cfw --activity consent-to-contact "
            "--format markdown --output screening.md",
        ),
    ),
    "flows": (
        Example(
            "Flows with no lawful basis", "privacymap flows notices/lancashire-cfw --without-basis"
        ),
        Example(
            "Flows carrying one category of data, as CSV",
            "privacymap flows examples/family-support --category health-and-development "
            "--format csv",
        ),
        Example(
            "What goes to one recipient",
            "privacymap flows notices/lancashire-cfw --to lancashire-constabulary",
        ),
    ),
    "import": (
        Example(
            "A ROPA to import (here, one privacymap wrote; or your own)",
            "privacymap build examples/family-support -o build --only ropa",
        ),
        Example(
            "What the ROPA would become, as a dry run",
            "privacymap import build/ropa.xlsx -o imported",
        ),
        Example("Write it as a data map", "privacymap import build/ropa.xlsx -o imported --write"),
    ),
    "export": (
        Example(
            "A data map as W3C DPV linked data (JSON-LD)",
            "privacymap export dpv examples/family-support -o family-support.jsonld",
        ),
        Example(
            "DPA 2018 Schedule 1 as a spreadsheet",
            "privacymap export schedule1 --format csv -o schedule1.csv",
        ),
    ),
    "export dpv": (
        Example(
            "As JSON-LD",
            "privacymap export dpv examples/family-support -o family-support.jsonld",
        ),
        Example(
            "As Turtle",
            "privacymap export dpv examples/family-support --format ttl -o family-support.ttl",
        ),
    ),
    "export schedule1": (
        Example("As CSV", "privacymap export schedule1 --format csv -o schedule1.csv"),
        Example("As Turtle, to the screen", "privacymap export schedule1 --format ttl"),
    ),
}
"""Examples by command as typed after `privacymap` ("check", or "export dpv" for a
subcommand); "" is the top-level `privacymap --help`."""


def examples_text(command: str) -> list[str]:
    """The examples of `command` as help lines: a comment, then the command line."""
    lines: list[str] = []
    for example in EXAMPLES.get(command, ()):
        lines += [f"# {example.says}", example.command]
    return lines
