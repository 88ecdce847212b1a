# qemu-compat: the front door. `make demo` and `make check` work on a fresh
# Debian bookworm machine: they install what they need (apt), fetch and
# verify the pinned upstream, prepare the tree and build.
.PHONY: all setup prepare generated build demo check conformance conformance-fast bench deb image fuzz fuzz-trinity clean distclean
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
# The generated files that are committed (the support matrix and the guest
# tests' headers); tests/host/gen-syscalls.sh fails when they are stale.
SY := linux-user/qc/syscalls
generated:
	python3 scripts/gen-syscalls --root . --spec $(SY)/syscalls.spec \
	  --tbl i386=$(SY)/x86_syscall_32.tbl --tbl arm=$(SY)/arm_syscall.tbl \
	  --tbl mips=$(SY)/mips_syscall_o32.tbl --host-tbl $(SY)/scripts_syscall.tbl \
	  --doc docs/syscalls.md \
	  --tests-header tests/guest/systable-bydesign.h --tests-nr tests/guest/sysnr.h

demo: build
	scripts/demo

# The guest programs and the tests are meson.build's (build/tests/<arch>,
# build/tests/host); tests/run configures them, runs meson test and prints
# the verdicts, the SKIP table and "N passed, N failed".
check: build
	tests/run

# LTP's syscalls tests on i386, arm and mipsel beside a native x86-64 run,
# compared with tests/conformance/ltp-<arch>.expected (tests/conformance/README.md).
# A cold LTP build of the four arches takes about an hour on 2 cores (cached).
conformance: build
	tests/conformance/run

# The subset CI runs after make check: the tests of the calls our own code handles.
conformance-fast: build
	tests/conformance/run -a "i386 arm mipsel" -l tests/conformance/fast.list

# Long fuzz budgets: 1,000,000 syscalls and 10,000 mutated ELFs per arch, then
# Debian's trinity on i386 and arm (TRINITY=0 skips it)
# (tests/fuzz/README.md).
fuzz: build
	tests/fuzz/run-all

# Only the second fuzzer: Debian's trinity under qemu-i386 and qemu-arm
# (TRINITY_SEEDS, TRINITY_CALLS; docs/security.md).
fuzz-trinity: build
	tests/fuzz/trinity-all

# Benchmarks: ours vs Debian's qemu-user 7.2 vs native, and vs trixie's 10.0.x and
# sid's 11.x qemu-user (fetched, unpacked under build/neighbours/); writes bench/results.md.
bench: build
	bench/run $$(bench/fetch-neighbours | sed 's/^/--also /')

# qemu-compat-user-static_<version>_amd64.deb in build/ (docs/install.md)
deb: build
	scripts/make-deb

# qemu-compat-binfmt-<version>.tar in build/: an OCI image (docker load, podman
# load) whose entrypoint registers the emulators with binfmt_misc (docs/ci.md)
image: build
	scripts/make-image

clean:
	rm -rf build/obj build/tests build/qemu-* build/deb build/*.deb build/image

distclean:
	rm -rf build upstream
