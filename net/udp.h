#ifndef NET_UDP_H
#define NET_UDP_H

/*
 * Datagram sockets: UDP, and ICMP "ping" sockets (SOCK_DGRAM,
 * IPPROTO_ICMP) which share the same receive path.  A received datagram
 * waits in sk_receive_queue with its sender in the skb's cb.
 */
#include "net/inet_sock.h"
#include "net/netstack.h"

struct udp_skb_cb {
	u32 saddr;		/* sender, network order */
	u16 sport;
	u8 ttl;			/* for IP_RECVTTL */
};

#define UDP_SKB_CB(skb)	((struct udp_skb_cb *)(skb)->cb)

extern struct proto udp_prot;
extern struct proto ping_prot;

/* Shared by UDP and ping: take one datagram off the queue into msg. */
int dgram_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags, int *addr_len);
/* Queue a datagram for sk (skb->data at the payload); consumes skb. */
void dgram_queue(struct sock *sk, struct sk_buff *skb, u32 saddr, u16 sport);
unsigned int dgram_poll(struct sock *sk);
size_t udp_seq_show(char *buf, size_t size);
void udp_err(const struct iphdr *iph, int err);

#endif
