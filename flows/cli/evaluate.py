"""``samen eval``: run the evaluation cases in every column and report; ``samen eval compare A B``.

    samen eval                                       # the offline cases; the matrix, JSON and HTML
    samen eval --check                               # exit 1 when a metric drops below evaluations/baseline.yaml
    samen eval --provider openai --base-url URL --model M     # the model column next to the offline one
    samen eval --provider openai --model M --prompt-version needs_coding=v1 --prompt-version needs_coding=v2
    samen eval compare RUN_A RUN_B                   # what flipped, score and cost deltas

The matrix goes to stdout, progress and the report paths to stderr.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

RUN_HELP = "Run the evaluation cases (every agent of every phase) and write the matrix, JSON and HTML."


def register_eval(app: typer.Typer, err: Console, out: Console) -> None:
    group = typer.Typer(
        help=RUN_HELP, invoke_without_command=True, add_completion=False, pretty_exceptions_enable=False
    )

    @group.callback()
    def evaluate(
        ctx: typer.Context,
        cases: Annotated[
            str | None, typer.Option("--cases", help="Case files (a glob; FILE.yaml#ID for one test).")
        ] = None,
        provider: Annotated[
            list[str] | None,
            typer.Option("--provider", help="offline, openai, openai-compatible, azure; repeatable."),
        ] = None,
        model: Annotated[str | None, typer.Option(help="The chat model of the model column(s).")] = None,
        base_url: Annotated[
            str | None, typer.Option(help="Any OpenAI-compatible server (Ollama, vLLM…).")
        ] = None,
        prompt_version: Annotated[
            list[str] | None,
            typer.Option(
                "--prompt-version", help="AGENT=vN; one column per version of an agent; repeatable."
            ),
        ] = None,
        repeat: Annotated[int, typer.Option(min=1, max=20, help="Ask each model case N times.")] = 1,
        jobs: Annotated[int, typer.Option(min=1, max=32, help="Cells evaluated at once.")] = 2,
        out_dir: Annotated[Path, typer.Option("--out", help="Where the reports go.")] = Path(
            "evaluations/reports"
        ),
        check: Annotated[bool, typer.Option(help="Exit 1 when a metric drops below the baseline.")] = False,
        baseline: Annotated[Path | None, typer.Option(help="The baseline file.")] = None,
        update_baseline: Annotated[
            bool, typer.Option(help="Write this run's pass rates as the baseline.")
        ] = False,
        no_cache: Annotated[
            bool, typer.Option("--no-cache", help="Ask the model again, not its cached answers.")
        ] = False,
        price_in: Annotated[
            float | None, typer.Option(help="USD per 1M input tokens (unknown models).")
        ] = None,
        price_out: Annotated[float | None, typer.Option(help="USD per 1M output tokens.")] = None,
        timeout: Annotated[float, typer.Option(help="Seconds per model request.")] = 120.0,
        language: Annotated[str, typer.Option(help="Language of the report: en or nl.")] = "en",
    ) -> None:
        if ctx.invoked_subcommand is not None:
            return
        from evaluations.baseline import BASELINE_FILE
        from evaluations.cases import load_cases
        from evaluations.columns import make_columns
        from evaluations.runner import RunOptions, run_cases

        columns = make_columns(
            provider or [], prompt_version or [], model=model, base_url=base_url, timeout_seconds=timeout
        )
        selected = load_cases(cases)
        options = RunOptions(columns=columns, repeat=repeat, jobs=jobs, out_dir=out_dir)
        if no_cache:
            options.call_cache = None
        if price_in is not None or price_out is not None:
            options.price = (price_in or 0.0, price_out or 0.0)
        total = len(selected) * len(columns) * repeat
        with _progress(err, language) as bar:
            task = bar.add_task(_word(language, "progress"), total=total)
            report = run_cases(selected, options, progress=lambda _cell: bar.advance(task))
        _write(report, out_dir, language, err)
        _wide(out).print(_render(report, language))
        _summary(report, language, err)
        baseline_path = baseline or BASELINE_FILE
        if update_baseline:
            from evaluations.baseline import read_baseline, updated, write_baseline

            write_baseline(updated(report, read_baseline(baseline_path)), baseline_path)
            err.print(_word(language, "baseline_written", path=baseline_path), highlight=False)
        if check and not _check(report, baseline_path, language, err):
            raise typer.Exit(1)

    @group.command("compare")
    def compare_runs(
        run_a: Annotated[str, typer.Argument(help="A run id (see evaluations/reports/) or a report.json.")],
        run_b: Annotated[str, typer.Argument(help="The run to compare it with.")],
        out_dir: Annotated[Path, typer.Option("--out", help="Where the reports are.")] = Path(
            "evaluations/reports"
        ),
        language: Annotated[str, typer.Option(help="en or nl.")] = "en",
    ) -> None:
        """What changed between two runs: cases that flipped, score deltas, cost deltas."""
        from evaluations.compare import compare
        from evaluations.report import read_report
        from evaluations.terminal import render_comparison

        comparison = compare(read_report(run_a, out_dir), read_report(run_b, out_dir))
        _wide(out).print(render_comparison(comparison, language))

    app.add_typer(group, name="eval")


def _word(language: str, key: str, **values: object) -> str:
    from evaluations.words import word

    return word(language, key, **values)


def _progress(err: Console, language: str) -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )  # fmt: skip


def _wide(out: Console) -> Console:
    """The console for the matrix: the terminal's width, or 160 columns when stdout is a file or a pipe."""
    from flows.cli.console import TerminalConsole

    return out if out.is_terminal else TerminalConsole(width=160)


def _render(report, language: str):  # noqa: ANN001, ANN202
    from evaluations.terminal import render

    return render(report, language)


def _write(report, out_dir: Path, language: str, err: Console) -> None:  # noqa: ANN001
    """``<out>/<run>/report.json``, ``report.html`` and ``report.md``, copied to ``<out>/report.*`` as the latest."""
    from artefacts.files import write_atomic
    from evaluations.html_matrix import report_html
    from evaluations.markdown_summary import report_markdown
    from evaluations.report import write_report

    folder = out_dir / report.run_id
    json_path = write_report(report, folder / "report.json")
    html_path = folder / "report.html"
    write_atomic(html_path, report_html(report, language))
    write_atomic(folder / "report.md", report_markdown(report, language))
    for path in (json_path, html_path, folder / "report.md"):
        shutil.copyfile(path, out_dir / path.name)
    err.print(
        _word(language, "reports_written", json=json_path, html=html_path), highlight=False, soft_wrap=True
    )


def _summary(report, language: str, err: Console) -> None:  # noqa: ANN001
    rates = ", ".join(
        f"{c.label} {'—' if (r := report.pass_rate(c.label)) is None else format(r, '.0%')}"
        for c in report.columns
    )
    err.print(
        _word(
            language,
            "run_summary",
            cells=len(report.results),
            cases=len(report.cases),
            columns=len(report.columns),
            repeat=report.repeat,
            seconds=report.seconds,
            rates=rates,
            run_id=report.run_id,
        ),  # fmt: skip
        highlight=False,
        soft_wrap=True,
    )


def _check(report, path: Path, language: str, err: Console) -> bool:  # noqa: ANN001
    from evaluations.baseline import check, read_baseline

    result = check(report, read_baseline(path))
    for column, metric, now, accepted in result.dropped:
        err.print(
            _word(language, "check_dropped", column=column, metric=metric, now=now, accepted=accepted),
            highlight=False,
        )
    for column, metric in result.not_run:
        err.print(_word(language, "check_not_run", column=column, metric=metric), highlight=False)
    for column, metric in result.no_baseline:
        err.print(_word(language, "check_no_baseline", column=column, metric=metric), highlight=False)
    for column in result.unchecked_columns:
        err.print(_word(language, "check_unchecked", column=column), highlight=False)
    key = "check_passed" if result.ok else "check_failed"
    err.print(_word(language, key, count=len(result.dropped), baseline=path), highlight=False, soft_wrap=True)
    sys.stderr.flush()
    return result.ok
