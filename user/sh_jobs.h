/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sh_jobs.h - jobs, waiting for children, signals and the terminal.
 *
 * Every pipeline the shell starts is a job: the processes of the pipeline,
 * and (with job control) the process group they share.  A foreground job
 * is waited for at once; a background job ("cmd &") keeps running, and the
 * shell collects it later with waitpid(WNOHANG) before each prompt, so no
 * zombie is left behind.
 *
 * Job control, in an interactive shell on a terminal:
 *
 *  - each job gets its own process group (setpgid, called by both the
 *    parent and the child, since either may run first);
 *  - the foreground job's group gets the terminal (tcsetpgrp), so the
 *    keys ^C and ^Z send SIGINT and SIGTSTP to that job only; the shell
 *    takes the terminal back when the job ends or stops;
 *  - the shell itself ignores SIGQUIT, SIGTSTP, SIGTTIN and SIGTTOU, and
 *    catches SIGINT only to abandon the line being typed.  Children set
 *    them back to SIG_DFL before execve.
 *
 * If the kernel does not have these calls yet (ENOSYS) or the terminal
 * does not support them, the shell says so once and runs without job
 * control: every child stays in the shell's process group.
 */
#ifndef SH_JOBS_H
#define SH_JOBS_H

#include <signal.h>
#include <sys/wait.h>
#include "sh_lib.h"
#include "sh_expand.h"

static int interactive;		/* prompts, job messages, ^C handling */
static int job_control;		/* process groups and the terminal */
static pid_t shell_pgid;	/* our process group */
static pid_t orig_fg_pgid;	/* the terminal's group when we started */

enum proc_state { P_RUNNING, P_STOPPED, P_DONE };

struct proc {
	pid_t pid;
	int wstatus;		/* from waitpid, once P_DONE */
	enum proc_state state;
};

struct job {
	struct job *next;	/* newest first: the head is the current job */
	int id;			/* the N of [N] */
	pid_t pgid;		/* 0 without job control */
	int nprocs;
	struct proc *procs;	/* in pipeline order; the last one's status
				 * is the job's */
	int reported;		/* its Stopped message has been printed */
	char *text;		/* the command line, for messages */
};

static struct job *jobs;

static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

/*
 * Install a signal disposition.  No SA_RESTART: a ^C at the prompt must
 * interrupt the read(2) of the line with EINTR.
 */
static int set_signal(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	return sigaction(sig, &sa, NULL);
}

static const int job_signals[] = { SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU };

/* The interactive shell must survive ^C, ^\ and ^Z meant for its jobs. */
static void shell_signals(void)
{
	if (set_signal(SIGINT, on_sigint) < 0)
		return;			/* no signals in this kernel yet */
	for (size_t i = 0; i < sizeof(job_signals) / sizeof(int); i++)
		set_signal(job_signals[i], SIG_IGN);
}

/*
 * In a child, before execve.  Ignored signals stay ignored across execve,
 * so what the interactive shell ignores must be put back.  A background
 * job without job control shares the terminal's process group: POSIX has
 * it ignore ^C and ^\ so they reach only the foreground.
 */
static void child_signals(int background)
{
	if (interactive) {
		set_signal(SIGINT, SIG_DFL);
		for (size_t i = 0; i < sizeof(job_signals) / sizeof(int); i++)
			set_signal(job_signals[i], SIG_DFL);
	}
	if (background && !job_control) {
		set_signal(SIGINT, SIG_IGN);
		set_signal(SIGQUIT, SIG_IGN);
	}
}

/* Hand the terminal to a process group.  Failure only costs job control. */
static void give_terminal(pid_t pgid)
{
	if (job_control && tcsetpgrp(0, pgid) < 0 && errno != ENOTTY)
		sh_error("tcsetpgrp: %s", strerror(errno));
}

/*
 * Set up job control for an interactive shell: wait until we are in the
 * foreground, ignore the job control signals, make our own process group
 * and take the terminal.
 */
static void init_job_control(void)
{
	const char *failed = NULL;
	int err = 0, tries = 0;
	pid_t fg;

	/* started in the background: stop until someone runs "fg" */
	while ((fg = tcgetpgrp(0)) >= 0 && fg != getpgrp()) {
		if (++tries > 20 || kill(-getpgrp(), SIGTTIN) < 0) {
			failed = "not in the foreground";
			err = errno;
			break;
		}
	}
	if (fg < 0) {
		failed = "tcgetpgrp";
		err = errno;
	}
	shell_signals();
	orig_fg_pgid = fg;
	shell_pgid = getpid();
	if (!failed && getpgrp() != shell_pgid && setpgid(0, shell_pgid) < 0) {
		failed = "setpgid";
		err = errno;
	}
	if (!failed && tcsetpgrp(0, shell_pgid) < 0) {
		failed = "tcsetpgrp";
		err = errno;
	}
	if (failed) {
		sh_error("job control turned off (%s: %s)", failed,
			 strerror(err));
		shell_pgid = getpgrp();
		return;
	}
	job_control = 1;
}

/* Give the terminal back to whoever had it before us. */
static void exit_job_control(void)
{
	if (job_control && orig_fg_pgid > 0 && orig_fg_pgid != shell_pgid)
		tcsetpgrp(0, orig_fg_pgid);
}

/* Leave the shell, giving the terminal back to whoever had it. */
static void __attribute__((noreturn)) sh_exit(int status)
{
	exit_job_control();
	_exit(status & 255);
}

/* What $? becomes for a waitpid status: a signal N gives 128 + N. */
static int status_of(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	if (WIFSTOPPED(wstatus))
		return 128 + WSTOPSIG(wstatus);
	return 1;
}

static struct job *job_new(int nprocs, const char *text)
{
	struct job *j = xmalloc(sizeof(*j));
	int id = 1;

	/* the lowest free job number */
	for (;;) {
		struct job *o = jobs;

		while (o && o->id != id)
			o = o->next;
		if (!o)
			break;
		id++;
	}
	memset(j, 0, sizeof(*j));
	j->id = id;
	j->procs = xmalloc((size_t)nprocs * sizeof(struct proc));
	j->text = xstrdup(text);
	j->next = jobs;
	jobs = j;
	return j;
}

static void job_add_proc(struct job *j, pid_t pid)
{
	j->procs[j->nprocs].pid = pid;
	j->procs[j->nprocs].state = P_RUNNING;
	j->procs[j->nprocs].wstatus = 0;
	j->nprocs++;
}

static void job_free(struct job *j)
{
	for (struct job **pp = &jobs; *pp; pp = &(*pp)->next) {
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	}
	free(j->procs);
	free(j->text);
	free(j);
}

/* Done when every process is done; stopped when none runs but some stopped. */
static enum proc_state job_state(const struct job *j)
{
	int stopped = 0;

	for (int i = 0; i < j->nprocs; i++) {
		if (j->procs[i].state == P_RUNNING)
			return P_RUNNING;
		if (j->procs[i].state == P_STOPPED)
			stopped = 1;
	}
	return stopped ? P_STOPPED : P_DONE;
}

static struct job *job_by_pid(pid_t pid)
{
	for (struct job *j = jobs; j; j = j->next)
		for (int i = 0; i < j->nprocs; i++)
			if (j->procs[i].pid == pid)
				return j;
	return NULL;
}

/* Record what waitpid said about pid. */
static void note_child(pid_t pid, int wstatus)
{
	struct job *j = job_by_pid(pid);

	if (!j)
		return;			/* not ours to track */
	for (int i = 0; i < j->nprocs; i++) {
		struct proc *p = &j->procs[i];

		if (p->pid != pid)
			continue;
		if (WIFSTOPPED(wstatus)) {
			p->state = P_STOPPED;
			p->wstatus = wstatus;
			j->reported = 0;
		} else if (WIFCONTINUED(wstatus)) {
			p->state = P_RUNNING;
		} else {
			p->state = P_DONE;
			p->wstatus = wstatus;
		}
	}
}

/* Collect every child that has changed state, without blocking. */
static void reap_children(void)
{
	int flags = WNOHANG | (job_control ? WUNTRACED : 0);
	int wstatus;
	pid_t pid;

	while ((pid = waitpid(-1, &wstatus, flags)) > 0)
		note_child(pid, wstatus);
}

/*
 * Block until pid (or, for -1, any child) changes state.  Returns 0, or
 * -1 if there is nothing to wait for or a ^C interrupted the `wait`
 * builtin (stop_on_sigint).
 */
static int wait_child(pid_t pid, int stop_on_sigint)
{
	int wstatus;
	pid_t got;

	for (;;) {
		got = waitpid(pid, &wstatus, job_control ? WUNTRACED : 0);
		if (got > 0) {
			note_child(got, wstatus);
			return 0;
		}
		if (errno != EINTR || (stop_on_sigint && got_sigint))
			return -1;
	}
}

/* The status of a finished or stopped job: that of its last process. */
static int job_status(const struct job *j)
{
	return status_of(j->procs[j->nprocs - 1].wstatus);
}

static void print_job(int fd, const struct job *j)
{
	const struct proc *last = &j->procs[j->nprocs - 1];
	char what[64];

	switch (job_state(j)) {
	case P_RUNNING:
		snprintf(what, sizeof(what), "Running");
		break;
	case P_STOPPED:
		snprintf(what, sizeof(what), "Stopped");
		break;
	case P_DONE:
		if (WIFSIGNALED(last->wstatus))
			snprintf(what, sizeof(what), "%s",
				 strsignal(WTERMSIG(last->wstatus)));
		else if (WEXITSTATUS(last->wstatus))
			snprintf(what, sizeof(what), "Exit %d",
				 WEXITSTATUS(last->wstatus));
		else
			snprintf(what, sizeof(what), "Done");
		break;
	}
	say(fd, "[%d]%c %-24s %s\n", j->id, j == jobs ? '+' : ' ', what,
	    j->text);
}

/*
 * Like Linux shells, say when a foreground job died of a signal, except
 * for ^C (just a newline, so the prompt starts on a fresh line) and a
 * broken pipe (normal at the head of "... | head").
 */
static void report_signal(int wstatus)
{
	int sig;

	if (!WIFSIGNALED(wstatus))
		return;
	sig = WTERMSIG(wstatus);
	if (sig == SIGINT) {
		if (interactive)
			say(2, "\n");
	} else if (sig != SIGPIPE) {
		say(2, "%s%s\n", strsignal(sig),
		    WCOREDUMP(wstatus) ? " (core dumped)" : "");
	}
}

/*
 * Wait for a foreground job to finish or stop, take the terminal back
 * and return its status.  A finished job is forgotten; a stopped one
 * stays in the table for fg and bg.
 */
static int wait_foreground(struct job *j)
{
	int status;

	while (job_state(j) == P_RUNNING) {
		if (wait_child(-1, 0) < 0) {
			/* ECHILD: someone else reaped them; stop waiting */
			for (int i = 0; i < j->nprocs; i++)
				j->procs[i].state = P_DONE;
		}
	}
	give_terminal(shell_pgid);
	status = job_status(j);
	if (job_state(j) == P_STOPPED) {
		say(2, "\n");
		print_job(2, j);
		j->reported = 1;
		return status;
	}
	report_signal(j->procs[j->nprocs - 1].wstatus);
	job_free(j);
	return status;
}

/*
 * Before each prompt (and each command of a script): reap finished
 * background jobs and, when interactive, say which ended.  A script keeps
 * the status of its last background job ($!) for a later "wait $!".
 */
static void notify_jobs(void)
{
	struct job *j, *next;

	reap_children();
	for (j = jobs; j; j = next) {
		next = j->next;
		switch (job_state(j)) {
		case P_DONE:
			if (interactive)
				print_job(2, j);
			if (interactive ||
			    j->procs[j->nprocs - 1].pid != last_bg_pid)
				job_free(j);
			break;
		case P_STOPPED:
			if (interactive && !j->reported)
				print_job(2, j);
			j->reported = 1;
			break;
		case P_RUNNING:
			break;
		}
	}
}

#endif /* SH_JOBS_H */
