// Macros shared by the AVX2 assembly of this package.

// TRANSPOSE4 transposes the 4x4 matrix of doubles whose rows are Y0-Y3
// into rows Y4-Y7 (uses Y8-Y11).
#define TRANSPOSE4 \
	VUNPCKLPD Y1, Y0, Y8; \
	VUNPCKHPD Y1, Y0, Y9; \
	VUNPCKLPD Y3, Y2, Y10; \
	VUNPCKHPD Y3, Y2, Y11; \
	VPERM2F128 $0x20, Y10, Y8, Y4; \
	VPERM2F128 $0x20, Y11, Y9, Y5; \
	VPERM2F128 $0x31, Y10, Y8, Y6; \
	VPERM2F128 $0x31, Y11, Y9, Y7

// MINMAX(a, b, m, t) puts min(a, b) in a and max(a, b) in b, lane by lane, as
// signed 64-bit integers (uses m and t).
#define MINMAX(a, b, m, t) \
	VPCMPGTQ b, a, m; \
	VBLENDVPD m, b, a, t; \
	VBLENDVPD m, a, b, b; \
	VMOVDQU t, a

// SORT4B(v, m, t, u) sorts the bitonic lanes of v: compare-exchange at
// distance 2, then 1 (uses m, t and u).
#define SORT4B(v, m, t, u) \
	VPERMQ $0x4E, v, t; \
	VPCMPGTQ t, v, m; \
	VBLENDVPD m, t, v, u; \
	VBLENDVPD m, v, t, t; \
	VBLENDPD $0xC, t, u, v; \
	VPERMILPD $0x5, v, t; \
	VPCMPGTQ t, v, m; \
	VBLENDVPD m, t, v, u; \
	VBLENDVPD m, v, t, t; \
	VBLENDPD $0xA, t, u, v

// REV reverses the lanes of v.
#define REV(v) VPERMQ $0x1B, v, v
