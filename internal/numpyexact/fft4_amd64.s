#include "textflag.h"
#include "avx2_amd64.h"

// radf4 of kernels_fft.go on four transforms at once: element e of
// transform t is at c[4*e+t], so one YMM register holds an element of all
// four and every scalar operation becomes one vector operation, the same
// IEEE operation in the same order (no FMA). The results are bit for bit
// four scalar radf4 calls. Byte offsets: S = 32*ido (an element row),
// L = S*l1 (a cc block).

// func radf4x4k0(ido, l1 int, cc, ch *float64)
// The loop over k of radf4 for element 0 (and ido-1 of the outputs).
TEXT ·radf4x4k0(SB), NOSPLIT, $0-32
	MOVQ ido+0(FP), R8
	MOVQ l1+8(FP), CX
	MOVQ cc+16(FP), DX
	MOVQ ch+24(FP), R13
	SHLQ $5, R8              // S
	MOVQ R8, R9
	IMULQ CX, R9             // L
	LEAQ (R9)(R9*1), R10     // 2L
	LEAQ (R10)(R9*1), R11    // 3L
	LEAQ (R8)(R8*1), BX      // 2S: ch(0,2,k)
	LEAQ -32(BX), R12        // 2S-32: ch(ido-1,1,k)
	LEAQ (BX)(BX*1), AX
	SUBQ $32, AX             // 4S-32: ch(ido-1,3,k)
k0loop:
	VMOVUPD (DX), Y0
	VMOVUPD (DX)(R9*1), Y1
	VMOVUPD (DX)(R10*1), Y2
	VMOVUPD (DX)(R11*1), Y3
	VADDPD Y1, Y3, Y4        // tr1 = c3 + c1
	VSUBPD Y1, Y3, Y5        // c3 - c1
	VADDPD Y2, Y0, Y6        // tr2 = c0 + c2
	VSUBPD Y2, Y0, Y7        // c0 - c2
	VADDPD Y4, Y6, Y8        // tr2 + tr1
	VSUBPD Y4, Y6, Y9        // tr2 - tr1
	VMOVUPD Y5, (R13)(BX*1)
	VMOVUPD Y7, (R13)(R12*1)
	VMOVUPD Y8, (R13)
	VMOVUPD Y9, (R13)(AX*1)
	ADDQ R8, DX
	LEAQ (R13)(R8*4), R13
	DECQ CX
	JNZ k0loop
	VZEROUPPER
	RET

// func radf4x4kh(ido, l1 int, cc, ch *float64, hsqt2 float64)
// The loop over k for element ido-1 (ido even).
TEXT ·radf4x4kh(SB), NOSPLIT, $0-40
	MOVQ ido+0(FP), R8
	MOVQ l1+8(FP), CX
	MOVQ cc+16(FP), DX
	MOVQ ch+24(FP), R13
	VBROADCASTSD hsqt2+32(FP), Y15
	VXORPD Y14, Y14, Y14
	VSUBPD Y15, Y14, Y14     // -hsqt2
	SHLQ $5, R8              // S
	MOVQ R8, R9
	IMULQ CX, R9             // L
	LEAQ (R9)(R9*1), R10     // 2L
	LEAQ (R10)(R9*1), R11    // 3L
	LEAQ -32(DX)(R8*1), DX   // cc(ido-1,0,0)
	LEAQ -32(R8), R12        // S-32: ch(ido-1,0,k)
	LEAQ (R8)(R8*2), AX      // 3S: ch(0,3,k)
	LEAQ -32(AX), BX         // 3S-32: ch(ido-1,2,k)
khloop:
	VMOVUPD (DX), Y0
	VMOVUPD (DX)(R9*1), Y1
	VMOVUPD (DX)(R10*1), Y2
	VMOVUPD (DX)(R11*1), Y3
	VADDPD Y3, Y1, Y4        // c1 + c3
	VMULPD Y4, Y14, Y4       // ti1 = -hsqt2 * (c1 + c3)
	VSUBPD Y3, Y1, Y5        // c1 - c3
	VMULPD Y5, Y15, Y5       // tr1 = hsqt2 * (c1 - c3)
	VADDPD Y5, Y0, Y6        // c0 + tr1
	VSUBPD Y5, Y0, Y7        // c0 - tr1
	VADDPD Y2, Y4, Y8        // ti1 + c2
	VSUBPD Y2, Y4, Y9        // ti1 - c2
	VMOVUPD Y6, (R13)(R12*1)
	VMOVUPD Y7, (R13)(BX*1)
	VMOVUPD Y8, (R13)(AX*1)
	VMOVUPD Y9, (R13)(R8*1)
	ADDQ R8, DX
	LEAQ (R13)(R8*4), R13
	DECQ CX
	JNZ khloop
	VZEROUPPER
	RET

// MULPM(wr, wi, cr, ci, outr, outi): mulpm of kernels_fft.go,
// (wr*cr + wi*ci, wr*ci - wi*cr), with wr and wi broadcast; uses Y0-Y5.
#define MULPM(wr, wi, cr, ci, outr, outi) \
	VBROADCASTSD wr, Y0; \
	VBROADCASTSD wi, Y1; \
	VMOVUPD cr, Y2; \
	VMOVUPD ci, Y3; \
	VMULPD Y2, Y0, Y4; \
	VMULPD Y3, Y1, Y5; \
	VADDPD Y5, Y4, outr; \
	VMULPD Y3, Y0, Y4; \
	VMULPD Y2, Y1, Y5; \
	VSUBPD Y5, Y4, outi

// func radf4x4ki(ido, l1 int, cc, ch, wa *float64)
// The loops over k and i = 2, 4, ... < ido, with the twiddles wa (ido > 2).
TEXT ·radf4x4ki(SB), NOSPLIT, $0-40
	MOVQ ido+0(FP), AX
	MOVQ l1+8(FP), CX
	MOVQ cc+16(FP), SI       // cc(0,k,0)
	MOVQ ch+24(FP), DI       // ch(0,0,k)
	MOVQ wa+32(FP), R13
	MOVQ AX, R8
	SHLQ $5, R8              // S
	MOVQ R8, R9
	IMULQ CX, R9             // L
	LEAQ (R9)(R9*2), R10     // 3L
	MOVQ AX, R11
	SHLQ $3, R11
	SUBQ $8, R11             // 8(ido-1): a row of wa
	SUBQ $1, AX
	SHRQ $1, AX              // inner iterations: (ido-1)/2
	MOVQ AX, ido+0(FP)       // kept in the argument slot
kiouter:
	LEAQ 32(SI), DX          // P: cc(1,k,0)
	LEAQ 32(DI), BX          // Q: ch(1,0,k)
	LEAQ -96(DI)(R8*2), R12  // R: ch(ido-3,1,k) = DI + S + 32*(ido-3)
	MOVQ R13, AX             // W: wa(0,0)
	MOVQ ido+0(FP), CX
kiinner:
	MULPM((AX), 8(AX), (DX)(R9*1), 32(DX)(R9*1), Y6, Y7) // cr2, ci2: w1 times c1
	MULPM((AX)(R11*1), 8(AX)(R11*1), (DX)(R9*2), 32(DX)(R9*2), Y8, Y9) // cr3, ci3: w2 times c2
	MULPM((AX)(R11*2), 8(AX)(R11*2), (DX)(R10*1), 32(DX)(R10*1), Y10, Y11) // cr4, ci4: w3 times c3
	VADDPD Y6, Y10, Y0       // tr1 = cr4 + cr2
	VSUBPD Y6, Y10, Y1       // tr4 = cr4 - cr2
	VADDPD Y11, Y7, Y2       // ti1 = ci2 + ci4
	VSUBPD Y11, Y7, Y3       // ti4 = ci2 - ci4
	VMOVUPD (DX), Y4         // c0r
	VMOVUPD 32(DX), Y5       // c0i
	VADDPD Y8, Y4, Y6        // tr2 = c0r + cr3
	VSUBPD Y8, Y4, Y7        // tr3 = c0r - cr3
	VADDPD Y9, Y5, Y10       // ti2 = c0i + ci3
	VSUBPD Y9, Y5, Y11       // ti3 = c0i - ci3
	VADDPD Y0, Y6, Y12
	VMOVUPD Y12, (BX)        // h0[i-1] = tr2 + tr1
	VSUBPD Y0, Y6, Y13
	VMOVUPD Y13, (R12)(R8*2) // h3[ic-1] = tr2 - tr1
	VADDPD Y10, Y2, Y12
	VMOVUPD Y12, 32(BX)      // h0[i] = ti1 + ti2
	VSUBPD Y10, Y2, Y13
	VMOVUPD Y13, 32(R12)(R8*2) // h3[ic] = ti1 - ti2
	VADDPD Y3, Y7, Y12
	VMOVUPD Y12, (BX)(R8*2)  // h2[i-1] = tr3 + ti4
	VSUBPD Y3, Y7, Y13
	VMOVUPD Y13, (R12)       // h1[ic-1] = tr3 - ti4
	VADDPD Y11, Y1, Y12
	VMOVUPD Y12, 32(BX)(R8*2) // h2[i] = tr4 + ti3
	VSUBPD Y11, Y1, Y13
	VMOVUPD Y13, 32(R12)     // h1[ic] = tr4 - ti3
	ADDQ $64, DX
	ADDQ $64, BX
	SUBQ $64, R12
	ADDQ $16, AX
	DECQ CX
	JNZ kiinner
	ADDQ R8, SI
	LEAQ (DI)(R8*4), DI
	MOVQ l1+8(FP), CX
	DECQ CX
	MOVQ CX, l1+8(FP)
	JNZ kiouter
	VZEROUPPER
	RET

// func transpose4(dst *float64, dstRow, dstStep int, src *float64, srcRow, srcStep, blocks int)
// blocks times: the four rows of 4 doubles at src, src+srcRow, src+2*srcRow
// and src+3*srcRow (bytes) are transposed into the rows at dst, dst+dstRow,
// ...; then src moves on by srcStep bytes and dst by dstStep. With rows
// 8n bytes apart and steps of 32 bytes on one side, and rows 32 bytes apart
// and steps of 128 on the other, this interleaves four arrays of n doubles
// (element e of array t at 4*e+t) or takes them apart again.
TEXT ·transpose4(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ dstRow+8(FP), R10
	MOVQ dstStep+16(FP), R12
	MOVQ src+24(FP), SI
	MOVQ srcRow+32(FP), R8
	MOVQ srcStep+40(FP), R13
	MOVQ blocks+48(FP), CX
	LEAQ (R8)(R8*2), R9          // 3 rows of src
	LEAQ (R10)(R10*2), R11       // 3 rows of dst
tploop:
	VMOVUPD (SI), Y0
	VMOVUPD (SI)(R8*1), Y1
	VMOVUPD (SI)(R8*2), Y2
	VMOVUPD (SI)(R9*1), Y3
	TRANSPOSE4
	VMOVUPD Y4, (DI)
	VMOVUPD Y5, (DI)(R10*1)
	VMOVUPD Y6, (DI)(R10*2)
	VMOVUPD Y7, (DI)(R11*1)
	ADDQ R13, SI
	ADDQ R12, DI
	DECQ CX
	JNZ tploop
	VZEROUPPER
	RET
