/*
 * UDP (RFC 768): bind, connect, send and receive datagrams.  One list of
 * bound sockets, searched linearly.  Linux: net/ipv4/udp.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "net/udp.h"
#include "net/dhcp.h"

#define UDP_PORT_LOW	32768		/* net.ipv4.ip_local_port_range */
#define UDP_PORT_HIGH	60999
#define UDP_MAX_PAYLOAD	(65535 - 20 - 8)

static LIST_HEAD(udp_table);

static bool port_in_use(struct list_head *table, struct sock *me, u16 port, u32 addr)
{
	struct sock *sk;

	list_for_each_entry(sk, table, sk_node) {
		struct inet_sock *o = inet_sk(sk);

		if (sk == me || o->inet_num != port)
			continue;
		if (o->inet_rcv_saddr && addr && o->inet_rcv_saddr != addr)
			continue;		/* different local addresses */
		if (sk->sk_reuse && me->sk_reuse)
			continue;
		return true;
	}
	return false;
}

/* Bind sk to port (0: pick a free ephemeral one) on addr. */
int inet_dgram_get_port(struct list_head *table, struct sock *sk, u16 port, u32 addr)
{
	static u16 next = UDP_PORT_LOW;
	int tries;

	if (!port) {
		for (tries = 0; tries <= UDP_PORT_HIGH - UDP_PORT_LOW; tries++) {
			u16 p = next;

			next = next >= UDP_PORT_HIGH ? UDP_PORT_LOW : next + 1;
			if (!port_in_use(table, sk, p, addr)) {
				port = p;
				break;
			}
		}
		if (!port)
			return -EAGAIN;
	} else if (port_in_use(table, sk, port, addr)) {
		return -EADDRINUSE;
	}
	inet_sk(sk)->inet_num = port;
	inet_sk(sk)->inet_sport = htons(port);
	inet_sk(sk)->inet_rcv_saddr = addr;
	list_add_tail(&sk->sk_node, table);
	return 0;
}

static int udp_bind(struct sock *sk, struct sockaddr *addr, int addrlen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)addr;

	int err;

	if (inet_sk(sk)->inet_num)
		return -EINVAL;
	err = inet_dgram_get_port(&udp_table, sk, ntohs(sin->sin_port), sin->sin_addr.s_addr);
	if (!err)
		inet_sk(sk)->bound = true;
	return err;
}

static int udp_connect(struct sock *sk, struct sockaddr *addr, int addrlen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)addr;
	struct inet_sock *inet = inet_sk(sk);
	u32 saddr, nexthop;

	if (sin->sin_family == AF_UNSPEC) {	/* dissolve the association */
		inet->inet_daddr = 0;
		inet->inet_dport = 0;
		inet->inet_saddr = 0;
		if (!inet->bound && inet->inet_num) {	/* an automatic port goes back */
			list_del_init(&sk->sk_node);
			inet->inet_num = 0;
			inet->inet_sport = 0;
		}
		return 0;
	}
	if (!ip_route_output(sin->sin_addr.s_addr, &saddr, &nexthop))
		return -ENETUNREACH;
	if (!inet->inet_num) {
		int err = inet_dgram_get_port(&udp_table, sk, 0, 0);

		if (err)
			return err;
	}
	inet->inet_daddr = sin->sin_addr.s_addr;
	inet->inet_dport = sin->sin_port;
	inet->inet_saddr = inet->inet_rcv_saddr ? inet->inet_rcv_saddr : saddr;
	return 0;
}

static int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	u32 daddr = inet->inet_daddr, saddr, nexthop;
	u16 dport = inet->inet_dport;
	struct sk_buff *skb;
	struct udphdr *uh;
	int err;

	if (msg->msg_name) {
		struct sockaddr_in *sin = msg->msg_name;

		if (msg->msg_namelen < (int)sizeof(*sin))
			return -EINVAL;
		if (sin->sin_family != AF_INET && sin->sin_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		daddr = sin->sin_addr.s_addr;
		dport = sin->sin_port;
	} else if (!daddr) {
		return -EDESTADDRREQ;
	}
	if (!dport)
		return -EINVAL;
	if (daddr == INADDR_BROADCAST && !sk->sk_broadcast)
		return -EACCES;		/* SO_BROADCAST first, as Linux */
	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	if (!inet->inet_num && (err = inet_dgram_get_port(&udp_table, sk, 0, 0)))
		return err;
	if (!ip_route_output(daddr, &saddr, &nexthop))
		return -ENETUNREACH;
	if (inet->inet_rcv_saddr)
		saddr = inet->inet_rcv_saddr;
	skb = alloc_skb(NET_HEADROOM + sizeof(*uh) + len);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, NET_HEADROOM + sizeof(*uh));
	if (copy_from_iter(skb_put(skb, len), len, &msg->msg_iter) != len) {
		kfree_skb(skb);
		return -EFAULT;
	}
	uh = (struct udphdr *)skb_push(skb, sizeof(*uh));
	uh->source = inet->inet_sport;
	uh->dest = dport;
	uh->len = htons(skb->len);
	uh->check = 0;
	uh->check = tcp_udp_check(saddr, daddr, IPPROTO_UDP, uh, skb->len);
	if (!uh->check)
		uh->check = 0xffff;	/* 0 means "no checksum" in UDP */
	err = ip_queue_xmit(skb, saddr, daddr, IPPROTO_UDP);
	return err ? err : (int)len;
}

static int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		       int *addr_len)
{
	return dgram_recvmsg(sk, msg, len, flags, addr_len);
}

/* The socket for a datagram to daddr:dport from saddr:sport, if any. */
static struct sock *udp_lookup(u32 saddr, u16 sport, u32 daddr, u16 dport)
{
	struct sock *sk;

	list_for_each_entry(sk, &udp_table, sk_node) {
		struct inet_sock *inet = inet_sk(sk);

		if (inet->inet_sport != dport)
			continue;
		if (inet->inet_rcv_saddr && inet->inet_rcv_saddr != daddr &&
		    daddr != INADDR_BROADCAST)
			continue;
		if (inet->inet_daddr && (inet->inet_daddr != saddr || inet->inet_dport != sport))
			continue;		/* connected to someone else */
		return sk;
	}
	return NULL;
}

/*
 * An ICMP error about a datagram we sent (iph: its IP header, then 8
 * bytes of its UDP header).  A connected socket learns the error: its next
 * call fails with it, as Linux's __udp4_lib_err (ECONNREFUSED for a port
 * unreachable).
 */
void udp_err(const struct iphdr *iph, int err)
{
	const struct udphdr *uh = (const void *)((const u8 *)iph + iph->ihl * 4);
	struct sock *sk;

	list_for_each_entry(sk, &udp_table, sk_node) {
		struct inet_sock *inet = inet_sk(sk);

		if (inet->inet_sport == uh->source && inet->inet_daddr == iph->daddr &&
		    inet->inet_dport == uh->dest) {
			sk->sk_err = err;
			sk->sk_error_report(sk);
			return;
		}
	}
}

int udp_rcv(struct sk_buff *skb)
{
	struct iphdr *iph = (struct iphdr *)skb->network_header;
	struct udphdr *uh = (struct udphdr *)skb->data;
	unsigned int ulen;
	struct sock *sk;

	if (skb->len < sizeof(*uh) || (ulen = ntohs(uh->len)) < sizeof(*uh) || ulen > skb->len) {
		net_drops.udp_bad++;
		kfree_skb(skb);
		return 0;
	}
	skb_trim(skb, ulen);
	if (uh->check && tcp_udp_check(iph->saddr, iph->daddr, IPPROTO_UDP, uh, ulen) != 0) {
		net_drops.udp_bad++;
		kfree_skb(skb);
		return 0;
	}
	if (ntohs(uh->dest) == DHCP_CLIENT_PORT && dhcp_rcv(skb))
		return 0;			/* the kernel's own DHCP client took it */
	sk = udp_lookup(iph->saddr, uh->source, iph->daddr, uh->dest);
	if (!sk) {
		if (iph->daddr != INADDR_BROADCAST)
			icmp_send_unreach(skb, 3);	/* port unreachable */
		kfree_skb(skb);
		return 0;
	}
	skb_pull(skb, sizeof(*uh));
	dgram_queue(sk, skb, iph->saddr, uh->source);
	return 0;
}

static void udp_close(struct sock *sk, long timeout)
{
	if (inet_sk(sk)->inet_num)
		list_del_init(&sk->sk_node);
	sock_put(sk);
}

static int udp_init(struct sock *sk)
{
	inet_sk(sk)->uc_ttl = 64;
	return 0;
}

static void udp_shutdown(struct sock *sk, int how)
{
	sk->sk_shutdown |= how;
	sk->sk_state_change(sk);
}

struct proto udp_prot = {
	.name = "UDP",
	.obj_size = sizeof(struct inet_sock),
	.init = udp_init,
	.close = udp_close,
	.connect = udp_connect,
	.bind = udp_bind,
	.sendmsg = udp_sendmsg,
	.recvmsg = udp_recvmsg,
	.poll = dgram_poll,
	.shutdown = udp_shutdown,
};

/* /proc/net/udp, in Linux's columns. */
size_t udp_seq_show(char *buf, size_t size)
{
	size_t len = snprintf(buf, size, "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n");
	struct sock *sk;
	int i = 0;

	list_for_each_entry(sk, &udp_table, sk_node) {
		struct inet_sock *inet = inet_sk(sk);

		if (len >= size)
			break;
		len += snprintf(buf + len, size - len,
				"%5d: %08X:%04X %08X:%04X %02X %08X:%08X 00:00000000 00000000 %5u %8d %lu %d %016lx 0\n",
				i++, inet->inet_rcv_saddr, inet->inet_num, inet->inet_daddr,
				ntohs(inet->inet_dport), inet->inet_daddr ? 1 : 7, 0,
				sk->sk_rmem_alloc, 0, 0, sk->sk_ino, sk->sk_refcnt, 0UL);
	}
	return min(len, size);
}
