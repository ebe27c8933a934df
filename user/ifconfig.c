// SPDX-License-Identifier: GPL-2.0
/*
 * ifconfig - show the network interfaces.
 *
 * Usage: ifconfig [-a] [IFACE]
 *
 * Without IFACE, shows every interface, up or down, sorted by name (-a
 * is accepted and changes nothing); with IFACE, only that one.  The
 * format is net-tools' ifconfig's (IPv4 only):
 *
 *     eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
 *             inet 10.0.2.15  netmask 255.255.255.0  broadcast 10.0.2.255
 *             ether 52:54:00:12:34:56  txqueuelen 1000  (Ethernet)
 *             RX packets 12  bytes 1934 (1.8 KiB)
 *             RX errors 0  dropped 0  overruns 0  frame 0
 *             TX packets 10  bytes 800 (800.0 B)
 *             TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0
 *
 * Everything but the counters comes from ioctl()s on a socket: any socket
 * will do (here a UDP one), the requests are about interfaces, named in a
 * struct ifreq, not about the socket.  The list of interfaces comes from
 * SIOCGIFCONF, which on Linux returns only those with an IPv4 address, and
 * from /proc/net/dev, which lists them all with their counters.  Lines
 * whose data the kernel does not give (no address, no /proc/net/dev...)
 * are left out.
 *
 * System calls: socket, ioctl (SIOCGIFCONF, SIOCGIFFLAGS, SIOCGIFMTU,
 * SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFHWADDR,
 * SIOCGIFTXQLEN), open, read, close (/proc/net/dev), brk/mmap (malloc),
 * writev (stdio).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_IF	64

/* One line of /proc/net/dev. */
struct counters {
	char name[IFNAMSIZ];
	unsigned long long rx_bytes, rx_packets, rx_errs, rx_drop, rx_fifo,
			   rx_frame, tx_bytes, tx_packets, tx_errs, tx_drop,
			   tx_fifo, tx_colls, tx_carrier;
};

static struct counters stats[MAX_IF];
static int nstats;
static char names[MAX_IF][IFNAMSIZ];
static int nnames;

/* Bit i of the flags is called flag_names[i]. */
static const char *flag_names[] = {
	"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS",
	"RUNNING", "NOARP", "PROMISC", "ALLMULTI", "MASTER", "SLAVE",
	"MULTICAST", "PORTSEL", "AUTOMEDIA", "DYNAMIC",
};

static void add_name(const char *name)
{
	int i;

	for (i = 0; i < nnames; i++)
		if (strcmp(names[i], name) == 0)
			return;
	if (nnames < MAX_IF)
		snprintf(names[nnames++], IFNAMSIZ, "%s", name);
}

/*
 * /proc/net/dev: two header lines, then one line per interface:
 *   "  eth0: RXbytes packets errs drop fifo frame compressed multicast
 *            TXbytes packets errs drop fifo colls carrier compressed"
 */
static void read_proc_net_dev(void)
{
	char line[512];
	FILE *f = fopen("/proc/net/dev", "r");
	struct counters *c;
	char *name, *colon;

	if (!f)
		return;			/* no /proc: no counters */
	while (fgets(line, sizeof(line), f) && nstats < MAX_IF) {
		colon = strchr(line, ':');
		if (!colon)
			continue;	/* a header line */
		*colon = '\0';
		name = line + strspn(line, " ");
		c = &stats[nstats];
		if (sscanf(colon + 1, "%llu %llu %llu %llu %llu %llu %*u %*u "
			   "%llu %llu %llu %llu %llu %llu %llu",
			   &c->rx_bytes, &c->rx_packets, &c->rx_errs, &c->rx_drop,
			   &c->rx_fifo, &c->rx_frame, &c->tx_bytes,
			   &c->tx_packets, &c->tx_errs, &c->tx_drop, &c->tx_fifo,
			   &c->tx_colls, &c->tx_carrier) != 13)
			continue;
		snprintf(c->name, IFNAMSIZ, "%s", name);
		add_name(c->name);
		nstats++;
	}
	fclose(f);
}

/* SIOCGIFCONF: the interfaces with an IPv4 address, one ifreq each. */
static int read_ifconf(int s)
{
	struct ifconf ifc;
	struct ifreq *req = NULL;
	int n = 8, i;

	/* If the answer fills the whole buffer, it may not all have fitted. */
	for (;;) {
		req = realloc(req, n * sizeof(*req));
		if (!req)
			return -1;
		ifc.ifc_len = n * sizeof(*req);
		ifc.ifc_req = req;
		if (ioctl(s, SIOCGIFCONF, &ifc) < 0) {
			free(req);
			return -1;
		}
		if (ifc.ifc_len < (int)(n * sizeof(*req)))
			break;
		n *= 2;
	}
	for (i = 0; i < ifc.ifc_len / (int)sizeof(*req); i++)
		add_name(req[i].ifr_name);
	free(req);
	return 0;
}

/* 1934 -> "1.8 KiB", truncated like net-tools. */
static void print_bytes(unsigned long long n)
{
	static const char *unit[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
	unsigned long long scale = 1;
	int i = 0;

	while (i < 5 && n > scale * 1024) {
		scale *= 1024;
		i++;
	}
	printf("%llu (%llu.%llu %s)", n, n * 10 / scale / 10,
	       n * 10 / scale % 10, unit[i]);
}

/* Ask about ifname: fills ifr (name set) and returns ioctl()'s result. */
static int query(int s, unsigned long req, const char *ifname, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	snprintf(ifr->ifr_name, IFNAMSIZ, "%s", ifname);
	return ioctl(s, req, ifr);
}

static const char *ipv4(struct sockaddr *sa)
{
	return inet_ntoa(((struct sockaddr_in *)sa)->sin_addr);
}

static int show(int s, const char *ifname)
{
	struct ifreq ifr;
	unsigned short flags;
	unsigned char *hw;
	int i, first = 1, mtu = 0, qlen = -1, family;

	if (query(s, SIOCGIFFLAGS, ifname, &ifr) < 0) {
		fprintf(stderr, "ifconfig: %s: %s\n", ifname, strerror(errno));
		return 1;
	}
	flags = ifr.ifr_flags;
	if (query(s, SIOCGIFMTU, ifname, &ifr) == 0)
		mtu = ifr.ifr_mtu;

	printf("%s: flags=%d<", ifname, flags);
	for (i = 0; i < 16; i++) {
		if (flags & (1 << i)) {
			printf("%s%s", first ? "" : ",", flag_names[i]);
			first = 0;
		}
	}
	printf(">  mtu %d\n", mtu);

	/* EADDRNOTAVAIL if the interface has no IPv4 address. */
	if (query(s, SIOCGIFADDR, ifname, &ifr) == 0) {
		printf("        inet %s", ipv4(&ifr.ifr_addr));
		if (query(s, SIOCGIFNETMASK, ifname, &ifr) == 0)
			printf("  netmask %s", ipv4(&ifr.ifr_netmask));
		if ((flags & IFF_BROADCAST) &&
		    query(s, SIOCGIFBRDADDR, ifname, &ifr) == 0)
			printf("  broadcast %s", ipv4(&ifr.ifr_broadaddr));
		printf("\n");
	}

	if (query(s, SIOCGIFTXQLEN, ifname, &ifr) == 0)
		qlen = ifr.ifr_qlen;
	if (query(s, SIOCGIFHWADDR, ifname, &ifr) == 0) {
		family = ifr.ifr_hwaddr.sa_family;
		hw = (unsigned char *)ifr.ifr_hwaddr.sa_data;
		if (family == ARPHRD_ETHER)
			printf("        ether %02x:%02x:%02x:%02x:%02x:%02x ",
			       hw[0], hw[1], hw[2], hw[3], hw[4], hw[5]);
		else if (family == ARPHRD_LOOPBACK)
			printf("        loop ");
		else
			printf("        unspec ");
		if (qlen >= 0)
			printf(" txqueuelen %d", qlen);
		printf("  (%s)\n", family == ARPHRD_ETHER ? "Ethernet" :
		       family == ARPHRD_LOOPBACK ? "Local Loopback" : "UNSPEC");
	}

	for (i = 0; i < nstats; i++) {
		struct counters *c = &stats[i];

		if (strcmp(c->name, ifname) != 0)
			continue;
		printf("        RX packets %llu  bytes ", c->rx_packets);
		print_bytes(c->rx_bytes);
		printf("\n        RX errors %llu  dropped %llu  overruns %llu  frame %llu\n",
		       c->rx_errs, c->rx_drop, c->rx_fifo, c->rx_frame);
		printf("        TX packets %llu  bytes ", c->tx_packets);
		print_bytes(c->tx_bytes);
		/* sic: one space before "overruns", as net-tools prints it */
		printf("\n        TX errors %llu  dropped %llu overruns %llu",
		       c->tx_errs, c->tx_drop, c->tx_fifo);
		printf("  carrier %llu  collisions %llu\n", c->tx_carrier,
		       c->tx_colls);
	}
	printf("\n");
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

int main(int argc, char *argv[])
{
	int s, i, status = 0;

	if (argc > 1 && strcmp(argv[1], "-a") == 0) {
		argv++;
		argc--;
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: ifconfig [-a] [IFACE]\n");
		return 1;
	}

	s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0) {
		fprintf(stderr, "ifconfig: socket: %s\n", strerror(errno));
		return 1;
	}
	read_proc_net_dev();

	if (argc == 2) {
		status = show(s, argv[1]);
	} else {
		if (read_ifconf(s) < 0) {
			fprintf(stderr, "ifconfig: SIOCGIFCONF: %s\n", strerror(errno));
			status = 1;
		}
		qsort(names, nnames, sizeof(names[0]), by_name);
		for (i = 0; i < nnames; i++)
			status |= show(s, names[i]);
	}
	close(s);
	return status;
}
