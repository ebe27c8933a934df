// SPDX-License-Identifier: GPL-2.0
/*
 * net_udp - UDP over 127.0.0.1: bind and its errors, datagram boundaries
 * (an empty datagram included), truncation with and without MSG_TRUNC,
 * MSG_PEEK, FIONREAD, source addresses, connected sockets (filtering,
 * AF_UNSPEC, sendto with an address), the largest datagram, SO_RCVTIMEO,
 * poll, two processes exchanging 1000 datagrams, and ICMP port
 * unreachable reported as ECONNREFUSED on a connected socket only.
 *
 * Every line is deterministic, so the output in the kernel must equal
 * the output on Linux (tests/harness/test_net.py compares them).  Ports
 * 31410-31419 are used (below Linux's ephemeral range).  Datagrams are
 * received one at a time after poll() says one is there: a datagram sent
 * over loopback may still be on its way when sendto() returns.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/uio.h>

#include "net_common.h"

#define LO		"127.0.0.1"
#define PORT		31410	/* the main receiver */
#define PORT_CLOSED	31411	/* nothing is ever bound here */
#define PORT_ANY	31412	/* bound to 0.0.0.0 */
#define PORT_REUSE	31413
#define PORT_PINGPONG	31414
#define MAXDGRAM	65507	/* 65535 - 20 (IP) - 8 (UDP) */

static unsigned char buf[70000], big[70000];

static int udp_bound(const char *ip, int port)
{
	struct sockaddr_in sa = sin_of(ip, port);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || bind(fd, SA(&sa), sizeof(sa)) < 0) {
		say("bind %s:%d: -1 %s\n", ip, port, nerr(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static long send_to(int fd, const void *p, size_t n, int port)
{
	struct sockaddr_in sa = sin_of(LO, port);

	return sendto(fd, p, n, 0, SA(&sa), sizeof(sa));
}

/* Wait until a datagram is there, then recv it: "what: N "TEXT"". */
static long recv_one(const char *what, int fd, size_t size, int flags)
{
	long n;

	if (wait_fd(fd, POLLIN, WAIT_MS) <= 0) {
		say("%s: nothing after %d ms\n", what, WAIT_MS);
		return -1;
	}
	memset(buf, 0, 128);
	n = recv(fd, buf, size, flags);
	if (n < 0)
		say("%s: -1 %s\n", what, nerr(errno));
	else if (n <= 64)
		say("%s: %ld \"%.*s\"\n", what, n, (int)(n < (long)size ? n : (long)size),
		    (char *)buf);
	else
		say("%s: %ld\n", what, n);
	return n;
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
	struct sockaddr_in sa = sin_of(LO, PORT);
	int s, s2;

	say("== basics\n");
	s = socket(AF_INET, SOCK_DGRAM, 0);
	res_ok("socket", s);
	show_opt("SO_TYPE", s, SOL_SOCKET, SO_TYPE);
	show_opt("SO_PROTOCOL", s, SOL_SOCKET, SO_PROTOCOL);
	show_name("getsockname unbound", s, 0, NULL);
	show_name("getpeername unbound", s, 1, NULL);
	show_poll("poll unbound", s, POLLIN | POLLOUT, 0);
	res("listen", listen(s, 1));
	res("accept", accept(s, NULL, NULL));
	res("bind 127.0.0.1:31410", bind(s, SA(&sa), sizeof(sa)));
	show_name("getsockname", s, 0, NULL);
	res("bind again", bind(s, SA(&sa), sizeof(sa)));
	res("recv MSG_DONTWAIT, nothing there", recv(s, buf, 10, MSG_DONTWAIT));
	s2 = socket(AF_INET, SOCK_DGRAM, 0);
	res("second socket: bind same address", bind(s2, SA(&sa), sizeof(sa)));
	set_int(s2, SOL_SOCKET, SO_REUSEADDR, 1);
	res("second with SO_REUSEADDR, first without", bind(s2, SA(&sa), sizeof(sa)));
	close(s2);
	close(s);

	/* Linux binds a port even for a send that fails: a fresh socket each. */
	s = socket(AF_INET, SOCK_DGRAM, 0);
	res("send unconnected", send(s, "x", 1, 0));
	close(s);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	res("sendto port 0", send_to(s, "x", 1, 0));
	close(s);

	sa = sin_of(LO, PORT_REUSE);
	s = socket(AF_INET, SOCK_DGRAM, 0);
	s2 = socket(AF_INET, SOCK_DGRAM, 0);
	set_int(s, SOL_SOCKET, SO_REUSEADDR, 1);
	set_int(s2, SOL_SOCKET, SO_REUSEADDR, 1);
	res("SO_REUSEADDR on both: bind first", bind(s, SA(&sa), sizeof(sa)));
	res("SO_REUSEADDR on both: bind second", bind(s2, SA(&sa), sizeof(sa)));
	close(s2);
	close(s);
	say_flush();
}

static void test_boundaries(int s)
{
	struct sockaddr_in from, tname;
	socklen_t len = sizeof(from);
	int t = socket(AF_INET, SOCK_DGRAM, 0);
	long n;

	say("== datagram boundaries\n");
	memset(big, 'b', 100);
	res("sendto 10 bytes", send_to(t, "0123456789", 10, PORT));
	show_name("sender getsockname (bound by sendto)", t, 0, &tname);
	res("sendto 0 bytes", send_to(t, "", 0, PORT));
	res("sendto 100 bytes", send_to(t, big, 100, PORT));
	res("sendto 1 byte", send_to(t, "!", 1, PORT));
	res("sendto 3 bytes", send_to(t, "end", 3, PORT));

	wait_fd(s, POLLIN, WAIT_MS);
	show_poll("poll receiver", s, POLLIN | POLLOUT, 0);
	show_fionread("FIONREAD", s);
	memset(&from, 0, sizeof(from));
	n = recvfrom(s, buf, sizeof(buf), 0, SA(&from), &len);
	say("recvfrom: %ld \"%.*s\" from %s (len %u)\n", n, (int)(n > 0 ? n : 0),
	    (char *)buf, addr_str(&from), (unsigned int)len);
	say("source port is the sender's: %s\n", yesno(from.sin_port == tname.sin_port));
	if (wait_fd(s, POLLIN, WAIT_MS) > 0)
		show_fionread("FIONREAD, empty datagram first", s);
	recv_one("recv the empty datagram", s, sizeof(buf), 0);
	if (wait_fd(s, POLLIN, WAIT_MS) > 0)
		show_fionread("FIONREAD", s);
	recv_one("recv 10 of 100", s, 10, 0);
	recv_one("recv next", s, sizeof(buf), 0);
	recv_one("recv 0 of 3", s, 0, 0);
	res("recv MSG_DONTWAIT, all read", recv(s, buf, sizeof(buf), MSG_DONTWAIT));
	show_fionread("FIONREAD, nothing queued", s);
	close(t);
	say_flush();
}

static void test_trunc_peek(int s)
{
	struct sockaddr_in from;
	struct iovec iov[2];
	struct msghdr mh;
	char a[4], b[8];
	int t = socket(AF_INET, SOCK_DGRAM, 0);
	long n;

	say("== MSG_TRUNC and MSG_PEEK\n");
	memset(big, 't', 100);
	send_to(t, big, 100, PORT);
	recv_one("recv 10 with MSG_TRUNC", s, 10, MSG_TRUNC);

	send_to(t, "abcdefghijklmnop", 16, PORT);
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	iov[0] = (struct iovec){ a, 3 };
	iov[1] = (struct iovec){ b, 7 };
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	wait_fd(s, POLLIN, WAIT_MS);
	n = recvmsg(s, &mh, 0);
	res("recvmsg 3+7 of 16", n);
	say("recvmsg parts \"%s\" \"%s\", MSG_TRUNC %s, from %s, namelen %u\n", a, b,
	    yesno(mh.msg_flags & MSG_TRUNC), addr_str(&from), (unsigned int)mh.msg_namelen);

	send_to(t, "short", 5, PORT);
	memset(b, 0, sizeof(b));
	iov[0] = (struct iovec){ b, 7 };
	mh.msg_iovlen = 1;
	mh.msg_name = NULL;
	mh.msg_namelen = 0;
	wait_fd(s, POLLIN, WAIT_MS);
	n = recvmsg(s, &mh, 0);
	say("recvmsg 5 into 7: %ld \"%s\", MSG_TRUNC %s\n", n, b,
	    yesno(mh.msg_flags & MSG_TRUNC));

	send_to(t, "peekaboo", 8, PORT);
	send_to(t, "second", 6, PORT);
	recv_one("recv 4 MSG_PEEK", s, 4, MSG_PEEK);
	recv_one("recv 100 MSG_PEEK", s, 100, MSG_PEEK);
	show_fionread("FIONREAD after peeks", s);
	recv_one("recv 100", s, 100, 0);
	recv_one("recv 100", s, 100, 0);
	res("recv MSG_DONTWAIT", recv(s, buf, 100, MSG_DONTWAIT));
	close(t);
	say_flush();
}

static void test_connected(int s)
{
	struct sockaddr_in sa = sin_of(LO, PORT), uname, unspec;
	int u = socket(AF_INET, SOCK_DGRAM, 0), x = udp_bound(LO, PORT_ANY + 5);
	socklen_t len = sizeof(uname);

	say("== connected sockets\n");
	res("connect", connect(u, SA(&sa), sizeof(sa)));
	show_name("getsockname", u, 0, &uname);
	show_name("getpeername", u, 1, NULL);
	res("send", send(u, "conn", 4, 0));
	recv_one("receiver", s, 100, 0);
	getsockname(u, SA(&uname), &len);
	res("receiver replies", sendto(s, "reply", 5, 0, SA(&uname), sizeof(uname)));
	recv_one("connected socket", u, 100, 0);
	res("a third socket sends to it", sendto(x, "intruder", 8, 0, SA(&uname), sizeof(uname)));
	res("the peer sends to it", sendto(s, "peer", 4, 0, SA(&uname), sizeof(uname)));
	recv_one("connected socket (only the peer's)", u, 100, 0);
	res("recv MSG_DONTWAIT", recv(u, buf, 100, MSG_DONTWAIT));
	sa = sin_of(LO, PORT_ANY + 5);
	res("sendto another address while connected", sendto(u, "explicit", 8, 0, SA(&sa),
							       sizeof(sa)));
	recv_one("third socket", x, 100, 0);
	res("connect to another peer", connect(u, SA(&sa), sizeof(sa)));
	show_name("getpeername", u, 1, NULL);
	memset(&unspec, 0, sizeof(unspec));
	unspec.sin_family = AF_UNSPEC;
	res("connect AF_UNSPEC", connect(u, SA(&unspec), sizeof(unspec)));
	show_name("getpeername", u, 1, NULL);
	show_name("getsockname after AF_UNSPEC", u, 0, NULL);
	res("send, not connected", send(u, "x", 1, 0));
	close(u);
	close(x);
	say_flush();
}

static void test_any(void)
{
	struct sockaddr_in two = sin_of("127.0.0.2", PORT_ANY);
	int s = udp_bound("0.0.0.0", PORT_ANY), t = socket(AF_INET, SOCK_DGRAM, 0);

	say("== bound to 0.0.0.0\n");
	show_name("getsockname", s, 0, NULL);
	res("sendto 127.0.0.1", send_to(t, "any", 3, PORT_ANY));
	recv_one("recv", s, 100, 0);
	res("sendto 127.0.0.2 (also loopback)", sendto(t, "two", 3, 0, SA(&two), sizeof(two)));
	recv_one("recv", s, 100, 0);
	close(s);
	close(t);
	say_flush();
}

static void test_big(int s)
{
	struct pattern p;
	int t = socket(AF_INET, SOCK_DGRAM, 0);
	long n;

	say("== the largest datagram\n");
	pattern_init(&p, 7);
	pattern_fill(&p, big, MAXDGRAM + 1);
	res("sendto 65508 bytes", send_to(t, big, MAXDGRAM + 1, PORT));
	res("sendto 65507 bytes", send_to(t, big, MAXDGRAM, PORT));
	n = recv_one("recv", s, sizeof(buf), 0);
	say("same bytes: %s\n", yesno(n == MAXDGRAM && !memcmp(buf, big, MAXDGRAM)));
	close(t);
	say_flush();
}

static void test_timeout(int s)
{
	struct timeval tv = { 0, 200000 };
	double t;

	say("== SO_RCVTIMEO\n");
	res("setsockopt SO_RCVTIMEO 200 ms", setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv,
							 sizeof(tv)));
	t = now_s();
	res("recv with nothing to read", recv(s, buf, 100, 0));
	t = now_s() - t;
	say("waited at least 150 ms: %s\n", yesno(t >= 0.15));
	say("waited less than 5 s: %s\n", yesno(t < 5));
	tv.tv_usec = 0;
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	say_flush();
}

/* A child echoes 1000 datagrams of growing size; the parent checks them. */
static void test_pingpong(void)
{
	int e = udp_bound(LO, PORT_PINGPONG), c, i, ok = 0;
	struct pattern p;
	pid_t pid;

	say("== 1000 datagrams echoed by another process\n");
	if (e < 0)
		return;
	pid = fork_flushed();
	if (pid == 0) {
		struct sockaddr_in from;
		int n_echoed = 0;

		for (i = 0; i < 1000; i++) {
			socklen_t len = sizeof(from);
			long n;

			if (wait_fd(e, POLLIN, WAIT_MS) <= 0)
				break;
			n = recvfrom(e, buf, sizeof(buf), 0, SA(&from), &len);
			if (n < 0 || sendto(e, buf, n, 0, SA(&from), len) != n)
				break;
			n_echoed++;
		}
		say("echo: %d datagrams echoed\n", n_echoed);
		say_flush();
		_exit(0);
	}
	close(e);
	c = socket(AF_INET, SOCK_DGRAM, 0);
	{
		struct sockaddr_in sa = sin_of(LO, PORT_PINGPONG);

		connect(c, SA(&sa), sizeof(sa));
	}
	pattern_init(&p, 99);
	for (i = 0; i < 1000; i++) {
		size_t n = 1 + (i * 37) % 1400;
		long r;

		pattern_fill(&p, big, n);
		if (send(c, big, n, 0) != (long)n || wait_fd(c, POLLIN, WAIT_MS) <= 0)
			break;
		r = recv(c, buf, sizeof(buf), 0);
		if (r == (long)n && !memcmp(buf, big, n))
			ok++;
	}
	close(c);
	say("client: %d datagrams came back intact\n", ok);
	reap("echo", pid);
	say_flush();
}

static void test_unreachable(void)
{
	struct sockaddr_in sa = sin_of(LO, PORT_CLOSED);
	int u = socket(AF_INET, SOCK_DGRAM, 0), t = socket(AF_INET, SOCK_DGRAM, 0);

	say("== ICMP port unreachable\n");
	res("unconnected: sendto a closed port", send_to(t, "lost", 4, PORT_CLOSED));
	sleep_ms(200);
	show_poll("unconnected: poll", t, POLLIN, 0);
	res("unconnected: recv MSG_DONTWAIT", recv(t, buf, 100, MSG_DONTWAIT));
	res("connected: connect to a closed port", connect(u, SA(&sa), sizeof(sa)));
	res("connected: send", send(u, "lost", 4, 0));
	show_poll("connected: poll", u, POLLIN, 2000);
	res("connected: recv", recv(u, buf, 100, MSG_DONTWAIT));
	res("connected: recv again", recv(u, buf, 100, MSG_DONTWAIT));
	close(u);
	close(t);
	say_flush();
}

int main(void)
{
	int s;

	watchdog_start("net_udp", 120);
	test_basics();
	s = udp_bound(LO, PORT);
	if (s < 0) {
		say_flush();
		watchdog_stop();
		return 1;
	}
	test_boundaries(s);
	test_trunc_peek(s);
	test_connected(s);
	test_any();
	test_big(s);
	test_timeout(s);
	test_pingpong();
	close(s);
	test_unreachable();
	say("net_udp: done\n");
	say_flush();
	watchdog_stop();
	return 0;
}
