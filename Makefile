# SPDX-License-Identifier: GPL-2.0
# PCI Live Update: entry points. See README.md.

.PHONY: all help demo check tree export fetch deps clean distclean

all: help

help:
	@echo "make demo      - one live update in QEMU, with a report"
	@echo "make check     - everything CI runs; last line 'N passed, N failed'"
	@echo "make tree      - build/linux: pristine base + patches/ as commits"
	@echo "                 (FORCE=1 discards work there that is not exported)"
	@echo "make export    - write patches/ back from build/linux"
	@echo "make fetch     - download and verify the pinned base only"
	@echo "make deps      - install the Debian packages the project needs"
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

tree: deps
	@scripts/tree.sh

export:
	@scripts/export.sh

clean:
	rm -rf build/ci/kunit build/ci/kunit.log build/ci/results

distclean:
	rm -rf build
