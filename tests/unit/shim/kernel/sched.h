#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

/*
 * Shim for the host unit tests: replaces kernel/sched.h (run.sh puts
 * tests/unit/shim first on the include path).  kernel/fdtable.c needs
 * only `current->files`; the test decides what current is.
 */
#include "kernel/kernel.h"

struct files_struct;

struct task_struct {
	struct files_struct *files;
};

extern struct task_struct *unit_current;
#define current unit_current

#endif
