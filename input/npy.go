package input

import (
	"fmt"

	"github.com/featurize/featurize/npyio"
)

// NPY is the format of .npy files: a 1-D array is one column c0, a 2-D
// array columns c0, c1, ...; any integer, float or bool dtype.
var NPY Format = npyFormat{}

type npyFormat struct{}

func (npyFormat) Name() string { return "npy" }

func (npyFormat) Read(r *Reader, path string) (*Table, error) { return r.readNPY(path) }

// readNPY reads a 1-D or 2-D .npy file into r's buffers.
func (r *Reader) readNPY(path string) (*Table, error) {
	if err := r.load(path); err != nil {
		return nil, err
	}
	a, err := npyio.ReadBytes(path, r.buf)
	if err != nil {
		return nil, err // npyio's errors name the file
	}
	if len(a.Shape) != 1 && len(a.Shape) != 2 {
		return nil, &ParseError{File: path, Err: fmt.Errorf("%w %s: want 1-D or 2-D", ErrShape, npyio.ShapeString(a.Shape))}
	}
	if a.IsComplex() {
		return nil, &ParseError{File: path, Err: fmt.Errorf("%w %s: want an integer or float dtype", ErrDType, a.Descr)}
	}
	rows, ncols := a.Shape[0], 1
	if len(a.Shape) == 2 {
		ncols = a.Shape[1]
	}
	if rows == 0 || ncols == 0 {
		return nil, &ParseError{File: path, Err: fmt.Errorf("%w: shape %s", ErrEmptyFile, npyio.ShapeString(a.Shape))}
	}
	r.stride = rows
	if need := rows * ncols; cap(r.data) < need {
		r.data = make([]float64, need)
	} else {
		r.data = r.data[:need]
	}
	if d, ok := a.Data.([]float64); ok && (ncols == 1 || a.Fortran) {
		// Already column-major.
		copy(r.data, d)
	} else {
		v := a.Float64s() // C order
		for i := range rows {
			src := v[i*ncols : (i+1)*ncols]
			for j, x := range src {
				r.data[j*rows+i] = x
			}
		}
	}
	return r.table(r.autoNames(ncols), ncols, rows), nil
}
