/*
 * kernel/cmdline.c: parse_cmdline().
 *
 * struct boot_params and the command line are malloc()ed with exactly
 * their size, so ASan reports any write past the struct or read past
 * the line's NUL.
 */
#include <stdlib.h>

#include "kernel/cmdline.h"

#define UNIT_FILE "cmdline"
#include "unit.h"

static struct boot_params *bp;
static char *line;

/* Parse a copy of s (the previous case's copies are freed here). */
static int parse(const char *s)
{
	free(bp);
	free(line);
	bp = malloc(sizeof(*bp));
	memset(bp, 0x5a, sizeof(*bp));	/* parse_cmdline must clear it */
	line = strdup(s);
	return parse_cmdline(bp, line);
}

/* Does p point at a NUL-terminated string inside bp->buf? */
static int in_buf(const char *p)
{
	return p >= bp->buf && p < bp->buf + CMDLINE_SIZE &&
	       memchr(p, '\0', bp->buf + CMDLINE_SIZE - p);
}

static void init_and_arguments(void)
{
	EXPECT_EQ(parse("init=/bin/hello one two"), 0);
	EXPECT_STR(bp->init, "/bin/hello");
	EXPECT_EQ(bp->argc, 2);
	EXPECT_STR(bp->argv[0], NULL);		/* the caller's to fill */
	EXPECT_STR(bp->argv[1], "one");
	EXPECT_STR(bp->argv[2], "two");
	EXPECT_STR(bp->argv[3], NULL);
	EXPECT_EQ(bp->envc, 0);
	EXPECT_STR(bp->envp[0], NULL);
	EXPECT_EQ(bp->quiet, 0);
	EXPECT_EQ(bp->nr_kernel_args, 0);
}

static void quiet(void)
{
	EXPECT_EQ(parse("quiet"), 0);
	EXPECT_EQ(bp->quiet, 1);
	EXPECT_EQ(bp->argc, 0);
	EXPECT_STR(bp->init, NULL);
}

static void words_with_equals_go_to_envp(void)
{
	EXPECT_EQ(parse("init=/bin/sh TERM=vt100 x FOO=a=b"), 0);
	EXPECT_EQ(bp->envc, 2);
	EXPECT_STR(bp->envp[0], "TERM=vt100");
	EXPECT_STR(bp->envp[1], "FOO=a=b");
	EXPECT_STR(bp->envp[2], NULL);
	EXPECT_EQ(bp->argc, 1);
	EXPECT_STR(bp->argv[1], "x");
}

static void double_dash_ends_options(void)
{
	EXPECT_EQ(parse("init=/bin/sh a -- b=c quiet init=/x -- d"), 0);
	EXPECT_STR(bp->init, "/bin/sh");
	EXPECT_EQ(bp->quiet, 0);
	EXPECT_EQ(bp->envc, 0);
	EXPECT_EQ(bp->argc, 6);
	EXPECT_STR(bp->argv[1], "a");
	EXPECT_STR(bp->argv[2], "b=c");
	EXPECT_STR(bp->argv[3], "quiet");
	EXPECT_STR(bp->argv[4], "init=/x");
	EXPECT_STR(bp->argv[5], "--");
	EXPECT_STR(bp->argv[6], "d");
	EXPECT_STR(bp->argv[7], NULL);
}

static void double_quotes_group_spaces(void)
{
	EXPECT_EQ(parse("init=/bin/sh \"hello world\" x\"y  z\"w FOO=\"a b\""), 0);
	EXPECT_EQ(bp->argc, 2);
	EXPECT_STR(bp->argv[1], "hello world");
	EXPECT_STR(bp->argv[2], "xy  zw");
	EXPECT_STR(bp->envp[0], "FOO=a b");
	/* An unterminated quote runs to the end of the line. */
	EXPECT_EQ(parse("\"a b"), 0);
	EXPECT_STR(bp->argv[1], "a b");
}

static void kernel_params_kept_out(void)
{
	EXPECT_EQ(parse("console=ttyS0 root=/dev/sda1 ro rw loglevel=3 x"), 0);
	EXPECT_EQ(bp->nr_kernel_args, 5);
	EXPECT_STR(bp->kernel_args[0], "console=ttyS0");
	EXPECT_STR(bp->kernel_args[2], "ro");
	EXPECT_STR(bp->kernel_args[4], "loglevel=3");
	EXPECT_EQ(bp->envc, 0);
	EXPECT_EQ(bp->argc, 1);
	EXPECT_STR(bp->argv[1], "x");
}

/*
 * "ro" and "rw" are whole words.  Fails at the time of writing:
 * is_kernel_param() compares them as prefixes (strncmp with strlen),
 * so "robot", "rwx" and "route" never reach init.
 */
static void ro_rw_are_whole_words(void)
{
	EXPECT_EQ(parse("init=/bin/sh robot rwx route"), 0);
	EXPECTF(bp->argc == 3, "argc is %d, expected 3 (\"robot rwx route\"); "
		"%d words were taken as kernel parameters",
		bp->argc, bp->nr_kernel_args);
	EXPECT_STR(bp->argv[1], "robot");
}

static void empty_line(void)
{
	EXPECT_EQ(parse(""), 0);
	EXPECT_STR(bp->init, NULL);
	EXPECT_EQ(bp->argc, 0);
	EXPECT_EQ(bp->envc, 0);
	EXPECT_EQ(bp->quiet, 0);
	EXPECT_STR(bp->argv[1], NULL);
	EXPECT_EQ(parse(" \t\n  "), 0);
	EXPECT_EQ(bp->argc, 0);
}

static void tabs_and_newlines_separate(void)
{
	EXPECT_EQ(parse("\ta\tb\nc  "), 0);
	EXPECT_EQ(bp->argc, 3);
	EXPECT_STR(bp->argv[3], "c");
}

static void too_many_arguments(void)
{
	char s[200] = "";
	int i;

	for (i = 0; i < CMDLINE_MAX_ARGS + 8; i++)
		strcat(s, "a ");
	EXPECT_EQ(parse(s), -1);
	EXPECT_EQ(bp->argc, CMDLINE_MAX_ARGS);
	EXPECT_STR(bp->argv[CMDLINE_MAX_ARGS], "a");
	EXPECT_STR(bp->argv[CMDLINE_MAX_ARGS + 1], NULL);
	EXPECT_EQ(bp->envc, 0);
	EXPECT_STR(bp->envp[0], NULL);
}

static void too_many_environment_words(void)
{
	char s[400] = "";
	int i;

	for (i = 0; i < CMDLINE_MAX_ENVS + 8; i++)
		strcat(s, "V=1 ");
	EXPECT_EQ(parse(s), -1);
	EXPECT_EQ(bp->envc, CMDLINE_MAX_ENVS);
	EXPECT_STR(bp->envp[CMDLINE_MAX_ENVS], NULL);
	EXPECT_EQ(bp->argc, 0);
}

static void too_long(void)
{
	static char s[3 * CMDLINE_SIZE];
	int i;

	/* Many short words: the buffer fills up. */
	for (i = 0; i < (int)sizeof(s) - 1; i++)
		s[i] = i % 10 == 9 ? ' ' : 'x';
	EXPECT_EQ(parse(s), -1);
	EXPECT(bp->argc > 0 && bp->argc <= CMDLINE_MAX_ARGS);
	for (i = 1; i <= bp->argc; i++)
		EXPECT(in_buf(bp->argv[i]));

	/* One word longer than the buffer. */
	memset(s, 'y', sizeof(s) - 1);
	EXPECT_EQ(parse(s), -1);
	EXPECT_EQ(bp->argc, 1);
	EXPECT(in_buf(bp->argv[1]));
	EXPECT_EQ(strlen(bp->argv[1]), CMDLINE_SIZE - 1);
}

/* A word that just fits (CMDLINE_SIZE - 1 bytes and its NUL) is not cut. */
static void longest_word_fits(void)
{
	char s[CMDLINE_SIZE + 1];

	memset(s, 'z', CMDLINE_SIZE - 1);
	s[CMDLINE_SIZE - 1] = '\0';
	EXPECT_EQ(parse(s), 0);
	EXPECT_EQ(strlen(bp->argv[1]), CMDLINE_SIZE - 1);
	s[CMDLINE_SIZE - 1] = 'z';
	s[CMDLINE_SIZE] = '\0';
	EXPECT_EQ(parse(s), -1);
}

int main(void)
{
	RUN(init_and_arguments);
	RUN(quiet);
	RUN(words_with_equals_go_to_envp);
	RUN(double_dash_ends_options);
	RUN(double_quotes_group_spaces);
	RUN(kernel_params_kept_out);
	RUN(ro_rw_are_whole_words);
	RUN(empty_line);
	RUN(tabs_and_newlines_separate);
	RUN(too_many_arguments);
	RUN(too_many_environment_words);
	RUN(too_long);
	RUN(longest_word_fits);
	free(bp);
	free(line);
	return unit_exit_status();
}
