# make install PREFIX=…   (default /usr/local): release build, binaries, data, man page, completions.
PREFIX ?= /usr/local

.PHONY: install test
install:
	scripts/install "$(PREFIX)"

test:
	scripts/test
