#ifndef KERNEL_KTRACE_H
#define KERNEL_KTRACE_H

/*
 * ktrace: the call path of one system call of one task, function by
 * function, indented by depth.  See kernel/ktrace.c.
 *
 *   prctl(PR_TEACHOS_KTRACE, nr, fd, max_lines, max_depth)
 *	trace the calling task's system call number nr (it survives execve);
 *	after each such call, its lines are written to fd (a file the call
 *	keeps a reference to).  max_lines caps the lines of one call (0: 200,
 *	at most 2000), max_depth the depth shown (0: as deep as the tracer
 *	follows, 63 levels).  -EINVAL for a number with no system call,
 *	-EBADF for fd, -EBUSY while another live task is being traced.
 *   prctl(PR_TEACHOS_KTRACE, KTRACE_OFF, pid, 0, 0)
 *	stop tracing task pid, or whoever is traced if pid is 0.
 */
#include "kernel/types.h"

#define PR_TEACHOS_KTRACE	0x4b545243	/* "KTRC" */
#define KTRACE_OFF		(~0UL)
#define KTRACE_DEFAULT_LINES	200
#define KTRACE_MAX_LINES	2000

/*
 * Functions compiled with -pg -mfentry start with a 5-byte NOP that the
 * tracer patches into a call; notrace keeps one function out (GCC's
 * no_instrument_function covers -pg too).  Whole files are kept out in
 * the Makefile (KTRACE_NOTRACE).
 */
#define notrace	__attribute__((no_instrument_function))

long ktrace_prctl(unsigned long nr, unsigned long fd, unsigned long max_lines,
		  unsigned long max_depth);

#endif
