# Pillars: `make run` to use it, `make test` to check it. Both install what is missing first.
SHELL := /bin/bash
PRESET ?= default
BUILD_DIR := $(if $(filter debug,$(PRESET)),build-debug,build)

.PHONY: all deps web build run test unit api e2e bench clean

all: build

deps:
	@scripts/deps.sh

web: deps
	cd web && npm run build

build: web
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET)

run: build
	$(BUILD_DIR)/pillars serve --listen 127.0.0.1:8080 --data ./data

test: build
	ctest --preset $(PRESET)

# Subsets, for a quicker loop while working.
unit: build
	ctest --preset $(PRESET) -L unit
api: build
	ctest --preset $(PRESET) -L api
e2e: build
	ctest --preset $(PRESET) -L e2e

bench: build
	bench/run.sh

clean:
	rm -rf build build-debug web/dist
