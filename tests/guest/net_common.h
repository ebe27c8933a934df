/* SPDX-License-Identifier: GPL-2.0 */
/*
 * net_common.h - helpers shared by the network test programs (net_tcp,
 * net_udp) and the network benchmarks.
 *
 * Output: every line goes through say(), which appends to a buffer, and
 * say_flush() writes the buffer to standard output.  A program that forks
 * flushes before fork(); the child flushes just before it exits and the
 * parent only after waitpid(), so the child's lines always come first
 * and the output is the same from run to run, here and on Linux.
 *
 * Nothing may wait for ever: waits are poll() calls with a timeout
 * (wait_fd), and a watchdog process kills the whole process group if the
 * program as a whole takes too long (the kernel has no alarm()).
 */
#ifndef GUEST_NET_COMMON_H
#define GUEST_NET_COMMON_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "errname.h"

#define WAIT_MS		10000	/* the longest any single wait may take */

/* errno names: the socket ones here, the others from errname.h. */
static inline const char *nerr(int e)
{
	switch (e) {
	case ECONNREFUSED:	return "ECONNREFUSED";
	case ECONNRESET:	return "ECONNRESET";
	case ECONNABORTED:	return "ECONNABORTED";
	case EINPROGRESS:	return "EINPROGRESS";
	case EALREADY:		return "EALREADY";
	case EISCONN:		return "EISCONN";
	case ENOTCONN:		return "ENOTCONN";
	case EADDRINUSE:	return "EADDRINUSE";
	case EADDRNOTAVAIL:	return "EADDRNOTAVAIL";
	case EAFNOSUPPORT:	return "EAFNOSUPPORT";
	case EDESTADDRREQ:	return "EDESTADDRREQ";
	case EMSGSIZE:		return "EMSGSIZE";
	case ENOTSOCK:		return "ENOTSOCK";
	case ENOPROTOOPT:	return "ENOPROTOOPT";
	case EPROTONOSUPPORT:	return "EPROTONOSUPPORT";
	case EPROTOTYPE:	return "EPROTOTYPE";
	case ESOCKTNOSUPPORT:	return "ESOCKTNOSUPPORT";
	case ETIMEDOUT:		return "ETIMEDOUT";
	case ENETUNREACH:	return "ENETUNREACH";
	case EHOSTUNREACH:	return "EHOSTUNREACH";
	case ENOBUFS:		return "ENOBUFS";
	case ESHUTDOWN:		return "ESHUTDOWN";
	default:		return errname(e);
	}
}

/* --- output ------------------------------------------------------------ */

static char say_buf[64 * 1024];
static size_t say_len;

static inline void say_flush(void)
{
	size_t off = 0;

	while (off < say_len) {
		ssize_t n = write(1, say_buf + off, say_len - off);

		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
		off += n;
	}
	say_len = 0;
}

__attribute__((format(printf, 1, 2)))
static inline void say(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (say_len > sizeof(say_buf) - 1024)
		say_flush();
	va_start(ap, fmt);
	n = vsnprintf(say_buf + say_len, sizeof(say_buf) - say_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		say_len += (size_t)n < sizeof(say_buf) - say_len ?
			   (size_t)n : sizeof(say_buf) - say_len - 1;
}

/*
 * "what: VALUE" or "what: -1 ENAME" for a call that returns -1 with errno
 * on failure.  Call it right after the call: errno must still be its.
 */
static inline long res(const char *what, long ret)
{
	if (ret < 0)
		say("%s: -1 %s\n", what, nerr(errno));
	else
		say("%s: %ld\n", what, ret);
	return ret;
}

/* As res(), but success prints "ok": for values that are not portable. */
static inline long res_ok(const char *what, long ret)
{
	if (ret < 0)
		say("%s: -1 %s\n", what, nerr(errno));
	else
		say("%s: ok\n", what);
	return ret;
}

/* --- addresses ----------------------------------------------------------- */

static inline struct sockaddr_in sin_of(const char *ip, int port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	inet_pton(AF_INET, ip, &sa.sin_addr);
	return sa;
}

#define SA(p)	((struct sockaddr *)(p))

/*
 * "127.0.0.1:31400", or "127.0.0.1:<ephemeral>" for a port in the range
 * both Linux and this kernel pick from (32768-60999), whose exact value
 * differs from run to run.
 */
static inline const char *addr_str(const struct sockaddr_in *sa)
{
	static char s[2][64];
	static int which;
	char ip[INET_ADDRSTRLEN];
	int port = ntohs(sa->sin_port);
	char *out = s[which++ & 1];

	inet_ntop(AF_INET, &sa->sin_addr, ip, sizeof(ip));
	if (sa->sin_family != AF_INET)
		snprintf(out, 64, "family %d", sa->sin_family);
	else if (port >= 32768 && port <= 60999)
		snprintf(out, 64, "%s:<ephemeral>", ip);
	else
		snprintf(out, 64, "%s:%d", ip, port);
	return out;
}

/* getsockname or getpeername, printed as "what: ADDR" or the error. */
static inline int show_name(const char *what, int fd, int peer, struct sockaddr_in *out)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int r;

	memset(&sa, 0, sizeof(sa));
	r = peer ? getpeername(fd, SA(&sa), &len) : getsockname(fd, SA(&sa), &len);
	if (r < 0)
		say("%s: -1 %s\n", what, nerr(errno));
	else
		say("%s: %s (len %u)\n", what, addr_str(&sa), (unsigned int)len);
	if (out)
		*out = sa;
	return r;
}

static inline int same_addr(const struct sockaddr_in *a, const struct sockaddr_in *b)
{
	return a->sin_family == b->sin_family && a->sin_port == b->sin_port &&
	       a->sin_addr.s_addr == b->sin_addr.s_addr;
}

/* An integer socket option: "what: VALUE" or the error. */
static inline int show_opt(const char *what, int fd, int level, int name)
{
	int val = -12345;
	socklen_t len = sizeof(val);

	if (getsockopt(fd, level, name, &val, &len) < 0) {
		say("%s: -1 %s\n", what, nerr(errno));
		return -1;
	}
	say("%s: %d\n", what, val);
	return val;
}

/* SO_ERROR, printed by name. */
static inline void show_so_error(const char *what, int fd)
{
	int val = -1;
	socklen_t len = sizeof(val);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &val, &len) < 0)
		say("%s: getsockopt -1 %s\n", what, nerr(errno));
	else
		say("%s: %s\n", what, val ? nerr(val) : "0");
}

static inline int set_int(int fd, int level, int name, int val)
{
	return setsockopt(fd, level, name, &val, sizeof(val));
}

/* --- poll -------------------------------------------------------------- */

/* revents as names: "POLLIN|POLLOUT", or "none". */
static inline const char *ev_str(int ev)
{
	static const struct { int bit; const char *name; } names[] = {
		{ POLLIN, "POLLIN" }, { POLLPRI, "POLLPRI" }, { POLLOUT, "POLLOUT" },
		{ POLLERR, "POLLERR" }, { POLLHUP, "POLLHUP" }, { POLLNVAL, "POLLNVAL" },
		{ POLLRDNORM, "POLLRDNORM" }, { POLLRDBAND, "POLLRDBAND" },
		{ POLLWRNORM, "POLLWRNORM" }, { POLLWRBAND, "POLLWRBAND" },
		{ POLLRDHUP, "POLLRDHUP" },
	};
	static char s[256];
	size_t i, len = 0;

	s[0] = 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(ev & names[i].bit))
			continue;
		len += snprintf(s + len, sizeof(s) - len, "%s%s", len ? "|" : "", names[i].name);
		ev &= ~names[i].bit;
	}
	if (ev)
		len += snprintf(s + len, sizeof(s) - len, "%s0x%x", len ? "|" : "", ev);
	return len ? s : "none";
}

/* Poll one descriptor; return revents, 0 on timeout, -1 on error. */
static inline int wait_fd(int fd, int events, int ms)
{
	struct pollfd p = { fd, (short)events, 0 };
	int r;

	do
		r = poll(&p, 1, ms);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return -1;
	return r ? (unsigned short)p.revents : 0;
}

/* Poll and print "what: REVENTS" ("none" after the timeout). */
static inline int show_poll(const char *what, int fd, int events, int ms)
{
	int ev = wait_fd(fd, events, ms);

	if (ev < 0)
		say("%s: poll -1 %s\n", what, nerr(errno));
	else
		say("%s: %s\n", what, ev_str(ev));
	return ev;
}

/* --- data -------------------------------------------------------------- */

/* A repeatable byte stream: xorshift32 from a seed. */
struct pattern {
	uint32_t x;
};

static inline void pattern_init(struct pattern *p, uint32_t seed)
{
	p->x = seed ? seed : 1;
}

static inline void pattern_fill(struct pattern *p, unsigned char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		p->x ^= p->x << 13;
		p->x ^= p->x >> 17;
		p->x ^= p->x << 5;
		buf[i] = (unsigned char)p->x;
	}
}

/* FNV-1a, 32 bits: a checksum that changes if any byte moves. */
#define FNV_INIT	0x811c9dc5u

static inline uint32_t fnv1a(uint32_t h, const unsigned char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= buf[i];
		h *= 0x01000193u;
	}
	return h;
}

static inline double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* --- the watchdog ---------------------------------------------------------- */

static pid_t watchdog_pid;

/*
 * Fork a process that kills our whole process group (us, our children
 * and itself) if we are still running after seconds.  The program makes
 * itself a process group leader first, so nothing else is hit.
 */
static inline void watchdog_start(const char *name, int seconds)
{
	pid_t parent = getpid();
	int i;

	setpgid(0, 0);
	say_flush();
	fflush(stdout);
	watchdog_pid = fork();
	if (watchdog_pid != 0)
		return;
	for (i = 0; i < seconds * 10; i++) {
		sleep_ms(100);
		if (getppid() != parent)
			_exit(0);	/* the test is gone already */
	}
	dprintf(1, "%s: watchdog: still running after %d s, killing the test\n",
		name, seconds);
	kill(0, SIGKILL);
	_exit(1);
}

static inline void watchdog_stop(void)
{
	if (watchdog_pid > 0) {
		kill(watchdog_pid, SIGKILL);
		waitpid(watchdog_pid, NULL, 0);
		watchdog_pid = 0;
	}
}

/* Fork with our output flushed, so nothing is printed twice. */
static inline pid_t fork_flushed(void)
{
	say_flush();
	fflush(stdout);
	return fork();
}

/* Wait for a child; "what: exited N" unless it exited 0. */
static inline void reap(const char *what, pid_t pid)
{
	int status = 0;

	if (pid <= 0)
		return;
	if (waitpid(pid, &status, 0) != pid)
		say("%s: waitpid -1 %s\n", what, nerr(errno));
	else if (WIFSIGNALED(status))
		say("%s: killed by signal %d\n", what, WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0)
		say("%s: exited %d\n", what, WEXITSTATUS(status));
}

#endif /* GUEST_NET_COMMON_H */
