/*
 * A segment for a connection (tcp_v4_rcv found the socket): the checks
 * of RFC 9293 3.10.7 in their order, then the ACK, the data and the FIN.
 *
 *   tcp_rcv_state_process        every state but LISTEN and TIME-WAIT
 *     tcp_rcv_synsent_state_process   SYN-SENT (RFC 9293 3.10.7.3)
 *     tcp_rcv_established             ESTABLISHED
 *     tcp_validate_incoming           checks 1-4 of RFC 9293 3.10.7.4
 *     tcp_ack                         check 5: the ACK field
 *     tcp_data_queue                  check 7: the data, in order or not
 *     tcp_fin                         check 8: the FIN
 *   tcp_timewait_state_process   TIME-WAIT
 *
 * On entry skb->data is the payload (tcp_v4_rcv pulled the header) and
 * TCP_SKB_CB(skb) holds the header's fields.  Each function consumes skb.
 * Linux: net/ipv4/tcp_input.c, tcp_minisocks.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "net/tcp.h"

/* --- receive memory ------------------------------------------------------ */

static unsigned int tcp_skb_truesize(const struct sk_buff *skb)
{
	return sizeof(*skb) + (skb->end - skb->head);
}

/*
 * How much memory the two receive queues may hold.  The window limits
 * the bytes; this limits the buffers they arrive in, so that a peer
 * sending one byte per segment cannot tie up a buffer per byte.
 */
static u32 tcp_rmem_limit(const struct sock *sk)
{
	return 2 * sk->sk_rcvbuf + 65536;
}

static void tcp_rmem_charge(struct sock *sk, struct sk_buff *skb)
{
	sk->sk_rmem_alloc += skb->len;
	tcp_sk(sk)->rcv_truesize += tcp_skb_truesize(skb);
}

static void tcp_rmem_uncharge(struct sock *sk, struct sk_buff *skb)
{
	sk->sk_rmem_alloc -= skb->len;
	tcp_sk(sk)->rcv_truesize -= tcp_skb_truesize(skb);
}

/* The user has read all of skb (the head of the receive queue). */
void tcp_eat_skb(struct sock *sk, struct sk_buff *skb)
{
	skb_unlink(skb, &sk->sk_receive_queue);
	tcp_rmem_uncharge(sk, skb);
	kfree_skb(skb);
}

void tcp_purge_ofo(struct sock *sk)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&tcp_sk(sk)->out_of_order_queue))) {
		tcp_rmem_uncharge(sk, skb);
		kfree_skb(skb);
	}
}

/* Throw away unread data (close, disconnect). */
void tcp_purge_receive_queue(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&sk->sk_receive_queue))) {
		tcp_rmem_uncharge(sk, skb);
		kfree_skb(skb);
	}
	tcp_purge_ofo(sk);
	tp->copied_seq = tp->rcv_nxt - (tp->done ? 1 : 0);
}

/* Drop the first len bytes of payload (they are old). */
static void tcp_trim_head(struct sk_buff *skb, u32 len)
{
	skb_pull(skb, len);
	TCP_SKB_CB(skb)->seq += len;
}

/* Keep only the first len sequence numbers (a FIN past them goes). */
static void tcp_trim_tail(struct sk_buff *skb, u32 len)
{
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

	if (len < skb->len)
		skb_trim(skb, len);
	tcb->tcp_flags &= ~TCPHDR_FIN;
	tcb->end_seq = tcb->seq + skb->len;
}

/* --- round-trip time (RFC 6298) -------------------------------------- */

/*
 * A new measurement rtt (ns) updates SRTT, RTTVAR and RTO: RFC 6298 2.2
 * for the first one, 2.3 afterwards (alpha = 1/8, beta = 1/4, RTTVAR
 * first, from the old SRTT), then RTO = SRTT + max(G, 4 * RTTVAR)
 * bounded by 2.4 and 2.5 (Linux's 200 ms floor instead of 1 s).
 */
static void tcp_rtt_estimator(struct tcp_sock *tp, u64 rtt)
{
	u64 rto;

	if (!rtt)
		rtt = 1;
	if (!tp->srtt) {
		tp->srtt = rtt;
		tp->rttvar = rtt / 2;
	} else {
		u64 delta = tp->srtt > rtt ? tp->srtt - rtt : rtt - tp->srtt;

		tp->rttvar = (3 * tp->rttvar + delta) / 4;
		tp->srtt = (7 * tp->srtt + rtt) / 8;
	}
	rto = tp->srtt + max(TCP_CLOCK_GRANULARITY, 4 * tp->rttvar);
	tp->rto = min(max(rto, TCP_RTO_MIN), TCP_RTO_MAX);
	/*
	 * Only a valid sample ends the exponential backoff: the RTO
	 * "collapses" back (RFC 6298 5.7 note).  An ACK of retransmitted
	 * data gives no sample (Karn), so the backoff sticks until data
	 * sent only once is acknowledged.
	 */
	tp->backoff = 0;
}

/*
 * The ACK covers everything before ack: free those segments.  The RTT
 * is measured on the oldest of them, but only if none was ever sent
 * twice: for a retransmitted segment we cannot know which copy the ACK
 * answers (Karn's algorithm, RFC 6298 3).  Returns the bytes acked.
 */
static u32 tcp_clean_rtx_queue(struct sock *sk, u32 ack)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	bool retransmitted = false, sampled = false;
	u64 first_sent = 0;
	u32 acked = ack - tp->snd_una;

	while ((skb = skb_peek(&sk->sk_write_queue))) {
		struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

		if (after(tcb->end_seq, ack)) {
			/* Acknowledged in part: drop those bytes from its front. */
			if (after(ack, tcb->seq) && !(tcb->tcp_flags & TCPHDR_SYN)) {
				u32 n = min(ack - tcb->seq, skb->len);

				tcp_trim_head(skb, n);
				sk->sk_wmem_queued -= n;
			}
			break;
		}
		if (tcb->sacked & TCPCB_RETRANS) {
			retransmitted = true;
		} else if (!sampled) {
			first_sent = skb->tstamp;
			sampled = true;
		}
		skb_unlink(skb, &sk->sk_write_queue);
		tcp_wmem_free_skb(sk, skb);
	}
	if (sampled && !retransmitted)
		tcp_rtt_estimator(tp, tcp_clock_ns() - first_sent);

	tp->snd_una = ack;
	if (before(tp->retrans_next, ack))
		tp->retrans_next = ack;
	tp->retransmits = 0;		/* the peer is getting our data */
	tcp_rearm_rto(sk);		/* RFC 6298 5.2, 5.3 */
	return acked;
}

/*
 * The send window (RFC 9293 3.10.7.4, fifth check): take SEG.WND if the
 * segment is newer than the one that set it, i.e. SND.WL1 < SEG.SEQ, or
 * SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK.
 */
static void tcp_ack_update_window(struct tcp_sock *tp, const struct tcp_skb_cb *tcb)
{
	if (before(tp->snd_wl1, tcb->seq) ||
	    (tp->snd_wl1 == tcb->seq && !before(tcb->ack_seq, tp->snd_wl2))) {
		tp->snd_wnd = tcb->window;
		tp->snd_wl1 = tcb->seq;
		tp->snd_wl2 = tcb->ack_seq;
		if (tp->snd_wnd > tp->max_window)
			tp->max_window = tp->snd_wnd;
	}
}

/*
 * A duplicate ACK in the sense of RFC 5681 2: data is outstanding, the
 * segment carries no data, no SYN or FIN, acknowledges exactly snd_una
 * and advertises the same window as before.
 */
static bool tcp_is_dupack(const struct tcp_sock *tp, const struct tcp_skb_cb *tcb,
			  u32 prior_una, u32 prior_wnd)
{
	return tp->snd_una != tp->snd_nxt &&
	       tcb->seq == tcb->end_seq &&
	       !(tcb->tcp_flags & (TCPHDR_SYN | TCPHDR_FIN)) &&
	       tcb->ack_seq == prior_una &&
	       tcb->window == prior_wnd;
}

/* The window opened enough for the waiting segment: stop probing it. */
static void tcp_ack_probe(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *head = tcp_send_head(sk);

	if (!net_timer_pending(&tp->probe_timer))
		return;
	if (!head || !after(TCP_SKB_CB(head)->end_seq, tp->snd_una + tp->snd_wnd)) {
		net_timer_del(&tp->probe_timer);
		tp->backoff = 0;
	}
}

/*
 * The ACK field (RFC 9293 3.10.7.4, fifth check).  Returns -1 if the
 * segment must be dropped (an ACK for data we never sent: we answer
 * with an ACK), 0 for an old ACK (ignored; the data still counts), 1
 * when the ACK was taken.
 */
static int tcp_ack(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	u32 ack = tcb->ack_seq;
	u32 prior_una = tp->snd_una, prior_wnd = tp->snd_wnd;

	if (after(ack, tp->snd_nxt)) {
		tcp_send_ack(sk);
		return -1;
	}
	/* RFC 5961 5.2: older than any ACK the peer could still send. */
	if (before(ack, prior_una - max(tp->max_window, (u32)tp->mss_cache))) {
		tcp_send_ack(sk);
		return -1;
	}
	if (before(ack, prior_una))
		return 0;

	tp->probes_out = 0;		/* the peer answers (RFC 1122 4.2.2.17) */
	tcp_ack_update_window(tp, tcb);

	if (after(ack, prior_una)) {
		u32 acked = tcp_clean_rtx_queue(sk, ack);

		tcp_fastretrans_alert(sk, false, acked);
		tcp_sndbuf_expand(sk);
		sk->sk_write_space(sk);
	} else if (tcp_is_dupack(tp, tcb, prior_una, prior_wnd)) {
		tcp_fastretrans_alert(sk, true, 0);
	}
	tcp_ack_probe(sk);
	return 1;
}

/* --- incoming data ------------------------------------------------------- */

/*
 * RFC 9293 3.10.7.4, first check: does the segment fall in the receive
 * window?  The four cases of the RFC's table.
 */
static bool tcp_sequence(const struct tcp_sock *tp, u32 seq, u32 end_seq)
{
	u32 wnd = tcp_receive_window(tp);
	u32 len = end_seq - seq;

	if (len == 0) {
		if (wnd == 0)
			return seq == tp->rcv_nxt;
		return !before(seq, tp->rcv_nxt) && before(seq, tp->rcv_nxt + wnd);
	}
	if (wnd == 0)
		return false;
	return (!before(seq, tp->rcv_nxt) && before(seq, tp->rcv_nxt + wnd)) ||
	       (!before(end_seq - 1, tp->rcv_nxt) && before(end_seq - 1, tp->rcv_nxt + wnd));
}

/*
 * The peer's FIN, in sequence (RFC 9293 3.10.7.4, eighth check): no
 * more data will come; readers see the end of file.
 */
static void tcp_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->done = true;
	sk->sk_shutdown |= RCV_SHUTDOWN;
	tp->ack_pending = true;
	tp->ack_now = true;		/* acknowledge the FIN at once */

	switch (sk->sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(sk, TCP_CLOSE_WAIT);
		break;
	case TCP_FIN_WAIT1:
		/* Our FIN is not acknowledged yet (else we were in FIN-WAIT-2). */
		tcp_set_state(sk, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_time_wait(sk);
		break;
	default:
		break;
	}
	tcp_purge_ofo(sk);		/* nothing can follow the FIN */
	if (!tp->dead)
		sk->sk_state_change(sk);
}

/* Received data: the ACK it needs (see tcp_ack_snd_check). */
static void tcp_event_data_recv(struct sock *sk, u32 len)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (len > tp->rcv_mss)
		tp->rcv_mss = min(len, (u32)tp->advmss);
	tp->ack_pending = true;
}

/* Append in-order data to the receive queue; rcv_nxt moves past it. */
static void tcp_queue_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff_head *queue = &sk->sk_receive_queue;
	struct sk_buff *tail = queue->qlen ? queue->prev : NULL;
	u32 len = skb->len;

	tp->rcv_nxt = TCP_SKB_CB(skb)->end_seq;
	if (!len) {
		kfree_skb(skb);			/* just the FIN */
		return;
	}
	/* A small segment goes into the tail's spare room (Linux: tcp_try_coalesce). */
	if (tail && skb_tailroom(tail) >= len &&
	    TCP_SKB_CB(tail)->seq + tail->len == TCP_SKB_CB(skb)->seq) {
		memcpy(skb_put(tail, len), skb->data, len);
		TCP_SKB_CB(tail)->end_seq += len;
		sk->sk_rmem_alloc += len;
		kfree_skb(skb);
		return;
	}
	skb_queue_tail(queue, skb);
	tcp_rmem_charge(sk, skb);
}

/* Segments of the out-of-order queue that rcv_nxt reached move over. */
static void tcp_ofo_queue(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	while ((skb = skb_peek(&tp->out_of_order_queue)) &&
	       !after(TCP_SKB_CB(skb)->seq, tp->rcv_nxt)) {
		bool fin;

		skb_unlink(skb, &tp->out_of_order_queue);
		tcp_rmem_uncharge(sk, skb);
		if (!after(TCP_SKB_CB(skb)->end_seq, tp->rcv_nxt)) {
			kfree_skb(skb);		/* nothing new in it */
			continue;
		}
		if (before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			tcp_trim_head(skb, tp->rcv_nxt - TCP_SKB_CB(skb)->seq);
		fin = TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN;
		tcp_queue_rcv(sk, skb);
		if (fin) {
			tcp_fin(sk);
			break;
		}
	}
}

/*
 * A segment ahead of rcv_nxt: keep it, in order, for when the hole is
 * filled.  Overlaps are trimmed so that the queue holds each sequence
 * number once: what is already there wins at the front, ours replaces
 * segments it covers completely and is cut short before a segment it
 * overlaps at its end.  Linux: tcp_data_queue_ofo().
 */
static void tcp_data_queue_ofo(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff_head *queue = &tp->out_of_order_queue;
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	struct sk_buff *prev = NULL, *it, *next;

	/* RFC 5681 4.2: an out-of-order segment is acknowledged at once
	 * (the duplicate ACK that drives the sender's fast retransmit). */
	tp->ack_pending = true;
	tp->ack_now = true;
	tcp_enter_quickack_mode(tp);

	/* The last queued segment that starts at or before ours. */
	skb_queue_walk(queue, it) {
		if (after(TCP_SKB_CB(it)->seq, tcb->seq))
			break;
		prev = it;
	}
	if (prev) {
		struct tcp_skb_cb *pcb = TCP_SKB_CB(prev);

		if (!after(tcb->end_seq, pcb->end_seq) ||
		    (after(pcb->end_seq, tcb->seq) && (pcb->tcp_flags & TCPHDR_FIN))) {
			kfree_skb(skb);		/* all there already, or past a FIN */
			return;
		}
		if (after(pcb->end_seq, tcb->seq))
			tcp_trim_head(skb, pcb->end_seq - tcb->seq);
	}
	next = prev ? prev->next : queue->next;
	while (next != (struct sk_buff *)queue && before(TCP_SKB_CB(next)->seq, tcb->end_seq)) {
		struct sk_buff *covered = next;

		if (after(TCP_SKB_CB(next)->end_seq, tcb->end_seq)) {
			tcp_trim_tail(skb, TCP_SKB_CB(next)->seq - tcb->seq);
			break;
		}
		next = next->next;
		skb_unlink(covered, queue);
		tcp_rmem_uncharge(sk, covered);
		kfree_skb(covered);
	}
	skb_insert_after(queue, prev ? prev : (struct sk_buff *)queue, skb);
	tcp_rmem_charge(sk, skb);
}

/*
 * The data of an acceptable segment (RFC 9293 3.10.7.4, seventh check).
 * What we already have is trimmed off the front and what lies beyond
 * the window off the end: an overlapping segment is accepted for its new
 * bytes, not dropped.  Linux: tcp_data_queue().
 */
static void tcp_data_queue(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	u32 wnd_end = tp->rcv_nxt + tcp_receive_window(tp);
	struct sk_buff_head *queue = &sk->sk_receive_queue;
	struct sk_buff *tail;
	bool room;

	if (tcb->seq == tcb->end_seq) {
		kfree_skb(skb);			/* a pure ACK */
		return;
	}
	if (!after(tcb->end_seq, tp->rcv_nxt) || !before(tcb->seq, wnd_end)) {
		/* All old (our ACK was lost), or all beyond the window:
		 * tell the peer where we are. */
		tp->ack_pending = true;
		tp->ack_now = true;
		tcp_enter_quickack_mode(tp);
		kfree_skb(skb);
		return;
	}
	if (before(tcb->seq, tp->rcv_nxt))
		tcp_trim_head(skb, tp->rcv_nxt - tcb->seq);
	if (after(tcb->end_seq, wnd_end)) {
		/* Past our window: keep what fits, tell the peer at once. */
		tcp_trim_tail(skb, wnd_end - tcb->seq);
		tp->ack_now = true;
	}

	/* Out of buffers?  Drop it; the peer sends it again. */
	tail = queue->qlen ? queue->prev : NULL;
	room = tcb->seq == tp->rcv_nxt && tail && skb_tailroom(tail) >= skb->len;
	if (!room && tp->rcv_truesize + tcp_skb_truesize(skb) > tcp_rmem_limit(sk)) {
		tp->ack_pending = true;
		tp->ack_now = true;
		kfree_skb(skb);
		return;
	}

	if (tcb->seq == tp->rcv_nxt) {
		bool fin = tcb->tcp_flags & TCPHDR_FIN;
		u32 len = skb->len;

		tcp_queue_rcv(sk, skb);
		if (fin)
			tcp_fin(sk);
		if (!skb_queue_empty(&tp->out_of_order_queue)) {
			tcp_ofo_queue(sk);
			tp->ack_now = true;	/* a hole was filled: RFC 5681 4.2 */
		}
		tcp_event_data_recv(sk, len);
		if (!tp->dead)
			sk->sk_data_ready(sk);
	} else {
		tcp_data_queue_ofo(sk, skb);
	}
}

/* --- the states ------------------------------------------------------------ */

/*
 * A RST was accepted (RFC 9293 3.10.7.4, second check): the connection
 * is gone.  The user learns it with Linux's errors: ECONNREFUSED for a
 * connect, EPIPE if the peer had already closed, else ECONNRESET.  Data
 * already received stays readable first, as in Linux.
 */
void tcp_reset(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	switch (sk->sk_state) {
	case TCP_SYN_SENT:
		err = ECONNREFUSED;
		break;
	case TCP_SYN_RECV:
		err = tp->parent ? 0 : ECONNRESET;	/* a child just goes away */
		break;
	case TCP_CLOSE_WAIT:
		err = EPIPE;
		break;
	case TCP_CLOSE:
		return;
	default:
		err = ECONNRESET;
		break;
	}
	if (err) {
		sk->sk_err = err;
		if (!tp->dead)
			sk->sk_error_report(sk);
	}
	tcp_done(sk);
}

/*
 * Checks one to four of RFC 9293 3.10.7.4 for a synchronized state.
 * Returns false if the segment was dealt with (and freed).
 */
static bool tcp_validate_incoming(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

	/* First: the sequence number.  Not acceptable: answer with an ACK. */
	if (!tcp_sequence(tp, tcb->seq, tcb->end_seq)) {
		if (!(tcb->tcp_flags & TCPHDR_RST)) {
			/* "Special allowance ... to accept valid ACKs" with a zero window. */
			if (tcp_receive_window(tp) == 0 && tcb->seq == tp->rcv_nxt &&
			    (tcb->tcp_flags & TCPHDR_ACK) && tcp_ack(sk, skb) > 0)
				tcp_write_xmit(sk);
			tcp_send_ack(sk);
		}
		kfree_skb(skb);
		return false;
	}
	tp->rcv_tstamp = tcp_clock_ns();	/* the peer is alive (keepalive) */

	/* Second: RST.  RFC 5961 3.2: only an exact match resets; any other
	 * in-window RST gets a "challenge ACK" (a blind attacker cannot
	 * guess rcv_nxt; a real peer answers the ACK with a good RST). */
	if (tcb->tcp_flags & TCPHDR_RST) {
		if (tcb->seq == tp->rcv_nxt)
			tcp_reset(sk);
		else
			tcp_send_ack(sk);
		kfree_skb(skb);
		return false;
	}

	/* Fourth: a SYN in a synchronized state: challenge ACK (RFC 5961 4.2). */
	if (tcb->tcp_flags & TCPHDR_SYN) {
		tcp_send_ack(sk);
		kfree_skb(skb);
		return false;
	}
	return true;
}

/* Has the peer acknowledged our FIN? */
static bool tcp_fin_acked(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return (sk->sk_shutdown & SEND_SHUTDOWN) && tp->snd_una == tp->write_seq;
}

/* ESTABLISHED: the common case.  Linux has a "fast path" here; we do not. */
void tcp_rcv_established(struct sock *sk, struct sk_buff *skb)
{
	if (!tcp_validate_incoming(sk, skb))
		return;
	/* Fifth: without ACK a segment is dropped. */
	if (!(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_ACK) || tcp_ack(sk, skb) < 0) {
		kfree_skb(skb);
		return;
	}
	tcp_data_queue(sk, skb);
	tcp_write_xmit(sk);		/* the ACK may have opened a window */
	tcp_ack_snd_check(sk);		/* unless data carried it already */
}

/* SYN-SENT (RFC 9293 3.10.7.3): we wait for the peer's SYN. */
static void tcp_rcv_synsent_state_process(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	u8 flags = tcb->tcp_flags;

	/* First: an ACK must acknowledge our SYN and nothing beyond. */
	if ((flags & TCPHDR_ACK) &&
	    (!after(tcb->ack_seq, tp->iss) || after(tcb->ack_seq, tp->snd_nxt))) {
		if (!(flags & TCPHDR_RST))
			tcp_v4_send_reset(sk, skb);	/* <SEQ=SEG.ACK><CTL=RST> */
		goto discard;
	}
	/* Second: a RST with an acceptable ACK refuses the connection. */
	if (flags & TCPHDR_RST) {
		if (flags & TCPHDR_ACK)
			tcp_reset(sk);
		goto discard;
	}
	/* Fourth: the SYN. */
	if (!(flags & TCPHDR_SYN))
		goto discard;

	tp->irs = tcb->seq;
	tp->rcv_nxt = tcb->seq + 1;
	tp->copied_seq = tp->rcv_nxt;
	tp->rcv_wup = tp->rcv_nxt;
	tp->snd_wnd = tp->max_window = tcb->window;
	tp->snd_wl1 = tcb->seq;
	tp->snd_wl2 = tcb->ack_seq;
	tp->rx_mss = tcb->mss ? tcb->mss : TCP_MSS_DEFAULT;
	tcp_sync_mss(sk);
	tp->rcv_tstamp = tcp_clock_ns();

	if (!(flags & TCPHDR_ACK)) {
		/* Simultaneous open: SYN-RECEIVED, and our SYN again, now with an ACK. */
		tcp_set_state(sk, TCP_SYN_RECV);
		tcp_retransmit_skb(sk, skb_peek(&sk->sk_write_queue));
		goto discard;
	}

	tcp_set_state(sk, TCP_ESTABLISHED);
	tcp_ack(sk, skb);			/* our SYN is acknowledged: RTT sample */
	tcp_init_transfer(sk);
	tp->ack_pending = true;
	tp->ack_now = true;			/* the third segment of the handshake */

	/* Data or a FIN with the SYN: on at the seventh check. */
	tcb->seq++;
	tcb->tcp_flags &= ~TCPHDR_SYN;
	tcp_data_queue(sk, skb);
	tcp_write_xmit(sk);
	tcp_ack_snd_check(sk);
	return;
discard:
	kfree_skb(skb);
}

/*
 * SYN-RECEIVED, FIN-WAIT-1/2, CLOSE-WAIT, CLOSING, LAST-ACK
 * (RFC 9293 3.10.7.4), and the dispatch to the two functions above.
 */
void tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

	switch (sk->sk_state) {
	case TCP_ESTABLISHED:
		tcp_rcv_established(sk, skb);
		return;
	case TCP_SYN_SENT:
		tcp_rcv_synsent_state_process(sk, skb);
		return;
	case TCP_CLOSE:
	case TCP_LISTEN:
	case TCP_TIME_WAIT:
		kfree_skb(skb);			/* tcp_v4_rcv sends these elsewhere */
		return;
	}

	/* Our SYN,ACK was lost and the peer sends its SYN again: answer it
	 * (Linux: tcp_check_req), before the sequence check would refuse it. */
	if (sk->sk_state == TCP_SYN_RECV && (tcb->tcp_flags & TCPHDR_SYN) &&
	    !(tcb->tcp_flags & (TCPHDR_ACK | TCPHDR_RST)) && tcb->seq == tp->irs) {
		struct sk_buff *syn = skb_peek(&sk->sk_write_queue);

		if (syn && (TCP_SKB_CB(syn)->tcp_flags & TCPHDR_SYN))
			tcp_retransmit_skb(sk, syn);
		kfree_skb(skb);
		return;
	}

	if (!tcp_validate_incoming(sk, skb))
		return;
	if (!(tcb->tcp_flags & TCPHDR_ACK))
		goto discard;

	if (sk->sk_state == TCP_SYN_RECV) {
		/* The third segment of the handshake must acknowledge our SYN. */
		if (!after(tcb->ack_seq, tp->snd_una) || after(tcb->ack_seq, tp->snd_nxt)) {
			tcp_v4_send_reset(sk, skb);	/* <SEQ=SEG.ACK><CTL=RST> */
			goto discard;
		}
		if (tp->parent && !tcp_child_ready(sk))
			goto discard;		/* accept queue full: the peer retries */
		tcp_set_state(sk, TCP_ESTABLISHED);
		tp->snd_wnd = tcb->window;
		tp->snd_wl1 = tcb->seq;
		tp->snd_wl2 = tcb->ack_seq;
		if (tp->snd_wnd > tp->max_window)
			tp->max_window = tp->snd_wnd;
		tcp_ack(sk, skb);
		tcp_init_transfer(sk);
		tcp_data_queue(sk, skb);
		tcp_write_xmit(sk);
		tcp_ack_snd_check(sk);
		return;
	}

	if (tcp_ack(sk, skb) < 0)
		goto discard;

	switch (sk->sk_state) {
	case TCP_FIN_WAIT1:
		if (tcp_fin_acked(sk)) {
			tcp_set_state(sk, TCP_FIN_WAIT2);
			if (tp->dead)
				tcp_fin_wait2_timeout(sk);
			else
				sk->sk_state_change(sk);
		}
		break;
	case TCP_CLOSING:
		if (tcp_fin_acked(sk)) {
			tcp_time_wait(sk);
			goto discard;
		}
		break;
	case TCP_LAST_ACK:
		if (tcp_fin_acked(sk)) {
			tcp_done(sk);
			goto discard;
		}
		break;
	}

	/* Seventh and eighth: data and FIN. */
	switch (sk->sk_state) {
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
		/*
		 * The user closed (or shut down reading): new data has no
		 * reader.  RFC 1122 4.2.2.13: answer with a RST, as Linux.
		 */
		if ((sk->sk_shutdown & RCV_SHUTDOWN) && skb->len &&
		    after(tcb->seq + skb->len, tp->rcv_nxt)) {
			tcp_v4_send_reset(sk, skb);
			tcp_reset(sk);
			goto discard;
		}
		tcp_data_queue(sk, skb);
		break;
	default:
		/* CLOSE-WAIT, CLOSING, LAST-ACK: the peer's FIN came already;
		 * anything after it is ignored. */
		kfree_skb(skb);
		break;
	}
	if (sk->sk_state != TCP_CLOSE) {
		tcp_write_xmit(sk);
		tcp_ack_snd_check(sk);
	}
	return;
discard:
	kfree_skb(skb);
}

/*
 * TIME-WAIT (RFC 9293 3.10.7.4, and RFC 1122 4.2.2.13 for a new SYN).
 * Returns TCP_TW_SYN if skb is a new connection's SYN that the caller
 * should give to the listener (this socket is then gone, skb not
 * consumed); otherwise skb was consumed.
 */
int tcp_timewait_state_process(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	u8 flags = tcb->tcp_flags;

	if (flags & TCPHDR_RST) {
		/* RFC 9293: a RST ends TIME-WAIT (RFC 1337 discusses why not). */
		if (tcp_sequence(tp, tcb->seq, tcb->end_seq))
			tcp_done(sk);
	} else if ((flags & TCPHDR_SYN) && !(flags & TCPHDR_ACK) &&
		   after(tcb->seq, tp->rcv_nxt)) {
		/* A new incarnation of the connection, above the old sequence numbers. */
		tcp_done(sk);
		return TCP_TW_SYN;
	} else if ((flags & TCPHDR_FIN) || tcb->end_seq != tcb->seq) {
		/* The peer's FIN again: our last ACK was lost.  ACK, restart 2*MSL. */
		if (flags & TCPHDR_FIN)
			net_timer_mod(&tp->timewait_timer, tcp_clock_ns() + TCP_TIMEWAIT_LEN);
		tcp_send_ack(sk);
	}
	kfree_skb(skb);
	return 0;
}
