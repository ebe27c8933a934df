/*
 * The serial console as a terminal: a line discipline (Linux's N_TTY)
 * between the UART and the programs reading /dev/console.  In canonical
 * mode (the default) input is edited a line at a time: echo, backspace,
 * ^U kills the line, ^D ends input; read() returns whole lines.  With
 * ICANON off (raw mode, TCSETS) bytes are passed on as they arrive.
 * Linux: drivers/tty/n_tty.c, tty_io.c.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/wait.h"
#include "kernel/signal.h"
#include "fs/poll.h"
#include "drivers/tty.h"
#include "drivers/uart.h"

#define N_TTY_BUF_SIZE	4096

static struct termios termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = 0x4bf,		/* B38400 | CS8 | CREAD | HUPCL */
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = 3, [VQUIT] = 0x1c, [VERASE] = 0x7f, [VKILL] = 0x15,
		  [VEOF] = 4, [VTIME] = 0, [VMIN] = 1, [VSUSP] = 0x1a },
};
static struct winsize winsize;		/* 0x0, as Linux for a serial line */

/*
 * The input ring.  [read_tail, canon_head) is ready for read(); in
 * canonical mode [canon_head, read_head) is the line still being edited.
 */
static char buf[N_TTY_BUF_SIZE];
static unsigned long read_tail, canon_head, read_head;
static unsigned int eof_pending;	/* ^D at the start of a line: read() returns 0 */
static DECLARE_WAIT_QUEUE_HEAD(read_wait);

static void tty_echo(const char *s, size_t n)
{
	if (termios.c_lflag & ECHO)
		uart_write(s, n);
}

static void erase_char(void)
{
	if (read_head == canon_head)
		return;
	read_head--;
	if (termios.c_lflag & ECHOE)
		tty_echo("\b \b", 3);
}

static bool session_has_pgrp(pid_t sid, pid_t pgrp)
{
	struct task_struct *t;

	list_for_each_entry(t, &task_list, tasks)
		if (t->pgid == pgrp && t->sid == sid && !t->exit_state)
			return true;
	return false;
}

/* The foreground process group and the session this terminal belongs to. */
static pid_t tty_pgrp, tty_session;

/* ^C, ^\ and ^Z: a signal to the foreground job; the typed line is dropped. */
static void isig(char c)
{
	int sig = c == termios.c_cc[VINTR] ? SIGINT : c == termios.c_cc[VQUIT] ? SIGQUIT : SIGTSTP;
	char echo[2] = { '^', c + '@' };	/* "^C", as N_TTY; the shell adds the newline */

	if (termios.c_lflag & ECHOCTL)
		tty_echo(echo, 2);
	read_head = canon_head;
	if (tty_pgrp > 0)
		kill_pgrp(tty_pgrp, sig);
}

/* One received character, in interrupt context. */
static void n_tty_receive_char(char c)
{
	if ((termios.c_iflag & ICRNL) && c == '\r')
		c = '\n';
	if (!(termios.c_lflag & ICANON)) {
		if (read_head - read_tail < N_TTY_BUF_SIZE) {
			buf[read_head++ % N_TTY_BUF_SIZE] = c;
			canon_head = read_head;
			tty_echo(&c, 1);
		}
		wake_up(&read_wait);
		return;
	}
	if (c == termios.c_cc[VERASE] || c == '\b') {
		erase_char();
		return;
	}
	if (c == termios.c_cc[VKILL]) {
		while (read_head != canon_head)
			erase_char();
		return;
	}
	if ((termios.c_lflag & ISIG) && (c == termios.c_cc[VINTR] || c == termios.c_cc[VQUIT] ||
					  c == termios.c_cc[VSUSP])) {
		isig(c);
		return;
	}
	if (c == termios.c_cc[VEOF]) {
		if (read_head == canon_head)
			eof_pending++;
		canon_head = read_head;	/* ^D mid-line: hand over what is typed */
		wake_up(&read_wait);
		return;
	}
	if (read_head - read_tail >= N_TTY_BUF_SIZE - 1)
		return;			/* full: drop, as N_TTY does */
	buf[read_head++ % N_TTY_BUF_SIZE] = c;
	tty_echo(&c, 1);
	if (c == '\n') {
		canon_head = read_head;
		wake_up(&read_wait);
	}
}

static bool input_available(void)
{
	return canon_head != read_tail || eof_pending;
}

static ssize_t tty_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	size_t done = 0;
	int err;

	if (!input_available() && (f->f_flags & O_NONBLOCK))
		return -EAGAIN;
	err = wait_event_interruptible(read_wait, input_available());
	if (err)
		return err;
	local_irq_disable();
	if (canon_head == read_tail && eof_pending) {
		eof_pending--;
		local_irq_enable();
		return 0;
	}
	while (read_tail != canon_head && iov_iter_count(to)) {
		char c = buf[read_tail % N_TTY_BUF_SIZE];

		local_irq_enable();
		if (copy_to_iter(&c, 1, to) != 1)
			return done ? (ssize_t)done : -EFAULT;
		local_irq_disable();
		read_tail++;
		done++;
		if (c == '\n' && (termios.c_lflag & ICANON))
			break;		/* one line per read */
	}
	local_irq_enable();
	return done;
}

static ssize_t tty_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	char chunk[256];
	size_t done = 0;

	while (iov_iter_count(from)) {
		size_t n = copy_from_iter(chunk, sizeof(chunk), from);

		if (!n)
			return done ? (ssize_t)done : -EFAULT;
		if ((termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR)) {
			uart_write(chunk, n);		/* \n becomes \r\n */
		} else {
			size_t i;

			for (i = 0; i < n; i++)
				uart_putc(chunk[i]);
		}
		done += n;
	}
	return done;
}

/*
 * Job control (Linux: drivers/tty/tty_jobctrl.c): a session leader takes
 * the console as its controlling terminal (TIOCSCTTY), and the shell
 * chooses which process group is in the foreground (tcsetpgrp).
 */
static long tty_jobctrl_ioctl(unsigned int cmd, void __user *p)
{
	struct task_struct *t = current;
	pid_t pgrp;

	switch (cmd) {
	case TIOCSCTTY:
		if (t->sid != t->pid)
			return -EPERM;		/* only a session leader */
		tty_session = t->sid;
		tty_pgrp = t->pgid;
		return 0;
	case TIOCNOTTY:
		if (t->sid != tty_session)
			return -ENOTTY;
		if (t->sid == t->pid)
			tty_session = tty_pgrp = 0;
		return 0;
	case TIOCGPGRP:
		if (!tty_session || t->sid != tty_session)
			return -ENOTTY;
		return copy_to_user(p, &tty_pgrp, sizeof(tty_pgrp)) ? -EFAULT : 0;
	case TIOCGSID:
		if (!tty_session || t->sid != tty_session)
			return -ENOTTY;
		return copy_to_user(p, &tty_session, sizeof(tty_session)) ? -EFAULT : 0;
	case TIOCSPGRP:
		if (!tty_session || t->sid != tty_session)
			return -ENOTTY;
		if (copy_from_user(&pgrp, p, sizeof(pgrp)))
			return -EFAULT;
		if (pgrp < 0)
			return -EINVAL;
		if (!session_has_pgrp(tty_session, pgrp))
			return -EPERM;
		tty_pgrp = pgrp;
		return 0;
	}
	return -ENOTTY;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;
	int avail;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &termios, sizeof(termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF: {
		struct termios t;

		if (copy_from_user(&t, p, sizeof(t)))
			return -EFAULT;
		local_irq_disable();
		termios = t;
		if (cmd == TCSETSF)
			read_tail = canon_head = read_head;
		else if (!(t.c_lflag & ICANON))
			canon_head = read_head;	/* a half-typed line is now input */
		local_irq_enable();
		return 0;
	}
	case TIOCGWINSZ:
		return copy_to_user(p, &winsize, sizeof(winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&winsize, p, sizeof(winsize)) ? -EFAULT : 0;
	case FIONREAD:
		avail = canon_head - read_tail;
		return copy_to_user(p, &avail, sizeof(avail)) ? -EFAULT : 0;
	}
	return tty_jobctrl_ioctl(cmd, p);
}

/* Readable when read() would not block; output never waits. */
static unsigned int tty_poll(struct file *f, struct poll_table_struct *wait)
{
	unsigned int mask = POLLOUT | POLLWRNORM;

	poll_wait(f, &read_wait, wait);
	if (input_available())
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

const struct file_operations console_fops = {
	.read_iter = tty_read,
	.write_iter = tty_write,
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
};

static struct inode console_inode = {
	.i_mode = S_IFCHR | 0600,
	.i_ino = 5,
	.i_nlink = 1,
	.i_count = 1,
	.i_fop = &console_fops,
};

struct file *console_open_file(unsigned int flags)
{
	struct file *f = alloc_file(igrab(&console_inode), flags, &console_fops);

	if (!f)
		iput(&console_inode);
	return f;
}

void tty_init(void)
{
	uart_enable_rx_irq(n_tty_receive_char);
}
