# Two commands do all the set-up on a fresh machine:
#   make run    analyse the seed article offline with the shipped models
#   make test   run the test suite
# torch==2.13.0 is installed before the package: it is the CPU build, and an open range would pull CUDA.
VENV ?= .venv
MODELS := claimdiff-nli-minilm-l6 claimdiff-nli-minilm-news claimdiff-attribution-minilm-l6 claimdiff-nli-mpnet-base \
	claimdiff-nli-mpnet-news
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export CLAIMDIFF_DATA ?= $(abspath ../shared/data)

.PHONY: run test install bench clean nli-mpnet

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

# The accurate NLI model's recipe, resumable (run it again after a stop): verify the base, train 3,600 steps of
# the one-epoch schedule (4,302 steps) on the mix without the generated conflict sets, export fp16, calibrate.
# About 3.5 h on a 2-core CPU with AMX; then copy runs/nli-mpnet/final to models/claimdiff-nli-mpnet-base.
MPNET_TRAIN := --data $(CLAIMDIFF_DATA) --base runs/base/all-mpnet-base-v2 --without conflict_roles,conflict_context \
	--out runs/nli-mpnet --epochs 1 --lr 2e-5 --batch-size 32 --save-every 200 --eval-every 1000 \
	--eval-sets snli,taxinli,lingnli --resume
nli-mpnet: install
	test -f runs/base/all-mpnet-base-v2/model.safetensors || $(PY) scripts/get_base.py mpnet
	$(PY) scripts/train_nli.py $(MPNET_TRAIN) --max-steps 3600
	$(PY) scripts/train_nli.py $(MPNET_TRAIN) --export-only
	$(PY) scripts/calibrate_nli.py --data $(CLAIMDIFF_DATA) --model runs/nli-mpnet/final --write

clean:
	rm -rf $(VENV) out .pytest_cache
