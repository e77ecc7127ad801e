package npyio

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/featurize/featurize/internal/writeback"
)

// writeBuffer is the size of the Writer's buffer: 64 KiB writes already
// run at disk speed, and a worker makes three Writers per chunk.
const writeBuffer = 64 << 10

// Writer streams rows into a .npy file whose row count is not known in
// advance. The header is reserved when the Writer is created, with the
// shape (0,) or (0, width); np.save's growth padding makes the header's
// length independent of the row count, so Close rewrites it in place with
// the real shape. The result is byte-identical to np.save of the same
// array.
//
// A Writer is not safe for concurrent use.
type Writer struct {
	f       *os.File
	bw      *bufio.Writer
	dtype   DType
	width   int   // 0 for 1-D
	rowLen  int   // values per row: max(width, 1)
	start   int64 // offset of the header in f
	hdrLen  int
	rows    int
	err     error // sticky
	closed  bool
	removed bool
	noSync  bool
	crc     uint32 // CRC-32C of the data written by WriteRow and WriteInt64s
	crcOK   bool   // false once AppendFile has added data
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// SkipSync makes Close skip the fsync: for intermediate files whose loss
// in a crash is caught another way (a record of their DataCRC, say).
func (w *Writer) SkipSync() { w.noSync = true }

// DataCRC returns the CRC-32C (Castagnoli) of the data bytes, the file
// after its header, written so far by WriteRow and WriteInt64s; ok is
// false after AppendFile, whose bytes the kernel copies unseen.
func (w *Writer) DataCRC() (crc uint32, ok bool) { return w.crc, w.crcOK }

// DataCRC returns the CRC-32C of r's bytes, to check a file against a
// Writer's DataCRC.
func DataCRC(r io.Reader) (uint32, error) {
	h := crc32.New(castagnoli)
	_, err := io.Copy(h, r)
	return h.Sum32(), err
}

// Create creates (or truncates) the file at path and returns a Writer of a
// 1-D array (width == 0) or a 2-D array of rows x width values of dtype.
// It panics if width < 0 or dtype is not a DType constant.
func Create(path string, dtype DType, width int) (*Writer, error) {
	checkWriterArgs(dtype, width)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
	if err != nil {
		return nil, err
	}
	w, err := NewWriter(f, dtype, width)
	if err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return w, nil
}

// NewWriter is like Create for an open file, which must be writable and
// seekable and not opened with O_APPEND. The array starts at the file's
// current offset. The Writer owns f: Close and Abort close it, and Abort
// removes the file named f.Name(). It panics if width < 0 or dtype is not
// a DType constant.
func NewWriter(f *os.File, dtype DType, width int) (*Writer, error) {
	checkWriterArgs(dtype, width)
	start, err := f.Seek(0, 1)
	if err != nil {
		return nil, fmt.Errorf("npyio: %w", err)
	}
	w := &Writer{
		f:      f,
		bw:     bufio.NewWriterSize(f, writeBuffer),
		dtype:  dtype,
		width:  width,
		rowLen: max(width, 1),
		crcOK:  true,
		start:  start,
	}
	hdr := w.header()
	w.hdrLen = len(hdr)
	if _, err := w.bw.Write(hdr); err != nil {
		return nil, err
	}
	return w, nil
}

func checkWriterArgs(dtype DType, width int) {
	if width < 0 {
		panic("npyio: negative width " + strconv.Itoa(width))
	}
	if dtype < Float64 || dtype > Int64 {
		panic("npyio: invalid DType " + strconv.Itoa(int(dtype)))
	}
}

func (w *Writer) shape() []int {
	if w.width > 0 {
		return []int{w.rows, w.width}
	}
	return []int{w.rows}
}

func (w *Writer) header() []byte {
	return EncodeHeader(w.dtype.Descr(), false, w.shape())
}

// Rows returns the number of rows written so far.
func (w *Writer) Rows() int { return w.rows }

// WriteRow appends one row: one value for a 1-D array, width values for a
// 2-D array. Float32 writers round each value to float32. Int64 writers
// require integer values in the int64 range (else ErrNotInteger, and the row
// is not written). It does not allocate. It panics if len(row) is not
// max(width, 1).
func (w *Writer) WriteRow(row []float64) error {
	if len(row) != w.rowLen {
		panic(fmt.Sprintf("npyio: WriteRow: row of %d values, want %d", len(row), w.rowLen))
	}
	if err := w.check(); err != nil {
		return err
	}
	if w.dtype == Int64 {
		for i, v := range row {
			// -2^63 <= v < 2^63 and integral.
			if !(v >= -(1<<63) && v < 1<<63) || v != math.Trunc(v) {
				return fmt.Errorf("%w: %v in column %d of row %d", ErrNotInteger, v, i, w.rows)
			}
		}
	}
	size := w.dtype.Size()
	for len(row) > 0 {
		buf := w.bw.AvailableBuffer()
		if cap(buf) < size {
			if err := w.flush(); err != nil {
				return err
			}
			continue
		}
		m := min(len(row), cap(buf)/size)
		switch w.dtype {
		case Float64:
			for _, v := range row[:m] {
				buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
			}
		case Float32:
			for _, v := range row[:m] {
				buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(float32(v)))
			}
		case Int64:
			for _, v := range row[:m] {
				buf = binary.LittleEndian.AppendUint64(buf, uint64(int64(v)))
			}
		}
		w.crc = crc32.Update(w.crc, castagnoli, buf)
		if _, err := w.bw.Write(buf); err != nil {
			w.err = err
			return err
		}
		row = row[m:]
	}
	w.rows++
	return nil
}

// WriteInt64s appends len(vals)/max(width, 1) rows of an Int64 writer. It
// does not allocate. It panics if the writer's dtype is not Int64 or
// len(vals) is not a multiple of max(width, 1).
func (w *Writer) WriteInt64s(vals []int64) error {
	if w.dtype != Int64 {
		panic("npyio: WriteInt64s on a " + w.dtype.String() + " writer")
	}
	if len(vals)%w.rowLen != 0 {
		panic(fmt.Sprintf("npyio: WriteInt64s: %d values is not a whole number of rows of %d", len(vals), w.rowLen))
	}
	if err := w.check(); err != nil {
		return err
	}
	for rest := vals; len(rest) > 0; {
		buf := w.bw.AvailableBuffer()
		if cap(buf) < 8 {
			if err := w.flush(); err != nil {
				return err
			}
			continue
		}
		m := min(len(rest), cap(buf)/8)
		for _, v := range rest[:m] {
			buf = binary.LittleEndian.AppendUint64(buf, uint64(v))
		}
		w.crc = crc32.Update(w.crc, castagnoli, buf)
		if _, err := w.bw.Write(buf); err != nil {
			w.err = err
			return err
		}
		rest = rest[m:]
	}
	w.rows += len(vals) / w.rowLen
	return nil
}

// AppendFile appends the rows of the .npy file at path, which must have the
// writer's dtype (in either byte order) and shape (n,) for a 1-D writer or (n, width) for a 2-D
// one, in C order, and a size of exactly its header plus data. The data is
// copied with io.Copy from file to file, so Linux copies it in the kernel
// (copy_file_range). It returns n. A mismatched part is ErrMismatch or
// ErrBadShape and leaves the writer usable; errors name path.
func (w *Writer) AppendFile(path string) (rows int, err error) {
	if err := w.check(); err != nil {
		return 0, err
	}
	pf, h, err := openPart(path)
	if err != nil {
		return 0, err
	}
	defer pf.Close()
	if nativeDescr(h) != w.dtype.Descr() {
		return 0, withFile(path, formatErr(-1, ErrMismatch, "dtype %s, want %s", h.Descr, w.dtype.Descr()))
	}
	want := 1
	if w.width > 0 {
		want = 2
	}
	if len(h.Shape) != want || (w.width > 0 && h.Shape[1] != w.width) {
		return 0, withFile(path, formatErr(-1, ErrBadShape, "shape %s, want %s", ShapeString(h.Shape), shapeWithN(w.shape()[1:])))
	}
	if err := w.flush(); err != nil {
		return 0, err
	}
	if err := copyPart(w.f, pf, h, path); err != nil {
		w.err = err
		return 0, err
	}
	w.rows += h.Shape[0]
	w.crcOK = false
	return h.Shape[0], nil
}

// StartWriteback flushes the buffered rows and, on Linux, starts writing
// the file's data to disk in the background (sync_file_range), so that
// Close's fsync finds little left to do. Errors are left to Close.
func (w *Writer) StartWriteback() {
	if w.check() != nil || w.flush() != nil {
		return
	}
	writeback.Start(w.f)
}

func (w *Writer) flush() error {
	if err := w.bw.Flush(); err != nil {
		w.err = err
		return err
	}
	return nil
}

func (w *Writer) check() error {
	if w.closed {
		return ErrClosed
	}
	return w.err
}

// Close flushes the buffered rows, rewrites the header with the final
// shape, fsyncs and closes the file. After an error the file is closed but
// kept; call Abort to remove it. Close after Close returns ErrClosed.
func (w *Writer) Close() error {
	if w.closed {
		return ErrClosed
	}
	w.closed = true
	err := w.err
	if err == nil {
		err = w.bw.Flush()
	}
	if err == nil {
		hdr := w.header()
		if len(hdr) != w.hdrLen { // cannot happen: rows has at most 19 digits
			err = fmt.Errorf("npyio: header grew from %d to %d bytes", w.hdrLen, len(hdr))
		} else {
			_, err = w.f.WriteAt(hdr, w.start)
		}
	}
	if err == nil && !w.noSync {
		err = w.f.Sync()
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	w.err = err
	if err != nil {
		return fmt.Errorf("npyio: closing %s: %w", w.f.Name(), err)
	}
	return nil
}

// Abort closes the file, if still open, and removes it. It does nothing
// after a successful Close, so `defer w.Abort()` is a safe failure path.
func (w *Writer) Abort() {
	if w.removed || (w.closed && w.err == nil) {
		return
	}
	if !w.closed {
		w.closed = true
		w.err = ErrClosed
		w.f.Close()
	}
	w.removed = true
	os.Remove(w.f.Name())
}
