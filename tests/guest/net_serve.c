// SPDX-License-Identifier: GPL-2.0
/*
 * net_serve - the guest side of tests/harness/test_net.py, run as init.
 *
 * At start it writes the files the host will fetch into /tmp/www (tmpfs):
 * index.html, mid.bin (256 KiB) and big.bin (16 MiB), and /tmp/nc_src
 * (4 MiB) for nc to send; the binary files are a seeded pseudo-random
 * stream.  It prints one line per file with its CRC-32 (the zlib one, so
 * the host checks with zlib.crc32), starts /bin/httpd -p 80 -r /tmp/www
 * (its log goes to /tmp/httpd.log) and prints "net_serve: ready".
 *
 * Then it takes commands on TCP port 7100 (CTL_PORT), one per
 * connection: a line in, the answer out, close.
 *
 *   nc              start "nc -l 7000" with /tmp/nc_src as its input and
 *                   /tmp/nc_got as its output; answers once the port is
 *                   listening (it watches /proc/net/tcp for that)
 *   ncwait          wait for that nc to end: "nc exited N bytes B crc32 C"
 *   wget PORT PATH  run wget -q -O /tmp/fetched http://10.0.2.2:PORT/PATH:
 *                   "wget exited N bytes B crc32 C seconds T"
 *   crc PATH        "bytes B crc32 C"
 *   cat PATH        the file (for /proc/net/dev, /proc/net/arp, ...)
 *   rm PATH         unlink it: "rm 0" or "rm -1 ENAME"
 *   poweroff        answers "bye" and powers the machine off
 *
 * With no command for IDLE_S seconds it powers off by itself, so a harness
 * that died does not leave the machine running for ever.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/reboot.h>
#include <sys/stat.h>

#include "net_common.h"

#define CTL_PORT	7100
#define NC_PORT		7000
#define IDLE_S		900
#define WAIT_CHILD_S	900

static unsigned char chunk[65536];
static uint32_t crc_table[256];
static pid_t httpd_pid, nc_pid;

static void crc_init(void)
{
	uint32_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

/* CRC-32 as zlib computes it: crc32(crc32(0, a), b) == crc32(0, a + b). */
static uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

/* CRC-32 and size of a file; -1 if it cannot be read. */
static long file_crc(const char *path, uint32_t *crc)
{
	long total = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	*crc = 0;
	if (fd < 0)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		*crc = crc32_update(*crc, chunk, n);
		total += n;
	}
	close(fd);
	return n < 0 ? -1 : total;
}

/* Write size bytes of the stream seeded with seed to path. */
static int make_file(const char *path, long size, uint32_t seed)
{
	struct pattern p;
	uint32_t crc = 0;
	long done = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0) {
		printf("net_serve: cannot create %s: %s\n", path, nerr(errno));
		return -1;
	}
	pattern_init(&p, seed);
	while (done < size) {
		size_t n = size - done < (long)sizeof(chunk) ? (size_t)(size - done) : sizeof(chunk);

		pattern_fill(&p, chunk, n);
		crc = crc32_update(crc, chunk, n);
		if (write(fd, chunk, n) != (ssize_t)n) {
			printf("net_serve: writing %s: %s\n", path, nerr(errno));
			close(fd);
			return -1;
		}
		done += n;
	}
	close(fd);
	printf("net_serve: file %s bytes %ld crc32 %08x\n", path, size, crc);
	return 0;
}

/* Fork and exec argv with the given descriptors for 0, 1 and 2. */
static pid_t spawn(char *const argv[], const char *in, const char *out, const char *err)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd0 = open(in, O_RDONLY);
		int fd1 = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fd2 = err ? open(err, O_WRONLY | O_CREAT | O_APPEND, 0644) : 2;

		int fd;

		if (fd0 < 0 || fd1 < 0 || fd2 < 0)
			_exit(126);
		dup2(fd0, 0);
		dup2(fd1, 1);
		dup2(fd2, 2);
		/* Nothing else: a control connection left open here would not end. */
		for (fd = 3; fd < 64; fd++)
			close(fd);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* waitpid with a limit; the exit status (128+N for signal N), or -1. */
static int wait_child(pid_t pid, int seconds)
{
	int status, i;

	for (i = 0; i < seconds * 20; i++) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		if (r < 0)
			return -1;
		sleep_ms(50);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/* Is some socket listening on port?  Looks at /proc/net/tcp. */
static int listening(int port)
{
	char line[256], want[16];
	FILE *f = fopen("/proc/net/tcp", "r");
	int found = 0;

	if (!f)
		return 0;
	snprintf(want, sizeof(want), ":%04X ", port);
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, want);

		/* local_address is the first address; st 0A is LISTEN */
		if (p && p < strchr(line, ':') + 16 && strstr(line, " 0A "))
			found = 1;
	}
	fclose(f);
	return found;
}

static void reply(int fd, const char *fmt, ...)
{
	char s[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(s, sizeof(s), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(s) - 1)
		n = sizeof(s) - 1;
	if (write(fd, s, n) < 0)
		printf("net_serve: reply: %s\n", nerr(errno));
}

static void cmd_cat(int fd, const char *path)
{
	int f = open(path, O_RDONLY);
	ssize_t n;

	if (f < 0) {
		reply(fd, "cat -1 %s\n", nerr(errno));
		return;
	}
	while ((n = read(f, chunk, sizeof(chunk))) > 0)
		if (write(fd, chunk, n) != n)
			break;
	close(f);
}

static void cmd_wget(int fd, const char *port, const char *path)
{
	char url[256];
	char *argv[] = { "/bin/wget", "-q", "-O", "/tmp/fetched", url, NULL };
	double t = now_s();
	uint32_t crc;
	long bytes;
	int code;

	snprintf(url, sizeof(url), "http://10.0.2.2:%s/%s", port, path);
	unlink("/tmp/fetched");
	code = wait_child(spawn(argv, "/dev/null", "/dev/null", NULL), WAIT_CHILD_S);
	t = now_s() - t;
	bytes = file_crc("/tmp/fetched", &crc);
	reply(fd, "wget exited %d bytes %ld crc32 %08x seconds %.2f\n", code, bytes, crc, t);
	unlink("/tmp/fetched");		/* tmpfs is RAM */
}

static void cmd_nc(int fd)
{
	char port[8];
	char *argv[] = { "/bin/nc", "-l", port, NULL };
	int i;

	snprintf(port, sizeof(port), "%d", NC_PORT);
	nc_pid = spawn(argv, "/tmp/nc_src", "/tmp/nc_got", NULL);
	for (i = 0; i < 200 && !listening(NC_PORT); i++)
		sleep_ms(50);
	reply(fd, "nc %s\n", listening(NC_PORT) ? "listening" : "not listening");
}

static void cmd_ncwait(int fd)
{
	int code = nc_pid > 0 ? wait_child(nc_pid, 300) : -1;
	uint32_t crc;
	long bytes = file_crc("/tmp/nc_got", &crc);

	nc_pid = 0;
	reply(fd, "nc exited %d bytes %ld crc32 %08x\n", code, bytes, crc);
}

static void power_off(void)
{
	if (httpd_pid > 0)
		kill(httpd_pid, SIGKILL);
	if (nc_pid > 0)
		kill(nc_pid, SIGKILL);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	printf("net_serve: powering off\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	exit(0);
}

/* Read one command line from a control connection (bounded in time). */
static int read_line(int fd, char *line, size_t size)
{
	size_t len = 0;

	while (len < size - 1) {
		ssize_t n;

		if (wait_fd(fd, POLLIN, WAIT_MS) <= 0)
			return -1;
		n = read(fd, line + len, size - 1 - len);
		if (n <= 0)
			break;
		len += n;
		if (memchr(line, '\n', len))
			break;
	}
	line[len] = 0;
	line[strcspn(line, "\r\n")] = 0;
	return len ? 0 : -1;
}

static void serve(int ctl)
{
	for (;;) {
		char line[512], *argv[4] = { NULL, NULL, NULL, NULL };
		int fd, argc = 0;
		char *save = NULL, *w;
		uint32_t crc;
		long bytes;

		if (wait_fd(ctl, POLLIN, IDLE_S * 1000) <= 0) {
			printf("net_serve: no command for %d s\n", IDLE_S);
			return;
		}
		fd = accept4(ctl, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		if (read_line(fd, line, sizeof(line)) < 0) {
			close(fd);
			continue;
		}
		for (w = strtok_r(line, " ", &save); w && argc < 4; w = strtok_r(NULL, " ", &save))
			argv[argc++] = w;
		if (!argc) {
			close(fd);
			continue;
		}
		if (!strcmp(argv[0], "nc")) {
			cmd_nc(fd);
		} else if (!strcmp(argv[0], "ncwait")) {
			cmd_ncwait(fd);
		} else if (!strcmp(argv[0], "wget") && argc == 3) {
			cmd_wget(fd, argv[1], argv[2]);
		} else if (!strcmp(argv[0], "crc") && argc == 2) {
			bytes = file_crc(argv[1], &crc);
			reply(fd, "bytes %ld crc32 %08x\n", bytes, crc);
		} else if (!strcmp(argv[0], "cat") && argc == 2) {
			cmd_cat(fd, argv[1]);
		} else if (!strcmp(argv[0], "rm") && argc == 2) {
			if (unlink(argv[1]) < 0)
				reply(fd, "rm -1 %s\n", nerr(errno));
			else
				reply(fd, "rm 0\n");
		} else if (!strcmp(argv[0], "poweroff")) {
			reply(fd, "bye\n");
			close(fd);
			return;
		} else {
			reply(fd, "unknown command\n");
		}
		close(fd);
	}
}

int main(void)
{
	static const char index_html[] =
		"<html><head><title>teachos</title></head>\n"
		"<body><p>Hello from the teaching kernel's httpd.</p></body></html>\n";
	char *httpd[] = { "/bin/httpd", "-p", "80", "-r", "/tmp/www", NULL };
	struct sockaddr_in sa = sin_of("0.0.0.0", CTL_PORT);
	int fd, ctl;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	crc_init();
	mkdir("/tmp/www", 0755);
	fd = open("/tmp/www/index.html", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, index_html, sizeof(index_html) - 1) < 0)
		printf("net_serve: cannot write index.html: %s\n", nerr(errno));
	close(fd);
	if (make_file("/tmp/www/mid.bin", 256 * 1024, 3) < 0 ||
	    make_file("/tmp/www/big.bin", 16L << 20, 1) < 0 ||
	    make_file("/tmp/nc_src", 4L << 20, 2) < 0)
		power_off();

	httpd_pid = spawn(httpd, "/dev/null", "/tmp/httpd.log", "/tmp/httpd.log");
	ctl = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	set_int(ctl, SOL_SOCKET, SO_REUSEADDR, 1);
	if (ctl < 0 || bind(ctl, SA(&sa), sizeof(sa)) < 0 || listen(ctl, 8) < 0) {
		printf("net_serve: control port %d: %s\n", CTL_PORT, nerr(errno));
		power_off();
	}
	for (fd = 0; fd < 200 && !listening(80); fd++)
		sleep_ms(50);
	printf("net_serve: httpd %s\n", listening(80) ? "listening" : "NOT listening");
	printf("net_serve: ready\n");
	serve(ctl);
	power_off();
	return 0;
}
