// SPDX-License-Identifier: GPL-2.0
/*
 * kill - send a signal to processes.
 *
 * Usage: kill [-SIGNAL | -s SIGNAL] PID...
 *        kill -l
 * SIGNAL is a name (TERM, SIGTERM, term) or a number (15); the default is
 * SIGTERM.  A negative PID means a process group, so it must follow "--"
 * or an explicit signal ("kill -9 -42").  Signal 0 sends nothing but still
 * checks that the process exists.  "kill -l" lists the signal names.
 *
 * System calls: kill.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	int num;
	const char *name;
} signals[] = {
	{ SIGHUP, "HUP" },	{ SIGINT, "INT" },	{ SIGQUIT, "QUIT" },
	{ SIGILL, "ILL" },	{ SIGTRAP, "TRAP" },	{ SIGABRT, "ABRT" },
	{ SIGBUS, "BUS" },	{ SIGFPE, "FPE" },	{ SIGKILL, "KILL" },
	{ SIGUSR1, "USR1" },	{ SIGSEGV, "SEGV" },	{ SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" },	{ SIGALRM, "ALRM" },	{ SIGTERM, "TERM" },
	{ SIGSTKFLT, "STKFLT" }, { SIGCHLD, "CHLD" },	{ SIGCONT, "CONT" },
	{ SIGSTOP, "STOP" },	{ SIGTSTP, "TSTP" },	{ SIGTTIN, "TTIN" },
	{ SIGTTOU, "TTOU" },	{ SIGURG, "URG" },	{ SIGXCPU, "XCPU" },
	{ SIGXFSZ, "XFSZ" },	{ SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" },
	{ SIGWINCH, "WINCH" },	{ SIGIO, "IO" },	{ SIGPWR, "PWR" },
	{ SIGSYS, "SYS" },
};

#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

/* "TERM", "SIGTERM", "term" or "15" -> 15; -1 if it is no signal. */
static int parse_signal(const char *s)
{
	char *end;
	long n;
	size_t i;

	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		return (*end || n > 64) ? -1 : (int)n;
	}
	if (!strncasecmp(s, "SIG", 3))
		s += 3;
	for (i = 0; i < NSIGNALS; i++)
		if (!strcasecmp(s, signals[i].name))
			return signals[i].num;
	return -1;
}

static void list_signals(void)
{
	size_t i;

	for (i = 0; i < NSIGNALS; i++)
		printf("%2d) SIG%s\n", signals[i].num, signals[i].name);
}

static int usage(void)
{
	fprintf(stderr, "usage: kill [-SIGNAL | -s SIGNAL] PID...\n"
			"       kill -l\n");
	return 1;
}

int main(int argc, char *argv[])
{
	int sig = SIGTERM, status = 0;
	const char *spec = NULL;
	int i = 1;
	char *end;
	long pid;

	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "-l")) {
		list_signals();
		return 0;
	}
	if (!strcmp(argv[1], "-s")) {
		if (argc < 3)
			return usage();
		spec = argv[2];
		i = 3;
	} else if (!strcmp(argv[1], "--")) {
		i = 2;
	} else if (argv[1][0] == '-' && argv[1][1]) {
		spec = argv[1] + 1;
		i = 2;
	}
	if (spec && (sig = parse_signal(spec)) < 0) {
		fprintf(stderr, "kill: %s: invalid signal\n", spec);
		return 1;
	}
	if (i < argc && spec && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc)
		return usage();

	for (; i < argc; i++) {
		errno = 0;
		pid = strtol(argv[i], &end, 10);
		if (end == argv[i] || *end || errno) {
			fprintf(stderr, "kill: %s: invalid process id\n",
				argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) < 0) {
			fprintf(stderr, "kill: %s: %s\n", argv[i],
				strerror(errno));
			status = 1;
		}
	}
	return status;
}
