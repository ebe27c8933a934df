// SPDX-License-Identifier: GPL-2.0
/*
 * env - print the environment, or run a command in a changed one.
 *
 * Usage: env [-i] [NAME=VALUE]... [COMMAND [ARG]...]
 *   -i  start from an empty environment (also "-")
 * Each NAME=VALUE is added to the environment (replacing NAME if it is
 * there).  Without COMMAND, env prints the environment, one NAME=VALUE a
 * line.  With COMMAND, env replaces itself with it, looked up in $PATH
 * like a shell does; the new program gets the changed environment.  If
 * COMMAND cannot be found the exit status is 127, if it cannot be run, 126.
 *
 * System calls: execve (execvp tries each directory in $PATH), writev
 * (stdio).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char *argv[])
{
	static char *empty[] = { NULL };
	int i = 1;

	if (i < argc && (!strcmp(argv[i], "-i") || !strcmp(argv[i], "-"))) {
		environ = empty;
		i++;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;

	/* NAME=VALUE words; putenv keeps the string itself, from argv. */
	for (; i < argc && strchr(argv[i], '=') && argv[i][0] != '='; i++) {
		if (putenv(argv[i]) != 0) {
			fprintf(stderr, "env: %s: %s\n", argv[i],
				strerror(errno));
			return 1;
		}
	}

	if (i == argc) {
		char **e;

		for (e = environ; *e; e++)
			puts(*e);
		if (fflush(stdout) != 0) {
			fprintf(stderr, "env: write error: %s\n",
				strerror(errno));
			return 1;
		}
		return 0;
	}

	execvp(argv[i], argv + i);
	/* Only reached if the command could not be run. */
	fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
