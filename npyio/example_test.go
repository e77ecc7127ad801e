package npyio_test

import (
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"

	"github.com/featurize/featurize/npyio"
)

func ExampleWriter() {
	dir, err := os.MkdirTemp("", "npyio-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "feature.npy")

	w, err := npyio.Create(path, npyio.Float64, 3)
	if err != nil {
		log.Fatal(err)
	}
	defer w.Abort() // removes the file unless Close succeeded
	for i := range 4 {
		x := float64(i)
		if err := w.WriteRow([]float64{x, x * x, -x / 2}); err != nil {
			log.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	a, err := npyio.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Descr, a.Shape, a.Float64s())
	// Output:
	// <f8 [4 3] [0 0 -0 1 1 -0.5 2 4 -1 3 9 -1.5]
}

func ExampleReadFile() {
	// A 3x4 int16 array saved by numpy in Fortran order, big-endian.
	a, err := npyio.ReadFile("../testdata/npy/data_i2be_3x4_F.npy")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s fortran=%v shape=%v\n", a.Descr, a.Fortran, a.Shape)
	fmt.Println("stored:", a.Data)
	v := a.Float64s() // always C order
	for i := range a.Shape[0] {
		fmt.Println(v[i*a.Shape[1] : (i+1)*a.Shape[1]])
	}
	// Output:
	// >i2 fortran=true shape=[3 4]
	// stored: [-6006 -2002 2002 -5005 -1001 3003 -4004 0 4004 -3003 1001 5005]
	// [-6006 -5005 -4004 -3003]
	// [-2002 -1001 0 1001]
	// [2002 3003 4004 5005]
}

func ExampleReadFile_errors() {
	_, err := npyio.ReadFile("../testdata/npy/missing.npy")
	fmt.Println(err)
	// Output:
	// open ../testdata/npy/missing.npy: no such file or directory
}

func ExampleTextWriter() {
	tw := npyio.NewTextWriter(os.Stdout)
	tw.WriteRow([]float64{1, 0.1, -2.5e-300})
	tw.WriteRow([]float64{math.Copysign(0, -1), math.Inf(-1), math.NaN()})
	if err := tw.Flush(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// 1.000000000000000000e+00 1.000000000000000056e-01 -2.499999999999999980e-300
	// -0.000000000000000000e+00 -inf nan
}

func ExampleEncodeHeader() {
	h := npyio.EncodeHeader("<f8", false, []int{3, 4})
	fmt.Println(len(h))
	fmt.Printf("%q\n", h[10:])
	// Output:
	// 128
	// "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }                                                          \n"
}

func ExampleInspect() {
	info, err := npyio.Inspect("../testdata/npy/data_f4_3x4_C.npy", 2)
	if err != nil {
		log.Fatal(err)
	}
	if err := info.WriteText(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// file:            ../testdata/npy/data_f4_3x4_C.npy
	// format version:  1.0
	// dtype:           <f4 (float32)
	// shape:           (3, 4)
	// order:           C
	// header:          118 bytes, data at offset 128
	// file size:       176 bytes
	//
	// first 2 rows:
	// 0  -2         -1.66667   -1.33333  -1
	// 1  -0.666667  -0.333333  0         0.333333
	//
	// statistics:
	// column  min       mean       max
	// 0       -2        -0.666667  0.666667
	// 1       -1.66667  -0.333333  1
	// 2       -1.33333  0          1.33333
	// 3       -1        0.333333   1.66667
}
