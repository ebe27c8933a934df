// SPDX-License-Identifier: GPL-2.0
/*
 * wget - fetch a file over HTTP.
 *
 * Usage: wget [-q] [-O FILE] http://HOST[:PORT]/PATH
 *
 * HOST is a dotted quad ("localhost" means 127.0.0.1); PORT defaults to
 * 80.  The file is saved under the last component of PATH (index.html if
 * that is empty), replacing any file of that name, or as FILE with -O
 * ("-O -" writes it to standard output).  Progress and a summary go to
 * standard error unless -q.
 *
 * The request is HTTP/1.0-style with "Connection: close", so the server
 * sends the body as is (never in chunks) and closes the connection after
 * it.  The body ends after Content-Length bytes if the server sent that
 * header, otherwise when the server closes; a connection closed before
 * Content-Length bytes arrived is an error.  A status other than 2xx is
 * printed and wget exits 1 without saving anything (redirects are not
 * followed).
 *
 * send() and recv() are write() and read() on a socket, with flags (none
 * here); musl makes them the sendto and recvfrom system calls.
 *
 * System calls: socket, connect, sendto, recvfrom, open, write, close,
 * clock_gettime, ioctl (TIOCGWINSZ: musl's isatty, for live progress on
 * a terminal only), rt_sigaction (ignore SIGPIPE), writev (stdio).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HEAD_MAX	16384		/* longest response head */

static char buf[64 * 1024];
static int quiet;

static void die(const char *what)
{
	fprintf(stderr, "wget: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: wget [-q] [-O FILE] http://HOST[:PORT]/PATH\n");
	exit(1);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 1536 -> "1.5 KiB" */
static const char *human(double n, char *out, size_t size)
{
	static const char *unit[] = { "B", "KiB", "MiB", "GiB" };
	int i = 0;

	while (n >= 1024 && i < 3) {
		n /= 1024;
		i++;
	}
	snprintf(out, size, i ? "%.1f %s" : "%.0f %s", n, unit[i]);
	return out;
}

/*
 * Split "http://10.0.2.2:8080/a/b.txt" into the address, the port, the
 * "Host:" value "10.0.2.2:8080" and the path "/a/b.txt".
 */
static void parse_url(const char *url, struct sockaddr_in *sa, char *host,
		      size_t hostsize, const char **path)
{
	const char *p, *end;
	char name[64];
	long port = 80;
	size_t len;

	if (strncmp(url, "http://", 7) != 0) {
		fprintf(stderr, "wget: %s: only http:// URLs are supported\n", url);
		exit(1);
	}
	p = url + 7;
	end = p + strcspn(p, "/");
	*path = *end ? end : "/";
	if (end - p >= (long)hostsize) {
		fprintf(stderr, "wget: %s: host name too long\n", url);
		exit(1);
	}
	memcpy(host, p, end - p);
	host[end - p] = '\0';

	len = strcspn(host, ":");
	if (host[len] == ':') {
		char *e;

		port = strtol(host + len + 1, &e, 10);
		if (*e || port < 1 || port > 65535) {
			fprintf(stderr, "wget: %s: invalid port\n", url);
			exit(1);
		}
	}
	snprintf(name, sizeof(name), "%.*s", (int)len, host);
	if (strcmp(name, "localhost") == 0)
		strcpy(name, "127.0.0.1");
	sa->sin_family = AF_INET;
	sa->sin_port = htons(port);
	if (inet_pton(AF_INET, name, &sa->sin_addr) != 1) {
		fprintf(stderr, "wget: %s: host must be an IPv4 address\n", url);
		exit(1);
	}
}

/* "/a/b.txt?x" -> "b.txt"; "/" -> "index.html" */
static void file_name(const char *path, char *out, size_t size)
{
	size_t len = strcspn(path, "?#");
	const char *start = path;
	const char *p;

	for (p = path; p < path + len; p++)
		if (*p == '/')
			start = p + 1;
	len -= start - path;
	if (len == 0)
		snprintf(out, size, "index.html");
	else
		snprintf(out, size, "%.*s", (int)len, start);
}

/* send() may take only part of the data: loop until all is sent. */
static void send_all(int s, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(s, p, n, 0);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			die("send");
		}
		p += w;
		n -= w;
	}
}

static void write_all(int fd, const char *p, size_t n, const char *name)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			die(name);
		}
		p += w;
		n -= w;
	}
}

/* Where the head ends (after its blank line) in buf[0..len), or 0. */
static size_t head_end(const char *b, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (b[i] != '\n')
			continue;
		if (b[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && b[i + 1] == '\r' && b[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in sa;
	char host[128], name[256], req[1024], size1[32], size2[32];
	const char *path, *url, *output = NULL, *line;
	long long length = -1, got = 0;
	size_t len = 0, head = 0;
	int opt, s, fd, status, tty;
	double start, last = 0, t;
	ssize_t n;

	while ((opt = getopt(argc, argv, "qO:")) != -1) {
		switch (opt) {
		case 'q':
			quiet = 1;
			break;
		case 'O':
			output = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 1)
		usage();
	url = argv[optind];
	parse_url(url, &sa, host, sizeof(host), &path);
	if (!output) {
		file_name(path, name, sizeof(name));
		output = name;
	}
	tty = !quiet && isatty(STDERR_FILENO);
	signal(SIGPIPE, SIG_IGN);

	/* Connect and send the request. */
	start = seconds();
	if (!quiet)
		fprintf(stderr, "Connecting to %s... ", host);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0)
		die("socket");
	if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (!quiet)
			fprintf(stderr, "failed.\n");
		die("connect");
	}
	if (!quiet)
		fprintf(stderr, "connected.\n");
	n = snprintf(req, sizeof(req),
		     "GET %s HTTP/1.0\r\n"
		     "Host: %s\r\n"
		     "User-Agent: wget (teaching kernel)\r\n"
		     "Accept: */*\r\n"
		     "Connection: close\r\n"
		     "\r\n", path, host);
	if (n >= (ssize_t)sizeof(req)) {
		fprintf(stderr, "wget: %s: URL too long\n", url);
		return 1;
	}
	send_all(s, req, n);
	if (!quiet)
		fprintf(stderr, "HTTP request sent, awaiting response... ");

	/* Read until the blank line that ends the response head. */
	while ((head = head_end(buf, len)) == 0) {
		if (len == HEAD_MAX) {
			fprintf(stderr, "\nwget: %s: response head too long\n", url);
			return 1;
		}
		n = recv(s, buf + len, HEAD_MAX - len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("recv");
		if (n == 0) {
			fprintf(stderr, "\nwget: %s: connection closed before the "
				"response head\n", url);
			return 1;
		}
		len += n;
	}
	buf[head - 1] = '\0';	/* the head is now one string */

	/* "HTTP/1.1 200 OK" */
	if (sscanf(buf, "HTTP/%*d.%*d %d", &status) != 1) {
		fprintf(stderr, "\nwget: %s: not an HTTP response\n", url);
		return 1;
	}
	line = strchr(buf, ' ') + 1;
	if (!quiet)
		fprintf(stderr, "%.*s\n", (int)strcspn(line, "\r\n"), line);
	if (status < 200 || status > 299) {
		fprintf(stderr, "wget: %s: %.*s\n", url,
			(int)strcspn(line, "\r\n"), line);
		return 1;
	}

	/* The only header we need: Content-Length. */
	for (line = strchr(buf, '\n'); line; line = strchr(line, '\n')) {
		line++;
		if (strncasecmp(line, "Content-Length:", 15) == 0)
			length = strtoll(line + 15, NULL, 10);
	}
	if (!quiet) {
		if (length >= 0)
			fprintf(stderr, "Length: %lld (%s)\n", length,
				human(length, size1, sizeof(size1)));
		else
			fprintf(stderr, "Length: unspecified\n");
		fprintf(stderr, "Saving to: '%s'\n", output);
	}

	if (strcmp(output, "-") == 0)
		fd = STDOUT_FILENO;
	else
		fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die(output);

	/* The body: what came with the head, then the rest. */
	len -= head;
	memmove(buf, buf + head, len);
	for (;;) {
		if (length >= 0 && got + (long long)len > length)
			len = length - got;	/* ignore anything extra */
		write_all(fd, buf, len, output);
		got += len;
		if (length >= 0 && got == length)
			break;
		t = seconds();
		if (tty && t - last >= 0.25) {
			fprintf(stderr, "\r%s received", human(got, size1, sizeof(size1)));
			last = t;
		}
		n = recv(s, buf, sizeof(buf), 0);
		if (n < 0 && errno == EINTR) {
			len = 0;
			continue;
		}
		if (n < 0)
			die("recv");
		if (n == 0)
			break;			/* the server closed: the end */
		len = n;
	}
	close(s);
	if (fd != STDOUT_FILENO && close(fd) < 0)
		die(output);
	if (last > 0)
		fprintf(stderr, "\n");	/* end the progress line */
	if (length >= 0 && got < length) {
		fprintf(stderr, "wget: %s: connection closed after %lld of %lld bytes\n",
			url, got, length);
		return 1;
	}
	if (!quiet) {
		t = seconds() - start;
		fprintf(stderr, "'%s' saved [%lld/%lld] in %.3f s (%s/s)\n",
			output, got, length >= 0 ? length : got, t,
			human(t > 0 ? got / t : 0, size2, sizeof(size2)));
	}
	return 0;
}
