/*
 * What every protocol's struct sock shares: allocation, reference
 * counting, waking sleepers and sleeping with a timeout.
 * Linux: net/core/sock.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/timer.h"
#include "kernel/mm/slab.h"
#include "kernel/uaccess.h"
#include "net/sock.h"
#include "net/socket_syscalls.h"

#define SK_BUF_DEFAULT	(212992)	/* net.core.[rw]mem_default */

struct sock *sk_alloc(int family, struct proto *prot)
{
	struct sock *sk = kzalloc(prot->obj_size, GFP_KERNEL);

	if (!sk)
		return NULL;
	sk->sk_family = family;
	sk->sk_prot = prot;
	sk->sk_refcnt = 1;
	sk->sk_rcvbuf = SK_BUF_DEFAULT;
	sk->sk_sndbuf = SK_BUF_DEFAULT;
	skb_queue_head_init(&sk->sk_receive_queue);
	skb_queue_head_init(&sk->sk_write_queue);
	init_waitqueue_head(&sk->sk_wq);
	INIT_LIST_HEAD(&sk->sk_node);
	return sk;
}

void sk_wake(struct sock *sk)
{
	wake_up(&sk->sk_wq);
}

static void sk_wake_cb(struct sock *sk)
{
	sk_wake(sk);
}

void sock_init_data(struct socket *sock, struct sock *sk)
{
	sk->sk_socket = sock;
	sk->sk_type = sock ? sock->type : 0;
	sk->sk_state_change = sk_wake_cb;
	sk->sk_data_ready = sk_wake_cb;
	sk->sk_write_space = sk_wake_cb;
	sk->sk_error_report = sk_wake_cb;
	if (sock) {
		sock->sk = sk;
		sk->sk_ino = SOCK_INODE(sock)->i_ino;
	}
}

void sock_put(struct sock *sk)
{
	if (--sk->sk_refcnt > 0)
		return;
	if (sk->sk_prot->destroy)
		sk->sk_prot->destroy(sk);
	skb_queue_purge(&sk->sk_receive_queue);
	skb_queue_purge(&sk->sk_write_queue);
	kfree(sk);
}

/*
 * Sleep until cond(sk) holds.  *timeo is the time left in ns (0 means no
 * limit, as SO_RCVTIMEO 0 does) and is updated.  Returns 0 when cond
 * holds, -EAGAIN when the time is up, -ERESTARTSYS on a signal.
 */
int sk_wait_event(struct sock *sk, long *timeo, bool (*cond)(struct sock *sk))
{
	u64 deadline = *timeo ? ktime_get_ns() + *timeo : 0;
	struct wait_queue_entry wait = { NULL, { NULL, NULL } };
	int err = 0;

	for (;;) {
		prepare_to_wait(&sk->sk_wq, &wait, TASK_INTERRUPTIBLE);
		if (cond(sk))
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		if (deadline) {
			u64 now = ktime_get_ns();

			if (now >= deadline) {
				err = -EAGAIN;
				break;
			}
			schedule_timeout(deadline - now);
		} else {
			schedule();
		}
	}
	finish_wait(&sk->sk_wq, &wait);
	if (deadline) {
		u64 now = ktime_get_ns();

		*timeo = now >= deadline ? 1 : (long)(deadline - now);	/* 1: nearly out */
	}
	return err;
}

/* --- SOL_SOCKET options every socket has (Linux: sock_setsockopt) --- */

struct timeval_k {
	long tv_sec, tv_usec;
};

static int set_timeout(long *timeo, char __user *optval, int optlen)
{
	struct timeval_k tv;

	if (optlen < (int)sizeof(tv))
		return -EINVAL;
	if (copy_from_user(&tv, optval, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	*timeo = tv.tv_sec < 0 ? 0 : tv.tv_sec * NSEC_PER_SEC + tv.tv_usec * 1000;
	return 0;
}

int sock_setsockopt(struct socket *sock, int optname, char __user *optval, int optlen)
{
	struct sock *sk = sock->sk;
	int val;

	if (optname == SO_LINGER) {
		struct { int l_onoff, l_linger; } lg;

		if (optlen < (int)sizeof(lg))
			return -EINVAL;
		if (copy_from_user(&lg, optval, sizeof(lg)))
			return -EFAULT;
		sk->sk_linger = lg.l_onoff != 0;
		sk->sk_lingertime = lg.l_linger < 0 ? 0 : lg.l_linger;
		return 0;
	}
	if (optname == SO_RCVTIMEO)
		return set_timeout(&sk->sk_rcvtimeo, optval, optlen);
	if (optname == SO_SNDTIMEO)
		return set_timeout(&sk->sk_sndtimeo, optval, optlen);
	if (optlen < (int)sizeof(int))
		return -EINVAL;
	if (get_user(val, (int __user *)optval))
		return -EFAULT;
	switch (optname) {
	case SO_REUSEADDR:
		sk->sk_reuse = val != 0;
		return 0;
	case SO_KEEPALIVE:
		sk->sk_keepalive = val != 0;
		break;		/* TCP arms its timer too */
	case SO_SNDBUF:
	case SO_RCVBUF:
		/* Linux caps at net.core.[wr]mem_max and doubles for bookkeeping. */
		val = min(max(val, 0), SK_BUF_DEFAULT);
		if (optname == SO_SNDBUF)
			sk->sk_sndbuf = max(val * 2, 4608);
		else
			sk->sk_rcvbuf = max(val * 2, 2304);
		break;		/* TCP adjusts its windows too */
	case SO_BROADCAST:
		sk->sk_broadcast = val != 0;
		return 0;
	default:
		break;
	}
	if (sk->sk_prot->setsockopt)
		return sk->sk_prot->setsockopt(sk, SOL_SOCKET, optname, optval, optlen);
	return optname == SO_KEEPALIVE || optname == SO_SNDBUF || optname == SO_RCVBUF ?
	       0 : -ENOPROTOOPT;
}

int sock_getsockopt(struct socket *sock, int optname, char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct timeval_k tv;
	int len, val;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case SO_REUSEADDR: val = sk->sk_reuse; break;
	case SO_KEEPALIVE: val = sk->sk_keepalive; break;
	case SO_BROADCAST: val = sk->sk_broadcast; break;
	case SO_LINGER: {
		struct { int l_onoff, l_linger; } lg = { sk->sk_linger, sk->sk_lingertime };

		len = min(len, (int)sizeof(lg));
		if (copy_to_user(optval, &lg, len))
			return -EFAULT;
		return put_user(len, optlen);
	}
	case SO_TYPE: val = sock->type; break;
	case SO_PROTOCOL: val = sk->sk_protocol; break;
	case SO_DOMAIN: val = sk->sk_family; break;
	case SO_ERROR:
		val = sk->sk_err;
		sk->sk_err = 0;		/* reading it clears it */
		break;
	case SO_SNDBUF: val = sk->sk_sndbuf; break;
	case SO_RCVBUF: val = sk->sk_rcvbuf; break;
	case SO_ACCEPTCONN: val = sk->sk_state == 10; break;	/* TCP_LISTEN's number */
	case SO_RCVTIMEO:
	case SO_SNDTIMEO: {
		long t = optname == SO_RCVTIMEO ? sk->sk_rcvtimeo : sk->sk_sndtimeo;

		tv.tv_sec = t / NSEC_PER_SEC;
		tv.tv_usec = t % NSEC_PER_SEC / 1000;
		len = min(len, (int)sizeof(tv));
		if (copy_to_user(optval, &tv, len))
			return -EFAULT;
		return put_user(len, optlen);
	}
	default:
		if (sk->sk_prot->getsockopt)
			return sk->sk_prot->getsockopt(sk, SOL_SOCKET, optname, optval, optlen);
		return -ENOPROTOOPT;
	}
	len = min(len, (int)sizeof(val));
	if (copy_to_user(optval, &val, len))
		return -EFAULT;
	return put_user(len, optlen);
}
