/*
 * TCP over IPv4: where segments come in (tcp_v4_rcv), where connections
 * start (tcp_v4_connect, and the listener's SYN -> child -> accept), the
 * RST for segments that belong to no connection, and tcp_prot.
 *
 * A listener keeps no half-made "request sockets" as Linux does: a SYN
 * makes a full child socket in SYN-RECEIVED on the listener's syn_queue;
 * the handshake's last ACK moves it to the accept_queue, and accept()
 * takes it from there.  Until then the child belongs to the listener
 * (it holds the child's one reference).
 *
 * Linux: net/ipv4/tcp_ipv4.c, inet_connection_sock.c, tcp_minisocks.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/random.h"
#include "fs/fs.h"
#include "net/tcp.h"

/* --- segments in ------------------------------------------------------------- */

/* Class D and E and the broadcast address: never a TCP endpoint. */
static bool tcp_addr_is_unicast(u32 addr)
{
	return addr != INADDR_ANY && (ntohl(addr) >> 28) < 0xe;
}

/* Read the options of a SYN (RFC 9293 3.2); only MSS matters to us. */
void tcp_parse_options(struct sk_buff *skb)
{
	const struct tcphdr *th = (const struct tcphdr *)skb->data;
	const u8 *p = (const u8 *)(th + 1);
	int len = th->doff * 4 - (int)sizeof(*th);

	while (len > 0) {
		u8 kind = p[0], olen;

		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP) {
			p++;
			len--;
			continue;
		}
		if (len < 2)
			break;
		olen = p[1];
		if (olen < 2 || olen > len)
			break;			/* malformed: ignore the rest */
		if (kind == TCPOPT_MSS && olen == TCPOLEN_MSS)
			TCP_SKB_CB(skb)->mss = p[2] << 8 | p[3];
		p += olen;
		len -= olen;
	}
}

/*
 * Answer a segment with a RST (RFC 9293 3.10.7.1, 3.5.2): if it had an
 * ACK, <SEQ=SEG.ACK><CTL=RST>; otherwise <SEQ=0><ACK=SEG.SEQ+SEG.LEN>
 * <CTL=RST,ACK>.  Never in answer to a RST.  skb is not consumed; its
 * headers are found through network_header and transport_header.
 */
void tcp_v4_send_reset(struct sock *sk, struct sk_buff *skb)
{
	const struct iphdr *iph = (const struct iphdr *)skb->network_header;
	const struct tcphdr *th = (const struct tcphdr *)skb->transport_header;
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	struct sk_buff *rskb;
	struct tcphdr *rth;

	if (tcb->tcp_flags & TCPHDR_RST)
		return;
	if (!tcp_addr_is_unicast(iph->saddr) || !tcp_addr_is_unicast(iph->daddr))
		return;
	rskb = alloc_skb(NET_HEADROOM);
	if (!rskb)
		return;
	skb_reserve(rskb, NET_HEADROOM);
	rth = (struct tcphdr *)skb_push(rskb, sizeof(*rth));
	memset(rth, 0, sizeof(*rth));
	rth->source = th->dest;
	rth->dest = th->source;
	rth->doff = sizeof(*rth) / 4;
	if (tcb->tcp_flags & TCPHDR_ACK) {
		rth->seq = htonl(tcb->ack_seq);
		tcp_flag_byte(rth) = TCPHDR_RST;
	} else {
		rth->ack_seq = htonl(tcb->end_seq);
		tcp_flag_byte(rth) = TCPHDR_RST | TCPHDR_ACK;
	}
	rth->check = tcp_udp_check(iph->daddr, iph->saddr, IPPROTO_TCP, rskb->data, rskb->len);
	rskb->transport_header = rskb->data;
	ip_queue_xmit(rskb, iph->daddr, iph->saddr, IPPROTO_TCP);
}

/*
 * The initial sequence number (RFC 9293 3.4.1, RFC 6528): a clock that
 * ticks every 4 microseconds plus a keyed hash of the connection, so that
 * an outsider cannot guess it.  (The hash is a simple mixer, not the
 * cryptographic one RFC 6528 asks for.)
 */
u32 tcp_v4_init_seq(u32 saddr, u32 daddr, u16 sport, u16 dport)
{
	static u64 secret;
	u64 h;

	if (!secret)
		secret = get_random_u64() | 1;
	h = secret ^ ((u64)saddr << 32 | daddr);
	h ^= (u64)sport << 16 | dport;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (u32)h + (u32)(tcp_clock_ns() / 4000);
}

/*
 * Our MSS for a route of this MTU: IP and TCP headers take 40 bytes, and
 * no IP packet is longer than 65535 (loopback's MTU is 65536).
 */
static u16 tcp_advmss(const struct net_device *dev, u16 user_mss)
{
	u32 mtu = min(dev->mtu, 65535U);
	u32 mss = mtu > 40 + TCP_MIN_MSS ? mtu - 40 : TCP_MSS_DEFAULT;

	if (user_mss && user_mss < mss)
		mss = user_mss;
	return mss;
}

/* The child has the whole handshake: may it go on the accept queue? */
bool tcp_child_ready(struct sock *child)
{
	struct tcp_sock *ctp = tcp_sk(child);
	struct tcp_sock *ltp = ctp->parent;

	/* Full (Linux: sk_acceptq_is_full): drop the ACK, the peer will resend it. */
	if (ltp->accept_qlen > ltp->max_ack_backlog)
		return false;
	list_del_init(&ctp->accept_node);
	ltp->syn_qlen--;
	list_add_tail(&ctp->accept_node, &ltp->accept_queue);
	ltp->accept_qlen++;
	ctp->in_accept_queue = true;
	ctp->dead = false;		/* it ends like a user's socket now */
	tcp_to_sk(ltp)->sk_data_ready(tcp_to_sk(ltp));
	return true;
}

/* Take the child off its listener's queue. */
void tcp_unlink_child(struct sock *child)
{
	struct tcp_sock *ctp = tcp_sk(child);
	struct tcp_sock *ltp = ctp->parent;

	if (!ltp)
		return;
	list_del_init(&ctp->accept_node);
	if (ctp->in_accept_queue)
		ltp->accept_qlen--;
	else
		ltp->syn_qlen--;
	ctp->in_accept_queue = false;
	ctp->parent = NULL;
}

/*
 * A SYN for the listener sk: a new socket in SYN-RECEIVED that
 * inherits the listener's options.  Linux: tcp_create_openreq_child().
 */
static struct sock *tcp_create_openreq_child(struct sock *sk, struct sk_buff *skb)
{
	const struct iphdr *iph = (const struct iphdr *)skb->network_header;
	const struct tcphdr *th = (const struct tcphdr *)skb->transport_header;
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	struct tcp_sock *ltp = tcp_sk(sk), *tp;
	struct net_device *dev;
	struct sock *child;
	u32 saddr, nexthop;

	dev = ip_route_output(iph->saddr, &saddr, &nexthop);
	if (!dev)
		return NULL;
	child = sk_alloc(AF_INET, &tcp_prot);
	if (!child)
		return NULL;
	sock_init_data(NULL, child);
	child->sk_type = SOCK_STREAM;
	child->sk_protocol = IPPROTO_TCP;
	tcp_init_sock(child);
	tp = tcp_sk(child);

	child->sk_reuse = sk->sk_reuse;
	child->sk_keepalive = sk->sk_keepalive;
	child->sk_rcvbuf = sk->sk_rcvbuf;
	child->sk_sndbuf = sk->sk_sndbuf;
	child->sk_rcvtimeo = sk->sk_rcvtimeo;
	child->sk_sndtimeo = sk->sk_sndtimeo;
	tp->inet.uc_ttl = ltp->inet.uc_ttl;
	tp->nodelay = ltp->nodelay;
	tp->sndbuf_locked = ltp->sndbuf_locked;
	tp->sndbuf_auto = ltp->sndbuf_auto;
	tp->user_mss = ltp->user_mss;
	tp->keepalive_time = ltp->keepalive_time;
	tp->keepalive_intvl = ltp->keepalive_intvl;
	tp->keepalive_probes = ltp->keepalive_probes;

	tp->inet.inet_rcv_saddr = tp->inet.inet_saddr = iph->daddr;
	tp->inet.inet_daddr = iph->saddr;
	tp->inet.inet_dport = th->source;
	tcp_inherit_port(child, sk);

	tp->irs = tcb->seq;
	tp->rcv_nxt = tp->copied_seq = tp->rcv_wup = tcb->seq + 1;
	tp->snd_wnd = tp->max_window = tcb->window;
	tp->snd_wl1 = tcb->seq;
	tp->rx_mss = tcb->mss ? tcb->mss : TCP_MSS_DEFAULT;
	tp->advmss = tcp_advmss(dev, tp->user_mss);
	tcp_sync_mss(child);
	tp->iss = tcp_v4_init_seq(iph->daddr, iph->saddr, th->dest, th->source);
	tp->snd_una = tp->snd_nxt = tp->write_seq = tp->snd_wl2 = tp->iss;
	tcp_init_cwnd(tp);
	tp->rcv_tstamp = tcp_clock_ns();

	tcp_set_state(child, TCP_SYN_RECV);
	tcp_hash_connection(child);
	tp->parent = ltp;
	tp->dead = true;		/* no file: it dies with the connection */
	list_add_tail(&tp->accept_node, &ltp->syn_queue);
	ltp->syn_qlen++;
	return child;
}

/*
 * A segment for a listener (RFC 9293 3.10.7.2): RST is ignored, an ACK
 * gets a RST, a SYN makes a child and our SYN,ACK.  Consumes skb.
 */
static void tcp_v4_do_listen(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *ltp = tcp_sk(sk);
	const struct iphdr *iph = (const struct iphdr *)skb->network_header;
	u8 flags = TCP_SKB_CB(skb)->tcp_flags;
	struct sock *child;

	if (flags & TCPHDR_RST)
		goto discard;
	if (flags & TCPHDR_ACK) {
		tcp_v4_send_reset(sk, skb);
		goto discard;
	}
	/* A SYN,FIN is nonsense; data in a SYN is dropped (no Fast Open). */
	if (!(flags & TCPHDR_SYN) || (flags & TCPHDR_FIN))
		goto discard;
	if (!tcp_addr_is_unicast(iph->saddr) || !tcp_addr_is_unicast(iph->daddr))
		goto discard;
	/*
	 * No room: drop the SYN, the peer will try again.  Linux checks the
	 * two queues apart, so a burst of SYNs can all be answered and the
	 * handshakes' last ACKs then find the accept queue full and are
	 * dropped (tcp_child_ready), leaving the peer to resend its data.
	 * QEMU's user network never does (its first request is lost and the
	 * connection hangs), so a SYN here also counts the handshakes in
	 * flight: every connection answered has its place in the queue.
	 */
	if (ltp->accept_qlen + ltp->syn_qlen > ltp->max_ack_backlog)
		goto discard;
	child = tcp_create_openreq_child(sk, skb);
	if (child && tcp_send_syn(child))
		tcp_done(child);
discard:
	kfree_skb(skb);
}

/*
 * Every TCP segment arrives here from ip_rcv, skb->data at the TCP
 * header and network_header at the IP header.  Check it, find its
 * socket, let the state machine have it.  Consumes skb.
 */
int tcp_v4_rcv(struct sk_buff *skb)
{
	const struct iphdr *iph = (const struct iphdr *)skb->network_header;
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	const struct tcphdr *th;
	unsigned int hdr_len;
	struct sock *sk;

	if (!iph || skb->len < sizeof(*th))
		goto bad;
	th = (const struct tcphdr *)skb->data;
	hdr_len = th->doff * 4;
	if (hdr_len < sizeof(*th) || hdr_len > skb->len)
		goto bad;
	if (tcp_udp_check(iph->saddr, iph->daddr, IPPROTO_TCP, skb->data, skb->len))
		goto bad;
	if (!tcp_addr_is_unicast(iph->daddr))
		goto bad;

	memset(tcb, 0, sizeof(*tcb));
	tcb->seq = ntohl(th->seq);
	tcb->ack_seq = ntohl(th->ack_seq);
	tcb->tcp_flags = tcp_flag_byte(th);
	tcb->window = ntohs(th->window);
	tcb->end_seq = tcb->seq + (skb->len - hdr_len) +
		       !!(tcb->tcp_flags & TCPHDR_SYN) + !!(tcb->tcp_flags & TCPHDR_FIN);
	if (tcb->tcp_flags & TCPHDR_SYN)
		tcp_parse_options(skb);
	skb->transport_header = skb->data;
	skb_pull(skb, hdr_len);

	sk = tcp_lookup_established(iph->saddr, th->source, iph->daddr, th->dest);
	if (!sk)
		sk = tcp_lookup_listener(iph->daddr, th->dest);
	if (!sk)
		goto no_tcp_socket;

	sock_hold(sk);			/* what follows may end the connection */
	if (sk->sk_state == TCP_LISTEN) {
		tcp_v4_do_listen(sk, skb);
	} else if (sk->sk_state == TCP_TIME_WAIT) {
		if (tcp_timewait_state_process(sk, skb) == TCP_TW_SYN) {
			struct sock *lsk = tcp_lookup_listener(iph->daddr, th->dest);

			if (lsk) {
				sock_hold(lsk);
				tcp_v4_do_listen(lsk, skb);
				sock_put(lsk);
			} else {
				tcp_v4_send_reset(NULL, skb);
				kfree_skb(skb);
			}
		}
	} else {
		tcp_rcv_state_process(sk, skb);
	}
	sock_put(sk);
	return 0;

no_tcp_socket:
	/* RFC 9293 3.10.7.1: no connection, so any segment but a RST gets one. */
	tcp_v4_send_reset(NULL, skb);
	kfree_skb(skb);
	return 0;
bad:
	net_drops.tcp_bad++;
	kfree_skb(skb);
	return 0;
}

/* --- connect, listen, accept ---------------------------------------------------- */

/* Reset the state a previous connection may have left behind. */
static void tcp_init_connection(struct sock *sk, const struct net_device *dev)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_sock *inet = &tp->inet;

	tp->advmss = tcp_advmss(dev, tp->user_mss);
	tp->rx_mss = TCP_MSS_DEFAULT;
	tcp_sync_mss(sk);
	tp->srtt = tp->rttvar = 0;
	tp->rto = TCP_TIMEOUT_INIT;
	tp->backoff = tp->retransmits = tp->probes_out = 0;
	tp->syn_retransmitted = false;
	tp->snd_wnd = tp->max_window = 0;
	tp->rcv_wnd = 0;
	tp->done = false;
	tp->iss = tcp_v4_init_seq(inet->inet_saddr, inet->inet_daddr,
				  inet->inet_sport, inet->inet_dport);
	tp->snd_una = tp->snd_nxt = tp->write_seq = tp->snd_wl2 = tp->iss;
	tcp_init_cwnd(tp);
	sk->sk_shutdown = 0;
	sk->sk_err = 0;
}

static bool tcp_connect_done(struct sock *sk)
{
	return !(TCPF(sk->sk_state) & (TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV)));
}

/* Take the pending error (Linux: sock_error). */
int tcp_sock_error(struct sock *sk)
{
	int err = sk->sk_err;

	sk->sk_err = 0;
	return -err;
}

/*
 * The handshake failed (RST, timeout): report the error, and make the
 * socket a fresh one that may connect again (Linux: inet_stream_connect
 * calls tcp_disconnect).
 */
static int tcp_connect_failed(struct sock *sk)
{
	int err = tcp_sock_error(sk);

	tcp_disconnect(sk, 0);
	return err ? err : -ECONNABORTED;
}

/* Wait for the handshake; what connect() then returns (Linux: inet_wait_for_connect). */
static int tcp_wait_connect(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	long timeo = sk->sk_sndtimeo;
	int err = sk_wait_event(sk, &timeo, tcp_connect_done);

	if (err == -EAGAIN)
		return -EINPROGRESS;	/* SO_SNDTIMEO ran out: it goes on */
	if (err)
		return err;
	tp->connecting = false;
	if (sk->sk_state == TCP_CLOSE)
		return tcp_connect_failed(sk);
	return 0;
}

/*
 * connect(2): pick the source address and port, send the SYN, and
 * unless the socket is non-blocking wait for the handshake to end.
 * Linux: tcp_v4_connect() and inet_stream_connect().
 */
int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len)
{
	struct sockaddr_in *usin = (struct sockaddr_in *)uaddr;
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_sock *inet = &tp->inet;
	bool nonblock = sk->sk_socket && sk->sk_socket->file &&
			(sk->sk_socket->file->f_flags & O_NONBLOCK);
	struct net_device *dev;
	u32 daddr, saddr, nexthop;
	int err;

	if (addr_len < (int)sizeof(*usin))
		return -EINVAL;
	if (usin->sin_family == AF_UNSPEC)
		return tcp_disconnect(sk, 0);
	if (usin->sin_family != AF_INET)
		return -EAFNOSUPPORT;

	switch (sk->sk_state) {
	case TCP_SYN_SENT:
	case TCP_SYN_RECV:
		if (nonblock)
			return -EALREADY;
		return tcp_wait_connect(sk);
	case TCP_CLOSE:
		if (tp->connecting) {
			/* An earlier non-blocking connect failed: report it once. */
			tp->connecting = false;
			return tcp_connect_failed(sk);
		}
		break;
	default:
		if (tp->connecting) {
			/* An earlier non-blocking connect succeeded. */
			tp->connecting = false;
			return 0;
		}
		return -EISCONN;
	}

	daddr = usin->sin_addr.s_addr;
	if (daddr == INADDR_ANY)
		daddr = htonl(INADDR_LOOPBACK);	/* as Linux */
	if (!tcp_addr_is_unicast(daddr))
		return -ENETUNREACH;
	dev = ip_route_output(daddr, &saddr, &nexthop);
	if (!dev)
		return -ENETUNREACH;
	if (!inet->inet_saddr)
		inet->inet_saddr = inet->inet_rcv_saddr = saddr;
	inet->inet_daddr = daddr;
	inet->inet_dport = usin->sin_port;
	if (!inet->inet_num) {
		err = tcp_v4_get_port(sk, 0);
		if (err) {
			err = -EADDRNOTAVAIL;
			goto failure;
		}
	}
	if (tcp_lookup_established(daddr, inet->inet_dport, inet->inet_saddr,
				   inet->inet_sport)) {
		err = -EADDRNOTAVAIL;	/* that connection exists already */
		goto failure;
	}

	tcp_init_connection(sk, dev);
	tcp_set_state(sk, TCP_SYN_SENT);
	tcp_hash_connection(sk);
	err = tcp_send_syn(sk);
	if (err)
		goto failure;
	tp->connecting = true;
	if (nonblock)
		return -EINPROGRESS;
	return tcp_wait_connect(sk);

failure:
	tcp_set_state(sk, TCP_CLOSE);
	inet->inet_dport = 0;
	inet->inet_daddr = 0;
	if (!tp->bind_locked && !inet->inet_num)
		inet->inet_saddr = inet->inet_rcv_saddr = 0;
	return err;
}

/* listen(2).  Linux: inet_listen() and inet_csk_listen_start(). */
int tcp_v4_listen(struct sock *sk, int backlog)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	if ((unsigned int)backlog > TCP_SOMAXCONN)
		backlog = TCP_SOMAXCONN;
	if (sk->sk_state == TCP_LISTEN) {
		tp->max_ack_backlog = backlog;	/* a second listen() just resizes */
		return 0;
	}
	if (sk->sk_state != TCP_CLOSE)
		return -EINVAL;
	if (!tp->inet.inet_num) {
		err = tcp_v4_get_port(sk, 0);
		if (err)
			return err;
	} else if (tcp_bind_conflict(sk, tp->inet.inet_num)) {
		return -EADDRINUSE;	/* another socket took the port meanwhile */
	}
	tp->max_ack_backlog = backlog;
	tp->inet.inet_daddr = 0;
	tp->inet.inet_dport = 0;
	sk->sk_shutdown = 0;
	tcp_set_state(sk, TCP_LISTEN);
	tcp_hash_listen(sk);
	return 0;
}

/*
 * The listener closes: children still in the handshake just go; those
 * waiting for accept() are reset, since nobody will ever read them.
 * Linux: inet_csk_listen_stop().
 */
void inet_csk_listen_stop(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	while (!list_empty(&tp->syn_queue)) {
		struct tcp_sock *ctp = list_first_entry(&tp->syn_queue, struct tcp_sock,
							accept_node);

		tcp_unlink_child(tcp_to_sk(ctp));
		ctp->dead = true;
		tcp_done(tcp_to_sk(ctp));
	}
	while (!list_empty(&tp->accept_queue)) {
		struct tcp_sock *ctp = list_first_entry(&tp->accept_queue, struct tcp_sock,
							accept_node);
		struct sock *child = tcp_to_sk(ctp);

		tcp_unlink_child(child);
		ctp->dead = true;
		if (child->sk_state == TCP_CLOSE) {
			sock_put(child);
			continue;
		}
		if (TCPF(child->sk_state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT)))
			tcp_send_active_reset(child);
		tcp_done(child);
	}
}

static bool tcp_accept_ready(struct sock *sk)
{
	return !list_empty(&tcp_sk(sk)->accept_queue) || sk->sk_state != TCP_LISTEN;
}

/*
 * accept(2): the oldest child that finished its handshake.  The caller
 * gets the child's reference and attaches it to a new socket.
 * flags: O_NONBLOCK.  Linux: inet_csk_accept().
 */
struct sock *inet_csk_accept(struct sock *sk, int flags, int *err)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sock *child;

	if (sk->sk_state != TCP_LISTEN) {
		*err = -EINVAL;
		return NULL;
	}
	if (list_empty(&tp->accept_queue)) {
		long timeo = sk->sk_rcvtimeo;

		if (flags & O_NONBLOCK) {
			*err = -EAGAIN;
			return NULL;
		}
		*err = sk_wait_event(sk, &timeo, tcp_accept_ready);
		if (*err)
			return NULL;
		if (sk->sk_state != TCP_LISTEN) {
			*err = -EINVAL;
			return NULL;
		}
	}
	child = tcp_to_sk(list_first_entry(&tp->accept_queue, struct tcp_sock, accept_node));
	tcp_unlink_child(child);
	*err = 0;
	return child;
}

/* What the socket layer calls (net/af_inet.c, via sk->sk_prot). */
struct proto tcp_prot = {
	.name = "TCP",
	.obj_size = sizeof(struct tcp_sock),
	.init = tcp_init_sock,
	.close = tcp_close,
	.connect = tcp_v4_connect,
	.disconnect = tcp_disconnect,
	.accept = inet_csk_accept,
	.ioctl = tcp_ioctl,
	.shutdown = tcp_shutdown,
	.setsockopt = tcp_setsockopt,
	.getsockopt = tcp_getsockopt,
	.sendmsg = tcp_sendmsg,
	.recvmsg = tcp_recvmsg,
	.bind = tcp_v4_bind,
	.listen = tcp_v4_listen,
	.poll = tcp_poll,
	.destroy = tcp_v4_destroy_sock,
};
