#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

/*
 * The kernel command line, parsed as Linux does for the part that
 * matters here: `init=PATH`, `quiet`, and the rest handed to init
 * (words without '=' become its arguments, words with '=' its
 * environment; everything after `--` is an argument).
 * Pure; tests/unit runs it on the host.
 */
#define CMDLINE_MAX_ARGS	32
#define CMDLINE_MAX_ENVS	32
#define CMDLINE_SIZE		2048

struct boot_params {
	char buf[CMDLINE_SIZE];		/* the words, NUL-separated */
	const char *init;		/* NULL: the default /sbin/init */
	int quiet;
	int argc, envc;
	const char *argv[CMDLINE_MAX_ARGS + 2];	/* argv[0] is filled by the caller */
	const char *envp[CMDLINE_MAX_ENVS + 1];
	const char *kernel_args[CMDLINE_MAX_ARGS];	/* words the kernel kept */
	int nr_kernel_args;
};

/* Returns 0, or -1 if the line had to be cut (too long or too many words). */
int parse_cmdline(struct boot_params *bp, const char *cmdline);
/* The value of kernel parameter name ("netem.loss"), "" for a bare flag, or NULL. */
const char *cmdline_get(const struct boot_params *bp, const char *name);

#endif
