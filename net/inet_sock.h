#ifndef NET_INET_SOCK_H
#define NET_INET_SOCK_H

/* The IPv4 part of a socket (Linux: include/net/inet_sock.h). */
#include "net/sock.h"

struct inet_sock {
	struct sock sk;
	u32 inet_saddr;		/* source address used for sending (network order) */
	u32 inet_rcv_saddr;	/* bound local address (network order; 0 = any) */
	u32 inet_daddr;		/* peer (network order) */
	u16 inet_sport;		/* local port (network order) */
	u16 inet_dport;		/* peer port (network order) */
	u16 inet_num;		/* local port (host order); 0 = not bound */
	u8 uc_ttl;
	bool recvttl;		/* IP_RECVTTL: report each datagram's TTL */
	bool bound;		/* bind() chose the port (not an automatic one) */
};

static inline struct inet_sock *inet_sk(struct sock *sk)
{
	return (struct inet_sock *)sk;
}

#endif
