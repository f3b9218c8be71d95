# The README's two commands are `make run` and `make test`; both install what they need first.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: deps build run test bench clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCRUDDUR_SANITIZE_TESTS=$(if $(filter 0,$(CRUDDUR_SANITIZE_TESTS)),OFF,ON) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@bash scripts/run.sh

test: build
	@bash scripts/test.sh

bench: build
	@bash bench/run.sh

clean:
	rm -rf $(BUILD)
