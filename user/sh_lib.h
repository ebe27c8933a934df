/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sh_lib.h - small helpers for sh.c: messages, memory, growing strings
 * and vectors.
 *
 * Included only by sh.c (the Makefile turns every user/NAME.c into its own
 * program, so the shell's parts are headers, not separate .c files).
 */
#ifndef SH_LIB_H
#define SH_LIB_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Write all of buf, retrying short writes and EINTR.  Errors are ignored:
 * a shell whose stderr is gone has nobody left to tell.
 */
static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

/*
 * printf to a file descriptor with a single write(2).  The shell never uses
 * stdio for output: its stdout changes under it (redirections of builtins)
 * and buffered bytes would be written twice after a fork.  One write per
 * message also keeps lines from several processes from interleaving.
 */
static void say(int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	write_all(fd, buf, (size_t)n);
}

/* "sh: " + message + newline on stderr. */
static void sh_error(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	memcpy(buf, "sh: ", 4);
	va_start(ap, fmt);
	n = vsnprintf(buf + 4, sizeof(buf) - 5, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 6)
		n = sizeof(buf) - 6;
	buf[4 + n] = '\n';
	write_all(2, buf, (size_t)n + 5);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		sh_error("out of memory");
		_exit(2);
	}
	return p;
}

static void *xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n ? n : 1);

	if (!p) {
		sh_error("out of memory");
		_exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

/*
 * The line arena.  Everything made while handling one input line (tokens,
 * the syntax tree, expanded words) is allocated here and thrown away in one
 * go when the line has run, so the parser and the expander never need to
 * free anything one piece at a time.  What must outlive the line (variables,
 * jobs) uses malloc.
 */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

static struct arena_block *arena;

static void *line_alloc(size_t n)
{
	struct arena_block *b = arena;

	n = (n + 15) & ~(size_t)15;	/* keep every object 16-aligned */
	if (!b || b->size - b->used < n) {
		size_t size = n > 16384 ? n : 16384;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = arena;
		arena = b;
	}
	b->used += n;
	return b->data + b->used - n;
}

static void line_free_all(void)
{
	while (arena) {
		struct arena_block *next = arena->next;

		free(arena);
		arena = next;
	}
}

static char *line_strndup(const char *s, size_t n)
{
	char *p = line_alloc(n + 1);

	if (n)				/* s may be NULL when n is 0 */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A growing string (malloc'd).  s is always NUL-terminated. */
struct strbuf {
	char *s;
	size_t len, cap;
};

static void sb_grow(struct strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->cap) {
		sb->cap = (sb->len + extra + 1) * 2;
		sb->s = xrealloc(sb->s, sb->cap);
	}
}

static void sb_addc(struct strbuf *sb, char c)
{
	sb_grow(sb, 1);
	sb->s[sb->len++] = c;
	sb->s[sb->len] = '\0';
}

static void sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

static void sb_adds(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

static void sb_clear(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

/* A growing, NULL-terminated array of strings (argv, word lists). */
struct strvec {
	char **v;
	int n, cap;
};

static void sv_push(struct strvec *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xrealloc(sv->v, (size_t)sv->cap * sizeof(char *));
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

/* Copy a vector into the line arena and empty it (its buffer is reused). */
static char **sv_to_line(struct strvec *sv)
{
	char **v = line_alloc(((size_t)sv->n + 1) * sizeof(char *));

	if (sv->n)
		memcpy(v, sv->v, (size_t)sv->n * sizeof(char *));
	v[sv->n] = NULL;
	sv->n = 0;
	return v;
}

/* Parse a non-negative decimal number; -1 if s is not one. */
static long parse_number(const char *s)
{
	long n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > 100000000)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

#endif /* SH_LIB_H */
