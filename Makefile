# SPDX-License-Identifier: GPL-2.0
# PCI Live Update: entry points. See README.md.

.PHONY: all help demo check tree export fetch deps kunit vm-test luo-vmtest clean distclean

all: help

help:
	@echo "make demo      - one live update in QEMU, with a report"
	@echo "make check     - everything CI runs; last line 'N passed, N failed'"
	@echo "make tree      - build/linux: pristine base + patches/ as commits"
	@echo "                 (FORCE=1 discards work there that is not exported)"
	@echo "make export    - write patches/ back from build/linux"
	@echo "make fetch     - download and verify the pinned base only"
	@echo "make deps      - install the Debian packages the project needs"
	@echo "make kunit     - the KUnit suite with kunit.py run (build/linux)"
	@echo "make vm-test   - the VM scenarios on build/linux (S='one dma' picks)"
	@echo "make luo-vmtest - upstream LUO vmtest.sh, whole, on build/linux"
	@echo "                 (builds its own default config: long)"
	@echo "make clean     - remove build outputs, keep the base and trees"
	@echo "make distclean - remove build/ entirely"

deps:
	@scripts/install-deps.sh

fetch: deps
	@scripts/fetch-base.sh

demo: deps
	@scripts/demo.sh

check:
	@scripts/check.sh

kunit: deps
	@scripts/run-kunit.sh build/linux build/dev/kunit build/dev/results

vm-test: deps
	@scripts/vm/run-scenarios.sh -o build/vm/kdev build/linux $(S)

luo-vmtest: deps
	@scripts/vm/run-luo-selftests.sh build/linux

tree: deps
	@scripts/tree.sh

export:
	@scripts/export.sh

clean:
	rm -rf build/ci/kunit build/ci/kunit.log build/ci/results

distclean:
	rm -rf build
