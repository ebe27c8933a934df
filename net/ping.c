/*
 * ICMP "ping" sockets: socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP).  The
 * program writes an echo request (type 8) and reads echo replies; the
 * kernel chooses the identifier (the socket's "port") and the checksum,
 * so no raw socket is needed.  Linux: net/ipv4/ping.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "net/ping.h"
#include "net/udp.h"

#define ICMP_ECHO	8

static LIST_HEAD(ping_table);

int inet_dgram_get_port(struct list_head *table, struct sock *sk, u16 port, u32 addr);

static int ping_bind(struct sock *sk, struct sockaddr *addr, int addrlen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)addr;

	if (inet_sk(sk)->inet_num)
		return -EINVAL;
	return inet_dgram_get_port(&ping_table, sk, ntohs(sin->sin_port), sin->sin_addr.s_addr);
}

static int ping_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct inet_sock *inet = inet_sk(sk);
	struct sockaddr_in *sin = msg->msg_name;
	u32 daddr = sin ? sin->sin_addr.s_addr : inet->inet_daddr;
	struct sk_buff *skb;
	struct icmphdr *icmp;
	int err;

	if (sin && msg->msg_namelen < (int)sizeof(*sin))
		return -EINVAL;
	if (!daddr)
		return -EDESTADDRREQ;
	if (len < sizeof(*icmp) || len > 65535 - 20)
		return -EINVAL;
	if (!inet->inet_num && (err = inet_dgram_get_port(&ping_table, sk, 0, 0)))
		return err;
	skb = alloc_skb(NET_HEADROOM + len);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, NET_HEADROOM);
	icmp = (struct icmphdr *)skb_put(skb, len);
	if (copy_from_iter(icmp, len, &msg->msg_iter) != len) {
		kfree_skb(skb);
		return -EFAULT;
	}
	if (icmp->type != ICMP_ECHO || icmp->code != 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	icmp->id = inet->inet_sport;
	icmp->checksum = 0;
	icmp->checksum = csum_fold(csum_partial(icmp, len, 0));
	err = ip_queue_xmit(skb, inet->inet_rcv_saddr, daddr, IPPROTO_ICMP);
	return err ? err : (int)len;
}

void ping_rcv(struct sk_buff *skb)
{
	struct iphdr *iph = (struct iphdr *)skb->network_header;
	struct icmphdr *icmp = (struct icmphdr *)skb->data;
	struct sock *sk;

	list_for_each_entry(sk, &ping_table, sk_node) {
		if (inet_sk(sk)->inet_sport == icmp->id) {
			dgram_queue(sk, skb, iph->saddr, 0);
			return;
		}
	}
	kfree_skb(skb);
}

static int ping_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,
			int *addr_len)
{
	return dgram_recvmsg(sk, msg, len, flags, addr_len);
}

static void ping_close(struct sock *sk, long timeout)
{
	if (inet_sk(sk)->inet_num)
		list_del_init(&sk->sk_node);
	sock_put(sk);
}

static int ping_connect(struct sock *sk, struct sockaddr *addr, int addrlen)
{
	inet_sk(sk)->inet_daddr = ((struct sockaddr_in *)addr)->sin_addr.s_addr;
	return 0;
}

struct proto ping_prot = {
	.name = "PING",
	.obj_size = sizeof(struct inet_sock),
	.close = ping_close,
	.bind = ping_bind,
	.connect = ping_connect,
	.sendmsg = ping_sendmsg,
	.recvmsg = ping_recvmsg,
	.poll = dgram_poll,
};
