// SPDX-License-Identifier: GPL-2.0
/*
 * httpd - a small HTTP/1.1 file server.
 *
 * Usage: httpd [-p PORT] [-r ROOT] [-a ADDR]
 *
 * Serves the files under ROOT (default /www, or / if there is no /www) on
 * ADDR:PORT (default 0.0.0.0:80).  GET and HEAD only; other methods get
 * 405 (the usual ones) or 501.  A path with a ".." component gets 403, a
 * missing file 404, a malformed request 400.  A directory is answered by
 * its index.html or, if it has none, by a list of its files ("/dir" is
 * first redirected to "/dir/" so that relative links work).  Content-Type
 * comes from the file name's extension.  Symbolic links are followed, even
 * out of ROOT.  One line per request is logged on standard error:
 *
 *     127.0.0.1:40312 "GET /index.html HTTP/1.1" 200 1043
 *
 * Connections are kept open after a response (HTTP/1.1's default) unless
 * the client sends "Connection: close" or speaks HTTP/1.0 without
 * "Connection: keep-alive"; several requests sent at once (pipelined) are
 * answered in order.  A connection idle for a minute is closed.
 *
 * One process serves every client.  All sockets are non-blocking and a
 * single poll() waits for whichever can make progress: the listening
 * socket (a client to accept), connections reading a request (POLLIN) and
 * connections sending a response (POLLOUT).  Each connection is a small
 * state machine with its own buffers:
 *
 *   READING  collect bytes until the blank line that ends the request head,
 *            then parse it and prepare the response
 *   SENDING  write the response head (and any generated body), then the
 *            file, 32 KiB at a time; a write may take only part of what
 *            we offer, or nothing (EAGAIN): keep the rest, wait for POLLOUT
 *   CLOSING  shut down our side and read (and drop) what the client still
 *            sends until it closes: closing a socket with unread data
 *            would reset the connection and could lose our response
 *
 * so a slow client never holds up the others.
 *
 * System calls: socket, setsockopt (SO_REUSEADDR), bind, listen, accept,
 * fcntl (F_GETFL, F_SETFL O_NONBLOCK), poll, read, write, shutdown (SHUT_WR),
 * close; for the files: stat, open, read, close, and open, fcntl (F_SETFD),
 * getdents64 (scandir) for listings; clock_gettime, rt_sigaction (ignore
 * SIGPIPE), writev (the log, through stdio), brk/mmap/munmap (malloc).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONN	32
#define REQ_MAX		8192		/* longest request head */
#define CHUNK		(32 * 1024)	/* file data read at a time */
#define IDLE_SECS	60		/* close connections idle this long */
#define CLOSING_SECS	5		/* wait as long for a client to close */

/* A growable byte buffer: the response head and generated bodies. */
struct buf {
	char *p;
	size_t len, cap;
};

enum state { FREE, READING, SENDING, CLOSING };

struct conn {
	int fd;
	enum state state;
	char peer[24];		/* "a.b.c.d:port", for the log */
	time_t last;		/* last activity (monotonic seconds) */
	char req[REQ_MAX];	/* received, not yet answered: maybe more
				   than one request when pipelined */
	size_t req_len;
	int keep_alive;		/* keep the connection after this response */
	struct buf out;		/* head (+ body) being sent */
	size_t out_off;
	int file;		/* file being sent, or -1 */
	off_t file_left;	/* bytes of it not yet read */
	char chunk[CHUNK];	/* file data read but not yet sent */
	size_t chunk_len, chunk_off;
};

static struct conn conns[MAX_CONN];
static const char *root = "/www";

static const struct {
	const char *ext, *type;
} types[] = {
	{ "html", "text/html" },	{ "htm", "text/html" },
	{ "txt", "text/plain" },	{ "css", "text/css" },
	{ "js", "text/javascript" },	{ "json", "application/json" },
	{ "png", "image/png" },		{ "jpg", "image/jpeg" },
	{ "jpeg", "image/jpeg" },	{ "gif", "image/gif" },
	{ "svg", "image/svg+xml" },	{ "ico", "image/x-icon" },
};

static void die(const char *what)
{
	fprintf(stderr, "httpd: %s: %s\n", what, strerror(errno));
	exit(1);
}

static time_t now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* ---- byte buffers ---- */

static void buf_add(struct buf *b, const char *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = 2 * (b->len + n) + 256;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			die("realloc");
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(tmp))
		n = sizeof(tmp) - 1;	/* callers keep their text short */
	buf_add(b, tmp, n);
}

static void buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* ---- responses ---- */

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 501: return "Not Implemented";
	default: return "Internal Server Error";
	}
}

static const char *content_type(const char *path)
{
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot && !strchr(dot, '/'))
		for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

/* Start the response: status line and headers, into c->out. */
static void put_head(struct conn *c, int status, const char *type,
		     long long length, const char *extra)
{
	char date[64];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	buf_printf(&c->out, "HTTP/1.1 %d %s\r\n"
		   "Server: httpd\r\n"
		   "Date: %s\r\n"
		   "Content-Type: %s\r\n"
		   "Content-Length: %lld\r\n"
		   "Connection: %s\r\n"
		   "%s\r\n",
		   status, reason(status), date, type, length,
		   c->keep_alive ? "keep-alive" : "close", extra ? extra : "");
}

static void log_request(struct conn *c, const char *line, int status,
			long long length)
{
	fprintf(stderr, "%s \"%s\" %d %lld\n", c->peer, line, status, length);
}

/* A small HTML page saying what went wrong; returns its length. */
static int put_error(struct conn *c, int status, const char *extra,
		     int head_only)
{
	char body[256];
	int n;

	n = snprintf(body, sizeof(body),
		     "<html><head><title>%d %s</title></head>"
		     "<body><h1>%d %s</h1></body></html>\n",
		     status, reason(status), status, reason(status));
	put_head(c, status, "text/html", n, extra);
	if (head_only)
		return 0;
	buf_add(&c->out, body, n);
	return n;
}

/* Append s to b, escaped for HTML text, or for a URL if url is set. */
static void put_escaped(struct buf *b, const char *s, int url)
{
	char tmp[8];

	for (; *s; s++) {
		unsigned char ch = *s;

		if (url && !(isalnum(ch) || strchr("-._~", ch)))
			snprintf(tmp, sizeof(tmp), "%%%02X", ch);
		else if (!url && ch == '<')
			strcpy(tmp, "&lt;");
		else if (!url && ch == '>')
			strcpy(tmp, "&gt;");
		else if (!url && ch == '&')
			strcpy(tmp, "&amp;");
		else if (!url && ch == '"')
			strcpy(tmp, "&quot;");
		else
			snprintf(tmp, sizeof(tmp), "%c", ch);
		buf_add(b, tmp, strlen(tmp));
	}
}

/* A page listing the directory dir (URL path urlpath, ending in '/'). */
static int list_dir(struct buf *b, const char *dir, const char *urlpath)
{
	struct dirent **names;
	int i, n;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return -1;
	buf_printf(b, "<!DOCTYPE html>\n<html><head><title>Index of ");
	put_escaped(b, urlpath, 0);
	buf_printf(b, "</title></head>\n<body><h1>Index of ");
	put_escaped(b, urlpath, 0);
	buf_printf(b, "</h1>\n<ul>\n");
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		const char *slash = names[i]->d_type == DT_DIR ? "/" : "";

		if (strcmp(name, ".") != 0) {
			buf_printf(b, "<li><a href=\"");
			put_escaped(b, name, 1);
			buf_printf(b, "%s\">", slash);
			put_escaped(b, name, 0);
			buf_printf(b, "%s</a></li>\n", slash);
		}
		free(names[i]);
	}
	free(names);
	buf_printf(b, "</ul></body></html>\n");
	return 0;
}

/*
 * Decode the path of a request target ("/a%20b/c.txt?x=1" -> "/a b/c.txt").
 * Returns 0, or the status to answer: 400 (bad escape) or 403 ("..").
 */
static int decode_path(const char *target, char *path, size_t size)
{
	const char *p, *comp;
	size_t n = 0;
	char hex[3];

	for (p = target; *p && *p != '?' && *p != '#'; p++) {
		char ch = *p;

		if (ch == '%') {
			if (!isxdigit((unsigned char)p[1]) ||
			    !isxdigit((unsigned char)p[2]))
				return 400;
			hex[0] = p[1];
			hex[1] = p[2];
			hex[2] = '\0';
			ch = strtol(hex, NULL, 16);
			if (ch == '\0')
				return 400;
			p += 2;
		}
		if (n + 1 >= size)
			return 400;
		path[n++] = ch;
	}
	path[n] = '\0';

	/* Refuse any ".." component: it could climb out of the root. */
	for (comp = path; comp; comp = strchr(comp + 1, '/'))
		if (strncmp(comp, "/..", 3) == 0 &&
		    (comp[3] == '/' || comp[3] == '\0'))
			return 403;
	return 0;
}

/* Is there a token (e.g. "close") in a comma-separated header value? */
static int has_token(const char *value, const char *token)
{
	size_t len = strlen(token);

	while (*value) {
		while (*value == ' ' || *value == '\t' || *value == ',')
			value++;
		if (strncasecmp(value, token, len) == 0 &&
		    strchr(" \t,", value[len]))	/* also matches '\0' */
			return 1;
		while (*value && *value != ',')
			value++;
	}
	return 0;
}

/* Prepare the answer for a file, a directory or an error. */
static void answer_path(struct conn *c, const char *target, int head_only,
			const char *logline)
{
	char path[1024], location[REQ_MAX + 16];
	char fspath[2100];	/* root + path + "index.html" */
	struct buf listing = { 0 };
	struct stat st;
	int status, fd;

	status = decode_path(target, path, sizeof(path));
	if (status == 0) {
		snprintf(fspath, sizeof(fspath), "%s%s", root, path);
		if (stat(fspath, &st) < 0)
			status = errno == EACCES ? 403 : 404;
	}
	if (status == 0 && S_ISDIR(st.st_mode)) {
		if (path[strlen(path) - 1] != '/') {
			/* "/dir" -> "/dir/", or relative links would break. */
			snprintf(location, sizeof(location), "Location: %.*s/\r\n",
				 (int)strcspn(target, "?#"), target);
			status = 301;
		} else if (stat(strcat(fspath, "index.html"), &st) == 0 &&
			   S_ISREG(st.st_mode)) {
			/* serve index.html, below */
		} else {
			fspath[strlen(fspath) - strlen("index.html")] = '\0';
			if (list_dir(&listing, fspath, path) < 0) {
				status = errno == EACCES ? 403 : 404;
			} else {
				put_head(c, 200, "text/html", listing.len, NULL);
				if (!head_only)
					buf_add(&c->out, listing.p, listing.len);
				log_request(c, logline, 200,
					    head_only ? 0 : listing.len);
				buf_free(&listing);
				return;
			}
		}
	}
	if (status == 0 && !S_ISREG(st.st_mode))
		status = 403;		/* a device, a fifo... */
	if (status == 0 && !head_only) {
		fd = open(fspath, O_RDONLY);
		if (fd < 0) {
			status = errno == EACCES ? 403 : 404;
		} else {
			c->file = fd;
			c->file_left = st.st_size;
		}
	}
	if (status != 0) {
		log_request(c, logline, status,
			    put_error(c, status, status == 301 ? location : NULL,
				      head_only));
		return;
	}
	put_head(c, 200, content_type(fspath), st.st_size, NULL);
	log_request(c, logline, 200, head_only ? 0 : (long long)st.st_size);
}

/*
 * Answer the request head in c->req[0..len), which ends with its blank
 * line: fill c->out (and c->file), log the request.  Splits the head
 * into lines in place.
 */
static void answer(struct conn *c, size_t len)
{
	static const char *known[] = { "POST", "PUT", "DELETE", "PATCH",
				       "OPTIONS", "TRACE", "CONNECT" };
	char *line, *next, *method, *target, *version;
	char logline[256];
	int head_only, status;
	size_t i;

	c->req[len - 1] = '\0';		/* the head's last '\n' */
	c->keep_alive = 0;

	/* The request line: METHOD TARGET HTTP/1.x */
	line = c->req;
	next = strchr(line, '\n');
	*next++ = '\0';
	line[strcspn(line, "\r")] = '\0';
	snprintf(logline, sizeof(logline), "%.200s", line);
	method = strtok(line, " ");
	target = strtok(NULL, " ");
	version = strtok(NULL, " ");
	if (!version || strtok(NULL, " ") || target[0] != '/' ||
	    strncmp(version, "HTTP/1.", 7) != 0) {
		log_request(c, logline, 400, put_error(c, 400, NULL, 0));
		return;
	}
	c->keep_alive = strcmp(version, "HTTP/1.0") != 0;

	/* The headers: only Connection matters here. */
	for (line = next; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (strncasecmp(line, "Connection:", 11) == 0) {
			if (has_token(line + 11, "close"))
				c->keep_alive = 0;
			else if (has_token(line + 11, "keep-alive"))
				c->keep_alive = 1;
		}
	}

	head_only = strcmp(method, "HEAD") == 0;
	if (strcmp(method, "GET") != 0 && !head_only) {
		status = 501;
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (strcmp(method, known[i]) == 0)
				status = 405;
		/* It may have a body we will not read: close afterwards. */
		c->keep_alive = 0;
		log_request(c, logline, status,
			    put_error(c, status, status == 405 ?
				      "Allow: GET, HEAD\r\n" : NULL, 0));
		return;
	}
	answer_path(c, target, head_only, logline);
}

/* ---- connections ---- */

static void close_conn(struct conn *c)
{
	close(c->fd);
	if (c->file >= 0)
		close(c->file);
	buf_free(&c->out);
	c->fd = -1;
	c->state = FREE;
}

/* Stop sending; read until the client closes (see CLOSING above). */
static void start_closing(struct conn *c)
{
	if (shutdown(c->fd, SHUT_WR) < 0) {
		close_conn(c);
		return;
	}
	c->state = CLOSING;
	c->last = now();
}

/* Length of the request head at the start of buf (0: not complete). */
static size_t head_length(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* If a whole request is buffered, answer it and start SENDING. */
static void try_request(struct conn *c)
{
	size_t len, skip = 0;

	/* Clients may send empty lines between requests: skip them. */
	while (skip < c->req_len && (c->req[skip] == '\r' || c->req[skip] == '\n'))
		skip++;
	memmove(c->req, c->req + skip, c->req_len - skip);
	c->req_len -= skip;

	len = head_length(c->req, c->req_len);
	if (len == 0) {
		if (c->req_len == REQ_MAX) {	/* too long: give up */
			c->keep_alive = 0;
			log_request(c, "(request head too long)", 400,
				    put_error(c, 400, NULL, 0));
			c->req_len = 0;
			c->state = SENDING;
		}
		return;
	}
	answer(c, len);
	memmove(c->req, c->req + len, c->req_len - len);
	c->req_len -= len;
	c->out_off = 0;
	c->state = SENDING;
}

static void on_readable(struct conn *c)
{
	ssize_t n;

	if (c->state == CLOSING) {
		n = read(c->fd, c->chunk, sizeof(c->chunk));
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			close_conn(c);
		return;
	}
	n = read(c->fd, c->req + c->req_len, REQ_MAX - c->req_len);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			close_conn(c);		/* e.g. reset by the client */
		return;
	}
	if (n == 0) {
		close_conn(c);			/* the client is done */
		return;
	}
	c->req_len += n;
	try_request(c);
}

/* The response is all sent: wait for the next request, or close. */
static void finish_response(struct conn *c)
{
	buf_free(&c->out);
	c->out_off = 0;
	if (c->file >= 0) {
		close(c->file);
		c->file = -1;
	}
	if (!c->keep_alive) {
		start_closing(c);
		return;
	}
	c->state = READING;
	try_request(c);		/* a pipelined request may be waiting */
}

/* Send as much as the socket takes, up to a few chunks (be fair). */
static void on_writable(struct conn *c)
{
	int budget = 4;
	const char *p;
	size_t len;
	ssize_t n;

	while (budget > 0) {
		if (c->out_off < c->out.len) {
			p = c->out.p + c->out_off;
			len = c->out.len - c->out_off;
		} else if (c->chunk_off < c->chunk_len) {
			p = c->chunk + c->chunk_off;
			len = c->chunk_len - c->chunk_off;
		} else if (c->file >= 0 && c->file_left > 0) {
			n = read(c->file, c->chunk,
				 c->file_left < CHUNK ? c->file_left : CHUNK);
			if (n <= 0) {		/* the file shrank: give up */
				close_conn(c);
				return;
			}
			c->chunk_off = 0;
			c->chunk_len = n;
			c->file_left -= n;
			budget--;
			continue;
		} else {
			finish_response(c);
			return;
		}

		n = write(c->fd, p, len);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return;		/* full: wait for POLLOUT */
			close_conn(c);		/* EPIPE, ECONNRESET */
			return;
		}
		if (c->out_off < c->out.len)
			c->out_off += n;
		else
			c->chunk_off += n;
	}
}

static void accept_one(int ls)
{
	struct sockaddr_in sa;
	socklen_t salen = sizeof(sa);
	struct conn *c = NULL;
	int fd, i;

	fd = accept(ls, (struct sockaddr *)&sa, &salen);
	if (fd < 0) {
		if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
			fprintf(stderr, "httpd: accept: %s\n", strerror(errno));
		return;
	}
	for (i = 0; i < MAX_CONN && !c; i++)
		if (conns[i].state == FREE)
			c = &conns[i];
	/* The caller polls the listening socket only with a free slot. */
	if (!c || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
		close(fd);
		return;
	}
	c->fd = fd;
	c->state = READING;
	c->last = now();
	c->req_len = 0;
	c->file = -1;
	c->out_off = c->chunk_len = c->chunk_off = 0;
	snprintf(c->peer, sizeof(c->peer), "%s:%d", inet_ntoa(sa.sin_addr),
		 ntohs(sa.sin_port));
}

static void usage(void)
{
	fprintf(stderr, "usage: httpd [-p PORT] [-r ROOT] [-a ADDR]\n");
	exit(1);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct pollfd pfd[1 + MAX_CONN];
	int slot[1 + MAX_CONN];
	struct stat st;
	int opt, ls, one = 1, n, i, busy;
	time_t t;
	long port;
	static char rootbuf[1024];

	sa.sin_addr.s_addr = htonl(INADDR_ANY);
	while ((opt = getopt(argc, argv, "p:r:a:")) != -1) {
		switch (opt) {
		case 'p':
			port = strtol(optarg, NULL, 10);
			if (port < 1 || port > 65535)
				usage();
			sa.sin_port = htons(port);
			break;
		case 'r':
			root = optarg;
			break;
		case 'a':
			if (inet_pton(AF_INET, optarg, &sa.sin_addr) != 1)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (strcmp(root, "/www") == 0 && stat(root, &st) < 0)
		root = "/";
	if (stat(root, &st) < 0)
		die(root);
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		die(root);
	}
	/* "/srv/www/" -> "/srv/www", "/" -> "": paths are added to it. */
	snprintf(rootbuf, sizeof(rootbuf), "%s", root);
	n = strlen(rootbuf);
	while (n > 0 && rootbuf[n - 1] == '/')
		rootbuf[--n] = '\0';

	/* A client that goes away makes write() fail with EPIPE. */
	signal(SIGPIPE, SIG_IGN);

	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0)
		die("socket");
	if (setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
		die("setsockopt");
	if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind");
	if (listen(ls, 16) < 0)
		die("listen");
	if (fcntl(ls, F_SETFL, fcntl(ls, F_GETFL) | O_NONBLOCK) < 0)
		die("fcntl");
	fprintf(stderr, "httpd: serving %s on %s:%d\n", root,
		inet_ntoa(sa.sin_addr), ntohs(sa.sin_port));
	root = rootbuf;

	for (i = 0; i < MAX_CONN; i++)
		conns[i].fd = -1;

	for (;;) {
		/* Who are we waiting for, and for what? */
		busy = 0;
		n = 1;
		for (i = 0; i < MAX_CONN; i++) {
			if (conns[i].state == FREE)
				continue;
			busy++;
			pfd[n].fd = conns[i].fd;
			pfd[n].events = conns[i].state == SENDING ? POLLOUT : POLLIN;
			slot[n++] = i;
		}
		/* All slots taken: new clients wait in the listen backlog. */
		pfd[0].fd = busy < MAX_CONN ? ls : -1;
		pfd[0].events = POLLIN;

		/* Wake up every second to close idle connections. */
		if (poll(pfd, n, 1000) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		t = now();
		for (i = 1; i < n; i++) {
			struct conn *c = &conns[slot[i]];

			if (pfd[i].revents) {
				c->last = t;
				if (c->state == SENDING)
					on_writable(c);
				else
					on_readable(c);
			} else if (t - c->last >= (c->state == CLOSING ?
						   CLOSING_SECS : IDLE_SECS)) {
				close_conn(c);
			}
		}
		if (pfd[0].revents & POLLIN)
			accept_one(ls);
	}
}
