/*
 * poll, ppoll, select and pselect6: wait until one of several files is
 * ready.
 *
 * Each pass asks every file's ->poll for its events.  On the first pass
 * the poll_table puts this task on each wait queue a driver names in
 * poll_wait() (one poll_table_entry per queue, in pages we free at the
 * end).  If nothing is ready, sleep until one of those queues is woken
 * or the timeout passes, then ask again.  Before returning, every entry
 * comes off its queue.
 *
 * A wakeup may come from an interrupt (the console) while a pass runs.
 * So the task is marked TASK_INTERRUPTIBLE *before* each pass: such a
 * wakeup sets it back to TASK_RUNNING and the sleep after the pass
 * returns at once, instead of missing the event.
 * Linux: fs/select.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/fdtable.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "kernel/mm/page.h"
#include "kernel/mm/slab.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "fs/syscalls.h"

#define USEC_PER_SEC	1000000L
#define NSEC_PER_USEC	1000L
#define MSEC_PER_SEC	1000L
#define KTIME_SEC_MAX	(0x7fffffffffffffffL / (long)NSEC_PER_SEC)

/*
 * A signal interrupted the wait: EINTR if a handler runs, else the call
 * starts again (select and pselect6 with the time left, which they wrote
 * back; poll with its whole timeout, where Linux restarts it with the
 * time left through a restart block).
 */
#define POLL_INTERRUPTED	(-ERESTARTNOHAND)

struct pollfd {
	int fd;
	short events;
	short revents;
};

struct timespec {
	long tv_sec, tv_nsec;
};

struct timeval {
	long tv_sec, tv_usec;
};

/* --- the wait queue entries of one poll/select call -------------------- */

struct poll_table_entry {
	struct file *filp;		/* held, so the queue cannot go away */
	wait_queue_head_t *wait_address;
	struct wait_queue_entry wait;
};

struct poll_table_page {
	struct poll_table_page *next;
	unsigned int nr;		/* entries used */
	struct poll_table_entry entries[];
};

#define POLL_TABLE_ENTRIES \
	((PAGE_SIZE - sizeof(struct poll_table_page)) / sizeof(struct poll_table_entry))

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;
	int error;			/* -ENOMEM if an entry could not be had */
};

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	struct poll_table_page *table = p->table;

	if (!table || table->nr == POLL_TABLE_ENTRIES) {
		table = (struct poll_table_page *)__get_free_pages(GFP_KERNEL, 0);
		if (!table) {
			p->error = -ENOMEM;
			return NULL;
		}
		table->nr = 0;
		table->next = p->table;
		p->table = table;
	}
	return &table->entries[table->nr++];
}

/* The poll_table's _qproc: queue this task on wq, leaving its state alone. */
static void __pollwait(struct file *filp, wait_queue_head_t *wq, poll_table *pt)
{
	struct poll_wqueues *p = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *entry = poll_get_entry(p);

	if (!entry)
		return;
	entry->filp = get_file(filp);
	entry->wait_address = wq;
	entry->wait.task = current;
	/* Not prepare_to_wait: that sets our state and could undo a wakeup
	 * that came earlier in this pass. */
	add_wait_queue(wq, &entry->wait);
}

static void poll_initwait(struct poll_wqueues *p)
{
	p->pt._qproc = __pollwait;
	p->table = NULL;
	p->error = 0;
}

static void free_poll_entry(struct poll_table_entry *entry)
{
	remove_wait_queue(entry->wait_address, &entry->wait);
	fput(entry->filp);
}

static void poll_freewait(struct poll_wqueues *p)
{
	struct poll_table_page *table = p->table;

	while (table) {
		struct poll_table_page *next = table->next;
		unsigned int i;

		for (i = 0; i < table->nr; i++)
			free_poll_entry(&table->entries[i]);
		free_page((unsigned long)table);
		table = next;
	}
}

/* --- timeouts ---------------------------------------------------------- */

/*
 * A timeout is kept as its deadline on the monotonic clock, in ns.  As in
 * Linux, a deadline of 0 means "do not wait at all", and no deadline
 * (a NULL pointer) means "wait for ever".
 */
static int poll_select_set_timeout(u64 *end, long sec, long nsec)
{
	if (sec < 0 || nsec < 0 || nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	if (!sec && !nsec) {
		*end = 0;
		return 0;
	}
	sec = min(sec, KTIME_SEC_MAX - 1);	/* some 292 years: for ever */
	*end = ktime_get_ns() + (u64)sec * NSEC_PER_SEC + nsec;
	return 0;
}

/* Sleep until woken or the deadline; false if the deadline has passed. */
static bool poll_schedule_timeout(const u64 *end)
{
	u64 now;

	if (!end) {
		schedule();
		return true;
	}
	now = ktime_get_ns();
	if (now >= *end)
		return false;
	return schedule_timeout(*end - now) > 0;
}

/*
 * ppoll, select and pselect6 write the time left back to the caller's
 * timespec or timeval (Linux does; POSIX leaves it open).  If that write
 * fails, the call's result stands.
 */
static long poll_select_finish(const u64 *end, void __user *p, bool timeval, long ret)
{
	u64 now, left;

	if (!p || !*end)
		return ret;	/* no timeout, or zero: nothing to update */
	now = ktime_get_ns();
	left = now < *end ? *end - now : 0;
	if (timeval) {
		struct timeval tv = { left / NSEC_PER_SEC,
				      left % NSEC_PER_SEC / NSEC_PER_USEC };

		copy_to_user(p, &tv, sizeof(tv));
	} else {
		struct timespec ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

		copy_to_user(p, &ts, sizeof(ts));
	}
	return ret;
}

/* --- poll -------------------------------------------------------------- */

/* The events of one pollfd: 0 for a negative fd, POLLNVAL if it is not open. */
static unsigned int do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	unsigned int filter, mask;
	struct file *f;

	if (pfd->fd < 0)
		return 0;
	f = fget(pfd->fd);
	if (!f)
		return POLLNVAL;
	/* POLLERR and POLLHUP are reported even when not asked for. */
	filter = (u16)pfd->events | POLLERR | POLLHUP;
	mask = vfs_poll(f, pt) & filter;
	fput(f);
	return mask;
}

static int do_poll(struct pollfd *fds, unsigned int nfds,
		   struct poll_wqueues *wait, const u64 *end)
{
	poll_table *pt = &wait->pt;
	bool timed_out = false;
	int count = 0;
	unsigned int i;

	if (end && !*end) {
		pt->_qproc = NULL;	/* no waiting: no need to queue */
		timed_out = true;
	}
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);	/* see the top */
		for (i = 0; i < nfds; i++) {
			fds[i].revents = do_pollfd(&fds[i], pt);
			if (fds[i].revents) {
				count++;
				pt->_qproc = NULL;	/* we will not sleep */
			}
		}
		pt->_qproc = NULL;	/* queued once is enough */
		if (!count) {
			count = wait->error;
			if (signal_pending(current))
				count = POLL_INTERRUPTED;
		}
		if (count || timed_out)
			break;
		if (!poll_schedule_timeout(end))
			timed_out = true;
	}
	set_current_state(TASK_RUNNING);
	return count;
}

static long do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, const u64 *end)
{
	struct poll_wqueues table;
	struct pollfd *fds;
	unsigned int i;
	long ret;

	if (nfds > current->files->nofile_cur)
		return -EINVAL;
	fds = kmalloc(nfds * sizeof(*fds), GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	poll_initwait(&table);
	ret = do_poll(fds, nfds, &table, end);
	poll_freewait(&table);
	/* As Linux: revents go back even on an error, and only revents. */
	for (i = 0; i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents))
			ret = -EFAULT;
	kfree(fds);
	return ret;
}

long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs)
{
	u64 end;

	if (timeout_msecs < 0)
		return do_sys_poll(ufds, nfds, NULL);	/* for ever */
	poll_select_set_timeout(&end, timeout_msecs / MSEC_PER_SEC,
				timeout_msecs % MSEC_PER_SEC * NSEC_PER_MSEC);
	return do_sys_poll(ufds, nfds, &end);
}

long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       struct timespec __user *tsp, const u64 __user *sigmask,
	       size_t sigsetsize)
{
	struct timespec ts;
	u64 end, *to = NULL;
	long ret;

	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		if (poll_select_set_timeout(&end, ts.tv_sec, ts.tv_nsec))
			return -EINVAL;
		to = &end;
	}
	ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, to);
	restore_saved_sigmask_unless(ret == POLL_INTERRUPTED);
	return poll_select_finish(to, tsp, false, ret);
}

/* --- select ------------------------------------------------------------ */

#define BITS_PER_LONG	64
#define FDS_BYTES(n)	(DIV_ROUND_UP(n, BITS_PER_LONG) * sizeof(long))

/* The caller's three sets, and the three we answer with. */
typedef struct {
	unsigned long *in, *out, *ex;
	unsigned long *res_in, *res_out, *res_ex;
} fd_set_bits;

/* Which events make a descriptor count as ready in each set. */
#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)

static bool fd_test(const unsigned long *set, unsigned int fd)
{
	return (set[fd / BITS_PER_LONG] >> (fd % BITS_PER_LONG)) & 1;
}

static void fd_set1(unsigned long *set, unsigned int fd)
{
	set[fd / BITS_PER_LONG] |= 1UL << (fd % BITS_PER_LONG);
}

static bool fd_wanted(const fd_set_bits *fds, unsigned int fd)
{
	return fd_test(fds->in, fd) || fd_test(fds->out, fd) || fd_test(fds->ex, fd);
}

/* Every descriptor asked about must be open (-EBADF); returns the highest + 1. */
static int max_select_fd(unsigned int n, const fd_set_bits *fds)
{
	struct fdtable *fdt = &current->files->fdt;
	unsigned int fd;
	int max = 0;

	for (fd = 0; fd < n; fd++) {
		if (!fd_wanted(fds, fd))
			continue;
		if (!fdt->fd[fd])
			return -EBADF;
		max = fd + 1;
	}
	return max;
}

/* Poll one descriptor; mark it in the result sets; returns how many marks. */
static int select_poll_one(unsigned int fd, fd_set_bits *fds, poll_table *wait)
{
	unsigned int mask;
	struct file *f;
	int count = 0;

	if (!fd_wanted(fds, fd))
		return 0;
	f = fget(fd);
	if (!f)
		return 0;	/* POLLNVAL, which no set asks for */
	mask = vfs_poll(f, wait);
	fput(f);
	if ((mask & POLLIN_SET) && fd_test(fds->in, fd)) {
		fd_set1(fds->res_in, fd);
		count++;
	}
	if ((mask & POLLOUT_SET) && fd_test(fds->out, fd)) {
		fd_set1(fds->res_out, fd);
		count++;
	}
	if ((mask & POLLEX_SET) && fd_test(fds->ex, fd)) {
		fd_set1(fds->res_ex, fd);
		count++;
	}
	return count;
}

static int do_select(unsigned int n, fd_set_bits *fds, const u64 *end)
{
	struct poll_wqueues table;
	poll_table *wait = &table.pt;
	bool timed_out = false;
	int ret = max_select_fd(n, fds);
	unsigned int fd;

	if (ret < 0)
		return ret;
	n = ret;
	ret = 0;
	poll_initwait(&table);
	if (end && !*end) {
		wait->_qproc = NULL;
		timed_out = true;
	}
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);	/* see the top */
		for (fd = 0; fd < n; fd++) {
			ret += select_poll_one(fd, fds, wait);
			if (ret)
				wait->_qproc = NULL;
		}
		wait->_qproc = NULL;
		if (ret || timed_out || signal_pending(current))
			break;
		if (table.error) {
			ret = table.error;
			break;
		}
		if (!poll_schedule_timeout(end))
			timed_out = true;
	}
	set_current_state(TASK_RUNNING);
	poll_freewait(&table);
	return ret;
}

static int get_fd_set(unsigned int n, const unsigned long __user *ufds,
		      unsigned long *fds)
{
	if (!ufds) {
		memset(fds, 0, FDS_BYTES(n));
		return 0;
	}
	return copy_from_user(fds, ufds, FDS_BYTES(n)) ? -EFAULT : 0;
}

static int set_fd_set(unsigned int n, unsigned long __user *ufds,
		      const unsigned long *fds)
{
	if (!ufds)
		return 0;
	return copy_to_user(ufds, fds, FDS_BYTES(n)) ? -EFAULT : 0;
}

static long core_sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
			    unsigned long __user *exp, const u64 *end)
{
	fd_set_bits fds;
	unsigned long *bits;
	size_t words;
	long ret;

	if (n < 0)
		return -EINVAL;
	/* Descriptors past the end of the table cannot be open: ignore them. */
	n = min((unsigned int)n, current->files->fdt.max_fds);
	words = FDS_BYTES(n) / sizeof(long);
	bits = kzalloc(6 * words * sizeof(long), GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	fds.in = bits;
	fds.out = bits + words;
	fds.ex = bits + 2 * words;
	fds.res_in = bits + 3 * words;
	fds.res_out = bits + 4 * words;
	fds.res_ex = bits + 5 * words;
	ret = get_fd_set(n, inp, fds.in);
	if (!ret)
		ret = get_fd_set(n, outp, fds.out);
	if (!ret)
		ret = get_fd_set(n, exp, fds.ex);
	if (!ret)
		ret = do_select(n, &fds, end);
	if (!ret && signal_pending(current))
		ret = POLL_INTERRUPTED;
	if (ret >= 0 && (set_fd_set(n, inp, fds.res_in) ||
			 set_fd_set(n, outp, fds.res_out) ||
			 set_fd_set(n, exp, fds.res_ex)))
		ret = -EFAULT;
	kfree(bits);
	return ret;
}

long sys_select(int n, unsigned long __user *inp, unsigned long __user *outp,
		unsigned long __user *exp, struct timeval __user *tvp)
{
	struct timeval tv;
	u64 end, *to = NULL;
	long ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		/* tv_usec of a second or more carries into tv_sec, as Linux. */
		if (poll_select_set_timeout(&end, tv.tv_sec + tv.tv_usec / USEC_PER_SEC,
					    tv.tv_usec % USEC_PER_SEC * NSEC_PER_USEC))
			return -EINVAL;
		to = &end;
	}
	ret = core_sys_select(n, inp, outp, exp, to);
	return poll_select_finish(to, tvp, true, ret);
}

/* pselect6's sixth argument points at the mask and its size. */
struct sigset_argpack {
	const u64 __user *p;
	size_t size;
};

long sys_pselect6(int n, unsigned long __user *inp, unsigned long __user *outp,
		  unsigned long __user *exp, struct timespec __user *tsp,
		  const void __user *sig)
{
	struct sigset_argpack x = { NULL, 0 };
	struct timespec ts;
	u64 end, *to = NULL;
	long ret;

	if (sig && copy_from_user(&x, sig, sizeof(x)))
		return -EFAULT;
	if (tsp) {
		if (copy_from_user(&ts, tsp, sizeof(ts)))
			return -EFAULT;
		if (poll_select_set_timeout(&end, ts.tv_sec, ts.tv_nsec))
			return -EINVAL;
		to = &end;
	}
	ret = set_user_sigmask(x.p, x.size);
	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, to);
	restore_saved_sigmask_unless(ret == POLL_INTERRUPTED);
	return poll_select_finish(to, tsp, false, ret);
}
