"""The `newslint` command: lint, rules, explain, test-rules, config, init.

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


def _configured_packs() -> list[str]:
    """Without --pack, `rules` and `explain` use the packs the current folder's configuration names."""
    from newslint.run import LintRequest
    from newslint.settings import Plan

    return list(Plan(LintRequest(paths=["."])).settings(".").packs)


def _fail(error: NewslintError) -> None:
    click.echo(f"newslint: error: {error}", err=True)
    sys.exit(2)


def _internal_error(exc: Exception, debug: bool) -> None:
    if debug:
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__)
    else:
        click.echo(f"newslint: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback; "
                   "please report it)", err=True)
    sys.exit(2)


pack_option = click.option("--pack", "packs", multiple=True, metavar="NAME|PATH",
                           help="Rule pack: a shipped pack's name or a YAML file (repeatable; default: the "
                                "configuration's packs, else antara).")
extend_select_option = click.option("--extend-select", multiple=True, metavar="IDS",
                                    help="These rules too, on top of the selection (ids or prefixes, comma-separated).")
config_option = click.option("--config", "config_file", type=click.Path(dir_okay=False), metavar="FILE",
                             help="Use this configuration for every file (no discovery of .newslint.yaml / pyproject.toml).")
isolated_option = click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
_SETTING_PARAMS = {"packs": "packs", "select": "select", "ignore": "ignore", "fail_on": "fail_on", "story_date": "date"}


def _given(ctx: click.Context) -> frozenset[str]:
    """The settings typed on the command line: they beat the configuration, defaults do not."""
    from click.core import ParameterSource

    return frozenset(name for param, name in _SETTING_PARAMS.items()
                     if ctx.get_parameter_source(param) not in (None, ParameterSource.DEFAULT))


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
@click.option("--max-file-size", "max_file_size", default="10MiB", show_default=True, metavar="SIZE",
              help="Refuse larger files (NL001) without reading them whole; e.g. 500KiB, 50MiB; 0: no limit.")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.option("--fix", is_flag=True, help="Apply the fixes violations carry (atomic writes), then report what is left.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff, write nothing; exit 1 if there are any.")
@extend_select_option
@config_option
@isolated_option
@click.option("--show-settings", is_flag=True, help="Print the settings in effect for the first path, and where each came from.")
@click.option("--report-unused-suppressions", is_flag=True, help="Report suppression comments that suppressed nothing (NL006).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Report only violations this baseline does not record.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), metavar="FILE",
              help="Record today's violations in FILE (a baseline) and exit 0.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: one per core; 1: no workers).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache (.newslint_cache/, or NEWSLINT_CACHE_DIR).")
@click.pass_context
def lint(ctx: click.Context, paths: tuple[str, ...], packs: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
         output_format: str, fail_on: str, story_date: str | None, stdin_filename: str | None, quiet: bool,
         no_color: bool, timeout: float, max_file_size: str, debug: bool, statistics: bool, extend_select: tuple[str, ...],
         config_file: str | None, isolated: bool, show_settings: bool, report_unused_suppressions: bool,
         baseline_file: str | None, write_baseline: str | None, fix: bool, diff: bool,
         jobs: int | None = None, no_cache: bool = False) -> None:
    """Lint stories: files, folders (*.txt, *.md) or - for standard input."""
    from newslint.intake import parse_size
    from newslint.run import LintRequest, lint_command

    if baseline_file and write_baseline:
        raise click.UsageError("--baseline and --write-baseline cannot be used together")
    if config_file and isolated:
        raise click.UsageError("--config and --isolated cannot be used together (--isolated ignores every configuration file)")
    if paths.count("-") > 1:  # a second read finds the input used up: one story, linted or fixed once
        raise click.UsageError("- (standard input) can be given only once")
    from newslint.storydate import parse_date_option

    try:
        date = parse_date_option(story_date) if story_date else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from None
    try:
        size_limit = parse_size(max_file_size)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--max-file-size") from None
    request = LintRequest(
        paths=list(paths) or ["."], packs=list(packs or DEFAULT_PACKS), select=_split(select), ignore=_split(ignore),
        output_format=output_format, fail_on=fail_on, date=date, stdin_filename=stdin_filename, quiet=quiet,
        color=not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty() and output_format == "text",
        timeout=timeout if timeout > 0 else None, debug=debug, max_file_size=size_limit, statistics=statistics, fix=fix, diff=diff,
        extend_select=_split(extend_select), config=config_file, isolated=isolated, given=_given(ctx),
        report_unused_suppressions=report_unused_suppressions, baseline=baseline_file, write_baseline=write_baseline,
        jobs=jobs, cache=not no_cache,
    )
    if show_settings:
        _show_settings(request, request.paths[0])
    try:
        code = lint_command(request)
    except NewslintError as exc:
        _fail(exc)
    except Exception as exc:  # a bug in newslint: one line, or the traceback when --debug asks for it
        _internal_error(exc, debug)
    sys.exit(code)


@main.command(context_settings=CONTEXT)
@pack_option
def rules(packs: tuple[str, ...]) -> None:
    """List the rules of the active packs."""
    from newslint.packs import load_packs

    try:
        pack = load_packs(list(packs) or _configured_packs())
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
        pack = load_packs(list(packs) or _configured_packs())
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


def _show_settings(request: Any, path: str) -> None:
    from newslint.settings import Plan, describe

    try:
        plan = Plan(request)
        settings = plan.settings(path)
        lines = describe(settings, plan.rules(settings), path)
    except NewslintError as exc:
        _fail(exc)
    click.echo("\n".join(lines))
    sys.exit(0)


@main.command("config", context_settings=CONTEXT)
@click.argument("path", default=".", type=click.Path())
@pack_option
@click.option("--select", multiple=True, metavar="IDS", help="Only these rules (ids or id prefixes, comma-separated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rules (ids or id prefixes, comma-separated).")
@extend_select_option
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="warning",
              help="As for `lint`: shown with its origin.")
@click.option("--date", "story_date", metavar="YYYY[-MM-DD]", help="As for `lint`: shown with its origin.")
@config_option
@isolated_option
@click.pass_context
def config_command(ctx: click.Context, path: str, packs: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...],
                   extend_select: tuple[str, ...], fail_on: str, story_date: str | None, config_file: str | None,
                   isolated: bool) -> None:
    """Show the settings in effect for PATH (a file or folder) and where each came from."""
    from newslint.run import LintRequest
    from newslint.storydate import parse_date_option

    try:
        date = parse_date_option(story_date) if story_date else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from None
    request = LintRequest(paths=[path], packs=list(packs or DEFAULT_PACKS), select=_split(select), ignore=_split(ignore),
                          extend_select=_split(extend_select), fail_on=fail_on, date=date, config=config_file,
                          isolated=isolated, given=_given(ctx))
    _show_settings(request, path)


@main.command(context_settings=CONTEXT)
@click.option("--force", is_flag=True, help="Overwrite an existing .newslint.yaml.")
def init(force: bool) -> None:
    """Write a starter .newslint.yaml here and print the pre-commit entry to add."""
    from pathlib import Path

    from newslint.config import YAML_NAME
    from newslint.starter import PRE_COMMIT_ENTRY, STARTER_CONFIG

    target = Path(YAML_NAME)
    if target.exists() and not force:
        click.echo(f"newslint: error: {YAML_NAME} already exists here; use --force to overwrite it", err=True)
        sys.exit(2)
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"Wrote {YAML_NAME}: edit it, then check it with `newslint config`.")
    click.echo("\nTo lint stories before each commit, add this to .pre-commit-config.yaml:\n")
    click.echo(PRE_COMMIT_ENTRY, nl=False)


def run() -> Any:  # pragma: no cover - console script entry point
    return main()
