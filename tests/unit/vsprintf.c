/*
 * kernel/lib/vsprintf.c: the kernel's vsnprintf()/snprintf().
 *
 * run.sh compiles the kernel file with -Dvsnprintf=k_vsnprintf
 * -Dsnprintf=k_snprintf, so that both it and the host C library's
 * snprintf() can be called here and compared.
 */
#include <limits.h>
#include <stdlib.h>

#define UNIT_FILE "vsprintf"
#include "unit.h"

int k_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The kernel and the host must agree on output and return value. */
#define SAME(fmt, ...)							\
	do {								\
		char want_[128], got_[128];				\
		int nwant_ = snprintf(want_, sizeof(want_), fmt, __VA_ARGS__); \
		int ngot_ = k_snprintf(got_, sizeof(got_), fmt, __VA_ARGS__); \
		EXPECTF(ngot_ == nwant_ && !strcmp(got_, want_),	\
			"%s: kernel \"%s\" (%d), host \"%s\" (%d)", #fmt, \
			got_, ngot_, want_, nwant_);			\
	} while (0)

/* For what only the kernel defines: its output must be want. */
#define KERNEL(want, fmt, ...)						\
	do {								\
		char got_[128];						\
		int ngot_ = k_snprintf(got_, sizeof(got_), fmt, __VA_ARGS__); \
		EXPECTF(ngot_ == (int)strlen(want) && !strcmp(got_, want), \
			"%s: \"%s\" (%d), expected \"%s\"", #fmt, got_,	\
			ngot_, want);					\
	} while (0)

static void integers(void)
{
	SAME("%d", 0);
	SAME("%d", 42);
	SAME("%d", -42);
	SAME("%d", INT_MAX);
	SAME("%d", INT_MIN);
	SAME("%i", -7);
	SAME("%u", 0U);
	SAME("%u", UINT_MAX);
	SAME("%x", 0xdeadbeefU);
	SAME("%X", 0xdeadbeefU);
	SAME("%x", 0U);
	SAME("%o|%04o|%lo", 8U, 022U, 0755UL);
	SAME("[%d|%u|%x]", -1, 1U, 255U);
}

static void longs(void)
{
	SAME("%ld", LONG_MIN);
	SAME("%ld", LONG_MAX);
	SAME("%lu", ULONG_MAX);
	SAME("%lx", ULONG_MAX);
	SAME("%lX", 0xabcdef0123456789UL);
	SAME("%lld", LLONG_MIN);
	SAME("%llu", ULLONG_MAX);
	SAME("%zu", (size_t)123456789);
	SAME("%zx", (size_t)0xfffff);
}

static void width_and_flags(void)
{
	SAME("%5d|", 42);
	SAME("%-5d|", 42);
	SAME("%05d|", 42);
	SAME("%05d|", -42);
	SAME("%03d|", -5);
	SAME("%2d|", 12345);
	SAME("%8x|", 0xbeefU);
	SAME("%08X|", 0xbeefU);
	SAME("%016lx|", 0x1234UL);
	SAME("%-8u|", 7U);
	SAME("%*d|", 6, 42);
	SAME("%-*d|", 6, 42);
}

/*
 * C: "a negative field width argument is taken as a - flag followed by
 * a positive field width".  Failed when written: vsnprintf() reads the
 * '*' width into an int and never looks at its sign.
 */
static void negative_star_width(void)
{
	SAME("%*d|", -6, 42);
	SAME("%*s|", -4, "ab");
}

static void strings(void)
{
	static const char abc[3] = { 'a', 'b', 'c' };	/* no NUL */

	SAME("%s", "hello");
	SAME("[%s]", "");
	SAME("%10s|", "hello");
	SAME("%-10s|", "hello");
	SAME("%.3s|", "hello");
	SAME("%.*s|", 2, "hello");
	SAME("%.*s|", 10, "hi");
	SAME("%.*s|", -1, "abc");	/* negative: no precision */
	SAME("%.0s|", "abc");
	SAME("%.s|", "abc");
	SAME("%5.2s|", "abc");
	SAME("%-5.2s|", "abc");
	/* The precision bounds the read: ASan checks this. */
	SAME("%.3s|", abc);
}

static void null_string(void)
{
	const char *volatile null = NULL;	/* hidden from -Wformat */

	KERNEL("(null)", "%s", null);
}

static void chars_and_percent(void)
{
	SAME("%c", 'x');
	SAME("%3c|", 'x');
	SAME("%-3c|", 'x');
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("%d%%", 100);
	SAME("%%%s%%", "x");
}

/* %p: "0x" and 16 hex digits, the value itself. */
static void pointers(void)
{
	char buf[64];

	KERNEL("0x00000000deadbeef", "%p", (void *)0xdeadbeefUL);
	KERNEL("0x0000000000000000", "%p", NULL);
	KERNEL("0xffff888000001000", "%p", (void *)0xffff888000001000UL);
	EXPECT_EQ(k_snprintf(buf, sizeof(buf), "%p", (void *)buf), 18);
	EXPECT(strtoull(buf + 2, NULL, 16) == (unsigned long)buf);
}

/* The return value is the full length; the buffer always ends in NUL. */
static void truncation(void)
{
	static char buf[16];	/* ASan puts red zones around globals too */

	memset(buf, '#', 16);
	EXPECT_EQ(k_snprintf(buf, 5, "%s", "hello world"), 11);
	EXPECT_STR(buf, "hell");
	EXPECT_EQ(buf[5], '#');
	EXPECT_EQ(k_snprintf(buf, 6, "%s", "hello"), 5);
	EXPECT_STR(buf, "hello");
	EXPECT_EQ(k_snprintf(buf, 5, "%s", "hello"), 5);
	EXPECT_STR(buf, "hell");
	EXPECT_EQ(k_snprintf(buf, 4, "%08d", 42), 8);	/* cut in the padding */
	EXPECT_STR(buf, "000");
	EXPECT_EQ(k_snprintf(buf, 1, "%d", 12345), 5);
	EXPECT_STR(buf, "");
	memset(buf, '#', 16);
	EXPECT_EQ(k_snprintf(buf, 0, "%d", 12345), 5);
	EXPECT_EQ(buf[0], '#');				/* size 0: untouched */
	EXPECT_EQ(k_snprintf(NULL, 0, "%s!", "abc"), 4);
}

/* Things C leaves undefined, as this kernel defines them. */
static void odd_formats(void)
{
	/* Not literals, or -Wformat would (rightly) refuse them. */
	const char *trailing = "abc%", *width_only = "abc%5", *unknown = "%y!";

	KERNEL("abc", trailing, 0);
	KERNEL("abc", width_only, 0);
	KERNEL("%y!", unknown, 0);
}

/*
 * Random formats from the part of printf where C and the kernel agree,
 * with random buffer sizes (0 .. 40): same output, same return value.
 */
static void random_against_host(void)
{
	static const char *const convs[] = {
		"d", "i", "u", "x", "X", "ld", "lu", "lx", "s", "c", ".3s",
	};
	static const long values[] = {
		0, 1, -1, 9, 10, -10, 255, 65535, INT_MAX, INT_MIN,
		LONG_MAX, LONG_MIN, 0x7fffffffffL,
	};
	static const char *const strs[] = { "", "a", "hello", "hello, world" };
	char fmt[32], want[64], *got;
	int iter, w, n;

	unit_srand(7);
	for (iter = 0; iter < 20000; iter++) {
		const char *conv = convs[unit_rand_below(11)];
		long v = values[unit_rand_below(13)];
		const char *s = strs[unit_rand_below(4)];
		size_t size = unit_rand_below(41);
		int text = conv[0] == 's' || conv[0] == 'c' || conv[0] == '.';
		int nwant, ngot;

		n = sprintf(fmt, "<%%");
		if (unit_rand_below(3) == 0)
			fmt[n++] = '-';
		if (!text && unit_rand_below(3) == 0)	/* '0' with s or c: undefined */
			fmt[n++] = '0';
		w = unit_rand_below(4) ? -1 : (int)unit_rand_below(25);
		if (w >= 0)
			n += sprintf(fmt + n, "%d", w);
		sprintf(fmt + n, "%s>", conv);

		got = malloc(size ? size : 1);
		memset(got, '#', size ? size : 1);
		if (conv[0] == 's' || conv[0] == '.') {
			nwant = snprintf(want, size, fmt, s);
			ngot = k_snprintf(got, size, fmt, s);
		} else if (conv[0] == 'l') {
			nwant = snprintf(want, size, fmt, v);
			ngot = k_snprintf(got, size, fmt, v);
		} else {
			nwant = snprintf(want, size, fmt, (int)v);
			ngot = k_snprintf(got, size, fmt, (int)v);
		}
		if (ngot != nwant || (size && strcmp(got, want))) {
			unit_fail(__FILE__, __LINE__,
				  "\"%s\", size %zu: kernel \"%.*s\" (%d), host \"%s\" (%d)",
				  fmt, size, size ? (int)size : 0, got, ngot,
				  size ? want : "", nwant);
			free(got);
			return;
		}
		free(got);
	}
}

int main(void)
{
	RUN(integers);
	RUN(longs);
	RUN(width_and_flags);
	RUN(negative_star_width);
	RUN(strings);
	RUN(null_string);
	RUN(chars_and_percent);
	RUN(pointers);
	RUN(truncation);
	RUN(odd_formats);
	RUN(random_against_host);
	return unit_exit_status();
}
