#ifndef NET_TCP_H
#define NET_TCP_H

/*
 * TCP: the struct tcp_sock behind a SOCK_STREAM socket, and the calls
 * between the TCP files.  Linux: include/net/tcp.h, include/linux/tcp.h.
 *
 *   tcp.c          what the socket calls: sendmsg, recvmsg, close, shutdown,
 *                  poll, socket options; tcp_set_state, tcp_done; tcp_prot
 *   tcp_ipv4.c     tcp_v4_rcv (every segment starts here), connect, the
 *                  listener (SYN -> child socket -> accept), RST replies
 *   tcp_hash.c     the port, listening and connection tables
 *   tcp_input.c    a segment for a connection: the RFC 9293 checks in
 *                  order, ACK processing, RTT samples, reassembly, FIN
 *   tcp_cong.c     congestion control: slow start, congestion avoidance,
 *                  fast retransmit and recovery (RFC 5681, RFC 6582),
 *                  limited transmit (RFC 3042)
 *   tcp_output.c   building and sending segments, the send window, ACKs
 *                  (delayed, or each one in Linux's quickack mode)
 *   tcp_timer.c    retransmission, delayed ACK, zero-window probe,
 *                  keepalive and TIME-WAIT timers
 *   tcp_proc.c     /proc/net/tcp
 *   tcp_clock.c    tcp_clock_ns() (the unit tests bring their own clock)
 *
 * The kernel is not preemptible and all of this runs in process context
 * (a system call or the network bottom half), so there are no locks; no
 * function sleeps in the middle of a change of state.
 *
 * Not implemented: window scaling, timestamps and SACK (RFC 7323, 2018),
 * urgent data, a close() that waits for SO_LINGER's time (a zero time
 * resets, as Linux), path MTU discovery, ECN, SYN cookies.
 */
#include "kernel/types.h"
#include "kernel/timer.h"
#include "net/inet_sock.h"
#include "net/netdevice.h"
#include "net/netstack.h"

/* The states, with Linux's numbers (/proc/net/tcp prints them in hex). */
#ifndef TCP_ESTABLISHED
#define TCP_ESTABLISHED	1
#define TCP_SYN_SENT	2
#define TCP_SYN_RECV	3
#define TCP_FIN_WAIT1	4
#define TCP_FIN_WAIT2	5
#define TCP_TIME_WAIT	6
#define TCP_CLOSE	7
#define TCP_CLOSE_WAIT	8
#define TCP_LAST_ACK	9
#define TCP_LISTEN	10
#define TCP_CLOSING	11
#endif
#define TCPF(state)	(1U << (state))

#ifndef SHUTDOWN_MASK
#define SHUTDOWN_MASK	(RCV_SHUTDOWN | SEND_SHUTDOWN)
#endif

/* Socket options of level IPPROTO_TCP beyond net/sock.h's (Linux's values). */
#ifndef TCP_KEEPIDLE
#define TCP_KEEPIDLE	4
#define TCP_KEEPINTVL	5
#define TCP_KEEPCNT	6
#endif

#ifndef POLLRDHUP
#define POLLRDHUP	0x2000	/* the peer closed its half (Linux's value) */
#endif

/* The flags byte of the header (byte 13). */
#define TCPHDR_FIN	0x01
#define TCPHDR_SYN	0x02
#define TCPHDR_RST	0x04
#define TCPHDR_PSH	0x08
#define TCPHDR_ACK	0x10
#define TCPHDR_URG	0x20
#define tcp_flag_byte(th)	(((u8 *)(th))[13])

/* Options (RFC 9293 3.2). */
#define TCPOPT_EOL	0
#define TCPOPT_NOP	1
#define TCPOPT_MSS	2
#define TCPOLEN_MSS	4

/* Sizes. */
#define TCP_MSS_DEFAULT	536U	/* peer sent no MSS option (RFC 9293 3.7.1) */
#define TCP_MIN_MSS	88U	/* TCP_MAXSEG lower limit, as Linux */
#define TCP_MAX_USER_MSS 32767U	/* TCP_MAXSEG upper limit, as Linux */
#define TCP_MAX_WINDOW	65535U	/* without window scaling */
#define TCP_INIT_CWND	10U	/* segments (RFC 6928, as Linux) */
#define TCP_CWND_CLAMP	(16U << 20)	/* bytes: cwnd never grows past this */
#define TCP_RMEM_DEFAULT 131072	/* Linux's tcp_rmem[1] */
#define TCP_WMEM_DEFAULT 16384	/* Linux's tcp_wmem[1] */
#define TCP_WMEM_MAX	(4 << 20)	/* tcp_wmem[2]: send buffer growth limit */
#define SYSCTL_RMEM_MAX	212992	/* net.core.rmem_max: SO_RCVBUF limit */
#define SYSCTL_WMEM_MAX	212992	/* net.core.wmem_max: SO_SNDBUF limit */
#define SOCK_MIN_RCVBUF	2304
#define SOCK_MIN_SNDBUF	4608
#define TCP_SOMAXCONN	4096	/* listen() backlog limit */

/* Times, in ns of tcp_clock_ns(). */
#define TCP_TIMEOUT_INIT	(1UL * NSEC_PER_SEC)	/* RFC 6298 2.1 */
#define TCP_TIMEOUT_FALLBACK	(3UL * NSEC_PER_SEC)	/* RFC 6298 5.7 */
#define TCP_RTO_MIN		(200UL * NSEC_PER_MSEC)	/* Linux; RFC 6298 says 1 s */
#define TCP_RTO_MAX		(120UL * NSEC_PER_SEC)	/* RFC 6298 2.5 allows it */
#define TCP_CLOCK_GRANULARITY	(1UL * NSEC_PER_MSEC)	/* G of RFC 6298 2.2 */
#define TCP_MAX_QUICKACKS	16	/* Linux's quickack mode */
#define TCP_DELACK_MIN		(40UL * NSEC_PER_MSEC)	/* delayed ACK, as Linux */
#define TCP_TIMEWAIT_LEN	(60UL * NSEC_PER_SEC)	/* 2*MSL as Linux (RFC: 4 min) */
#define TCP_FIN_TIMEOUT		(60UL * NSEC_PER_SEC)	/* orphan in FIN-WAIT-2 */
#define TCP_KEEPALIVE_TIME	7200	/* s, RFC 1122 4.2.3.6 and Linux */
#define TCP_KEEPALIVE_INTVL	75	/* s */
#define TCP_KEEPALIVE_PROBES	9
#define TCP_MAX_KEEPIDLE	32767	/* s, TCP_KEEPIDLE/KEEPINTVL limit */
#define TCP_MAX_KEEPCNT		127

/* Give up after this many timeouts in a row (Linux's sysctl defaults). */
#define TCP_SYN_RETRIES		6
#define TCP_SYNACK_RETRIES	5
#define TCP_RETRIES2		15
#define TCP_ORPHAN_RETRIES	8

#define TCP_INFINITE_SSTHRESH	0x7fffffffU	/* "arbitrarily high" (RFC 5681 3.1) */
#define TCP_DUPACK_THRESH	3	/* RFC 5681 3.2 */
#define TCP_DUPACK_MAX		1000	/* the counter saturates here */

/* Sequence numbers wrap at 2^32: compare them as differences. */
static inline bool before(u32 seq1, u32 seq2)
{
	return (s32)(seq1 - seq2) < 0;
}
#define after(seq2, seq1)	before(seq1, seq2)

/* Is seq in [low, high]? */
static inline bool between(u32 seq, u32 low, u32 high)
{
	return high - low >= seq - low;
}

/*
 * What TCP keeps in skb->cb for a segment: its place in the sequence
 * space.  end_seq = seq + data length + 1 for a SYN + 1 for a FIN.
 */
struct tcp_skb_cb {
	u32 seq;
	u32 end_seq;
	u32 ack_seq;		/* input: the segment's ACK field */
	u16 window;		/* input: its window field (host order) */
	u8 tcp_flags;		/* TCPHDR_* */
	u8 sacked;		/* output: TCPCB_RETRANS */
	u16 mss;		/* input: its MSS option, 0 if none */
};
#define TCPCB_RETRANS	0x01	/* sent more than once: no RTT sample (Karn) */
#define TCP_SKB_CB(skb)	((struct tcp_skb_cb *)&(skb)->cb[0])

/* Congestion control states (Linux's tcp_ca_state). */
enum tcp_ca_state {
	TCP_CA_Open,		/* normal: slow start or congestion avoidance */
	TCP_CA_Recovery,	/* fast recovery after three duplicate ACKs */
	TCP_CA_Loss,		/* after a retransmission timeout */
};

struct tcp_sock {
	struct inet_sock inet;		/* first: a tcp_sock is a sock */

	/* Receive sequence variables (RFC 9293 3.3.1). */
	u32 irs;		/* the peer's initial sequence number */
	u32 rcv_nxt;		/* next sequence number expected */
	u32 rcv_wnd;		/* the window we advertised last ... */
	u32 rcv_wup;		/* ... when rcv_nxt was this */
	u32 copied_seq;		/* next byte the user will read */

	/* Send sequence variables. */
	u32 iss;		/* our initial sequence number */
	u32 snd_una;		/* oldest unacknowledged */
	u32 snd_nxt;		/* next to send (highest sent + 1) */
	u32 snd_wnd;		/* the peer's window */
	u32 snd_wl1, snd_wl2;	/* seq and ack of the last window update */
	u32 max_window;		/* the largest window the peer offered */
	u32 write_seq;		/* end of what the user queued (+ our FIN) */

	/* Segment sizes. */
	u16 advmss;		/* the MSS we announced */
	u16 rx_mss;		/* the MSS the peer announced (536 if none) */
	u16 mss_cache;		/* the size of the segments we send */
	u16 user_mss;		/* TCP_MAXSEG; 0 = not set */
	u16 rcv_mss;		/* the peer's segment size, for delayed ACKs */

	/* Round-trip time and retransmission timeout (RFC 6298), ns. */
	u64 srtt;		/* 0: no sample yet */
	u64 rttvar;
	u64 rto;		/* before backoff */
	u8 backoff;		/* the timer runs rto << backoff */
	u8 retransmits;		/* timeouts in a row */
	u8 probes_out;		/* zero-window or keepalive probes unanswered */
	bool syn_retransmitted;	/* for RFC 5681 3.1 and RFC 6298 5.7 */
	u32 total_retrans;

	/* Congestion control (RFC 5681, RFC 6582), bytes. */
	u32 snd_cwnd;
	u32 snd_ssthresh;
	u32 bytes_acked;	/* in congestion avoidance: toward one more MSS */
	u32 dup_acks;		/* duplicate ACKs in a row, saturating */
	u32 high_seq;		/* snd_nxt when loss was detected ("recover") */
	u32 retrans_next;	/* in CA_Loss: first segment not yet resent */
	u8 ca_state;		/* enum tcp_ca_state */

	/* Delayed ACKs. */
	bool ack_pending;	/* received data not acknowledged yet */
	bool ack_now;		/* ... and it must be acknowledged at once */
	u8 quick;		/* ACK each segment for this many ACKs more */

	/* Timers; their callbacks are in tcp_timer.c. */
	struct net_timer retransmit_timer;
	struct net_timer delack_timer;
	struct net_timer probe_timer;		/* zero-window probes */
	struct net_timer keepalive_timer;
	struct net_timer timewait_timer;	/* TIME-WAIT, orphan FIN-WAIT-2 */
	u64 rcv_tstamp;		/* when the last segment arrived */
	u32 keepalive_time;	/* s: TCP_KEEPIDLE */
	u32 keepalive_intvl;	/* s: TCP_KEEPINTVL */
	u8 keepalive_probes;	/* TCP_KEEPCNT */

	/* Segments that arrived ahead of rcv_nxt, sorted, not overlapping. */
	struct sk_buff_head out_of_order_queue;
	u32 rcv_truesize;	/* memory of both receive queues */

	/* Listening socket: children in SYN-RECEIVED, then ready for accept. */
	struct list_head syn_queue;
	struct list_head accept_queue;
	unsigned int syn_qlen, accept_qlen, max_ack_backlog;
	/* Child: the listener whose queue it is on (NULL once accepted). */
	struct tcp_sock *parent;
	struct list_head accept_node;
	bool in_accept_queue;	/* on accept_queue (else syn_queue) */

	/* The port table (tcp_hash.c). */
	struct list_head bind_node;
	bool bind_locked;	/* the user chose the port: keep it after CLOSE */
	bool hashed;		/* on the listening or connection list */

	bool nodelay;		/* TCP_NODELAY: no Nagle */
	bool sndbuf_locked;	/* SO_SNDBUF set: do not grow the send buffer */
	int sndbuf_auto;	/* the size we gave it, while not locked */
	bool dead;		/* orphan: no file, free when the connection ends */
	bool done;		/* the peer's FIN was received (Linux SOCK_DONE) */
	bool connecting;	/* connect() started and not yet reported */
	u32 recv_wait_seq;	/* rcv_nxt when a reader went to sleep */
};

static inline struct tcp_sock *tcp_sk(const struct sock *sk)
{
	return (struct tcp_sock *)sk;
}

static inline struct sock *tcp_to_sk(struct tcp_sock *tp)
{
	return &tp->inet.sk;
}

/* How much of the window we advertised is still open. */
static inline u32 tcp_receive_window(const struct tcp_sock *tp)
{
	s32 win = tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt;

	return win < 0 ? 0 : win;
}

/* Bytes unread by the user (the peer's FIN is not data). */
static inline u32 tcp_inq(const struct tcp_sock *tp)
{
	return tp->rcv_nxt - tp->copied_seq - (tp->done ? 1 : 0);
}

/* Bytes on the wire, not yet acknowledged ("FlightSize" of RFC 5681). */
static inline u32 tcp_packets_in_flight(const struct tcp_sock *tp)
{
	/* After a timeout everything unacknowledged counts as lost, except
	 * what was sent again since then and new data sent after it. */
	if (tp->ca_state == TCP_CA_Loss)
		return (tp->retrans_next - tp->snd_una) + (tp->snd_nxt - tp->high_seq);
	return tp->snd_nxt - tp->snd_una;
}

/* The retransmission timeout with its exponential backoff (RFC 6298 5.5). */
static inline u64 tcp_current_rto(const struct tcp_sock *tp)
{
	u64 rto = tp->rto << tp->backoff;

	return rto > TCP_RTO_MAX || tp->backoff >= 32 ? TCP_RTO_MAX : rto;
}

/* The clock of all TCP timers: ktime_get_ns() in the kernel. */
u64 tcp_clock_ns(void);

extern struct proto tcp_prot;

/* tcp.c: tcp_prot's methods, and the changes of state */
int tcp_init_sock(struct sock *sk);
void tcp_v4_destroy_sock(struct sock *sk);
void tcp_close(struct sock *sk, long timeout);
void tcp_shutdown(struct sock *sk, int how);
int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t size);
int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags, int *addr_len);
unsigned int tcp_poll(struct sock *sk);
int tcp_ioctl(struct sock *sk, int cmd, unsigned long arg);
int tcp_setsockopt(struct sock *sk, int level, int optname, char __user *optval,
		   unsigned int optlen);
int tcp_getsockopt(struct sock *sk, int level, int optname, char __user *optval,
		   int __user *optlen);
void tcp_set_state(struct sock *sk, int state);
void tcp_done(struct sock *sk);
void tcp_init_transfer(struct sock *sk);
void tcp_sndbuf_expand(struct sock *sk);
int tcp_disconnect(struct sock *sk, int flags);
void tcp_unlink_child(struct sock *child);

/* tcp_ipv4.c */
int tcp_v4_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len);
int tcp_sock_error(struct sock *sk);
struct sock *inet_csk_accept(struct sock *sk, int flags, int *err);
int tcp_v4_listen(struct sock *sk, int backlog);
void inet_csk_listen_stop(struct sock *sk);
void tcp_v4_send_reset(struct sock *sk, struct sk_buff *skb);
bool tcp_child_ready(struct sock *child);
u32 tcp_v4_init_seq(u32 saddr, u32 daddr, u16 sport, u16 dport);
void tcp_parse_options(struct sk_buff *skb);

/* tcp_hash.c */
int tcp_v4_get_port(struct sock *sk, u16 port);
void tcp_put_port(struct sock *sk);
void tcp_inherit_port(struct sock *child, struct sock *parent);
int tcp_v4_bind(struct sock *sk, struct sockaddr *uaddr, int addr_len);
bool tcp_bind_conflict(struct sock *sk, u16 port);
void tcp_hash_listen(struct sock *sk);
void tcp_hash_connection(struct sock *sk);
void tcp_unhash(struct sock *sk);
struct sock *tcp_lookup_established(u32 saddr, u16 sport, u32 daddr, u16 dport);
struct sock *tcp_lookup_listener(u32 daddr, u16 dport);
/* Every socket of the tables: listeners first, as /proc/net/tcp shows them. */
void tcp_for_each_sock(void (*fn)(struct sock *sk, void *arg), void *arg);

/* tcp_input.c */
void tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb);
void tcp_rcv_established(struct sock *sk, struct sk_buff *skb);
#define TCP_TW_SYN	1	/* tcp_timewait_state_process: give skb to the listener */
int tcp_timewait_state_process(struct sock *sk, struct sk_buff *skb);
void tcp_reset(struct sock *sk);
void tcp_eat_skb(struct sock *sk, struct sk_buff *skb);
void tcp_purge_ofo(struct sock *sk);
void tcp_purge_receive_queue(struct sock *sk);

/* tcp_cong.c */
void tcp_init_cwnd(struct tcp_sock *tp);
void tcp_cong_avoid(struct tcp_sock *tp, u32 acked);
void tcp_fastretrans_alert(struct sock *sk, bool dup_ack, u32 acked);
void tcp_enter_loss(struct sock *sk);
u32 tcp_cwnd_allowance(const struct tcp_sock *tp);
u32 tcp_loss_ssthresh(const struct tcp_sock *tp);

/* tcp_output.c */
struct sk_buff *tcp_stream_alloc_skb(unsigned int size);
int tcp_transmit_skb(struct sock *sk, struct sk_buff *skb, bool clone);
void tcp_write_xmit(struct sock *sk);
struct sk_buff *tcp_send_head(struct sock *sk);
int tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb);
void tcp_xmit_retransmit_queue(struct sock *sk);
void tcp_send_ack(struct sock *sk);
void tcp_send_delayed_ack(struct sock *sk);
void tcp_ack_snd_check(struct sock *sk);
void tcp_enter_quickack_mode(struct tcp_sock *tp);
int tcp_send_syn(struct sock *sk);
void tcp_send_fin(struct sock *sk);
void tcp_send_active_reset(struct sock *sk);
void tcp_xmit_probe_skb(struct sock *sk);
int tcp_write_wakeup(struct sock *sk);
u32 tcp_select_window(struct sock *sk);
u32 tcp_space(const struct sock *sk);
bool tcp_window_update_due(struct sock *sk);
void tcp_sync_mss(struct sock *sk);
void tcp_wmem_free_skb(struct sock *sk, struct sk_buff *skb);
void tcp_write_queue_purge(struct sock *sk);

/* tcp_timer.c */
void tcp_init_xmit_timers(struct sock *sk);
void tcp_clear_xmit_timers(struct sock *sk);
void tcp_rearm_rto(struct sock *sk);
void tcp_reset_xmit_timer(struct sock *sk);
void tcp_check_probe_timer(struct sock *sk);
void tcp_reset_keepalive_timer(struct sock *sk, u64 delay);
void tcp_set_keepalive(struct sock *sk, bool on);
void tcp_time_wait(struct sock *sk);
void tcp_fin_wait2_timeout(struct sock *sk);
void tcp_write_err(struct sock *sk, int err);

/* tcp_proc.c: /proc/net/tcp into buf; returns its length (< size). */
size_t tcp_seq_show(char *buf, size_t size);

#endif
