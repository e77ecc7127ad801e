// Package split divides an index range into near-equal chunks with the
// semantics of numpy's np.array_split.
//
// ArraySplit(n, k) splits n items into k chunks: the first n%k chunks hold
// n/k+1 items and the rest n/k, so with k > n the trailing chunks are empty.
// It allocates one slice of k Ranges. It panics if k < 1 or n < 0; callers
// that take k from a user check it first and report a usage error.
package split
