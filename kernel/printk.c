/*
 * printk: format a message, keep it in the log buffer that dmesg reads
 * with syslog(2), and if its level is below console_loglevel, write it to
 * the serial console.  Every level is kept, also what `quiet` or
 * `dmesg -n` keeps off the console.  Linux: kernel/printk/printk.c, with
 * COM1 as the only console.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/irq.h"
#include "kernel/printk_ringbuffer.h"
#include "kernel/sched.h"
#include "kernel/syslog.h"
#include "kernel/timer.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"
#include "drivers/uart.h"

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

#define DEFAULT_MESSAGE_LOGLEVEL 4	/* KERN_WARNING, as Linux */
#define MINIMUM_CONSOLE_LOGLEVEL 1	/* dmesg -n cannot silence KERN_EMERG */

/*
 * 64 KiB: a boot logs about 30 lines (2.5 KiB with the 16-byte record
 * headers), so this keeps the boot and about a thousand lines after it.
 * Linux's default is 128 KiB (CONFIG_LOG_BUF_SHIFT=17), sized for
 * machines with hundreds of devices and CPUs to report.
 */
#define LOG_BUF_LEN	(1 << 16)

static char log_buf[LOG_BUF_LEN];
static struct printk_ringbuffer prb = PRB_INIT(log_buf);
static DECLARE_WAIT_QUEUE_HEAD(log_wait);	/* SYSLOG_ACTION_READ waits here */

/* The ring is empty at first, so {0, 0} is a valid position in it. */
static struct prb_pos clear_pos;	/* READ_ALL starts here; CLEAR moves it */
static struct prb_pos syslog_pos;	/* the record READ returns next */
static u32 syslog_partial;		/* bytes of it READ has returned */

/* The clock divides by the TSC's rate: 0 until time_init has measured it. */
static u64 log_time(void)
{
	return tsc_khz ? ktime_get_ns() : 0;
}

/*
 * One record per line: Linux keeps "a\nb" as one record but returns it
 * as two lines with a prefix each, which is the same text for syslog(2).
 * "a\n" is the record "a"; "" and "\n" are an empty record.
 */
static void log_store_lines(int level, const char *text, size_t len)
{
	u64 ts = log_time();
	size_t n;

	do {
		for (n = 0; n < len && text[n] != '\n'; n++)
			;
		prb_store(&prb, level, ts, text, n);
		if (n < len)
			n++;		/* the newline */
		text += n;
		len -= n;
	} while (len);
}

int vprintk(const char *fmt, va_list ap)
{
	char buf[PRB_TEXT_MAX];
	int level = DEFAULT_MESSAGE_LOGLEVEL;
	unsigned long flags;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1] >= '0' && fmt[1] <= '7') {
		level = fmt[1] - '0';
		fmt += 2;
	}
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	flags = local_irq_save();	/* an interrupt handler may printk too */
	log_store_lines(level, buf, n);
	if (level < console_loglevel)
		uart_write(buf, n);
	local_irq_restore(flags);
	/*
	 * Linux defers this wake-up (wake_up_klogd, from irq_work) so that
	 * the scheduler itself may printk.  wake_up_state here changes the
	 * run queue in one step with interrupts off, and nothing prints with
	 * the run queue half changed, so a direct wake-up is safe.
	 */
	if (!list_empty(&log_wait.head))
		wake_up(&log_wait);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* ---- syslog(2) ------------------------------------------------------------ */

/*
 * READ_ALL: the newest whole records from clear_pos on that fit in size
 * bytes; READ_CLEAR then moves clear_pos past them.  Records are copied
 * one at a time with interrupts on (copy_to_user may fault); one dropped
 * meanwhile is skipped, one logged meanwhile comes if it still fits.
 */
static long syslog_print_all(char __user *buf, int size, bool clear)
{
	char text[PRB_TEXT_MAX], line[PRB_LINE_MAX];
	struct printk_info info;
	struct prb_pos pos, next;
	unsigned long flags = local_irq_save();
	long len = 0;
	size_t n;

	pos = clear_pos;
	prb_fit_tail(&prb, &pos, size);
	for (next = pos; prb_read(&prb, &next, &info, text); pos = next) {
		n = prb_format(&info, text, line, sizeof(line));
		if (len + n > (size_t)size)
			break;
		local_irq_restore(flags);
		if (copy_to_user(buf + len, line, n))
			return -EFAULT;
		len += n;
		flags = local_irq_save();
	}
	if (clear)
		clear_pos = pos;
	local_irq_restore(flags);
	return len;
}

/*
 * READ's next piece of text, in line from *skip on: the rest of the
 * record at syslog_pos if it fits in size bytes; if not, and nothing was
 * returned yet (first), size bytes of it.  0: nothing (more) to return.
 */
static size_t syslog_next_piece(char *line, size_t size, bool first, size_t *skip)
{
	char text[PRB_TEXT_MAX];
	struct printk_info info;
	struct prb_pos next = syslog_pos;
	size_t n;

	if (syslog_pos.seq < prb.first_seq)
		syslog_partial = 0;	/* its record was dropped */
	if (!prb_read(&prb, &next, &info, text))
		return 0;
	n = prb_format(&info, text, line, PRB_LINE_MAX);
	*skip = syslog_partial;
	if (n - syslog_partial <= size) {
		syslog_pos = next;
		syslog_partial = 0;
		return n - *skip;
	}
	if (!first)
		return 0;
	syslog_partial += size;
	return size;
}

/*
 * READ: wait until there is an unread record, then return the unread
 * records that fit; a record longer than size comes in pieces, as Linux
 * does.  The position moves before the copy, so that two readers never
 * get the same record.
 */
static long syslog_print(char __user *buf, int size)
{
	char line[PRB_LINE_MAX];
	unsigned long flags;
	size_t n, skip;
	long len = 0;
	int err;

	err = wait_event_interruptible(log_wait, syslog_pos.seq != prb.next_seq);
	if (err)
		return err;
	for (;;) {
		flags = local_irq_save();
		n = syslog_next_piece(line, size - len, !len, &skip);
		local_irq_restore(flags);
		if (!n)
			return len;
		if (copy_to_user(buf + len, line + skip, n))
			return -EFAULT;
		len += n;
	}
}

static long syslog_size_unread(void)
{
	unsigned long flags = local_irq_save();
	long n;

	if (syslog_pos.seq < prb.first_seq)
		syslog_partial = 0;
	n = prb_size_from(&prb, &syslog_pos) - syslog_partial;
	local_irq_restore(flags);
	return n;
}

static void syslog_clear(void)
{
	unsigned long flags = local_irq_save();

	prb_end(&prb, &clear_pos);
	local_irq_restore(flags);
}

/* CONSOLE_OFF saves the level for CONSOLE_ON; -1: nothing saved (Linux's LOGLEVEL_DEFAULT). */
static int saved_console_loglevel = -1;

static long syslog_console(int type, int len)
{
	switch (type) {
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		console_loglevel = MINIMUM_CONSOLE_LOGLEVEL;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel != -1) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	}
	/* SYSLOG_ACTION_CONSOLE_LEVEL; it also ends a CONSOLE_OFF */
	if (len < 1 || len > 8)
		return -EINVAL;
	console_loglevel = max(len, MINIMUM_CONSOLE_LOGLEVEL);
	saved_console_loglevel = -1;
	return 0;
}

/*
 * Linux's do_syslog without the permission checks: every task here is
 * root (CAP_SYSLOG).
 */
long sys_syslog(int type, char __user *buf, int len)
{
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, len))
			return -EFAULT;
		if (type == SYSLOG_ACTION_READ)
			return syslog_print(buf, len);
		return syslog_print_all(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		syslog_clear();
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return syslog_console(type, len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		return syslog_size_unread();
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	}
	return -EINVAL;
}
