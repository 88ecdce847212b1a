# qemu-compat: the front door. `make demo` and `make check` work on a fresh
# Debian bookworm machine: they install what they need (apt), fetch and
# verify the pinned upstream, prepare the tree and build.
.PHONY: all setup prepare build demo check bench clean distclean
SHELL := /bin/bash

all: build

setup:
	scripts/fetch-upstream

prepare: setup
	scripts/prepare-tree

build: prepare
	scripts/build

# The main job on a bundled default: run the bundled demo guest program
# (tests/guest/hello.c and friends) under every emulator.
demo: build
	scripts/demo

check: build
	tests/run

# Benchmarks: ours vs Debian's qemu-user 7.2 vs native; writes bench/results.md.
bench: build
	bench/run

clean:
	rm -rf build/obj build/tests build/qemu-*

distclean:
	rm -rf build upstream
