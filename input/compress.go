package input

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// ErrCorrupt: a gzip or zstd file does not decompress.
var ErrCorrupt = errors.New("input: corrupt compressed data")

const (
	gzipMagic = "\x1f\x8b"
	zstdMagic = "\x28\xb5\x2f\xfd"
)

// compressionExt reports whether ext (lower case) names a compression.
func compressionExt(ext string) bool { return ext == ".gz" || ext == ".zst" || ext == ".zstd" }

// innerExt returns the extension of the file inside a compressed one
// ("x.csv.gz" -> ".csv"), or the extension of another file.
func innerExt(path string) string {
	ext := strings.ToLower(filepath.Ext(path))
	if compressionExt(ext) {
		ext = strings.ToLower(filepath.Ext(path[:len(path)-len(ext)]))
	}
	return ext
}

// zstdDecoder decodes every Reader's zstd files; DecodeAll may be called
// concurrently.
var zstdDecoder = sync.OnceValue(func() *zstd.Decoder {
	d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0))
	if err != nil {
		panic("input: zstd: " + err.Error()) // only for bad options
	}
	return d
})

// decompressor holds a Reader's buffers for compressed files.
type decompressor struct {
	out []byte
	gz  *gzip.Reader
	src bytes.Reader
}

// decompress returns data's content if data is gzip or zstd (by its magic
// bytes, whatever the file's name), else data itself. The result may
// share the decompressor's buffer.
func (d *decompressor) decompress(path string, data []byte) ([]byte, error) {
	corrupt := func(kind string, err error) error {
		return &ParseError{File: path, Err: fmt.Errorf("%w (%s): %v", ErrCorrupt, kind, err)}
	}
	switch {
	case bytes.HasPrefix(data, []byte(gzipMagic)):
		d.src.Reset(data)
		if d.gz == nil {
			d.gz = new(gzip.Reader)
		}
		if err := d.gz.Reset(&d.src); err != nil {
			return nil, corrupt("gzip", err)
		}
		// The trailer holds the size mod 2^32 of the last member: a hint.
		hint := int64(0)
		if len(data) >= 18 {
			hint = int64(binary.LittleEndian.Uint32(data[len(data)-4:]))
		}
		out, err := fill(d.out, hint, func(p []byte) (int, error) {
			n, err := d.gz.Read(p)
			if err == io.EOF {
				err = nil
			}
			return n, err
		})
		d.out = out
		if err != nil {
			return nil, corrupt("gzip", err)
		}
		return out, nil
	case bytes.HasPrefix(data, []byte(zstdMagic)):
		out, err := zstdDecoder().DecodeAll(data, d.out[:0])
		if err != nil {
			return nil, corrupt("zstd", err)
		}
		d.out = out
		return out, nil
	}
	return data, nil
}
