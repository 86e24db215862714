"""Plain-text reader: the encodings a government text arrives in decode to the same text and the same
record; what is not text is refused with an InputError naming the file.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from plan_extract import InputError, extract, extract_source
from plan_extract.readers import read_source
from plan_extract.writers.json import dumps

ENCODINGS: dict[str, tuple[Callable[[str], bytes], str]] = {
    # name: (how the bytes are made, what the reader must report)
    "utf-8": (lambda t: t.encode("utf-8"), "utf-8"),
    "utf-8-bom": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    "gbk": (lambda t: t.encode("gbk"), "gb18030"),
    "gb18030": (lambda t: t.encode("gb18030"), "gb18030"),
}


@pytest.fixture(scope="module")
def encoded_copies(tmp_path_factory: pytest.TempPathFactory, official_source: str) -> dict[str, Path]:
    """The official text in each encoding, each under the same file name (provenance names the file)."""
    out: dict[str, Path] = {}
    for enc, (make, _) in ENCODINGS.items():
        folder = tmp_path_factory.mktemp(enc)
        path = folder / "tianjin_plan_official_text.txt"
        path.write_bytes(make(official_source))
        out[enc] = path
    return out


def _without_sources(record_json: str) -> str:
    """The record minus ``sources`` (its sha256 and encoding describe the bytes, which differ by design)."""
    data = json.loads(record_json)
    del data["sources"]
    return json.dumps(data, ensure_ascii=False, indent=2)


def test_encodings_decode_to_the_same_text(encoded_copies: dict[str, Path], official_source: str) -> None:
    for enc, path in encoded_copies.items():
        src = read_source(path)
        assert src.text == official_source, enc
        assert src.encoding == ENCODINGS[enc][1], enc
        assert src.kind == "text"


def test_gbk_bytes_really_differ_from_utf8(encoded_copies: dict[str, Path]) -> None:
    """Guard: the copies are different byte strings, so the test above proves detection, not luck."""
    blobs = {enc: p.read_bytes() for enc, p in encoded_copies.items()}
    assert blobs["utf-8"] != blobs["gbk"]
    assert blobs["utf-8-bom"].startswith(codecs.BOM_UTF8)
    with pytest.raises(UnicodeDecodeError):
        blobs["gbk"].decode("utf-8")


def test_encodings_give_byte_identical_json(encoded_copies: dict[str, Path]) -> None:
    reference = dumps(extract(encoded_copies["utf-8"]))
    for enc, path in encoded_copies.items():
        via_extract = dumps(extract(path))
        via_source = dumps(extract_source(read_source(path)))
        assert via_extract == via_source, enc
        assert _without_sources(via_extract) == _without_sources(reference), enc
        info = json.loads(via_extract)["sources"][0]
        assert info["encoding"] == ENCODINGS[enc][1]
        assert info["name"] == "tianjin_plan_official_text.txt"


def test_crlf_line_endings_give_the_same_record(tmp_path: Path, official_source: str) -> None:
    path = tmp_path / "tianjin_plan_official_text.txt"
    path.write_bytes(official_source.replace("\n", "\r\n").encode("utf-8"))
    lf = tmp_path / "lf" / "tianjin_plan_official_text.txt"
    lf.parent.mkdir()
    lf.write_bytes(official_source.encode("utf-8"))
    assert _without_sources(dumps(extract(path))) == _without_sources(dumps(extract(lf)))


# --- what is not text ---------------------------------------------------------------------------

GERMAN = "Ästhetik und Qualität für öffentliche Gebäude, Straßenbeläge und Grünflächen. " * 8
FRENCH = "Le café de la gare: une façade rénovée, déjà très appréciée à Besançon. " * 8

BAD_BYTES = {
    "ff-fe-fd": b"\xff\xfe\xfd",
    "ff-fe-fd-repeated": b"\xff\xfe\xfd" * 50,
    "fd-fe-ff-repeated": b"\xfd\xfe\xff" * 50,
    "latin1-french": FRENCH.encode("latin-1"),
    "latin1-german": GERMAN.encode("latin-1"),
    "empty": b"",
    "whitespace-only": b" \n\t\r\n   \n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + b"\x00" * 200,
    "nul-padded-utf8": "天津市人民政府".encode() + b"\x00" * 64,
}


@pytest.mark.parametrize("name", list(BAD_BYTES))
def test_not_text_is_an_input_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_bytes(BAD_BYTES[name])
    with pytest.raises(InputError) as info:
        extract(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value), "the message is one line"


def test_latin1_samples_are_really_not_utf8() -> None:
    for blob in (BAD_BYTES["latin1-french"], BAD_BYTES["latin1-german"]):
        with pytest.raises(UnicodeDecodeError):
            blob.decode("utf-8")


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "no-such-file.txt"
    with pytest.raises(InputError) as info:
        extract(path)
    assert str(path) in str(info.value)


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        extract(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_a_saved_pages_widgets_are_counted_noise(tmp_path: Path) -> None:
    """A page saved as text keeps its widgets as lines: 返回顶部 above the title read as the title's first
    line (返回顶部镇巴县人民政府工作规则), 【打印本页】【关闭窗口】 under the text as the plan's closing words."""
    page = tmp_path / "page.txt"
    page.write_text(
        "返回顶部\n\n某县人民政府工作规则\n\n第一条　为规范工作，制定本规则。\n\n【打印本页】　【关闭窗口】\n",
        encoding="utf-8",
    )
    source = read_source(page)
    assert "返回" not in source.text and "打印" not in source.text
    assert [(n.kind, n.text) for n in source.noise] == [
        ("page_chrome", "返回顶部"),
        ("page_chrome", "【打印本页】　【关闭窗口】"),
    ]
    record = extract(page)
    assert record.document.title == "某县人民政府工作规则"
    assert record.plan.closing is None
    assert record.accounting is not None and record.accounting.layout_noise == 2


def test_a_line_that_names_a_widget_among_other_words_is_text(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("某县关于做好打印机采购的通知\n\n打印本页所列事项，关闭窗口前保存。\n", encoding="utf-8")
    assert read_source(page).noise == ()
