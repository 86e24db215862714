"""The ``plan-extract`` command, run the way a user runs it: a subprocess, both as ``python -m plan_extract``
and through the installed ``plan-extract`` entry point.

Errors a user can cause must be one line on stderr (``plan-extract: error: PATH: PROBLEM``), a non-zero
exit status, no traceback and no output file (not even a temporary one).
"""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from plan_extract.cli import main
from plan_extract.models import PlanRecord

REPO = Path(__file__).resolve().parents[1]
SUBCOMMANDS = ("extract", "validate", "schema", "explain")
PLAIN_PARAGRAPH = "天津市今年继续推进绿色低碳发展，各有关部门要加强协作，确保各项工作落到实处。\n"


def _entry_point() -> Path | None:
    for candidate in (Path(sys.executable).parent / "plan-extract", REPO / ".venv" / "bin" / "plan-extract"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(params=["python-m", "entry-point"], scope="module")
def cli(request: pytest.FixtureRequest) -> list[str]:
    if request.param == "python-m":
        return [sys.executable, "-m", "plan_extract"]
    exe = _entry_point()
    if exe is None:
        pytest.skip("no plan-extract entry point installed next to this Python or in .venv")
    return [str(exe)]


def run(cli: list[str], *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*cli, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or REPO,
        timeout=120,
        check=False,
    )


def assert_one_error_line(proc: subprocess.CompletedProcess[str], path: Path) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("plan-extract: error:"), lines[0]
    assert str(path) in lines[0], lines[0]


# --- happy paths ---------------------------------------------------------------------------------


def test_extract_to_stdout_is_valid_json(cli: list[str], official_path: Path) -> None:
    proc = run(cli, "extract", official_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    PlanRecord.model_validate(data)
    assert data["document"]["issuer"] == "天津市人民政府"
    assert "Traceback" not in proc.stderr


def test_extract_output_file_then_validate(cli: list[str], official_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "official.json"
    proc = run(cli, "extract", official_path, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert out.is_file()
    PlanRecord.model_validate(json.loads(out.read_text(encoding="utf-8")))
    assert sorted(p.name for p in out.parent.iterdir()) == ["official.json"], "no temporary file left behind"

    ok = run(cli, "validate", out)
    assert ok.returncode == 0, ok.stderr
    assert str(out) in ok.stdout


def test_validate_rejects_missing_contract_field(cli: list[str], official_path: Path, tmp_path: Path) -> None:
    data = json.loads(run(cli, "extract", official_path).stdout)
    del data["document"]["title"]
    bad = tmp_path / "no-title.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    proc = run(cli, "validate", bad)
    assert proc.returncode == 2
    assert_one_error_line(proc, bad)
    assert "document.title" in proc.stderr


def test_validate_rejects_non_json(cli: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "plain.txt"
    bad.write_text(PLAIN_PARAGRAPH, encoding="utf-8")
    proc = run(cli, "validate", bad)
    assert proc.returncode == 2
    assert_one_error_line(proc, bad)


def test_schema_prints_json_schema(cli: list[str]) -> None:
    proc = run(cli, "schema")
    assert proc.returncode == 0, proc.stderr
    schema = json.loads(proc.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert {"document", "plan"} <= set(schema["properties"])


def test_explain_lists_rules(cli: list[str], scrape_path: Path) -> None:
    proc = run(cli, "explain", scrape_path)
    assert proc.returncode == 0, proc.stderr
    for rule in ("map_radicals", "resolve_mouth_again_confusion"):
        assert rule in proc.stdout
    listed = run(cli, "explain", scrape_path, "--rule", "resolve_mouth_again_confusion")
    assert listed.returncode == 0
    assert "'⼜' → '口'" in listed.stdout


def test_explain_counts_the_page_marks_a_reader_took_out(cli: list[str], tmp_path: Path) -> None:
    """pdftotext's output of the official PDF: its 19 page numbers are said, and listed with their page."""
    fixture = Path(__file__).parent / "data" / "tianjin_plan_official.pdftotext.txt"
    proc = run(cli, "explain", fixture)
    assert proc.returncode == 0, proc.stderr
    assert "taken out by the text reader as layout noise: 19 (page_number 19)" in proc.stdout
    listed = run(cli, "explain", fixture, "--all").stdout.splitlines()
    noise = [line.split() for line in listed if "layout noise: page_number" in line]
    assert [words[:2] for words in noise] == [["page", str(p)] for p in range(1, 20)]


def test_help_mentions_every_subcommand(cli: list[str]) -> None:
    proc = run(cli, "--help")
    assert proc.returncode == 0
    for sub in SUBCOMMANDS:
        assert sub in proc.stdout, sub


def test_no_command_is_a_usage_error(cli: list[str]) -> None:
    proc = run(cli)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr


# --- bad input ------------------------------------------------------------------------------------

BAD_INPUTS: dict[str, bytes | None] = {
    "empty": b"",
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 128,
    "undecodable": b"\xfd\xfe\xff" * 50,
    "missing": None,
}


@pytest.mark.parametrize("kind", list(BAD_INPUTS))
def test_bad_input_is_one_line_and_no_output(cli: list[str], tmp_path: Path, kind: str) -> None:
    src_dir = tmp_path / "in"
    out_dir = tmp_path / "out"
    src_dir.mkdir()
    out_dir.mkdir()
    path = src_dir / f"{kind}.txt"
    blob = BAD_INPUTS[kind]
    if blob is not None:
        path.write_bytes(blob)
    out = out_dir / "result.json"
    proc = run(cli, "extract", path, "-o", out)
    assert_one_error_line(proc, path)
    assert proc.stdout == ""
    assert not out.exists()
    assert list(out_dir.iterdir()) == [], "no (temporary) file may be left in the output folder"
    assert sorted(p.name for p in src_dir.iterdir()) == ([] if blob is None else [path.name])

    to_stdout = run(cli, "extract", path)
    assert_one_error_line(to_stdout, path)
    assert to_stdout.stdout == ""


def _zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


#: Formats government documents also come in, each refused by name (before: "looks like a binary
#: file", which says nothing of what to do).
OTHER_FORMATS: dict[str, tuple[bytes, str]] = {
    "plan.docx": (_zipped("[Content_Types].xml", "word/document.xml"), "Word document (.docx)"),
    "plan.doc": (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 512, "Word 97-2003 (.doc), WPS"),
    "plan.ofd": (_zipped("OFD.xml", "Doc_0/Document.xml"), "OFD document"),
    "scan.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 128, "PNG image; its text needs OCR"),
    "scan.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * 128, "JPEG image"),
    "plans.zip": (_zipped("a.pdf", "b.pdf"), "ZIP archive: extract the documents in it first"),
    "plan.rtf": (b"{\\rtf1\\ansi hello}", "RTF document"),
}


@pytest.mark.parametrize("name", list(OTHER_FORMATS))
def test_other_formats_are_refused_by_name(cli: list[str], tmp_path: Path, name: str) -> None:
    blob, said = OTHER_FORMATS[name]
    path = tmp_path / name
    path.write_bytes(blob)
    proc = run(cli, "extract", path, "-o", tmp_path / "out.json")
    assert_one_error_line(proc, path)
    assert said in proc.stderr
    assert not (tmp_path / "out.json").exists()


def test_bad_input_keeps_an_existing_output_file(cli: list[str], tmp_path: Path) -> None:
    """A failed run must not truncate or replace what is already at the -o path."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    out = tmp_path / "result.json"
    out.write_text("previous\n", encoding="utf-8")
    proc = run(cli, "extract", path, "-o", out)
    assert_one_error_line(proc, path)
    assert out.read_text(encoding="utf-8") == "previous\n"


def test_text_without_structure_is_kept_with_a_warning(cli: list[str], tmp_path: Path) -> None:
    path = tmp_path / "paragraph.txt"
    path.write_text(PLAIN_PARAGRAPH, encoding="utf-8")
    proc = run(cli, "extract", path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    PlanRecord.model_validate(data)
    assert "no_structure" in {w["kind"] for w in data["warnings"]}
    assert data["plan"]["sections"] == []
    assert PLAIN_PARAGRAPH.strip() in json.dumps(data, ensure_ascii=False), "the text is kept"
    warning_lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("plan-extract: warning:")]
    assert len(warning_lines) == 1 and str(path) in warning_lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


# --- validate and every contract field (in-process: same code path, without 16 interpreter starts) ---

CONTRACT_FIELDS = [
    ("document", "title"),
    ("document", "issuer"),
    ("document", "signed_date"),
    ("document", "published_date"),
    ("plan", "title"),
    ("plan", "sections"),
    ("section", "number"),
    ("section", "title"),
    ("section", "measures"),
    ("measure", "number"),
    ("measure", "title"),
    ("measure", "tasks"),
    ("task", "text"),
    ("task", "agencies"),
    ("agency", "name"),
    ("agency", "role"),
]


def _holder(data: dict[str, Any], where: str) -> dict[str, Any]:
    section = data["plan"]["sections"][1]
    measure = section["measures"][0]
    task = measure["tasks"][0]
    holders: dict[str, dict[str, Any]] = {
        "document": data["document"],
        "plan": data["plan"],
        "section": section,
        "measure": measure,
        "task": task,
        "agency": task["agencies"][0],
    }
    return holders[where]


@pytest.fixture(scope="module")
def official_data(official_path: Path) -> dict[str, Any]:
    from plan_extract import extract

    data: dict[str, Any] = json.loads(extract(official_path).model_dump_json())
    return data


@pytest.mark.parametrize(("where", "field"), CONTRACT_FIELDS, ids=[f"{w}.{f}" for w, f in CONTRACT_FIELDS])
def test_validate_rejects_each_missing_contract_field(
    official_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, field: str
) -> None:
    data = copy.deepcopy(official_data)
    holder = _holder(data, where)
    assert field in holder
    del holder[field]
    bad = tmp_path / f"missing-{where}-{field}.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(bad)]) == 2, f"validate accepted a record without {where}.{field}"
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("plan-extract: error:") and str(bad) in err[0]


def test_validate_accepts_the_unmodified_record(
    official_data: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(official_data, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(good)]) == 0
    assert capsys.readouterr().err == ""
