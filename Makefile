# Two commands do everything on a fresh machine: `make run` and `make test`.
# Both install what the project needs (Debian and Python packages) first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
# Debian packages: the OpenTaal word list for the spelling check of the content;
# espeak-ng (offline Dutch speech) and ffmpeg (trims, evens out and encodes the audio);
# chromium for the browser tests (Playwright cannot download its own browser here);
# fonts-noto-core for Ethiopic script (Tigrinya glosses) in the browser and in print.
# Printed glossaries: Pango for WeasyPrint; Noto Naskh Arabic and Noto Sans Ethiopic come
# with fonts-noto-core; poppler-utils (pdffonts, pdftoppm) for the glossary tests.
DEB_PACKAGES := hunspell hunspell-nl espeak-ng ffmpeg chromium fonts-noto-core \
	libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
STAMP := $(VENV)/.installed

.PHONY: run test setup system-packages python-packages translations lint clean

run: setup
	$(FLASK) db upgrade
	$(FLASK) content sync
	$(FLASK) audio build --engine espeak
	$(FLASK) run --host 127.0.0.1 --port 5000

test: setup lint
	$(BIN)/pytest -n auto

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

setup: system-packages python-packages translations

# Checked on every run (it takes milliseconds), so a removed package is noticed.
system-packages:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

python-packages: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@

translations: python-packages
	$(FLASK) translate compile

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
