// SPDX-License-Identifier: GPL-2.0
/*
 * dmesg - print or control the kernel's log buffer.
 *
 * Usage: dmesg [-r] [-c]   print the log, "[    0.000000] message" lines;
 *                          -r keeps the "<6>" level prefix (raw), -c
 *                          clears the log after printing it
 *        dmesg -C          clear the log
 *        dmesg -n LEVEL    console level: messages below LEVEL (1-8, or
 *                          emerg, alert, crit, err, warn, notice, info,
 *                          debug for 1-8) reach the console
 *
 * As util-linux's dmesg when it reads through syslog(2) (dmesg -S).
 *
 * System calls: syslog (klogctl): SIZE_BUFFER, then READ_ALL, or
 * READ_CLEAR with -c; CLEAR; CONSOLE_LEVEL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_BUFFER	10

static const char *const level_names[] = {
	"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
};

static void usage(void)
{
	fprintf(stderr, "usage: dmesg [-r] [-c] | -C | -n LEVEL\n");
	exit(1);
}

/* "1".."8" or a name; the console level is one more than the name's level. */
static int parse_console_level(const char *s)
{
	size_t i;

	if (s[0] >= '1' && s[0] <= '8' && !s[1])
		return s[0] - '0';
	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (!strcmp(s, level_names[i]))
			return i + 1;
	fprintf(stderr, "dmesg: unknown level '%s'\n", s);
	exit(1);
}

/* An action that prints nothing (CLEAR, CONSOLE_LEVEL); the exit status. */
static int control(int action, int arg)
{
	if (klogctl(action, NULL, arg) < 0) {
		perror("dmesg: klogctl failed");
		return 1;
	}
	return 0;
}

/* The log as the kernel returns it, "<6>[    0.000000] message\n" lines. */
static char *read_log(int action, int *len)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *buf;

	if (size < 16 * 1024)
		size = 16 * 1024;
	buf = malloc(size);
	if (!buf) {
		perror("dmesg: malloc");
		exit(1);
	}
	*len = klogctl(action, buf, size);
	if (*len < 0) {
		perror("dmesg: read kernel buffer failed");
		exit(1);
	}
	return buf;
}

/* Each line without its "<N>" prefix, unless raw. */
static void print_log(const char *buf, int len, int raw)
{
	const char *end = buf + len, *nl;

	while (buf < end) {
		nl = memchr(buf, '\n', end - buf);
		if (!nl)
			nl = end;
		if (!raw && *buf == '<') {
			const char *p = memchr(buf, '>', nl - buf);

			if (p)
				buf = p + 1;
		}
		fwrite(buf, 1, nl - buf, stdout);
		putchar('\n');
		buf = nl + 1;
	}
}

int main(int argc, char *argv[])
{
	int action = SYSLOG_ACTION_READ_ALL, raw = 0, level = 0, clear = 0;
	int opt, len;
	char *buf;

	while ((opt = getopt(argc, argv, "cCrn:")) != -1) {
		switch (opt) {
		case 'c': action = SYSLOG_ACTION_READ_CLEAR; break;
		case 'C': clear = 1; break;
		case 'r': raw = 1; break;
		case 'n': level = parse_console_level(optarg); break;
		default: usage();
		}
	}
	if (optind != argc)
		usage();
	if (level)
		return control(SYSLOG_ACTION_CONSOLE_LEVEL, level);
	if (clear)
		return control(SYSLOG_ACTION_CLEAR, 0);
	buf = read_log(action, &len);
	print_log(buf, len, raw);
	free(buf);
	return 0;
}
