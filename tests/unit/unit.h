/*
 * A tiny harness for the host unit tests (see README.md).
 *
 * Define UNIT_FILE, include this file, write each test case as
 * `static void name(void)` using the EXPECT macros, and call RUN(name)
 * from main().  Each case prints exactly one line:
 *
 *	PASS unit/<UNIT_FILE>/<name>
 *	FAIL unit/<UNIT_FILE>/<name>: <file>:<line>: <reason>
 *
 * The first failed check ends its case (the macros `return`), so use
 * them only in the case function itself, not in helpers.  main() ends
 * with `return unit_exit_status();`: 0 if every case passed, else 1.
 */
#ifndef TESTS_UNIT_UNIT_H
#define TESTS_UNIT_UNIT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#ifndef UNIT_FILE
#error "define UNIT_FILE before including unit.h"
#endif

static int unit_case_failed;
static int unit_nr_failed;
static char unit_reason[1024];

__attribute__((format(printf, 3, 4)))
static void unit_fail(const char *file, int line, const char *fmt, ...)
{
	int n = snprintf(unit_reason, sizeof(unit_reason), "%s:%d: ", file, line);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(unit_reason + n, sizeof(unit_reason) - n, fmt, ap);
	va_end(ap);
	unit_case_failed = 1;
}

/* Fail the case with a printf-style reason unless cond holds. */
#define EXPECTF(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			unit_fail(__FILE__, __LINE__, __VA_ARGS__);	\
			return;						\
		}							\
	} while (0)

#define EXPECT(cond)	EXPECTF(cond, "expected %s", #cond)

/* Integers of any type up to 64 bits, compared as signed long long. */
#define EXPECT_EQ(got, want)						\
	do {								\
		long long got_ = (long long)(got);			\
		long long want_ = (long long)(want);			\
		EXPECTF(got_ == want_, "%s is %lld, expected %lld",	\
			#got, got_, want_);				\
	} while (0)

/* Strings; NULL only equals NULL. */
#define EXPECT_STR(got, want)						\
	do {								\
		const char *got_ = (got), *want_ = (want);		\
		EXPECTF(got_ == want_ ||				\
			(got_ && want_ && !strcmp(got_, want_)),	\
			"%s is \"%s\", expected \"%s\"", #got,		\
			got_ ? got_ : "(NULL)", want_ ? want_ : "(NULL)"); \
	} while (0)

static void unit_run(const char *name, void (*fn)(void))
{
	unit_case_failed = 0;
	fn();
	if (unit_case_failed) {
		printf("FAIL unit/%s/%s: %s\n", UNIT_FILE, name, unit_reason);
		unit_nr_failed++;
	} else {
		printf("PASS unit/%s/%s\n", UNIT_FILE, name);
	}
	/* Flush now: a sanitizer report ends the process without flushing. */
	fflush(stdout);
}

#define RUN(name)	unit_run(#name, name)

static inline int unit_exit_status(void)
{
	return unit_nr_failed ? 1 : 0;
}

/* A small deterministic random number generator (xorshift64). */
static unsigned long long unit_rng_state = 88172645463325252ULL;

static inline void unit_srand(unsigned long long seed)
{
	unit_rng_state = seed ? seed : 88172645463325252ULL;
}

static inline unsigned long long unit_rand(void)
{
	unit_rng_state ^= unit_rng_state << 13;
	unit_rng_state ^= unit_rng_state >> 7;
	unit_rng_state ^= unit_rng_state << 17;
	return unit_rng_state;
}

/* A random number in [0, n). */
static inline unsigned long unit_rand_below(unsigned long n)
{
	return n ? unit_rand() % n : 0;
}

#endif
