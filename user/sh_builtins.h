/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sh_builtins.h - the commands the shell runs itself.
 *
 * A builtin is a function, not a program: cd must change the directory of
 * the shell itself, exit must end the shell, export must change the
 * variables that later children inherit; none of that could be done by a
 * child process.  A lone builtin runs in the shell (run_in_shell() in
 * sh.c); in a pipeline or in the background it runs in a forked child like
 * any command.
 *
 *   :  cd [DIR|-]  pwd [-P]  exit [N]  export [NAME[=VALUE]...]
 *   unset NAME...  set [-ex] [+ex] [--] [ARGS]  exec [CMD [ARGS]]
 *   wait [PID|%N...]  jobs  fg [%N]  bg [%N]  kill [-SIG] PID|%N...
 *
 * echo, true, false and the like are ordinary programs in /bin.
 */
#ifndef SH_BUILTINS_H
#define SH_BUILTINS_H

#include <sys/stat.h>
#include "sh_lib.h"
#include "sh_vars.h"
#include "sh_expand.h"
#include "sh_jobs.h"

static int opt_xtrace;		/* -x: print each command before running it */
static int opt_errexit;		/* -e: exit when a command fails */

/* In sh.c: execve with a $PATH search; returns 126 or 127 on failure. */
static int exec_command(char **argv, char **envp);

/* Print NAME='value' with the value quoted so the shell can read it back. */
static void print_var(const char *prefix, const struct var *v)
{
	struct strbuf sb = { 0 };

	sb_adds(&sb, prefix);
	sb_addn(&sb, v->entry, v->namelen);
	if (v->set) {
		sb_adds(&sb, "='");
		for (const char *c = v->entry + v->namelen + 1; *c; c++) {
			if (*c == '\'')
				sb_adds(&sb, "'\\''");
			else
				sb_addc(&sb, *c);
		}
		sb_addc(&sb, '\'');
	}
	sb_addc(&sb, '\n');
	write_all(1, sb.s, sb.len);
	free(sb.s);
}

static int bi_colon(char **argv)
{
	(void)argv;
	return 0;
}

/*
 * Make an absolute path canonical, in place: no "." or ".." components,
 * no repeated '/'.  ".." removes the previous component as text, which is
 * what "cd .." after "cd some/symlink" expects.
 */
static void canonicalize(char *path)
{
	char *out = path, *p = path;

	while (*p) {
		char *seg;
		size_t len;

		while (*p == '/')
			p++;
		seg = p;
		while (*p && *p != '/')
			p++;
		len = (size_t)(p - seg);
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (out > path && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		memmove(out, seg, len);
		out += len;
	}
	if (out == path)
		*out++ = '/';
	*out = '\0';
}

/* Is pwd a canonical absolute name of the current directory? */
static int pwd_is_valid(const char *pwd)
{
	struct stat a, b;
	char *copy;
	int canonical;

	if (!pwd || pwd[0] != '/')
		return 0;
	copy = xstrdup(pwd);
	canonicalize(copy);
	canonical = !strcmp(copy, pwd);
	free(copy);
	return canonical && stat(pwd, &a) == 0 && stat(".", &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/*
 * cd [DIR | -]: like other shells, follow the path as typed (logical),
 * and fall back to the kernel's view (getcwd) when that does not work.
 */
static int bi_cd(char **argv)
{
	const char *dir = argv[1], *pwd = var_get("PWD");
	struct strbuf path = { 0 };
	char *cwd = NULL, *old;
	int print = 0;

	if (!dir) {
		dir = var_get("HOME");
		if (!dir) {
			sh_error("cd: HOME not set");
			return 2;
		}
	} else if (!strcmp(dir, "-")) {
		dir = var_get("OLDPWD");
		if (!dir) {
			sh_error("cd: OLDPWD not set");
			return 2;
		}
		print = 1;
	}
	if (dir[0] == '/') {
		sb_adds(&path, dir);
	} else if (pwd_is_valid(pwd)) {
		sb_adds(&path, pwd);
		sb_addc(&path, '/');
		sb_adds(&path, dir);
	}
	if (path.len)
		canonicalize(path.s);
	if (!path.len || chdir(path.s) < 0) {
		if (chdir(dir) < 0) {
			sh_error("cd: %s: %s", dir, strerror(errno));
			free(path.s);
			return 2;
		}
		cwd = getcwd(NULL, 0);
	}
	old = xstrdup(pwd ? pwd : "");
	var_set("OLDPWD", old, 0);
	var_set("PWD", cwd ? cwd : path.s, 0);
	if (print)
		say(1, "%s\n", var_get("PWD"));
	free(old);
	free(cwd);
	free(path.s);
	return 0;
}

static int bi_pwd(char **argv)
{
	const char *pwd = var_get("PWD");
	char *cwd;

	if ((!argv[1] || strcmp(argv[1], "-P")) && pwd_is_valid(pwd)) {
		say(1, "%s\n", pwd);
		return 0;
	}
	cwd = getcwd(NULL, 0);
	if (!cwd) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	say(1, "%s\n", cwd);
	free(cwd);
	return 0;
}

static int bi_exit(char **argv)
{
	long n = last_status;

	if (argv[1]) {
		n = parse_number(argv[1]);
		if (n < 0) {
			sh_error("exit: %s: numeric argument required",
				 argv[1]);
			n = 2;
		}
	}
	sh_exit((int)n);
	return 0;
}

static int bi_export(char **argv)
{
	int status = 0;

	if (!argv[1] || (!strcmp(argv[1], "-p") && !argv[2])) {
		for (struct var *v = vars; v; v = v->next)
			if (v->exported)
				print_var("export ", v);
		return 0;
	}
	for (int i = 1; argv[i]; i++) {
		const char *eq = strchr(argv[i], '=');
		size_t len = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);

		if (!is_name(argv[i], len)) {
			sh_error("export: %s: bad variable name", argv[i]);
			status = 2;
		} else if (eq) {
			var_assign(argv[i], 1);
		} else {
			var_export(argv[i]);
		}
	}
	return status;
}

static int bi_unset(char **argv)
{
	for (int i = 1; argv[i]; i++)
		if (strcmp(argv[i], "-v"))
			var_unset(argv[i]);
	return 0;
}

/* Replace $1, $2, ... (set -- a b c). */
static void set_params(char **list)
{
	static int owned;	/* params is ours to free (not main's argv) */
	int n = 0;

	while (list[n])
		n++;
	if (owned) {
		for (int i = 0; i < nparams; i++)
			free(params[i]);
		free(params);
	}
	params = xmalloc(((size_t)n + 1) * sizeof(char *));
	for (int i = 0; i < n; i++)
		params[i] = xstrdup(list[i]);
	params[n] = NULL;
	nparams = n;
	owned = 1;
}

/* set [-ex] [+ex] [--] [ARGS]: options and positional parameters. */
static int bi_set(char **argv)
{
	int i;

	if (!argv[1]) {
		for (struct var *v = vars; v; v = v->next)
			if (v->set)
				print_var("", v);
		return 0;
	}
	for (i = 1; argv[i] && (argv[i][0] == '-' || argv[i][0] == '+'); i++) {
		int on = argv[i][0] == '-';

		if (!strcmp(argv[i], "--")) {
			set_params(argv + i + 1);
			return 0;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'x') {
				opt_xtrace = on;
			} else if (*o == 'e') {
				opt_errexit = on;
			} else {
				sh_error("set: %c%c: unsupported option",
					 argv[i][0], *o);
				return 2;
			}
		}
	}
	if (argv[i])
		set_params(argv + i);
	return 0;
}

/* "%N", "N" or nothing (the current job: the newest). */
static struct job *find_job(const char *name, const char *spec)
{
	long id;

	if (!spec || !strcmp(spec, "%%") || !strcmp(spec, "%+")) {
		if (!jobs)
			sh_error("%s: no current job", name);
		return jobs;
	}
	id = parse_number(spec[0] == '%' ? spec + 1 : spec);
	for (struct job *j = jobs; j; j = j->next)
		if (j->id == id)
			return j;
	sh_error("%s: %s: no such job", name, spec);
	return NULL;
}

/* Make j the current job, as the head of the list. */
static void make_current(struct job *j)
{
	struct job **pp = &jobs;

	while (*pp != j)
		pp = &(*pp)->next;
	*pp = j->next;
	j->next = jobs;
	jobs = j;
}

/*
 * Send sig to every process of a job: to its process group with job
 * control, else to each process that is still running.
 */
static int signal_job(struct job *j, int sig)
{
	if (j->pgid)
		return kill(-j->pgid, sig);
	for (int i = 0; i < j->nprocs; i++) {
		if (j->procs[i].state == P_DONE)
			continue;
		if (kill(j->procs[i].pid, sig) < 0)
			return -1;
	}
	return 0;
}

/* Let a stopped job run again. */
static int continue_job(struct job *j)
{
	if (signal_job(j, SIGCONT) < 0) {
		sh_error("kill: %s", strerror(errno));
		return -1;
	}
	for (int i = 0; i < j->nprocs; i++)
		if (j->procs[i].state == P_STOPPED)
			j->procs[i].state = P_RUNNING;
	j->reported = 0;
	return 0;
}

/* fg [%N]: continue a job in the foreground and wait for it. */
static int bi_fg(char **argv)
{
	struct job *j;

	if (!job_control) {
		sh_error("fg: no job control");
		return 2;
	}
	j = find_job("fg", argv[1]);
	if (!j)
		return 2;
	make_current(j);
	say(1, "%s\n", j->text);
	give_terminal(j->pgid);
	if (continue_job(j) < 0) {
		give_terminal(shell_pgid);
		return 2;
	}
	return wait_foreground(j);
}

/* bg [%N]: continue a stopped job in the background. */
static int bi_bg(char **argv)
{
	struct job *j;

	if (!job_control) {
		sh_error("bg: no job control");
		return 2;
	}
	j = find_job("bg", argv[1]);
	if (!j || continue_job(j) < 0)
		return 2;
	say(1, "[%d] %s &\n", j->id, j->text);
	return 0;
}

static int bi_jobs(char **argv)
{
	int max = 0;

	(void)argv;
	reap_children();
	for (struct job *j = jobs; j; j = j->next)
		max = j->id > max ? j->id : max;
	for (int id = 1; id <= max; id++)
		for (struct job *j = jobs; j; j = j->next)
			if (j->id == id)
				print_job(1, j);
	/* finished jobs have now been reported */
	for (struct job *j = jobs, *next; j; j = next) {
		next = j->next;
		if (job_state(j) == P_DONE)
			job_free(j);
	}
	return 0;
}

#define NSIGNAMES	(sizeof(signal_names) / sizeof(signal_names[0]))

static const struct {
	const char *name;
	int sig;
} signal_names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ABRT", SIGABRT }, { "KILL", SIGKILL }, { "USR1", SIGUSR1 },
	{ "SEGV", SIGSEGV }, { "USR2", SIGUSR2 }, { "PIPE", SIGPIPE },
	{ "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
	{ "TTIN", SIGTTIN }, { "TTOU", SIGTTOU },
};

/* "9", "KILL" or "SIGKILL" -> 9; -1 if unknown. */
static int signal_number(const char *s)
{
	long n;

	if (!s)
		return -1;
	n = parse_number(s);
	if (n >= 0)
		return n < 65 ? (int)n : -1;
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < NSIGNAMES; i++)
		if (!strcmp(s, signal_names[i].name))
			return signal_names[i].sig;
	return -1;
}

/*
 * kill [-SIG | -s SIG] PID|%N ...: a builtin, so that jobs can be named
 * by number.  A stopped job also gets SIGCONT, or it could not die.
 */
static int bi_kill(char **argv)
{
	int sig = SIGTERM, i = 1, status = 0;

	if (argv[1] && !strcmp(argv[1], "-l")) {
		for (size_t k = 0; k < NSIGNAMES; k++)
			say(1, "%d %s\n", signal_names[k].sig,
			    signal_names[k].name);
		return 0;
	}
	if (argv[1] && argv[1][0] == '-' && strcmp(argv[1], "--")) {
		int has_s = !strcmp(argv[1], "-s");

		sig = signal_number(has_s ? argv[2] : argv[1] + 1);
		i = has_s ? 3 : 2;
		if (sig < 0) {
			sh_error("kill: %s: unknown signal", argv[i - 1]);
			return 2;
		}
	}
	if (argv[i] && !strcmp(argv[i], "--"))
		i++;
	if (!argv[i]) {
		sh_error("usage: kill [-SIGNAL | -s SIGNAL] PID|%%JOB ...");
		return 2;
	}
	for (; argv[i]; i++) {
		const char *arg = argv[i];
		struct job *j = NULL;
		long pid = 0;
		int ret;

		if (arg[0] == '%') {
			j = find_job("kill", arg);
			if (!j) {
				status = 1;
				continue;
			}
		} else {
			pid = parse_number(arg[0] == '-' ? arg + 1 : arg);
			if (pid < 0) {
				sh_error("kill: %s: not a pid or %%job", arg);
				status = 1;
				continue;
			}
			if (arg[0] == '-')
				pid = -pid;	/* a process group */
		}
		ret = j ? signal_job(j, sig) : kill((pid_t)pid, sig);
		if (ret < 0) {
			sh_error("kill: %s: %s", arg, strerror(errno));
			status = 1;
		} else if (j && job_state(j) == P_STOPPED && sig != SIGCONT) {
			signal_job(j, SIGCONT);
		}
	}
	return status;
}

/* wait for one process (a pid or %N) and return its status. */
static int wait_one(const char *spec)
{
	struct job *j = NULL;
	struct proc *p = NULL;
	long pid;
	int status;

	if (spec[0] == '%') {
		j = find_job("wait", spec);
		if (!j)
			return 127;
		p = &j->procs[j->nprocs - 1];
	} else if ((pid = parse_number(spec)) > 0 &&
		   (j = job_by_pid((pid_t)pid))) {
		for (int i = 0; i < j->nprocs; i++)
			if (j->procs[i].pid == pid)
				p = &j->procs[i];
	} else {
		sh_error("wait: pid %s is not a child of this shell", spec);
		return 127;
	}
	while (p->state == P_RUNNING) {
		if (wait_child(-1, 1) < 0) {
			if (got_sigint)
				return 130;
			p->state = P_DONE;	/* vanished: nothing to wait */
		}
	}
	status = status_of(p->wstatus);
	if (job_state(j) == P_DONE)
		job_free(j);
	return status;
}

/*
 * wait [PID|%N ...]: without arguments, wait for every background job
 * and return 0; ^C interrupts it (status 130).
 */
static int bi_wait(char **argv)
{
	int status = 0;

	got_sigint = 0;
	if (argv[1]) {
		for (int i = 1; argv[i]; i++)
			status = wait_one(argv[i]);
		return status;
	}
	for (;;) {
		struct job *j = jobs;

		while (j && job_state(j) != P_RUNNING)
			j = j->next;
		if (!j)
			break;
		if (wait_child(-1, 1) < 0) {
			if (got_sigint)
				return 130;
			break;
		}
	}
	for (struct job *j = jobs, *next; j; j = next) {
		next = j->next;
		if (job_state(j) == P_DONE)
			job_free(j);
	}
	return 0;
}

/*
 * exec CMD: become CMD, no fork.  If that fails, a script ends with
 * 126/127, an interactive shell carries on.  (exec with redirections only
 * is handled by run_in_shell: they stay applied.)
 */
static int bi_exec(char **argv)
{
	int status;

	if (!argv[1])
		return 0;
	child_signals(0);	/* the new program starts with the defaults */
	status = exec_command(argv + 1, var_environ());
	if (!interactive)
		sh_exit(status);
	shell_signals();
	return status;
}

struct builtin {
	const char *name;
	int (*fn)(char **argv);
};

static const struct builtin builtins[] = {
	{ ":", bi_colon }, { "bg", bi_bg }, { "cd", bi_cd },
	{ "exec", bi_exec }, { "exit", bi_exit }, { "export", bi_export },
	{ "fg", bi_fg }, { "jobs", bi_jobs }, { "kill", bi_kill },
	{ "pwd", bi_pwd },
	{ "set", bi_set }, { "unset", bi_unset }, { "wait", bi_wait },
};

static const struct builtin *find_builtin(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (!strcmp(builtins[i].name, name))
			return &builtins[i];
	return NULL;
}

#endif /* SH_BUILTINS_H */
