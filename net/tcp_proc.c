/*
 * /proc/net/tcp: one line per TCP socket in Linux's format, so that
 * netstat, ss and scripts written for Linux read it unchanged.  Lines
 * are padded with spaces to 149 characters as Linux's seq_file pads
 * them.  Addresses are printed as the 32-bit words they are in memory
 * (network order read on a little-endian CPU: 127.0.0.1 is 0100007F),
 * ports in host order; times in USER_HZ (100 per second) ticks.
 * Linux: net/ipv4/tcp_ipv4.c (tcp4_seq_show, get_tcp4_sock,
 * get_timewait4_sock, get_openreq4).
 */
#include "kernel/kernel.h"
#include "net/tcp.h"

#define TCP_PROC_LINE	149		/* TMPSZ - 1 in Linux */
#define USER_HZ		100

struct tcp_seq {
	char *buf;
	size_t size;
	size_t len;
	int sl;				/* the line number, "sl" */
	u64 now;
};

/* Append one formatted line, padded to TCP_PROC_LINE, with its newline. */
__printf(2, 3)
static void tcp_seq_line(struct tcp_seq *s, const char *fmt, ...)
{
	size_t start = s->len;
	va_list ap;
	int n;

	if (s->len + 1 >= s->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->len, s->size - s->len, fmt, ap);
	va_end(ap);
	s->len = min(s->len + n, s->size - 1);
	while (s->len - start < TCP_PROC_LINE && s->len + 1 < s->size)
		s->buf[s->len++] = ' ';
	if (s->len + 1 < s->size)
		s->buf[s->len++] = '\n';
	s->buf[s->len] = '\0';
}

/* Time until a timer fires, in USER_HZ ticks (0 if overdue). */
static unsigned long tcp_clock_t(u64 expires, u64 now)
{
	return expires > now ? (expires - now) / (NSEC_PER_SEC / USER_HZ) : 0;
}

static unsigned long ns_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

/* A child still in the handshake: Linux shows its request sock this way. */
static void tcp_show_openreq(struct tcp_seq *s, struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_seq_line(s, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %u %d %s",
		     s->sl++, tp->inet.inet_rcv_saddr, tp->inet.inet_num,
		     tp->inet.inet_daddr, ntohs(tp->inet.inet_dport), TCP_SYN_RECV,
		     0, 0, 1, tcp_clock_t(tp->retransmit_timer.expires, s->now),
		     tp->retransmits, 0, 0, 0, 0, "0000000000000000");
}

static void tcp_show_timewait(struct tcp_seq *s, struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_seq_line(s, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5d %8d %d %d %s",
		     s->sl++, tp->inet.inet_rcv_saddr, ntohs(tp->inet.inet_sport),
		     tp->inet.inet_daddr, ntohs(tp->inet.inet_dport), TCP_TIME_WAIT,
		     0, 0, 3, tcp_clock_t(tp->timewait_timer.expires, s->now),
		     0, 0, 0, 0, sk->sk_refcnt, "0000000000000000");
}

/* Linux shows the delayed-ACK timeout ("ato") once data has arrived. */
static bool tcp_data_received(const struct tcp_sock *tp)
{
	if (tp->inet.sk.sk_state == TCP_LISTEN || tp->inet.sk.sk_state == TCP_SYN_SENT)
		return false;
	return tp->copied_seq != tp->irs + 1 || tcp_inq(tp);
}

static void tcp_show_sock(struct tcp_seq *s, struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int timer = 0, rx_queue, ssthresh;
	u64 expires = 0;

	if (net_timer_pending(&tp->retransmit_timer)) {
		timer = 1;
		expires = tp->retransmit_timer.expires;
	} else if (net_timer_pending(&tp->probe_timer)) {
		timer = 4;
		expires = tp->probe_timer.expires;
	} else if (net_timer_pending(&tp->keepalive_timer)) {
		timer = 2;
		expires = tp->keepalive_timer.expires;
	} else if (net_timer_pending(&tp->timewait_timer)) {
		timer = 2;		/* an orphan's FIN-WAIT-2 timeout */
		expires = tp->timewait_timer.expires;
	}
	if (sk->sk_state == TCP_LISTEN) {
		rx_queue = tp->accept_qlen;
		ssthresh = 0;		/* Linux: the Fast Open queue length */
	} else {
		rx_queue = tcp_inq(tp);
		ssthresh = tp->snd_ssthresh >= TCP_INFINITE_SSTHRESH ? -1 : (int)tp->snd_ssthresh;
	}
	tcp_seq_line(s, "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %s "
		     "%lu %lu %u %u %d",
		     s->sl++, tp->inet.inet_rcv_saddr, ntohs(tp->inet.inet_sport),
		     tp->inet.inet_daddr, ntohs(tp->inet.inet_dport), sk->sk_state,
		     tp->write_seq - tp->snd_una, rx_queue, timer,
		     tcp_clock_t(expires, s->now), tp->retransmits, 0, tp->probes_out,
		     sk->sk_ino, sk->sk_refcnt, "0000000000000000",
		     ns_to_clock_t(tcp_current_rto(tp)),
		     tcp_data_received(tp) ? ns_to_clock_t(TCP_DELACK_MIN) : 0UL, 0,
		     tp->snd_cwnd / max(tp->mss_cache, (u16)1), ssthresh);
}

static void tcp_seq_one(struct sock *sk, void *arg)
{
	struct tcp_seq *s = arg;

	if (sk->sk_state == TCP_TIME_WAIT)
		tcp_show_timewait(s, sk);
	else if (sk->sk_state == TCP_SYN_RECV && tcp_sk(sk)->parent)
		tcp_show_openreq(s, sk);
	else
		tcp_show_sock(s, sk);
}

/* /proc/net/tcp into buf (NUL-terminated); returns its length, less than size. */
size_t tcp_seq_show(char *buf, size_t size)
{
	struct tcp_seq s = { buf, size, 0, 0, tcp_clock_ns() };

	if (!size)
		return 0;
	buf[0] = '\0';
	tcp_seq_line(&s, "%s", "  sl  local_address rem_address   st tx_queue rx_queue tr "
		     "tm->when retrnsmt   uid  timeout inode");
	tcp_for_each_sock(tcp_seq_one, &s);
	return s.len;
}
