// Package npyio reads and writes NumPy .npy files and np.savetxt text.
//
// # Reading
//
// ReadHeader parses and validates a .npy header completely before anything
// is allocated for the data: the magic string, the format version (1.0,
// 2.0 or 3.0), the header length (at most MaxHeaderLen, numpy's default
// max_header_size), the header dict (a Python literal with exactly the
// keys 'descr', 'fortran_order' and 'shape'), the descr (a numeric dtype:
// b1, i1..i8, u1..u8, f2, f4, f8, c8, c16, in either byte order) and the
// shape (non-negative ints whose product, times the item size, fits in an
// int64). ReadFile and Read also check the data size against the file
// size, then decode the whole body into Array.Data, one allocation of the
// array's size. Array.Float64s converts any array to float64 values in C
// order.
//
// # Writing
//
// Writer streams rows of a 1-D or 2-D float64, float32 or int64 array to a
// file and writes the final shape into the header at Close; its output is
// byte-identical to np.save (numpy >= 1.24) of the same array. It buffers
// 1 MiB and does not allocate per row. EncodeHeader produces np.save's
// header for any descr, order and shape. Writer.AppendFile joins part
// files along axis 0 with in-kernel copies (copy_file_range),
// byte-identical to np.save(np.concatenate(parts)).
//
// # Text
//
// TextWriter writes what np.savetxt writes with its default arguments,
// byte for byte, without allocating per row; it formats '%.18e' with its
// own correctly rounded 19-digit conversion, about four times faster than
// strconv's multiprecision path for that precision. ReadText reads such
// text back into rows sharing one backing array.
//
// # Inspecting
//
// Inspect streams a file once to report its header, first rows,
// per-column statistics and body defects.
//
// # Errors and panics
//
// Everything derived from input (file contents, sizes, values) returns an
// error, never a panic. Errors about a .npy file are *FormatError values
// naming the file and byte offset; errors about text are *ParseError values
// printed file:line:col. Both wrap one of the sentinel errors (ErrBadMagic,
// ErrBadHeader, ...) or io.ErrUnexpectedEOF for a short file, for use with
// errors.Is. Programmer mistakes panic with a message prefixed "npyio:": a
// row of the wrong length passed to Writer.WriteRow, a negative width,
// an invalid DType, WriteInt64s on a float writer, a negative dimension
// passed to EncodeHeader.
package npyio
