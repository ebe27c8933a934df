/*
 * The tables that find a TCP socket:
 *
 *   tcp_bhash        every socket that owns a local port (bind, connect,
 *                    listen, and the children of listeners), by port
 *   tcp_listen_list  sockets in LISTEN (a handful: a plain list)
 *   tcp_ehash        every socket with a peer, SYN-SENT to TIME-WAIT, by
 *                    its four addresses and ports
 *
 * As Linux's inet_hashinfo (bhash, lhash2, ehash): every arriving segment
 * looks up its connection, and a busy web server keeps thousands of
 * connections in TIME-WAIT, so a list walked for each segment would make
 * the stack slower the longer it runs.  A socket is on at most one of
 * the last two, through sk->sk_node.
 * Linux: net/ipv4/inet_hashtables.c, net/ipv4/inet_connection_sock.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/random.h"
#include "net/tcp.h"

#define TCP_EPHEMERAL_LOW	32768	/* net.ipv4.ip_local_port_range */
#define TCP_EPHEMERAL_HIGH	60999

#define TCP_BHASH_SIZE		256	/* powers of two */
#define TCP_EHASH_SIZE		4096

static struct list_head tcp_bhash[TCP_BHASH_SIZE];
static LIST_HEAD(tcp_listen_list);
static struct list_head tcp_ehash[TCP_EHASH_SIZE];

/* A bucket, made an empty list the first time it is used (the array starts zeroed). */
static struct list_head *tcp_bucket(struct list_head *b)
{
	if (!b->next)
		INIT_LIST_HEAD(b);
	return b;
}

static struct list_head *tcp_bhash_bucket(u16 port)
{
	return tcp_bucket(&tcp_bhash[port & (TCP_BHASH_SIZE - 1)]);
}

/*
 * The bucket of a connection (addresses and ports in network order).
 * A secret mixed in, as Linux's inet_ehashfn, so that a peer cannot pick
 * ports that all land in one bucket.
 */
static struct list_head *tcp_ehash_bucket(u32 laddr, u16 lport, u32 faddr, u16 fport)
{
	static u32 secret;
	u32 h;

	if (!secret)
		secret = (u32)get_random_u64() | 1;
	h = (laddr * 0x9e3779b1) ^ faddr ^ secret;
	h ^= ((u32)lport << 16 | fport) * 0x85ebca6b;
	h ^= h >> 15;
	h *= 0xc2b2ae35;
	h ^= h >> 13;
	return tcp_bucket(&tcp_ehash[h & (TCP_EHASH_SIZE - 1)]);
}

/* Two local addresses clash if they are equal or either is INADDR_ANY. */
static bool tcp_addr_overlap(u32 a, u32 b)
{
	return a == INADDR_ANY || b == INADDR_ANY || a == b;
}

/*
 * May sk use port next to the sockets already bound to it?  Linux's rule
 * (inet_csk_bind_conflict): no unless the addresses differ, or both set
 * SO_REUSEADDR and the other one is not listening.  So a restarted server
 * with SO_REUSEADDR binds again while its old connections sit in
 * TIME-WAIT, but two sockets never listen on the same port.
 */
bool tcp_bind_conflict(struct sock *sk, u16 port)
{
	struct tcp_sock *tp2;

	list_for_each_entry(tp2, tcp_bhash_bucket(port), bind_node) {
		struct sock *sk2 = tcp_to_sk(tp2);

		if (sk2 == sk || tp2->inet.inet_num != port)
			continue;
		if (!tcp_addr_overlap(inet_sk(sk)->inet_rcv_saddr, tp2->inet.inet_rcv_saddr))
			continue;
		if (sk->sk_reuse && sk2->sk_reuse && sk2->sk_state != TCP_LISTEN)
			continue;
		return true;
	}
	return false;
}

static bool tcp_port_in_use(u16 port)
{
	struct tcp_sock *tp;

	list_for_each_entry(tp, tcp_bhash_bucket(port), bind_node)
		if (tp->inet.inet_num == port)
			return true;
	return false;
}

/*
 * An ephemeral port: the first free one after a random start.  Linux
 * lets connections to different peers share a port; here each socket
 * gets its own, which is simpler and leaves 28232 of them.
 */
static u16 tcp_pick_ephemeral(void)
{
	u32 range = TCP_EPHEMERAL_HIGH - TCP_EPHEMERAL_LOW + 1;
	u32 start = get_random_u64() % range;
	u32 i;

	for (i = 0; i < range; i++) {
		u16 port = TCP_EPHEMERAL_LOW + (start + i) % range;

		if (!tcp_port_in_use(port))
			return port;
	}
	return 0;
}

/*
 * Give sk the local port (host order; 0 = pick an ephemeral one) and put
 * it on the port list.  Linux: inet_csk_get_port().
 */
int tcp_v4_get_port(struct sock *sk, u16 port)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!port) {
		port = tcp_pick_ephemeral();
		if (!port)
			return -EADDRINUSE;
	} else if (tcp_bind_conflict(sk, port)) {
		return -EADDRINUSE;
	}
	tp->inet.inet_num = port;
	tp->inet.inet_sport = htons(port);
	list_add_tail(&tp->bind_node, tcp_bhash_bucket(port));
	return 0;
}

/* Give the port back.  Linux: inet_put_port(). */
void tcp_put_port(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->inet.inet_num)
		return;
	list_del_init(&tp->bind_node);
	tp->inet.inet_num = 0;
	tp->inet.inet_sport = 0;
}

/* A listener's child uses the listener's port (Linux: __inet_inherit_port). */
void tcp_inherit_port(struct sock *child, struct sock *parent)
{
	struct tcp_sock *tp = tcp_sk(child);

	tp->inet.inet_num = inet_sk(parent)->inet_num;
	tp->inet.inet_sport = inet_sk(parent)->inet_sport;
	list_add_tail(&tp->bind_node, tcp_bhash_bucket(tp->inet.inet_num));
}

/* bind(2).  Linux: inet_bind(). */
int tcp_v4_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	struct inet_sock *inet = inet_sk(sk);
	u32 addr;
	int err;

	if (addr_len < (int)sizeof(*sin))
		return -EINVAL;
	addr = sin->sin_addr.s_addr;
	if (sin->sin_family != AF_INET &&
	    !(sin->sin_family == AF_UNSPEC && addr == INADDR_ANY))
		return -EAFNOSUPPORT;
	if (addr != INADDR_ANY && !ip_is_local(addr))
		return -EADDRNOTAVAIL;
	if (sk->sk_state != TCP_CLOSE || inet->inet_num)
		return -EINVAL;

	inet->inet_rcv_saddr = inet->inet_saddr = addr;
	err = tcp_v4_get_port(sk, ntohs(sin->sin_port));
	if (err) {
		inet->inet_rcv_saddr = inet->inet_saddr = 0;
		return err;
	}
	/* A port the user chose stays bound until close (SOCK_BINDPORT_LOCK). */
	tcp_sk(sk)->bind_locked = sin->sin_port != 0;
	return 0;
}

void tcp_hash_listen(struct sock *sk)
{
	tcp_unhash(sk);
	list_add_tail(&sk->sk_node, &tcp_listen_list);
	tcp_sk(sk)->hashed = true;
}

void tcp_hash_connection(struct sock *sk)
{
	struct inet_sock *inet = inet_sk(sk);

	tcp_unhash(sk);
	list_add_tail(&sk->sk_node, tcp_ehash_bucket(inet->inet_saddr, inet->inet_sport,
						     inet->inet_daddr, inet->inet_dport));
	tcp_sk(sk)->hashed = true;
}

void tcp_unhash(struct sock *sk)
{
	if (!tcp_sk(sk)->hashed)
		return;
	list_del_init(&sk->sk_node);
	tcp_sk(sk)->hashed = false;
}

/* The connection of a segment from saddr:sport to daddr:dport (network order). */
struct sock *tcp_lookup_established(u32 saddr, u16 sport, u32 daddr, u16 dport)
{
	struct sock *sk;

	list_for_each_entry(sk, tcp_ehash_bucket(daddr, dport, saddr, sport), sk_node) {
		struct inet_sock *inet = inet_sk(sk);

		if (inet->inet_daddr == saddr && inet->inet_dport == sport &&
		    inet->inet_saddr == daddr && inet->inet_sport == dport)
			return sk;
	}
	return NULL;
}

/* The listener for daddr:dport: one bound to daddr first, else to any address. */
struct sock *tcp_lookup_listener(u32 daddr, u16 dport)
{
	struct sock *sk, *wildcard = NULL;

	list_for_each_entry(sk, &tcp_listen_list, sk_node) {
		struct inet_sock *inet = inet_sk(sk);

		if (inet->inet_sport != dport)
			continue;
		if (inet->inet_rcv_saddr == daddr)
			return sk;
		if (inet->inet_rcv_saddr == INADDR_ANY && !wildcard)
			wildcard = sk;
	}
	return wildcard;
}

void tcp_for_each_sock(void (*fn)(struct sock *sk, void *arg), void *arg)
{
	struct sock *sk, *next;
	int i;

	list_for_each_entry_safe(sk, next, &tcp_listen_list, sk_node)
		fn(sk, arg);
	for (i = 0; i < TCP_EHASH_SIZE; i++)
		list_for_each_entry_safe(sk, next, tcp_bucket(&tcp_ehash[i]), sk_node)
			fn(sk, arg);
}
