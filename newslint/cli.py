"""The `newslint` command: lint, rules, explain, test-rules.

Exit codes, for CI: 0 no violation at or above `--fail-on`; 1 violations; 2 a usage,
configuration or input error (a broken pack, an unreadable file, a rule that timed out).
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from newslint import __version__
from newslint.errors import NewslintError
from newslint.report import FORMATS

DEFAULT_PACKS = ("antara",)
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _split(values: tuple[str, ...]) -> list[str]:
    """`--select A,B --select C` -> [A, B, C]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _fail(error: NewslintError) -> None:
    click.echo(f"newslint: error: {error}", err=True)
    sys.exit(2)


pack_option = click.option("--pack", "packs", multiple=True, metavar="NAME|PATH",
                           help="Rule pack: a shipped pack's name or a YAML file (repeatable; default: antara).")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="newslint")
def main() -> None:
    """newslint: an editorial linter for news copy (ANTARA house style first)."""


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path())
@pack_option
@click.option("--select", multiple=True, metavar="IDS", help="Only these rules (ids or id prefixes, comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules (ids or id prefixes, comma-separated).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning", show_default=True,
              help="Exit with 1 only for violations of this severity or worse.")
@click.option("--statistics", is_flag=True,
              help="Count violations per rule (instead of listing them in text and concise; on stderr otherwise).")
@click.option("--date", "story_date", metavar="YYYY[-MM-DD]", help="The stories' date, for weekday and copyright checks.")
@click.option("--stdin-filename", metavar="NAME", help="Name to report for standard input (`-`).")
@click.option("-q", "--quiet", is_flag=True, help="Print violations only, no summary.")
@click.option("--no-color", is_flag=True, help="No colours (also when NO_COLOR is set).")
@click.option("--timeout", type=float, default=2.0, show_default=True, metavar="SECONDS",
              help="Time limit for one rule's pattern on one file.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("--fix", is_flag=True, help="Apply the fixes violations carry (atomic writes), then report what is left.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff, write nothing; exit 1 if there are any.")
def lint(paths: tuple[str, ...], packs: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
         output_format: str, fail_on: str, story_date: str | None, stdin_filename: str | None, quiet: bool,
         no_color: bool, timeout: float, debug: bool, statistics: bool, fix: bool, diff: bool) -> None:
    """Lint stories: files, folders (*.txt, *.md) or - for standard input."""
    from newslint.run import LintRequest, lint_command
    from newslint.storydate import parse_date_option

    try:
        date = parse_date_option(story_date) if story_date else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from None
    request = LintRequest(
        paths=list(paths) or ["."], packs=list(packs or DEFAULT_PACKS), select=_split(select), ignore=_split(ignore),
        output_format=output_format, fail_on=fail_on, date=date, stdin_filename=stdin_filename, quiet=quiet,
        color=not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty() and output_format == "text",
        timeout=timeout if timeout > 0 else None, debug=debug, statistics=statistics, fix=fix, diff=diff,
    )
    try:
        code = lint_command(request)
    except NewslintError as exc:
        _fail(exc)
    sys.exit(code)


@main.command(context_settings=CONTEXT)
@pack_option
def rules(packs: tuple[str, ...]) -> None:
    """List the rules of the active packs."""
    from newslint.packs import load_packs

    try:
        pack = load_packs(list(packs or DEFAULT_PACKS))
    except NewslintError as exc:
        _fail(exc)
    width = max((len(r.id) for r in pack.rules), default=4)
    for rule in pack.rules:
        state = "" if rule.enabled else "  (off unless selected)"
        first = (rule.description.strip().splitlines() or [rule.message])[0]
        click.echo(f"{rule.id:<{width}}  {rule.severity!s:<7}  {rule.kind:<12}  {first}{state}")


@main.command(context_settings=CONTEXT)
@click.argument("rule_id")
@pack_option
def explain(rule_id: str, packs: tuple[str, ...]) -> None:
    """Show what a rule checks, why, and its examples."""
    from newslint.engine import BUILTIN_RULES
    from newslint.packs import load_packs

    if rule_id in BUILTIN_RULES:
        click.echo(f"{rule_id}: {BUILTIN_RULES[rule_id]} (built into newslint)")
        return
    try:
        pack = load_packs(list(packs or DEFAULT_PACKS))
    except NewslintError as exc:
        _fail(exc)
    rule = pack.rule(rule_id)
    if rule is None:
        click.echo(f"newslint: error: no rule '{rule_id}' in the packs {', '.join(pack.names)}", err=True)
        sys.exit(2)
    click.echo(f"{rule.id} ({rule.kind}, {rule.severity}) from {rule.source}:{rule.line}")
    click.echo(f"Message: {rule.message}")
    if rule.description:
        click.echo("\n" + rule.description.strip())
    if rule.link:
        click.echo(f"\nSee: {rule.link}")
    for title, examples in (("Flags", rule.flag_examples), ("Passes", rule.pass_examples)):
        if examples:
            click.echo(f"\n{title}:")
            for example in examples:
                click.echo("  " + example.text.rstrip().replace("\n", "\n  "))


@main.command("test-rules", context_settings=CONTEXT)
@click.argument("packs", nargs=-1, metavar="[PACK]...")
@click.option("-v", "--verbose", is_flag=True, help="List every rule, not only failing ones.")
def test_rules(packs: tuple[str, ...], verbose: bool) -> None:
    """Run every rule's own examples: flags what it must flag, passes what it must pass."""
    from newslint.packs import load_packs
    from newslint.packs.loader import shipped_pack_names
    from newslint.selftest import run_examples

    try:
        pack = load_packs(list(packs or shipped_pack_names()))
    except NewslintError as exc:
        _fail(exc)
    failures = 0
    for rule, problems, counted in run_examples(pack):
        if problems:
            failures += 1
            click.echo(f"FAIL {rule.id} ({rule.source}:{rule.line})")
            for problem in problems:
                click.echo(f"     {problem}")
        elif verbose:
            click.echo(f"ok   {rule.id} ({counted})")
    total = len(pack.rules)
    click.echo(f"{total - failures} of {total} rules pass their examples" + (f"; {failures} fail" if failures else "") + ".")
    sys.exit(1 if failures else 0)


def run() -> Any:  # pragma: no cover - console script entry point
    return main()
