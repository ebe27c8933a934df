// SPDX-License-Identifier: GPL-2.0
/*
 * bench_net - the guest side of the network benchmarks (tests/harness/
 * bench.py), run as init on this kernel and on the Linux peer alike.  The
 * host drives everything through QEMU's user network; this program only
 * serves:
 *
 *   port 80    /bin/httpd -p 80 -r /tmp/www (index.html, 109 bytes)
 *   port 5000  one command per connection:
 *                "send N\n"  we send N bytes, then close
 *                "recv N\n"  we read N bytes (or to end of file), then
 *                            answer "got N\n" and close
 *                "quit\n"    answer "bye\n" and power off
 *
 * If eth0 has no address (Linux: no DHCP client in the initramfs, and
 * virtio-net is a module), it first loads the modules listed in
 * /etc/net_modules (one path a line, in order) with finit_module, then
 * sets up lo and eth0 as 10.0.2.15/24 with ioctls.  Prints
 * "bench_net: ready" when both ports answer, and powers off after "quit"
 * or IDLE_S seconds without a command.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "net_common.h"

#define PORT	5000
#define IDLE_S	600

static char buf[256 * 1024];

static int if_addr(int s, const char *name, struct sockaddr_in *out)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	if (ioctl(s, SIOCGIFADDR, &ifr) < 0)
		return -1;
	memcpy(out, &ifr.ifr_addr, sizeof(*out));
	return 0;
}

static int if_set(int s, const char *name, unsigned long req, const char *ip)
{
	struct sockaddr_in sa = sin_of(ip, 0);
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	memcpy(&ifr.ifr_addr, &sa, sizeof(sa));
	return ioctl(s, req, &ifr);
}

static int if_up(int s, const char *name)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	return ioctl(s, SIOCSIFFLAGS, &ifr);
}

/* Linux peer: load the driver and give eth0 QEMU's usual address. */
static void setup_network(void)
{
	struct sockaddr_in sa;
	char line[512];
	FILE *f;
	int s = socket(AF_INET, SOCK_DGRAM, 0), i;

	if (if_addr(s, "eth0", &sa) == 0) {
		close(s);
		return;			/* this kernel: DHCP at boot did it */
	}
	f = fopen("/etc/net_modules", "r");
	while (f && fgets(line, sizeof(line), f)) {
		int fd;

		line[strcspn(line, "\n")] = 0;
		fd = open(line, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0) < 0)
			printf("bench_net: module %s: %s\n", line, nerr(errno));
		if (fd >= 0)
			close(fd);
	}
	if (f)
		fclose(f);
	if (if_up(s, "lo") < 0)
		printf("bench_net: lo up: %s\n", nerr(errno));
	for (i = 0; i < 100; i++) {
		struct ifreq ifr;

		memset(&ifr, 0, sizeof(ifr));
		strcpy(ifr.ifr_name, "eth0");
		if (ioctl(s, SIOCGIFINDEX, &ifr) == 0)
			break;
		sleep_ms(50);
	}
	if (if_set(s, "eth0", SIOCSIFADDR, "10.0.2.15") < 0 ||
	    if_set(s, "eth0", SIOCSIFNETMASK, "255.255.255.0") < 0 || if_up(s, "eth0") < 0)
		printf("bench_net: eth0 setup: %s\n", nerr(errno));
	close(s);
}

static pid_t start_httpd(void)
{
	static const char index_html[] =
		"<html><head><title>teachos</title></head>\n"
		"<body><p>Hello from the teaching kernel's httpd.</p></body></html>\n";
	char *argv[] = { "/bin/httpd", "-p", "80", "-r", "/tmp/www", NULL };
	int fd;
	pid_t pid;

	mkdir("/tmp", 0755);
	mkdir("/tmp/www", 0755);
	fd = open("/tmp/www/index.html", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, index_html, sizeof(index_html) - 1) < 0)
		printf("bench_net: index.html: %s\n", nerr(errno));
	close(fd);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);	/* its log: one line per request */
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

static int answers(int port)
{
	struct sockaddr_in sa = sin_of("127.0.0.1", port);
	int fd = socket(AF_INET, SOCK_STREAM, 0), ok;

	ok = connect(fd, SA(&sa), sizeof(sa)) == 0;
	close(fd);
	return ok;
}

static void do_send(int fd, long n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n < (long)sizeof(buf) ? n : (long)sizeof(buf));

		if (w <= 0)
			return;
		n -= w;
	}
}

static void do_recv(int fd, long n)
{
	long got = 0;
	ssize_t r;

	while (got < n) {
		if (wait_fd(fd, POLLIN, 60000) <= 0)
			break;
		r = read(fd, buf, sizeof(buf));
		if (r <= 0)
			break;
		got += r;
	}
	dprintf(fd, "got %ld\n", got);
}

int main(void)
{
	struct sockaddr_in sa = sin_of("0.0.0.0", PORT);
	pid_t httpd;
	int l, i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	setup_network();
	httpd = start_httpd();
	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	set_int(l, SOL_SOCKET, SO_REUSEADDR, 1);
	if (bind(l, SA(&sa), sizeof(sa)) < 0 || listen(l, 8) < 0)
		printf("bench_net: port %d: %s\n", PORT, nerr(errno));
	for (i = 0; i < 100 && !answers(80); i++)
		sleep_ms(50);
	memset(buf, 'n', sizeof(buf));
	printf("bench_net: ready\n");
	for (;;) {
		char cmd[64];
		long n = 0;
		int fd, len = 0;

		if (wait_fd(l, POLLIN, IDLE_S * 1000) <= 0)
			break;
		fd = accept4(l, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		/* The command line, byte by byte: data may follow it. */
		while (len < (int)sizeof(cmd) - 1 && wait_fd(fd, POLLIN, 10000) > 0 &&
		       read(fd, cmd + len, 1) == 1 && cmd[len] != '\n')
			len++;
		cmd[len] = 0;
		if (sscanf(cmd, "send %ld", &n) == 1) {
			do_send(fd, n);
		} else if (sscanf(cmd, "recv %ld", &n) == 1) {
			do_recv(fd, n);
		} else if (!strcmp(cmd, "quit")) {
			dprintf(fd, "bye\n");
			close(fd);
			break;
		}
		close(fd);
	}
	kill(httpd, SIGKILL);
	waitpid(httpd, NULL, 0);
	printf("bench_net: powering off\n");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
