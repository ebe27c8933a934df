// SPDX-License-Identifier: GPL-2.0
/*
 * sh - the shell: reads command lines and runs them.
 *
 *     sh                  commands from stdin (prompt "# " on a terminal)
 *     sh FILE [ARGS]      commands from FILE; $0 = FILE, $1... = ARGS
 *     sh -c CMDS [NAME [ARGS]]
 *     options: -i (interactive), -x (trace commands), -e (exit on failure)
 *
 * How a line becomes processes (this file, top to bottom):
 *
 *   run_input()        the main loop: read_command(), run_list(), repeat
 *   read_command()     read(2) a line (never more: a command that reads
 *                      stdin must see the rest) and parse() it, reading
 *                      more lines while the command is incomplete
 *   run_list()         each and-or list, in the background (&) or not
 *   run_andor()        a && b || c: run pipelines depending on $?
 *   run_pipeline()     a lone builtin runs inside the shell (cd must
 *                      change *our* directory); anything else goes to
 *   fork_pipeline()    pipe(), fork() per command; in each child dup2()
 *                      the pipe ends onto 0 and 1, apply_redirs(), then
 *                      exec_command(): execve() along $PATH
 *   wait_foreground()  waitpid() until the job ends (sh_jobs.h)
 *
 * The other parts:
 *
 *   sh_lib.h       messages, the per-line memory arena, growing strings
 *   sh_vars.h      variables and the environment passed to children
 *   sh_parse.h     text -> tokens -> syntax tree
 *   sh_expand.h    $NAME, quotes, ~, field splitting, *.c patterns
 *   sh_jobs.h      jobs, waitpid, signals, process groups, the terminal
 *   sh_builtins.h  cd pwd exit export unset set exec wait jobs fg bg kill :
 *
 * Not supported: if/while/for/case, functions, $(...) and `...`,
 * here-documents, arithmetic, ${X:-word} and the other ${...} operators.
 */
#define _GNU_SOURCE		/* pipe2() with glibc too (musl has it anyway) */
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include "sh_lib.h"
#include "sh_vars.h"
#include "sh_parse.h"
#include "sh_expand.h"
#include "sh_jobs.h"
#include "sh_builtins.h"

#define DEFAULT_PATH	"/bin:/sbin"

extern char **environ;

static void run_list(struct andor *list);
static int run_andor(struct andor *ao);

/* ---- redirections ------------------------------------------------------ */

/*
 * What a redirection of a builtin replaced.  A builtin runs inside the
 * shell, so "pwd >file" must put the shell's own stdout back afterwards.
 * The copy is above 10 and close-on-exec, out of the way of the user's
 * descriptors and of every child.
 */
struct saved_fd {
	struct saved_fd *next;
	int fd;
	int copy;		/* -1: fd was closed */
};

static int save_fd(int fd, struct saved_fd **saved)
{
	struct saved_fd *s = line_alloc(sizeof(*s));

	s->fd = fd;
	s->copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (s->copy < 0 && errno != EBADF) {
		sh_error("%d: %s", fd, strerror(errno));
		return -1;
	}
	s->next = *saved;		/* newest first: undone in reverse */
	*saved = s;
	return 0;
}

static void restore_fds(struct saved_fd *saved)
{
	for (; saved; saved = saved->next) {
		if (saved->copy >= 0) {
			dup2(saved->copy, saved->fd);
			close(saved->copy);
		} else {
			close(saved->fd);
		}
	}
}

/*
 * Move open file fd to descriptor target.  dup2() clears close-on-exec on
 * the new descriptor, as a redirection wants; but when open() returned
 * target itself (target was closed), dup2 does nothing and the flag must
 * be cleared by hand.
 */
static int move_fd(int fd, int target)
{
	int err;

	if (fd == target)
		return fcntl(fd, F_SETFD, 0);
	if (dup2(fd, target) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	close(fd);
	return 0;
}

/* n>&m / n<&m: make n a copy of m; n>&- closes n. */
static int redirect_dup(int fd, const char *target)
{
	long from;

	if (!strcmp(target, "-")) {
		close(fd);
		return 0;
	}
	from = parse_number(target);
	if (from < 0 || from > INT_MAX) {
		sh_error("%s: bad file descriptor number", target);
		return -1;
	}
	if (from == fd ? fcntl(fd, F_GETFD) < 0 : dup2((int)from, fd) < 0) {
		sh_error("%ld: %s", from, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Apply a command's redirections, left to right: "cmd >f 2>&1" sends both
 * to f, "cmd 2>&1 >f" sends stderr where stdout went *before* >f.  With
 * saved, what each one replaces is remembered for restore_fds().
 */
static int apply_redirs(struct redir *r, struct saved_fd **saved)
{
	static const int flags[] = {
		[R_IN] = O_RDONLY,
		[R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
		[R_RDWR] = O_RDWR | O_CREAT,
	};

	for (; r; r = r->next) {
		char *target = expand_string(r->word);
		int fd;

		if (!target)
			return -1;
		if (saved && save_fd(r->fd, saved) < 0)
			return -1;
		if (r->op == R_DUP) {
			if (redirect_dup(r->fd, target) < 0)
				return -1;
			continue;
		}
		fd = open(target, flags[r->op] | O_CLOEXEC, 0666);
		if (fd < 0) {
			sh_error("%s: %s", target, strerror(errno));
			return -1;
		}
		if (move_fd(fd, r->fd) < 0) {
			sh_error("%d: %s", r->fd, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* ---- running a program ------------------------------------------------- */

/*
 * A file the kernel cannot execute (ENOEXEC) is a shell script without a
 * "#!" line, as POSIX says: run /bin/sh on it.  Unless it looks like a
 * binary (a NUL byte in its first line): that is a real format error.
 */
static void exec_script(const char *path, char **argv, char **envp)
{
	char head[128], **args;
	ssize_t n;
	int fd, argc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n < 0 || memchr(head, '\0', (size_t)n))
		return;
	for (argc = 0; argv[argc]; argc++)
		;
	args = xmalloc(((size_t)argc + 2) * sizeof(char *));
	args[0] = "sh";
	args[1] = (char *)path;
	memcpy(args + 2, argv + 1, (size_t)argc * sizeof(char *));
	execve("/bin/sh", args, envp);
	free(args);
}

static void try_exec(const char *path, char **argv, char **envp)
{
	execve(path, argv, envp);
	if (errno == ENOEXEC) {
		exec_script(path, argv, envp);
		errno = ENOEXEC;
	}
}

/*
 * execve() argv[0], searching $PATH when the name has no '/'.  Returns only
 * on failure, with the status to exit with: 127 when there is no such
 * command, 126 when there is one but it cannot be run.
 */
static int exec_command(char **argv, char **envp)
{
	const char *name = argv[0], *path = var_get("PATH"), *end;
	struct strbuf full = { 0 };
	int err = ENOENT;

	if (strchr(name, '/')) {
		try_exec(name, argv, envp);
		err = errno;
	} else if (*name) {
		if (!path)
			path = DEFAULT_PATH;
		for (const char *dir = path;; dir = end + 1) {
			end = strchr(dir, ':');
			if (!end)
				end = dir + strlen(dir);
			sb_clear(&full);
			if (end == dir)
				sb_addc(&full, '.');	/* empty entry: "." */
			else
				sb_addn(&full, dir, (size_t)(end - dir));
			sb_addc(&full, '/');
			sb_adds(&full, name);
			try_exec(full.s, argv, envp);
			/* keep looking after "not here" and "not allowed" */
			if (errno == EACCES) {
				err = EACCES;
			} else if (errno != ENOENT && errno != ENOTDIR) {
				err = errno;
				break;
			}
			if (!*end)
				break;
		}
		free(full.s);
	}
	if (err == ENOENT || err == ENOTDIR) {
		sh_error("%s: not found", name);
		return 127;
	}
	sh_error("%s: %s", name, strerror(err));
	return 126;
}

/* ---- running commands -------------------------------------------------- */

/* A simple command after expansion. */
struct expanded {
	char **argv;		/* command name and arguments */
	char **assigns;		/* NAME=value, value expanded */
};

static int expand_command(struct command *c, struct expanded *x)
{
	struct strvec argv = { 0 }, assigns = { 0 };
	int ret = 0;

	for (char **w = c->words; *w && !ret; w++)
		ret = expand_word(*w, &argv);
	for (char **a = c->assigns; *a && !ret; a++) {
		const char *eq = strchr(*a, '=');
		char *value = expand_string(eq + 1);
		size_t namelen = (size_t)(eq - *a) + 1;
		char *assignment;

		if (!value) {
			ret = -1;
			break;
		}
		assignment = line_alloc(namelen + strlen(value) + 1);
		memcpy(assignment, *a, namelen);
		strcpy(assignment + namelen, value);
		sv_push(&assigns, assignment);
	}
	x->argv = sv_to_line(&argv);
	x->assigns = sv_to_line(&assigns);
	free(argv.v);
	free(assigns.v);
	return ret;
}

/* -x: show the command as it will run, "+ X=1 cmd arg", on stderr. */
static void xtrace(const struct expanded *x)
{
	struct strbuf sb = { 0 };

	sb_addc(&sb, '+');
	for (char **a = x->assigns; *a; a++) {
		sb_addc(&sb, ' ');
		sb_adds(&sb, *a);
	}
	for (char **w = x->argv; *w; w++) {
		sb_addc(&sb, ' ');
		sb_adds(&sb, *w);
	}
	sb_addc(&sb, '\n');
	write_all(2, sb.s, sb.len);
	free(sb.s);
}

/*
 * Run a builtin (or a command of only assignments and redirections) in
 * the shell process itself, undoing its redirections afterwards.
 */
static int run_in_shell(struct command *c, struct expanded *x)
{
	const struct builtin *b = x->argv[0] ? find_builtin(x->argv[0]) : NULL;
	struct saved_fd *saved = NULL;
	int status = 0;

	if (b && b->fn == bi_exec) {
		/* exec: the redirections stay for the rest of the shell */
		if (apply_redirs(c->redirs, NULL) < 0)
			return 2;
		for (char **a = x->assigns; *a; a++)
			var_assign(*a, 1);
		return bi_exec(x->argv);
	}
	if (apply_redirs(c->redirs, &saved) < 0) {
		restore_fds(saved);
		return 2;
	}
	/* assignments set shell variables (and stay set for builtins) */
	for (char **a = x->assigns; *a; a++)
		var_assign(*a, 0);
	if (b)
		status = b->fn(x->argv);
	restore_fds(saved);
	return status;
}

/*
 * In a new child: the bookkeeping that makes it a member of job j rather
 * than a copy of the shell.  Runs before anything else in the child.
 */
static void enter_child(struct job *j, int background, int stdin_null)
{
	int fd;

	if (job_control) {
		pid_t pgid = j->pgid ? j->pgid : getpid();

		setpgid(0, pgid);
		if (!background)
			tcsetpgrp(0, pgid);	/* SIGTTOU still ignored */
	}
	child_signals(background);
	/*
	 * A background command without job control must not steal the
	 * terminal's input: POSIX gives it /dev/null.
	 */
	if (stdin_null && (fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0)
		move_fd(fd, 0);
	/* a child is not the interactive shell and has no jobs of its own */
	interactive = 0;
	job_control = 0;
	jobs = NULL;
}

/*
 * fork() one process of job j.  Parent and child both put the child in
 * the job's process group: whichever runs first, the group exists before
 * the parent hands it the terminal and before the child execs.
 */
static pid_t fork_job(struct job *j, int background, int stdin_null)
{
	pid_t pid = fork();

	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		enter_child(j, background, stdin_null);
		return 0;
	}
	if (job_control) {
		if (!j->pgid)
			j->pgid = pid;	/* the first process leads the group */
		setpgid(pid, j->pgid);	/* EACCES if it already exec'd: fine */
	}
	job_add_proc(j, pid);
	if (!background && j->nprocs == 1)
		give_terminal(j->pgid);
	return pid;
}

/* In a child: run one command of a pipeline.  Never returns. */
static void run_in_child(struct command *c, struct expanded *pre)
{
	const struct builtin *b;
	struct expanded x;

	if (c->subshell) {
		if (apply_redirs(c->redirs, NULL) < 0)
			_exit(2);
		run_list(c->subshell);
		sh_exit(last_status);
	}
	if (pre) {
		x = *pre;		/* the parent expanded it already */
	} else {
		if (expand_command(c, &x) < 0)
			_exit(2);
		if (opt_xtrace)
			xtrace(&x);
	}
	if (apply_redirs(c->redirs, NULL) < 0)
		_exit(2);
	for (char **a = x.assigns; *a; a++)	/* X=1 cmd: only cmd sees X */
		var_assign(*a, 1);
	if (!x.argv[0])
		_exit(0);
	b = find_builtin(x.argv[0]);
	if (b)
		sh_exit(b->fn(x.argv));
	_exit(exec_command(x.argv, var_environ()));
}

/*
 * Start a pipeline: one child per command, each command's stdout connected
 * to the next one's stdin by a pipe.  The parent closes its copies of the
 * pipe ends at once; otherwise the reader would never see end-of-file.
 * All the shell's pipe descriptors are close-on-exec as well, so no child
 * inherits one it does not use.
 */
static int fork_pipeline(struct pipeline *pl, int background,
			 struct expanded *pre)
{
	struct job *j = job_new(pl->ncmds, pl->text);
	int prev_read = -1;	/* read end of the previous pipe */
	pid_t pid = 0;

	for (struct command *c = pl->cmds; c; c = c->next) {
		int pfd[2] = { -1, -1 };

		if (c->next && pipe2(pfd, O_CLOEXEC) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		pid = fork_job(j, background,
			       background && !job_control && c == pl->cmds);
		if (pid == 0) {
			if (prev_read >= 0)
				move_fd(prev_read, 0);
			if (pfd[1] >= 0) {
				close(pfd[0]);
				move_fd(pfd[1], 1);
			}
			run_in_child(c, pre);
		}
		if (prev_read >= 0)
			close(prev_read);
		if (pfd[1] >= 0)
			close(pfd[1]);
		prev_read = pfd[0];
		if (pid < 0)
			break;
	}
	if (prev_read >= 0)
		close(prev_read);
	if (j->nprocs == 0) {
		job_free(j);
		return 2;
	}
	if (background) {
		last_bg_pid = j->procs[j->nprocs - 1].pid;
		if (interactive)
			say(2, "[%d] %d\n", j->id, (int)last_bg_pid);
		return 0;
	}
	return wait_foreground(j);
}

/*
 * Run one pipeline and return its status.  A lone builtin runs in the
 * shell itself; anything else is forked.
 */
static int run_pipeline(struct pipeline *pl, int background)
{
	struct command *c = pl->cmds;
	struct expanded x;

	if (pl->ncmds == 1 && !c->subshell && !background) {
		if (expand_command(c, &x) < 0)
			return 2;
		if (opt_xtrace)
			xtrace(&x);
		if (!x.argv[0] || find_builtin(x.argv[0]))
			return run_in_shell(c, &x);
		return fork_pipeline(pl, 0, &x);
	}
	return fork_pipeline(pl, background, NULL);
}

/*
 * a && b || c: each pipeline runs or is skipped depending on the status
 * of the one before; skipped ones leave $? alone.
 */
static int run_andor(struct andor *ao)
{
	for (struct pipeline *pl = ao->pipelines; pl; pl = pl->next) {
		if ((pl->op == C_AND && last_status != 0) ||
		    (pl->op == C_OR && last_status == 0))
			continue;
		last_status = run_pipeline(pl, 0);
		if (pl->negate)
			last_status = !last_status;
		/* -e ignores failures that && or || or ! are testing */
		if (opt_errexit && last_status && !pl->negate && !pl->next)
			sh_exit(last_status);
	}
	return last_status;
}

/*
 * cmd &: a single pipeline is started as a job and not waited for; a
 * longer and-or list (a && b &) is run by a child shell, which is the job.
 */
static void run_background(struct andor *ao)
{
	struct job *j;
	pid_t pid;

	if (!ao->pipelines->next) {
		run_pipeline(ao->pipelines, 1);
		last_status = 0;
		return;
	}
	j = job_new(1, ao->text);
	pid = fork_job(j, 1, !job_control);
	if (pid == 0)
		sh_exit(run_andor(ao));
	if (pid < 0) {
		job_free(j);
		last_status = 2;
		return;
	}
	last_bg_pid = pid;
	if (interactive)
		say(2, "[%d] %d\n", j->id, (int)pid);
	last_status = 0;
}

static void run_list(struct andor *list)
{
	for (struct andor *ao = list; ao; ao = ao->next) {
		/* reap finished jobs as we go: no zombies in a script */
		if (interactive)
			reap_children();
		else
			notify_jobs();
		if (ao->background)
			run_background(ao);
		else
			run_andor(ao);
	}
}

/* ---- reading input ----------------------------------------------------- */

#define IN_EOF	(-1)
#define IN_INTR	(-2)		/* ^C at the prompt */

struct input {
	int fd;			/* -1: the string of sh -c */
	const char *str;
	size_t chunk;		/* how much to read(2) at a time */
	int give_back;		/* seek back over what was read ahead */
	char buf[4096];
	size_t pos, len;
};

/*
 * Set up reading from fd.  The shell must not read ahead on its stdin:
 * in "sh < script" or "... | sh", a command that reads stdin must get the
 * lines after its own.  A pipe or terminal cannot be pushed back, so it
 * is read one byte at a time; a regular file is read in blocks and the
 * unused part given back with lseek (as bash does).  A script opened by
 * name is the shell's alone and is simply read in blocks.
 */
static void input_init(struct input *in, int fd)
{
	struct stat st;
	int regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);

	in->fd = fd;
	in->pos = in->len = 0;
	in->give_back = fd == 0 && regular;
	in->chunk = fd != 0 || regular ? sizeof(in->buf) : 1;
}

static int in_getc(struct input *in)
{
	ssize_t n;

	if (in->fd < 0)
		return *in->str ? (unsigned char)*in->str++ : IN_EOF;
	while (in->pos == in->len) {
		/*
		 * A ^C that came before read() started would go unnoticed
		 * until the next key, so check first.  (A ^C landing between
		 * this check and read() still is; only pselect() with a
		 * signal mask closes that gap completely.)
		 */
		if (got_sigint)
			return IN_INTR;
		n = read(in->fd, in->buf, in->chunk);
		if (n < 0 && errno == EINTR) {
			if (got_sigint)
				return IN_INTR;
			continue;
		}
		if (n < 0)
			sh_error("read: %s", strerror(errno));
		if (n <= 0)
			return IN_EOF;
		in->pos = 0;
		in->len = (size_t)n;
	}
	return (unsigned char)in->buf[in->pos++];
}

/* Give back what was read past the current line (see input_init). */
static void in_sync(struct input *in)
{
	if (in->give_back && in->pos < in->len)
		lseek(in->fd, -(off_t)(in->len - in->pos), SEEK_CUR);
	if (in->give_back)
		in->pos = in->len = 0;
}

/*
 * Append one line, with its newline, to line.  Returns 1, or IN_EOF if
 * the input ended before any character, or IN_INTR.
 */
static int read_line(struct input *in, struct strbuf *line)
{
	size_t start = line->len;

	for (;;) {
		int c = in_getc(in);

		if (c == IN_INTR)
			return IN_INTR;
		if (c == IN_EOF)
			return line->len > start ? 1 : IN_EOF;
		if (c == '\0')
			continue;	/* cannot be in a C string: ignore */
		sb_addc(line, (char)c);
		if (c == '\n')
			return 1;
	}
}

static void prompt(const char *var, const char *dflt)
{
	const char *p = var_get(var);

	say(2, "%s", p ? p : dflt);
}

/*
 * Read a complete command: one line, and more while the parser says the
 * command goes on (open quote, trailing |, ...).  Returns PARSE_OK with
 * *list, PARSE_ERROR, or IN_EOF / IN_INTR.
 */
static int read_command(struct input *in, struct strbuf *text,
			struct andor **list)
{
	const char *eof_msg;
	int r, st;

	sb_clear(text);
	if (interactive)
		prompt("PS1", "# ");
	r = read_line(in, text);
	if (r != 1)
		return r;
	while ((st = parse(text->s, list, &eof_msg)) == PARSE_INCOMPLETE) {
		if (interactive)
			prompt("PS2", "> ");
		r = read_line(in, text);
		if (r == IN_INTR)
			return r;
		if (r == IN_EOF) {
			sh_error("syntax error: %s", eof_msg);
			return PARSE_ERROR;
		}
	}
	return st;
}

/* The main loop: read a command, run it, until the input ends. */
static void run_input(struct input *in)
{
	struct strbuf text = { 0 };

	for (;;) {
		struct andor *list = NULL;
		int r;

		notify_jobs();
		got_sigint = 0;
		r = read_command(in, &text, &list);
		in_sync(in);
		if (r == IN_EOF)
			break;
		if (r == IN_INTR) {
			say(2, "\n");	/* ^C: drop the line, new prompt */
			last_status = 130;
		} else if (r == PARSE_ERROR) {
			last_status = 2;
			if (!interactive)
				sh_exit(2);
		} else {
			run_list(list);
		}
		line_free_all();
	}
	if (interactive)
		say(2, "\n");		/* ^D: end the prompt's line */
	free(text.s);
}

/* $PWD from the environment if it is right, else from getcwd(). */
static void init_pwd(void)
{
	char *cwd;

	if (pwd_is_valid(var_get("PWD")))
		return;
	cwd = getcwd(NULL, 0);
	if (cwd)
		var_set("PWD", cwd, 1);
	free(cwd);
}

static int usage(void)
{
	say(2, "usage: sh [-iex] [-c COMMANDS [NAME [ARGS]] | FILE [ARGS]]\n");
	return 2;
}

/* Options -c -i -x -e, possibly grouped (-xc).  Returns the index after. */
static int parse_options(int argc, char **argv, int *opt_c, int *opt_i)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--"))
			return i + 1;
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'c') {
				*opt_c = 1;
			} else if (*o == 'i') {
				*opt_i = 1;
			} else if (*o == 'x') {
				opt_xtrace = 1;
			} else if (*o == 'e') {
				opt_errexit = 1;
			} else {
				sh_error("-%c: unknown option", *o);
				return -1;
			}
		}
	}
	return i;
}

/*
 * Open a script to read commands from.  Its descriptor is moved above 9,
 * out of the way of the user's redirections (3>file), and is
 * close-on-exec: no command needs it.
 */
static int open_script(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), high;

	if (fd < 0) {
		sh_error("%s: %s", path, strerror(errno));
		return -1;
	}
	high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (high < 0)
		sh_error("%s: %s", path, strerror(errno));
	close(fd);
	return high;
}

int main(int argc, char **argv)
{
	struct input in = { .fd = -1 };
	int i, opt_c = 0, opt_i = 0;

	shell_pid = getpid();
	arg0 = argv[0] ? argv[0] : "sh";
	var_import(environ);
	init_pwd();
	i = parse_options(argc, argv, &opt_c, &opt_i);
	if (i < 0 || (opt_c && i >= argc))
		return usage();
	if (opt_c) {
		in.str = argv[i++];		/* sh -c CMDS [NAME [ARGS]] */
		if (i < argc)
			arg0 = argv[i++];
	} else if (i < argc) {
		int fd = open_script(argv[i]);	/* sh FILE [ARGS] */

		if (fd < 0)
			return 127;
		input_init(&in, fd);
		arg0 = argv[i++];
	} else {
		input_init(&in, 0);		/* sh: stdin */
		interactive = isatty(0) && isatty(2);
	}
	interactive |= opt_i;
	params = argv + i;
	nparams = argc - i;
	if (interactive)
		init_job_control();
	run_input(&in);
	sh_exit(last_status);
}
