/*
 * /proc: files that are not stored anywhere but written on demand from
 * the kernel's own tables, in Linux's formats, so that ps and friends
 * work as on Linux.  Each file's text is made when it is opened (Linux's
 * seq_file, simplified) and read from that snapshot.  Entries are never
 * cached in the dcache: a process that exits simply stops being found.
 * Linux: fs/proc/ (base.c, array.c, meminfo.c, uptime.c, root.c).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/kernel_stat.h"
#include "kernel/sched.h"
#include "kernel/loadavg.h"
#include "kernel/timer.h"
#include "kernel/mm/mm.h"
#include "kernel/mm/slab.h"
#include "fs/dcache.h"
#include "fs/fs_struct.h"
#include "fs/proc.h"
#include "fs/super.h"
#include "fs/syscalls.h"
#include "net/arp.h"
#include "net/netstack.h"
#include "net/udp.h"

#define PROC_SUPER_MAGIC	0x9fa0

/* What an inode is: ino = pid << 8 | type (0 for the files of /proc itself). */
enum proc_type {
	PROC_ROOT = 1, PROC_SELF, PROC_MEMINFO, PROC_UPTIME, PROC_MOUNTS, PROC_STAT, PROC_LOADAVG,
	PROC_PID_DIR, PROC_PID_STAT, PROC_PID_STATUS, PROC_PID_CMDLINE, PROC_PID_COMM,
	PROC_PID_EXE, PROC_PID_FD_DIR, PROC_PID_FD, PROC_NET_DIR, PROC_NET_DEV, PROC_NET_TCP, PROC_NET_UDP, PROC_NET_ARP,
};

struct proc_entry {
	const char *name;
	enum proc_type type;
};

static const struct proc_entry root_entries[] = {
	{ "self", PROC_SELF }, { "meminfo", PROC_MEMINFO },
	{ "uptime", PROC_UPTIME }, { "mounts", PROC_MOUNTS }, { "net", PROC_NET_DIR },
	{ "stat", PROC_STAT }, { "loadavg", PROC_LOADAVG },
};

static const struct proc_entry net_entries[] = {
	{ "dev", PROC_NET_DEV }, { "tcp", PROC_NET_TCP }, { "udp", PROC_NET_UDP },
	{ "arp", PROC_NET_ARP },
};

static const struct proc_entry pid_entries[] = {
	{ "stat", PROC_PID_STAT }, { "status", PROC_PID_STATUS },
	{ "cmdline", PROC_PID_CMDLINE }, { "comm", PROC_PID_COMM },
	{ "exe", PROC_PID_EXE }, { "fd", PROC_PID_FD_DIR },
};

static struct super_block proc_sb;
static const struct inode_operations proc_dir_iops, proc_self_iops, proc_exe_iops,
	proc_fd_iops;
static struct inode *proc_fd_lookup(struct inode *dir, struct dentry *dentry);
static int proc_fd_readdir(struct inode *dir, struct dir_context *ctx, loff_t base);
static const struct file_operations proc_dir_fops, proc_file_fops;

static enum proc_type proc_type(struct inode *inode)
{
	return inode->i_ino & 0xff;
}

static pid_t proc_pid(struct inode *inode)
{
	return inode->i_ino >> 8;
}

static struct inode *proc_make_inode(enum proc_type type, pid_t pid)
{
	struct inode *inode = new_inode(&proc_sb);

	if (!inode)
		return NULL;
	inode->i_ino = (unsigned long)pid << 8 | type;
	inode->i_nlink = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	switch (type) {
	case PROC_ROOT:
	case PROC_PID_DIR:
	case PROC_PID_FD_DIR:
	case PROC_NET_DIR:
		inode->i_mode = S_IFDIR | 0555;
		inode->i_nlink = 2;
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
		break;
	case PROC_SELF:
		inode->i_mode = S_IFLNK | 0777;
		inode->i_op = &proc_self_iops;
		break;
	case PROC_PID_EXE:
		inode->i_mode = S_IFLNK | 0777;
		inode->i_op = &proc_exe_iops;
		break;
	case PROC_PID_FD:
		inode->i_mode = S_IFLNK | 0700;
		inode->i_op = &proc_fd_iops;
		break;
	default:
		inode->i_mode = S_IFREG | 0444;
		inode->i_fop = &proc_file_fops;
		break;
	}
	return inode;
}

/* Parse a decimal pid; 0 if name is not one. */
static pid_t name_to_pid(const char *name, int len)
{
	pid_t pid = 0;
	int i;

	if (len == 0 || len > 9)
		return 0;
	for (i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		pid = pid * 10 + name[i] - '0';
	}
	return pid;
}

/* The fixed entries of a directory of /proc. */
static const struct proc_entry *dir_entries(struct inode *dir, int *n)
{
	switch (proc_type(dir)) {
	case PROC_ROOT:
		*n = ARRAY_SIZE(root_entries);
		return root_entries;
	case PROC_NET_DIR:
		*n = ARRAY_SIZE(net_entries);
		return net_entries;
	case PROC_PID_FD_DIR:
		*n = 0;			/* only the descriptors */
		return NULL;
	default:
		*n = ARRAY_SIZE(pid_entries);
		return pid_entries;
	}
}

static int proc_lookup(struct inode *dir, struct dentry *dentry)
{
	int i, n;
	const struct proc_entry *e = dir_entries(dir, &n);
	pid_t pid = proc_type(dir) == PROC_ROOT ? 0 : proc_pid(dir);
	struct inode *inode = NULL;

	if (proc_type(dir) == PROC_PID_FD_DIR) {
		inode = proc_fd_lookup(dir, dentry);
		if (inode)
			d_instantiate(dentry, inode);
		d_delete(dentry);
		return 0;
	}
	for (i = 0; i < n && !inode; i++)
		if ((int)strlen(e[i].name) == dentry->d_len &&
		    !memcmp(e[i].name, dentry->d_name, dentry->d_len))
			inode = proc_make_inode(e[i].type, pid);
	if (!inode && proc_type(dir) == PROC_ROOT) {
		pid = name_to_pid(dentry->d_name, dentry->d_len);
		if (pid && find_task_by_pid(pid))
			inode = proc_make_inode(PROC_PID_DIR, pid);
	}
	if (inode)
		d_instantiate(dentry, inode);
	d_delete(dentry);	/* never cached: look it up afresh each time */
	return 0;
}

static int proc_self_readlink(struct inode *inode, char *buf, int size)
{
	char tmp[16];
	int len = snprintf(tmp, sizeof(tmp), "%d", current->tgid);

	len = min(len, size);
	memcpy(buf, tmp, len);
	return len;
}

/*
 * /proc/PID/fd/N: a symlink per open descriptor.  Its target is the
 * file's path, or for files without one "socket:[INODE]" and
 * "pipe:[INODE]", exactly as Linux shows them.
 */
static struct file *proc_fd_file(struct inode *inode)
{
	struct task_struct *t = find_task_by_pid(proc_pid(inode));
	unsigned int fd = (unsigned long)inode->i_private;

	if (!t || !t->files || fd >= t->files->fdt.max_fds)
		return NULL;
	return t->files->fdt.fd[fd];
}

static int proc_fd_readlink(struct inode *inode, char *buf, int size)
{
	struct file *f = proc_fd_file(inode);
	char *page, *p, tmp[40];
	int len;

	if (!f)
		return -ENOENT;
	if (!f->f_path.dentry) {
		umode_t m = f->f_inode->i_mode;

		len = snprintf(tmp, sizeof(tmp), "%s:[%lu]", S_ISSOCK(m) ? "socket" :
			       S_ISFIFO(m) ? "pipe" : "anon_inode", f->f_inode->i_ino);
		len = min(len, size);
		memcpy(buf, tmp, len);
		return len;
	}
	page = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	p = d_path(&f->f_path, page, PATH_MAX);
	len = IS_ERR(p) ? PTR_ERR(p) : min((int)strlen(p), size);
	if (len > 0)
		memcpy(buf, p, len);
	kfree(page);
	return len;
}

static struct inode *proc_fd_lookup(struct inode *dir, struct dentry *dentry)
{
	pid_t fd = name_to_pid(dentry->d_name, dentry->d_len);
	struct inode *inode;

	if (dentry->d_len == 1 && dentry->d_name[0] == '0')
		fd = 0;
	else if (!fd)
		return NULL;
	inode = proc_make_inode(PROC_PID_FD, proc_pid(dir));
	if (inode) {
		inode->i_private = (void *)(unsigned long)fd;
		if (!proc_fd_file(inode)) {
			iput(inode);
			return NULL;
		}
	}
	return inode;
}

/* /proc/PID/exe: the path of the program the process runs. */
static int proc_exe_readlink(struct inode *inode, char *buf, int size)
{
	struct task_struct *t = find_task_by_pid(proc_pid(inode));
	char *page, *p;
	int len;

	if (!t || !t->mm || !t->mm->exe_file || !t->mm->exe_file->f_path.dentry)
		return -ENOENT;
	page = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	p = d_path(&t->mm->exe_file->f_path, page, PATH_MAX);
	len = IS_ERR(p) ? PTR_ERR(p) : min((int)strlen(p), size);
	if (len > 0)
		memcpy(buf, p, len);
	kfree(page);
	return len;
}

/* /proc/PID/fd: one entry per open descriptor; the position is 2 + fd + 1. */
static int proc_fd_readdir(struct inode *dir, struct dir_context *ctx, loff_t base)
{
	struct task_struct *t = find_task_by_pid(proc_pid(dir));
	unsigned int fd;

	if (!t || !t->files)
		return 0;
	for (fd = ctx->pos > base ? ctx->pos - base : 0; fd < t->files->fdt.max_fds; fd++) {
		char name[12];

		if (!t->files->fdt.fd[fd])
			continue;
		if (!ctx->actor(ctx, name, snprintf(name, sizeof(name), "%u", fd), base + fd + 1,
				(unsigned long)t->pid << 8 | PROC_PID_FD, DT_LNK))
			return 0;
		ctx->pos = base + fd + 1;
	}
	return 0;
}

/* Positions: ".", "..", the fixed entries, then (in /proc) one per process. */
static int proc_readdir(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->f_inode;
	bool root = proc_type(dir) == PROC_ROOT;
	int count;
	const struct proc_entry *e = dir_entries(dir, &count);
	loff_t n = count;
	struct task_struct *t;

	while (ctx->pos < 2 + n) {
		loff_t i = ctx->pos;
		bool ok = i < 2 ? ctx->actor(ctx, i ? ".." : ".", i + 1, i + 1, dir->i_ino, DT_DIR)
			: ctx->actor(ctx, e[i - 2].name, strlen(e[i - 2].name), i + 1,
				     (unsigned long)proc_pid(dir) << 8 | e[i - 2].type,
				     e[i - 2].type == PROC_SELF || e[i - 2].type == PROC_PID_EXE ?
				     DT_LNK : e[i - 2].type == PROC_NET_DIR ||
				     e[i - 2].type == PROC_PID_FD_DIR ? DT_DIR : DT_REG);
		if (!ok)
			return 0;
		ctx->pos = i + 1;
	}
	if (proc_type(dir) == PROC_PID_FD_DIR)
		return proc_fd_readdir(dir, ctx, 2 + n);
	if (!root)
		return 0;
	/* Processes: the position is 2 + n + pid, so it survives exits between calls. */
	list_for_each_entry(t, &task_list, tasks) {
		char name[12];

		if (t->pid <= 0 || t->exit_state == EXIT_DEAD || 2 + n + t->pid < ctx->pos)
			continue;
		if (!ctx->actor(ctx, name, snprintf(name, sizeof(name), "%d", t->pid),
				2 + n + t->pid + 1, (unsigned long)t->pid << 8 | PROC_PID_DIR, DT_DIR))
			return 0;
		ctx->pos = 2 + n + t->pid + 1;
	}
	return 0;
}

/* --- the generated files --- */

struct proc_buf {
	char *data;
	size_t len, size;
};

static void pb_printf(struct proc_buf *b, const char *fmt, ...) __printf(2, 3);
static void pb_printf(struct proc_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->size - b->len, fmt, ap);
	va_end(ap);
	b->len = min(b->len + n, b->size - 1);
}

static char task_state(struct task_struct *t)
{
	if (t->exit_state)
		return 'Z';
	if (t->state == TASK_RUNNING)
		return 'R';
	if (t->state == TASK_STOPPED)
		return 'T';
	return t->state == TASK_UNINTERRUPTIBLE ? 'D' : 'S';
}

static const char *state_name(char s)
{
	switch (s) {
	case 'R': return "running";
	case 'D': return "disk sleep";
	case 'T': return "stopped";
	case 'Z': return "zombie";
	}
	return "sleeping";
}

static unsigned long vm_size(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long total = 0;

	if (mm)
		list_for_each_entry(vma, &mm->mmap, vm_list)
			total += vma->vm_end - vma->vm_start;
	return total;
}

/*
 * /proc/PID/stat: 52 fields, those this kernel does not keep are 0.
 * Times are in clock ticks (USER_HZ): 14-17 utime stime cutime cstime,
 * 22 starttime (since boot).
 */
static void show_stat(struct proc_buf *b, struct task_struct *t)
{
	pid_t ppid = t->real_parent ? t->real_parent->tgid : 0;
	int i;

	pb_printf(b, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 %lu %lu %lu %lu 20 0 1 0 %lu %lu 0",
		  t->pid, t->comm, task_state(t), ppid, t->pgid, t->sid,
		  nsec_to_clock_t(t->utime), nsec_to_clock_t(t->stime),
		  nsec_to_clock_t(t->cutime), nsec_to_clock_t(t->cstime),
		  nsec_to_clock_t(t->start_time), vm_size(t->mm));
	for (i = 25; i <= 52; i++)
		pb_printf(b, " 0");
	pb_printf(b, "\n");
}

static void show_status(struct proc_buf *b, struct task_struct *t)
{
	char s = task_state(t);
	u64 ign = 0, cgt = 0;
	int i;

	for (i = 0; i < 32; i++) {
		if (t->sighand[i].handler == SIG_IGN)
			ign |= 1ULL << i;
		else if (t->sighand[i].handler != SIG_DFL)
			cgt |= 1ULL << i;
	}
	pb_printf(b, "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\nTgid:\t%d\nPid:\t%d\n"
		  "PPid:\t%d\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%u\n"
		  "VmSize:\t%8lu kB\nThreads:\t1\nSigPnd:\t%016lx\nSigBlk:\t%016lx\n"
		  "SigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		  t->comm, t->fs ? t->fs->umask : 0, s, state_name(s), t->tgid, t->pid,
		  t->real_parent ? t->real_parent->tgid : 0,
		  t->files ? t->files->fdt.max_fds : 0, vm_size(t->mm) / 1024,
		  t->pending, t->blocked, ign, cgt);
}

/* The argument strings, NUL-separated, read from the process's memory. */
static void show_cmdline(struct proc_buf *b, struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	size_t len;

	if (!mm || mm->arg_end <= mm->arg_start)
		return;
	len = min(mm->arg_end - mm->arg_start, b->size - 1);
	b->len = access_process_vm(mm, mm->arg_start, b->data, len);
}

static void show_meminfo(struct proc_buf *b)
{
	unsigned long total = totalram_pages() * 4, free = nr_free_pages() * 4;

	pb_printf(b, "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n"
		  "MemAvailable:   %8lu kB\nBuffers:        %8lu kB\nCached:         %8lu kB\n"
		  "SwapTotal:      %8lu kB\nSwapFree:       %8lu kB\n",
		  total, free, free, 0UL, 0UL, 0UL, 0UL);
}

static void show_mounts(struct proc_buf *b)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	struct vfsmount *m;

	if (!path)
		return;
	list_for_each_entry(m, &mount_list, mnt_list) {
		struct path p = { m->mnt_parent, m->mnt_mountpoint };
		char *where = d_path(&p, path, PATH_MAX);

		pb_printf(b, "%s %s %s rw 0 0\n", m->mnt_devname,
			  IS_ERR(where) ? "?" : where, m->mnt_fstype);
	}
	kfree(path);
}

/* The ten columns of a "cpu" line, in clock ticks. */
static void show_cpustat(struct proc_buf *b, const char *name, const struct kernel_cpustat *k)
{
	int i;

	pb_printf(b, "%s", name);
	for (i = 0; i < NR_STATS; i++)
		pb_printf(b, " %lu", nsec_to_clock_t(k->cpustat[i]));
	pb_printf(b, "\n");
}

/*
 * /proc/stat, Linux's lines: the CPU's times (all CPUs, then each),
 * interrupts (the total, then per IRQ line), context switches, boot time,
 * forks, runnable tasks.  No task ever waits for I/O (procs_blocked, the
 * iowait column) and no softirqs are counted: those are 0.
 */
static void show_proc_stat(struct proc_buf *b)
{
	struct kernel_cpustat k = kcpustat;	/* one snapshot for both lines */
	struct task_struct *t;
	u64 irqs = 0;
	int i, running = 0;

	show_cpustat(b, "cpu ", &k);
	show_cpustat(b, "cpu0", &k);
	for (i = 0; i < NR_IRQS; i++)
		irqs += kstat_irqs[i];
	pb_printf(b, "intr %lu", irqs);
	for (i = 0; i < NR_IRQS; i++)
		pb_printf(b, " %lu", kstat_irqs[i]);
	list_for_each_entry(t, &task_list, tasks)
		if (!is_idle_task(t) && !t->exit_state && t->state == TASK_RUNNING)
			running++;
	pb_printf(b, "\nctxt %lu\nbtime %lu\nprocesses %lu\nprocs_running %d\n"
		  "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n", nr_context_switches,
		  getboottime_ns() / NSEC_PER_SEC, total_forks, running);
}

static void show_uptime(struct proc_buf *b)
{
	u64 up = ktime_get_ns(), idle = kcpustat.cpustat[CPUTIME_IDLE];

	pb_printf(b, "%lu.%02lu %lu.%02lu\n", up / NSEC_PER_SEC,
		  up % NSEC_PER_SEC / 10000000, idle / NSEC_PER_SEC,
		  idle % NSEC_PER_SEC / 10000000);
}

/* /proc/loadavg: the three averages, runnable/all tasks, the newest pid. */
static void show_loadavg(struct proc_buf *b)
{
	struct task_struct *t;
	int i, all = 0;

	for (i = 0; i < 3; i++)
		pb_printf(b, "%lu.%02lu ", LOAD_INT(avenrun[i]), LOAD_FRAC(avenrun[i]));
	list_for_each_entry(t, &task_list, tasks)
		if (!is_idle_task(t) && !t->exit_state)
			all++;
	pb_printf(b, "%u/%d %d\n", nr_running(), all, last_pid);
}

static int proc_generate(struct inode *inode, struct proc_buf *b)
{
	struct task_struct *t = NULL;

	if (proc_type(inode) >= PROC_PID_DIR && proc_type(inode) <= PROC_PID_FD) {
		t = find_task_by_pid(proc_pid(inode));
		if (!t)
			return -ESRCH;	/* it exited since the lookup */
	}
	switch (proc_type(inode)) {
	case PROC_MEMINFO:
		show_meminfo(b);
		break;
	case PROC_UPTIME:
		show_uptime(b);
		break;
	case PROC_STAT:
		show_proc_stat(b);
		break;
	case PROC_LOADAVG:
		show_loadavg(b);
		break;
	case PROC_MOUNTS:
		show_mounts(b);
		break;
	case PROC_PID_STAT:
		show_stat(b, t);
		break;
	case PROC_PID_STATUS:
		show_status(b, t);
		break;
	case PROC_PID_CMDLINE:
		show_cmdline(b, t);
		break;
	case PROC_PID_COMM:
		pb_printf(b, "%s\n", t->comm);
		break;
	case PROC_NET_DEV:
		b->len = dev_seq_show(b->data, b->size);
		break;
	case PROC_NET_TCP:
		b->len = tcp_seq_show(b->data, b->size);
		break;
	case PROC_NET_UDP:
		b->len = udp_seq_show(b->data, b->size);
		break;
	case PROC_NET_ARP:
		b->len = arp_seq_show(b->data, b->size);
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

static int proc_file_open(struct inode *inode, struct file *f)
{
	struct proc_buf *b = kzalloc(sizeof(*b), GFP_KERNEL);
	int err;

	if (!b)
		return -ENOMEM;
	b->size = proc_type(inode) >= PROC_NET_DEV ? 64 * 1024 : PAGE_SIZE;
	b->data = kmalloc(b->size, GFP_KERNEL);
	err = b->data ? proc_generate(inode, b) : -ENOMEM;
	if (err) {
		kfree(b->data);
		kfree(b);
		return err;
	}
	f->private_data = b;
	return 0;
}

static ssize_t proc_file_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct proc_buf *b = f->private_data;
	size_t n;

	if (*pos >= (loff_t)b->len)
		return 0;
	n = copy_to_iter(b->data + *pos, min(b->len - *pos, iov_iter_count(to)), to);
	*pos += n;
	return n ? (ssize_t)n : -EFAULT;
}

static int proc_file_release(struct inode *inode, struct file *f)
{
	struct proc_buf *b = f->private_data;

	kfree(b->data);
	kfree(b);
	return 0;
}

static const struct inode_operations proc_dir_iops = {
	.lookup = proc_lookup,
};

static const struct inode_operations proc_self_iops = {
	.readlink = proc_self_readlink,
};

static const struct inode_operations proc_exe_iops = {
	.readlink = proc_exe_readlink,
};

static const struct inode_operations proc_fd_iops = {
	.readlink = proc_fd_readlink,
};

static const struct file_operations proc_dir_fops = {
	.llseek = generic_file_llseek,
	.read_iter = generic_read_dir,
	.iterate = proc_readdir,
};

static const struct file_operations proc_file_fops = {
	.llseek = generic_file_llseek,
	.read_iter = proc_file_read,
	.open = proc_file_open,
	.release = proc_file_release,
};

static int proc_statfs(struct super_block *sb, struct kstatfs *buf)
{
	buf->f_type = PROC_SUPER_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = 255;
	return 0;
}

static const struct super_operations proc_sops = {
	.statfs = proc_statfs,
};

struct super_block *proc_super(void)
{
	struct inode *root;

	proc_sb.s_blocksize = PAGE_SIZE;
	proc_sb.s_magic = PROC_SUPER_MAGIC;
	proc_sb.s_op = &proc_sops;
	proc_sb.s_dev = 4;		/* an anonymous device number */
	INIT_LIST_HEAD(&proc_sb.s_inodes);
	root = proc_make_inode(PROC_ROOT, 0);
	proc_sb.s_root = root ? d_make_root(root) : NULL;
	return proc_sb.s_root ? &proc_sb : NULL;
}
