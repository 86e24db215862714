# plan_extract — `make` sets everything up and regenerates data/structured/; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PE     := $(BIN)/plan-extract
RAW    := data/raw
OUT    := data/structured

.PHONY: all install data test lint bench official-pdf chardata schema clean

all: data

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

data: install
	$(PE) extract $(RAW)/tianjin_plan_official_text.txt -o $(OUT)/tianjin_plan_official_text.json
	$(PE) extract $(RAW)/tianjin_plan_web_scrape.txt -o $(OUT)/tianjin_plan_web_scrape.json
	$(PE) extract $(RAW)/tianjin_plan_official.pdf -o $(OUT)/tianjin_plan_official.json
	$(PE) extract $(RAW)/tianjin_plan_official.pdf $(RAW)/tianjin_plan_official_text.txt $(RAW)/tianjin_plan_web_scrape.txt -o $(OUT)/tianjin_plan.json
	$(PE) diff $(RAW)/tianjin_plan_official.pdf $(RAW)/tianjin_plan_web_scrape.txt -o $(OUT)/diff/tianjin_plan_web_vs_official.diff.txt || [ $$? -eq 1 ]
	$(PE) diff --json $(RAW)/tianjin_plan_official.pdf $(RAW)/tianjin_plan_web_scrape.txt -o $(OUT)/diff/tianjin_plan_web_vs_official.diff.json || [ $$? -eq 1 ]

schema: install
	$(PE) schema -o schemas/plan.schema.json

test: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/mypy src
	$(BIN)/mypy tests
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/mypy src
	$(BIN)/mypy tests

bench: install
	$(BIN)/python bench/run.py

# Re-typeset the stand-in for the official PDF (needs Debian fonts: see scripts/make_official_pdf.py).
official-pdf: install
	$(BIN)/python scripts/make_official_pdf.py
	$(BIN)/python scripts/make_kangxi_pdf.py

# Regenerate the radical table from Unicode data (Debian package unicode-data).
chardata: install
	$(BIN)/python scripts/gen_chardata.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
