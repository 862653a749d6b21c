# SPDX-License-Identifier: GPL-2.0
# PCI Live Update: entry points. See README.md.

.PHONY: all help demo check bench tree export fetch deps kunit vm-test luo-vmtest clean distclean

all: help

help:
	@echo "make demo      - one live update in QEMU, with a report (S=scenario, default dma)"
	@echo "make check     - everything CI runs; last line 'N passed, N failed'"
	@echo "make bench     - how the series scales and what a kexec costs (table,"
	@echo "                 build/bench/bench.csv, bench.png and bench.svg)"
	@echo "make tree      - build/linux: pristine base + patches/ as commits"
	@echo "                 (FORCE=1 discards work there that is not exported)"
	@echo "make export    - write patches/ back from build/linux"
	@echo "make fetch     - download and verify the pinned base only"
	@echo "make deps      - install the Debian packages the project needs"
	@echo "make kunit     - the KUnit suite with kunit.py run (build/linux;"
	@echo "                 ARCH=arm64: cross-compiled, under qemu-system-aarch64)"
	@echo "make vm-test   - the VM scenarios on build/linux (S='one dma' picks)"
	@echo "make luo-vmtest - upstream LUO vmtest.sh, whole, on build/linux"
	@echo "                 (builds its own default config: long)"
	@echo "make clean     - remove test results, keep the base, trees and builds"
	@echo "make distclean - remove build/ entirely"

deps:
	@scripts/install-deps.sh

fetch: deps
	@scripts/series/fetch-base.sh

demo:
	@scripts/demo.sh $(S)

check:
	@scripts/check.sh

bench:
	@scripts/bench/bench.sh

kunit: deps
	@scripts/vm/kunit.sh build/linux build/dev/kunit$(if $(filter arm64,$(ARCH)),-arm64) $(ARCH)

vm-test: deps
	@scripts/vm/dev-scenarios.sh build/linux $(S)

luo-vmtest: deps
	@scripts/vm/luo-selftests.sh build/linux

tree: deps
	@scripts/series/tree.sh

export:
	@scripts/series/export.sh

clean:
	rm -rf build/ci/results build/ci/manifest build/vm/run build/demo build/demo.log

distclean:
	rm -rf build
