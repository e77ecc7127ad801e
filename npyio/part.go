package npyio

import (
	"fmt"
	"io"
	"os"
)

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
