/*
 * Sending: every segment leaves through tcp_transmit_skb, which puts the
 * TCP header in front of the payload and hands a copy to IP.
 *
 * The write queue (sk->sk_write_queue) holds, in sequence order, every
 * segment from snd_una on: sent but unacknowledged, then not yet sent
 * (from tcp_send_head on).  SYN and FIN are in it too, since they take
 * a sequence number and may need to be sent again.  Each skb keeps its
 * payload with room for the headers in front (NET_HEADROOM); what goes
 * to IP is a copy, so the original stays for a retransmission.
 *
 * Linux: net/ipv4/tcp_output.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "net/tcp.h"

/* A segment of up to size bytes of payload, with room for every header. */
struct sk_buff *tcp_stream_alloc_skb(unsigned int size)
{
	struct sk_buff *skb = alloc_skb(NET_HEADROOM + size);

	if (!skb)
		return NULL;
	skb_reserve(skb, NET_HEADROOM);
	memset(skb->cb, 0, sizeof(skb->cb));
	return skb;
}

/* Free a segment of the write queue and give its bytes back to the send buffer. */
void tcp_wmem_free_skb(struct sock *sk, struct sk_buff *skb)
{
	sk->sk_wmem_queued -= skb->len;
	kfree_skb(skb);
}

void tcp_write_queue_purge(struct sock *sk)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&sk->sk_write_queue)))
		tcp_wmem_free_skb(sk, skb);
	sk->sk_wmem_queued = 0;
}

/* The size of the segments we send: what the peer accepts and our route carries. */
void tcp_sync_mss(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u16 mss = min(tp->rx_mss, tp->advmss);

	tp->mss_cache = max(mss, (u16)48);	/* a silly peer MSS: Linux's floor */
	tp->rcv_mss = min(tp->mss_cache, tp->advmss);	/* until segments tell */
}

/* Free receive buffer space: what we could take if the user read nothing more. */
u32 tcp_space(const struct sock *sk)
{
	int space = sk->sk_rcvbuf - sk->sk_rmem_alloc;

	if (space <= 0)
		return 0;
	return min((u32)space, TCP_MAX_WINDOW);
}

/*
 * By how much the right edge of the window must move before we announce
 * it: min(buffer / 2, MSS), where the buffer counts only as far as a
 * window can reach (64 KB without window scaling).
 */
static u32 tcp_sws_threshold(const struct sock *sk)
{
	u32 buf = min((u32)sk->sk_rcvbuf, TCP_MAX_WINDOW);

	return min(buf / 2, (u32)tcp_sk(sk)->advmss);
}

/*
 * The window to put in the segment we are about to send.  Two rules:
 * never shrink the window we offered (RFC 9293 3.8.6, RFC 1122
 * 4.2.2.16), and move its right edge only in steps of at least
 * min(buffer / 2, MSS), so that the peer is not invited to send tiny
 * segments (receiver SWS avoidance, RFC 9293 3.8.6.2.2).
 */
u32 tcp_select_window(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 cur = tcp_receive_window(tp);
	u32 new = tcp_space(sk);

	if (new < cur || new - cur < tcp_sws_threshold(sk))
		new = cur;
	tp->rcv_wnd = new;
	tp->rcv_wup = tp->rcv_nxt;
	return new;
}

/*
 * After the user read: is the window now so much larger that the peer
 * should hear of it at once (it may be waiting on a closed window)?
 */
bool tcp_window_update_due(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 cur = tcp_receive_window(tp);
	u32 new = tcp_space(sk);

	return new >= cur + tcp_sws_threshold(sk) && new >= 2 * cur;
}

/* An ACK went out: nothing is pending any more (Linux: tcp_event_ack_sent). */
static void tcp_event_ack_sent(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->ack_pending && tp->quick)
		tp->quick--;
	tp->ack_pending = false;
	tp->ack_now = false;
	net_timer_del(&tp->delack_timer);
}

/* The MSS option of a SYN (RFC 9293 3.2): kind 2, length 4, the value. */
static void tcp_write_mss_option(u8 *opt, u16 mss)
{
	opt[0] = TCPOPT_MSS;
	opt[1] = TCPOLEN_MSS;
	opt[2] = mss >> 8;
	opt[3] = mss & 0xff;
}

/*
 * Put the header in front of skb's payload and hand it to IP.  With
 * clone, skb stays where it is (the write queue) and a copy is sent;
 * without, skb is consumed.  The sequence number and flags come from
 * TCP_SKB_CB(skb); the ACK field and window from the connection.
 * Returns 0 once IP has the segment (even if IP then drops it: that is
 * a loss like any other), -ENOBUFS if there was no memory for the copy.
 */
int tcp_transmit_skb(struct sock *sk, struct sk_buff *skb, bool clone)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_sock *inet = &tp->inet;
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	unsigned int opt_len = (tcb->tcp_flags & TCPHDR_SYN) ? TCPOLEN_MSS : 0;
	unsigned int hdr_len = sizeof(struct tcphdr) + opt_len;
	u8 flags = tcb->tcp_flags;
	struct tcphdr *th;

	if (clone) {
		skb = skb_copy(skb);
		if (!skb)
			return -ENOBUFS;
	}
	/* Every segment but our first SYN acknowledges what we received. */
	if (sk->sk_state != TCP_SYN_SENT)
		flags |= TCPHDR_ACK;

	th = (struct tcphdr *)skb_push(skb, hdr_len);
	memset(th, 0, hdr_len);
	th->source = inet->inet_sport;
	th->dest = inet->inet_dport;
	th->seq = htonl(tcb->seq);
	th->ack_seq = (flags & TCPHDR_ACK) ? htonl(tp->rcv_nxt) : 0;
	th->doff = hdr_len / 4;
	tcp_flag_byte(th) = flags;
	th->window = htons(tcp_select_window(sk));
	if (opt_len)
		tcp_write_mss_option((u8 *)(th + 1), tp->advmss);
	th->check = tcp_udp_check(inet->inet_saddr, inet->inet_daddr, IPPROTO_TCP,
				  skb->data, skb->len);
	skb->transport_header = skb->data;
	skb->sk = NULL;

	if (flags & TCPHDR_ACK)
		tcp_event_ack_sent(sk);
	ip_queue_xmit(skb, inet->inet_saddr, inet->inet_daddr, IPPROTO_TCP);
	return 0;
}

/* The first segment of the write queue not sent yet, or NULL. */
struct sk_buff *tcp_send_head(struct sock *sk)
{
	struct sk_buff_head *queue = &sk->sk_write_queue;
	struct sk_buff *skb, *head = NULL;

	/* Unsent segments are at the end: walk back from there. */
	for (skb = queue->prev; skb != (struct sk_buff *)queue; skb = skb->prev) {
		if (before(TCP_SKB_CB(skb)->seq, tcp_sk(sk)->snd_nxt))
			break;
		head = skb;
	}
	return head;
}

/*
 * Cut skb after len bytes of payload; the rest becomes a new segment
 * right after it in the write queue (and takes the FIN, if any).
 */
static int tcp_fragment(struct sock *sk, struct sk_buff *skb, unsigned int len)
{
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb), *ncb;
	unsigned int rest = skb->len - len;
	struct sk_buff *buff;

	if (len == 0 || len >= skb->len)
		return -EINVAL;
	buff = tcp_stream_alloc_skb(rest);
	if (!buff)
		return -ENOBUFS;
	memcpy(skb_put(buff, rest), skb->data + len, rest);
	skb_trim(skb, len);
	ncb = TCP_SKB_CB(buff);
	ncb->seq = tcb->seq + len;
	ncb->end_seq = tcb->end_seq;
	ncb->tcp_flags = tcb->tcp_flags;
	ncb->sacked = tcb->sacked;
	tcb->end_seq = ncb->seq;
	tcb->tcp_flags &= ~(TCPHDR_FIN | TCPHDR_PSH);
	skb_insert_after(&sk->sk_write_queue, skb, buff);
	return 0;
}

/* Send skb for the first time: it is now in flight. */
static int tcp_send_new(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	err = tcp_transmit_skb(sk, skb, true);
	if (err)
		return err;
	tp->snd_nxt = TCP_SKB_CB(skb)->end_seq;
	skb->tstamp = tcp_clock_ns();
	/* RFC 6298 5.1: data went out; start the timer if it is not running. */
	if (!net_timer_pending(&tp->retransmit_timer))
		tcp_reset_xmit_timer(sk);
	return 0;
}

/*
 * May skb (the send head) go now?  It may be cut to fit the window.
 * Linux: tcp_snd_wnd_test, tcp_cwnd_test, tcp_nagle_test.
 */
static bool tcp_can_send(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	u32 in_flight = tcp_packets_in_flight(tp);
	u32 wnd_end = tp->snd_una + tp->snd_wnd;
	u32 len = skb->len;

	/* The SYN goes whatever the windows say. */
	if (tcb->tcp_flags & TCPHDR_SYN)
		return true;

	/* RFC 5681 3.1: no more than cwnd bytes unacknowledged. */
	if (in_flight && in_flight + len > tcp_cwnd_allowance(tp))
		return false;

	/* The peer's window (RFC 9293 3.8.6). */
	if (after(tcb->end_seq, wnd_end)) {
		u32 avail = after(wnd_end, tp->snd_nxt) ? wnd_end - tp->snd_nxt : 0;

		/*
		 * Sender SWS avoidance (RFC 9293 3.8.6.2.1): send part of a
		 * segment only if it is at least half of the largest window
		 * the peer ever offered.  Otherwise wait for the window to
		 * open; the zero-window probe timer sees that we do not wait
		 * forever.
		 */
		if (avail == 0 || avail >= len || avail < tp->max_window / 2)
			return false;
		if (tcp_fragment(sk, skb, avail))
			return false;
		len = avail;
	}

	/*
	 * Nagle (RFC 9293 3.7.4, RFC 1122 4.2.3.4): while data is
	 * unacknowledged, hold back a last segment smaller than the MSS,
	 * so that many small writes travel as few full segments.
	 */
	if (!tp->nodelay && len < tp->mss_cache && tp->snd_nxt != tp->snd_una &&
	    !(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN) &&
	    skb->next == (struct sk_buff *)&sk->sk_write_queue)
		return false;
	return true;
}

/*
 * Send what the windows allow: in CA_Loss first what the timeout
 * declared lost, then new data.  If something waits for the peer's
 * window to open and nothing is in flight to bring an ACK, the
 * zero-window probe timer starts.  Linux: tcp_write_xmit().
 */
void tcp_write_xmit(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	if (tp->ca_state == TCP_CA_Loss)
		tcp_xmit_retransmit_queue(sk);

	while ((skb = tcp_send_head(sk))) {
		if (!tcp_can_send(sk, skb))
			break;
		if (tcp_send_new(sk, skb))
			break;
	}
	if (tcp_send_head(sk))
		tcp_check_probe_timer(sk);
}

/* Send skb again (RFC 6298 5.4, RFC 5681 3.2).  Karn: it never gives an RTT sample. */
int tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	int err;

	tcb->sacked |= TCPCB_RETRANS;
	if (tcb->tcp_flags & TCPHDR_SYN)
		tp->syn_retransmitted = true;
	err = tcp_transmit_skb(sk, skb, true);
	if (err)
		return err;
	tp->total_retrans++;
	if (!net_timer_pending(&tp->retransmit_timer))
		tcp_reset_xmit_timer(sk);	/* RFC 6298 5.1 */
	return 0;
}

/*
 * After a timeout (CA_Loss) every segment that was in flight is taken
 * as lost: send them again in order, as far as the congestion window
 * (restarting from one segment, RFC 5681 3.1) allows.
 */
void tcp_xmit_retransmit_queue(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	skb_queue_walk(&sk->sk_write_queue, skb) {
		struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

		if (!before(tcb->seq, tp->high_seq))
			break;			/* sent after the timeout: not lost */
		if (before(tcb->seq, tp->retrans_next))
			continue;		/* already sent again */
		if (tcp_packets_in_flight(tp) + skb->len > tp->snd_cwnd &&
		    tcp_packets_in_flight(tp))
			break;
		if (tcp_retransmit_skb(sk, skb))
			break;
		tp->retrans_next = tcb->end_seq;
	}
}

/* A segment without data: an ACK, a probe or a RST, with sequence number seq. */
static void tcp_send_bare(struct sock *sk, u32 seq, u8 flags)
{
	struct sk_buff *skb = tcp_stream_alloc_skb(0);

	if (!skb)
		return;
	TCP_SKB_CB(skb)->seq = TCP_SKB_CB(skb)->end_seq = seq;
	TCP_SKB_CB(skb)->tcp_flags = flags;
	tcp_transmit_skb(sk, skb, false);
}

/* Acknowledge now (Linux: tcp_send_ack). */
void tcp_send_ack(struct sock *sk)
{
	/* Before the peer's SYN we have nothing to acknowledge. */
	if (TCPF(sk->sk_state) & (TCPF(TCP_CLOSE) | TCPF(TCP_LISTEN) | TCPF(TCP_SYN_SENT)))
		return;
	tcp_send_bare(sk, tcp_sk(sk)->snd_nxt, TCPHDR_ACK);
}

/*
 * Acknowledge every segment for a while: enough ACKs for the sender to
 * grow its window through half of ours, 2 to 16 of them (Linux:
 * tcp_incr_quickack).  Used when the connection starts and when data
 * comes out of order or again, the signs of a loss being repaired.
 */
void tcp_enter_quickack_mode(struct tcp_sock *tp)
{
	u32 n = tp->rcv_wnd / (2 * tp->rcv_mss);

	tp->quick = min(max(n, 2U), (u32)TCP_MAX_QUICKACKS);
}

/* Acknowledge within TCP_DELACK_MIN, unless something else carries the ACK first. */
void tcp_send_delayed_ack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!net_timer_pending(&tp->delack_timer))
		net_timer_mod(&tp->delack_timer, tcp_clock_ns() + TCP_DELACK_MIN);
}

/*
 * Data arrived: acknowledge it now or a little later.  RFC 9293
 * 3.8.6.3 and RFC 5681 4.2: an ACK for at least every second
 * full-sized segment and within 500 ms (we wait at most 40 ms, as
 * Linux); out-of-order data, a filled hole and the FIN at once.
 * In quickack mode (tp->quick, as Linux: at the start of a connection
 * and after a loss) every segment is acknowledged at once, so that the
 * sender's window grows, and its recovery runs, at full speed.
 */
void tcp_ack_snd_check(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->ack_pending)
		return;
	if (tp->ack_now || tp->quick || tp->rcv_nxt - tp->rcv_wup > tp->rcv_mss)
		tcp_send_ack(sk);
	else
		tcp_send_delayed_ack(sk);
}

/*
 * Queue and send our SYN (or, in SYN-RECEIVED, our SYN,ACK).  It is the
 * first segment of the write queue, so the retransmission timer resends
 * it like any other.
 */
int tcp_send_syn(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_stream_alloc_skb(0);

	if (!skb)
		return -ENOBUFS;
	TCP_SKB_CB(skb)->seq = tp->iss;
	TCP_SKB_CB(skb)->end_seq = tp->iss + 1;
	TCP_SKB_CB(skb)->tcp_flags = TCPHDR_SYN;
	skb_queue_tail(&sk->sk_write_queue, skb);
	tp->write_seq = tp->iss + 1;
	tcp_write_xmit(sk);
	return 0;
}

/*
 * Our FIN: on the last unsent segment if there is one, else on a
 * segment of its own.  It takes one sequence number (RFC 9293 3.6).
 */
void tcp_send_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff_head *queue = &sk->sk_write_queue;
	struct sk_buff *tail = queue->qlen ? queue->prev : NULL;

	if (tail && !before(TCP_SKB_CB(tail)->seq, tp->snd_nxt) &&
	    !(TCP_SKB_CB(tail)->tcp_flags & (TCPHDR_SYN | TCPHDR_FIN))) {
		TCP_SKB_CB(tail)->tcp_flags |= TCPHDR_FIN;
		TCP_SKB_CB(tail)->end_seq++;
	} else {
		struct sk_buff *skb = tcp_stream_alloc_skb(0);

		if (!skb)
			return;		/* no memory: the peer will time out */
		TCP_SKB_CB(skb)->seq = tp->write_seq;
		TCP_SKB_CB(skb)->end_seq = tp->write_seq + 1;
		TCP_SKB_CB(skb)->tcp_flags = TCPHDR_FIN;
		skb_queue_tail(&sk->sk_write_queue, skb);
	}
	tp->write_seq++;
	tcp_write_xmit(sk);
}

/* Abort: a RST for the peer (Linux: tcp_send_active_reset). */
void tcp_send_active_reset(struct sock *sk)
{
	tcp_send_bare(sk, tcp_sk(sk)->snd_nxt, TCPHDR_RST);
}

/*
 * A segment the peer must answer with an ACK: no data, and a sequence
 * number it has already seen, so it is out of its window (RFC 9293
 * 3.10.7.4: an unacceptable segment is answered with an ACK).  Used as
 * a zero-window probe and as a keepalive (RFC 1122 4.2.3.6).
 */
void tcp_xmit_probe_skb(struct sock *sk)
{
	tcp_send_bare(sk, tcp_sk(sk)->snd_una - 1, TCPHDR_ACK);
}

/*
 * The probe timer fired (RFC 9293 3.8.6.1): if the window opened even a
 * little, send what fits (this is the "override timeout" of sender SWS
 * avoidance); otherwise probe the closed window.  Returns 0 if data
 * went out, 1 if a probe did.
 */
int tcp_write_wakeup(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_send_head(sk);
	u32 wnd_end = tp->snd_una + tp->snd_wnd;

	if (skb && before(TCP_SKB_CB(skb)->seq, wnd_end)) {
		u32 avail = wnd_end - TCP_SKB_CB(skb)->seq;

		if (avail < skb->len)
			tcp_fragment(sk, skb, avail);
		if (!tcp_send_new(sk, skb))
			return 0;
	}
	tcp_xmit_probe_skb(sk);
	return 1;
}
