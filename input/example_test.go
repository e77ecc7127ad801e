package input_test

import (
	"errors"
	"fmt"

	"github.com/featurize/featurize/input"
)

func ExampleReadTable() {
	// testdata/read/example.csv:
	//
	//	# sensor log
	//	time, temp ,"rel. humidity"
	//	0.0,21.5,40
	//	0.5,21.7,41
	//	1.0,nan,42
	t, err := input.ReadTable("testdata/read/example.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d rows, names %q\n", t.Rows, t.Names)
	j, _ := t.Column("temp")
	fmt.Println("temp:", t.Cols[j])
	// Output:
	// 3 rows, names ["time" "temp" "rel. humidity"]
	// temp: [21.5 21.7 NaN]
}

func ExampleReader_Read_error() {
	// testdata/read/bad.csv:
	//
	//	time,temp
	//	0.0,21.5
	//	0.5,21,7
	r := input.NewReader()
	_, err := r.Read("testdata/read/bad.csv")
	fmt.Println(err)
	var pe *input.ParseError
	if errors.As(err, &pe) && errors.Is(err, input.ErrFieldCount) {
		fmt.Println("line", pe.Line, "column", pe.Column)
	}
	// Output:
	// testdata/read/bad.csv:3:8: wrong number of fields: got 3, want 2
	// line 3 column 8
}
