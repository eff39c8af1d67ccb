# The front door. Every target installs what it needs first (as root, with
# apt-get), so `make demo` and `make check` work on a fresh Debian 12 machine.
#
#   make demo        build, boot Debian's stock kernel in QEMU, show a mitigation
#   make check       build and run every test (host unit tests and guest tests)
#   make vm-run CMD='<shell command>'   run a command as root in a fresh guest
#   make vm-shell    an interactive guest
#   make kmod        build killswitch.ko for the kernel of linux-headers-amd64
#   make fuzz        fuzz the module's command parser (FUZZ_SECONDS=600)
#   make bench       measure costs in the guest, write docs/performance.md
#   make deb         build build/killswitch_<version>_amd64.deb (DKMS module source, tools, unit, catalog)
#   make apt-repo    a signed apt repository of that package in build/apt-repo (KS_APT_KEY: the signing key)

BUILD      := build
CMAKE_DIR  := $(BUILD)/cmake
VM_DIR     := $(BUILD)/vm
KREL        = $(shell sh scripts/kernel-release.sh)
JOBS       ?= $(shell nproc)

.PHONY: all deps kmod build vm-image check demo vm-run vm-shell fuzz bench deb apt-repo clean

all: build kmod

deps:
	@sh scripts/install-deps.sh

kmod: deps
	$(MAKE) -C kmod KERNEL_RELEASE=$(KREL)

build: deps
	cmake -S . -B $(CMAKE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(CMAKE_DIR) -j $(JOBS)

# The guest: Debian's kernel image, our modules in its tree, a small initramfs.
vm-image: kmod
	@sh vm/fetch-kernel.sh $(VM_DIR)/kernel >/dev/null
	@sh vm/stage-modules.sh $(VM_DIR)/kernel/$(KREL) kmod/killswitch.ko kmod/test/killswitch_test.ko \
		kmod/test/livepatch/killswitch_test_livepatch.ko
	@sh vm/build-initramfs.sh $(VM_DIR)/kernel/$(KREL) $(VM_DIR)/initramfs.cpio.gz

check: build vm-image
	cd $(CMAKE_DIR) && ctest --output-on-failure -j $(JOBS)

# The demo builds quietly (the log is kept) so the guest's story stands out.
demo:
	@echo "killswitch demo: building the module, the tools and the guest image (log: $(BUILD)/demo-build.log)"
	@mkdir -p $(BUILD)
	@$(MAKE) --no-print-directory build vm-image >$(BUILD)/demo-build.log 2>&1 || \
		{ tail -n 40 $(BUILD)/demo-build.log; exit 1; }
	@echo "killswitch demo: booting Debian's stock kernel under QEMU"
	@sh vm/run.sh run 'sh /opt/killswitch/demo/copy-fail.sh'

vm-run: build vm-image
	@sh vm/run.sh run "$(CMD)"

vm-shell: build vm-image
	@sh vm/run.sh shell

# The benchmark, in the guest with instruction-counted time: writes docs/performance.md.
bench: build vm-image
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
	-$(MAKE) -C kmod clean KERNEL_RELEASE=$(KREL)
	rm -rf $(BUILD)
