/*
 * AF_INET: the address family's glue between struct socket and the
 * transport protocols.  inet_create picks the protocol for a new socket;
 * inet_stream_ops and inet_dgram_ops are the proto_ops that sockfs calls,
 * and they hand each call to sk->sk_prot (tcp_prot, udp_prot, ping_prot).
 * Linux: net/ipv4/af_inet.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/uaccess.h"
#include "fs/poll.h"
#include "net/arp.h"
#include "net/inet_sock.h"
#include "net/netstack.h"
#include "net/socket_syscalls.h"
#include "net/tcp.h"
#include "net/udp.h"

extern const struct proto_ops inet_stream_ops, inet_dgram_ops;
static int inet_create(struct socket *sock, int protocol, int kern)
{
	struct proto *prot;
	struct sock *sk;
	int err;

	switch (sock->type) {
	case SOCK_STREAM:
		if (protocol && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		prot = &tcp_prot;
		protocol = IPPROTO_TCP;
		sock->ops = &inet_stream_ops;
		break;
	case SOCK_DGRAM:
		if (protocol == IPPROTO_ICMP) {
			prot = &ping_prot;
		} else if (!protocol || protocol == IPPROTO_UDP) {
			prot = &udp_prot;
			protocol = IPPROTO_UDP;
		} else {
			return -EPROTONOSUPPORT;
		}
		sock->ops = &inet_dgram_ops;
		break;
	default:
		return -ESOCKTNOSUPPORT;	/* SOCK_RAW: not offered */
	}
	sk = sk_alloc(AF_INET, prot);
	if (!sk)
		return -ENOBUFS;
	sock_init_data(sock, sk);
	sk->sk_protocol = protocol;
	inet_sk(sk)->uc_ttl = 64;
	if (prot->init && (err = prot->init(sk))) {
		sock_put(sk);
		sock->sk = NULL;
		return err;
	}
	return 0;
}

/* The file is closed: the protocol finishes (or aborts) on its own. */
static int inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (sk) {
		sk->sk_socket = NULL;
		sock->sk = NULL;
		sk->sk_prot->close(sk, 0);
	}
	return 0;
}

static int check_addr(struct sockaddr *uaddr, int addrlen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;

	if (addrlen < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family != AF_INET && sin->sin_family != AF_UNSPEC)
		return -EAFNOSUPPORT;
	return 0;
}

static int inet_bind(struct socket *sock, struct sockaddr *uaddr, int addrlen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;
	int err = check_addr(uaddr, addrlen);

	if (err)
		return err;
	if (sin->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	if (sin->sin_addr.s_addr != INADDR_ANY && sin->sin_addr.s_addr != INADDR_BROADCAST &&
	    !ip_is_local(sin->sin_addr.s_addr))
		return -EADDRNOTAVAIL;
	return sock->sk->sk_prot->bind(sock->sk, uaddr, addrlen);
}

static int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addrlen,
			       int flags)
{
	int err = check_addr(uaddr, addrlen);

	if (err)
		return err;
	if (((struct sockaddr_in *)uaddr)->sin_family != AF_INET)
		return -EAFNOSUPPORT;
	err = sock->sk->sk_prot->connect(sock->sk, uaddr, addrlen);
	if (!err || err == -EINPROGRESS || err == -EALREADY)
		sock->state = SS_CONNECTING;
	if (!err)
		sock->state = SS_CONNECTED;
	return err;
}

static int inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr, int addrlen,
			      int flags)
{
	int err;

	if (addrlen < (int)sizeof(short))
		return -EINVAL;
	if (((struct sockaddr_in *)uaddr)->sin_family == AF_UNSPEC)
		return sock->sk->sk_prot->connect(sock->sk, uaddr, addrlen);
	err = check_addr(uaddr, addrlen);
	return err ? err : sock->sk->sk_prot->connect(sock->sk, uaddr, addrlen);
}

/* Graft an accepted struct sock onto the new socket (Linux: sock_graft). */
static int inet_accept(struct socket *sock, struct socket *newsock, int flags)
{
	int err = 0;
	struct sock *newsk = sock->sk->sk_prot->accept(sock->sk, flags, &err);

	if (!newsk)
		return err;
	newsk->sk_socket = newsock;
	newsk->sk_ino = SOCK_INODE(newsock)->i_ino;
	newsock->sk = newsk;
	newsock->state = SS_CONNECTED;
	return 0;
}

static int inet_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct inet_sock *inet = inet_sk(sock->sk);
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (peer) {
		/* Linux: no peer once a TCP connection is closed (or not yet open). */
		if (!inet->inet_dport ||
		    (sock->type == SOCK_STREAM &&
		     (sock->sk->sk_state == TCP_CLOSE || sock->sk->sk_state == TCP_SYN_SENT ||
		      sock->sk->sk_state == TCP_TIME_WAIT)))	/* Linux: closed by then */
			return -ENOTCONN;
		sin->sin_port = inet->inet_dport;
		sin->sin_addr.s_addr = inet->inet_daddr;
	} else {
		sin->sin_port = inet->inet_sport;
		sin->sin_addr.s_addr = inet->inet_rcv_saddr ? inet->inet_rcv_saddr : inet->inet_saddr;
	}
	return sizeof(*sin);
}

static unsigned int inet_poll(struct file *file, struct socket *sock,
			      struct poll_table_struct *wait)
{
	struct sock *sk = sock->sk;

	poll_wait(file, &sk->sk_wq, wait);
	return sk->sk_prot->poll(sk);
}

#define FIONREAD	0x541b

static int inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sock *sk = sock->sk;

	if (sk->sk_prot->ioctl)
		return sk->sk_prot->ioctl(sk, cmd, arg);
	if (cmd == FIONREAD) {		/* datagrams: the size of the next one */
		struct sk_buff *skb = skb_peek(&sk->sk_receive_queue);
		int n = skb ? (int)skb->len : 0;

		return put_user(n, (int __user *)arg);
	}
	return -ENOTTY;
}

static int inet_listen(struct socket *sock, int backlog)
{
	if (sock->type != SOCK_STREAM)
		return -EOPNOTSUPP;
	return sock->sk->sk_prot->listen(sock->sk, backlog);
}

static int inet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	if (sock->type == SOCK_STREAM && sock->state != SS_CONNECTED &&
	    sk->sk_state != TCP_LISTEN && !inet_sk(sk)->inet_dport)
		return -ENOTCONN;
	sk->sk_prot->shutdown(sk, how + 1);	/* SHUT_RD=0 -> RCV_SHUTDOWN=1 ... */
	return 0;
}

#define IP_TTL		2
#define IP_RECVTTL	12

/* SOL_IP options (Linux: net/ipv4/ip_sockglue.c), the few ping needs. */
static int ip_setsockopt(struct sock *sk, int optname, char __user *optval,
			 unsigned int optlen)
{
	int val;

	if (optlen < sizeof(int))
		return -EINVAL;
	if (get_user(val, (int __user *)optval))
		return -EFAULT;
	switch (optname) {
	case IP_RECVTTL:
		inet_sk(sk)->recvttl = val != 0;
		return 0;
	case IP_TTL:
		if (val < -1 || val > 255 || val == 0)
			return -EINVAL;
		inet_sk(sk)->uc_ttl = val == -1 ? 64 : val;
		return 0;
	}
	return -ENOPROTOOPT;
}

static int inet_setsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;

	if (level == IPPROTO_IP)
		return ip_setsockopt(sk, optname, optval, optlen);
	return sk->sk_prot->setsockopt ?
	       sk->sk_prot->setsockopt(sk, level, optname, optval, optlen) : -ENOPROTOOPT;
}

static int inet_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;

	return sk->sk_prot->getsockopt ?
	       sk->sk_prot->getsockopt(sk, level, optname, optval, optlen) : -ENOPROTOOPT;
}

static int inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	return sock->sk->sk_prot->sendmsg(sock->sk, msg, size);
}

static int inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	int addr_len = 0;
	int err = sock->sk->sk_prot->recvmsg(sock->sk, msg, size, flags, &addr_len);

	if (err >= 0 && msg->msg_name)
		msg->msg_namelen = addr_len;
	return err;
}

const struct proto_ops inet_stream_ops = {
	.family = PF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_stream_connect,
	.accept = inet_accept,
	.getname = inet_getname,
	.poll = inet_poll,
	.ioctl = inet_ioctl,
	.listen = inet_listen,
	.shutdown = inet_shutdown,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
};

/* Datagram sockets have no connections to accept (Linux: sock_no_accept). */
static int sock_no_accept(struct socket *sock, struct socket *newsock, int flags)
{
	return -EOPNOTSUPP;
}

const struct proto_ops inet_dgram_ops = {
	.family = PF_INET,
	.release = inet_release,
	.bind = inet_bind,
	.connect = inet_dgram_connect,
	.accept = sock_no_accept,
	.getname = inet_getname,
	.poll = inet_poll,
	.ioctl = inet_ioctl,
	.listen = inet_listen,
	.shutdown = inet_shutdown,
	.setsockopt = inet_setsockopt,
	.getsockopt = inet_getsockopt,
	.sendmsg = inet_sendmsg,
	.recvmsg = inet_recvmsg,
};

static const struct net_proto_family inet_family_ops = {
	.family = PF_INET,
	.create = inet_create,
};

void loopback_init(void);

void inet_init(void)
{
	sock_register(&inet_family_ops);
	net_dev_init();
	arp_init();
}
