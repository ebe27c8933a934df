/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sh_vars.h - shell variables and the environment given to children.
 *
 * Every variable is kept as one "NAME=value" string, the form execve()
 * wants in envp, with a flag saying whether it is exported.  At startup the
 * environment the shell received becomes its variables, all exported; a
 * child gets the exported ones (see var_environ()).
 */
#ifndef SH_VARS_H
#define SH_VARS_H

#include "sh_lib.h"

struct var {
	struct var *next;
	char *entry;		/* "NAME=value", malloc'd */
	size_t namelen;
	int exported;
	int set;		/* 0 after "export X" of an unset X */
};

static struct var *vars;

static int is_name_start(int c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

/* Does s[0..len) form a valid variable name? */
static int is_name(const char *s, size_t len)
{
	if (len == 0 || !is_name_start((unsigned char)s[0]))
		return 0;
	for (size_t i = 1; i < len; i++)
		if (!is_name_char((unsigned char)s[i]))
			return 0;
	return 1;
}

static struct var *var_find(const char *name, size_t len)
{
	for (struct var *v = vars; v; v = v->next)
		if (v->namelen == len && !memcmp(v->entry, name, len))
			return v;
	return NULL;
}

/* The value of NAME, or NULL if it is not set. */
static const char *var_get(const char *name)
{
	struct var *v = var_find(name, strlen(name));

	return v && v->set ? v->entry + v->namelen + 1 : NULL;
}

/*
 * Set name (namelen bytes) to value.  export != 0 marks it exported; a
 * variable that is already exported stays exported (POSIX: "X=2" after
 * "export X" changes what children see).
 */
static void var_setn(const char *name, size_t namelen, const char *value,
		     int export)
{
	struct var *v = var_find(name, namelen);
	size_t vlen = strlen(value);
	char *entry = xmalloc(namelen + vlen + 2);

	memcpy(entry, name, namelen);
	entry[namelen] = '=';
	memcpy(entry + namelen + 1, value, vlen + 1);
	if (!v) {
		struct var **pp = &vars;

		/* append: children get the environment in its order */
		while (*pp)
			pp = &(*pp)->next;
		v = xmalloc(sizeof(*v));
		v->namelen = namelen;
		v->exported = 0;
		v->entry = NULL;
		v->next = NULL;
		*pp = v;
	}
	free(v->entry);
	v->entry = entry;
	v->set = 1;
	if (export)
		v->exported = 1;
}

static void var_set(const char *name, const char *value, int export)
{
	var_setn(name, strlen(name), value, export);
}

/* Set from a "NAME=value" word (the caller has checked the name). */
static void var_assign(const char *assignment, int export)
{
	const char *eq = strchr(assignment, '=');

	var_setn(assignment, (size_t)(eq - assignment), eq + 1, export);
}

/* "export NAME": children get NAME from now on, whenever it is set. */
static void var_export(const char *name)
{
	struct var *v = var_find(name, strlen(name));

	if (!v) {
		var_set(name, "", 1);
		v = var_find(name, strlen(name));
		v->set = 0;
	}
	v->exported = 1;
}

static void var_unset(const char *name)
{
	size_t len = strlen(name);

	for (struct var **pp = &vars; *pp; pp = &(*pp)->next) {
		struct var *v = *pp;

		if (v->namelen == len && !memcmp(v->entry, name, len)) {
			*pp = v->next;
			free(v->entry);
			free(v);
			return;
		}
	}
}

/* Import the environment the shell was started with. */
static void var_import(char **envp)
{
	for (; *envp; envp++) {
		const char *eq = strchr(*envp, '=');

		if (eq && is_name(*envp, (size_t)(eq - *envp)))
			var_assign(*envp, 1);
	}
}

/*
 * The envp for execve: the exported variables.  Called in the child just
 * before execve, so the array is never freed.
 */
static char **var_environ(void)
{
	struct strvec env = { 0 };

	for (struct var *v = vars; v; v = v->next)
		if (v->exported && v->set)
			sv_push(&env, v->entry);
	if (!env.v) {
		env.v = xmalloc(sizeof(char *));
		env.v[0] = NULL;
	}
	return env.v;
}

#endif /* SH_VARS_H */
