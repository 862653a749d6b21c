#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# install-deps.sh [bench]: install with apt-get what the project needs on
# Debian 12, and with "bench" what make bench needs too (its plots).
# Idempotent: it calls apt-get only when a package is missing.
set -euo pipefail

pkgs=(
	# fetching and applying the base
	git ca-certificates xz-utils
	# kernel builds
	build-essential flex bison bc libelf-dev libssl-dev dwarves cpio
	rsync python3 python3-ply python3-git python3-docutils ccache perl
	# KUnit and the VM tests
	qemu-system-x86 busybox-static kexec-tools
	# the aarch64 VM tests and KUnit (the guests' programs come from
	# fetch-arm64-guest.sh), and the guests' UEFI firmware
	qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross
	qemu-efi-aarch64
)
if [ "${1:-}" = bench ]; then
	pkgs+=(python3-matplotlib)
fi

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "==> dependencies already installed" >&2
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "error: missing packages: ${missing[*]} (run as root to install them)" >&2
	exit 1
fi
echo "==> installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
