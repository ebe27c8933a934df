/*
 * Congestion control: how much may be in flight (cwnd), and what to do
 * when a segment is lost.  RFC 5681 (slow start, congestion avoidance,
 * fast retransmit, fast recovery) with RFC 6582's NewReno recovery and
 * RFC 3042's limited transmit;
 * cwnd and ssthresh are in bytes, as in the RFCs.
 *
 *   CA_Open      slow start below ssthresh, congestion avoidance above;
 *                the first two duplicate ACKs each let one new segment
 *                go beyond cwnd (RFC 3042 limited transmit), so that a
 *                small window still brings the third one
 *   CA_Recovery  three duplicate ACKs: the oldest segment was resent,
 *                cwnd halved; ends when everything sent before is acked
 *   CA_Loss      the retransmission timer expired: cwnd is one segment,
 *                everything in flight is resent as ACKs come back
 *
 * Linux: net/ipv4/tcp_cong.c (Reno), tcp_input.c (tcp_fastretrans_alert).
 */
#include "kernel/kernel.h"
#include "net/tcp.h"

static void tcp_clamp_cwnd(struct tcp_sock *tp)
{
	if (tp->snd_cwnd > TCP_CWND_CLAMP)
		tp->snd_cwnd = TCP_CWND_CLAMP;
	if (tp->snd_cwnd < tp->mss_cache)
		tp->snd_cwnd = tp->mss_cache;
}

/*
 * At the start of a connection: the initial window (RFC 6928's ten
 * segments, as Linux; one segment if the SYN had to be sent again,
 * RFC 5681 3.1) and an "arbitrarily high" ssthresh (RFC 5681 3.1).
 */
void tcp_init_cwnd(struct tcp_sock *tp)
{
	tp->snd_cwnd = (tp->syn_retransmitted ? 1 : TCP_INIT_CWND) * tp->mss_cache;
	tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	tp->bytes_acked = 0;
	tp->dup_acks = 0;
	tp->ca_state = TCP_CA_Open;
	tp->high_seq = tp->iss;			/* RFC 6582: "recover" starts at the ISS */
	tp->retrans_next = tp->snd_una;
}

/*
 * How many bytes may be unacknowledged: cwnd, plus one segment for each
 * of the first two duplicate ACKs while no loss is being repaired
 * (RFC 3042: they tell that segments have left the network).
 */
u32 tcp_cwnd_allowance(const struct tcp_sock *tp)
{
	if (tp->ca_state != TCP_CA_Open)
		return tp->snd_cwnd;
	return tp->snd_cwnd + min(tp->dup_acks, 2U) * tp->mss_cache;
}

/* RFC 5681 equation (4): ssthresh = max(FlightSize / 2, 2 * SMSS). */
u32 tcp_loss_ssthresh(const struct tcp_sock *tp)
{
	u32 flight = tp->snd_nxt - tp->snd_una;

	return max(flight / 2, 2U * tp->mss_cache);
}

/* New data was acknowledged in CA_Open (or CA_Loss): open the window (RFC 5681 3.1). */
void tcp_cong_avoid(struct tcp_sock *tp, u32 acked)
{
	if (tp->snd_cwnd < tp->snd_ssthresh) {
		/* Slow start, equation (2): cwnd += min(N, SMSS) per ACK. */
		tp->snd_cwnd += min(acked, (u32)tp->mss_cache);
	} else {
		/*
		 * Congestion avoidance: one SMSS per window of acknowledged
		 * bytes, counted in bytes as RFC 5681 3.1 recommends (RFC 3465).
		 */
		tp->bytes_acked += acked;
		if (tp->bytes_acked >= tp->snd_cwnd) {
			tp->bytes_acked -= tp->snd_cwnd;
			tp->snd_cwnd += tp->mss_cache;
		}
	}
	tcp_clamp_cwnd(tp);
}

/*
 * The retransmission timer expired (RFC 5681 3.1, equations (4) and
 * (5)): ssthresh to half the flight, cwnd to one segment (the "loss
 * window").  If the same data times out again, ssthresh is held.
 * Everything in flight now counts as lost; high_seq marks its end.
 */
void tcp_enter_loss(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->retransmits == 0)
		tp->snd_ssthresh = tcp_loss_ssthresh(tp);
	tp->snd_cwnd = tp->mss_cache;
	tp->bytes_acked = 0;
	tp->dup_acks = 0;
	tp->ca_state = TCP_CA_Loss;
	tp->high_seq = tp->snd_nxt;
	tp->retrans_next = tp->snd_una;
}

/*
 * Fast retransmit (RFC 5681 3.2 steps 2 and 3): resend the oldest
 * unacknowledged segment, and only that one; halve ssthresh; inflate
 * cwnd by the three segments that left the network.
 */
static void tcp_enter_recovery(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = skb_peek(&sk->sk_write_queue);

	tp->snd_ssthresh = tcp_loss_ssthresh(tp);
	tp->high_seq = tp->snd_nxt;		/* RFC 6582 "recover" */
	tp->ca_state = TCP_CA_Recovery;
	if (skb)
		tcp_retransmit_skb(sk, skb);
	tp->snd_cwnd = tp->snd_ssthresh + TCP_DUPACK_THRESH * tp->mss_cache;
	tcp_clamp_cwnd(tp);
}

/* A duplicate ACK arrived (RFC 5681 3.2). */
static void tcp_dupack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	/* Saturate: a flood of duplicates must not wrap the counter to 3 again. */
	if (tp->dup_acks < TCP_DUPACK_MAX)
		tp->dup_acks++;

	switch (tp->ca_state) {
	case TCP_CA_Open:
		/*
		 * RFC 6582 3.2 step 1: only when the ACK covers more than
		 * "recover" (the highest sequence number sent, high_seq - 1),
		 * so that duplicates caused by our own earlier
		 * retransmissions do not start a second recovery.
		 */
		if (tp->dup_acks == TCP_DUPACK_THRESH && !before(tp->snd_una, tp->high_seq))
			tcp_enter_recovery(sk);
		break;
	case TCP_CA_Recovery:
		/* RFC 5681 3.2 step 4: one more segment has left the network. */
		tp->snd_cwnd += tp->mss_cache;
		tcp_clamp_cwnd(tp);
		break;
	case TCP_CA_Loss:
		break;			/* resending after a timeout: ignore them */
	}
}

/* An ACK of new data during fast recovery (RFC 6582 3.2 steps 3 and 4). */
static void tcp_recovery_ack(struct sock *sk, u32 acked)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	if (!before(tp->snd_una, tp->high_seq)) {
		/* Full acknowledgment: deflate the window and leave recovery. */
		u32 flight = tp->snd_nxt - tp->snd_una;

		tp->snd_cwnd = min(tp->snd_ssthresh,
				   max(flight, (u32)tp->mss_cache) + tp->mss_cache);
		tp->ca_state = TCP_CA_Open;
		tp->dup_acks = 0;
		tp->bytes_acked = 0;
		tcp_clamp_cwnd(tp);
		return;
	}
	/*
	 * Partial acknowledgment: the next segment was lost too.  Resend it,
	 * deflate cwnd by what was acknowledged, add back one SMSS if at
	 * least that much was (so about ssthresh stays in flight).
	 */
	skb = skb_peek(&sk->sk_write_queue);
	if (skb)
		tcp_retransmit_skb(sk, skb);
	tp->snd_cwnd = tp->snd_cwnd > acked ? tp->snd_cwnd - acked : 0;
	if (acked >= tp->mss_cache)
		tp->snd_cwnd += tp->mss_cache;
	tp->dup_acks = 0;
	tcp_clamp_cwnd(tp);
}

/*
 * Every ACK that is not old goes through here: a duplicate ACK
 * (dup_ack), or one acknowledging acked bytes of new data.
 * Linux: tcp_fastretrans_alert() and tcp_cong_avoid().
 */
void tcp_fastretrans_alert(struct sock *sk, bool dup_ack, u32 acked)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (dup_ack) {
		tcp_dupack(sk);
		return;
	}
	switch (tp->ca_state) {
	case TCP_CA_Recovery:
		tcp_recovery_ack(sk, acked);
		break;
	case TCP_CA_Loss:
		tcp_cong_avoid(tp, acked);
		if (!before(tp->snd_una, tp->high_seq))
			tp->ca_state = TCP_CA_Open;	/* all that was lost is back */
		tp->dup_acks = 0;
		break;
	default:
		tp->dup_acks = 0;
		tcp_cong_avoid(tp, acked);
		break;
	}
}
