/*
 * Time system calls: clock_gettime and friends, nanosleep.
 * No vDSO here, so musl makes the real clock_gettime system call.
 * Linux: kernel/time/posix-timers.c, hrtimer.c, time.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/random.h"
#include "kernel/sched.h"
#include "kernel/sys.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define TIMER_ABSTIME		1

struct timespec {
	long tv_sec;
	long tv_nsec;
};

struct timeval {
	long tv_sec;
	long tv_usec;
};

/* The clock's value in ns, or -EINVAL for a clock this kernel lacks. */
static long clock_ns(int which, u64 *ns)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	}
	return -EINVAL;	/* a clock this kernel lacks, or a CPU-time clock */
}

/*
 * CLOCK_PROCESS_CPUTIME_ID and CLOCK_THREAD_CPUTIME_ID: the caller's CPU
 * time to the nanosecond (one thread per process: the two are the same).
 * Only for reading; sleeping on them (clock_nanosleep) is EINVAL.
 */
static bool cpu_clock(int which)
{
	return which == CLOCK_PROCESS_CPUTIME_ID || which == CLOCK_THREAD_CPUTIME_ID;
}

/* What clock_gettime reads: clock_ns's clocks and the CPU-time clocks. */
static long clock_read(int which, u64 *ns)
{
	if (cpu_clock(which)) {
		*ns = task_sched_runtime(current);
		return 0;
	}
	return clock_ns(which, ns);
}

static int put_timespec(u64 ns, struct timespec __user *tp)
{
	struct timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

long sys_clock_gettime(int which, struct timespec __user *tp)
{
	u64 ns;
	long err = clock_read(which, &ns);

	return err ? err : put_timespec(ns, tp);
}

long sys_clock_getres(int which, struct timespec __user *tp)
{
	u64 ns;
	long err = clock_read(which, &ns);

	if (err)
		return err;
	return tp ? put_timespec(1, tp) : 0;
}

long sys_gettimeofday(void __user *tv, void __user *tz)
{
	u64 ns = ktime_get_real_ns();
	struct timeval t = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };
	static const int zone[2];	/* struct timezone: UTC */

	if (tv && copy_to_user(tv, &t, sizeof(t)))
		return -EFAULT;
	if (tz && copy_to_user(tz, zone, sizeof(zone)))
		return -EFAULT;
	return 0;
}

long sys_time(long __user *tloc)
{
	long t = ktime_get_real_ns() / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

static long nanosleep_restart(struct restart_block *rb);

/*
 * Sleep until the clock reads `deadline`.  A signal ends the sleep; if
 * no handler runs for it (it was ignored, or it stopped us and we were
 * continued), the sleep goes on to the same deadline: restart_syscall
 * calls nanosleep_restart (Linux's restart_block).  An absolute sleep
 * (rmtp NULL) simply starts again.  With a handler: EINTR, and rmtp
 * says how much was left.
 */
static long sleep_until(int which, u64 deadline, struct timespec __user *rmtp, bool relative)
{
	struct restart_block *rb = &current->restart_block;
	u64 now = 0;

	for (;;) {
		clock_ns(which, &now);
		if (now >= deadline)
			return 0;
		if (signal_pending(current))
			break;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(deadline - now);
	}
	if (!relative)
		return -ERESTARTNOHAND;
	if (rmtp && put_timespec(deadline - now, rmtp))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->clockid = which;
	rb->deadline = deadline;
	rb->rmtp = rmtp;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	return sleep_until(rb->clockid, rb->deadline, rb->rmtp, true);
}

/* restart_syscall(2): what handle_restart runs instead of an interrupted sleep. */
long sys_restart_syscall(void)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *rb) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}

static long do_nanosleep(int which, int flags, const struct timespec __user *rqtp,
			 struct timespec __user *rmtp)
{
	struct timespec ts;
	u64 now, req;
	long err = clock_ns(which, &now);

	if (err)
		return err;
	if (copy_from_user(&ts, rqtp, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	req = (u64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
	if (flags & TIMER_ABSTIME)
		return sleep_until(which, req, NULL, false);
	return sleep_until(which, now + req, rmtp, true);
}

long sys_nanosleep(const struct timespec __user *rqtp, struct timespec __user *rmtp)
{
	return do_nanosleep(CLOCK_MONOTONIC, 0, rqtp, rmtp);
}

long sys_clock_nanosleep(int which, int flags, const struct timespec __user *rqtp,
			 struct timespec __user *rmtp)
{
	long ret = do_nanosleep(which, flags, rqtp, rmtp);

	return ret < 0 ? ret : 0;
}

#define GRND_NONBLOCK	0x1
#define GRND_RANDOM	0x2
#define GRND_INSECURE	0x4

long sys_getrandom(void __user *buf, size_t count, unsigned int flags)
{
	u8 chunk[256];
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	count = min(count, (size_t)0x1ffffff);
	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));

		get_random_bytes(chunk, n);
		if (copy_to_user((u8 __user *)buf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return done;
}
