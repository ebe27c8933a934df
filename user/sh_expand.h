/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sh_expand.h - word expansion: from a raw word to the strings of argv.
 *
 * The parser keeps words exactly as typed.  Just before a command runs,
 * each word is expanded, left to right:
 *
 *   ~ at the start          -> $HOME
 *   'single quotes'         -> the text, nothing special inside
 *   "double quotes"         -> the text, with $ expansions and \$ \" \\ \`
 *   \c                      -> the character c
 *   $NAME ${NAME} $? $$ $! $# $0..$9 ${10} $@ $*
 *                           -> their values
 *
 * The result of an unquoted $ expansion is then split at blanks (space,
 * tab, newline; $IFS is not consulted) into several fields (X="a b";
 * ls $X runs ls with two arguments), and a field
 * with an unquoted * ? or [ is a pattern replaced by the matching file
 * names (glob(3)), or kept as it is if nothing matches.
 *
 * Assignment values and redirection targets expand to exactly one string:
 * no splitting, no patterns.
 */
#ifndef SH_EXPAND_H
#define SH_EXPAND_H

#include <glob.h>
#include "sh_lib.h"
#include "sh_vars.h"

/* The special parameters. */
static int last_status;		/* $?: status of the last command */
static pid_t shell_pid;		/* $$: the shell's pid (also in subshells) */
static pid_t last_bg_pid;	/* $!: the last background job, 0 if none */
static char *arg0 = "sh";	/* $0 */
static char **params;		/* $1, $2, ... */
static int nparams;		/* $# */

struct expander {
	struct strbuf field;	/* the field being built */
	struct strbuf quoted;	/* one byte per field byte: 1 if quoted */
	int started;		/* the field exists even if empty: "" */
	int glob;		/* the field has an unquoted * ? or [ */
	int split;		/* split and glob (command words only) */
	int error;
	struct strvec *out;	/* finished fields */
};

static void ex_addc(struct expander *e, char c, int quoted)
{
	sb_addc(&e->field, c);
	sb_addc(&e->quoted, (char)quoted);
	if (!quoted && (c == '*' || c == '?' || c == '['))
		e->glob = 1;
	e->started = 1;
}

/*
 * Replace a pattern field by the names it matches.  Quoted pattern
 * characters must match literally, so they get a backslash in front.
 */
static void ex_glob(struct expander *e)
{
	struct strbuf pat = { 0 };
	glob_t g;

	for (size_t i = 0; i < e->field.len; i++) {
		char c = e->field.s[i];

		if (e->quoted.s[i] && strchr("*?[]\\", c))
			sb_addc(&pat, '\\');
		sb_addc(&pat, c);
	}
	if (glob(pat.s, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			sv_push(e->out, line_strndup(g.gl_pathv[i],
						     strlen(g.gl_pathv[i])));
		globfree(&g);
	} else {
		sv_push(e->out, line_strndup(e->field.s, e->field.len));
	}
	free(pat.s);
}

/* The field is complete: hand it (or the files it matches) to e->out. */
static void ex_end_field(struct expander *e)
{
	if (!e->started)
		return;
	if (e->split && e->glob)
		ex_glob(e);
	else
		sv_push(e->out, line_strndup(e->field.s, e->field.len));
	sb_clear(&e->field);
	sb_clear(&e->quoted);
	e->started = 0;
	e->glob = 0;
}

static int is_ifs(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Add the value of an expansion; unquoted, blanks in it separate fields. */
static void ex_add_value(struct expander *e, const char *v, int quoted)
{
	for (; *v; v++) {
		if (!quoted && e->split && is_ifs(*v))
			ex_end_field(e);
		else
			ex_addc(e, *v, quoted);
	}
}

static void ex_add_number(struct expander *e, long n, int quoted)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%ld", n);
	ex_add_value(e, buf, quoted);
}

/*
 * $@ and $*: the positional parameters, each its own field, except in "$*"
 * (and where nothing is split) where they are joined by spaces.
 */
static void ex_params(struct expander *e, char which, int quoted)
{
	for (int i = 0; i < nparams; i++) {
		if (i > 0) {
			if ((which == '*' && quoted) || !e->split) {
				ex_addc(e, ' ', quoted);
			} else {
				ex_end_field(e);
				/* "$@": each parameter is a field, even "" */
				e->started = quoted;
			}
		}
		ex_add_value(e, params[i], quoted);
	}
}

/* Expand parameter name: a variable name, digits or one of ?$!#@* */
static void ex_param(struct expander *e, const char *name, int quoted)
{
	const char *v;
	long n;

	switch (name[1] ? 0 : name[0]) {
	case '?':
		ex_add_number(e, last_status, quoted);
		return;
	case '$':
		ex_add_number(e, shell_pid, quoted);
		return;
	case '!':
		if (last_bg_pid)
			ex_add_number(e, last_bg_pid, quoted);
		return;
	case '#':
		ex_add_number(e, nparams, quoted);
		return;
	case '@':
	case '*':
		ex_params(e, name[0], quoted);
		return;
	}
	n = parse_number(name);
	if (n == 0)
		v = arg0;
	else if (n > 0)
		v = n <= nparams ? params[n - 1] : "";
	else
		v = var_get(name);
	if (v)
		ex_add_value(e, v, quoted);
}

/* What may stand between ${ and }: a name, digits, or one of ?$!#@* */
static int valid_param(const char *s, size_t len)
{
	if (len == 0 || len >= 256)
		return 0;
	if (len == 1 && strchr("?$!#@*", s[0]))
		return 1;
	return is_name(s, len) || strspn(s, "0123456789") >= len;
}

/*
 * At s[i] == '$': expand $NAME, ${NAME} or a special parameter and return
 * the index after it.  A $ followed by anything else is a plain '$'.
 */
static size_t ex_dollar(struct expander *e, const char *s, size_t i, int quoted)
{
	char name[256];
	size_t start, len;

	i++;
	if (s[i] == '{') {
		const char *end = strchr(s + i, '}');

		start = i + 1;
		len = end ? (size_t)(end - (s + start)) : strlen(s + start);
		i = end ? (size_t)(end - s) + 1 : start + len;
		if (!end || !valid_param(s + start, len)) {
			/* ${X:-word}, ${#X} and friends are not implemented */
			sh_error("${%.*s}: bad substitution", (int)len,
				 s + start);
			e->error = 1;
			return i;
		}
	} else if (is_name_start((unsigned char)s[i])) {
		start = i;
		while (is_name_char((unsigned char)s[i]))
			i++;
		len = i - start;
		if (len >= sizeof(name))
			len = sizeof(name) - 1;
	} else if (s[i] && strchr("?$!#@*0123456789", s[i])) {
		start = i++;
		len = 1;
	} else {
		ex_addc(e, '$', quoted);
		return i;
	}
	memcpy(name, s + start, len);
	name[len] = '\0';
	ex_param(e, name, quoted);
	return i;
}

/* Inside "...", a backslash quotes only these characters. */
static int dquote_escapable(char c)
{
	return c == '$' || c == '`' || c == '"' || c == '\\';
}

/* One character (or escape, or $ expansion) inside "...". */
static size_t ex_dquoted(struct expander *e, const char *s, size_t i)
{
	if (s[i] == '\\' && dquote_escapable(s[i + 1])) {
		ex_addc(e, s[i + 1], 1);
		return i + 2;
	}
	if (s[i] == '$')
		return ex_dollar(e, s, i, 1);
	ex_addc(e, s[i], 1);
	return i + 1;
}

/* Expand raw word s into e: quotes, backslashes, parameters, tilde. */
static int ex_word(struct expander *e, const char *s)
{
	const char *home = var_get("HOME");
	size_t i = 0;

	if (s[0] == '~' && (s[1] == '/' || !s[1]) && home) {
		ex_add_value(e, home, 1);
		i = 1;
	}
	while (s[i] && !e->error) {
		char c = s[i];

		if (c == '\'') {
			e->started = 1;
			for (i++; s[i] && s[i] != '\''; i++)
				ex_addc(e, s[i], 1);
			i++;
		} else if (c == '"') {
			e->started = 1;
			for (i++; s[i] && s[i] != '"';) {
				i = ex_dquoted(e, s, i);
			}
			i++;
		} else if (c == '\\') {
			ex_addc(e, s[i + 1] ? s[i + 1] : '\\', 1);
			i += s[i + 1] ? 2 : 1;
		} else if (c == '$') {
			i = ex_dollar(e, s, i, 0);
		} else {
			ex_addc(e, c, 0);
			i++;
		}
	}
	return e->error ? -1 : 0;
}

/* Expand a command word into zero or more fields, appended to out. */
static int expand_word(const char *raw, struct strvec *out)
{
	struct expander e = { .split = 1, .out = out };
	int ret;

	/* "$@" with no parameters is no field at all, not one empty field */
	if (!strcmp(raw, "\"$@\"") && nparams == 0)
		return 0;
	ret = ex_word(&e, raw);
	if (ret == 0)
		ex_end_field(&e);
	free(e.field.s);
	free(e.quoted.s);
	return ret;
}

/* Expand a word into exactly one string (in the line arena); NULL on error. */
static char *expand_string(const char *raw)
{
	struct strvec out = { 0 };
	struct expander e = { .split = 0, .out = &out };
	char *s = NULL;

	if (ex_word(&e, raw) == 0)
		s = line_strndup(e.field.s ? e.field.s : "", e.field.len);
	free(e.field.s);
	free(e.quoted.s);
	free(out.v);
	return s;
}

#endif /* SH_EXPAND_H */
