"""The harness entry: options, section selection, failure handling, machine stamp, files."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

from bench import run
from bench.child_config import merge, write_child_config
from bench.machine import cpu_features, cpu_model, machine_facts, memory_gib
from bench.options import FULL, QUICK, BenchOptions
from bench.results import SectionResult
from bench.section import SectionContext, SectionSpec, SectionUnavailable
from bench.sections import section_names, select
from serving.config import TresorConfig
from serving.config_loader import load_config


def test_selection_and_options() -> None:
    assert section_names() == ("guardrail", "detection", "retrieval", "usefulness", "gateway")
    assert [s.name for s in select(("gateway", "guardrail"))] == ["guardrail", "gateway"]
    with pytest.raises(ValueError, match="unknown section"):
        select(("nope",))
    args = run.build_parser().parse_args(["--quick", "--only", "gateway,guardrail", "--concurrency", "1,4",
                                          "--max-tokens", "8", "--engine-url", "http://gpu:8000/v1"])  # fmt: skip
    options = run.options_from(args)
    assert options.profile.name == "quick" and options.only == ("gateway", "guardrail")
    assert options.profile.concurrency == (1, 4) and options.profile.max_tokens == 8
    assert options.engine_url == "http://gpu:8000/v1"
    assert run.options_from(run.build_parser().parse_args([])).profile == FULL
    with pytest.raises(SystemExit):
        run.build_parser().parse_args(["--concurrency", "0"])


def test_small_concurrency_sends_more_requests_per_stream() -> None:
    assert [FULL.per_stream(c) for c in (1, 8, 32)] == [8, 2, 2]
    assert [QUICK.per_stream(c) for c in (1, 8)] == [2, 1]


def _ctx(tmp_path: Path) -> SectionContext:
    return SectionContext(BenchOptions(QUICK, tmp_path, Path.cwd()), TresorConfig(), tmp_path)


def _boom(ctx: SectionContext) -> SectionResult:
    raise KeyError("some text that must not be shown")


def _missing(ctx: SectionContext) -> SectionResult:
    raise SectionUnavailable("the part is not built yet")


def _fine(ctx: SectionContext) -> SectionResult:
    return SectionResult("fine", "Fine", "ok")


@pytest.mark.parametrize(
    ("function", "status", "reason_part"),
    [
        ("_boom", "failed", "KeyError;"),
        ("_missing", "not_available", "not built yet"),
        ("_fine", "ok", ""),
    ],
)
def test_run_section_turns_outcomes_into_results(
    tmp_path: Path, function: str, status: str, reason_part: str
) -> None:
    clock = iter([10.0, 12.5])
    spec = SectionSpec("s", "S", f"tests.unit.test_bench_run:{function}")
    result = run.run_section(spec, _ctx(tmp_path), clock=lambda: next(clock))
    assert result.status == status and reason_part in result.reason
    assert "must not be shown" not in result.reason  # foreign exception text is not echoed
    assert result.duration_s == 2.5
    assert (tmp_path / "s-error.txt").exists() == (status == "failed")


def test_main_runs_the_selected_sections_and_writes_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = (SectionSpec("usefulness", "Fine", "tests.unit.test_bench_run:_fine"),
            SectionSpec("gateway", "Boom", "tests.unit.test_bench_run:_boom"))  # fmt: skip
    chosen: list[tuple[str, ...]] = []

    def fake_select(only: tuple[str, ...]) -> tuple[SectionSpec, ...]:
        chosen.append(only)
        return tuple(spec for spec in fake if not only or spec.name in only)

    monkeypatch.setattr(run, "select", fake_select)
    monkeypatch.setattr(
        tempfile, "tempdir", str(tmp_path)
    )  # scratch folders of failed runs stay here
    assert run.main(["--quick", "--only", "usefulness", "--out", str(tmp_path)]) == 0
    assert chosen[-1] == ("usefulness",)
    data = json.loads((tmp_path / "latest.json").read_text())
    assert data["mode"] == "quick" and data["machine"]["cpu_count"]
    assert [s["status"] for s in data["sections"]] == ["ok"]
    assert data["command"] == "python -m bench.run --quick --only usefulness --out " + str(tmp_path)
    assert list((tmp_path / "runs").iterdir())
    assert run.main(["--quick", "--out", str(tmp_path / "second")]) == 1  # a crashed section


def test_main_refuses_unknown_sections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run.main(["--only", "nope", "--out", str(tmp_path)]) == 2
    assert "unknown section" in capsys.readouterr().err
    assert run.main(["--list"]) == 0


def test_machine_facts_parsing() -> None:
    assert cpu_model("processor\t: 0\nmodel name\t: AMD EPYC 7B13\n") == "AMD EPYC 7B13"
    assert cpu_model("") is None
    flags = "processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_vnni amx_int8\n"
    assert cpu_features(flags) == "avx2 avx512f avx512_vnni amx_int8"
    assert cpu_features("flags\t: fpu sse2\n") == "none"
    assert cpu_features("") is None
    assert memory_gib("MemTotal:       24576000 kB\n") == 23.4
    facts = machine_facts(Path.cwd())
    keys = ("cpu_count", "cpu_features", "memory_gib", "python", "torch", "git_commit")
    for key in (*keys, "load_avg_start"):
        assert key in facts


def test_child_config_round_trips(tmp_path: Path) -> None:
    path = write_child_config(TresorConfig(), tmp_path / "c.json", data_dir=str(tmp_path),
                              guardrails={"enabled": False}, upstream={"mode": "external", "base_url": "http://x:1/v1"})  # fmt: skip
    loaded = load_config(path, environ={})
    assert loaded.data_dir == tmp_path and loaded.guardrails.enabled is False
    assert (
        loaded.guardrails.policy_file == TresorConfig().guardrails.policy_file
    )  # untouched keys kept
    assert loaded.upstream_base_url == "http://x:1/v1"
    with pytest.raises(ValueError):
        write_child_config(TresorConfig(), tmp_path / "bad.json", upstream={"mode": "external"})
    assert merge({"a": {"b": 1, "c": 2}}, {"a": {"b": 3}}) == {"a": {"b": 3, "c": 2}}
