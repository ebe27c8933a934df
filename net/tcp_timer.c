/*
 * The timers of a connection.  Each is a net_timer (net/netdevice.h):
 * its callback runs in the network bottom half, in process context.
 *
 *   retransmit_timer  RFC 6298: resend the oldest unacknowledged segment
 *   delack_timer      send the ACK we held back (RFC 9293 3.8.6.3)
 *   probe_timer       probe a zero window (RFC 9293 3.8.6.1)
 *   keepalive_timer   SO_KEEPALIVE (RFC 1122 4.2.3.6)
 *   timewait_timer    end TIME-WAIT after 2*MSL; end an orphan's FIN-WAIT-2
 *
 * A callback holds a reference while it runs: what it does may end the
 * connection and drop the last one (tcp_done on an orphan).
 * Linux: net/ipv4/tcp_timer.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "net/tcp.h"

#define TCP_MAX_BACKOFF	16	/* rto << 16 is past TCP_RTO_MAX anyway */

/* (Re)start the retransmission timer with the current, backed-off RTO. */
void tcp_reset_xmit_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	net_timer_mod(&tp->retransmit_timer, tcp_clock_ns() + tcp_current_rto(tp));
}

/*
 * RFC 6298 5.2 and 5.3: when everything sent is acknowledged, stop the
 * timer; when an ACK acknowledges new data but not all, restart it.
 * Called only for ACKs of new data: a duplicate ACK leaves it running.
 */
void tcp_rearm_rto(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->snd_una == tp->snd_nxt)
		net_timer_del(&tp->retransmit_timer);
	else
		tcp_reset_xmit_timer(sk);
}

/* The connection failed: report err to the user and close (Linux: tcp_write_err). */
void tcp_write_err(struct sock *sk, int err)
{
	sk->sk_err = err;
	sk->sk_error_report(sk);
	tcp_done(sk);
}

/* Too many timeouts in a row?  Then give up (RFC 9293 3.8.3, RFC 1122 4.2.3.5). */
static bool tcp_write_timeout(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int limit;

	if (sk->sk_state == TCP_SYN_SENT)
		limit = TCP_SYN_RETRIES;
	else if (sk->sk_state == TCP_SYN_RECV)
		limit = TCP_SYNACK_RETRIES;
	else if (tp->dead)
		limit = TCP_ORPHAN_RETRIES;
	else
		limit = TCP_RETRIES2;
	if (tp->retransmits < limit)
		return false;
	if (sk->sk_state == TCP_SYN_RECV && tp->parent)
		tcp_done(sk);		/* a half-open child just goes away */
	else
		tcp_write_err(sk, ETIMEDOUT);
	return true;
}

/*
 * The retransmission timer expired (RFC 6298 5.4-5.6): resend the
 * oldest unacknowledged segment, double the RTO, start the timer again.
 * Congestion control starts over from one segment (tcp_enter_loss).
 */
static void tcp_retransmit_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = skb_peek(&sk->sk_write_queue);

	if (!skb || tp->snd_una == tp->snd_nxt)
		return;			/* nothing outstanding */
	if (tcp_write_timeout(sk))
		return;
	tcp_enter_loss(sk);
	if (tp->backoff < TCP_MAX_BACKOFF)
		tp->backoff++;		/* RFC 6298 5.5 */
	tp->retransmits++;
	if (!tcp_retransmit_skb(sk, skb))	/* RFC 6298 5.4 */
		tp->retrans_next = TCP_SKB_CB(skb)->end_seq;
	tcp_reset_xmit_timer(sk);	/* RFC 6298 5.6 */
}

/* The ACK we delayed is due (unless something else carried it meanwhile). */
static void tcp_delack_timer(struct sock *sk)
{
	if (tcp_sk(sk)->ack_pending)
		tcp_send_ack(sk);
}

/*
 * Arm the zero-window probe timer if data waits and nothing is in
 * flight, so that no ACK would come to open the window for us.
 */
void tcp_check_probe_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->snd_una != tp->snd_nxt || net_timer_pending(&tp->probe_timer))
		return;
	net_timer_mod(&tp->probe_timer, tcp_clock_ns() + tcp_current_rto(tp));
}

/*
 * The zero-window probe timer (RFC 9293 3.8.6.1, RFC 1122 4.2.2.17):
 * probe at exponentially growing intervals.  The connection is not
 * given up while the peer answers: each ACK resets probes_out.
 */
static void tcp_probe_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int limit = tp->dead ? TCP_ORPHAN_RETRIES : TCP_RETRIES2;

	if (tp->snd_una != tp->snd_nxt || !tcp_send_head(sk) ||
	    (TCPF(sk->sk_state) & (TCPF(TCP_CLOSE) | TCPF(TCP_LISTEN)))) {
		tp->probes_out = 0;
		return;
	}
	if (tp->probes_out >= limit) {
		tcp_write_err(sk, ETIMEDOUT);
		return;
	}
	if (tcp_write_wakeup(sk) == 0)
		return;			/* data went out: the RTO timer watches it */
	tp->probes_out++;
	if (tp->backoff < TCP_MAX_BACKOFF)
		tp->backoff++;
	net_timer_mod(&tp->probe_timer, tcp_clock_ns() + tcp_current_rto(tp));
}

void tcp_reset_keepalive_timer(struct sock *sk, u64 delay)
{
	net_timer_mod(&tcp_sk(sk)->keepalive_timer, tcp_clock_ns() + delay);
}

/* SO_KEEPALIVE changed, or the connection just got established. */
void tcp_set_keepalive(struct sock *sk, bool on)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (on && !(TCPF(sk->sk_state) & (TCPF(TCP_CLOSE) | TCPF(TCP_LISTEN))))
		tcp_reset_keepalive_timer(sk, (u64)tp->keepalive_time * NSEC_PER_SEC);
	else if (!on)
		net_timer_del(&tp->keepalive_timer);
}

/*
 * Keepalive (RFC 1122 4.2.3.6): after keepalive_time seconds without a
 * segment from the peer, send a probe every keepalive_intvl seconds;
 * after keepalive_probes unanswered ones, reset the connection and
 * report ETIMEDOUT.  Linux's defaults: 7200 s, 75 s, 9.
 */
static void tcp_keepalive_timer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u64 now = tcp_clock_ns();
	u64 idle_limit = (u64)tp->keepalive_time * NSEC_PER_SEC;
	u64 idle = now - tp->rcv_tstamp;
	u64 next;

	if (!sk->sk_keepalive ||
	    (TCPF(sk->sk_state) & (TCPF(TCP_CLOSE) | TCPF(TCP_LISTEN) | TCPF(TCP_SYN_SENT) |
				   TCPF(TCP_SYN_RECV) | TCPF(TCP_TIME_WAIT))))
		return;
	if (tp->snd_una != tp->snd_nxt || tcp_send_head(sk)) {
		/* Data is outstanding: the retransmission and probe timers watch the peer. */
		tcp_reset_keepalive_timer(sk, idle_limit);
		return;
	}
	if (idle >= idle_limit) {
		if (tp->probes_out >= tp->keepalive_probes) {
			tcp_send_active_reset(sk);
			tcp_write_err(sk, ETIMEDOUT);
			return;
		}
		tcp_xmit_probe_skb(sk);
		tp->probes_out++;
		next = (u64)tp->keepalive_intvl * NSEC_PER_SEC;
	} else {
		next = idle_limit - idle;
	}
	tcp_reset_keepalive_timer(sk, next);
}

/*
 * TIME-WAIT is over (2*MSL, RFC 9293 3.6), or an orphan waited in
 * FIN-WAIT-2 too long for the peer's FIN (Linux's tcp_fin_timeout).
 */
static void tcp_timewait_timer(struct sock *sk)
{
	if (sk->sk_state == TCP_TIME_WAIT) {
		tcp_done(sk);
	} else if (sk->sk_state == TCP_FIN_WAIT2 && tcp_sk(sk)->dead) {
		tcp_send_active_reset(sk);
		tcp_done(sk);
	}
}

/*
 * Enter TIME-WAIT: the connection is over, but its 4-tuple stays taken
 * for 2*MSL so that old duplicates die out and a lost last ACK can be
 * sent again (RFC 9293 3.6).  60 s, as Linux, instead of 4 minutes.
 */
void tcp_time_wait(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_set_state(sk, TCP_TIME_WAIT);
	net_timer_del(&tp->retransmit_timer);
	net_timer_del(&tp->probe_timer);
	net_timer_del(&tp->keepalive_timer);
	tcp_write_queue_purge(sk);
	net_timer_mod(&tp->timewait_timer, tcp_clock_ns() + TCP_TIMEWAIT_LEN);
}

/* An orphan reached FIN-WAIT-2: do not wait for the peer's FIN forever. */
void tcp_fin_wait2_timeout(struct sock *sk)
{
	net_timer_mod(&tcp_sk(sk)->timewait_timer, tcp_clock_ns() + TCP_FIN_TIMEOUT);
}

/* The callbacks: find the socket, hold it while the handler runs. */
#define TCP_TIMER_CALLBACK(name, member, handler)			\
static void name(struct net_timer *t)					\
{									\
	struct tcp_sock *tp = container_of(t, struct tcp_sock, member);	\
	struct sock *sk = tcp_to_sk(tp);				\
									\
	sock_hold(sk);							\
	handler(sk);							\
	sock_put(sk);							\
}

TCP_TIMER_CALLBACK(tcp_retransmit_timer_fn, retransmit_timer, tcp_retransmit_timer)
TCP_TIMER_CALLBACK(tcp_delack_timer_fn, delack_timer, tcp_delack_timer)
TCP_TIMER_CALLBACK(tcp_probe_timer_fn, probe_timer, tcp_probe_timer)
TCP_TIMER_CALLBACK(tcp_keepalive_timer_fn, keepalive_timer, tcp_keepalive_timer)
TCP_TIMER_CALLBACK(tcp_timewait_timer_fn, timewait_timer, tcp_timewait_timer)

void tcp_init_xmit_timers(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	net_timer_init(&tp->retransmit_timer, tcp_retransmit_timer_fn);
	net_timer_init(&tp->delack_timer, tcp_delack_timer_fn);
	net_timer_init(&tp->probe_timer, tcp_probe_timer_fn);
	net_timer_init(&tp->keepalive_timer, tcp_keepalive_timer_fn);
	net_timer_init(&tp->timewait_timer, tcp_timewait_timer_fn);
}

void tcp_clear_xmit_timers(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	net_timer_del(&tp->retransmit_timer);
	net_timer_del(&tp->delack_timer);
	net_timer_del(&tp->probe_timer);
	net_timer_del(&tp->keepalive_timer);
	net_timer_del(&tp->timewait_timer);
}
