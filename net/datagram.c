/*
 * The receive side every datagram socket shares.
 * Linux: net/core/datagram.c (skb_recv_datagram), net/ipv4/udp.c (udp_recvmsg).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "fs/poll.h"
#include "kernel/uaccess.h"
#include "net/udp.h"

void dgram_queue(struct sock *sk, struct sk_buff *skb, u32 saddr, u16 sport)
{
	if (sk->sk_rmem_alloc + (int)skb->len > sk->sk_rcvbuf) {
		kfree_skb(skb);		/* full: UDP drops, as Linux (RcvbufErrors) */
		return;
	}
	UDP_SKB_CB(skb)->saddr = saddr;
	UDP_SKB_CB(skb)->sport = sport;
	UDP_SKB_CB(skb)->ttl = skb->network_header ?
			       ((struct iphdr *)skb->network_header)->ttl : 0;
	sk->sk_rmem_alloc += skb->len;
	skb->sk = sk;
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
}

static bool dgram_readable(struct sock *sk)
{
	return !skb_queue_empty(&sk->sk_receive_queue) || sk->sk_err ||
	       (sk->sk_shutdown & RCV_SHUTDOWN);
}

int dgram_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags, int *addr_len)
{
	long timeo = sk->sk_rcvtimeo;
	struct sk_buff *skb;
	size_t copied;
	int err;

	while (skb_queue_empty(&sk->sk_receive_queue)) {
		if (sk->sk_err) {
			err = -sk->sk_err;
			sk->sk_err = 0;
			return err;
		}
		if (sk->sk_shutdown & RCV_SHUTDOWN)
			return 0;
		if (flags & MSG_DONTWAIT)
			return -EAGAIN;
		err = sk_wait_event(sk, &timeo, dgram_readable);
		if (err)
			return err;
	}
	skb = skb_peek(&sk->sk_receive_queue);
	copied = min(len, (size_t)skb->len);
	if (copy_to_iter(skb->data, copied, &msg->msg_iter) != copied)
		return -EFAULT;
	if (copied < skb->len)
		msg->msg_flags |= MSG_TRUNC;	/* the rest of the datagram is lost */
	if (msg->msg_name) {
		struct sockaddr_in *sin = msg->msg_name;

		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = UDP_SKB_CB(skb)->saddr;
		sin->sin_port = UDP_SKB_CB(skb)->sport;
		*addr_len = sizeof(*sin);
	}
	if (inet_sk(sk)->recvttl) {
		int ttl = UDP_SKB_CB(skb)->ttl;

		put_cmsg(msg, IPPROTO_IP, 2 /* IP_TTL */, sizeof(ttl), &ttl);
	}
	if (flags & MSG_TRUNC)
		copied = skb->len;	/* the caller asked for the real length */
	if (!(flags & MSG_PEEK)) {
		skb_unlink(skb, &sk->sk_receive_queue);
		sk->sk_rmem_alloc -= skb->len;
		kfree_skb(skb);
	}
	return copied;
}

unsigned int dgram_poll(struct sock *sk)
{
	unsigned int mask = POLLOUT | POLLWRNORM;

	/* An error alone is POLLERR, not POLLIN (Linux's datagram_poll). */
	if (!skb_queue_empty(&sk->sk_receive_queue) || (sk->sk_shutdown & RCV_SHUTDOWN))
		mask |= POLLIN | POLLRDNORM;
	if (sk->sk_err)
		mask |= POLLERR;
	return mask;
}

/* struct cmsghdr of the x86_64 ABI, and CMSG_ALIGN to 8 bytes. */
struct cmsghdr {
	size_t cmsg_len;
	int cmsg_level;
	int cmsg_type;
};

int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data)
{
	struct cmsghdr h = { sizeof(h) + len, level, type };
	size_t space = (h.cmsg_len + 7) & ~7UL;

	if (!msg->msg_control || msg->msg_controllen < h.cmsg_len) {
		msg->msg_flags |= 0x8;		/* MSG_CTRUNC */
		return 0;
	}
	if (copy_to_user(msg->msg_control, &h, sizeof(h)) ||
	    copy_to_user((char __user *)msg->msg_control + sizeof(h), data, len))
		return -EFAULT;
	space = min(space, msg->msg_controllen);
	msg->msg_control = (char __user *)msg->msg_control + space;
	msg->msg_controllen -= space;
	return 0;
}
