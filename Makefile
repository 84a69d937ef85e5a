# Pillars: `make run` to use it, `make test` to check it. Both install what is missing first.
SHELL := /bin/bash
PRESET ?= default
BUILD_DIR := $(if $(filter debug,$(PRESET)),build-debug,build)

# `make demo` to look around with two demo people; `make screenshots` to take the README's pictures again.
.PHONY: all deps web build run demo screenshots test unit web-test api e2e package package-test bench bench-quick bench-capacity soak clean fuzz fuzz-long fuzz-replay

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

# Ada and Ben with ten weeks of history, in a data folder of their own; it prints how to sign in.
demo: build
	$(BUILD_DIR)/pillars serve --demo --data ./demo-data --listen 127.0.0.1:8080

# The README's screenshots, taken from the demo by the browser suite (docs/screenshots/).
screenshots: build
	PILLARS_BIN=$(BUILD_DIR)/pillars PILLARS_SCREENSHOTS_DIR=docs/screenshots node --test --test-reporter=spec tests/e2e/screenshots.test.mjs

# The tests and the package also need the packaging tools and the proxies (scripts/deps.sh).
test package package-test: export PILLARS_PACKAGING_DEPS := 1
# The API tests also run on PostgreSQL, against a cluster of their own (tests/tools/pg-cluster.sh).
test api: export PILLARS_POSTGRES_DEPS := 1

# Includes the short form of fuzzing: every fuzz corpus replayed once (ctest label fuzz).
test: build
	ctest --preset $(PRESET)

# Subsets, for a quicker loop while working.
unit: build
	ctest --preset $(PRESET) -L unit
web-test: build
	ctest --preset $(PRESET) -L web
api: build
	ctest --preset $(PRESET) -L api
fuzz-replay: build
	ctest --preset $(PRESET) -L fuzz
e2e: build
	ctest --preset $(PRESET) -L e2e

# The Debian package, in $(BUILD_DIR)/package/ (docs/operations.md); `make package-test` checks it and the proxy examples.
package: build
	cd $(BUILD_DIR) && cpack --config CPackConfig.cmake -B package
package-test: build
	ctest --preset $(PRESET) -L package

bench: build
	bench/run.sh

# The request path's ratios and their targets in under a minute (bench/quick.sh).
bench-quick: build
	bench/quick.sh

# The mixed workload on a seeded data set (slow: seeding 100,000 couples takes minutes); see bench/capacity.sh.
bench-capacity: build
	bench/capacity.sh

# libFuzzer targets under ASan and UBSan, in build-fuzz/ (docs/fuzzing.md).
FUZZ_TARGETS := http_request api_json parse catalog
FUZZ_RUNS ?= 10000000
fuzz:
	@FUZZ=1 scripts/deps.sh
	cmake --preset fuzz
	cmake --build --preset fuzz
# The long form: each target for $(FUZZ_RUNS) inputs from its corpus; any finding fails.
fuzz-long: fuzz
	@for t in $(FUZZ_TARGETS); do fuzz/run.sh long build-fuzz/fuzz/fuzz_$$t fuzz/corpus/$$t $(FUZZ_RUNS) || exit 1; done

# The long forms of the kill loop and the soak (docs/soak.md), and the long fuzzing if there is one.
soak: build
	PILLARS_BIN=$(BUILD_DIR)/pillars PILLARS_KILLS=100 node --test --test-reporter=spec tests/api/kill-loop.test.mjs
	PILLARS_BIN=$(BUILD_DIR)/pillars node tests/soak/run.mjs
	@if grep -q '^fuzz-long:' $(firstword $(MAKEFILE_LIST)); then $(MAKE) fuzz-long; \
	else echo 'make soak: no fuzz-long target, skipped'; fi

clean:
	rm -rf build build-debug build-fuzz web/dist
