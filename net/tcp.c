/*
 * TCP as the socket layer sees it: the calls of tcp_prot that a system
 * call reaches through net/af_inet.c (sendmsg, recvmsg, close, shutdown,
 * poll, options), and the changes of state every TCP file uses.
 *
 *   write() -> ... -> inet_sendmsg -> tcp_sendmsg: copy into segments
 *     on the write queue, then tcp_write_xmit sends what the windows allow
 *   read() -> ... -> inet_recvmsg -> tcp_recvmsg: copy from the receive
 *     queue, which tcp_input.c fills in sequence order
 *
 * Linux: net/ipv4/tcp.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/uaccess.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "net/tcp.h"

#define FIONREAD	0x541b	/* Linux's SIOCINQ */
#define TIOCOUTQ	0x5411	/* Linux's SIOCOUTQ */

/* --- state ------------------------------------------------------------------ */

/*
 * Every change of state goes through here.  Entering CLOSE takes the
 * socket out of the tables and gives back a port the user did not
 * choose (Linux: tcp_set_state).
 */
void tcp_set_state(struct sock *sk, int state)
{
	sk->sk_state = state;
	if (state == TCP_CLOSE) {
		tcp_unhash(sk);
		if (!tcp_sk(sk)->bind_locked)
			tcp_put_port(sk);
	}
}

/*
 * The connection is over (Linux: tcp_done).  A socket with a file tells
 * its users; an orphan is freed: this drops the reference that the file
 * (or the listener's queue) held.
 */
void tcp_done(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (sk->sk_state == TCP_CLOSE)
		return;
	tcp_set_state(sk, TCP_CLOSE);
	tcp_clear_xmit_timers(sk);
	tcp_write_queue_purge(sk);
	tcp_purge_ofo(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	tp->ack_pending = false;
	if (tp->parent && !tp->in_accept_queue)
		tcp_unlink_child(sk);		/* a half-open child */
	if (tp->dead)
		sock_put(sk);
	else
		sk->sk_state_change(sk);
}

/* The handshake is complete: start sending (Linux: tcp_init_transfer). */
void tcp_init_transfer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_init_cwnd(tp);
	tcp_enter_quickack_mode(tp);	/* the peer's slow start: ACK each segment */
	/* RFC 6298 5.7: after a SYN timeout with no RTT measured, RTO = 3 s. */
	if (tp->syn_retransmitted && !tp->srtt)
		tp->rto = TCP_TIMEOUT_FALLBACK;
	tp->backoff = 0;
	tp->retransmits = 0;
	tp->rcv_tstamp = tcp_clock_ns();
	tcp_sndbuf_expand(sk);
	if (sk->sk_keepalive)
		tcp_set_keepalive(sk, true);
	if (!tp->dead)
		sk->sk_state_change(sk);
}

/*
 * Unless the user fixed it with SO_SNDBUF, let the send buffer grow to
 * twice what may be in flight (the smaller of cwnd and the peer's
 * window), so that a write can keep the pipe full
 * (a simple form of Linux's tcp_sndbuf_expand).  SO_SNDBUF may be set
 * by sock_setsockopt without telling us: a size we did not choose is
 * the user's.
 */
void tcp_sndbuf_expand(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 flight = min(tp->snd_cwnd, max(tp->max_window, (u32)tp->mss_cache));
	u32 want = 2 * flight;

	if (sk->sk_sndbuf != tp->sndbuf_auto)
		tp->sndbuf_locked = true;
	if (tp->sndbuf_locked)
		return;
	want = min(want, (u32)TCP_WMEM_MAX);
	if ((u32)sk->sk_sndbuf < want)
		sk->sk_sndbuf = tp->sndbuf_auto = want;
}

/* --- sockets come and go ---------------------------------------------- */

/* tcp_prot.init: a new socket (Linux: tcp_init_sock). */
int tcp_init_sock(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	skb_queue_head_init(&tp->out_of_order_queue);
	INIT_LIST_HEAD(&tp->syn_queue);
	INIT_LIST_HEAD(&tp->accept_queue);
	INIT_LIST_HEAD(&tp->accept_node);
	INIT_LIST_HEAD(&tp->bind_node);
	tcp_init_xmit_timers(sk);
	sk->sk_state = TCP_CLOSE;
	sk->sk_rcvbuf = TCP_RMEM_DEFAULT;
	sk->sk_sndbuf = tp->sndbuf_auto = TCP_WMEM_DEFAULT;
	tp->rto = TCP_TIMEOUT_INIT;
	tp->rx_mss = tp->mss_cache = tp->advmss = tp->rcv_mss = TCP_MSS_DEFAULT;
	tp->snd_cwnd = TCP_INIT_CWND * TCP_MSS_DEFAULT;
	tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	tp->keepalive_time = TCP_KEEPALIVE_TIME;
	tp->keepalive_intvl = TCP_KEEPALIVE_INTVL;
	tp->keepalive_probes = TCP_KEEPALIVE_PROBES;
	return 0;
}

/* tcp_prot.destroy: the last reference is gone (from sock_put). */
void tcp_v4_destroy_sock(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tcp_clear_xmit_timers(sk);
	if (!list_empty(&tp->syn_queue) || !list_empty(&tp->accept_queue))
		inet_csk_listen_stop(sk);
	tcp_write_queue_purge(sk);
	tcp_purge_receive_queue(sk);
	tcp_unlink_child(sk);
	tcp_unhash(sk);
	tcp_put_port(sk);
}

/*
 * An abort: RST to the peer if it has a connection, then back to a
 * fresh, closed socket (connect(AF_UNSPEC), shutdown of a listener or a
 * connecting socket, a failed connect).  Linux: tcp_disconnect().
 */
int tcp_disconnect(struct sock *sk, int flags)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int old = sk->sk_state;

	if (old == TCP_LISTEN) {
		tcp_set_state(sk, TCP_CLOSE);
		inet_csk_listen_stop(sk);
	} else if (TCPF(old) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT) | TCPF(TCP_SYN_RECV) |
				TCPF(TCP_FIN_WAIT1) | TCPF(TCP_FIN_WAIT2) | TCPF(TCP_CLOSING) |
				TCPF(TCP_LAST_ACK))) {
		tcp_send_active_reset(sk);
		sk->sk_err = ECONNRESET;
	} else if (old == TCP_SYN_SENT) {
		sk->sk_err = ECONNRESET;
	}
	if (sk->sk_state != TCP_CLOSE)
		tcp_set_state(sk, TCP_CLOSE);
	tcp_clear_xmit_timers(sk);
	tcp_write_queue_purge(sk);
	tcp_purge_receive_queue(sk);
	tp->inet.inet_dport = 0;
	tp->inet.inet_daddr = 0;
	if (!tp->inet.inet_num)
		tp->inet.inet_saddr = tp->inet.inet_rcv_saddr = 0;
	sk->sk_shutdown = 0;
	tp->done = false;
	tp->connecting = false;
	tp->ack_pending = false;
	sk->sk_error_report(sk);
	return 0;
}

/*
 * We will send no more (close or shutdown): move to the state that
 * follows and say whether our FIN must go now (Linux: tcp_close_state).
 */
static bool tcp_close_state(struct sock *sk)
{
	switch (sk->sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(sk, TCP_FIN_WAIT1);
		return true;
	case TCP_CLOSE_WAIT:
		tcp_set_state(sk, TCP_LAST_ACK);
		return true;
	}
	return false;
}

/*
 * close(2) on the last descriptor (tcp_prot.close).  The file is gone;
 * the connection ends on its own.  If data arrived that the user never
 * read, the peer gets a RST instead of a FIN (RFC 2525 2.17, as Linux),
 * so it knows the data was lost.  Consumes the socket's reference: the
 * socket is freed now, or by tcp_done when the connection ends.
 */
void tcp_close(struct sock *sk, long timeout)
{
	struct tcp_sock *tp = tcp_sk(sk);
	bool unread;

	sk->sk_socket = NULL;
	sk->sk_shutdown = SHUTDOWN_MASK;
	tp->dead = true;

	if (sk->sk_state == TCP_LISTEN) {
		tcp_set_state(sk, TCP_CLOSE);
		inet_csk_listen_stop(sk);
	}
	unread = !skb_queue_empty(&sk->sk_receive_queue);
	tcp_purge_receive_queue(sk);

	switch (sk->sk_state) {
	case TCP_CLOSE:
		sock_put(sk);		/* never connected, or over already */
		return;
	case TCP_SYN_SENT:
		tcp_done(sk);
		return;
	}
	/* Unread data, or SO_LINGER with a zero time: abort with a reset
	 * (RFC 2525 2.17, Linux's tcp_close).  A nonzero linger time does not
	 * make close() wait here; the FIN goes out as usual. */
	if (unread || (sk->sk_linger && !sk->sk_lingertime)) {
		tcp_send_active_reset(sk);
		tcp_done(sk);
		return;
	}
	if (tcp_close_state(sk))
		tcp_send_fin(sk);
	else if (sk->sk_state == TCP_FIN_WAIT2)
		tcp_fin_wait2_timeout(sk);
	/* FIN-WAIT-1, CLOSING, LAST-ACK, TIME-WAIT: our FIN is on its way already. */
}

/*
 * shutdown(2) (tcp_prot.shutdown); how is a mask of RCV_SHUTDOWN and
 * SEND_SHUTDOWN.  Shutting the sending side sends our FIN (RFC 9293
 * 3.6: CLOSE of one direction).  Linux: inet_shutdown(), tcp_shutdown().
 */
void tcp_shutdown(struct sock *sk, int how)
{
	how &= SHUTDOWN_MASK;
	switch (sk->sk_state) {
	case TCP_LISTEN:
		if (how & RCV_SHUTDOWN)
			tcp_disconnect(sk, O_NONBLOCK);	/* wakes accept(): EINVAL */
		sk->sk_state_change(sk);
		return;
	case TCP_SYN_SENT:
		tcp_disconnect(sk, O_NONBLOCK);
		sk->sk_state_change(sk);
		return;
	}
	sk->sk_shutdown |= how;
	if ((how & SEND_SHUTDOWN) && tcp_close_state(sk))
		tcp_send_fin(sk);
	sk->sk_state_change(sk);
}

/* --- sending ------------------------------------------------------------ */

static bool tcp_handshake_over(struct sock *sk)
{
	return !(TCPF(sk->sk_state) & (TCPF(TCP_SYN_SENT) | TCPF(TCP_SYN_RECV)));
}

static bool tcp_can_send_data(const struct sock *sk)
{
	return !sk->sk_err && !(sk->sk_shutdown & SEND_SHUTDOWN) &&
	       (TCPF(sk->sk_state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_CLOSE_WAIT)));
}

/* Wake a writer when there is room, or when writing became pointless. */
static bool tcp_stream_memory_free(struct sock *sk)
{
	return sk->sk_wmem_queued < sk->sk_sndbuf || !tcp_can_send_data(sk);
}

/*
 * Writing failed.  EPIPE means the connection cannot carry data any
 * more: report the pending error instead if there is one (ECONNRESET
 * after a RST); an EPIPE, pending or not, raises SIGPIPE unless
 * MSG_NOSIGNAL.
 * Linux: sk_stream_error().
 */
static int tcp_stream_error(struct sock *sk, int flags, int err)
{
	if (err == -EPIPE) {
		int pending = tcp_sock_error(sk);

		if (pending)
			err = pending;
	}
	/* A pending EPIPE (RST in CLOSE_WAIT) raises SIGPIPE too, as Linux. */
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		send_signal(current, SIGPIPE);
	return err;
}

/* The last segment of the write queue if more data may go into it. */
static struct sk_buff *tcp_write_queue_tail_room(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff_head *queue = &sk->sk_write_queue;
	struct sk_buff *skb = queue->qlen ? queue->prev : NULL;

	if (!skb || before(TCP_SKB_CB(skb)->seq, tp->snd_nxt) ||
	    (TCP_SKB_CB(skb)->tcp_flags & (TCPHDR_SYN | TCPHDR_FIN)) ||
	    skb->len >= tp->mss_cache || !skb_tailroom(skb))
		return NULL;
	return skb;
}

/*
 * Copy up to size bytes of a write of total bytes from the user into
 * segments of at most one MSS at the end of the write queue.  Returns
 * the bytes taken, 0 if no segment could be made, or -EFAULT.
 */
static int tcp_append_data(struct sock *sk, struct msghdr *msg, size_t size, size_t total)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_write_queue_tail_room(sk);
	size_t n, got;

	if (!skb) {
		/* A segment's worth for bulk writes, else room to gather small ones (Nagle). */
		skb = tcp_stream_alloc_skb(min((size_t)tp->mss_cache, max(total, (size_t)2048)));
		if (!skb)
			return 0;
		TCP_SKB_CB(skb)->seq = TCP_SKB_CB(skb)->end_seq = tp->write_seq;
		skb_queue_tail(&sk->sk_write_queue, skb);
	}
	n = min(size, (size_t)(tp->mss_cache - skb->len));
	n = min(n, (size_t)skb_tailroom(skb));
	got = copy_from_iter(skb_put(skb, n), n, &msg->msg_iter);
	if (got < n)
		skb_trim(skb, skb->len - (n - got));
	TCP_SKB_CB(skb)->end_seq += got;
	tp->write_seq += got;
	sk->sk_wmem_queued += got;
	if (got == size)
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_PSH;	/* the end of this write */
	if (!skb->len) {
		skb_unlink(skb, &sk->sk_write_queue);
		kfree_skb(skb);
	} else if (skb->len >= tp->mss_cache) {
		tcp_write_xmit(sk);	/* a full segment: no reason to wait */
	}
	return got < n ? -EFAULT : (int)got;
}

/*
 * sendmsg(2) and write(2) (tcp_prot.sendmsg): queue the data, send what
 * the windows allow, sleep while the send buffer is full.  Flags from
 * msg->msg_flags: MSG_DONTWAIT, MSG_NOSIGNAL.  Linux: tcp_sendmsg().
 */
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t size)
{
	int flags = msg->msg_flags;
	long timeo = sk->sk_sndtimeo;
	size_t copied = 0;
	int err = 0;

	/* Still connecting: wait for the handshake (Linux: sk_stream_wait_connect). */
	if (!tcp_handshake_over(sk)) {
		if (flags & MSG_DONTWAIT)
			return -EAGAIN;
		err = sk_wait_event(sk, &timeo, tcp_handshake_over);
		if (err)
			return err;
	}
	if (!tcp_can_send_data(sk))
		return tcp_stream_error(sk, flags, -EPIPE);
	while (copied < size) {
		int n;

		if (!tcp_can_send_data(sk)) {
			err = -EPIPE;
			break;
		}
		if (sk->sk_wmem_queued >= sk->sk_sndbuf) {
			tcp_write_xmit(sk);
			if (flags & MSG_DONTWAIT) {
				err = -EAGAIN;
				break;
			}
			err = sk_wait_event(sk, &timeo, tcp_stream_memory_free);
			if (err)
				break;
			continue;
		}
		n = tcp_append_data(sk, msg, size - copied, size);
		if (n <= 0) {
			err = n ? n : -ENOBUFS;
			break;
		}
		copied += n;
	}
	tcp_write_xmit(sk);
	if (copied)
		return copied;
	return tcp_stream_error(sk, flags, err);
}

/* --- receiving ---------------------------------------------------------- */

/*
 * The user read data: if the window can now open noticeably, tell the
 * peer at once; it may be waiting on a closed window.
 * Linux: tcp_cleanup_rbuf().
 */
static void tcp_cleanup_rbuf(struct sock *sk)
{
	if (!(TCPF(sk->sk_state) & (TCPF(TCP_ESTABLISHED) | TCPF(TCP_FIN_WAIT1) |
				    TCPF(TCP_FIN_WAIT2))))
		return;
	if (tcp_window_update_due(sk))
		tcp_send_ack(sk);
}

static bool tcp_recv_ready(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	return tp->rcv_nxt != tp->recv_wait_seq || sk->sk_err ||
	       (sk->sk_shutdown & RCV_SHUTDOWN) || sk->sk_state == TCP_CLOSE;
}

/*
 * Copy what is queued from *seq on, up to len bytes.  Without MSG_PEEK
 * the bytes are consumed.  Returns the bytes copied or -EFAULT.
 */
static int tcp_copy_from_queue(struct sock *sk, struct msghdr *msg, size_t len,
			       u32 *seq, int flags)
{
	struct sk_buff *skb, *tmp;
	size_t copied = 0;

	skb_queue_walk_safe(&sk->sk_receive_queue, skb, tmp) {
		u32 offset = *seq - TCP_SKB_CB(skb)->seq;
		size_t n, got;

		if (offset >= skb->len)
			continue;		/* peeked already */
		n = min((size_t)(skb->len - offset), len - copied);
		got = n;
		if (!(flags & MSG_TRUNC))	/* MSG_TRUNC: discard, as Linux */
			got = copy_to_iter(skb->data + offset, n, &msg->msg_iter);
		*seq += got;
		copied += got;
		if (!(flags & MSG_PEEK)) {
			skb_pull(skb, got);
			TCP_SKB_CB(skb)->seq += got;
			sk->sk_rmem_alloc -= got;
			if (!skb->len)
				tcp_eat_skb(sk, skb);
		}
		if (got < n)
			return copied ? (int)copied : -EFAULT;
		if (copied >= len)
			break;
	}
	return copied;
}

/*
 * recvmsg(2) and read(2) (tcp_prot.recvmsg).  Returns once something
 * was read (all of len with MSG_WAITALL), at the end of the stream (0),
 * or with an error: Linux's order of checks (tcp_recvmsg).
 */
int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags, int *addr_len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	long timeo = sk->sk_rcvtimeo;
	u32 peek_seq = tp->copied_seq;
	u32 *seq = (flags & MSG_PEEK) ? &peek_seq : &tp->copied_seq;
	size_t target = (flags & MSG_WAITALL) ? len : 1;
	size_t copied = 0;
	int err = 0;

	if (flags & MSG_OOB)
		return -EINVAL;		/* no urgent data */
	if (sk->sk_state == TCP_LISTEN)
		return -ENOTCONN;

	while (copied < len) {
		int n = tcp_copy_from_queue(sk, msg, len - copied, seq, flags);

		if (n < 0) {
			err = n;
			break;
		}
		copied += n;
		if (copied >= target)
			break;
		if (copied) {
			if (sk->sk_err || sk->sk_state == TCP_CLOSE ||
			    (sk->sk_shutdown & RCV_SHUTDOWN))
				break;
		} else {
			if (tp->done)
				break;		/* the peer's FIN: end of file */
			if (sk->sk_err) {
				err = tcp_sock_error(sk);
				break;
			}
			if (sk->sk_shutdown & RCV_SHUTDOWN)
				break;
			if (sk->sk_state == TCP_CLOSE) {
				err = -ENOTCONN;	/* never connected */
				break;
			}
		}
		if (flags & MSG_DONTWAIT) {
			err = -EAGAIN;
			break;
		}
		if (!(flags & MSG_PEEK))
			tcp_cleanup_rbuf(sk);
		tp->recv_wait_seq = tp->rcv_nxt;
		err = sk_wait_event(sk, &timeo, tcp_recv_ready);
		if (err)
			break;
	}
	if (!(flags & MSG_PEEK))
		tcp_cleanup_rbuf(sk);
	return copied ? (int)copied : err;
}

/* --- poll, ioctl, options ----------------------------------------------- */

/* Room for a write: a third of the buffer free, as Linux (sk_stream_is_writeable). */
static bool tcp_stream_is_writeable(const struct sock *sk)
{
	return sk->sk_sndbuf - sk->sk_wmem_queued >= sk->sk_wmem_queued / 2;
}

/* tcp_prot.poll: the events of the socket now, Linux's rules (tcp_poll). */
unsigned int tcp_poll(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int mask = 0;

	if (sk->sk_state == TCP_LISTEN)
		return list_empty(&tp->accept_queue) ? 0 : POLLIN | POLLRDNORM;

	if (sk->sk_shutdown == SHUTDOWN_MASK || sk->sk_state == TCP_CLOSE)
		mask |= POLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (tcp_handshake_over(sk)) {
		if (tcp_inq(tp) > 0)
			mask |= POLLIN | POLLRDNORM;
		if (sk->sk_shutdown & SEND_SHUTDOWN || tcp_stream_is_writeable(sk))
			mask |= POLLOUT | POLLWRNORM;
	}
	if (sk->sk_err)
		mask |= POLLERR;
	return mask;
}

/* tcp_prot.ioctl: FIONREAD (bytes to read), TIOCOUTQ (bytes not yet acknowledged). */
int tcp_ioctl(struct sock *sk, int cmd, unsigned long arg)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int val;

	switch (cmd) {
	case FIONREAD:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		val = tcp_inq(tp);
		break;
	case TIOCOUTQ:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		val = tp->write_seq - tp->snd_una;
		break;
	default:
		return -ENOTTY;
	}
	return put_user(val, (int __user *)arg);
}

/* SO_SNDBUF and SO_RCVBUF: Linux doubles the value (for its overhead). */
static int tcp_buf_size(int val, int limit, int floor)
{
	u32 v = min((u32)val, (u32)limit);

	return max((int)(v * 2), floor);
}

/* tcp_prot.setsockopt: SOL_SOCKET buffer sizes and keepalive, IPPROTO_TCP. */
int tcp_setsockopt(struct sock *sk, int level, int optname, char __user *optval,
		   unsigned int optlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int val;

	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_user(&val, optval, sizeof(val)))
		return -EFAULT;

	if (level == SOL_SOCKET) {
		switch (optname) {
		case SO_SNDBUF:
			sk->sk_sndbuf = tcp_buf_size(val, SYSCTL_WMEM_MAX, SOCK_MIN_SNDBUF);
			tp->sndbuf_locked = true;
			sk->sk_write_space(sk);
			return 0;
		case SO_RCVBUF:
			sk->sk_rcvbuf = tcp_buf_size(val, SYSCTL_RMEM_MAX, SOCK_MIN_RCVBUF);
			return 0;
		case SO_KEEPALIVE:
			sk->sk_keepalive = val != 0;
			tcp_set_keepalive(sk, val != 0);
			return 0;
		}
		return -ENOPROTOOPT;
	}
	if (level != IPPROTO_TCP)
		return -ENOPROTOOPT;

	switch (optname) {
	case TCP_NODELAY:
		tp->nodelay = val != 0;
		if (tp->nodelay)
			tcp_write_xmit(sk);	/* what Nagle held goes now */
		return 0;
	case TCP_MAXSEG:
		if (val && (val < (int)TCP_MIN_MSS || val > (int)TCP_MAX_USER_MSS))
			return -EINVAL;
		tp->user_mss = val;		/* used by the next handshake */
		return 0;
	case TCP_KEEPIDLE:
		if (val < 1 || val > TCP_MAX_KEEPIDLE)
			return -EINVAL;
		tp->keepalive_time = val;
		if (sk->sk_keepalive)
			tcp_set_keepalive(sk, true);
		return 0;
	case TCP_KEEPINTVL:
		if (val < 1 || val > TCP_MAX_KEEPIDLE)
			return -EINVAL;
		tp->keepalive_intvl = val;
		return 0;
	case TCP_KEEPCNT:
		if (val < 1 || val > TCP_MAX_KEEPCNT)
			return -EINVAL;
		tp->keepalive_probes = val;
		return 0;
	}
	return -ENOPROTOOPT;
}

/* tcp_prot.getsockopt: the same options. */
int tcp_getsockopt(struct sock *sk, int level, int optname, char __user *optval,
		   int __user *optlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int len, val;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	if (level == SOL_SOCKET) {
		switch (optname) {
		case SO_SNDBUF:
			val = sk->sk_sndbuf;
			break;
		case SO_RCVBUF:
			val = sk->sk_rcvbuf;
			break;
		case SO_KEEPALIVE:
			val = sk->sk_keepalive;
			break;
		default:
			return -ENOPROTOOPT;
		}
	} else if (level == IPPROTO_TCP) {
		switch (optname) {
		case TCP_NODELAY:
			val = tp->nodelay;
			break;
		case TCP_MAXSEG:
			val = tp->mss_cache;
			if (tp->user_mss &&
			    (TCPF(sk->sk_state) & (TCPF(TCP_CLOSE) | TCPF(TCP_LISTEN))))
				val = tp->user_mss;
			break;
		case TCP_KEEPIDLE:
			val = tp->keepalive_time;
			break;
		case TCP_KEEPINTVL:
			val = tp->keepalive_intvl;
			break;
		case TCP_KEEPCNT:
			val = tp->keepalive_probes;
			break;
		default:
			return -ENOPROTOOPT;
		}
	} else {
		return -ENOPROTOOPT;
	}
	len = min(len, (int)sizeof(int));
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}
