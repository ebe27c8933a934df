// SPDX-License-Identifier: GPL-2.0
/*
 * nc - copy data between standard input/output and a network connection.
 *
 * Usage: nc [-u] [-s ADDR] [-w SECS] HOST PORT    connect to HOST:PORT
 *        nc [-u] [-s ADDR] [-w SECS] -l PORT      wait for one peer on PORT
 *
 * HOST and ADDR are dotted quads ("localhost" means 127.0.0.1).  Once
 * connected, nc copies standard input to the socket and the socket to
 * standard output, in both directions at once, until both are done:
 *
 *   - at the end of standard input nc calls shutdown(SHUT_WR), so the peer
 *     reads end-of-file, and goes on reading what the peer still sends;
 *   - when the peer closes its side (read returns 0) nc goes on sending
 *     its input, and quits once that is all sent.
 *
 * -l listens on 0.0.0.0:PORT (or ADDR:PORT with -s) with SO_REUSEADDR, so
 * it can be restarted at once, and accepts one connection.  -u uses UDP:
 * every read from standard input is sent as one datagram; a UDP "server"
 * (-u -l) talks to whoever sent the first datagram.  UDP has no end of
 * file, so a UDP nc runs until interrupted, or until -w SECS pass with
 * nothing to do (-w works for TCP too).  Without -s a client binds nothing:
 * connect() picks the local address and port.
 *
 * One poll() waits on both standard input and the socket.  The socket is
 * non-blocking: if the peer is slow to read, a write takes what fits in
 * the socket buffer and nc keeps the rest, reading from the socket in the
 * meantime (a blocking write could wait forever for a peer that is itself
 * waiting for us to read).  Standard input is read only when everything
 * read before has been sent.
 *
 * System calls: socket, setsockopt (SO_REUSEADDR), bind, listen, accept,
 * connect, recvfrom (first datagram of -u -l), fcntl (F_GETFL, F_SETFL
 * O_NONBLOCK), poll, read, write, shutdown (SHUT_WR), close, rt_sigaction
 * (ignore SIGPIPE).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFSZ	(64 * 1024)

static char tonet[BUFSZ];	/* read from standard input, to be sent */
static char fromnet[BUFSZ];	/* read from the socket */

static int fail(const char *what)
{
	fprintf(stderr, "nc: %s: %s\n", what, strerror(errno));
	return 1;
}

static void die(const char *what)
{
	fail(what);
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: nc [-u] [-s ADDR] [-w SECS] HOST PORT\n"
			"       nc [-u] [-s ADDR] [-w SECS] -l PORT\n");
	exit(1);
}

/* "10.0.2.2" or "localhost" -> an address in network byte order. */
static int parse_addr(const char *s, struct in_addr *a)
{
	if (strcmp(s, "localhost") == 0)
		s = "127.0.0.1";
	return inet_pton(AF_INET, s, a) == 1 ? 0 : -1;
}

static int parse_port(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 1 || n > 65535) {
		fprintf(stderr, "nc: %s: invalid port\n", s);
		exit(1);
	}
	return n;
}

/* Writes to standard output may be partial (a pipe): loop until done. */
static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= w;
	}
	return 0;
}

/*
 * Copy stdin -> s and s -> stdout until both directions are finished.
 * timeout_ms is poll()'s timeout (-1: none).  Returns the exit status.
 */
static int copy_loop(int s, int udp, int timeout_ms)
{
	size_t off = 0, len = 0;	/* tonet[off..len) is still to send */
	int in_open = 1;		/* standard input not at its end yet */
	int net_open = 1;		/* the peer has not closed its side */
	int shut = udp;			/* we shut down our side (not in UDP) */
	struct pollfd pfd[2];
	ssize_t n;

	for (;;) {
		if (!in_open && off == len && !shut) {
			/* All input sent: the peer now reads end-of-file. */
			if (shutdown(s, SHUT_WR) < 0)
				return fail("shutdown");
			shut = 1;
		}
		if (!in_open && off == len && !net_open)
			return 0;

		/* Read more input only when the last piece has gone out. */
		pfd[0].fd = (in_open && off == len) ? STDIN_FILENO : -1;
		pfd[0].events = POLLIN;
		pfd[1].fd = s;
		pfd[1].events = (net_open ? POLLIN : 0) |
				(off < len ? POLLOUT : 0);

		n = poll(pfd, 2, timeout_ms);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return fail("poll");
		}
		if (n == 0)
			return 0;	/* -w: nothing happened for SECS */

		/* The peer closed, then reset: nothing more can be sent. */
		if (!net_open && off == len &&
		    (pfd[1].revents & (POLLERR | POLLHUP)))
			return 0;

		if (net_open && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = read(s, fromnet, sizeof(fromnet));
			if (n < 0 && errno != EAGAIN && errno != EINTR)
				return fail("read");
			if (n == 0 && !udp)
				net_open = 0;	/* end of file: peer shut down */
			if (n > 0 && write_all(STDOUT_FILENO, fromnet, n) < 0)
				return fail("stdout");
		}

		if (off < len && (pfd[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			/* May take only part of it; EAGAIN if nothing fits. */
			n = write(s, tonet + off, len - off);
			if (n < 0 && errno != EAGAIN && errno != EINTR)
				return fail("write");
			if (n > 0)
				off += n;
		}

		if (pfd[0].revents) {
			n = read(STDIN_FILENO, tonet, sizeof(tonet));
			if (n < 0 && errno != EAGAIN && errno != EINTR)
				return fail("stdin");
			if (n == 0)
				in_open = 0;
			if (n > 0) {
				off = 0;
				len = n;
			}
		}
	}
}

/* Listen on local:port and return the socket of the first peer. */
static int wait_for_peer(int s, int udp, struct sockaddr_in *local)
{
	struct sockaddr_in peer;
	socklen_t plen = sizeof(peer);
	int one = 1;
	int c;
	ssize_t n;

	/* Allow the port at once, even with old connections in TIME_WAIT. */
	if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		die("setsockopt");
	if (bind(s, (struct sockaddr *)local, sizeof(*local)) < 0)
		die("bind");

	if (udp) {
		/* No connections in UDP: the first datagram tells us the peer. */
		n = recvfrom(s, fromnet, sizeof(fromnet), 0,
			     (struct sockaddr *)&peer, &plen);
		if (n < 0)
			die("recvfrom");
		if (write_all(STDOUT_FILENO, fromnet, n) < 0)
			die("stdout");
		/* Fix the peer: read/write now go to and come from it only. */
		if (connect(s, (struct sockaddr *)&peer, plen) < 0)
			die("connect");
		return s;
	}

	if (listen(s, 1) < 0)
		die("listen");
	c = accept(s, (struct sockaddr *)&peer, &plen);
	if (c < 0)
		die("accept");
	close(s);		/* one connection only */
	return c;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in local = { .sin_family = AF_INET };
	struct sockaddr_in remote = { .sin_family = AF_INET };
	int listening = 0, udp = 0, timeout_ms = -1;
	int opt, s, status;

	local.sin_addr.s_addr = htonl(INADDR_ANY);
	while ((opt = getopt(argc, argv, "lus:w:")) != -1) {
		switch (opt) {
		case 'l':
			listening = 1;
			break;
		case 'u':
			udp = 1;
			break;
		case 's':
			if (parse_addr(optarg, &local.sin_addr) < 0) {
				fprintf(stderr, "nc: %s: invalid address\n", optarg);
				return 1;
			}
			break;
		case 'w':
			timeout_ms = atoi(optarg) * 1000;
			if (timeout_ms <= 0)
				usage();
			break;
		default:
			usage();
		}
	}
	if (argc - optind != (listening ? 1 : 2))
		usage();

	if (listening) {
		local.sin_port = htons(parse_port(argv[optind]));
	} else {
		if (parse_addr(argv[optind], &remote.sin_addr) < 0) {
			fprintf(stderr, "nc: %s: invalid address\n", argv[optind]);
			return 1;
		}
		remote.sin_port = htons(parse_port(argv[optind + 1]));
	}

	/* A peer that goes away makes write() fail with EPIPE, not kill us. */
	signal(SIGPIPE, SIG_IGN);

	s = socket(AF_INET, udp ? SOCK_DGRAM : SOCK_STREAM, 0);
	if (s < 0)
		return fail("socket");

	if (listening) {
		s = wait_for_peer(s, udp, &local);
	} else {
		if (local.sin_addr.s_addr != htonl(INADDR_ANY) &&
		    bind(s, (struct sockaddr *)&local, sizeof(local)) < 0)
			return fail("bind");
		/* TCP: the three-way handshake.  UDP: only sets the peer. */
		if (connect(s, (struct sockaddr *)&remote, sizeof(remote)) < 0)
			return fail("connect");
	}

	if (fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK) < 0)
		return fail("fcntl");
	status = copy_loop(s, udp, timeout_ms);
	close(s);
	return status;
}
