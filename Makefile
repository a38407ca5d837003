# Two commands do all the set-up on a fresh machine:
#   make run    analyse the seed article offline with the shipped models
#   make test   run the test suite
# torch==2.13.0 is installed before the package: it is the CPU build, and an open range would pull CUDA.
VENV ?= .venv
MODELS := claimdiff-nli-minilm-l6 claimdiff-attribution-minilm-l6
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export CLAIMDIFF_DATA ?= $(abspath ../shared/data)

.PHONY: run test install bench clean

install: $(VENV)/.installed

# The shipped models are installed as packages too, so that claimdiff finds them outside this checkout.
$(VENV)/.installed: pyproject.toml $(foreach m,$(MODELS),models/$(m)/pyproject.toml)
	python3 -m venv $(VENV)
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e ".[dev]"
	$(PY) -m pip install -q $(addprefix ./models/,$(MODELS))
	touch $@

run: install
	$(VENV)/bin/claimdiff analyze seeds/000_c4e10aff8d545da5.txt --out out/seed.html --out out/seed.jsonl

test: install
	$(VENV)/bin/pytest -q

clean:
	rm -rf $(VENV) out .pytest_cache
