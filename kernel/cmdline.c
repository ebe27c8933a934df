#include "kernel/cmdline.h"

#ifdef __KERNEL__
#include "kernel/kernel.h"
#else
#include <string.h>
#endif

/* Copy the next word (double quotes group spaces) into out; return the rest. */
static const char *next_word(const char *s, char *out, char *out_end, int *cut)
{
	int quoted = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	while (*s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n'))) {
		if (*s == '"') {
			quoted = !quoted;
		} else if (out < out_end - 1) {
			*out++ = *s;
		} else {
			*cut = 1;
		}
		s++;
	}
	*out = '\0';
	return s;
}

static int is_kernel_param(const char *w)
{
	static const char *const prefixes[] = { "console=", "root=", "loglevel=" };
	unsigned int i;

	const char *eq = strchr(w, '=');
	const char *dot = strchr(w, '.');

	if (!strcmp(w, "rw") || !strcmp(w, "ro"))
		return 1;
	/* module.param[=value]: a driver's parameter, as Linux (netem.loss=5) */
	if (dot && dot != w && (!eq || dot < eq))
		return 1;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(w, prefixes[i], strlen(prefixes[i])))
			return 1;
	return 0;
}

int parse_cmdline(struct boot_params *bp, const char *s)
{
	char *out = bp->buf, *end = bp->buf + sizeof(bp->buf);
	int cut = 0, after_dashes = 0;

	memset(bp, 0, sizeof(*bp));
	out = bp->buf;
	while (*s && out < end - 1) {
		char *w = out;

		s = next_word(s, w, end, &cut);
		if (!*w)
			continue;
		out = w + strlen(w) + 1;
		if (after_dashes) {
			if (bp->argc < CMDLINE_MAX_ARGS)
				bp->argv[1 + bp->argc++] = w;
			else
				cut = 1;
		} else if (!strcmp(w, "--")) {
			after_dashes = 1;
		} else if (!strncmp(w, "init=", 5)) {
			bp->init = w + 5;
		} else if (!strcmp(w, "quiet")) {
			bp->quiet = 1;
		} else if (is_kernel_param(w)) {
			if (bp->nr_kernel_args < CMDLINE_MAX_ARGS)
				bp->kernel_args[bp->nr_kernel_args++] = w;
			else
				cut = 1;
		} else if (strchr(w, '=')) {
			if (bp->envc < CMDLINE_MAX_ENVS)
				bp->envp[bp->envc++] = w;
			else
				cut = 1;
		} else {
			if (bp->argc < CMDLINE_MAX_ARGS)
				bp->argv[1 + bp->argc++] = w;
			else
				cut = 1;
		}
	}
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s)
		cut = 1;
	return cut ? -1 : 0;
}

const char *cmdline_get(const struct boot_params *bp, const char *name)
{
	size_t n = strlen(name);
	int i;

	for (i = 0; i < bp->nr_kernel_args; i++) {
		const char *w = bp->kernel_args[i];

		if (!strncmp(w, name, n) && (w[n] == '=' || w[n] == '\0'))
			return w[n] == '=' ? w + n + 1 : w + n;
	}
	return NULL;
}
