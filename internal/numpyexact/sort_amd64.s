#include "textflag.h"
#include "avx2_amd64.h"

// A bitonic sorting network for keys (kernels_order.go) with AVX2, four
// keys per register. Keys are unsigned; AVX2 compares signed, so they are
// XORed with the sign bit on the way in (bitonic16) and back on the way
// out (the last pass, given that mask). See sortKeysAVX2 for the passes.

// SORT16 sorts the 16 signed keys of Y0-Y3 (a sorting network down the
// columns, a transpose, then two bitonic merges, the second of (Y4, Y5)
// with (Y6, Y7), whose upper half comes out reversed: Y7, Y6) and stores
// them at DI, XORed with Y14 (uses Y4-Y13).
#define SORT16 \
	MINMAX(Y0, Y1, Y12, Y13); \
	MINMAX(Y2, Y3, Y12, Y13); \
	MINMAX(Y0, Y2, Y12, Y13); \
	MINMAX(Y1, Y3, Y12, Y13); \
	MINMAX(Y1, Y2, Y12, Y13); \
	TRANSPOSE4; \
	REV(Y5); \
	MINMAX(Y4, Y5, Y12, Y13); \
	SORT4B(Y4, Y12, Y13, Y8); \
	SORT4B(Y5, Y12, Y13, Y8); \
	REV(Y7); \
	MINMAX(Y6, Y7, Y12, Y13); \
	SORT4B(Y6, Y12, Y13, Y8); \
	SORT4B(Y7, Y12, Y13, Y8); \
	REV(Y7); \
	MINMAX(Y4, Y7, Y12, Y13); \
	REV(Y6); \
	MINMAX(Y5, Y6, Y12, Y13); \
	MINMAX(Y4, Y5, Y12, Y13); \
	MINMAX(Y7, Y6, Y12, Y13); \
	SORT4B(Y4, Y12, Y13, Y8); \
	SORT4B(Y5, Y12, Y13, Y8); \
	SORT4B(Y7, Y12, Y13, Y8); \
	SORT4B(Y6, Y12, Y13, Y8); \
	VPXOR Y14, Y4, Y4; \
	VPXOR Y14, Y5, Y5; \
	VPXOR Y14, Y7, Y7; \
	VPXOR Y14, Y6, Y6; \
	VMOVDQU Y4, (DI); \
	VMOVDQU Y5, 32(DI); \
	VMOVDQU Y7, 64(DI); \
	VMOVDQU Y6, 96(DI)

// FLOATKEY(v, t) turns the float64 bits in v into signed keys: the lanes
// with the sign set get their other 63 bits flipped (Y15 must be zero).
#define FLOATKEY(v, t) \
	VPCMPGTQ v, Y15, t; \
	VPSRLQ $1, t, t; \
	VPXOR t, v, v

// func bitonic16(a *uint64, groups int, out uint64)
// Sorts each group of 16 keys: a sorting network down the four columns of
// four registers, a transpose, then two bitonic merges in registers.
TEXT ·bitonic16(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), DI
	MOVQ groups+8(FP), CX
	MOVQ $0x8000000000000000, AX
	MOVQ AX, X15
	VPBROADCASTQ X15, Y15
	VPBROADCASTQ out+16(FP), Y14
g16loop:
	VPXOR (DI), Y15, Y0
	VPXOR 32(DI), Y15, Y1
	VPXOR 64(DI), Y15, Y2
	VPXOR 96(DI), Y15, Y3
	SORT16
	ADDQ $128, DI
	DECQ CX
	JNZ g16loop
	VZEROUPPER
	RET

// func bitonic16f(dst *uint64, x *float64, groups int, out uint64)
// bitonic16 on the keys of the float64 values x (kernels_order.go's
// floatKey, XORed with the sign bit: the bits of a value whose sign is
// clear, those bits with the 63 below the sign flipped otherwise).
TEXT ·bitonic16f(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ groups+16(FP), CX
	VPXOR Y15, Y15, Y15
	VPBROADCASTQ out+24(FP), Y14
g16floop:
	VMOVDQU (SI), Y0
	VMOVDQU 32(SI), Y1
	VMOVDQU 64(SI), Y2
	VMOVDQU 96(SI), Y3
	FLOATKEY(Y0, Y12)
	FLOATKEY(Y1, Y12)
	FLOATKEY(Y2, Y12)
	FLOATKEY(Y3, Y12)
	SORT16
	ADDQ $128, SI
	ADDQ $128, DI
	DECQ CX
	JNZ g16floop
	VZEROUPPER
	RET

// func bitonicFlip(a *uint64, runVecs, pairs int)
// The first step of merging pairs of sorted runs of runVecs registers
// (even, >= 4): key i of the first run against key L-1-i of the second.
// The second run's half is left reversed, which is still bitonic.
TEXT ·bitonicFlip(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), DI
	MOVQ runVecs+8(FP), R8
	MOVQ pairs+16(FP), CX
	SHLQ $5, R8                  // run length in bytes
flippair:
	LEAQ (DI)(R8*1), SI          // B
	MOVQ DI, R9                  // A[j]
	LEAQ -32(DI)(R8*1), R10      // A[V-1-j]
	MOVQ SI, R11                 // B[j]
	LEAQ -32(SI)(R8*1), R12      // B[V-1-j]
fliploop:
	VMOVDQU (R9), Y0
	VMOVDQU (R10), Y1
	VMOVDQU (R11), Y2
	VMOVDQU (R12), Y3
	REV(Y3)
	MINMAX(Y0, Y3, Y12, Y13)         // A[j] against B[V-1-j] reversed
	REV(Y2)
	MINMAX(Y1, Y2, Y12, Y13)         // A[V-1-j] against B[j] reversed
	VMOVDQU Y0, (R9)
	VMOVDQU Y1, (R10)
	VMOVDQU Y3, (R11)
	VMOVDQU Y2, (R12)
	ADDQ $32, R9
	SUBQ $32, R10
	ADDQ $32, R11
	SUBQ $32, R12
	CMPQ R9, R10
	JB fliploop
	LEAQ (DI)(R8*2), DI
	DECQ CX
	JNZ flippair
	VZEROUPPER
	RET

// func bitonicHalf(a *uint64, dist, blocks int)
// A half-cleaner step: in each block of 2*dist registers (dist >= 2,
// even), register k against register k+dist.
TEXT ·bitonicHalf(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), DI
	MOVQ dist+8(FP), R8
	MOVQ blocks+16(FP), CX
	SHLQ $5, R8                  // dist in bytes
halfblock:
	MOVQ DI, R9
	LEAQ (DI)(R8*1), R10         // end of the block's first half
halfloop:
	VMOVDQU (R9), Y0
	VMOVDQU 32(R9), Y1
	VMOVDQU (R9)(R8*1), Y2
	VMOVDQU 32(R9)(R8*1), Y3
	MINMAX(Y0, Y2, Y12, Y13)
	MINMAX(Y1, Y3, Y10, Y11)
	VMOVDQU Y0, (R9)
	VMOVDQU Y1, 32(R9)
	VMOVDQU Y2, (R9)(R8*1)
	VMOVDQU Y3, 32(R9)(R8*1)
	ADDQ $64, R9
	CMPQ R9, R10
	JB halfloop
	LEAQ (DI)(R8*2), DI
	DECQ CX
	JNZ halfblock
	VZEROUPPER
	RET

// func bitonicFinal16(a *uint64, groups int, out uint64)
// The last steps of a merge, within each group of 16 bitonic keys:
// distances 8, 4, 2 and 1; then XOR with out.
TEXT ·bitonicFinal16(SB), NOSPLIT, $0-24
	MOVQ a+0(FP), DI
	MOVQ groups+8(FP), CX
	VPBROADCASTQ out+16(FP), Y14
f16loop:
	VMOVDQU (DI), Y0
	VMOVDQU 32(DI), Y1
	VMOVDQU 64(DI), Y2
	VMOVDQU 96(DI), Y3
	MINMAX(Y0, Y2, Y12, Y13)
	MINMAX(Y1, Y3, Y10, Y11)
	MINMAX(Y0, Y1, Y12, Y13)
	MINMAX(Y2, Y3, Y10, Y11)
	SORT4B(Y0, Y12, Y13, Y8)
	SORT4B(Y1, Y10, Y11, Y9)
	SORT4B(Y2, Y12, Y13, Y8)
	SORT4B(Y3, Y10, Y11, Y9)
	VPXOR Y14, Y0, Y0
	VPXOR Y14, Y1, Y1
	VPXOR Y14, Y2, Y2
	VPXOR Y14, Y3, Y3
	VMOVDQU Y0, (DI)
	VMOVDQU Y1, 32(DI)
	VMOVDQU Y2, 64(DI)
	VMOVDQU Y3, 96(DI)
	ADDQ $128, DI
	DECQ CX
	JNZ f16loop
	VZEROUPPER
	RET
