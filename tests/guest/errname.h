/* SPDX-License-Identifier: GPL-2.0 */
/*
 * errname.h - errno names and result lines for the guest test programs.
 *
 * The programs print errno values by name from this table, never with
 * strerror(): its text differs between C libraries, and the tests compare
 * the output inside the kernel with the output of the same binary on the
 * Linux host.  Anything not in the table prints as "E?<number>".
 */
#ifndef GUEST_ERRNAME_H
#define GUEST_ERRNAME_H

#include <errno.h>
#include <stdio.h>

static inline const char *errname(int e)
{
	static char other[16];

	switch (e) {
	case EPERM:		return "EPERM";
	case ENOENT:		return "ENOENT";
	case ESRCH:		return "ESRCH";
	case EINTR:		return "EINTR";
	case EIO:		return "EIO";
	case ENXIO:		return "ENXIO";
	case E2BIG:		return "E2BIG";
	case ENOEXEC:		return "ENOEXEC";
	case EBADF:		return "EBADF";
	case ECHILD:		return "ECHILD";
	case EAGAIN:		return "EAGAIN";
	case ENOMEM:		return "ENOMEM";
	case EACCES:		return "EACCES";
	case EFAULT:		return "EFAULT";
	case EBUSY:		return "EBUSY";
	case EEXIST:		return "EEXIST";
	case EXDEV:		return "EXDEV";
	case ENODEV:		return "ENODEV";
	case ENOTDIR:		return "ENOTDIR";
	case EISDIR:		return "EISDIR";
	case EINVAL:		return "EINVAL";
	case ENFILE:		return "ENFILE";
	case EMFILE:		return "EMFILE";
	case ENOTTY:		return "ENOTTY";
	case ETXTBSY:		return "ETXTBSY";
	case EFBIG:		return "EFBIG";
	case ENOSPC:		return "ENOSPC";
	case ESPIPE:		return "ESPIPE";
	case EROFS:		return "EROFS";
	case EMLINK:		return "EMLINK";
	case EPIPE:		return "EPIPE";
	case ERANGE:		return "ERANGE";
	case ENAMETOOLONG:	return "ENAMETOOLONG";
	case ENOSYS:		return "ENOSYS";
	case ENOTEMPTY:		return "ENOTEMPTY";
	case ELOOP:		return "ELOOP";
	case EOVERFLOW:		return "EOVERFLOW";
	case EOPNOTSUPP:	return "EOPNOTSUPP";
	default:
		snprintf(other, sizeof(other), "E?%d", e);
		return other;
	}
}

/*
 * One result line for a call that returns -1 and sets errno on failure:
 * "what: <value>" on success, "what: -1 ENAME" on failure.  Call it right
 * after the call, before anything else can change errno.
 */
static inline void show(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: -1 %s\n", what, errname(errno));
	else
		printf("%s: %ld\n", what, ret);
}

/* As show(), but success prints "ok": for values that are not portable. */
static inline void show_ok(const char *what, long ret)
{
	if (ret < 0)
		printf("%s: -1 %s\n", what, errname(errno));
	else
		printf("%s: ok\n", what);
}

static inline const char *yesno(int cond)
{
	return cond ? "yes" : "no";
}

#endif /* GUEST_ERRNAME_H */
