#ifndef KERNEL_SYSLOG_H
#define KERNEL_SYSLOG_H

/*
 * syslog(2)'s actions, Linux's numbers (include/linux/syslog.h).  glibc
 * and musl call the system call klogctl(); syslog(3) is something else.
 */
#include "kernel/types.h"

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2	/* the unread records; waits for one */
#define SYSLOG_ACTION_READ_ALL		3	/* the newest records that fit */
#define SYSLOG_ACTION_READ_CLEAR	4	/* READ_ALL, then CLEAR */
#define SYSLOG_ACTION_CLEAR		5	/* READ_ALL starts after what is there */
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8	/* len is the new console_loglevel */
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

long sys_syslog(int type, char __user *buf, int len);

#endif
