// SPDX-License-Identifier: GPL-2.0
/*
 * ping - send ICMP echo requests to a host and report the replies.
 *
 * Usage: ping [-c COUNT] [-i INTERVAL] HOST
 *
 * HOST is a dotted quad ("localhost" means 127.0.0.1).  One echo request
 * of 56 data bytes is sent every INTERVAL seconds (default 1, fractions
 * allowed), COUNT times (default: until interrupted).  Each reply is
 * printed as it arrives; at the end (after the last reply, after 10
 * seconds without the missing ones, or on Ctrl-C) come the statistics,
 * in the format of Linux's iputils ping:
 *
 *     PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.
 *     64 bytes from 10.0.2.2: icmp_seq=1 ttl=255 time=0.512 ms
 *
 *     --- 10.0.2.2 ping statistics ---
 *     1 packets transmitted, 1 received, 0% packet loss, time 0ms
 *     rtt min/avg/max/mdev = 0.512/0.512/0.512/0.000 ms
 *
 * The exit status is 0 if any reply came back, 1 otherwise.
 *
 * The socket is a Linux "ping socket", socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP): an unprivileged program may send echo requests through
 * it.  The kernel treats the ICMP identifier like a UDP port: it puts the
 * socket's own in every request (and fills in the checksum) and hands the
 * socket only the replies carrying it, without their IP header.  The
 * reply's TTL comes as a control message of recvmsg() once IP_RECVTTL is
 * set.  Linux allows ping sockets only to the groups in the sysctl
 * net.ipv4.ping_group_range, so on a Linux host socket() may fail with
 * EACCES; then, if we are root, we fall back to a raw socket,
 * socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), which receives every ICMP
 * packet with its IP header: there we pick the identifier (our pid),
 * compute the checksum ourselves (we always do), skip packets that are
 * not our replies and read the TTL from the IP header.
 *
 * The packet carries the time it was sent (CLOCK_MONOTONIC), so the round
 * trip time is computed from the reply alone.
 *
 * System calls: socket, setsockopt (IP_RECVTTL), sendto, recvmsg (with a
 * control message), poll, clock_gettime, rt_sigaction (SIGINT; musl also
 * calls rt_sigprocmask the first time), rt_sigreturn (after the handler),
 * geteuid and getpid (raw socket only), writev (stdio).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DATALEN		56	/* data bytes after the 8-byte ICMP header */
#define LINGER		10.0	/* seconds to wait for the last replies */

static volatile sig_atomic_t interrupted;
static long transmitted, received;
static double tmin, tmax, tsum, tsum2;	/* round trip times, in ms */

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The Internet checksum: one's complement of the one's complement sum. */
static unsigned short checksum(const void *data, size_t len)
{
	const unsigned char *p = data;
	unsigned long sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += p[0] << 8 | p[1];
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

/* iputils' precision: 3 significant digits, at least 0 decimals. */
static void print_ms(double ms)
{
	int decimals = ms >= 100 ? 0 : ms >= 10 ? 1 : ms >= 1 ? 2 : 3;

	printf("%.*f", decimals, ms);
}

static void send_echo(int s, const struct sockaddr_in *to, int raw, int seq)
{
	unsigned char packet[sizeof(struct icmphdr) + DATALEN];
	struct icmphdr *icmp = (struct icmphdr *)packet;
	double sent = now();
	size_t i;

	memset(icmp, 0, sizeof(*icmp));
	icmp->type = ICMP_ECHO;
	icmp->un.echo.id = raw ? htons(getpid() & 0xffff) : 0;
	icmp->un.echo.sequence = htons(seq);
	memcpy(packet + sizeof(*icmp), &sent, sizeof(sent));
	for (i = sizeof(*icmp) + sizeof(sent); i < sizeof(packet); i++)
		packet[i] = i;
	icmp->checksum = checksum(packet, sizeof(packet));

	transmitted++;
	if (sendto(s, packet, sizeof(packet), 0, (const struct sockaddr *)to,
		   sizeof(*to)) < 0)
		fprintf(stderr, "ping: sendto: %s\n", strerror(errno));
}

/* Read one packet; print it and count it if it is one of our replies. */
static void receive_reply(int s, int raw)
{
	unsigned char packet[1500];
	char control[64];
	struct sockaddr_in from;
	struct iovec iov = { packet, sizeof(packet) };
	struct msghdr msg = {
		.msg_name = &from, .msg_namelen = sizeof(from),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = control, .msg_controllen = sizeof(control),
	};
	struct cmsghdr *cm;
	struct icmphdr *icmp;
	unsigned char *p = packet;
	int ttl = -1;
	double sent, rtt;
	ssize_t len;

	len = recvmsg(s, &msg, 0);
	if (len < 0) {
		if (errno != EINTR && errno != EAGAIN)
			fprintf(stderr, "ping: recvmsg: %s\n", strerror(errno));
		return;
	}
	if (raw) {
		/* A raw socket gives the IP header too: skip it. */
		struct iphdr *ip = (struct iphdr *)packet;
		size_t hlen = ip->ihl * 4;

		if ((size_t)len < hlen)
			return;
		ttl = ip->ttl;
		p += hlen;
		len -= hlen;
	} else {
		for (cm = CMSG_FIRSTHDR(&msg); cm; cm = CMSG_NXTHDR(&msg, cm))
			if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_TTL)
				memcpy(&ttl, CMSG_DATA(cm), sizeof(ttl));
	}
	icmp = (struct icmphdr *)p;
	if ((size_t)len < sizeof(*icmp) + sizeof(sent) ||
	    icmp->type != ICMP_ECHOREPLY)
		return;		/* e.g. our own request, seen on loopback */
	if (raw && icmp->un.echo.id != htons(getpid() & 0xffff))
		return;		/* another ping's reply */

	memcpy(&sent, p + sizeof(*icmp), sizeof(sent));
	rtt = (now() - sent) * 1000;
	if (received == 0 || rtt < tmin)
		tmin = rtt;
	if (rtt > tmax)
		tmax = rtt;
	tsum += rtt;
	tsum2 += rtt * rtt;
	received++;

	printf("%zd bytes from %s: icmp_seq=%u", len, inet_ntoa(from.sin_addr),
	       ntohs(icmp->un.echo.sequence));
	if (ttl >= 0)
		printf(" ttl=%d", ttl);
	printf(" time=");
	print_ms(rtt);
	printf(" ms\n");
}

static void statistics(const char *host, double elapsed)
{
	double avg, mdev;

	printf("\n--- %s ping statistics ---\n", host);
	printf("%ld packets transmitted, %ld received, %g%% packet loss, time %ldms\n",
	       transmitted, received,
	       transmitted ? (transmitted - received) * 100.0 / transmitted : 0.0,
	       (long)(elapsed * 1000));
	if (received) {
		avg = tsum / received;
		mdev = sqrt(fabs(tsum2 / received - avg * avg));
		printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n",
		       tmin, avg, tmax, mdev);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: ping [-c COUNT] [-i INTERVAL] HOST\n");
	exit(1);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct sigaction sa = { .sa_handler = on_sigint };
	struct pollfd pfd;
	const char *host, *addr;
	double interval = 1, start, next, t, wait;
	long count = 0;
	int opt, s, raw = 0, one = 1;
	char *end;

	while ((opt = getopt(argc, argv, "c:i:")) != -1) {
		switch (opt) {
		case 'c':
			count = strtol(optarg, &end, 10);
			if (*end || count < 1)
				usage();
			break;
		case 'i':
			interval = strtod(optarg, &end);
			if (*end || !(interval > 0))
				usage();
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 1)
		usage();
	host = argv[optind];
	addr = strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
	if (inet_pton(AF_INET, addr, &to.sin_addr) != 1) {
		fprintf(stderr, "ping: %s: not an IPv4 address\n", host);
		return 1;
	}

	s = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
	if (s < 0 && (errno == EACCES || errno == EPERM) && geteuid() == 0) {
		/* Ping sockets not allowed (ping_group_range): go raw. */
		s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
		raw = 1;
	}
	if (s < 0) {
		fprintf(stderr, "ping: socket: %s\n", strerror(errno));
		return 1;
	}
	/* Ask for each reply's TTL (ping socket: as a control message). */
	if (!raw)
		setsockopt(s, IPPROTO_IP, IP_RECVTTL, &one, sizeof(one));

	/* Ctrl-C interrupts poll() (no SA_RESTART) and ends the loop. */
	sigaction(SIGINT, &sa, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);	/* each line as it comes */

	printf("PING %s (%s) %d(%d) bytes of data.\n", host,
	       inet_ntoa(to.sin_addr), DATALEN,
	       DATALEN + (int)sizeof(struct icmphdr) + 20);

	start = next = now();
	pfd.fd = s;
	pfd.events = POLLIN;
	while (!interrupted) {
		t = now();
		if (count == 0 || transmitted < count) {
			if (t >= next) {
				send_echo(s, &to, raw, transmitted + 1);
				next += interval;
				continue;
			}
			wait = next - t;
		} else {
			/* All sent: wait for the missing replies, not forever. */
			if (received >= transmitted || t >= next - interval + LINGER)
				break;
			wait = next - interval + LINGER - t;
		}
		if (poll(&pfd, 1, (int)(wait * 1000) + 1) > 0)
			receive_reply(s, raw);
	}
	statistics(host, now() - start);
	return received ? 0 : 1;
}
