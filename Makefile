# make dist: the six release binaries and their SHA-256 sums in dist/
# (the same as `go run ./tools/dist`).
.PHONY: dist
dist:
	go run ./tools/dist -o dist
