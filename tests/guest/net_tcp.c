// SPDX-License-Identifier: GPL-2.0
/*
 * net_tcp - TCP over 127.0.0.1: bind/listen/connect/accept and their
 * errors, addresses, data with MSG_PEEK, FIONREAD and MSG_WAITALL,
 * shutdown both ways, resets, EPIPE and SIGPIPE, non-blocking connect and
 * accept, poll readiness (a full send buffer included), SO_REUSEADDR with
 * a connection left in TIME_WAIT, 100 connections in a row, and 1 MiB
 * each way with checksums: once with two processes and blocking calls,
 * once in one process with non-blocking sockets and poll.
 *
 * Every line is deterministic - ephemeral ports print as <ephemeral>,
 * byte counts that depend on buffer sizes are only checked, never
 * printed - so the output in the kernel must equal the output on Linux
 * (tests/harness/test_net.py compares them).  Ports 31400-31409 are used
 * (below Linux's ephemeral range, so no outgoing connection on the host
 * holds them); every listener sets SO_REUSEADDR, so that a connection
 * left in TIME_WAIT by a previous run does not get in the way, except
 * where EADDRINUSE is the point.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/uio.h>

#include "net_common.h"

#define LO		"127.0.0.1"
#define PORT		31400	/* the main listener */
#define PORT_CLOSED	31401	/* nothing ever listens here */
#define PORT_TW		31402	/* for the TIME_WAIT test */
#define PORT_XFER	31403	/* the two-process transfer */
#define PORT_AUTO	31404	/* SO_REUSEADDR on both, then listen */
#define MiB		(1 << 20)

static unsigned char buf[256 * 1024];
static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

/* A socket bound to LO:port with SO_REUSEADDR, listening; or -1. */
static int listener(int port, int flags)
{
	struct sockaddr_in sa = sin_of(LO, port);
	int fd = socket(AF_INET, SOCK_STREAM | flags, 0);

	if (fd < 0) {
		say("listener %d: socket -1 %s\n", port, nerr(errno));
		return -1;
	}
	if (set_int(fd, SOL_SOCKET, SO_REUSEADDR, 1) < 0 ||
	    bind(fd, SA(&sa), sizeof(sa)) < 0 || listen(fd, 16) < 0) {
		say("listener %d: -1 %s\n", port, nerr(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* A blocking client connected to LO:port; or -1 (printed). */
static int client(int port)
{
	struct sockaddr_in sa = sin_of(LO, port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, SA(&sa), sizeof(sa)) < 0) {
		say("client %d: -1 %s\n", port, nerr(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* accept() once the listener is readable; -1 (printed) on timeout. */
static int accept_wait(int l)
{
	int fd;

	if (wait_fd(l, POLLIN, WAIT_MS) <= 0) {
		say("accept: nothing to accept after %d ms\n", WAIT_MS);
		return -1;
	}
	fd = accept(l, NULL, NULL);
	if (fd < 0)
		say("accept: -1 %s\n", nerr(errno));
	return fd;
}

/* A connected pair through listener l: *c the client, *a the server side. */
static int pair(int l, int port, int *c, int *a)
{
	*c = client(port);
	*a = *c < 0 ? -1 : accept_wait(l);
	if (*a < 0) {
		if (*c >= 0)
			close(*c);
		return -1;
	}
	return 0;
}

/* Read until len bytes arrived (polling first); return what was read. */
static long read_all(int fd, unsigned char *p, long len)
{
	long got = 0;

	while (got < len) {
		ssize_t n;

		if (wait_fd(fd, POLLIN, WAIT_MS) <= 0)
			break;
		n = read(fd, p + got, len - got);
		if (n <= 0)
			break;
		got += n;
	}
	return got;
}

static void show_data(const char *what, long n, const unsigned char *p)
{
	if (n < 0)
		say("%s: -1 %s\n", what, nerr(errno));
	else
		say("%s: %ld \"%.*s\"\n", what, n, (int)n, (const char *)p);
}

static void show_fionread(const char *what, int fd)
{
	int n = -1;

	if (ioctl(fd, FIONREAD, &n) < 0)
		say("%s: -1 %s\n", what, nerr(errno));
	else
		say("%s: %d\n", what, n);
}

static void test_basics(void)
{
	struct sockaddr_in sa = sin_of(LO, PORT), any = sin_of("0.0.0.0", PORT);
	struct sockaddr_in far = sin_of("10.9.9.9", PORT), six = sa;
	int s, s2, s3;
	char c = 'x';

	say("== basics\n");
	s = socket(AF_INET, SOCK_STREAM, 0);
	res_ok("socket", s);
	show_opt("SO_TYPE", s, SOL_SOCKET, SO_TYPE);
	show_opt("SO_PROTOCOL", s, SOL_SOCKET, SO_PROTOCOL);
	show_opt("SO_DOMAIN", s, SOL_SOCKET, SO_DOMAIN);
	show_opt("SO_ACCEPTCONN", s, SOL_SOCKET, SO_ACCEPTCONN);
	show_so_error("SO_ERROR", s);
	show_opt("TCP_NODELAY", s, IPPROTO_TCP, TCP_NODELAY);
	res("setsockopt TCP_NODELAY 1", set_int(s, IPPROTO_TCP, TCP_NODELAY, 1));
	show_opt("TCP_NODELAY", s, IPPROTO_TCP, TCP_NODELAY);
	show_opt("SO_REUSEADDR", s, SOL_SOCKET, SO_REUSEADDR);
	show_name("getsockname unbound", s, 0, NULL);
	show_name("getpeername unbound", s, 1, NULL);
	res("read unconnected", read(s, buf, 1));
	res("send unconnected", send(s, &c, 1, MSG_NOSIGNAL));
	res("accept not listening", accept(s, NULL, NULL));
	res("bind short addrlen", bind(s, SA(&sa), 8));
	six.sin_family = AF_INET6;
	res("bind AF_INET6 family", bind(s, SA(&six), sizeof(six)));
	res("bind 10.9.9.9 (not ours)", bind(s, SA(&far), sizeof(far)));
	res("setsockopt SO_REUSEADDR 1", set_int(s, SOL_SOCKET, SO_REUSEADDR, 1));
	show_opt("SO_REUSEADDR", s, SOL_SOCKET, SO_REUSEADDR);
	res("bind 127.0.0.1:31400", bind(s, SA(&sa), sizeof(sa)));
	show_name("getsockname bound", s, 0, NULL);
	res("bind again", bind(s, SA(&sa), sizeof(sa)));
	res("listen", listen(s, 8));
	show_opt("SO_ACCEPTCONN", s, SOL_SOCKET, SO_ACCEPTCONN);
	res("listen again", listen(s, 4));
	res("connect a listener", connect(s, SA(&sa), sizeof(sa)));
	show_poll("poll listener, nothing pending", s, POLLIN | POLLOUT, 0);

	s2 = socket(AF_INET, SOCK_STREAM, 0);
	res("second socket: bind same address", bind(s2, SA(&sa), sizeof(sa)));
	set_int(s2, SOL_SOCKET, SO_REUSEADDR, 1);
	res("second socket with SO_REUSEADDR: bind", bind(s2, SA(&sa), sizeof(sa)));
	s3 = socket(AF_INET, SOCK_STREAM, 0);
	set_int(s3, SOL_SOCKET, SO_REUSEADDR, 1);
	res("third socket: bind 0.0.0.0:31400", bind(s3, SA(&any), sizeof(any)));
	close(s3);
	close(s2);
	close(s);

	/* Linux marks even an unconnected socket shut down. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	res("shutdown unconnected", shutdown(s, SHUT_RDWR));
	close(s);

	/* listen() without bind() picks a port. */
	s = socket(AF_INET, SOCK_STREAM, 0);
	res("listen unbound", listen(s, 1));
	show_name("getsockname after listen", s, 0, NULL);
	close(s);

	/* Both with SO_REUSEADDR, neither listening: both binds succeed. */
	sa = sin_of(LO, PORT_AUTO);
	s = socket(AF_INET, SOCK_STREAM, 0);
	s2 = socket(AF_INET, SOCK_STREAM, 0);
	set_int(s, SOL_SOCKET, SO_REUSEADDR, 1);
	set_int(s2, SOL_SOCKET, SO_REUSEADDR, 1);
	res("SO_REUSEADDR pair: bind first", bind(s, SA(&sa), sizeof(sa)));
	res("SO_REUSEADDR pair: bind second", bind(s2, SA(&sa), sizeof(sa)));
	res("SO_REUSEADDR pair: listen first", listen(s, 1));
	res("SO_REUSEADDR pair: listen second", listen(s2, 1));
	close(s2);
	close(s);
	say_flush();
}

static void test_refused(void)
{
	struct sockaddr_in sa = sin_of(LO, PORT_CLOSED);
	int s;

	say("== refused\n");
	s = socket(AF_INET, SOCK_STREAM, 0);
	res("connect to a closed port", connect(s, SA(&sa), sizeof(sa)));
	show_so_error("SO_ERROR after", s);
	show_name("getpeername after", s, 1, NULL);
	close(s);
	say_flush();
}

static void test_accept(int l)
{
	struct sockaddr_in sa, peer, cname, aname;
	socklen_t len = sizeof(sa);
	int c, a;

	say("== connect and accept\n");
	c = socket(AF_INET, SOCK_STREAM, 0);
	sa = sin_of(LO, PORT);
	res("connect", connect(c, SA(&sa), sizeof(sa)));
	show_name("client getsockname", c, 0, &cname);
	show_name("client getpeername", c, 1, NULL);
	show_poll("poll listener", l, POLLIN, WAIT_MS);
	memset(&peer, 0, sizeof(peer));
	a = accept(l, SA(&peer), &len);
	res_ok("accept", a);
	say("accept address: %s (len %u)\n", addr_str(&peer), (unsigned int)len);
	say("accept address is the client's: %s\n", yesno(same_addr(&peer, &cname)));
	show_name("server getsockname", a, 0, NULL);
	show_name("server getpeername", a, 1, &aname);
	say("server's peer is the client: %s\n", yesno(same_addr(&aname, &cname)));
	show_opt("accepted SO_ACCEPTCONN", a, SOL_SOCKET, SO_ACCEPTCONN);
	show_opt("accepted SO_REUSEADDR (inherited)", a, SOL_SOCKET, SO_REUSEADDR);
	show_poll("poll listener after accept", l, POLLIN, 0);
	show_poll("poll client", c, POLLIN | POLLOUT, 0);
	show_poll("poll server", a, POLLIN | POLLOUT, 0);
	res("connect again", connect(c, SA(&sa), sizeof(sa)));
	close(a);
	close(c);
	say_flush();
}

static void test_data(int l)
{
	struct iovec iov[2];
	struct msghdr mh;
	char x[4] = "ab", y[8] = "cde";
	int c, a;
	long n;

	say("== data\n");
	if (pair(l, PORT, &c, &a) < 0)
		return;
	res("write hello", write(c, "hello", 5));
	show_poll("poll server", a, POLLIN, WAIT_MS);
	show_fionread("FIONREAD", a);
	n = recv(a, buf, 3, MSG_PEEK);
	show_data("recv 3 MSG_PEEK", n, buf);
	show_fionread("FIONREAD after peek", a);
	n = read(a, buf, 64);
	show_data("read 64", n, buf);
	show_fionread("FIONREAD after read", a);
	res("recv MSG_DONTWAIT, nothing there", recv(a, buf, 64, MSG_DONTWAIT));
	show_poll("poll server, all read", a, POLLIN | POLLOUT, 0);

	iov[0] = (struct iovec){ x, 2 };
	iov[1] = (struct iovec){ y, 3 };
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	res("sendmsg 2+3 bytes", sendmsg(c, &mh, 0));
	memset(x, 0, sizeof(x));
	memset(y, 0, sizeof(y));
	iov[0] = (struct iovec){ x, 2 };
	iov[1] = (struct iovec){ y, 7 };
	show_poll("poll server", a, POLLIN, WAIT_MS);
	n = recvmsg(a, &mh, 0);
	res("recvmsg into 2+7", n);
	say("recvmsg parts: \"%s\" \"%s\", flags %#x\n", x, y, mh.msg_flags);

	/* The other way, and a large write read back in one piece. */
	memset(buf, 'z', 60000);
	res("server writes 60000", write(a, buf, 60000));
	n = read_all(c, buf + 60000, 60000);
	say("client read 60000: %ld, all 'z': %s\n", n,
	    yesno(n == 60000 && !memcmp(buf, buf + 60000, 60000)));
	res("recv with MSG_OOB", recv(c, buf, 1, MSG_OOB | MSG_DONTWAIT));
	close(a);
	close(c);
	say_flush();
}

static void test_shutdown(int l)
{
	int c, a;
	long n;

	say("== shutdown\n");
	if (pair(l, PORT, &c, &a) < 0)
		return;
	res("shutdown bad how", shutdown(c, 7));
	res("client shutdown SHUT_WR", shutdown(c, SHUT_WR));
	show_poll("poll server", a, POLLIN | POLLRDHUP, WAIT_MS);
	res("server read (end of file)", read(a, buf, 64));
	res("server read again", read(a, buf, 64));
	res("server write bye", write(a, "bye", 3));
	show_poll("poll client", c, POLLIN, WAIT_MS);
	n = read(c, buf, 64);
	show_data("client read", n, buf);
	res("client send after SHUT_WR", send(c, "x", 1, MSG_NOSIGNAL));
	show_poll("poll client, half closed", c, POLLIN | POLLOUT | POLLRDHUP, 0);
	res("client shutdown SHUT_WR again", shutdown(c, SHUT_WR));
	res("server shutdown SHUT_WR", shutdown(a, SHUT_WR));
	show_poll("poll client", c, POLLIN | POLLRDHUP, WAIT_MS);
	res("client read (end of file)", read(c, buf, 64));
	show_poll("poll server, both shut", a, POLLIN | POLLOUT | POLLRDHUP, 0);
	show_name("getpeername after both shutdowns", c, 1, NULL);
	close(a);
	close(c);

	/* SHUT_RD: reads end at once; the socket can still send. */
	if (pair(l, PORT, &c, &a) < 0)
		return;
	res("server shutdown SHUT_RD", shutdown(a, SHUT_RD));
	res("server read after SHUT_RD", read(a, buf, 64));
	show_poll("poll server after SHUT_RD", a, POLLIN | POLLOUT | POLLRDHUP, 0);
	res("server write after SHUT_RD", write(a, "still", 5));
	n = read_all(c, buf, 5);
	show_data("client read", n, buf);
	res("shutdown SHUT_RDWR", shutdown(a, SHUT_RDWR));
	show_poll("poll client", c, POLLIN | POLLRDHUP, WAIT_MS);
	res("client read (end of file)", read(c, buf, 64));
	close(a);
	close(c);
	say_flush();
}

static void test_reset(int l)
{
	struct linger lg = { 1, 0 };
	int c, a;

	say("== reset\n");
	/* Closing with unread data resets the connection. */
	if (pair(l, PORT, &c, &a) < 0)
		return;
	res("client write", write(c, "unread", 6));
	show_poll("poll server", a, POLLIN, WAIT_MS);
	res("server closes with data unread", close(a));
	show_poll("poll client (ERR and HUP only)", c, 0, WAIT_MS);
	show_poll("poll client", c, POLLIN | POLLOUT, 0);
	res("client read", read(c, buf, 64));
	res("client read again", read(c, buf, 64));
	res("client send", send(c, "x", 1, MSG_NOSIGNAL));
	show_so_error("SO_ERROR", c);
	show_name("getpeername after reset", c, 1, NULL);
	close(c);

	/* SO_LINGER with a zero timeout: close() sends a reset. */
	if (pair(l, PORT, &c, &a) < 0)
		return;
	res("SO_LINGER {1, 0}", setsockopt(a, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	res("server close", close(a));
	show_poll("poll client (ERR and HUP only)", c, 0, WAIT_MS);
	show_so_error("SO_ERROR", c);
	show_so_error("SO_ERROR again", c);
	res("client read", read(c, buf, 64));
	close(c);

	/* A listener closed with a connection not yet accepted resets it. */
	a = listener(PORT_AUTO, 0);
	c = client(PORT_AUTO);
	res("close listener with a connection queued", close(a));
	show_poll("poll client (ERR and HUP only)", c, 0, WAIT_MS);
	res("client read", read(c, buf, 64));
	close(c);
	say_flush();
}

static void test_epipe(int l)
{
	struct sigaction act;
	int c, a;

	say("== EPIPE and SIGPIPE\n");
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_sigpipe;
	sigaction(SIGPIPE, &act, NULL);
	if (pair(l, PORT, &c, &a) < 0)
		return;
	res("server close", close(a));
	show_poll("poll client", c, POLLIN | POLLRDHUP, WAIT_MS);
	res("client read (end of file)", read(c, buf, 64));
	res("client write after the peer closed", write(c, "abc", 3));
	show_poll("poll client (ERR and HUP only)", c, 0, WAIT_MS);
	res("client write after the reset", write(c, "abc", 3));
	say("SIGPIPE delivered: %d\n", (int)sigpipes);
	res("client write again", write(c, "abc", 3));
	say("SIGPIPE delivered: %d\n", (int)sigpipes);
	res("client send MSG_NOSIGNAL", send(c, "abc", 3, MSG_NOSIGNAL));
	say("SIGPIPE delivered: %d\n", (int)sigpipes);
	signal(SIGPIPE, SIG_IGN);
	res("client write, SIGPIPE ignored", write(c, "abc", 3));
	say("SIGPIPE delivered: %d\n", (int)sigpipes);
	res("client read", read(c, buf, 64));
	close(c);
	say_flush();
}

static void test_nonblocking(int l)
{
	struct sockaddr_in sa = sin_of(LO, PORT), closed = sin_of(LO, PORT_CLOSED);
	int fl, c, a, c2, a2;

	say("== non-blocking accept\n");
	fl = fcntl(l, F_GETFL);
	res("fcntl listener O_NONBLOCK", fcntl(l, F_SETFL, fl | O_NONBLOCK));
	res("accept, nothing pending", accept(l, NULL, NULL));
	show_poll("poll listener", l, POLLIN, 0);
	c = client(PORT);
	show_poll("poll listener after connect", l, POLLIN, WAIT_MS);
	a = accept(l, NULL, NULL);
	res_ok("accept", a);
	say("accepted socket O_NONBLOCK: %s\n", yesno(fcntl(a, F_GETFL) & O_NONBLOCK));
	say("accepted socket FD_CLOEXEC: %s\n", yesno(fcntl(a, F_GETFD) & FD_CLOEXEC));
	res("accept again", accept(l, NULL, NULL));
	c2 = client(PORT);
	show_poll("poll listener", l, POLLIN, WAIT_MS);
	a2 = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	res_ok("accept4 SOCK_NONBLOCK|SOCK_CLOEXEC", a2);
	say("accepted socket O_NONBLOCK: %s\n", yesno(fcntl(a2, F_GETFL) & O_NONBLOCK));
	say("accepted socket FD_CLOEXEC: %s\n", yesno(fcntl(a2, F_GETFD) & FD_CLOEXEC));
	res("read, nothing there", read(a2, buf, 64));
	fcntl(l, F_SETFL, fl);
	close(a2);
	close(c2);
	close(a);
	close(c);

	say("== non-blocking connect\n");
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	res("connect", connect(c, SA(&sa), sizeof(sa)));
	show_poll("poll", c, POLLOUT, WAIT_MS);
	show_so_error("SO_ERROR", c);
	show_name("getpeername", c, 1, NULL);
	res("connect again (completes it)", connect(c, SA(&sa), sizeof(sa)));
	res("connect a third time", connect(c, SA(&sa), sizeof(sa)));
	a = accept_wait(l);
	res("write", write(c, "nb", 2));
	show_poll("poll server", a, POLLIN, WAIT_MS);
	show_data("server read", read(a, buf, 64), buf);
	res("read, nothing there", read(c, buf, 64));
	close(a);
	close(c);

	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	res("connect to a closed port", connect(c, SA(&closed), sizeof(closed)));
	show_poll("poll", c, POLLIN | POLLOUT, WAIT_MS);
	show_so_error("SO_ERROR", c);
	show_so_error("SO_ERROR again", c);
	close(c);
	say_flush();
}

/* Fill the send buffer of a non-blocking client; then drain it. */
static void test_full(int l)
{
	long sent = 0, got = 0, n;
	int c, a, full = 0;

	say("== full send buffer\n");
	if (pair(l, PORT, &c, &a) < 0)
		return;
	fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK);
	memset(buf, 'f', sizeof(buf));
	while (sent < 64L * MiB) {
		n = write(c, buf, 65536);
		if (n < 0) {
			full = errno == EAGAIN;
			if (!full)
				say("write: -1 %s\n", nerr(errno));
			break;
		}
		sent += n;
	}
	say("writes until EAGAIN: %s\n", full && sent > 0 ? "some bytes, then EAGAIN" : "no EAGAIN");
	show_poll("poll client, buffer full", c, POLLOUT, 0);
	while (got < sent) {
		if (wait_fd(a, POLLIN, WAIT_MS) <= 0)
			break;
		n = read(a, buf, sizeof(buf));
		if (n <= 0)
			break;
		got += n;
	}
	say("server read everything: %s\n", yesno(got == sent));
	show_poll("poll client, drained", c, POLLOUT, WAIT_MS);
	show_poll("poll server, drained", a, POLLIN, 0);
	close(a);
	close(c);
	say_flush();
}

/* The side that closes first holds the port in TIME_WAIT. */
static void test_time_wait(void)
{
	struct sockaddr_in sa = sin_of(LO, PORT_TW);
	int l, c, a, s;

	say("== TIME_WAIT and SO_REUSEADDR\n");
	l = listener(PORT_TW, 0);
	if (l < 0 || pair(l, PORT_TW, &c, &a) < 0)
		return;
	res("server closes first", close(a));
	show_poll("poll client", c, POLLIN, WAIT_MS);
	res("client read (end of file)", read(c, buf, 64));
	res("client close", close(c));
	res("listener close", close(l));
	s = socket(AF_INET, SOCK_STREAM, 0);
	res("bind without SO_REUSEADDR", bind(s, SA(&sa), sizeof(sa)));
	res("setsockopt SO_REUSEADDR", set_int(s, SOL_SOCKET, SO_REUSEADDR, 1));
	res("bind with SO_REUSEADDR", bind(s, SA(&sa), sizeof(sa)));
	res("listen", listen(s, 4));
	c = client(PORT_TW);
	a = accept_wait(s);
	say("new connection on the port: %s\n", yesno(c >= 0 && a >= 0));
	close(c);	/* the client first, this time */
	close(a);
	close(s);
	say_flush();
}

static void test_many(int l)
{
	int i, ok = 0;
	char ch;

	say("== 100 connections in a row\n");
	for (i = 0; i < 100; i++) {
		int c, a;

		if (pair(l, PORT, &c, &a) < 0)
			break;
		ch = (char)i;
		if (write(c, &ch, 1) == 1 && wait_fd(a, POLLIN, WAIT_MS) > 0 &&
		    read(a, &ch, 1) == 1 && ch == (char)i && write(a, &ch, 1) == 1 &&
		    wait_fd(c, POLLIN, WAIT_MS) > 0 && read(c, &ch, 1) == 1)
			ok++;
		close(c);
		close(a);
	}
	say("connections that echoed a byte: %d\n", ok);
	say_flush();
}

/* Write len pattern bytes in chunks of varying size; return the checksum. */
static uint32_t send_pattern(int fd, long len, uint32_t seed, long *sent)
{
	static unsigned char out[65536];
	struct pattern p;
	uint32_t h = FNV_INIT;
	uint32_t sizes = seed;

	pattern_init(&p, seed);
	*sent = 0;
	while (*sent < len) {
		long chunk, off = 0;

		sizes = sizes * 1103515245u + 12345u;
		chunk = 1 + (sizes >> 8) % sizeof(out);
		if (chunk > len - *sent)
			chunk = len - *sent;
		pattern_fill(&p, out, chunk);
		h = fnv1a(h, out, chunk);
		while (off < chunk) {
			ssize_t n = write(fd, out + off, chunk - off);

			if (n <= 0)
				return h;
			off += n;
			*sent += n;
		}
	}
	return h;
}

/* Read to end of file (polling first); return the checksum. */
static uint32_t recv_all(int fd, long *got)
{
	uint32_t h = FNV_INIT;
	ssize_t n;

	*got = 0;
	for (;;) {
		if (wait_fd(fd, POLLIN, WAIT_MS) <= 0) {
			say("no data for %d ms\n", WAIT_MS);
			break;
		}
		n = read(fd, buf, 1 + (*got % 3) * 40000);
		if (n < 0)
			say("read: -1 %s\n", nerr(errno));
		if (n <= 0)
			break;
		h = fnv1a(h, buf, n);
		*got += n;
	}
	return h;
}

/* Two processes, blocking calls, 1 MiB each way, one way at a time. */
static void test_transfer(void)
{
	long sent, got;
	uint32_t h;
	pid_t pid;
	int l, c;

	say("== 1 MiB each way, two processes\n");
	l = listener(PORT_XFER, 0);
	if (l < 0)
		return;
	pid = fork_flushed();
	if (pid == 0) {
		int a = accept_wait(l);
		long n;

		if (a < 0) {
			say_flush();
			_exit(1);
		}
		memset(buf, 0, 8);
		n = recv(a, buf, 6, MSG_WAITALL);
		show_data("server: recv 6 MSG_WAITALL", n, buf);
		h = recv_all(a, &got);
		say("server: received %ld bytes, fnv1a %08x\n", got, h);
		h = send_pattern(a, MiB, 2, &sent);
		say("server: sent %ld bytes, fnv1a %08x\n", sent, h);
		close(a);
		say_flush();
		_exit(0);
	}
	close(l);
	c = client(PORT_XFER);
	if (c >= 0) {
		res("client: write abc", write(c, "abc", 3));
		sleep_ms(50);	/* MSG_WAITALL must wait for the rest */
		res("client: write def", write(c, "def", 3));
		h = send_pattern(c, MiB, 1, &sent);
		say("client: sent %ld bytes, fnv1a %08x\n", sent, h);
		res("client: shutdown SHUT_WR", shutdown(c, SHUT_WR));
		h = recv_all(c, &got);
		say("client: received %ld bytes, fnv1a %08x\n", got, h);
		close(c);
	}
	/* Ours stay in the buffer: the child's lines come first. */
	reap("server", pid);
	say_flush();
}

/* One process, both directions at once: non-blocking sockets and poll. */
static void test_both_ways(int l)
{
	static unsigned char out[2][32768];
	struct pattern pat[2];
	uint32_t hs[2] = { FNV_INIT, FNV_INIT }, hr[2] = { FNV_INIT, FNV_INIT };
	long sent[2] = { 0, 0 }, got[2] = { 0, 0 }, have[2] = { 0, 0 }, off[2] = { 0, 0 };
	int fd[2], eof[2] = { 0, 0 }, i, stalled = 0;
	double deadline = now_s() + 60;

	say("== 1 MiB each way at once, one process, poll\n");
	if (pair(l, PORT, &fd[0], &fd[1]) < 0)
		return;
	for (i = 0; i < 2; i++) {
		fcntl(fd[i], F_SETFL, fcntl(fd[i], F_GETFL) | O_NONBLOCK);
		pattern_init(&pat[i], 10 + i);
	}
	while ((got[0] < MiB || got[1] < MiB || !eof[0] || !eof[1]) && now_s() < deadline) {
		struct pollfd p[2];
		int r;

		for (i = 0; i < 2; i++) {
			p[i].fd = fd[i];
			p[i].events = (eof[i] ? 0 : POLLIN) |
				      (sent[i] < MiB ? POLLOUT : 0);
			p[i].revents = 0;
		}
		r = poll(p, 2, WAIT_MS);
		if (r <= 0) {
			stalled = 1;
			break;
		}
		for (i = 0; i < 2; i++) {
			ssize_t n;

			if (p[i].revents & POLLOUT) {
				if (off[i] == have[i]) {
					have[i] = MiB - sent[i] < (long)sizeof(out[i]) ?
						  MiB - sent[i] : (long)sizeof(out[i]);
					pattern_fill(&pat[i], out[i], have[i]);
					hs[i] = fnv1a(hs[i], out[i], have[i]);
					off[i] = 0;
				}
				n = write(fd[i], out[i] + off[i], have[i] - off[i]);
				if (n > 0) {
					off[i] += n;
					sent[i] += n;
					if (sent[i] == MiB)
						shutdown(fd[i], SHUT_WR);
				}
			}
			if (p[i].revents & (POLLIN | POLLHUP | POLLERR)) {
				n = read(fd[i], buf, sizeof(buf));
				if (n > 0) {
					hr[i] = fnv1a(hr[i], buf, n);
					got[i] += n;
				} else if (n == 0) {
					eof[i] = 1;
				} else if (errno != EAGAIN) {
					say("read: -1 %s\n", nerr(errno));
					eof[i] = 1;
				}
			}
		}
	}
	if (stalled)
		say("stalled: nothing happened for %d ms\n", WAIT_MS);
	for (i = 0; i < 2; i++)
		say("%s: sent %ld fnv1a %08x, received %ld fnv1a %08x, end of file %s\n",
		    i ? "server" : "client", sent[i], hs[i], got[i], hr[i], yesno(eof[i]));
	say("checksums match: %s\n", yesno(hs[0] == hr[1] && hs[1] == hr[0]));
	close(fd[0]);
	close(fd[1]);
	say_flush();
}

int main(void)
{
	int l;

	signal(SIGPIPE, SIG_IGN);
	watchdog_start("net_tcp", 240);
	test_basics();
	test_refused();
	l = listener(PORT, 0);
	if (l < 0) {
		say_flush();
		watchdog_stop();
		return 1;
	}
	test_accept(l);
	test_data(l);
	test_shutdown(l);
	test_reset(l);
	test_epipe(l);
	test_nonblocking(l);
	test_full(l);
	test_time_wait();
	test_many(l);
	test_transfer();
	test_both_ways(l);
	close(l);
	say("net_tcp: done\n");
	say_flush();
	watchdog_stop();
	return 0;
}
