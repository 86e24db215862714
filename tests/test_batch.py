"""``plan-extract batch``: 50+ real-looking files in, a folder of records out.

The files are made by ``bench/batch_bench.py``'s :func:`make_inputs` (the bench measures the same
set): the corpus pages and the Tianjin texts as they are, in GBK and with a BOM, as traditional
copies, truncated, nested, two sharing a stem, and six files that must fail.  Without
``../shared/corpus`` the set is made from the Tianjin texts alone (still 50+ files); the tests
that look at corpus pages themselves are marked ``shared`` and skip.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

from plan_extract.batch import MANIFEST, output_names, run_batch
from plan_extract.cli import main
from plan_extract.commands.batch import ProgressBar
from plan_extract.models import PlanRecord

REPO = Path(__file__).resolve().parents[1]
SUMMARY = re.compile(r"^(\d+) files: (\d+) extracted, (\d+) skipped \(current\), (\d+) failed")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("batch_bench", REPO / "bench" / "batch_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], tuple[int, int, int, int]]:
    """Run the command; return (status, stderr lines, (files, extracted, skipped, failed))."""
    status = main(["batch", *args])
    err = capsys.readouterr().err
    lines = err.splitlines()
    m = SUMMARY.match(lines[-1])
    assert m, lines[-1]
    files, extracted, skipped, failed = (int(g) for g in m.groups())
    return status, lines, (files, extracted, skipped, failed)


def _mtimes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.json") if p.name != MANIFEST}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One batch over the generated set on 2 processes, with its report (capsys is per test, so stderr is
    captured here by hand)."""
    root = tmp_path_factory.mktemp("batch")
    names = BENCH.make_inputs(root / "in")
    err = io.StringIO()
    real, sys.stderr = sys.stderr, err
    try:
        status = main(["batch", str(root / "in"), str(root / "out"), "--jobs", "2"])
    finally:
        sys.stderr = real
    return {"root": root, "names": names, "status": status, "stderr": err.getvalue()}


def _copy(first_run: dict[str, object], dst: Path) -> tuple[Path, Path]:
    root = first_run["root"]
    assert isinstance(root, Path)
    shutil.copytree(root / "in", dst / "in")  # copy2: mtimes kept to the nanosecond
    shutil.copytree(root / "out", dst / "out")
    return dst / "in", dst / "out"


def test_set_has_50_files(first_run: dict[str, object]) -> None:
    names = first_run["names"]
    assert isinstance(names, list) and len(names) >= 50


def test_set_without_the_corpus_still_has_50_files(tmp_path: Path) -> None:
    names = BENCH.make_inputs(tmp_path / "in", corpus=tmp_path / "no-corpus")
    assert len(names) >= 50 and not any(n.endswith(".html") and "gov-" in n for n in names)


def test_survives_bad_files_reports_them_and_counts_add_up(first_run: dict[str, object]) -> None:
    root, names, err = first_run["root"], first_run["names"], first_run["stderr"]
    assert isinstance(root, Path) and isinstance(names, list) and isinstance(err, str)
    assert first_run["status"] == 1, "exit status 1 when any file failed"
    assert "\r" not in err, "no progress bar when stderr is not a terminal"
    lines = err.splitlines()
    m = SUMMARY.match(lines[-1])
    assert m, lines[-1]
    files, extracted, skipped, failed = (int(g) for g in m.groups())
    assert files == len(names) and extracted + skipped + failed == files and skipped == 0
    reported = {}
    for line in lines[:-1]:
        assert line.startswith(f"plan-extract: error: {root / 'in'}/"), line
        path, problem = line.removeprefix("plan-extract: error: ").split(": ", 1)
        reported[Path(path).relative_to(root / "in").as_posix()] = problem
    assert len(reported) == failed == len(lines) - 1
    assert set(BENCH.BAD) <= set(reported), "every bad file is reported"
    assert all(problem and "Traceback" not in problem for problem in reported.values())
    # every other file has a valid record where the mirror says
    outs = output_names([root / "in" / n for n in names], root / "in")
    for name in names:
        dst = root / "out" / outs[root / "in" / name]
        if name in reported:
            assert not dst.exists()
        else:
            PlanRecord.model_validate_json(dst.read_bytes())
    assert (root / "out" / "orig" / "tianjin_plan_official_text.json").is_file()
    assert {p.name for p in (root / "out" / "clash").iterdir()} == {"plan.txt.json", "plan.html.json"}
    assert not [p for p in (root / "out").rglob("*.tmp")], "no temporary files left"


def test_encodings_and_bom_give_the_same_plan(first_run: dict[str, object]) -> None:
    root = first_run["root"]
    assert isinstance(root, Path)
    for stem in ("tianjin_plan_official_text", "tianjin_plan_web_scrape"):
        orig = PlanRecord.model_validate_json((root / "out" / "orig" / f"{stem}.json").read_bytes())
        for variant in ("gbk", "bom"):
            other = PlanRecord.model_validate_json((root / "out" / variant / f"{stem}.json").read_bytes())
            assert other.plan == orig.plan and other.targets == orig.targets


def test_rerun_skips_everything(
    first_run: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = _copy(first_run, tmp_path)
    before = _mtimes(out)
    status, _, (files, extracted, skipped, failed) = _run(capsys, str(src), str(out), "--jobs", "2")
    assert status == 1  # the bad files still fail, and say so
    assert extracted == 0 and skipped == files - failed and failed == len(BENCH.BAD)
    assert _mtimes(out) == before, "nothing rewritten"


def test_touching_one_input_redoes_only_that_one(
    first_run: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = _copy(first_run, tmp_path)
    before = _mtimes(out)
    touched = src / "orig" / "tianjin_plan_official_text.txt"
    later = max(before.values()) + 1_000_000_000
    os.utime(touched, ns=(later, later))
    _, _, (files, extracted, skipped, failed) = _run(capsys, str(src), str(out), "--jobs", "2")
    assert (extracted, skipped) == (1, files - failed - 1)
    after = _mtimes(out)
    changed = {k for k in before if after[k] != before[k]}
    assert changed == {"orig/tianjin_plan_official_text.json"}


def test_changed_bytes_or_version_redo_even_when_the_output_is_newer(
    first_run: dict[str, object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = _copy(first_run, tmp_path)
    edited = src / "orig" / "gov-like.txt"
    shutil.copy2(src / "orig" / "tianjin_plan_web_scrape.txt", edited)
    _run(capsys, str(src), str(out), "--jobs", "1")
    stat = edited.stat()
    edited.write_bytes(edited.read_bytes() + b"\n")
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same mtime, other bytes
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["trad/tianjin_plan_web_scrape.txt"]["version"] = "0.0.0"  # made by another version
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    _, _, (_, extracted, _, _) = _run(capsys, str(src), str(out), "--jobs", "1")
    assert extracted == 2


def test_force_redoes_and_a_lost_manifest_redoes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw_dir: Path
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("tianjin_plan_official_text.txt", "tianjin_plan_web_scrape.txt"):
        shutil.copy2(raw_dir / name, src / name)
    out = tmp_path / "out"
    assert _run(capsys, str(src), str(out))[2] == (2, 2, 0, 0)
    assert _run(capsys, str(src), str(out))[2] == (2, 0, 2, 0)
    assert _run(capsys, str(src), str(out), "--force")[2] == (2, 2, 0, 0)
    (out / MANIFEST).write_text("{broken", encoding="utf-8")
    status, _, counts = _run(capsys, str(src), str(out))
    assert status == 0 and counts == (2, 2, 0, 0)


def test_jobs_1_and_2_give_byte_identical_outputs(first_run: dict[str, object], tmp_path: Path) -> None:
    root = first_run["root"]
    assert isinstance(root, Path)
    report = run_batch(root / "in", tmp_path / "out1", jobs=1)
    assert report.count("extracted") + report.count("failed") == len(report.results)
    two = sorted(p.relative_to(root / "out") for p in (root / "out").rglob("*") if p.is_file())
    one = sorted(p.relative_to(tmp_path / "out1") for p in (tmp_path / "out1").rglob("*") if p.is_file())
    assert one == two
    for rel in one:  # the manifest included
        assert (tmp_path / "out1" / rel).read_bytes() == (root / "out" / rel).read_bytes(), rel


def test_progress_bar_only_on_a_terminal(tmp_path: Path, raw_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy2(raw_dir / "tianjin_plan_official_text.txt", src / "a.txt")
    (src / "empty.txt").write_bytes(b"")

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    assert main(["batch", str(src), str(tmp_path / "out"), "--force"]) == 1
    shown = tty.getvalue()
    assert "\r[" in shown and " 2/2" in shown
    tail = shown.rsplit("\r", 1)[-1]
    assert tail.splitlines()[-1] == "2 files: 1 extracted, 0 skipped (current), 1 failed"

    bar_out = io.StringIO()
    bar = ProgressBar(bar_out)
    bar(0, 4, "")
    bar(4, 4, "a/very/long/" + "name" * 40 + ".html")
    assert "[" in bar_out.getvalue() and "4/4" in bar_out.getvalue()
    bar.clear()
    assert bar_out.getvalue().endswith("\r")


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path / "missing"), str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == f"plan-extract: error: {tmp_path / 'missing'}: no such folder"
    with pytest.raises(SystemExit):
        main(["batch", str(tmp_path), str(tmp_path / "out"), "--jobs", "0"])


@pytest.mark.shared
def test_corpus_pages_in_every_variant(first_run: dict[str, object]) -> None:
    root = first_run["root"]
    assert isinstance(root, Path)
    for stem in ("gov-05", "gov-15", "gov-34"):
        orig = PlanRecord.model_validate_json((root / "out" / "orig" / f"{stem}.json").read_bytes())
        assert orig.document.doc_number and orig.plan.sections
        for variant in ("gbk", "bom", "nested/deeper"):
            other = PlanRecord.model_validate_json((root / "out" / variant / f"{stem}.json").read_bytes())
            assert other.plan == orig.plan, (variant, stem)
        trad = PlanRecord.model_validate_json((root / "out" / "trad" / f"{stem}.json").read_bytes())
        assert len(trad.plan.sections) == len(orig.plan.sections)
