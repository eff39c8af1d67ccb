# The front door. Every target installs what it needs first (as root, with
# apt-get), so `make demo` and `make check` work on a fresh Debian 12 machine.
#
#   make demo        build, boot Debian's stock kernel in QEMU, show a mitigation
#   make check       build and run every test (host unit tests and guest tests)
#   make vm-run CMD='<shell command>'   run a command as root in a fresh guest
#   make vm-shell    an interactive guest
#   make vm-run GUEST=debian CMD=...   the same on Debian 12's own userspace with
#                    systemd (make vm-userspace), the package at /root/killswitch.deb
#   make kmod        build killswitch.ko for the kernel of linux-headers-amd64
#   make fuzz        fuzz the module's command parser (FUZZ_SECONDS=600)
#   make bench       measure costs in the guest, write docs/performance.md
#   make intree      the in-tree form: the patch series (build/intree/series-*), and a
#                    kernel built from linux-source-6.1 with it (make vm-run KERNEL=intree)
#   make deb         build build/killswitch_<version>_amd64.deb (DKMS module source, tools, unit, catalog)
#   make apt-repo    a signed apt repository of that package in build/apt-repo (KS_APT_KEY: the signing key)
#
# KERNEL=<series> and ARCH=<arch> pick another kernel of vm/kernels for the
# guest targets (vm-image, vm-run, vm-shell, demo, bench) and kmod:
#   make vm-run KERNEL=6.12 CMD='uname -r'      make vm-run ARCH=arm64 CMD=...

BUILD      := build
CMAKE_DIR  := $(BUILD)/cmake
ARM64_DIR  := $(BUILD)/cmake-arm64
JOBS       ?= $(shell nproc)
# Tests at a time: one more than the cores. A guest test keeps about three
# quarters of a core busy (measured: 150 s of CPU in 202 s for five of them);
# the rest of the time its guest waits on timers, module loads or SSH.
TEST_JOBS  ?= $(shell echo $$(( $$(nproc) + 1 )))
# The harness reads these (vm/kernel.sh); Kbuild's own ARCH is set where
# the module is built (scripts/build-kmod.sh).
export KS_KERNEL := $(KERNEL)
export KS_ARCH   := $(ARCH)

.PHONY: all deps deps-userspace kmod build build-arm64 vm-image vm-images vm-debian-images vm-userspace intree intree-kernel check demo vm-run vm-shell fuzz bench deb apt-repo clean

all: build kmod

# The Debian guest's root filesystem needs little, and mmdebstrap spends
# its first minutes downloading: it starts once that little is installed,
# beside the rest (deps waits for it, so apt never runs twice at once).
deps-userspace:
	@sh scripts/install-deps.sh userspace

deps: deps-userspace
	@sh scripts/install-deps.sh

kmod: deps
	@sh scripts/build-kmod.sh >/dev/null

# Debug info as line tables only (-g1): backtraces still name files and
# lines, and the tool's code compiles in half the time of full -g. Each
# target is one unity source (CMakeLists.txt).
build: deps
	cmake -S . -B $(CMAKE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" >/dev/null
	cmake --build $(CMAKE_DIR) -j $(JOBS)

# The programs arm64 guests run (tests, tools, benchmark), cross-built into
# build/guest-arm64. At -O1: it builds faster than at -O3 (2.7 minutes
# against 3.8 file by file; 103 s of a core now, as unity sources), and
# what they measure runs in the kernel.
build-arm64: deps
	cmake -S . -B $(ARM64_DIR) -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
		-DKS_GUEST_DIR=$(CURDIR)/$(BUILD)/guest-arm64 -DCMAKE_BUILD_TYPE=Cross \
		-DCMAKE_C_FLAGS_CROSS=-O1 -DCMAKE_CXX_FLAGS_CROSS=-O1 >/dev/null
	cmake --build $(ARM64_DIR) -j $(JOBS) --target guest_tests ks-bench ks-trigger killswitch

# The guest programs for the chosen ARCH.
GUEST_BUILD := $(if $(filter arm64 aarch64,$(ARCH)),build-arm64,build)

# The guest: Debian's kernel image, our modules in its tree, a small initramfs.
vm-image: deps
	@sh vm/build-image.sh

# The in-tree form: the series for Debian's 6.1 and 6.12 sources (each
# checked), and a kernel built from 6.1 with it, as a guest like the others.
intree: deps
	@sh scripts/intree/series-all.sh
	@$(MAKE) --no-print-directory intree-kernel

intree-kernel: deps
	@KS_KERNEL=intree sh vm/build-image.sh

# The guests of every kernel in vm/kernels: Debian's, and the in-tree one.
vm-images: vm-debian-images intree-kernel

vm-debian-images: deps
	@sh vm/build-images.sh

# The "debian" guest: Debian 12 from Debian's packages, systemd as init,
# booted on its own stock kernel; cached until vm/debian/packages changes.
vm-userspace: deps-userspace
	@sh vm/debian/build-rootfs.sh

# The builds are independent, and none keeps both cores busy all the time
# (downloads, links, the in-tree kernel's serial steps): side by side they
# take less time than one after another. The Debian userspace starts
# first, as soon as mmdebstrap is installed and while the other packages
# install: it begins with downloads. Then every test (the series'
# checkpatch run is one of them).
check:
	@$(MAKE) --no-print-directory -j5 vm-userspace build build-arm64 vm-debian-images intree-kernel
	cd $(CMAKE_DIR) && ctest --output-on-failure -j $(TEST_JOBS)

# The demo builds quietly (the log is kept) so the guest's story stands out.
demo:
	@echo "killswitch demo: building the module, the tools and the guest image (log: $(BUILD)/demo-build.log)"
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory $(GUEST_BUILD) vm-image >$(BUILD)/demo-build.log 2>&1 || \
		{ tail -n 40 $(BUILD)/demo-build.log; exit 1; }
	@echo "killswitch demo: booting Debian's stock kernel $$(sh scripts/kernel-release.sh) under QEMU"
	@sh vm/run.sh run 'sh /opt/killswitch/demo/copy-fail.sh'

ifeq ($(GUEST),debian)
vm-run: deb vm-userspace
	@sh vm/debian/run.sh run "$(CMD)"

vm-shell: deb vm-userspace
	@sh vm/debian/run.sh shell
else
vm-run: $(GUEST_BUILD) vm-image
	@sh vm/run.sh run "$(CMD)"

vm-shell: $(GUEST_BUILD) vm-image
	@sh vm/run.sh shell
endif

# The benchmark, in the guest with instruction-counted time: writes docs/performance.md.
bench: $(GUEST_BUILD) vm-image
	sh bench/run.sh

# A long fuzzing run of the module's parser (FUZZ_SECONDS, default 600).
fuzz: deps
	sh fuzz/run.sh $(or $(FUZZ_SECONDS),600)

# The Debian package, from what cmake --install installs plus packaging/.
deb: build
	@sh scripts/build-deb.sh $(CMAKE_DIR)
	@lintian --fail-on error,warning build/killswitch_*_amd64.deb

apt-repo: deb
	@sh scripts/build-apt-repo.sh build/killswitch_*_amd64.deb $(BUILD)/apt-repo

clean:
	-$(MAKE) -C kmod clean KERNEL_RELEASE=$$(sh scripts/kernel-release.sh)
	rm -rf $(BUILD)
