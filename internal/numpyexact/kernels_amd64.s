#include "textflag.h"

// AVX2 versions of the 8-lane loops of kernels.go. Each lane adds its
// terms in the same order as the Go loop, with the same IEEE operations
// (no FMA), so the results are bit for bit the Go ones. n is a multiple
// of 8, at least 8; out receives the 8 lane sums of each quantity.

// func laneSumAVX2(x *float64, n int, out *[8]float64)
TEXT ·laneSumAVX2(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ out+16(FP), DI
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
	ADDQ $64, SI
	SUBQ $8, CX
	JZ sumdone
sumloop:
	VADDPD 0(SI), Y0, Y0
	VADDPD 32(SI), Y1, Y1
	ADDQ $64, SI
	SUBQ $8, CX
	JNZ sumloop
sumdone:
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VZEROUPPER
	RET

// func momentsAVX2(x, d *float64, n int, mean float64, out *[32]float64)
// d[i] = x[i]-mean; lanes of e*e, (e*e)*e, (e*e)*(e*e), x*x.
TEXT ·momentsAVX2(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), SI
	MOVQ d+8(FP), DI
	MOVQ n+16(FP), CX
	VBROADCASTSD mean+24(FP), Y15
	MOVQ out+32(FP), DX
	VMOVUPD 0(SI), Y8
	VMOVUPD 32(SI), Y9
	VSUBPD Y15, Y8, Y10
	VSUBPD Y15, Y9, Y11
	VMOVUPD Y10, 0(DI)
	VMOVUPD Y11, 32(DI)
	VMULPD Y10, Y10, Y0
	VMULPD Y11, Y11, Y1
	VMULPD Y10, Y0, Y2
	VMULPD Y11, Y1, Y3
	VMULPD Y0, Y0, Y4
	VMULPD Y1, Y1, Y5
	VMULPD Y8, Y8, Y6
	VMULPD Y9, Y9, Y7
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $8, CX
	JZ momdone
momloop:
	VMOVUPD 0(SI), Y8
	VMOVUPD 32(SI), Y9
	VSUBPD Y15, Y8, Y10
	VSUBPD Y15, Y9, Y11
	VMOVUPD Y10, 0(DI)
	VMOVUPD Y11, 32(DI)
	VMULPD Y10, Y10, Y12
	VMULPD Y11, Y11, Y13
	VADDPD Y12, Y0, Y0
	VADDPD Y13, Y1, Y1
	VMULPD Y10, Y12, Y14
	VADDPD Y14, Y2, Y2
	VMULPD Y11, Y13, Y14
	VADDPD Y14, Y3, Y3
	VMULPD Y12, Y12, Y14
	VADDPD Y14, Y4, Y4
	VMULPD Y13, Y13, Y14
	VADDPD Y14, Y5, Y5
	VMULPD Y8, Y8, Y14
	VADDPD Y14, Y6, Y6
	VMULPD Y9, Y9, Y14
	VADDPD Y14, Y7, Y7
	ADDQ $64, SI
	ADDQ $64, DI
	SUBQ $8, CX
	JNZ momloop
momdone:
	VMOVUPD Y0, 0(DX)
	VMOVUPD Y1, 32(DX)
	VMOVUPD Y2, 64(DX)
	VMOVUPD Y3, 96(DX)
	VMOVUPD Y4, 128(DX)
	VMOVUPD Y5, 160(DX)
	VMOVUPD Y6, 192(DX)
	VMOVUPD Y7, 224(DX)
	VZEROUPPER
	RET

// func lagAVX2(d *float64, n int, out *[8]float64)
// lanes of d[i]*d[i+1], i < n; d holds n+1 values.
TEXT ·lagAVX2(SB), NOSPLIT, $0-24
	MOVQ d+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ out+16(FP), DI
	VMOVUPD 0(SI), Y2
	VMULPD 8(SI), Y2, Y0
	VMOVUPD 32(SI), Y3
	VMULPD 40(SI), Y3, Y1
	ADDQ $64, SI
	SUBQ $8, CX
	JZ lagdone
lagloop:
	VMOVUPD 0(SI), Y2
	VMULPD 8(SI), Y2, Y2
	VADDPD Y2, Y0, Y0
	VMOVUPD 32(SI), Y3
	VMULPD 40(SI), Y3, Y3
	VADDPD Y3, Y1, Y1
	ADDQ $64, SI
	SUBQ $8, CX
	JNZ lagloop
lagdone:
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VZEROUPPER
	RET

// func slopeAVX2(d *float64, n int, t *[8]float64, out *[8]float64)
// lanes of d[i]*(t0+i), t holding t0+0 ... t0+7 (all exact).
TEXT ·slopeAVX2(SB), NOSPLIT, $0-32
	MOVQ d+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ t+16(FP), AX
	MOVQ out+24(FP), DI
	VMOVUPD 0(AX), Y4
	VMOVUPD 32(AX), Y5
	MOVQ $0x4020000000000000, AX // 8.0
	MOVQ AX, X6
	VBROADCASTSD X6, Y6
	VMULPD 0(SI), Y4, Y0
	VMULPD 32(SI), Y5, Y1
	ADDQ $64, SI
	SUBQ $8, CX
	JZ slodone
sloloop:
	VADDPD Y6, Y4, Y4
	VADDPD Y6, Y5, Y5
	VMULPD 0(SI), Y4, Y2
	VADDPD Y2, Y0, Y0
	VMULPD 32(SI), Y5, Y3
	VADDPD Y3, Y1, Y1
	ADDQ $64, SI
	SUBQ $8, CX
	JNZ sloloop
slodone:
	VMOVUPD Y0, 0(DI)
	VMOVUPD Y1, 32(DI)
	VZEROUPPER
	RET

// func magsAVX2(c *float64, k int, out *float64) (top float64)
// out[j] = sqrt(c[2j]*c[2j] + c[2j+1]*c[2j+1]), j < k, k a multiple of 4;
// top = the largest of 0 and the out[j], NaNs left out.
TEXT ·magsAVX2(SB), NOSPLIT, $0-32
	MOVQ c+0(FP), SI
	MOVQ k+8(FP), CX
	MOVQ out+16(FP), DI
	VXORPD Y3, Y3, Y3
magloop:
	VMOVUPD 0(SI), Y0
	VMOVUPD 32(SI), Y1
	VMULPD Y0, Y0, Y0
	VMULPD Y1, Y1, Y1
	VHADDPD Y1, Y0, Y2
	VPERMPD $0xD8, Y2, Y2
	VSQRTPD Y2, Y2
	VMOVUPD Y2, 0(DI)
	VMAXPD Y3, Y2, Y3 // a NaN magnitude leaves the maximum as it was
	ADDQ $64, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JNZ magloop
	VEXTRACTF128 $1, Y3, X4
	VMAXPD X4, X3, X3
	VPERMILPD $1, X3, X4
	VMAXPD X4, X3, X3
	MOVSD X3, top+24(FP)
	VZEROUPPER
	RET

// func gtMaskAVX2(x *float64, words int, mean float64, out *[8]uint64)
// Bit i of out[j] is x[64j+i] > mean (false for NaN), j < words <= 8.
TEXT ·gtMaskAVX2(SB), NOSPLIT, $0-32
	MOVQ x+0(FP), SI
	MOVQ words+8(FP), R8
	VBROADCASTSD mean+16(FP), Y15
	MOVQ out+24(FP), DI
maskword:
	XORQ DX, DX
	XORQ CX, CX
maskgroup:
	VCMPPD $0x11, 0(SI), Y15, Y1 // mean < x, ordered, quiet
	VMOVMSKPD Y1, AX
	SHLQ CX, AX
	ORQ AX, DX
	ADDQ $32, SI
	ADDQ $4, CX
	CMPQ CX, $64
	JNE maskgroup
	MOVQ DX, 0(DI)
	ADDQ $8, DI
	DECQ R8
	JNZ maskword
	VZEROUPPER
	RET

// func centroidTermsAVX2(mag, fx *float64, n int, step float64)
// fx[k] = (float64(k)*step) * mag[k] for k < n, n a multiple of 4: the
// same two products as the Go loop (k is exact as a float64).
TEXT ·centroidTermsAVX2(SB), NOSPLIT, $0-32
	MOVQ mag+0(FP), SI
	MOVQ fx+8(FP), DI
	MOVQ n+16(FP), CX
	VBROADCASTSD step+24(FP), Y5
	MOVQ $0x4010000000000000, AX // 4.0
	MOVQ AX, X6
	VBROADCASTSD X6, Y6
	MOVQ $0x3FF0000000000000, AX // 1.0
	MOVQ AX, X7
	VXORPD X0, X0, X0            // k = 0, 1, 2, 3
	VMOVQ X7, X1                 // 1.0 in lane 0
	VADDSD X1, X1, X2            // 2.0
	VADDSD X1, X2, X3            // 3.0
	VUNPCKLPD X1, X0, X0         // [0, 1]
	VUNPCKLPD X3, X2, X2         // [2, 3]
	VINSERTF128 $1, X2, Y0, Y0
ctloop:
	VMULPD Y5, Y0, Y1            // k*step
	VMULPD (SI), Y1, Y1          // * mag[k]
	VMOVUPD Y1, (DI)
	VADDPD Y6, Y0, Y0
	ADDQ $32, SI
	ADDQ $32, DI
	SUBQ $4, CX
	JNZ ctloop
	VZEROUPPER
	RET

// func countAtLeastAVX2(x *float64, n int, cut float64) (first, count int)
// How many x[k] >= cut for k < n (n a multiple of 4; NaN is not), and the
// first such k (n if none).
TEXT ·countAtLeastAVX2(SB), NOSPLIT, $0-40
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	VBROADCASTSD cut+16(FP), Y5
	MOVQ CX, R8                  // first
	XORQ R9, R9                  // count
	XORQ DX, DX                  // k
calloop:
	VMOVUPD (SI)(DX*8), Y0
	VCMPPD $0x1D, Y5, Y0, Y1     // x >= cut, ordered
	VMOVMSKPD Y1, AX
	POPCNTL AX, BX
	ADDQ BX, R9
	TESTL AX, AX
	JZ calnext
	CMPQ R8, CX
	JNE calnext
	BSFL AX, BX
	LEAQ (DX)(BX*1), R8
calnext:
	ADDQ $4, DX
	CMPQ DX, CX
	JB calloop
	MOVQ R8, first+24(FP)
	MOVQ R9, count+32(FP)
	VZEROUPPER
	RET
