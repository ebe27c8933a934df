#ifndef NET_SOCKET_SYSCALLS_H
#define NET_SOCKET_SYSCALLS_H

#include "kernel/types.h"

struct sockaddr;
struct socket;
struct user_msghdr;

long sys_socket(int family, int type, int protocol);
long sys_socketpair(int family, int type, int protocol, int __user *usockvec);
long sys_bind(int fd, struct sockaddr __user *umyaddr, int addrlen);
long sys_listen(int fd, int backlog);
long sys_accept(int fd, struct sockaddr __user *upeer, int __user *upeer_len);
long sys_accept4(int fd, struct sockaddr __user *upeer, int __user *upeer_len, int flags);
long sys_connect(int fd, struct sockaddr __user *uservaddr, int addrlen);
long sys_getsockname(int fd, struct sockaddr __user *usockaddr, int __user *usockaddr_len);
long sys_getpeername(int fd, struct sockaddr __user *usockaddr, int __user *usockaddr_len);
long sys_sendto(int fd, void __user *buff, size_t len, unsigned int flags,
		struct sockaddr __user *addr, int addr_len);
long sys_recvfrom(int fd, void __user *ubuf, size_t size, unsigned int flags,
		  struct sockaddr __user *addr, int __user *addr_len);
long sys_sendmsg(int fd, struct user_msghdr __user *msg, unsigned int flags);
long sys_recvmsg(int fd, struct user_msghdr __user *msg, unsigned int flags);
long sys_shutdown(int fd, int how);
long sys_setsockopt(int fd, int level, int optname, char __user *optval, int optlen);
long sys_getsockopt(int fd, int level, int optname, char __user *optval, int __user *optlen);

int sock_setsockopt(struct socket *sock, int optname, char __user *optval, int optlen);
int sock_getsockopt(struct socket *sock, int optname, char __user *optval, int __user *optlen);
bool is_netdev_ioctl(unsigned int cmd);
long dev_ioctl(unsigned int cmd, void __user *arg);
void inet_init(void);
void loopback_init(void);

#endif
