package split_test

import (
	"fmt"

	"github.com/featurize/featurize/split"
)

func ExampleArraySplit() {
	for _, r := range split.ArraySplit(1, 10, 3) {
		fmt.Println(r, r.Len())
	}
	// Output:
	// 1-4 4
	// 5-7 3
	// 8-10 3
}
