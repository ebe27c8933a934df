// SPDX-License-Identifier: GPL-2.0
/*
 * sleep - wait for a while.
 *
 * Usage: sleep NUMBER[SUFFIX]...
 * NUMBER may have a fraction ("0.25"); SUFFIX is s (seconds, the
 * default), m (minutes), h (hours) or d (days).  With several arguments,
 * sleep waits for their sum.
 *
 * System calls: nanosleep (again with the time left if a signal
 * interrupts it).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "1.5m" -> 90.0 seconds; a negative result means "not a number". */
static double parse_interval(const char *s)
{
	char *end;
	double t = strtod(s, &end);

	if (end == s || t < 0 || t != t)	/* t != t: not a number */
		return -1;
	switch (*end) {
	case '\0':
	case 's': break;
	case 'm': t *= 60; break;
	case 'h': t *= 60 * 60; break;
	case 'd': t *= 24 * 60 * 60; break;
	default: return -1;
	}
	if (*end && end[1])
		return -1;		/* something after the suffix */
	return t;
}

int main(int argc, char *argv[])
{
	struct timespec ts;
	double total = 0, t;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: sleep NUMBER[s|m|h|d]...\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		t = parse_interval(argv[i]);
		if (t < 0) {
			fprintf(stderr, "sleep: %s: invalid time interval\n",
				argv[i]);
			return 1;
		}
		total += t;
	}

	/* Whole seconds and nanoseconds; "inf" or huge sleeps are capped. */
	if (total > 1e15)
		total = 1e15;
	ts.tv_sec = (time_t)total;
	ts.tv_nsec = (long)((total - ts.tv_sec) * 1e9);

	while (nanosleep(&ts, &ts) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "sleep: nanosleep: %s\n",
				strerror(errno));
			return 1;
		}
	}
	return 0;
}
