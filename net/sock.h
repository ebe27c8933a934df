#ifndef NET_SOCK_H
#define NET_SOCK_H

/*
 * The socket layers, as in Linux:
 *
 *   struct file --(private_data)--> struct socket  (BSD socket, fs side)
 *        f_op = socket_file_ops       ops = proto_ops (inet_stream_ops, ...)
 *                                     sk  --> struct sock (protocol side)
 *                                               sk_prot = proto (tcp_prot, udp_prot)
 *
 * struct socket lives in a socket_alloc together with its sockfs inode,
 * so SOCKET_I(inode) finds one from the other with container_of.
 * Linux: include/linux/net.h, include/net/sock.h.
 */
#include "kernel/types.h"
#include "kernel/wait.h"
#include "fs/fs.h"
#include "fs/uio.h"
#include "net/skbuff.h"

#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_INET		2
#define AF_INET6	10
#define PF_INET		AF_INET

#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_NONBLOCK	O_NONBLOCK
#define SOCK_CLOEXEC	O_CLOEXEC

#define IPPROTO_IP	0
#define IPPROTO_ICMP	1
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17

#define SOL_SOCKET	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_LINGER	13
#define SO_RCVTIMEO	20
#define SO_SNDTIMEO	21
#define SO_ACCEPTCONN	30
#define SO_PROTOCOL	38
#define SO_DOMAIN	39
#define TCP_NODELAY	1
#define TCP_MAXSEG	2

#define MSG_OOB		0x1
#define MSG_PEEK	0x2
#define MSG_DONTWAIT	0x40
#define MSG_TRUNC	0x20
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000

#define SOMAXCONN	4096	/* net.core.somaxconn */
#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2
#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2

typedef enum {
	SS_FREE = 0, SS_UNCONNECTED, SS_CONNECTING, SS_CONNECTED, SS_DISCONNECTING,
} socket_state;

struct sockaddr {
	unsigned short sa_family;
	char sa_data[14];
};

struct in_addr {
	u32 s_addr;			/* network order */
};

struct sockaddr_in {
	unsigned short sin_family;
	u16 sin_port;			/* network order */
	struct in_addr sin_addr;
	unsigned char sin_zero[8];
};

/* A message on its way down (sendmsg) or up (recvmsg). */
struct msghdr {
	void *msg_name;			/* kernel copy of the address */
	int msg_namelen;
	struct iov_iter msg_iter;
	unsigned int msg_flags;		/* MSG_* in, MSG_TRUNC out */
	void __user *msg_control;	/* ancillary data (recvmsg), or NULL */
	size_t msg_controllen;		/* in: room; out: bytes used */
};

/* Append one control message to msg (recvmsg's ancillary data). */
int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data);

struct sock;
struct socket;
struct poll_table_struct;

struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *addr, int addrlen);
	int (*connect)(struct socket *sock, struct sockaddr *addr, int addrlen, int flags);
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	int (*getname)(struct socket *sock, struct sockaddr *addr, int peer);
	unsigned int (*poll)(struct file *file, struct socket *sock,
			     struct poll_table_struct *wait);
	int (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);
	int (*setsockopt)(struct socket *sock, int level, int optname,
			  char __user *optval, unsigned int optlen);
	int (*getsockopt)(struct socket *sock, int level, int optname,
			  char __user *optval, int __user *optlen);
	int (*sendmsg)(struct socket *sock, struct msghdr *m, size_t len);
	int (*recvmsg)(struct socket *sock, struct msghdr *m, size_t len, int flags);
};

struct net_proto_family {
	int family;
	int (*create)(struct socket *sock, int protocol, int kern);
};

/* The transport protocol (tcp_prot, udp_prot): what a struct sock does. */
struct proto {
	const char *name;
	unsigned int obj_size;		/* sizeof(struct tcp_sock) etc. */
	int (*init)(struct sock *sk);
	void (*close)(struct sock *sk, long timeout);
	int (*connect)(struct sock *sk, struct sockaddr *addr, int addrlen);
	int (*disconnect)(struct sock *sk, int flags);
	struct sock *(*accept)(struct sock *sk, int flags, int *err);
	int (*ioctl)(struct sock *sk, int cmd, unsigned long arg);
	void (*shutdown)(struct sock *sk, int how);
	int (*setsockopt)(struct sock *sk, int level, int optname,
			  char __user *optval, unsigned int optlen);
	int (*getsockopt)(struct sock *sk, int level, int optname,
			  char __user *optval, int __user *optlen);
	int (*sendmsg)(struct sock *sk, struct msghdr *msg, size_t len);
	int (*recvmsg)(struct sock *sk, struct msghdr *msg, size_t len, int flags,
		       int *addr_len);
	int (*bind)(struct sock *sk, struct sockaddr *addr, int addrlen);
	int (*listen)(struct sock *sk, int backlog);
	unsigned int (*poll)(struct sock *sk);	/* POLL* mask of the protocol state */
	void (*destroy)(struct sock *sk);
};

struct sock {
	unsigned short sk_family;
	unsigned short sk_type;
	unsigned short sk_protocol;
	volatile unsigned char sk_state;	/* TCP_ESTABLISHED, ... (TCP's numbers) */
	unsigned char sk_shutdown;		/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	bool sk_reuse;				/* SO_REUSEADDR */
	bool sk_keepalive;			/* SO_KEEPALIVE */
	bool sk_broadcast;			/* SO_BROADCAST */
	bool sk_linger;				/* SO_LINGER on ... */
	int sk_lingertime;			/* ... for this many seconds */
	int sk_err;				/* pending error, for SO_ERROR and calls */
	int sk_rcvbuf, sk_sndbuf;		/* limits in bytes */
	int sk_rmem_alloc, sk_wmem_queued;	/* bytes held */
	long sk_rcvtimeo, sk_sndtimeo;		/* ns; 0 = forever */
	struct sk_buff_head sk_receive_queue;
	struct sk_buff_head sk_write_queue;
	struct proto *sk_prot;
	struct socket *sk_socket;		/* NULL once the file is closed */
	wait_queue_head_t sk_wq;		/* readers, writers, pollers, accept */
	int sk_refcnt;
	unsigned long sk_ino;			/* the socket inode, for /proc/net */
	struct list_head sk_node;		/* in the protocol's table */
	void (*sk_state_change)(struct sock *sk);
	void (*sk_data_ready)(struct sock *sk);
	void (*sk_write_space)(struct sock *sk);
	void (*sk_error_report)(struct sock *sk);
};

struct socket {
	socket_state state;
	short type;
	unsigned long flags;
	struct file *file;
	struct sock *sk;
	const struct proto_ops *ops;
};

struct socket_alloc {
	struct socket socket;
	struct inode vfs_inode;
};

#define SOCKET_I(inode)	(&container_of(inode, struct socket_alloc, vfs_inode)->socket)
#define SOCK_INODE(sock) (&container_of(sock, struct socket_alloc, socket)->vfs_inode)

/* net/socket.c */
extern const struct file_operations socket_file_ops;
struct socket *sock_alloc(void);
void sock_release(struct socket *sock);
struct socket *sock_from_file(struct file *file, int *err);
int sock_register(const struct net_proto_family *ops);
int sock_sendmsg(struct socket *sock, struct msghdr *msg);
int sock_recvmsg(struct socket *sock, struct msghdr *msg, int flags);

/* net/core sock.c */
struct sock *sk_alloc(int family, struct proto *prot);
void sock_init_data(struct socket *sock, struct sock *sk);
static inline void sock_hold(struct sock *sk) { sk->sk_refcnt++; }
void sock_put(struct sock *sk);
/* Wait until cond, a timeout (ns, 0 = none) or a signal; 0, -EAGAIN or -ERESTARTSYS. */
int sk_wait_event(struct sock *sk, long *timeo, bool (*cond)(struct sock *sk));
void sk_wake(struct sock *sk);

#endif
