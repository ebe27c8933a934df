/*
 * Random bytes for AT_RANDOM (musl's stack canary and pointer guard) and
 * getrandom.  RDRAND where the CPU has it; otherwise a xorshift generator
 * seeded from the TSC, which is not cryptographic and says so at boot.
 * Linux: drivers/char/random.c (far more careful).
 */
#include "kernel/kernel.h"
#include "kernel/random.h"
#include "kernel/x86.h"

static bool has_rdrand;
static u64 state;

void random_init(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	has_rdrand = c & (1U << 30);
	state = rdtsc() | 1;
	if (!has_rdrand)
		pr_warn("random: no RDRAND; using a TSC-seeded generator (not cryptographic)\n");
}

static bool rdrand64(u64 *v)
{
	int i;

	for (i = 0; i < 10; i++) {
		bool ok;

		asm volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return true;
	}
	return false;
}

u64 get_random_u64(void)
{
	u64 v;

	if (has_rdrand && rdrand64(&v))
		return v;
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state ^ rdtsc();
}

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;

	while (n) {
		u64 v = get_random_u64();
		size_t k = min(n, sizeof(v));

		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
}
