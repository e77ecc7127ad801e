package npyio

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// Concat concatenates the .npy files parts, in order, along axis 0 into a
// new file at dstPath, like
//
//	np.save(dst, np.concatenate([np.load(p) for p in parts]))
//
// and byte-identical to it. It returns the number of rows (the length of
// axis 0) written. See Concatenator for the checks made on each part. On
// error the partial file at dstPath is removed. Writing to a temporary name
// and renaming it into place is left to the caller; the file is fsynced.
func Concat(dstPath string, parts []string) (rows int, err error) {
	if len(parts) == 0 {
		return 0, fmt.Errorf("npyio: %s: %w", dstPath, ErrNoParts)
	}
	c, err := CreateConcat(dstPath)
	if err != nil {
		return 0, err
	}
	defer c.Abort()
	for _, p := range parts {
		if _, err := c.Append(p); err != nil {
			return 0, err
		}
	}
	if err := c.Close(); err != nil {
		return 0, err
	}
	return c.Rows(), nil
}

// Concatenator appends .npy part files along axis 0 to a file, one part at
// a time, for merges where parts become ready one by one. The first part
// fixes the dtype and the shape after axis 0; every part must match them
// (big-endian parts are converted to little-endian, as np.concatenate does),
// be at least 1-D and, if at least 2-D, be in C order. The header is
// reserved when the first part is appended and rewritten with the final
// shape by Close. The data of each part is copied with io.Copy between
// *os.File values, so Linux copies it in the kernel (copy_file_range).
//
// A Concatenator is not safe for concurrent use.
type Concatenator struct {
	f       *os.File
	descr   string
	rest    []int // shape after axis 0, fixed by the first part
	first   string
	hdrLen  int
	rows    int
	parts   int
	err     error
	closed  bool
	removed bool
}

// CreateConcat creates (or truncates) the file at path for a
// Concatenator.
func CreateConcat(path string) (*Concatenator, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		return nil, err
	}
	return &Concatenator{f: f}, nil
}

// Rows returns the number of rows appended so far.
func (c *Concatenator) Rows() int { return c.rows }

func (c *Concatenator) shape() []int {
	return append([]int{c.rows}, c.rest...)
}

// Append validates the .npy file at part and appends its data. It returns
// the part's row count. A part whose descr, order or shape after axis 0
// differs from the first part's is ErrMismatch or ErrBadShape; a part whose
// size is not exactly its header plus data is io.ErrUnexpectedEOF or
// ErrTrailingData. Errors name the part; an error while writing the
// destination is sticky.
func (c *Concatenator) Append(part string) (rows int, err error) {
	if c.closed {
		return 0, ErrClosed
	}
	if c.err != nil {
		return 0, c.err
	}
	pf, h, err := openPart(part)
	if err != nil {
		return 0, err
	}
	defer pf.Close()
	descr := nativeDescr(h)
	if c.parts == 0 {
		c.descr, c.rest, c.first = descr, slices.Clone(h.Shape[1:]), part
		hdr := EncodeHeader(c.descr, false, c.shape())
		c.hdrLen = len(hdr)
		if _, err := c.f.Write(hdr); err != nil {
			c.err = err
			return 0, err
		}
	} else {
		if descr != c.descr {
			return 0, withFile(part, formatErr(-1, ErrMismatch, "dtype %s, but %s has %s", h.Descr, c.first, c.descr))
		}
		if !slices.Equal(h.Shape[1:], c.rest) {
			return 0, withFile(part, formatErr(-1, ErrBadShape, "shape %s, but %s has %s", ShapeString(h.Shape), c.first, shapeWithN(c.rest)))
		}
	}
	if err := copyPart(c.f, pf, h, part); err != nil {
		c.err = err
		return 0, err
	}
	c.parts++
	c.rows += h.Shape[0]
	return h.Shape[0], nil
}

// Close rewrites the header with the final shape, fsyncs and closes the
// file. Closing a Concatenator to which nothing was appended is ErrNoParts
// (numpy cannot concatenate nothing either).
func (c *Concatenator) Close() error {
	if c.closed {
		return ErrClosed
	}
	c.closed = true
	err := c.err
	if err == nil && c.parts == 0 {
		err = ErrNoParts
	}
	if err == nil {
		hdr := EncodeHeader(c.descr, false, c.shape())
		if len(hdr) != c.hdrLen {
			err = fmt.Errorf("npyio: header grew from %d to %d bytes", c.hdrLen, len(hdr))
		} else {
			_, err = c.f.WriteAt(hdr, 0)
		}
	}
	if err == nil {
		err = c.f.Sync()
	}
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	c.err = err
	if err != nil {
		if errors.Is(err, ErrNoParts) {
			return fmt.Errorf("npyio: %s: %w", c.f.Name(), err)
		}
		return fmt.Errorf("npyio: closing %s: %w", c.f.Name(), err)
	}
	return nil
}

// Abort closes the file, if still open, and removes it. It does nothing
// after a successful Close.
func (c *Concatenator) Abort() {
	if c.removed || (c.closed && c.err == nil) {
		return
	}
	if !c.closed {
		c.closed = true
		c.err = ErrClosed
		c.f.Close()
	}
	c.removed = true
	os.Remove(c.f.Name())
}

// openPart opens the .npy file at path and checks that it can be appended
// along axis 0 by copying its bytes: a valid header, a file size of exactly
// header plus data, at least one dimension, and C order unless 1-D or
// empty. The file is left at the start of the data.
func openPart(path string) (*os.File, *Header, error) {
	pf, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	h, err := checkPart(pf, path)
	if err != nil {
		pf.Close()
		return nil, nil, err
	}
	return pf, h, nil
}

func checkPart(pf *os.File, path string) (*Header, error) {
	h, err := ReadHeader(pf)
	if err != nil {
		return nil, withFile(path, err)
	}
	fi, err := pf.Stat()
	if err != nil {
		return nil, err
	}
	need := h.DataSize()
	if avail := fi.Size() - h.DataOffset; avail < need {
		return nil, withFile(path, shortBody(h, max(avail, 0), h.ItemSize(), h.Count()))
	} else if avail > need {
		return nil, withFile(path, formatErr(h.DataOffset+need, ErrTrailingData, "%d bytes after %d elements", avail-need, h.Count()))
	}
	if len(h.Shape) == 0 {
		return nil, withFile(path, formatErr(-1, ErrBadShape, "a 0-d array cannot be concatenated"))
	}
	if h.Fortran && len(h.Shape) > 1 && h.Count() > 0 {
		return nil, withFile(path, formatErr(-1, ErrMismatch, "Fortran-order array of shape %s cannot be concatenated", ShapeString(h.Shape)))
	}
	return h, nil
}

// copyPart copies the data of the part pf (positioned at its data) to the
// current offset of dst, in little-endian byte order. *os.File to *os.File
// through io.LimitReader lets Linux use copy_file_range; big-endian data
// is swapped through a buffer instead.
func copyPart(dst, pf *os.File, h *Header, path string) error {
	need := h.DataSize()
	t, _ := parseDescr(h.Descr)
	var n int64
	var err error
	if t.big {
		n, err = copySwapped(dst, io.LimitReader(pf, need), t.wordSize())
	} else {
		n, err = io.Copy(dst, io.LimitReader(pf, need))
	}
	if err != nil {
		return fmt.Errorf("npyio: copying %s: %w", path, err)
	}
	if n < need {
		return withFile(path, shortBody(h, n, h.ItemSize(), h.Count()))
	}
	return nil
}

// copySwapped copies src to dst reversing the bytes of each word.
func copySwapped(dst io.Writer, src io.Reader, word int) (int64, error) {
	buf := make([]byte, readChunk)
	var total int64
	for {
		n, err := io.ReadFull(src, buf)
		n -= n % word
		swapBytes(buf[:n], word)
		m, werr := dst.Write(buf[:n])
		total += int64(m)
		if werr != nil {
			return total, werr
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return total, nil
		}
		if err != nil {
			return total, err
		}
	}
}

// nativeDescr returns the descr numpy gives a part's dtype after
// np.concatenate: little-endian, '|' for one-byte types.
func nativeDescr(h *Header) string {
	t, _ := parseDescr(h.Descr)
	if t.size == 1 {
		return "|" + h.Descr[1:]
	}
	return "<" + h.Descr[1:]
}

// shapeWithN formats a shape with a symbolic first axis: (n,), (n, 4).
func shapeWithN(rest []int) string {
	if len(rest) == 0 {
		return "(n,)"
	}
	return "(n, " + ShapeString(rest)[1:]
}
