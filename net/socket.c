/*
 * sockfs and the socket system calls: a socket is a file.  socket()
 * makes a struct socket together with its sockfs inode (socket_alloc),
 * lets the address family fill in the protocol side (inet_create), and
 * gives it a descriptor:
 *
 *   sys_socket -> sock_create -> sock_alloc (sockfs inode)
 *     -> pf->create = inet_create -> sock_map_fd
 *     -> get_unused_fd_flags + sock_alloc_file + fd_install
 *
 * read() and write() on that descriptor go through vfs_read/vfs_write
 * to socket_file_ops, then to the protocol:
 *
 *   sys_write -> vfs_write -> sock_write_iter -> sock_sendmsg
 *     -> sock->ops->sendmsg = inet_sendmsg -> sk->sk_prot->sendmsg
 *
 * Linux: net/socket.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/poll.h"
#include "fs/syscalls.h"
#include "net/sock.h"
#include "net/socket_syscalls.h"

#define SOCKFS_MAGIC	0x534f434b
#define NPROTO		16

static const struct net_proto_family *net_families[NPROTO];
static struct super_block sockfs_sb = {
	.s_blocksize = PAGE_SIZE,
	.s_magic = SOCKFS_MAGIC,
	.s_inodes = LIST_HEAD_INIT(sockfs_sb.s_inodes),
	.s_dev = 8,			/* an anonymous device number */
};

int sock_register(const struct net_proto_family *ops)
{
	if (ops->family < 0 || ops->family >= NPROTO)
		return -ENOBUFS;
	net_families[ops->family] = ops;
	return 0;
}

/* A socket and its inode in one allocation (Linux: sock_alloc_inode). */
struct socket *sock_alloc(void)
{
	static unsigned long next_ino = 1000;
	struct socket_alloc *ei = kzalloc(sizeof(*ei), GFP_KERNEL);
	struct inode *inode;

	if (!ei)
		return NULL;
	inode = &ei->vfs_inode;
	inode->i_sb = &sockfs_sb;
	inode->i_count = 1;
	inode->i_ino = next_ino++;
	inode->i_mode = S_IFSOCK | 0777;
	inode->i_nlink = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	INIT_LIST_HEAD(&inode->i_sb_list);
	ei->socket.state = SS_UNCONNECTED;
	return &ei->socket;
}

/* Let the protocol go, then free socket and inode together. */
void sock_release(struct socket *sock)
{
	if (sock->ops) {
		sock->ops->release(sock);
		sock->ops = NULL;
	}
	kfree(container_of(sock, struct socket_alloc, socket));
}

struct socket *sock_from_file(struct file *file, int *err)
{
	if (file->f_op == &socket_file_ops)
		return file->private_data;
	*err = -ENOTSOCK;
	return NULL;
}

int sock_create(int family, int type, int protocol, struct socket **res)
{
	const struct net_proto_family *pf;
	struct socket *sock;
	int err;

	if (family < 0 || family >= NPROTO)
		return -EAFNOSUPPORT;
	if (type < 0 || type > SOCK_RAW)
		return -EINVAL;
	pf = net_families[family];
	if (!pf)
		return -EAFNOSUPPORT;
	sock = sock_alloc();
	if (!sock)
		return -ENFILE;
	sock->type = type;
	err = pf->create(sock, protocol, 0);
	if (err) {
		sock->ops = NULL;	/* nothing to release on the protocol side */
		sock_release(sock);
		return err;
	}
	*res = sock;
	return 0;
}

/* A file for the socket; consumes nothing on failure. */
struct file *sock_alloc_file(struct socket *sock, int flags)
{
	struct file *file = alloc_file(SOCK_INODE(sock), O_RDWR | (flags & O_NONBLOCK),
				       &socket_file_ops);

	if (!file)
		return ERR_PTR(-ENFILE);
	SOCK_INODE(sock)->i_count++;	/* the file's reference; the socket keeps its own */
	sock->file = file;
	file->private_data = sock;
	return file;
}

int sock_map_fd(struct socket *sock, int flags)
{
	struct file *newfile;
	int fd = get_unused_fd_flags(flags);

	if (fd < 0) {
		sock_release(sock);
		return fd;
	}
	newfile = sock_alloc_file(sock, flags);
	if (IS_ERR(newfile)) {
		put_unused_fd(fd);
		sock_release(sock);
		return PTR_ERR(newfile);
	}
	fd_install(fd, newfile);
	return fd;
}

/* --- socket_file_ops ------------------------------------------------ */

int sock_sendmsg(struct socket *sock, struct msghdr *msg)
{
	return sock->ops->sendmsg(sock, msg, iov_iter_count(&msg->msg_iter));
}

int sock_recvmsg(struct socket *sock, struct msghdr *msg, int flags)
{
	return sock->ops->recvmsg(sock, msg, iov_iter_count(&msg->msg_iter), flags);
}

static ssize_t sock_read_iter(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct socket *sock = file->private_data;
	struct msghdr msg = { .msg_iter = *to };
	ssize_t res;

	if (file->f_flags & O_NONBLOCK)
		msg.msg_flags = MSG_DONTWAIT;
	if (!iov_iter_count(to))
		return 0;
	res = sock_recvmsg(sock, &msg, msg.msg_flags);
	*to = msg.msg_iter;
	return res;
}

static ssize_t sock_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct socket *sock = file->private_data;
	struct msghdr msg = { .msg_iter = *from };
	ssize_t res;

	if (file->f_flags & O_NONBLOCK)
		msg.msg_flags = MSG_DONTWAIT;
	res = sock_sendmsg(sock, &msg);
	*from = msg.msg_iter;
	return res;
}

static unsigned int sock_poll(struct file *file, struct poll_table_struct *wait)
{
	struct socket *sock = file->private_data;

	return sock->ops->poll(file, sock, wait);
}

static long sock_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = file->private_data;

	if (is_netdev_ioctl(cmd))
		return dev_ioctl(cmd, (void __user *)arg);
	return sock->ops->ioctl ? sock->ops->ioctl(sock, cmd, arg) : -ENOTTY;
}

/* The last close of the file: the protocol winds the connection down. */
static int sock_close(struct inode *inode, struct file *file)
{
	struct socket *sock = file->private_data;

	sock->file = NULL;
	sock_release(sock);
	return 0;
}

const struct file_operations socket_file_ops = {
	.read_iter = sock_read_iter,
	.write_iter = sock_write_iter,
	.poll = sock_poll,
	.unlocked_ioctl = sock_ioctl,
	.release = sock_close,
};

/* The socket behind descriptor fd, holding a reference to its file. */
static struct socket *sockfd_lookup(int fd, int *err, struct file **filep)
{
	struct file *file = fget(fd);
	struct socket *sock;

	if (!file) {
		*err = -EBADF;
		return NULL;
	}
	sock = sock_from_file(file, err);
	if (!sock) {
		fput(file);
		return NULL;
	}
	*filep = file;
	return sock;
}

/* --- the system calls ---------------------------------------------- */

long sys_socket(int family, int type, int protocol)
{
	int flags = type & (SOCK_CLOEXEC | SOCK_NONBLOCK);
	struct socket *sock;
	int err;

	type &= ~(SOCK_CLOEXEC | SOCK_NONBLOCK);
	err = sock_create(family, type, protocol, &sock);
	if (err)
		return err;
	return sock_map_fd(sock, flags);
}

long sys_socketpair(int family, int type, int protocol, int __user *usockvec)
{
	if (family == AF_INET)
		return -EOPNOTSUPP;
	return -EAFNOSUPPORT;	/* AF_UNIX: not in this kernel */
}

static int move_addr_to_kernel(void __user *uaddr, int ulen, struct sockaddr_in *kaddr)
{
	if (ulen < 0 || ulen > (int)sizeof(struct sockaddr_in) * 8)
		return -EINVAL;
	memset(kaddr, 0, sizeof(*kaddr));
	if (ulen == 0)
		return 0;
	if (copy_from_user(kaddr, uaddr, min((size_t)ulen, sizeof(*kaddr))))
		return -EFAULT;
	return 0;
}

/* Copy an address out, truncated to the user's buffer; *ulen gets the full length. */
static int move_addr_to_user(struct sockaddr_in *kaddr, int klen, void __user *uaddr,
			     int __user *ulen)
{
	int len;

	if (get_user(len, ulen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (len > klen)
		len = klen;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen);
}

long sys_bind(int fd, struct sockaddr __user *umyaddr, int addrlen)
{
	struct sockaddr_in addr;
	struct file *file;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	err = move_addr_to_kernel(umyaddr, addrlen, &addr);
	if (!err)
		err = sock->ops->bind(sock, (struct sockaddr *)&addr, addrlen);
	fput(file);
	return err;
}

long sys_listen(int fd, int backlog)
{
	struct file *file;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	if (backlog > SOMAXCONN || backlog < 0)
		backlog = SOMAXCONN;
	err = sock->ops->listen ? sock->ops->listen(sock, backlog) : -EOPNOTSUPP;
	fput(file);
	return err;
}

long sys_accept4(int fd, struct sockaddr __user *upeer, int __user *upeer_len, int flags)
{
	struct socket *sock, *newsock;
	struct file *file, *newfile;
	struct sockaddr_in addr;
	int err, newfd;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	err = -ENFILE;
	newsock = sock_alloc();
	if (!newsock)
		goto out;
	newsock->type = sock->type;
	newsock->ops = sock->ops;
	newfd = get_unused_fd_flags(flags);
	if (newfd < 0) {
		err = newfd;
		newsock->ops = NULL;
		sock_release(newsock);
		goto out;
	}
	err = sock->ops->accept(sock, newsock, file->f_flags | (flags & SOCK_NONBLOCK));
	if (err < 0)
		goto out_fd;
	if (upeer) {
		err = sock->ops->getname(newsock, (struct sockaddr *)&addr, 1);
		if (err >= 0)
			err = move_addr_to_user(&addr, err, upeer, upeer_len);
		if (err < 0)
			goto out_fd;
	}
	newfile = sock_alloc_file(newsock, flags);
	if (IS_ERR(newfile)) {
		err = PTR_ERR(newfile);
		goto out_fd;
	}
	fd_install(newfd, newfile);
	fput(file);
	return newfd;
out_fd:
	put_unused_fd(newfd);
	sock_release(newsock);
out:
	fput(file);
	return err;
}

long sys_accept(int fd, struct sockaddr __user *upeer, int __user *upeer_len)
{
	return sys_accept4(fd, upeer, upeer_len, 0);
}

long sys_connect(int fd, struct sockaddr __user *uservaddr, int addrlen)
{
	struct sockaddr_in addr;
	struct file *file;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	err = move_addr_to_kernel(uservaddr, addrlen, &addr);
	if (!err)
		err = sock->ops->connect(sock, (struct sockaddr *)&addr, addrlen, file->f_flags);
	fput(file);
	return err;
}

static long do_getname(int fd, struct sockaddr __user *usockaddr, int __user *usockaddr_len,
		       int peer)
{
	struct sockaddr_in addr;
	struct file *file;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	memset(&addr, 0, sizeof(addr));
	err = sock->ops->getname(sock, (struct sockaddr *)&addr, peer);
	if (err >= 0)
		err = move_addr_to_user(&addr, err, usockaddr, usockaddr_len);
	fput(file);
	return err;
}

long sys_getsockname(int fd, struct sockaddr __user *usockaddr, int __user *usockaddr_len)
{
	return do_getname(fd, usockaddr, usockaddr_len, 0);
}

long sys_getpeername(int fd, struct sockaddr __user *usockaddr, int __user *usockaddr_len)
{
	return do_getname(fd, usockaddr, usockaddr_len, 1);
}

/* sendto/sendmsg/recvfrom/recvmsg all come here with an iov_iter. */
static long sock_xfer(int fd, const struct iovec *iov, unsigned long nr, size_t total,
		      struct sockaddr_in *addr, int *addrlen, unsigned int *flags, bool send,
		      void __user *control, size_t *controllen)
{
	struct msghdr msg = { .msg_name = addr, .msg_namelen = addrlen ? *addrlen : 0,
			      .msg_control = control, .msg_controllen = controllen ? *controllen : 0 };
	unsigned int in = *flags;
	struct file *file;
	struct socket *sock;
	int err;
	long ret;

	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	iov_iter_init(&msg.msg_iter, ITER_IOVEC, iov, nr, total);
	if (file->f_flags & O_NONBLOCK)
		in |= MSG_DONTWAIT;
	msg.msg_flags = in;
	if (send) {
		ret = sock_sendmsg(sock, &msg);
	} else {
		msg.msg_flags = 0;
		ret = sock_recvmsg(sock, &msg, in);
		if (addrlen)
			*addrlen = msg.msg_namelen;
		*flags = msg.msg_flags;		/* MSG_TRUNC for the caller */
		if (controllen)
			*controllen -= msg.msg_controllen;	/* now: bytes used */
	}
	fput(file);
	return ret;
}

long sys_sendto(int fd, void __user *buff, size_t len, unsigned int flags,
		struct sockaddr __user *addr, int addr_len)
{
	struct iovec iov = { buff, len };
	struct sockaddr_in kaddr;
	int err;

	if (addr) {
		err = move_addr_to_kernel(addr, addr_len, &kaddr);
		if (err)
			return err;
	}
	return sock_xfer(fd, &iov, 1, len, addr ? &kaddr : NULL, &addr_len, &flags, true,
			 NULL, NULL);
}

long sys_recvfrom(int fd, void __user *ubuf, size_t size, unsigned int flags,
		  struct sockaddr __user *addr, int __user *addr_len)
{
	struct iovec iov = { ubuf, size };
	struct sockaddr_in kaddr;
	int klen = 0;
	long ret;

	memset(&kaddr, 0, sizeof(kaddr));
	ret = sock_xfer(fd, &iov, 1, size, addr ? &kaddr : NULL, &klen, &flags, false,
			NULL, NULL);
	if (ret >= 0 && addr && klen) {
		int err = move_addr_to_user(&kaddr, klen, addr, addr_len);

		if (err)
			return err;
	}
	return ret;
}

struct user_msghdr {
	void __user *msg_name;
	int msg_namelen;
	struct iovec __user *msg_iov;
	size_t msg_iovlen;
	void __user *msg_control;
	size_t msg_controllen;
	unsigned int msg_flags;
};

static long do_msg(int fd, struct user_msghdr __user *umsg, unsigned int flags, bool send)
{
	struct user_msghdr m;
	struct sockaddr_in kaddr;
	struct iovec *iov;
	size_t total = 0, i, controllen;
	int klen;
	long ret;

	if (copy_from_user(&m, umsg, sizeof(m)))
		return -EFAULT;
	if (m.msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	iov = kmalloc((m.msg_iovlen ? m.msg_iovlen : 1) * sizeof(*iov), GFP_KERNEL);
	if (!iov)
		return -ENOMEM;
	if (copy_from_user(iov, m.msg_iov, m.msg_iovlen * sizeof(*iov))) {
		kfree(iov);
		return -EFAULT;
	}
	for (i = 0; i < m.msg_iovlen; i++)
		total += iov[i].iov_len;
	memset(&kaddr, 0, sizeof(kaddr));
	klen = m.msg_namelen;
	if (send && m.msg_name && (ret = move_addr_to_kernel(m.msg_name, m.msg_namelen, &kaddr))) {
		kfree(iov);
		return ret;
	}
	controllen = send ? 0 : m.msg_controllen;
	ret = sock_xfer(fd, iov, m.msg_iovlen, total, m.msg_name ? &kaddr : NULL, &klen,
			&flags, send, send ? NULL : m.msg_control, &controllen);
	kfree(iov);
	if (ret < 0 || send)
		return ret;
	/* recvmsg: the sender's address, its length, the control data's length, the flags. */
	if (m.msg_name && klen && copy_to_user(m.msg_name, &kaddr, min(klen, m.msg_namelen)))
		return -EFAULT;
	if (put_user(m.msg_name ? klen : 0, &umsg->msg_namelen) ||
	    put_user(controllen, &umsg->msg_controllen) || put_user(flags, &umsg->msg_flags))
		return -EFAULT;
	return ret;
}

long sys_sendmsg(int fd, struct user_msghdr __user *msg, unsigned int flags)
{
	return do_msg(fd, msg, flags, true);
}

long sys_recvmsg(int fd, struct user_msghdr __user *msg, unsigned int flags)
{
	return do_msg(fd, msg, flags, false);
}

long sys_shutdown(int fd, int how)
{
	struct file *file;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	err = sock->ops->shutdown(sock, how);
	fput(file);
	return err;
}

long sys_setsockopt(int fd, int level, int optname, char __user *optval, int optlen)
{
	struct file *file;
	struct socket *sock;
	int err;

	if (optlen < 0)
		return -EINVAL;
	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_setsockopt(sock, optname, optval, optlen);
	else
		err = sock->ops->setsockopt(sock, level, optname, optval, optlen);
	fput(file);
	return err;
}

long sys_getsockopt(int fd, int level, int optname, char __user *optval, int __user *optlen)
{
	struct file *file;
	struct socket *sock;
	int err;

	sock = sockfd_lookup(fd, &err, &file);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		err = sock_getsockopt(sock, optname, optval, optlen);
	else
		err = sock->ops->getsockopt(sock, level, optname, optval, optlen);
	fput(file);
	return err;
}
