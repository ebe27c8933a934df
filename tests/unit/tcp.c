/*
 * net/tcp*.c: the TCP state machine driven by hand-made segments.
 *
 * The test plays the peer.  It injects segments through tcp_v4_rcv()
 * exactly as ip_rcv() would hand them over, and catches every segment
 * TCP sends in a fake ip_queue_xmit() (checksum checked, header parsed,
 * skb freed).  Time is a fake clock: tcp_clock_ns() returns `now`, and
 * the net_timer functions keep a list that advance() fires in order, so
 * every case is deterministic.  Blocking calls go through a fake
 * sk_wait_event() that runs the case's wait_hook (which plays the peer
 * while "the process sleeps") until the condition holds.
 *
 * Every case ends with check_clean(): no sk_buff, socket or timer left.
 *
 * Built with the kernel's headers (-D__KERNEL__) from net/tcp*.c (all but
 * tcp_clock.c), net/checksum.c, fs/iov_iter.c, and tests/unit/tcp_skbuff.c
 * (net/skbuff.c in its host flavour).  This file supplies the rest.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/random.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "fs/uio.h"
#include "net/tcp.h"

#include <stdlib.h>

#define UNIT_FILE "tcp"
#define FIONREAD_TEST	0x541b
#define TIOCOUTQ_TEST	0x5411
#include "unit.h"

/* --- addresses ------------------------------------------------------------------ */

#define IP(a, b, c, d)	htonl((u32)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define LOCAL		IP(10, 0, 0, 1)
#define PEER		IP(10, 0, 0, 2)
#define MSEC		NSEC_PER_MSEC
#define SEC		NSEC_PER_SEC

/* --- the clock and the timers --------------------------------------------------- */

static u64 now = 1000 * SEC;
static LIST_HEAD(timers);

u64 tcp_clock_ns(void)
{
	return now;
}

void net_timer_init(struct net_timer *t, void (*fn)(struct net_timer *t))
{
	INIT_LIST_HEAD(&t->entry);
	t->expires = 0;
	t->function = fn;
}

void net_timer_del(struct net_timer *t)
{
	if (!list_empty(&t->entry))
		list_del_init(&t->entry);
	t->expires = 0;
}

void net_timer_mod(struct net_timer *t, u64 expires)
{
	net_timer_del(t);
	t->expires = expires ? expires : 1;
	list_add_tail(&t->entry, &timers);
}

/* Move the clock by ns, firing every timer that comes due, in order. */
static void advance(u64 ns)
{
	u64 target = now + ns;

	for (;;) {
		struct net_timer *t, *first = NULL;

		list_for_each_entry(t, &timers, entry)
			if (t->expires <= target && (!first || t->expires < first->expires))
				first = t;
		if (!first)
			break;
		if (first->expires > now)
			now = first->expires;
		net_timer_del(first);
		first->function(first);
	}
	now = target;
}

static int timers_pending(void)
{
	struct net_timer *t;
	int n = 0;

	list_for_each_entry(t, &timers, entry)
		n++;
	return n;
}

/* --- IP below us: captured segments --------------------------------------------- */

struct seg {
	u32 saddr, daddr;
	u16 sport, dport;		/* host order */
	u32 seq, ack;
	u8 flags;
	u16 win;
	u16 mss;			/* the MSS option, 0 if none */
	u32 len;
	bool csum_ok;
	u8 data[2048];
};

#define MAX_SEGS	256
static struct seg segs[MAX_SEGS];
static int nsegs, seg_overflow;
static struct net_device fake_dev = { .name = "eth0", .mtu = 1500 };
static bool no_route;

int ip_queue_xmit(struct sk_buff *skb, u32 saddr, u32 daddr, u8 protocol)
{
	struct tcphdr *th = (struct tcphdr *)skb->data;
	struct seg *s;
	unsigned int hlen = th->doff * 4;
	u8 *opt = (u8 *)(th + 1);

	if (protocol != IPPROTO_TCP || nsegs == MAX_SEGS) {
		seg_overflow++;
		kfree_skb(skb);
		return 0;
	}
	s = &segs[nsegs++];
	memset(s, 0, sizeof(*s));
	s->saddr = saddr;
	s->daddr = daddr;
	s->sport = ntohs(th->source);
	s->dport = ntohs(th->dest);
	s->seq = ntohl(th->seq);
	s->ack = ntohl(th->ack_seq);
	s->flags = tcp_flag_byte(th);
	s->win = ntohs(th->window);
	s->csum_ok = tcp_udp_check(saddr, daddr, IPPROTO_TCP, skb->data, skb->len) == 0;
	if (hlen >= 24 && opt[0] == TCPOPT_MSS && opt[1] == TCPOLEN_MSS)
		s->mss = opt[2] << 8 | opt[3];
	s->len = skb->len - hlen;
	if (s->len <= sizeof(s->data))
		memcpy(s->data, skb->data + hlen, s->len);
	kfree_skb(skb);
	return 0;
}

struct net_device *ip_route_output(u32 daddr, u32 *saddr, u32 *nexthop)
{
	*nexthop = daddr;
	*saddr = LOCAL;
	return no_route ? NULL : &fake_dev;
}

bool ip_is_local(u32 addr)
{
	return addr == LOCAL;
}

struct net_drop_stats net_drops;

/* Take the oldest captured segment (NULL if none). */
static int seg_next;

static struct seg *pop(void)
{
	return seg_next < nsegs ? &segs[seg_next++] : NULL;
}

/* The oldest captured segment from our port lport, skipping the others. */
static struct seg *pop_from(u16 lport)
{
	struct seg *s;

	while ((s = pop()))
		if (s->sport == lport)
			return s;
	return NULL;
}

static int pending_segs(void)
{
	return nsegs - seg_next;
}

static void clear_segs(void)
{
	nsegs = seg_next = 0;
}

/* --- struct sock and the rest of the kernel ------------------------------------- */

#define MAX_SOCKS	64
static struct sock *socks[MAX_SOCKS];
static int socks_live;
static int wakeups;
static unsigned long next_ino = 1000;

struct sock *sk_alloc(int family, struct proto *prot)
{
	struct sock *sk = calloc(1, prot->obj_size);
	int i;

	if (!sk)
		abort();
	sk->sk_family = family;
	sk->sk_prot = prot;
	sk->sk_refcnt = 1;
	sk->sk_rcvbuf = sk->sk_sndbuf = 212992;
	skb_queue_head_init(&sk->sk_receive_queue);
	skb_queue_head_init(&sk->sk_write_queue);
	INIT_LIST_HEAD(&sk->sk_node);
	for (i = 0; i < MAX_SOCKS && socks[i]; i++)
		;
	if (i == MAX_SOCKS)
		abort();
	socks[i] = sk;
	socks_live++;
	return sk;
}

static void sk_free(struct sock *sk)
{
	int i;

	for (i = 0; i < MAX_SOCKS; i++)
		if (socks[i] == sk)
			socks[i] = NULL;
	socks_live--;
	free(sk);
}

void sock_put(struct sock *sk)
{
	if (--sk->sk_refcnt > 0)
		return;
	if (sk->sk_prot->destroy)
		sk->sk_prot->destroy(sk);
	skb_queue_purge(&sk->sk_receive_queue);
	skb_queue_purge(&sk->sk_write_queue);
	sk_free(sk);
}

static void fake_wake(struct sock *sk)
{
	(void)sk;
	wakeups++;
}

void sk_wake(struct sock *sk)
{
	fake_wake(sk);
}

void sock_init_data(struct socket *sock, struct sock *sk)
{
	sk->sk_socket = sock;
	sk->sk_type = sock ? sock->type : 0;
	sk->sk_state_change = fake_wake;
	sk->sk_data_ready = fake_wake;
	sk->sk_write_space = fake_wake;
	sk->sk_error_report = fake_wake;
	if (sock) {
		sock->sk = sk;
		sk->sk_ino = next_ino++;
	}
}

/*
 * A blocking call "sleeps": the hook plays the world meanwhile (the peer
 * sends, time passes) until the condition holds.  Without a hook, or if
 * nothing helps, the wait times out (-EAGAIN), like SO_RCVTIMEO.
 */
static void (*wait_hook)(struct sock *sk);
static int waits;

int sk_wait_event(struct sock *sk, long *timeo, bool (*cond)(struct sock *sk))
{
	int i;

	(void)timeo;
	waits++;
	for (i = 0; i < 1000 && !cond(sk); i++) {
		if (!wait_hook)
			break;
		wait_hook(sk);
	}
	return cond(sk) ? 0 : -EAGAIN;
}

struct task_struct *unit_current;
static int sigpipes;

int send_signal(struct task_struct *t, int sig)
{
	(void)t;
	if (sig == SIGPIPE)
		sigpipes++;
	return 0;
}

u64 get_random_u64(void)
{
	return 12345;
}

void get_random_bytes(void *buf, size_t n)
{
	memset(buf, 0x5a, n);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

/* --- sockets as a user has them ----------------------------------------------- */

struct fake_socket {
	struct socket sock;
	struct file file;
};

static struct fake_socket fsocks[MAX_SOCKS];

/* socket(AF_INET, SOCK_STREAM, 0) as inet_create does it. */
static struct sock *new_sock(bool nonblock)
{
	struct fake_socket *fs = NULL;
	struct sock *sk;
	int i;

	for (i = 0; i < MAX_SOCKS; i++)
		if (!fsocks[i].sock.type) {
			fs = &fsocks[i];
			break;
		}
	if (!fs)
		abort();
	memset(fs, 0, sizeof(*fs));
	fs->sock.type = SOCK_STREAM;
	fs->sock.file = &fs->file;
	fs->file.f_flags = nonblock ? O_NONBLOCK : 0;
	sk = sk_alloc(AF_INET, &tcp_prot);
	sock_init_data(&fs->sock, sk);
	sk->sk_protocol = IPPROTO_TCP;
	tcp_prot.init(sk);
	return sk;
}

/* Give an accepted sock its file, as inet_accept does. */
static void graft(struct sock *sk, bool nonblock)
{
	struct fake_socket *fs = NULL;
	int i;

	for (i = 0; i < MAX_SOCKS; i++)
		if (!fsocks[i].sock.type) {
			fs = &fsocks[i];
			break;
		}
	if (!fs)
		abort();
	memset(fs, 0, sizeof(*fs));
	fs->sock.type = SOCK_STREAM;
	fs->sock.file = &fs->file;
	fs->file.f_flags = nonblock ? O_NONBLOCK : 0;
	fs->sock.sk = sk;
	sk->sk_socket = &fs->sock;
	sk->sk_ino = next_ino++;
}

/* close(fd): what inet_release does. */
static void close_sock(struct sock *sk)
{
	struct socket *sock = sk->sk_socket;

	if (sock) {
		sock->sk = NULL;
		sock->type = 0;		/* the fake_socket slot is free again */
	}
	sk->sk_socket = NULL;
	tcp_prot.close(sk, 0);
}

static int bind_to(struct sock *sk, u32 addr, u16 port)
{
	struct sockaddr_in sin = { AF_INET, htons(port), { addr }, { 0 } };

	return tcp_prot.bind(sk, (struct sockaddr *)&sin, sizeof(sin));
}

static int connect_to(struct sock *sk, u32 addr, u16 port)
{
	struct sockaddr_in sin = { AF_INET, htons(port), { addr }, { 0 } };

	return tcp_prot.connect(sk, (struct sockaddr *)&sin, sizeof(sin));
}

static int send_buf(struct sock *sk, const void *buf, size_t len, unsigned int flags)
{
	struct iovec iov = { (void *)buf, len };
	struct msghdr msg;

	memset(&msg, 0, sizeof(msg));
	iov_iter_init(&msg.msg_iter, ITER_KVEC, &iov, 1, len);
	msg.msg_flags = flags;
	return tcp_prot.sendmsg(sk, &msg, len);
}

static int recv_buf(struct sock *sk, void *buf, size_t len, int flags)
{
	struct iovec iov = { buf, len };
	struct msghdr msg;
	int addr_len = 0;

	memset(&msg, 0, sizeof(msg));
	iov_iter_init(&msg.msg_iter, ITER_KVEC, &iov, 1, len);
	msg.msg_flags = flags;
	return tcp_prot.recvmsg(sk, &msg, len, flags, &addr_len);
}

static int setopt(struct sock *sk, int level, int name, int val)
{
	return tcp_prot.setsockopt(sk, level, name, (char *)&val, sizeof(val));
}

static int getopt(struct sock *sk, int level, int name)
{
	int val = -12345, len = sizeof(val);
	int err = tcp_prot.getsockopt(sk, level, name, (char *)&val, &len);

	return err ? err : val;
}

/* --- the peer's segments -------------------------------------------------------- */

struct pkt {
	u32 saddr, daddr;
	u16 sport, dport;
	u32 seq, ack;
	u8 flags;
	u16 win;
	u16 mss;			/* an MSS option if not 0 */
	const void *data;
	u32 len;
	bool bad_csum;
};

/* Build the segment as the wire has it and hand it to tcp_v4_rcv like ip_rcv. */
static void inject_pkt(const struct pkt *p)
{
	unsigned int optlen = p->mss ? 4 : 0;
	struct sk_buff *skb = alloc_skb(NET_HEADROOM + 20 + 20 + optlen + p->len);
	struct iphdr *iph;
	struct tcphdr *th;

	skb_reserve(skb, NET_HEADROOM);
	iph = (struct iphdr *)skb_put(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(20 + 20 + optlen + p->len);
	iph->protocol = IPPROTO_TCP;
	iph->saddr = p->saddr;
	iph->daddr = p->daddr;
	th = (struct tcphdr *)skb_put(skb, 20 + optlen);
	memset(th, 0, 20 + optlen);
	th->source = htons(p->sport);
	th->dest = htons(p->dport);
	th->seq = htonl(p->seq);
	th->ack_seq = htonl(p->ack);
	th->doff = (20 + optlen) / 4;
	tcp_flag_byte(th) = p->flags;
	th->window = htons(p->win);
	if (optlen) {
		u8 *o = (u8 *)(th + 1);

		o[0] = TCPOPT_MSS;
		o[1] = TCPOLEN_MSS;
		o[2] = p->mss >> 8;
		o[3] = p->mss & 0xff;
	}
	if (p->len)
		memcpy(skb_put(skb, p->len), p->data, p->len);
	th->check = tcp_udp_check(p->saddr, p->daddr, IPPROTO_TCP, th, 20 + optlen + p->len);
	if (p->bad_csum)
		th->check ^= htons(1);
	skb->network_header = (unsigned char *)iph;
	skb_pull(skb, sizeof(*iph));
	skb->transport_header = skb->data;
	tcp_v4_rcv(skb);
}

/*
 * One connection as the peer sees it: our socket sk on LOCAL:lport,
 * the peer on PEER:pport.  snd is the peer's next sequence number, rcv
 * the next it expects from us (what it acknowledges).
 */
struct conn {
	struct sock *sk;
	u16 lport, pport;
	u32 snd, rcv;
	u16 win;
};

/* A segment from the peer at seq with the given ACK field. */
static void peer_seg(struct conn *c, u32 seq, u32 ack, u8 flags, const void *data, u32 len)
{
	struct pkt p = { PEER, LOCAL, c->pport, c->lport, seq, ack, flags, c->win, 0,
			 data, len, false };

	inject_pkt(&p);
}

/* The peer's next in-order segment; its sequence number moves on. */
static void peer_send(struct conn *c, u8 flags, const void *data, u32 len)
{
	peer_seg(c, c->snd, c->rcv, flags, data, len);
	c->snd += len + !!(flags & (TCPHDR_SYN)) + !!(flags & TCPHDR_FIN);
}

/* The peer acknowledges everything up to ack. */
static void peer_ack(struct conn *c, u32 ack)
{
	c->rcv = ack;
	peer_seg(c, c->snd, ack, TCPHDR_ACK, NULL, 0);
}

static const u8 *pattern(u32 off)
{
	static u8 buf[1 << 17];
	static bool made;

	if (!made) {
		u32 i;

		for (i = 0; i < sizeof(buf); i++)
			buf[i] = (u8)(i * 7 + (i >> 8));
		made = true;
	}
	if (off > sizeof(buf) - 65536)
		abort();
	return buf + off;
}

/* --- the world between cases ---------------------------------------------------- */

/*
 * Start every case from nothing: forget what a failed case left behind
 * (its sockets are freed behind TCP's back), reset the clock and fakes.
 */
static void reset_world(void)
{
	int i;

	for (i = 0; i < MAX_SOCKS; i++) {
		struct sock *sk = socks[i];

		if (!sk)
			continue;
		sk->sk_prot->destroy(sk);
		skb_queue_purge(&sk->sk_receive_queue);
		skb_queue_purge(&sk->sk_write_queue);
		sk_free(sk);
	}
	while (!list_empty(&timers))
		net_timer_del(list_first_entry(&timers, struct net_timer, entry));
	memset(fsocks, 0, sizeof(fsocks));
	clear_segs();
	seg_overflow = 0;
	wait_hook = NULL;
	waits = 0;
	sigpipes = 0;
	wakeups = 0;
	no_route = false;
	fake_dev.mtu = 1500;
	memset(&net_drops, 0, sizeof(net_drops));
	now += 1000 * SEC;
}

/* Is everything freed?  NULL if so, else what is left. */
static const char *leftovers(void)
{
	static char why[128];

	if (skb_live)
		snprintf(why, sizeof(why), "%ld sk_buffs live", skb_live);
	else if (socks_live)
		snprintf(why, sizeof(why), "%d socks live", socks_live);
	else if (timers_pending())
		snprintf(why, sizeof(why), "%d timers pending", timers_pending());
	else if (seg_overflow)
		snprintf(why, sizeof(why), "%d segments not captured", seg_overflow);
	else
		return NULL;
	return why;
}

#define check_clean()							\
	do {								\
		const char *left_;					\
		clear_segs();						\
		left_ = leftovers();					\
		EXPECTF(!left_, "at the end: %s", left_);		\
	} while (0)

/* Forget a socket the case is done with: abort its connection, close it. */
static void kill_sock(struct sock *sk)
{
	tcp_prot.disconnect(sk, 0);
	close_sock(sk);
}

static void kill_child(struct sock *sk)
{
	graft(sk, false);
	kill_sock(sk);
}

#define CASE_START()	reset_world()

/* Helpers that check things return NULL or what went wrong. */
static char helper_why[256];

#define HELPER_CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			snprintf(helper_why, sizeof(helper_why), __VA_ARGS__); \
			return helper_why;				\
		}							\
	} while (0)

#define PEER_ISN	0xfffff000U	/* the peer's sequence numbers wrap soon */

/* Segment s is what we expect?  (flags exactly, seq, ack, data length) */
static const char *seg_is(const struct seg *s, u8 flags, u32 seq, u32 ack, u32 len)
{
	HELPER_CHECK(s, "no segment sent (expected flags %#x seq %u)", flags, seq);
	HELPER_CHECK(s->csum_ok, "bad checksum");
	HELPER_CHECK(s->flags == flags, "flags %#x, expected %#x", s->flags, flags);
	HELPER_CHECK(s->seq == seq, "seq %u, expected %u", s->seq, seq);
	HELPER_CHECK(!(flags & TCPHDR_ACK) || s->ack == ack, "ack %u, expected %u", s->ack, ack);
	HELPER_CHECK(s->len == len, "length %u, expected %u", s->len, len);
	return NULL;
}

#define EXPECT_SEG(s, flags, seq, ack, len)				\
	do {								\
		const char *why_ = seg_is(s, flags, seq, ack, len);	\
		EXPECTF(!why_, "segment: %s", why_);			\
	} while (0)

#define EXPECT_OK(helper)						\
	do {								\
		const char *why_ = (helper);				\
		EXPECTF(!why_, "%s", why_);				\
	} while (0)

/* Active open: our connect() against a peer that announces mss (0: no option). */
static const char *open_active(struct conn *c, u16 mss)
{
	struct pkt p;
	struct seg *s;
	int err;

	memset(c, 0, sizeof(*c));
	clear_segs();			/* what earlier connections sent */
	c->sk = new_sock(true);
	c->pport = 80;
	c->win = 65535;
	err = connect_to(c->sk, PEER, 80);
	HELPER_CHECK(err == -EINPROGRESS, "connect: %d", err);
	s = pop();
	HELPER_CHECK(s && s->flags == TCPHDR_SYN && s->dport == 80 && s->csum_ok,
		     "no good SYN");
	HELPER_CHECK(s->mss == 1460, "SYN's MSS %u", s->mss);
	HELPER_CHECK(s->saddr == LOCAL && s->daddr == PEER, "SYN's addresses");
	c->lport = s->sport;
	c->rcv = s->seq + 1;
	c->snd = PEER_ISN;
	advance(100 * MSEC);		/* the round trip: SRTT 100 ms, RTO 300 ms */
	p = (struct pkt){ PEER, LOCAL, c->pport, c->lport, c->snd, c->rcv,
			  TCPHDR_SYN | TCPHDR_ACK, c->win, mss, NULL, 0, false };
	inject_pkt(&p);
	c->snd++;
	s = pop_from(c->lport);
	HELPER_CHECK(s && s->flags == TCPHDR_ACK && s->seq == c->rcv && s->ack == c->snd,
		     "no ACK of the SYN,ACK");
	HELPER_CHECK(c->sk->sk_state == TCP_ESTABLISHED, "state %d", c->sk->sk_state);
	HELPER_CHECK(!pop_from(c->lport), "more segments");
	return NULL;
}

/* Passive open: the peer connects from pport to the listener on lport; accept it. */
static const char *open_passive(struct conn *c, struct sock *lsk, u16 lport, u16 pport)
{
	struct pkt p = { PEER, LOCAL, pport, lport, PEER_ISN, 0, TCPHDR_SYN, 65535, 1460,
			 NULL, 0, false };
	struct seg *s;
	int err;

	memset(c, 0, sizeof(*c));
	c->lport = lport;
	c->pport = pport;
	c->win = 65535;
	inject_pkt(&p);
	c->snd = PEER_ISN + 1;
	s = pop();
	HELPER_CHECK(s && s->flags == (TCPHDR_SYN | TCPHDR_ACK) && s->ack == c->snd &&
		     s->sport == lport && s->dport == pport && s->csum_ok, "no SYN,ACK");
	HELPER_CHECK(s->mss == 1460, "SYN,ACK's MSS %u", s->mss);
	c->rcv = s->seq + 1;
	peer_ack(c, c->rcv);
	HELPER_CHECK(!pending_segs(), "a segment after the handshake");
	c->sk = tcp_prot.accept(lsk, O_NONBLOCK, &err);
	HELPER_CHECK(c->sk && !err, "accept: %d", err);
	HELPER_CHECK(c->sk->sk_state == TCP_ESTABLISHED, "child state %d", c->sk->sk_state);
	graft(c->sk, true);
	return NULL;
}

static struct sock *listener(u16 port, int backlog)
{
	struct sock *sk = new_sock(true);

	if (bind_to(sk, INADDR_ANY, port) || tcp_prot.listen(sk, backlog))
		abort();
	return sk;
}

/* === the handshake ========================================================== */

static void handshake_active(void)
{
	struct conn c;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	EXPECT_EQ(tcp_sk(c.sk)->mss_cache, 1000);
	EXPECT_EQ(getopt(c.sk, IPPROTO_TCP, TCP_MAXSEG), 1000);
	EXPECT(c.lport >= 32768 && c.lport <= 60999);
	EXPECT_EQ(tcp_prot.poll(c.sk), POLLOUT | POLLWRNORM);
	kill_sock(c.sk);
	check_clean();
}

static void handshake_default_mss_536(void)
{
	struct conn c;

	CASE_START();
	EXPECT_OK(open_active(&c, 0));
	EXPECT_EQ(tcp_sk(c.sk)->mss_cache, 536);
	kill_sock(c.sk);
	check_clean();
}

static struct conn *hook_conn;

/* While connect() sleeps, the peer answers the SYN. */
static void hook_synack(struct sock *sk)
{
	struct conn *c = hook_conn;
	struct seg *s = pop();
	struct pkt p;

	(void)sk;
	if (!s || s->flags != TCPHDR_SYN)
		return;
	c->lport = s->sport;
	c->rcv = s->seq + 1;
	p = (struct pkt){ PEER, LOCAL, c->pport, c->lport, c->snd, c->rcv,
			  TCPHDR_SYN | TCPHDR_ACK, c->win, 1460, NULL, 0, false };
	inject_pkt(&p);
	c->snd++;
}

static void handshake_active_blocking(void)
{
	struct conn c = { .pport = 80, .snd = 777, .win = 65535 };

	CASE_START();
	c.sk = new_sock(false);
	hook_conn = &c;
	wait_hook = hook_synack;
	EXPECT_EQ(connect_to(c.sk, PEER, 80), 0);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), -EISCONN);
	kill_sock(c.sk);
	check_clean();
}

/* A non-blocking connect that completes: the next connect() says 0, then EISCONN. */
static void connect_nonblocking_again(void)
{
	struct conn c;

	CASE_START();
	c.sk = new_sock(true);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), -EINPROGRESS);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), -EALREADY);
	EXPECT_EQ(tcp_prot.poll(c.sk), 0);
	c.pport = 80;
	c.snd = 1;
	c.win = 1000;
	hook_conn = &c;
	hook_synack(c.sk);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), 0);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), -EISCONN);
	kill_sock(c.sk);
	check_clean();
}

static void handshake_passive(void)
{
	struct sock *lsk;
	struct conn c;
	int err;

	CASE_START();
	lsk = listener(8080, 5);
	EXPECT(tcp_prot.accept(lsk, O_NONBLOCK, &err) == NULL);
	EXPECT_EQ(err, -EAGAIN);
	EXPECT_EQ(tcp_prot.poll(lsk), 0);
	EXPECT_OK(open_passive(&c, lsk, 8080, 40000));
	EXPECT_EQ(inet_sk(c.sk)->inet_saddr, LOCAL);
	EXPECT_EQ(inet_sk(c.sk)->inet_daddr, PEER);
	EXPECT_EQ(ntohs(inet_sk(c.sk)->inet_dport), 40000);
	EXPECT_EQ(tcp_sk(c.sk)->mss_cache, 1460);
	kill_sock(c.sk);
	close_sock(lsk);
	check_clean();
}

/* RFC 9293 3.10.7.3: SYN-SENT gets a SYN: SYN-RECEIVED, SYN,ACK; then ESTABLISHED. */
static void simultaneous_open(void)
{
	struct conn c = { .pport = 80, .snd = 4242, .win = 65535 };
	struct pkt p;
	struct seg *s;

	CASE_START();
	c.sk = new_sock(true);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), -EINPROGRESS);
	s = pop();
	EXPECT(s && s->flags == TCPHDR_SYN);
	c.lport = s->sport;
	c.rcv = s->seq + 1;
	p = (struct pkt){ PEER, LOCAL, 80, c.lport, c.snd, 0, TCPHDR_SYN, 65535, 1200,
			  NULL, 0, false };
	inject_pkt(&p);
	c.snd++;
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_RECV);
	s = pop();
	EXPECT_SEG(s, TCPHDR_SYN | TCPHDR_ACK, c.rcv - 1, c.snd, 0);
	EXPECT_EQ(s->mss, 1460);
	/* The peer's SYN,ACK (the answer to our first SYN). */
	p = (struct pkt){ PEER, LOCAL, 80, c.lport, c.snd - 1, c.rcv,
			  TCPHDR_SYN | TCPHDR_ACK, 65535, 1200, NULL, 0, false };
	inject_pkt(&p);
	/* An old SYN in a synchronized state draws a (challenge) ACK. */
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_RECV);
	peer_ack(&c, c.rcv);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	EXPECT_EQ(tcp_sk(c.sk)->mss_cache, 1200);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), 0);
	kill_sock(c.sk);
	check_clean();
}

static void connect_refused(void)
{
	struct conn c;
	struct seg *s;
	struct pkt p;
	char b;

	CASE_START();
	c.sk = new_sock(true);
	EXPECT_EQ(connect_to(c.sk, PEER, 81), -EINPROGRESS);
	s = pop();
	EXPECT(s && s->flags == TCPHDR_SYN);
	/* A RST without ACK in SYN-SENT is ignored; one with a bad ACK too. */
	p = (struct pkt){ PEER, LOCAL, 81, s->sport, 0, s->seq + 1, TCPHDR_RST, 0, 0,
			  NULL, 0, false };
	inject_pkt(&p);
	p.flags = TCPHDR_RST | TCPHDR_ACK;
	p.ack = s->seq + 2;
	inject_pkt(&p);
	EXPECT_EQ(c.sk->sk_state, TCP_SYN_SENT);
	EXPECT_EQ(pending_segs(), 0);
	p.ack = s->seq + 1;
	inject_pkt(&p);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	/* As Linux: POLLIN|POLLOUT|POLLERR|POLLHUP|POLLRDNORM|POLLWRNORM|POLLRDHUP. */
	EXPECT_EQ(tcp_prot.poll(c.sk), 0x215d);
	EXPECT_EQ(connect_to(c.sk, PEER, 81), -ECONNREFUSED);
	EXPECT_EQ(connect_to(c.sk, PEER, 81), -EINPROGRESS);	/* a new attempt */
	EXPECT(pop());
	kill_sock(c.sk);

	/* Blocking: connect() returns ECONNREFUSED, and the socket is reset. */
	c.sk = new_sock(false);
	wait_hook = NULL;
	EXPECT_EQ(connect_to(c.sk, PEER, 81), -EINPROGRESS);	/* no answer: "timeout" */
	s = pop();
	p = (struct pkt){ PEER, LOCAL, 81, s->sport, 0, s->seq + 1,
			  TCPHDR_RST | TCPHDR_ACK, 0, 0, NULL, 0, false };
	inject_pkt(&p);
	EXPECT_EQ(connect_to(c.sk, PEER, 81), -ECONNREFUSED);
	EXPECT_EQ(recv_buf(c.sk, &b, 1, MSG_DONTWAIT), -ENOTCONN);
	EXPECT_EQ(send_buf(c.sk, &b, 1, 0), -EPIPE);
	EXPECT_EQ(sigpipes, 1);
	EXPECT_EQ(tcp_prot.poll(c.sk), POLLOUT | POLLWRNORM | POLLHUP);
	close_sock(c.sk);
	check_clean();
}

/* SYN retransmissions at 1, 3, 7, 15, 31, 63 s; ETIMEDOUT at 127 s (Linux's 6 retries). */
static void syn_timeout(void)
{
	static const int at[] = { 1, 3, 7, 15, 31, 63 };
	struct sock *sk;
	struct seg *s;
	u32 iss;
	int i, t = 0;

	CASE_START();
	sk = new_sock(true);
	EXPECT_EQ(connect_to(sk, PEER, 80), -EINPROGRESS);
	s = pop();
	iss = s->seq;
	for (i = 0; i < 6; i++) {
		advance((u64)(at[i] - t) * SEC - 1);
		EXPECTF(!pending_segs(), "retransmission %d early", i + 1);
		advance(1);
		t = at[i];
		EXPECT_SEG(pop(), TCPHDR_SYN, iss, 0, 0);
	}
	advance(64 * SEC - 1);
	EXPECT_EQ(sk->sk_state, TCP_SYN_SENT);
	advance(1);
	EXPECT_EQ(sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(sk->sk_err, ETIMEDOUT);
	EXPECT_EQ(pending_segs(), 0);
	close_sock(sk);
	check_clean();
}

/* RFC 9293 3.10.7.1: no socket -> RST, built from the segment. */
static void rst_for_closed_port(void)
{
	struct pkt p = { PEER, LOCAL, 5555, 9, 1000, 0, TCPHDR_SYN, 100, 0, "ab", 2, false };
	struct seg *s;

	CASE_START();
	inject_pkt(&p);
	s = pop();
	EXPECT_SEG(s, TCPHDR_RST | TCPHDR_ACK, 0, 1003, 0);
	EXPECT_EQ(s->sport, 9);
	EXPECT_EQ(s->dport, 5555);
	EXPECT_EQ(s->saddr, LOCAL);
	EXPECT_EQ(s->daddr, PEER);
	p = (struct pkt){ PEER, LOCAL, 5555, 9, 1000, 777777, TCPHDR_ACK, 100, 0, NULL, 0, false };
	inject_pkt(&p);
	EXPECT_SEG(pop(), TCPHDR_RST, 777777, 0, 0);
	p.flags = TCPHDR_RST | TCPHDR_ACK;
	inject_pkt(&p);
	EXPECT_EQ(pending_segs(), 0);
	/* Not to a broadcast or multicast source. */
	p = (struct pkt){ IP(224, 0, 0, 1), LOCAL, 5555, 9, 1, 0, TCPHDR_SYN, 100, 0, NULL, 0, false };
	inject_pkt(&p);
	EXPECT_EQ(pending_segs(), 0);
	check_clean();
}

static void bad_segments_dropped(void)
{
	struct pkt p = { PEER, LOCAL, 5555, 9, 1000, 0, TCPHDR_SYN, 100, 0, NULL, 0, true };
	struct sk_buff *skb;
	struct iphdr *iph;

	CASE_START();
	inject_pkt(&p);			/* bad checksum */
	EXPECT_EQ(net_drops.tcp_bad, 1);
	EXPECT_EQ(pending_segs(), 0);
	/* Shorter than a header; a data offset past the end. */
	skb = alloc_skb(100);
	iph = (struct iphdr *)skb_put(skb, 20 + 10);
	memset(iph, 0, 30);
	iph->saddr = PEER;
	iph->daddr = LOCAL;
	skb->network_header = (unsigned char *)iph;
	skb_pull(skb, 20);
	tcp_v4_rcv(skb);
	EXPECT_EQ(net_drops.tcp_bad, 2);
	skb = alloc_skb(100);
	iph = (struct iphdr *)skb_put(skb, 20 + 20);
	memset(iph, 0, 40);
	iph->saddr = PEER;
	iph->daddr = LOCAL;
	((struct tcphdr *)(iph + 1))->doff = 15;
	skb->network_header = (unsigned char *)iph;
	skb_pull(skb, 20);
	tcp_v4_rcv(skb);
	EXPECT_EQ(net_drops.tcp_bad, 3);
	EXPECT_EQ(pending_segs(), 0);
	check_clean();
}


/* === data ===================================================================== */

static void send_segments(void)
{
	struct conn c;
	struct tcp_sock *tp;
	struct seg *s;
	u32 base;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	EXPECT_EQ(tp->rto, 300 * MSEC);		/* RFC 6298 2.2: 100 + 4 * 50 ms */
	EXPECT_EQ(tp->snd_cwnd, 10 * 1000);	/* IW10 */
	base = c.rcv;
	EXPECT_EQ(send_buf(c.sk, pattern(0), 3000, MSG_DONTWAIT), 3000);
	s = pop();
	EXPECT_SEG(s, TCPHDR_ACK, base, c.snd, 1000);
	EXPECT(!memcmp(s->data, pattern(0), 1000));
	s = pop();
	EXPECT_SEG(s, TCPHDR_ACK, base + 1000, c.snd, 1000);
	EXPECT(!memcmp(s->data, pattern(1000), 1000));
	s = pop();
	EXPECT_SEG(s, TCPHDR_ACK | TCPHDR_PSH, base + 2000, c.snd, 1000);
	EXPECT(!memcmp(s->data, pattern(2000), 1000));
	EXPECT(net_timer_pending(&tp->retransmit_timer));
	EXPECT_EQ(tp->retransmit_timer.expires, now + 300 * MSEC);
	EXPECT_EQ(c.sk->sk_wmem_queued, 3000);
	advance(50 * MSEC);
	peer_ack(&c, base + 3000);
	EXPECT(!net_timer_pending(&tp->retransmit_timer));	/* RFC 6298 5.2 */
	EXPECT_EQ(c.sk->sk_wmem_queued, 0);
	EXPECT_EQ(tp->srtt, 93750 * 1000);	/* 7/8 * 100 + 1/8 * 50 ms */
	EXPECT_EQ(tp->snd_cwnd, 11000);		/* slow start: + min(acked, MSS) per ACK */
	EXPECT_EQ(pending_segs(), 0);
	kill_sock(c.sk);
	check_clean();
}

/*
 * Leave quickack mode, as after the connection's first segments: from
 * here on the ACK of a lone segment is delayed.
 */
static void end_quickack(struct conn *c)
{
	tcp_sk(c->sk)->quick = 0;
}

static void receive_delayed_ack(void)
{
	struct conn c;
	u8 buf[4000];

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	end_quickack(&c);
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, pattern(0), 1000);
	EXPECT_EQ(pending_segs(), 0);		/* one segment: the ACK waits */
	EXPECT_EQ(tcp_prot.poll(c.sk), POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM);
	advance(40 * MSEC - 1);
	EXPECT_EQ(pending_segs(), 0);
	advance(1);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);
	peer_send(&c, TCPHDR_ACK, pattern(1000), 1000);
	EXPECT_EQ(pending_segs(), 0);
	peer_send(&c, TCPHDR_ACK, pattern(2000), 1000);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);	/* every second segment */
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), MSG_DONTWAIT), 3000);
	EXPECT(!memcmp(buf, pattern(0), 3000));
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), MSG_DONTWAIT), -EAGAIN);
	advance(SEC);
	EXPECT_EQ(pending_segs(), 0);
	kill_sock(c.sk);
	check_clean();
}

/* Segments 3, 2, 1: duplicate ACKs at once, then one ACK for all; the data in order. */
static void out_of_order_reassembly(void)
{
	struct conn c;
	u32 base;
	u8 buf[4000];

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	base = c.snd;
	peer_seg(&c, base + 2000, c.rcv, TCPHDR_ACK, pattern(2000), 1000);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, base, 0);
	peer_seg(&c, base + 1000, c.rcv, TCPHDR_ACK, pattern(1000), 1000);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, base, 0);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), MSG_DONTWAIT), -EAGAIN);
	EXPECT_EQ(tcp_prot.poll(c.sk) & POLLIN, 0);
	peer_seg(&c, base, c.rcv, TCPHDR_ACK, pattern(0), 1000);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, base + 3000, 0);	/* the hole filled: at once */
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), MSG_DONTWAIT), 3000);
	EXPECT(!memcmp(buf, pattern(0), 3000));
	EXPECT_EQ(c.sk->sk_rmem_alloc, 0);
	kill_sock(c.sk);
	check_clean();
}

/* Overlapping segments are trimmed and their new bytes accepted, never dropped whole. */
static void overlap_trimmed(void)
{
	struct conn c;
	u32 b;
	u8 buf[1000];

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	b = c.snd;
	peer_seg(&c, b, c.rcv, TCPHDR_ACK, pattern(0), 100);
	peer_seg(&c, b + 50, c.rcv, TCPHDR_ACK, pattern(50), 100);	/* 50 old, 50 new */
	EXPECT_EQ(tcp_sk(c.sk)->rcv_nxt, b + 150);
	/* Out of order, overlapping each other. */
	peer_seg(&c, b + 200, c.rcv, TCPHDR_ACK, pattern(200), 100);
	peer_seg(&c, b + 250, c.rcv, TCPHDR_ACK, pattern(250), 100);
	peer_seg(&c, b + 500, c.rcv, TCPHDR_ACK, pattern(500), 100);
	peer_seg(&c, b + 450, c.rcv, TCPHDR_ACK, pattern(450), 250);	/* covers 500..600 */
	peer_seg(&c, b + 460, c.rcv, TCPHDR_ACK, pattern(460), 20);	/* inside: nothing new */
	EXPECT_EQ(tcp_sk(c.sk)->out_of_order_queue.qlen, 3);
	peer_seg(&c, b + 150, c.rcv, TCPHDR_ACK, pattern(150), 110);	/* fills, overlaps 200.. */
	EXPECT_EQ(tcp_sk(c.sk)->rcv_nxt, b + 350);
	peer_seg(&c, b + 100, c.rcv, TCPHDR_ACK, pattern(100), 400);	/* old, then 350..500 */
	EXPECT_EQ(tcp_sk(c.sk)->rcv_nxt, b + 700);
	EXPECT_EQ(tcp_sk(c.sk)->out_of_order_queue.qlen, 0);
	clear_segs();
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), MSG_DONTWAIT), 700);
	EXPECT(!memcmp(buf, pattern(0), 700));
	EXPECT_EQ(c.sk->sk_rmem_alloc, 0);
	EXPECT_EQ(tcp_sk(c.sk)->rcv_truesize, 0);
	kill_sock(c.sk);
	check_clean();
}

/*
 * Quickack mode (Linux): the first segments of a connection are each
 * acknowledged at once, so that the sender's slow start runs at full
 * speed; then every second one.  Out-of-order data starts it again.
 */
static void quickack(void)
{
	struct conn c;
	struct tcp_sock *tp;
	int i, quick;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	quick = tp->quick;
	EXPECT(quick >= 2 && quick <= TCP_MAX_QUICKACKS);
	for (i = 0; i < quick; i++) {
		peer_send(&c, TCPHDR_ACK, pattern(0), 1000);
		EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);
	}
	peer_send(&c, TCPHDR_ACK, pattern(0), 1000);
	EXPECT_EQ(pending_segs(), 0);		/* delayed again */
	peer_seg(&c, c.snd + 1000, c.rcv, TCPHDR_ACK, pattern(0), 1000);	/* a hole */
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT(tp->quick > 0);			/* quick again */
	peer_send(&c, TCPHDR_ACK, pattern(0), 1000);	/* fills it */
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd + 1000, 0);
	c.snd += 1000;
	peer_send(&c, TCPHDR_ACK, pattern(0), 1000);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);	/* still quick */
	clear_segs();
	kill_sock(c.sk);
	check_clean();
}

static void duplicate_segment(void)
{
	struct conn c;
	u8 buf[3000];

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	end_quickack(&c);
	peer_seg(&c, c.snd, c.rcv, TCPHDR_ACK, pattern(0), 1000);
	EXPECT_EQ(pending_segs(), 0);
	peer_seg(&c, c.snd, c.rcv, TCPHDR_ACK, pattern(0), 1000);	/* again */
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd + 1000, 0);		/* ACK at once */
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), MSG_DONTWAIT), 1000);
	EXPECT(!memcmp(buf, pattern(0), 1000));
	kill_sock(c.sk);
	check_clean();
}

/*
 * RFC 6298 5.3: the retransmission timer restarts when an ACK
 * acknowledges new data, not on every ACK: a duplicate ACK or a window
 * update must leave it alone, or a steady trickle of them would keep
 * a lost segment from ever being retransmitted.
 */
static void rto_restart_only_on_new_data(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u64 sent, expires;
	u32 base;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	base = c.rcv;
	EXPECT_EQ(send_buf(c.sk, pattern(0), 3000, MSG_DONTWAIT), 3000);
	clear_segs();
	sent = now;
	EXPECT_EQ(tp->retransmit_timer.expires, sent + 300 * MSEC);
	advance(100 * MSEC);
	peer_ack(&c, base);			/* a duplicate ACK */
	c.win = 30000;
	peer_ack(&c, base);			/* a window update */
	advance(100 * MSEC);
	peer_ack(&c, base);
	EXPECT_EQ(tp->retransmit_timer.expires, sent + 300 * MSEC);
	advance(100 * MSEC - 1);
	EXPECT_EQ(pending_segs(), 0);
	advance(1);
	EXPECT_SEG(pop(), TCPHDR_ACK, base, c.snd, 1000);	/* on time */

	/* An ACK of new data restarts it with the current RTO. */
	advance(10 * MSEC);
	peer_ack(&c, base + 1000);
	expires = now + tcp_current_rto(tp);
	EXPECT_EQ(tp->retransmit_timer.expires, expires);
	kill_sock(c.sk);
	check_clean();
}

/*
 * RFC 6298 5.5 and Karn: each timeout doubles the RTO, and the doubled
 * value stays while only retransmitted data is acknowledged (no RTT
 * sample can be taken from it); the first ACK of data sent once gives a
 * sample and brings the RTO back down.
 */
static void backoff_sticks_until_new_data_acked(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 base;
	u64 rto;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	rto = tp->rto;
	base = c.rcv;
	EXPECT_EQ(send_buf(c.sk, pattern(0), 1000, MSG_DONTWAIT), 1000);
	clear_segs();
	advance(rto);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base, c.snd, 1000);
	EXPECT_EQ(tp->retransmit_timer.expires, now + 2 * rto);
	advance(2 * rto);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base, c.snd, 1000);
	EXPECT_EQ(tp->retransmit_timer.expires, now + 4 * rto);
	/* Duplicates and window updates change nothing. */
	peer_ack(&c, base);
	c.win = 20000;
	peer_ack(&c, base);
	EXPECT_EQ(tp->retransmit_timer.expires, now + 4 * rto);
	EXPECT_EQ(tp->backoff, 2);

	/* The retransmitted segment is acknowledged: no sample, the backoff stays. */
	advance(10 * MSEC);
	peer_ack(&c, base + 1000);
	EXPECT(!net_timer_pending(&tp->retransmit_timer));
	EXPECT_EQ(tp->backoff, 2);
	EXPECT_EQ(send_buf(c.sk, pattern(1000), 1000, MSG_DONTWAIT), 1000);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base + 1000, c.snd, 1000);
	EXPECT_EQ(tp->retransmit_timer.expires, now + 4 * rto);

	/* New data acknowledged: a valid sample, the RTO collapses. */
	advance(100 * MSEC);
	peer_ack(&c, base + 2000);
	EXPECT_EQ(tp->backoff, 0);
	EXPECT_EQ(send_buf(c.sk, pattern(2000), 1000, MSG_DONTWAIT), 1000);
	clear_segs();
	EXPECT_EQ(tp->retransmit_timer.expires, now + tp->rto);
	EXPECT(tp->rto < 2 * rto);
	kill_sock(c.sk);
	check_clean();
}

/* Fill the congestion window with n segments of 1000 bytes; returns the first seq. */
static u32 send_n(struct conn *c, int n)
{
	u32 base = tcp_sk(c->sk)->snd_nxt;

	if (send_buf(c->sk, pattern(0), n * 1000, MSG_DONTWAIT) != n * 1000)
		abort();
	return base;
}

/*
 * RFC 5681 3.2: the third duplicate ACK resends the oldest unacknowledged
 * segment, and only that one; more duplicates inflate cwnd but resend
 * nothing.
 */
static void fast_retransmit_oldest_only(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 base;
	int i;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	base = send_n(&c, 8);
	EXPECT_EQ(pending_segs(), 8);
	clear_segs();
	for (i = 0; i < 2; i++)
		peer_ack(&c, base);
	EXPECT_EQ(pending_segs(), 0);
	peer_ack(&c, base);
	EXPECT_SEG(pop(), TCPHDR_ACK, base, c.snd, 1000);
	EXPECT_EQ(pending_segs(), 0);
	EXPECT_EQ(tp->ca_state, TCP_CA_Recovery);
	EXPECT_EQ(tp->snd_ssthresh, 4000);		/* FlightSize / 2 */
	EXPECT_EQ(tp->snd_cwnd, 4000 + 3000);
	for (i = 0; i < 5; i++)
		peer_ack(&c, base);
	EXPECT_EQ(pending_segs(), 0);
	EXPECT_EQ(tp->snd_cwnd, 4000 + 8000);
	peer_ack(&c, base + 8000);			/* full ACK: recovery over */
	EXPECT_EQ(tp->ca_state, TCP_CA_Open);
	EXPECT_EQ(tp->snd_cwnd, 2000);
	EXPECT(!net_timer_pending(&tp->retransmit_timer));
	kill_sock(c.sk);
	check_clean();
}

/* A flood of duplicate ACKs: one fast retransmit, the counter saturates. */
static void dupack_counter_saturates(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 base;
	int i, resent = 0;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	base = send_n(&c, 5);
	clear_segs();
	for (i = 0; i < 70000; i++) {
		peer_ack(&c, base);
		resent += pending_segs();
		clear_segs();
	}
	EXPECT_EQ(resent, 1);
	EXPECT(tp->dup_acks <= TCP_DUPACK_MAX && tp->dup_acks >= TCP_DUPACK_THRESH);
	EXPECT(tp->snd_cwnd <= TCP_CWND_CLAMP);
	EXPECT_EQ(tp->ca_state, TCP_CA_Recovery);
	kill_sock(c.sk);
	check_clean();
}

/* RFC 6582: a partial ACK in recovery resends the next hole at once. */
static void newreno_partial_ack(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 base;
	int i;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	base = send_n(&c, 6);
	clear_segs();
	for (i = 0; i < 3; i++)
		peer_ack(&c, base);			/* segments 1 and 3 lost */
	EXPECT_SEG(pop(), TCPHDR_ACK, base, c.snd, 1000);
	peer_ack(&c, base + 2000);			/* partial */
	EXPECT_SEG(pop(), TCPHDR_ACK, base + 2000, c.snd, 1000);
	EXPECT_EQ(pending_segs(), 0);
	EXPECT_EQ(tp->ca_state, TCP_CA_Recovery);
	peer_ack(&c, base + 6000);
	EXPECT_EQ(tp->ca_state, TCP_CA_Open);
	EXPECT_EQ(pending_segs(), 0);
	kill_sock(c.sk);
	check_clean();
}

/*
 * RFC 3042 limited transmit: with cwnd full and more data waiting, the
 * first two duplicate ACKs each send one new segment; the third still
 * resends only the oldest.
 */
static void limited_transmit(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 base;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	base = send_n(&c, 14);
	EXPECT_EQ(pending_segs(), 10);			/* the initial window */
	clear_segs();
	peer_ack(&c, base);
	EXPECT_SEG(pop(), TCPHDR_ACK, base + 10000, c.snd, 1000);
	EXPECT_EQ(pending_segs(), 0);
	peer_ack(&c, base);
	EXPECT_SEG(pop(), TCPHDR_ACK, base + 11000, c.snd, 1000);
	EXPECT_EQ(pending_segs(), 0);
	peer_ack(&c, base);				/* the third: fast retransmit */
	EXPECT_SEG(pop(), TCPHDR_ACK, base, c.snd, 1000);
	EXPECT_EQ(tp->ca_state, TCP_CA_Recovery);
	EXPECT_EQ(tp->snd_ssthresh, 6000);		/* FlightSize 12 segments / 2 */
	clear_segs();
	kill_sock(c.sk);
	check_clean();
}

/*
 * A recovery ends with the ACK of everything sent before it ("recover");
 * if the very next segment is lost, three duplicates of that same ACK
 * start a new fast retransmit (it covers more than recover, the highest
 * sequence number sent), not a wait for the timer.
 */
static void recovery_again_at_recover(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 base, next;
	int i;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	base = send_n(&c, 4);
	clear_segs();
	for (i = 0; i < 3; i++)
		peer_ack(&c, base);
	EXPECT_SEG(pop(), TCPHDR_ACK, base, c.snd, 1000);
	next = send_n(&c, 4);				/* sent during recovery */
	clear_segs();
	peer_ack(&c, next);				/* full ACK: recovery over */
	EXPECT_EQ(tp->ca_state, TCP_CA_Open);
	clear_segs();
	for (i = 0; i < 2; i++)
		peer_ack(&c, next);			/* the segment at next was lost */
	clear_segs();					/* (limited transmit) */
	peer_ack(&c, next);
	EXPECT_EQ(tp->ca_state, TCP_CA_Recovery);
	EXPECT_SEG(pop(), TCPHDR_ACK, next, c.snd, 1000);
	clear_segs();
	kill_sock(c.sk);
	check_clean();
}

/* After a timeout: cwnd one segment, then slow start resends the rest in order. */
static void rto_loss_recovery(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 base;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	base = send_n(&c, 4);
	clear_segs();
	advance(tp->rto);
	EXPECT_SEG(pop(), TCPHDR_ACK, base, c.snd, 1000);
	EXPECT_EQ(pending_segs(), 0);
	EXPECT_EQ(tp->snd_cwnd, 1000);
	EXPECT_EQ(tp->snd_ssthresh, 2000);
	EXPECT_EQ(tp->ca_state, TCP_CA_Loss);
	peer_ack(&c, base + 1000);		/* cwnd 2000: the next two */
	EXPECT_SEG(pop(), TCPHDR_ACK, base + 1000, c.snd, 1000);
	EXPECT_SEG(pop(), TCPHDR_ACK, base + 2000, c.snd, 1000);
	EXPECT_EQ(pending_segs(), 0);
	peer_ack(&c, base + 3000);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base + 3000, c.snd, 1000);
	EXPECT_EQ(pending_segs(), 0);
	peer_ack(&c, base + 4000);
	EXPECT_EQ(tp->ca_state, TCP_CA_Open);
	EXPECT(!net_timer_pending(&tp->retransmit_timer));
	kill_sock(c.sk);
	check_clean();
}

/* Slow start up to ssthresh, then one MSS per window (RFC 5681 3.1). */
static void slow_start_then_avoidance(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 seq;
	int i;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	tp->snd_ssthresh = 12000;
	seq = send_n(&c, 10);
	clear_segs();
	peer_ack(&c, seq + 1000);
	EXPECT_EQ(tp->snd_cwnd, 11000);
	peer_ack(&c, seq + 3000);		/* a stretch ACK: still one MSS */
	EXPECT_EQ(tp->snd_cwnd, 12000);
	for (i = 4; i <= 10; i++)
		peer_ack(&c, seq + i * 1000);	/* 7000 bytes: not yet a window */
	EXPECT_EQ(tp->snd_cwnd, 12000);
	clear_segs();
	send_n(&c, 12);
	clear_segs();
	for (i = 1; i <= 5; i++)
		peer_ack(&c, seq + 10000 + i * 1000);	/* 12000 bytes in all */
	EXPECT_EQ(tp->snd_cwnd, 13000);
	kill_sock(c.sk);
	check_clean();
}

/* A zero window is probed at growing intervals; it opens, data flows. */
static void zero_window_probe(void)
{
	struct conn c;
	struct tcp_sock *tp;
	struct seg *s;
	u32 base;
	u64 rto;
	int i;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	rto = tp->rto;
	base = c.rcv;
	c.win = 0;
	peer_ack(&c, base);
	EXPECT_EQ(tp->snd_wnd, 0);
	EXPECT_EQ(send_buf(c.sk, pattern(0), 500, MSG_DONTWAIT), 500);
	EXPECT_EQ(pending_segs(), 0);
	EXPECT(net_timer_pending(&tp->probe_timer));
	for (i = 0; i < 30; i++) {
		u64 wait = min(rto << i, TCP_RTO_MAX);

		advance(wait - 1);
		EXPECTF(!pending_segs(), "probe %d early", i);
		advance(1);
		s = pop();
		EXPECT_SEG(s, TCPHDR_ACK, base - 1, c.snd, 0);	/* an old seq: must be answered */
		peer_ack(&c, base);				/* still closed */
	}
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);	/* answered probes never give up */
	c.win = 65535;
	peer_ack(&c, base);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base, c.snd, 500);
	EXPECT(!net_timer_pending(&tp->probe_timer));
	EXPECT_EQ(tp->backoff, 0);
	peer_ack(&c, base + 500);
	kill_sock(c.sk);
	check_clean();
}

/* Our receive window: it closes as data waits unread, reading reopens it. */
static void receive_window(void)
{
	struct conn c;
	struct seg *s;
	u8 buf[8192];
	int i;

	CASE_START();
	c.sk = new_sock(true);
	EXPECT_EQ(setopt(c.sk, SOL_SOCKET, SO_RCVBUF, 2048), 0);
	EXPECT_EQ(getopt(c.sk, SOL_SOCKET, SO_RCVBUF), 4096);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), -EINPROGRESS);
	s = pop();
	EXPECT_EQ(s->win, 4096);
	kill_sock(c.sk);
	clear_segs();

	/* The same through a full handshake. */
	c.sk = NULL;
	{
		struct sock *lsk = listener(7000, 1);
		struct pkt p = { PEER, LOCAL, 1234, 7000, 100, 0, TCPHDR_SYN, 65535, 1000,
				 NULL, 0, false };

		EXPECT_EQ(setopt(lsk, SOL_SOCKET, SO_RCVBUF, 2048), 0);
		inject_pkt(&p);
		s = pop();
		EXPECT_EQ(s->win, 4096);
		c.lport = 7000;
		c.pport = 1234;
		c.snd = 101;
		c.win = 65535;
		peer_ack(&c, s->seq + 1);
		c.sk = tcp_prot.accept(lsk, O_NONBLOCK, &i);
		EXPECT(c.sk);
		graft(c.sk, true);
		close_sock(lsk);
	}
	for (i = 0; i < 4; i++)
		peer_send(&c, TCPHDR_ACK, pattern(i * 1000), 1000);
	s = &segs[nsegs - 1];
	EXPECT_EQ(s->ack, c.snd);
	EXPECT_EQ(s->win, 96);
	clear_segs();
	/* 1000 bytes against a 96-byte window: the 96 are taken. */
	peer_seg(&c, c.snd, c.rcv, TCPHDR_ACK, pattern(4000), 1000);
	c.snd += 96;
	s = pop();
	EXPECT_SEG(s, TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT_EQ(s->win, 0);
	/* A zero-window probe with one byte: refused, answered. */
	peer_seg(&c, c.snd, c.rcv, TCPHDR_ACK, pattern(4096), 1);
	s = pop();
	EXPECT_SEG(s, TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT_EQ(s->win, 0);
	EXPECT_EQ(recv_buf(c.sk, buf, 100, MSG_DONTWAIT), 100);
	EXPECT_EQ(pending_segs(), 0);		/* 100 bytes: not worth an update */
	EXPECT_EQ(recv_buf(c.sk, buf + 100, sizeof(buf), MSG_DONTWAIT), 3996);
	EXPECT(!memcmp(buf, pattern(0), 4096));
	s = pop();				/* the window update */
	EXPECT_SEG(s, TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT_EQ(s->win, 4096);
	kill_sock(c.sk);
	check_clean();
}

/* Nagle: a small segment waits while data is unacknowledged; TCP_NODELAY sends it. */
static void nagle_and_nodelay(void)
{
	struct conn c;
	u32 base;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	base = c.rcv;
	EXPECT_EQ(send_buf(c.sk, "aaaaaaaaaa", 10, 0), 10);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base, c.snd, 10);
	EXPECT_EQ(send_buf(c.sk, "bbbbbbbbbb", 10, 0), 10);
	EXPECT_EQ(send_buf(c.sk, "cccccccccc", 10, 0), 10);
	EXPECT_EQ(pending_segs(), 0);
	peer_ack(&c, base + 10);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base + 10, c.snd, 20);
	EXPECT_EQ(setopt(c.sk, IPPROTO_TCP, TCP_NODELAY, 1), 0);
	EXPECT_EQ(getopt(c.sk, IPPROTO_TCP, TCP_NODELAY), 1);
	EXPECT_EQ(send_buf(c.sk, "dd", 2, 0), 2);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base + 30, c.snd, 2);
	EXPECT_EQ(send_buf(c.sk, "ee", 2, 0), 2);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base + 32, c.snd, 2);
	kill_sock(c.sk);
	check_clean();
}

/* Sender SWS avoidance: a small window is not used until the probe timer. */
static void sender_sws(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 base;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	tp = tcp_sk(c.sk);
	base = c.rcv;
	c.win = 100;
	peer_ack(&c, base);
	EXPECT_EQ(send_buf(c.sk, pattern(0), 1000, MSG_DONTWAIT), 1000);
	EXPECT_EQ(pending_segs(), 0);
	advance(tp->rto);
	EXPECT_SEG(pop(), TCPHDR_ACK, base, c.snd, 100);
	c.win = 65535;
	peer_ack(&c, base + 100);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, base + 100, c.snd, 900);
	kill_sock(c.sk);
	check_clean();
}



/*
 * Loopback (MTU 65536): the MSS is 65495, as no IP packet exceeds 65535
 * bytes; and with an MSS as large as the whole window, reading must
 * still reopen the window (the SWS rule counts the buffer only up to
 * 64 KB, or the right edge could never move by an MSS: a deadlock).
 */
static void loopback_sized_mss(void)
{
	static u8 big[65536];
	struct conn c = { .pport = 80, .snd = 5, .win = 65535 };
	struct seg *s;
	struct pkt p;

	CASE_START();
	fake_dev.mtu = 65536;
	c.sk = new_sock(true);
	EXPECT_EQ(connect_to(c.sk, PEER, 80), -EINPROGRESS);
	s = pop();
	EXPECT_EQ(s->mss, 65495);
	c.lport = s->sport;
	c.rcv = s->seq + 1;
	p = (struct pkt){ PEER, LOCAL, 80, c.lport, 5, c.rcv, TCPHDR_SYN | TCPHDR_ACK,
			  65535, 65495, NULL, 0, false };
	inject_pkt(&p);
	c.snd = 6;
	clear_segs();
	EXPECT_EQ(send_buf(c.sk, big, 65536, MSG_DONTWAIT), 65536);
	s = pop();
	EXPECT_SEG(s, TCPHDR_ACK, c.rcv, c.snd, 65495);
	EXPECT_EQ(pending_segs(), 0);		/* 1 byte left: the window is full */
	peer_send(&c, TCPHDR_ACK, big, 60000);
	EXPECT_EQ(recv_buf(c.sk, big, sizeof(big), 0), 60000);
	s = pop();				/* the window update */
	EXPECT_SEG(s, TCPHDR_ACK, c.rcv + 65495, c.snd, 0);
	EXPECT_EQ(s->win, 65535);
	kill_sock(c.sk);
	check_clean();
}

/* === closing ================================================================== */

/* Active close: FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT for 60 s, then gone. */
static void close_active(void)
{
	struct conn c;
	struct sock *sk;
	u32 fin;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	sk = c.sk;
	fin = c.rcv;
	close_sock(sk);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_FIN, fin, c.snd, 0);
	EXPECT_EQ(sk->sk_state, TCP_FIN_WAIT1);
	peer_ack(&c, fin + 1);
	EXPECT_EQ(sk->sk_state, TCP_FIN_WAIT2);
	EXPECT_EQ(pending_segs(), 0);
	peer_send(&c, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	EXPECT_SEG(pop(), TCPHDR_ACK, fin + 1, c.snd, 0);
	EXPECT_EQ(sk->sk_state, TCP_TIME_WAIT);
	EXPECT_EQ(socks_live, 1);
	advance(TCP_TIMEWAIT_LEN - 1);
	EXPECT_EQ(socks_live, 1);
	advance(1);
	EXPECT_EQ(socks_live, 0);		/* the orphan is freed */
	check_clean();
}

/* shutdown(SHUT_WR) keeps reading; the socket outlives TIME-WAIT until close(). */
static void half_close_then_close(void)
{
	struct conn c;
	u8 buf[100];
	u32 fin;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	fin = c.rcv;
	tcp_prot.shutdown(c.sk, SEND_SHUTDOWN);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_FIN, fin, c.snd, 0);
	EXPECT_EQ(send_buf(c.sk, "x", 1, MSG_NOSIGNAL), -EPIPE);
	EXPECT_EQ(sigpipes, 0);
	EXPECT_EQ(send_buf(c.sk, "x", 1, 0), -EPIPE);
	EXPECT_EQ(sigpipes, 1);
	peer_ack(&c, fin + 1);
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, "hello", 5);
	advance(TCP_DELACK_MIN);
	EXPECT_SEG(pop(), TCPHDR_ACK, fin + 1, c.snd, 0);
	peer_send(&c, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	EXPECT_SEG(pop(), TCPHDR_ACK, fin + 1, c.snd, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_TIME_WAIT);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), 5);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), 0);
	advance(TCP_TIMEWAIT_LEN);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(socks_live, 1);		/* the user still has it */
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), 0);
	close_sock(c.sk);
	check_clean();
}

/* Passive close: CLOSE-WAIT, reads see the end, our FIN, LAST-ACK, gone. */
static void close_passive(void)
{
	struct conn c;
	u8 buf[100];
	u32 fin;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	end_quickack(&c);
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, "bye", 3);
	peer_send(&c, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);	/* the FIN at once */
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE_WAIT);
	EXPECT_EQ(tcp_prot.poll(c.sk),
		  POLLIN | POLLRDNORM | POLLRDHUP | POLLOUT | POLLWRNORM);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), 3);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), 0);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), MSG_DONTWAIT), 0);
	/* Writing still works in CLOSE-WAIT. */
	EXPECT_EQ(send_buf(c.sk, "ok", 2, 0), 2);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, c.rcv, c.snd, 2);
	fin = c.rcv + 2;
	close_sock(c.sk);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_FIN, fin, c.snd, 0);
	EXPECT_EQ(socks_live, 1);
	peer_ack(&c, fin + 1);
	EXPECT_EQ(socks_live, 0);
	check_clean();
}

/* Both close at once: FIN-WAIT-1, CLOSING, TIME-WAIT. */
static void close_simultaneous(void)
{
	struct conn c;
	struct sock *sk;
	u32 fin;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	sk = c.sk;
	fin = c.rcv;
	close_sock(sk);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_FIN, fin, c.snd, 0);
	peer_send(&c, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);	/* does not ack our FIN */
	EXPECT_EQ(sk->sk_state, TCP_CLOSING);
	EXPECT_SEG(pop(), TCPHDR_ACK, fin + 1, c.snd, 0);
	peer_ack(&c, fin + 1);
	EXPECT_EQ(sk->sk_state, TCP_TIME_WAIT);
	advance(TCP_TIMEWAIT_LEN);
	check_clean();
}

/* Our FIN acknowledged by the peer's FIN,ACK: straight to TIME-WAIT. */
static void close_fin_ack_together(void)
{
	struct conn c;
	struct sock *sk;
	u32 fin;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	sk = c.sk;
	fin = c.rcv;
	close_sock(sk);
	clear_segs();
	c.rcv = fin + 1;
	peer_send(&c, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	EXPECT_EQ(sk->sk_state, TCP_TIME_WAIT);
	EXPECT_SEG(pop(), TCPHDR_ACK, fin + 1, c.snd, 0);
	/* The peer did not get our ACK: its FIN again; ACK and 2*MSL again. */
	advance(30 * SEC);
	peer_seg(&c, c.snd - 1, fin + 1, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	EXPECT_SEG(pop(), TCPHDR_ACK, fin + 1, c.snd, 0);
	EXPECT_EQ(tcp_sk(sk)->timewait_timer.expires, now + TCP_TIMEWAIT_LEN);
	peer_ack(&c, fin + 1);			/* a stray ACK: silence */
	EXPECT_EQ(pending_segs(), 0);
	advance(TCP_TIMEWAIT_LEN);
	check_clean();
}

/* Close with unread data: RST instead of FIN (RFC 2525 2.17, Linux). */
static void close_unread_sends_rst(void)
{
	struct conn c;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	end_quickack(&c);
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, "unread", 6);
	close_sock(c.sk);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_RST, c.rcv, c.snd, 0);
	EXPECT_EQ(socks_live, 0);
	check_clean();
}

/* The FIN is lost: sent again; the orphan in FIN-WAIT-2 gives up after 60 s. */
static void close_fin_lost_and_fin_wait2_timeout(void)
{
	struct conn c;
	struct sock *sk;
	u32 fin;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	sk = c.sk;
	fin = c.rcv;
	close_sock(sk);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_FIN, fin, c.snd, 0);
	advance(tcp_sk(sk)->rto);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_FIN, fin, c.snd, 0);
	peer_ack(&c, fin + 1);
	EXPECT_EQ(sk->sk_state, TCP_FIN_WAIT2);
	advance(TCP_FIN_TIMEOUT - 1);
	EXPECT_EQ(socks_live, 1);
	advance(1);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_RST, fin + 1, c.snd, 0);
	check_clean();
}

/* Data for a closed socket in FIN-WAIT: RST (RFC 1122 4.2.2.13, Linux). */
static void data_after_close_resets(void)
{
	struct conn c;
	struct seg *s;
	u32 fin;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	fin = c.rcv;
	close_sock(c.sk);
	clear_segs();
	c.rcv = fin + 1;
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, "late", 4);
	s = pop();
	EXPECT(s && (s->flags & TCPHDR_RST));
	EXPECT_EQ(socks_live, 0);
	check_clean();
}

/* === resets and errors ======================================================== */

static void rst_received(void)
{
	struct conn c;
	u8 buf[100];

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	end_quickack(&c);
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, "hello", 5);
	peer_seg(&c, c.snd, 0, TCPHDR_RST, NULL, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(pending_segs(), 0);
	/* As Linux: the data first, then ECONNRESET, then end of file. */
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), 5);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), -ECONNRESET);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), 0);
	EXPECT_EQ(tcp_prot.poll(c.sk), 0x2155);
	EXPECT_EQ(send_buf(c.sk, "x", 1, MSG_NOSIGNAL), -EPIPE);
	EXPECT_EQ(sigpipes, 0);
	EXPECT_EQ(send_buf(c.sk, "x", 1, 0), -EPIPE);
	EXPECT_EQ(sigpipes, 1);
	close_sock(c.sk);
	EXPECT_EQ(pending_segs(), 0);

	/* The first write after the RST reports ECONNRESET, without SIGPIPE. */
	EXPECT_OK(open_active(&c, 1000));
	peer_seg(&c, c.snd, 0, TCPHDR_RST, NULL, 0);
	EXPECT_EQ(tcp_prot.poll(c.sk) & POLLERR, POLLERR);
	EXPECT_EQ(send_buf(c.sk, "x", 1, 0), -ECONNRESET);
	EXPECT_EQ(sigpipes, 1);
	close_sock(c.sk);

	/* In CLOSE-WAIT a RST means EPIPE (Linux). */
	EXPECT_OK(open_active(&c, 1000));
	peer_send(&c, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	peer_seg(&c, c.snd, 0, TCPHDR_RST, NULL, 0);
	EXPECT_EQ(c.sk->sk_err, EPIPE);
	close_sock(c.sk);
	check_clean();
}

/* RFC 5961: an in-window RST that is not exact gets a challenge ACK; outside, nothing. */
static void rst_blind_attacks(void)
{
	struct conn c;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	peer_seg(&c, c.snd + 100, 0, TCPHDR_RST, NULL, 0);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	peer_seg(&c, c.snd + 100000, 0, TCPHDR_RST, NULL, 0);
	EXPECT_EQ(pending_segs(), 0);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	/* A SYN in ESTABLISHED: challenge ACK too. */
	peer_seg(&c, c.snd + 5, 0, TCPHDR_SYN, NULL, 0);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_ESTABLISHED);
	/* An ACK for data never sent: an ACK back, nothing else. */
	peer_seg(&c, c.snd, c.rcv + 5000, TCPHDR_ACK, "zz", 2);
	EXPECT_SEG(pop(), TCPHDR_ACK, c.rcv, c.snd, 0);
	EXPECT_EQ(tcp_sk(c.sk)->rcv_nxt, c.snd);
	kill_sock(c.sk);
	check_clean();
}

/* Data never acknowledged: 15 retransmissions, then ETIMEDOUT. */
static void retransmit_gives_up(void)
{
	struct conn c;
	u8 buf[10];
	int n = 0;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	EXPECT_EQ(send_buf(c.sk, "data", 4, 0), 4);
	clear_segs();
	while (c.sk->sk_state == TCP_ESTABLISHED && n < 100) {
		advance(SEC);
		n += pending_segs();
		clear_segs();
	}
	EXPECT_EQ(n, TCP_RETRIES2);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), -ETIMEDOUT);
	close_sock(c.sk);
	check_clean();
}

/* SO_KEEPALIVE: probes after 7200 s idle, every 75 s, 9 of them, then RST. */
static void keepalive(void)
{
	struct conn c;
	u32 una;
	int i;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	una = c.rcv;
	EXPECT_EQ(setopt(c.sk, SOL_SOCKET, SO_KEEPALIVE, 1), 0);
	EXPECT_EQ(getopt(c.sk, SOL_SOCKET, SO_KEEPALIVE), 1);
	advance(7200 * SEC - 1);
	EXPECT_EQ(pending_segs(), 0);
	advance(1);
	EXPECT_SEG(pop(), TCPHDR_ACK, una - 1, c.snd, 0);
	peer_ack(&c, una);			/* answered: idle again for 7200 s */
	advance(7199 * SEC);
	EXPECT_EQ(pending_segs(), 0);
	advance(SEC);
	EXPECT_SEG(pop(), TCPHDR_ACK, una - 1, c.snd, 0);
	for (i = 1; i < 9; i++) {
		advance(75 * SEC);
		EXPECT_SEG(pop(), TCPHDR_ACK, una - 1, c.snd, 0);
	}
	advance(75 * SEC);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_RST, una, c.snd, 0);
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	EXPECT_EQ(c.sk->sk_err, ETIMEDOUT);
	close_sock(c.sk);

	/* TCP_KEEPIDLE/KEEPINTVL/KEEPCNT override the defaults. */
	EXPECT_OK(open_active(&c, 1000));
	EXPECT_EQ(setopt(c.sk, IPPROTO_TCP, TCP_KEEPIDLE, 10), 0);
	EXPECT_EQ(setopt(c.sk, IPPROTO_TCP, TCP_KEEPINTVL, 2), 0);
	EXPECT_EQ(setopt(c.sk, IPPROTO_TCP, TCP_KEEPCNT, 1), 0);
	EXPECT_EQ(setopt(c.sk, IPPROTO_TCP, TCP_KEEPCNT, 0), -EINVAL);
	EXPECT_EQ(setopt(c.sk, SOL_SOCKET, SO_KEEPALIVE, 1), 0);
	advance(10 * SEC);
	EXPECT_EQ(pending_segs(), 1);
	advance(2 * SEC);
	EXPECT_EQ(pending_segs(), 2);		/* the RST */
	EXPECT_EQ(c.sk->sk_state, TCP_CLOSE);
	close_sock(c.sk);
	check_clean();
}

/* === the listener ============================================================= */

static void peer_syn(u16 sport, u16 dport, u32 seq)
{
	struct pkt p = { PEER, LOCAL, sport, dport, seq, 0, TCPHDR_SYN, 65535, 1460,
			 NULL, 0, false };

	inject_pkt(&p);
}

/* listen(fd, 1): two connections wait for accept (Linux's "> backlog"), the third's SYN is dropped. */
static void listen_backlog(void)
{
	struct sock *lsk, *child;
	struct conn a = { .lport = 8000, .pport = 1001, .snd = 11, .win = 65535 };
	struct conn b = { .lport = 8000, .pport = 1002, .snd = 21, .win = 65535 };
	struct seg *s;
	int err;

	CASE_START();
	lsk = listener(8000, 1);
	peer_syn(1001, 8000, 10);
	s = pop();
	peer_ack(&a, s->seq + 1);
	peer_syn(1002, 8000, 20);
	s = pop();
	peer_ack(&b, s->seq + 1);
	EXPECT_EQ(tcp_sk(lsk)->accept_qlen, 2);
	EXPECT_EQ(tcp_prot.poll(lsk), POLLIN | POLLRDNORM);
	peer_syn(1003, 8000, 30);
	EXPECT_EQ(pending_segs(), 0);		/* dropped: the peer retries */
	child = tcp_prot.accept(lsk, O_NONBLOCK, &err);
	EXPECT(child && err == 0);
	EXPECT_EQ(ntohs(inet_sk(child)->inet_dport), 1001);	/* oldest first */
	kill_child(child);
	clear_segs();
	peer_syn(1003, 8000, 30);
	EXPECT_EQ(pending_segs(), 1);
	clear_segs();
	close_sock(lsk);			/* resets the waiting child */
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_RST, b.rcv, b.snd, 0);
	EXPECT_EQ(pending_segs(), 0);
	check_clean();
}

/*
 * A burst of SYNs: only as many are answered as the accept queue has
 * room for, so no handshake's last ACK is ever dropped for want of room
 * (QEMU's user network would never resend the data that came with it).
 */
static void listen_syn_burst(void)
{
	struct sock *lsk;
	struct seg *s;
	struct conn a = { .lport = 8000, .pport = 1001, .snd = 11, .win = 65535 };
	struct conn b = { .lport = 8000, .pport = 1002, .snd = 21, .win = 65535 };

	CASE_START();
	lsk = listener(8000, 1);
	peer_syn(1001, 8000, 10);
	s = pop();
	peer_ack(&a, s->seq + 1);		/* one waits for accept() */
	peer_syn(1002, 8000, 20);
	peer_syn(1003, 8000, 30);
	EXPECT_EQ(pending_segs(), 1);		/* one place left: one SYN,ACK */
	s = pop();
	EXPECT_EQ(s->dport, 1002);
	peer_ack(&b, s->seq + 1);
	EXPECT_EQ(tcp_sk(lsk)->accept_qlen, 2);	/* its ACK found room */
	EXPECT_EQ(tcp_sk(lsk)->syn_qlen, 0);
	clear_segs();
	close_sock(lsk);
	clear_segs();
	check_clean();
}

/* A lost SYN,ACK is sent again by the timer, and when the SYN comes again. */
static void synack_retransmit(void)
{
	struct sock *lsk;
	struct seg *s;
	u32 iss;
	int i, t = 0;
	static const int at[] = { 1, 3, 7, 15, 31 };

	CASE_START();
	lsk = listener(8000, 5);
	peer_syn(1001, 8000, 10);
	s = pop();
	iss = s->seq;
	peer_syn(1001, 8000, 10);		/* the peer's SYN again */
	EXPECT_SEG(pop(), TCPHDR_SYN | TCPHDR_ACK, iss, 11, 0);
	EXPECT_EQ(tcp_sk(lsk)->syn_qlen, 1);
	for (i = 0; i < 5; i++) {
		advance((u64)(at[i] - t) * SEC);
		t = at[i];
		EXPECT_SEG(pop(), TCPHDR_SYN | TCPHDR_ACK, iss, 11, 0);
	}
	EXPECT_EQ(socks_live, 2);
	advance(32 * SEC);			/* gives up: the child goes */
	EXPECT_EQ(pending_segs(), 0);
	EXPECT_EQ(socks_live, 1);
	EXPECT_EQ(tcp_sk(lsk)->syn_qlen, 0);
	/* The handshake's ACK now finds no connection: RST. */
	{
		struct pkt p = { PEER, LOCAL, 1001, 8000, 11, iss + 1, TCPHDR_ACK, 100, 0,
				 NULL, 0, false };

		inject_pkt(&p);
		EXPECT_SEG(pop(), TCPHDR_RST, iss + 1, 0, 0);
	}
	close_sock(lsk);
	check_clean();
}

/* A RST for a child in SYN-RECEIVED removes it quietly; a bad ACK gets a RST. */
static void synrecv_rst_and_bad_ack(void)
{
	struct sock *lsk;
	struct seg *s;
	struct pkt p;

	CASE_START();
	lsk = listener(8000, 5);
	peer_syn(1001, 8000, 10);
	s = pop();
	p = (struct pkt){ PEER, LOCAL, 1001, 8000, 11, s->seq + 7, TCPHDR_ACK, 100, 0,
			  NULL, 0, false };
	inject_pkt(&p);
	EXPECT_SEG(pop(), TCPHDR_RST, s->seq + 7, 0, 0);
	p = (struct pkt){ PEER, LOCAL, 1001, 8000, 11, 0, TCPHDR_RST, 100, 0, NULL, 0, false };
	inject_pkt(&p);
	EXPECT_EQ(tcp_sk(lsk)->syn_qlen, 0);
	EXPECT_EQ(socks_live, 1);
	close_sock(lsk);
	check_clean();
}

/* RFC 1122 4.2.2.13: a new SYN with a higher sequence number ends TIME-WAIT. */
static void time_wait_reused_by_new_syn(void)
{
	struct sock *lsk;
	struct conn c;
	struct seg *s;
	u32 fin;

	CASE_START();
	lsk = listener(8000, 5);
	EXPECT_OK(open_passive(&c, lsk, 8000, 2000));
	fin = c.rcv;
	close_sock(c.sk);			/* the server closes first */
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_FIN, fin, c.snd, 0);
	c.rcv = fin + 1;
	peer_send(&c, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	EXPECT_SEG(pop(), TCPHDR_ACK, fin + 1, c.snd, 0);
	EXPECT_EQ(socks_live, 2);
	peer_syn(2000, 8000, c.snd + 100000);
	s = pop();
	EXPECT_SEG(s, TCPHDR_SYN | TCPHDR_ACK, s->seq, c.snd + 100001, 0);
	EXPECT_EQ(tcp_sk(lsk)->syn_qlen, 1);
	EXPECT_EQ(socks_live, 2);		/* the old one gone, a new child */
	close_sock(lsk);
	check_clean();
}



/* RFC 6298 2.2-2.4: SRTT, RTTVAR and RTO from the samples, with the 200 ms floor. */
static void rtt_estimator(void)
{
	struct conn c;
	struct tcp_sock *tp;
	u32 seq;
	int i;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));	/* first sample 100 ms */
	tp = tcp_sk(c.sk);
	EXPECT_EQ(tp->srtt, 100 * MSEC);
	EXPECT_EQ(tp->rttvar, 50 * MSEC);
	EXPECT_EQ(tp->rto, 300 * MSEC);
	seq = send_n(&c, 1);
	clear_segs();
	advance(300 * MSEC);			/* the RTO: the segment is sent again */
	peer_ack(&c, seq + 1000);
	EXPECT_EQ(tp->total_retrans, 1);
	EXPECT_EQ(tp->srtt, 100 * MSEC);	/* Karn: no sample from it */
	seq = send_n(&c, 1);
	clear_segs();
	advance(250 * MSEC);
	peer_ack(&c, seq + 1000);		/* R' = 250 ms */
	EXPECT_EQ(tp->rttvar, 75 * MSEC);	/* 3/4 * 50 + 1/4 * |100 - 250| */
	EXPECT_EQ(tp->srtt, 118750 * 1000);	/* 7/8 * 100 + 1/8 * 250 */
	EXPECT_EQ(tp->rto, 418750 * 1000);	/* SRTT + 4 * RTTVAR */
	for (i = 0; i < 50; i++) {
		seq = send_n(&c, 1);
		clear_segs();
		advance(MSEC);
		peer_ack(&c, seq + 1000);
	}
	EXPECT_EQ(tp->rto, TCP_RTO_MIN);	/* Linux's floor */
	kill_sock(c.sk);
	check_clean();
}

/* Data we send carries the ACK we were holding back. */
static void ack_piggybacked(void)
{
	struct conn c;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	end_quickack(&c);
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, "ping", 4);
	EXPECT_EQ(pending_segs(), 0);
	EXPECT_EQ(send_buf(c.sk, "pong", 4, 0), 4);
	EXPECT_SEG(pop(), TCPHDR_ACK | TCPHDR_PSH, c.rcv, c.snd, 4);
	advance(SEC / 10);
	EXPECT_EQ(pending_segs(), 0);		/* no lone ACK after 40 ms */
	kill_sock(c.sk);
	check_clean();
}

/* The handshake's last ACK may carry data: it is there after accept(). */
static void handshake_ack_with_data(void)
{
	struct sock *lsk, *child;
	struct conn c = { .lport = 8000, .pport = 1500, .snd = 101, .win = 65535 };
	struct seg *s;
	u8 buf[10];
	int err;

	CASE_START();
	lsk = listener(8000, 5);
	peer_syn(1500, 8000, 100);
	s = pop();
	c.rcv = s->seq + 1;
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, "hi!", 3);
	child = tcp_prot.accept(lsk, O_NONBLOCK, &err);
	EXPECT(child);
	graft(child, true);
	EXPECT_EQ(recv_buf(child, buf, sizeof(buf), 0), 3);
	EXPECT(!memcmp(buf, "hi!", 3));
	kill_sock(child);
	close_sock(lsk);
	check_clean();
}

/* === the socket calls ========================================================== */

static void bind_rules(void)
{
	struct sock *s1, *s2, *s3, *s4;

	CASE_START();
	s1 = new_sock(true);
	s2 = new_sock(true);
	EXPECT_EQ(bind_to(s1, INADDR_ANY, 9000), 0);
	EXPECT_EQ(bind_to(s1, INADDR_ANY, 9001), -EINVAL);	/* bound already */
	EXPECT_EQ(bind_to(s2, INADDR_ANY, 9000), -EADDRINUSE);
	EXPECT_EQ(bind_to(s2, LOCAL, 9000), -EADDRINUSE);	/* overlaps the wildcard */
	EXPECT_EQ(bind_to(s2, IP(192, 168, 1, 1), 9000), -EADDRNOTAVAIL);
	EXPECT_EQ(bind_to(s2, LOCAL, 0), 0);			/* an ephemeral port */
	EXPECT_EQ(inet_sk(s2)->inet_num, 32768 + 12345 % 28232);
	close_sock(s1);
	close_sock(s2);

	/* SO_REUSEADDR shares a port, but never with a listener. */
	s1 = new_sock(true);
	s2 = new_sock(true);
	s1->sk_reuse = s2->sk_reuse = true;
	EXPECT_EQ(bind_to(s1, INADDR_ANY, 9002), 0);
	EXPECT_EQ(bind_to(s2, INADDR_ANY, 9002), 0);
	EXPECT_EQ(tcp_prot.listen(s1, 5), 0);
	EXPECT_EQ(tcp_prot.listen(s2, 5), -EADDRINUSE);
	s3 = new_sock(true);
	s3->sk_reuse = true;
	EXPECT_EQ(bind_to(s3, INADDR_ANY, 9002), -EADDRINUSE);
	close_sock(s1);
	close_sock(s2);
	close_sock(s3);
	EXPECT_EQ(pending_segs(), 0);

	/* A server with SO_REUSEADDR restarts while its connection is in TIME-WAIT. */
	{
		struct conn c;

		s1 = new_sock(true);
		s1->sk_reuse = true;
		EXPECT_EQ(bind_to(s1, INADDR_ANY, 8000), 0);
		EXPECT_EQ(tcp_prot.listen(s1, 5), 0);
		EXPECT_OK(open_passive(&c, s1, 8000, 3000));
		close_sock(c.sk);
		c.rcv++;
		peer_send(&c, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
		EXPECT_EQ(c.sk->sk_state, TCP_TIME_WAIT);
		close_sock(s1);
		s3 = new_sock(true);
		EXPECT_EQ(bind_to(s3, INADDR_ANY, 8000), -EADDRINUSE);
		s4 = new_sock(true);
		s4->sk_reuse = true;
		EXPECT_EQ(bind_to(s4, INADDR_ANY, 8000), 0);
		EXPECT_EQ(tcp_prot.listen(s4, 5), 0);
		close_sock(s3);
		close_sock(s4);
		advance(TCP_TIMEWAIT_LEN);
	}
	check_clean();
}

/* listen() without bind picks a port; a second listen() resizes; shutdown wakes accept(). */
static void listen_and_shutdown(void)
{
	struct sock *lsk, *sk;
	struct conn c;
	int err;

	CASE_START();
	lsk = new_sock(false);
	EXPECT_EQ(tcp_prot.listen(lsk, 3), 0);
	EXPECT(inet_sk(lsk)->inet_num >= 32768);
	EXPECT_EQ(tcp_prot.listen(lsk, 7), 0);
	EXPECT_EQ(tcp_sk(lsk)->max_ack_backlog, 7);
	EXPECT_EQ(connect_to(lsk, PEER, 80), -EISCONN);
	EXPECT_EQ(recv_buf(lsk, &err, 1, 0), -ENOTCONN);
	tcp_prot.shutdown(lsk, RCV_SHUTDOWN | SEND_SHUTDOWN);
	EXPECT_EQ(lsk->sk_state, TCP_CLOSE);
	EXPECT(tcp_prot.accept(lsk, 0, &err) == NULL);
	EXPECT_EQ(err, -EINVAL);
	close_sock(lsk);

	/* A connected socket cannot listen. */
	EXPECT_OK(open_active(&c, 1000));
	EXPECT_EQ(tcp_prot.listen(c.sk, 5), -EINVAL);
	kill_sock(c.sk);

	/* shutdown() of a connecting socket aborts it. */
	sk = new_sock(true);
	EXPECT_EQ(connect_to(sk, PEER, 80), -EINPROGRESS);
	tcp_prot.shutdown(sk, SEND_SHUTDOWN);
	EXPECT_EQ(sk->sk_state, TCP_CLOSE);
	close_sock(sk);
	check_clean();
}

/* While accept() sleeps, a peer connects. */
static void hook_connect_peer(struct sock *sk)
{
	struct seg *s;
	struct conn c = { .lport = 8000, .pport = 4444, .snd = 501, .win = 65535 };

	(void)sk;
	peer_syn(4444, 8000, 500);
	s = pop();
	if (s)
		peer_ack(&c, s->seq + 1);
}

static struct conn *hook_data_conn;
static int hook_data_sent;

/* While recv() sleeps, the peer sends one more segment of 1000 bytes. */
static void hook_peer_data(struct sock *sk)
{
	(void)sk;
	peer_send(hook_data_conn, TCPHDR_ACK, pattern(hook_data_sent), 1000);
	hook_data_sent += 1000;
}

/* While send() sleeps, the peer acknowledges everything sent. */
static void hook_peer_acks(struct sock *sk)
{
	peer_ack(hook_data_conn, tcp_sk(sk)->snd_nxt);
	clear_segs();
}

static void blocking_calls(void)
{
	struct sock *lsk, *child;
	struct conn c;
	u8 buf[5000];
	int err;

	CASE_START();
	lsk = listener(8000, 5);
	wait_hook = hook_connect_peer;
	child = tcp_prot.accept(lsk, 0, &err);
	EXPECT(child && !err);
	EXPECT_EQ(waits, 1);			/* it did sleep */
	EXPECT_EQ(ntohs(inet_sk(child)->inet_dport), 4444);
	kill_child(child);
	close_sock(lsk);
	clear_segs();

	/* recv(MSG_WAITALL) waits for all of it. */
	EXPECT_OK(open_active(&c, 1000));
	hook_data_conn = &c;
	hook_data_sent = 0;
	wait_hook = hook_peer_data;
	EXPECT_EQ(recv_buf(c.sk, buf, 3500, MSG_WAITALL), 3500);
	EXPECT(!memcmp(buf, pattern(0), 3500));
	/* Without it, what is there: the other 500 of the 4000 that came. */
	EXPECT_EQ(recv_buf(c.sk, buf, 3500, 0), 500);
	/* MSG_PEEK leaves the data; MSG_DONTWAIT does not wait. */
	wait_hook = NULL;
	EXPECT_EQ(recv_buf(c.sk, buf, 100, MSG_DONTWAIT), -EAGAIN);
	peer_send(&c, TCPHDR_ACK, "peekaboo", 8);
	EXPECT_EQ(recv_buf(c.sk, buf, 4, MSG_PEEK), 4);
	EXPECT_EQ(recv_buf(c.sk, buf, 100, MSG_PEEK), 8);
	EXPECT_EQ(recv_buf(c.sk, buf, 100, 0), 8);
	EXPECT(!memcmp(buf, "peekaboo", 8));
	EXPECT_EQ(recv_buf(c.sk, buf, 100, MSG_OOB), -EINVAL);

	/* A full send buffer: non-blocking writes stop, blocking ones wait. */
	kill_sock(c.sk);
	clear_segs();
	c.sk = NULL;
	{
		struct sock *sk = new_sock(true);
		struct seg *s;
		struct pkt p;

		EXPECT_EQ(setopt(sk, SOL_SOCKET, SO_SNDBUF, 1), 0);
		EXPECT_EQ(getopt(sk, SOL_SOCKET, SO_SNDBUF), SOCK_MIN_SNDBUF);
		EXPECT_EQ(connect_to(sk, PEER, 80), -EINPROGRESS);
		s = pop();
		memset(&c, 0, sizeof(c));
		c.sk = sk;
		c.lport = s->sport;
		c.pport = 80;
		c.rcv = s->seq + 1;
		c.snd = 9;
		c.win = 65535;
		p = (struct pkt){ PEER, LOCAL, 80, c.lport, 9, c.rcv, TCPHDR_SYN | TCPHDR_ACK,
				  65535, 1000, NULL, 0, false };
		inject_pkt(&p);
		c.snd = 10;
		clear_segs();
		EXPECT_EQ(send_buf(sk, pattern(0), 20000, MSG_DONTWAIT), 5000);
		EXPECT_EQ(send_buf(sk, pattern(0), 20000, MSG_DONTWAIT), -EAGAIN);
		EXPECT_EQ(tcp_prot.poll(sk) & POLLOUT, 0);
		EXPECT_EQ(tcp_prot.ioctl(sk, TIOCOUTQ_TEST, (unsigned long)&err), 0);
		EXPECT_EQ(err, 5000);
		peer_ack(&c, c.rcv + 5000);
		EXPECT_EQ(tcp_prot.poll(sk) & POLLOUT, POLLOUT);
		clear_segs();
		wait_hook = hook_peer_acks;
		EXPECT_EQ(send_buf(sk, pattern(0), 20000, 0), 20000);
		EXPECT_EQ(sk->sk_sndbuf, SOCK_MIN_SNDBUF);	/* SO_SNDBUF: no growth */
		kill_sock(sk);
	}
	check_clean();
}

static void socket_options(void)
{
	struct sock *sk;
	struct conn c;
	struct seg *s;
	int val, len = 2;

	CASE_START();
	sk = new_sock(true);
	EXPECT_EQ(tcp_prot.poll(sk), POLLOUT | POLLWRNORM | POLLHUP);	/* as Linux: 0x114 */
	EXPECT_EQ(getopt(sk, SOL_SOCKET, SO_RCVBUF), 131072);
	EXPECT_EQ(getopt(sk, SOL_SOCKET, SO_SNDBUF), 16384);
	EXPECT_EQ(setopt(sk, SOL_SOCKET, SO_RCVBUF, 1000), 0);
	EXPECT_EQ(getopt(sk, SOL_SOCKET, SO_RCVBUF), 2304);
	EXPECT_EQ(setopt(sk, SOL_SOCKET, SO_RCVBUF, 10000000), 0);
	EXPECT_EQ(getopt(sk, SOL_SOCKET, SO_RCVBUF), 425984);
	EXPECT_EQ(setopt(sk, SOL_SOCKET, SO_SNDBUF, 1000), 0);
	EXPECT_EQ(getopt(sk, SOL_SOCKET, SO_SNDBUF), 4608);
	EXPECT_EQ(getopt(sk, IPPROTO_TCP, TCP_MAXSEG), 536);
	EXPECT_EQ(setopt(sk, IPPROTO_TCP, TCP_MAXSEG, 50), -EINVAL);
	EXPECT_EQ(setopt(sk, IPPROTO_TCP, TCP_MAXSEG, 1000), 0);
	EXPECT_EQ(getopt(sk, IPPROTO_TCP, TCP_MAXSEG), 1000);
	EXPECT_EQ(getopt(sk, IPPROTO_TCP, TCP_NODELAY), 0);
	EXPECT_EQ(getopt(sk, IPPROTO_TCP, TCP_KEEPIDLE), 7200);
	EXPECT_EQ(getopt(sk, IPPROTO_TCP, TCP_KEEPINTVL), 75);
	EXPECT_EQ(getopt(sk, IPPROTO_TCP, TCP_KEEPCNT), 9);
	EXPECT_EQ(getopt(sk, IPPROTO_TCP, 99), -ENOPROTOOPT);
	EXPECT_EQ(getopt(sk, SOL_SOCKET, SO_BROADCAST), -ENOPROTOOPT);
	EXPECT_EQ(setopt(sk, IPPROTO_IP, 1, 1), -ENOPROTOOPT);
	EXPECT_EQ(tcp_prot.setsockopt(sk, IPPROTO_TCP, TCP_NODELAY, (char *)&val, 2), -EINVAL);
	val = 77;
	EXPECT_EQ(tcp_prot.getsockopt(sk, IPPROTO_TCP, TCP_NODELAY, (char *)&val, &len), 0);
	EXPECT_EQ(len, 2);
	/* TCP_MAXSEG caps the MSS we announce and the one we use. */
	EXPECT_EQ(connect_to(sk, PEER, 80), -EINPROGRESS);
	s = pop();
	EXPECT_EQ(s->mss, 1000);
	kill_sock(sk);
	clear_segs();

	EXPECT_OK(open_active(&c, 1000));
	peer_send(&c, TCPHDR_ACK | TCPHDR_PSH, "12345", 5);
	EXPECT_EQ(tcp_prot.ioctl(c.sk, FIONREAD_TEST, (unsigned long)&val), 0);
	EXPECT_EQ(val, 5);
	EXPECT_EQ(tcp_prot.ioctl(c.sk, 0x1234, 0), -ENOTTY);
	/* Unless set by the user, the send buffer grows to twice the flight (cwnd 10 MSS). */
	EXPECT_EQ(c.sk->sk_sndbuf, 2 * 10 * 1000);
	kill_sock(c.sk);

	/* SO_SNDBUF set by sock_setsockopt (net/sock.c) is kept too. */
	sk = new_sock(true);
	sk->sk_sndbuf = 10000;
	close_sock(sk);
	EXPECT_OK(open_active(&c, 1000));
	c.sk->sk_sndbuf = 10000;
	send_n(&c, 2);
	clear_segs();
	peer_ack(&c, c.rcv + 2000);
	EXPECT_EQ(c.sk->sk_sndbuf, 10000);
	kill_sock(c.sk);
	check_clean();
}

/* /proc/net/tcp, byte for byte as Linux prints it. */
static void proc_net_tcp(void)
{
	static char buf[4096], want[512];
	struct sock *lsk;
	struct conn c, t;
	char *line, *tw, *est;
	size_t len;

	CASE_START();
	lsk = listener(8080, 5);
	EXPECT_OK(open_active(&c, 1000));
	EXPECT_OK(open_passive(&t, lsk, 8080, 2000));
	close_sock(t.sk);
	t.rcv++;
	peer_send(&t, TCPHDR_ACK | TCPHDR_FIN, NULL, 0);
	clear_segs();
	advance(10 * SEC);

	len = tcp_seq_show(buf, sizeof(buf));
	EXPECT_EQ(len, strlen(buf));
	EXPECT_EQ(len, 4 * 150);
	line = buf;
	snprintf(want, sizeof(want), "%-149s\n", "  sl  local_address rem_address   st tx_queue "
		 "rx_queue tr tm->when retrnsmt   uid  timeout inode");
	EXPECT(!strncmp(line, want, 150));
	line += 150;
	snprintf(want, sizeof(want), "%-149s\n", "");
	snprintf(want, sizeof(want), "   0: 00000000:1F90 00000000:0000 0A 00000000:00000000 "
		 "00:00000000 00000000     0        0 %lu 1 0000000000000000 100 0 0 10 0",
		 lsk->sk_ino);
	EXPECTF(!strncmp(line, want, strlen(want)) && line[149] == '\n' && line[148] == ' ',
		"line 0 is \"%.150s\"", line);
	line += 150;
	/* The connections in hash order, as Linux: either may come first. */
	tw = !strncmp(line + 6, "0100000A:1F90", 13) ? line : line + 150;
	est = tw == line ? line + 150 : line;
	EXPECT(line[3] == '1' && line[150 + 3] == '2');
	snprintf(want, sizeof(want), "   %c: 0100000A:1F90 0200000A:07D0 06 00000000:00000000 "
		 "03:00001388 00000000     0        0 0 1 0000000000000000", tw[3]);
	EXPECTF(!strncmp(tw, want, strlen(want)) && tw[149] == '\n',
		"TIME-WAIT line is \"%.150s\"", tw);
	snprintf(want, sizeof(want), "   %c: 0100000A:%04X 0200000A:0050 01 00000000:00000000 "
		 "00:00000000 00000000     0        0 %lu 1 0000000000000000 30 0 0 10 -1",
		 est[3], c.lport, c.sk->sk_ino);
	EXPECTF(!strncmp(est, want, strlen(want)) && est[149] == '\n',
		"ESTABLISHED line is \"%.150s\"", est);
	/* A short buffer: cut, still a string. */
	EXPECT_EQ(tcp_seq_show(buf, 10), 9);
	EXPECT_EQ(strlen(buf), 9);
	kill_sock(c.sk);
	close_sock(lsk);
	advance(TCP_TIMEWAIT_LEN);
	check_clean();
}

/* The peer's sequence numbers wrap past 2^32 while segments arrive out of order. */
static void sequence_wraparound(void)
{
	struct conn c;
	u8 buf[9000];
	u32 base;
	int i;

	CASE_START();
	EXPECT_OK(open_active(&c, 1000));
	base = c.snd;			/* 0xfffff001: wraps after 4095 bytes */
	for (i = 7; i >= 1; i--)
		peer_seg(&c, base + i * 1000, c.rcv, TCPHDR_ACK, pattern(i * 1000), 1000);
	EXPECT_EQ(tcp_sk(c.sk)->out_of_order_queue.qlen, 7);
	peer_seg(&c, base, c.rcv, TCPHDR_ACK, pattern(0), 1000);
	EXPECT_EQ(tcp_sk(c.sk)->rcv_nxt, base + 8000);
	EXPECT_EQ(recv_buf(c.sk, buf, sizeof(buf), 0), 8000);
	EXPECT(!memcmp(buf, pattern(0), 8000));
	kill_sock(c.sk);
	check_clean();
}

/* The bookkeeping of one socket against its queues; NULL if it holds. */
static const char *sock_invariants(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	long rmem = 0, truesize = 0, wmem = 0;
	u32 seq = tp->copied_seq, prev_end = 0;
	bool first = true;

	skb_queue_walk(&sk->sk_receive_queue, skb) {
		HELPER_CHECK(TCP_SKB_CB(skb)->seq == seq, "receive queue not contiguous");
		seq += skb->len;
		rmem += skb->len;
		truesize += sizeof(*skb) + (skb->end - skb->head);
	}
	if (sk->sk_state != TCP_LISTEN && sk->sk_state != TCP_CLOSE &&
	    sk->sk_state != TCP_SYN_SENT)
		HELPER_CHECK(seq == tp->rcv_nxt - tp->done, "receive queue ends at %u, rcv_nxt %u",
			     seq, tp->rcv_nxt);
	skb_queue_walk(&tp->out_of_order_queue, skb) {
		struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

		HELPER_CHECK(after(tcb->seq, tp->rcv_nxt), "ofo segment not ahead of rcv_nxt");
		HELPER_CHECK(first || !before(tcb->seq, prev_end), "ofo segments overlap");
		HELPER_CHECK(tcb->end_seq == tcb->seq + skb->len +
			     !!(tcb->tcp_flags & TCPHDR_FIN), "ofo end_seq");
		prev_end = tcb->end_seq;
		first = false;
		rmem += skb->len;
		truesize += sizeof(*skb) + (skb->end - skb->head);
	}
	HELPER_CHECK(rmem == sk->sk_rmem_alloc, "rmem %d, queues hold %ld", sk->sk_rmem_alloc, rmem);
	HELPER_CHECK(truesize == tp->rcv_truesize, "truesize %u, queues hold %ld",
		     tp->rcv_truesize, truesize);
	seq = tp->snd_una;
	skb_queue_walk(&sk->sk_write_queue, skb) {
		struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

		HELPER_CHECK(tcb->seq == seq, "write queue not contiguous");
		HELPER_CHECK(tcb->end_seq == tcb->seq + skb->len + !!(tcb->tcp_flags & TCPHDR_SYN) +
			     !!(tcb->tcp_flags & TCPHDR_FIN), "write queue end_seq");
		seq = tcb->end_seq;
		wmem += skb->len;
	}
	HELPER_CHECK(wmem == sk->sk_wmem_queued, "wmem %d, queue holds %ld",
		     sk->sk_wmem_queued, wmem);
	if (sk->sk_write_queue.qlen)
		HELPER_CHECK(seq == tp->write_seq, "write queue ends at %u, write_seq %u",
			     seq, tp->write_seq);
	HELPER_CHECK(!after(tp->snd_una, tp->snd_nxt) && !after(tp->snd_nxt, tp->write_seq),
		     "snd_una %u snd_nxt %u write_seq %u", tp->snd_una, tp->snd_nxt, tp->write_seq);
	return NULL;
}

static const char *all_invariants(void)
{
	int i;

	for (i = 0; i < MAX_SOCKS; i++) {
		const char *why = socks[i] ? sock_invariants(socks[i]) : NULL;

		if (why)
			return why;
	}
	return NULL;
}

/*
 * Random segments against a listener and a connection, random user calls
 * and time: nothing may crash or leak, and the accounting must hold.
 */
static unsigned long long fuzz_seed;

static void fuzz_one(void)
{
	struct sock *lsk;
	struct conn c;
	u8 buf[3000], junk[3000];
	int i;

	CASE_START();
	unit_srand(fuzz_seed);
	lsk = listener(8000, 4);
	EXPECT_OK(open_active(&c, 1000));
	for (i = 0; i < (int)sizeof(junk); i++)
		junk[i] = unit_rand();
	for (i = 0; i < 30000; i++) {
		unsigned long r = unit_rand_below(100);
		struct pkt p;

		if (c.sk->sk_state == TCP_CLOSE) {
			close_sock(c.sk);
			clear_segs();
			EXPECT_OK(open_active(&c, 1 + unit_rand_below(1500)));
		}
		if (unit_rand_below(2)) {
			/* A peer that listens to our ACKs. */
			c.snd = tcp_sk(c.sk)->rcv_nxt;
			c.rcv = unit_rand_below(2) ? tcp_sk(c.sk)->snd_una : tcp_sk(c.sk)->snd_nxt;
		}
		if (r < 60) {
			static const u32 near[] = { 0, 1, 2, 500, 1000, 65535, 100000 };
			bool to_listener = unit_rand_below(4) == 0;

			memset(&p, 0, sizeof(p));
			p.saddr = PEER;
			p.daddr = LOCAL;
			p.sport = to_listener ? 1000 + unit_rand_below(4) : c.pport;
			p.dport = to_listener ? 8000 : c.lport;
			p.seq = c.snd + near[unit_rand_below(7)] - near[unit_rand_below(7)];
			p.ack = c.rcv + near[unit_rand_below(7)] - near[unit_rand_below(7)];
			if (unit_rand_below(10) == 0)
				p.ack = tcp_sk(c.sk)->snd_nxt;
			p.flags = unit_rand_below(64);
			if (unit_rand_below(2))
				p.flags = TCPHDR_ACK | (unit_rand_below(4) == 0 ? TCPHDR_FIN : 0);
			p.win = unit_rand_below(3) ? 65535 : unit_rand_below(3000);
			p.mss = unit_rand_below(3) ? 0 : unit_rand_below(2000);
			p.len = unit_rand_below(4) ? unit_rand_below(1500) : 0;
			p.data = junk;
			p.bad_csum = unit_rand_below(20) == 0;
			inject_pkt(&p);
			if (!to_listener && p.seq == c.snd && (p.flags & TCPHDR_ACK))
				c.snd += p.len;
		} else if (r < 70) {
			send_buf(c.sk, junk, unit_rand_below(3000), MSG_DONTWAIT | MSG_NOSIGNAL);
		} else if (r < 80) {
			recv_buf(c.sk, buf, unit_rand_below(3000), MSG_DONTWAIT |
				 (unit_rand_below(3) ? 0 : MSG_PEEK));
		} else if (r < 94) {
			advance(unit_rand_below(2 * SEC));
		} else if (r < 95) {
			if (unit_rand_below(10) == 0) {
				tcp_prot.shutdown(c.sk, SEND_SHUTDOWN);
			} else if (unit_rand_below(10) == 0) {
				/* Leave it to finish as an orphan; start another. */
				close_sock(c.sk);
				clear_segs();
				EXPECT_OK(open_active(&c, 1 + unit_rand_below(1500)));
			}
		} else if (r < 97) {
			int err;
			struct sock *child = tcp_prot.accept(lsk, O_NONBLOCK, &err);

			if (child)
				kill_child(child);
		} else {
			/* Garbage with a valid checksum. */
			struct sk_buff *skb = alloc_skb(NET_HEADROOM + 20 + 100);
			struct iphdr *iph;
			u8 *th;
			u32 n = unit_rand_below(100);

			skb_reserve(skb, NET_HEADROOM);
			iph = (struct iphdr *)skb_put(skb, 20);
			memset(iph, 0, 20);
			iph->saddr = PEER;
			iph->daddr = LOCAL;
			th = skb_put(skb, n);
			memcpy(th, junk + unit_rand_below(1000), n);
			if (n >= 20) {
				((struct tcphdr *)th)->dest = htons(unit_rand_below(2) ? 8000 : c.lport);
				((struct tcphdr *)th)->source = htons(c.pport);
				((struct tcphdr *)th)->check = 0;
				((struct tcphdr *)th)->check =
					tcp_udp_check(PEER, LOCAL, IPPROTO_TCP, th, n);
			}
			skb->network_header = (unsigned char *)iph;
			skb_pull(skb, 20);
			tcp_v4_rcv(skb);
		}
		clear_segs();
		EXPECT_OK(all_invariants());
	}
	kill_sock(c.sk);
	close_sock(lsk);
	/* Orphans finish on their own: retransmissions give up, TIME-WAIT ends. */
	advance(4 * 3600 * SEC);
	check_clean();
}

static void fuzz(void)
{
	unsigned long long seed;

	for (seed = 1; seed <= 10; seed++) {
		fuzz_seed = seed;
		fuzz_one();
		if (unit_case_failed) {
			size_t n = strlen(unit_reason);

			snprintf(unit_reason + n, sizeof(unit_reason) - n, " (seed %llu)", seed);
			return;
		}
	}
}

/* Run one case, then make sure nothing it left can disturb the next. */
#define RUN_CASE(name)	do { RUN(name); reset_world(); } while (0)

int main(void)
{
	RUN_CASE(handshake_active);
	RUN_CASE(handshake_default_mss_536);
	RUN_CASE(handshake_active_blocking);
	RUN_CASE(connect_nonblocking_again);
	RUN_CASE(handshake_passive);
	RUN_CASE(simultaneous_open);
	RUN_CASE(connect_refused);
	RUN_CASE(syn_timeout);
	RUN_CASE(rst_for_closed_port);
	RUN_CASE(bad_segments_dropped);
	RUN_CASE(send_segments);
	RUN_CASE(receive_delayed_ack);
	RUN_CASE(quickack);
	RUN_CASE(out_of_order_reassembly);
	RUN_CASE(overlap_trimmed);
	RUN_CASE(duplicate_segment);
	RUN_CASE(rto_restart_only_on_new_data);
	RUN_CASE(backoff_sticks_until_new_data_acked);
	RUN_CASE(fast_retransmit_oldest_only);
	RUN_CASE(limited_transmit);
	RUN_CASE(recovery_again_at_recover);
	RUN_CASE(dupack_counter_saturates);
	RUN_CASE(newreno_partial_ack);
	RUN_CASE(rto_loss_recovery);
	RUN_CASE(slow_start_then_avoidance);
	RUN_CASE(zero_window_probe);
	RUN_CASE(receive_window);
	RUN_CASE(nagle_and_nodelay);
	RUN_CASE(sender_sws);
	RUN_CASE(loopback_sized_mss);
	RUN_CASE(close_active);
	RUN_CASE(half_close_then_close);
	RUN_CASE(close_passive);
	RUN_CASE(close_simultaneous);
	RUN_CASE(close_fin_ack_together);
	RUN_CASE(close_unread_sends_rst);
	RUN_CASE(close_fin_lost_and_fin_wait2_timeout);
	RUN_CASE(data_after_close_resets);
	RUN_CASE(rst_received);
	RUN_CASE(rst_blind_attacks);
	RUN_CASE(retransmit_gives_up);
	RUN_CASE(keepalive);
	RUN_CASE(listen_backlog);
	RUN_CASE(listen_syn_burst);
	RUN_CASE(synack_retransmit);
	RUN_CASE(synrecv_rst_and_bad_ack);
	RUN_CASE(time_wait_reused_by_new_syn);
	RUN_CASE(rtt_estimator);
	RUN_CASE(ack_piggybacked);
	RUN_CASE(handshake_ack_with_data);
	RUN_CASE(bind_rules);
	RUN_CASE(listen_and_shutdown);
	RUN_CASE(blocking_calls);
	RUN_CASE(socket_options);
	RUN_CASE(proc_net_tcp);
	RUN_CASE(sequence_wraparound);
	RUN_CASE(fuzz);
	return unit_exit_status();
}
