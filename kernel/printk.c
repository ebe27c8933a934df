/*
 * printk: format a message and, if its level is below console_loglevel,
 * write it to the serial console.  Linux: kernel/printk/printk.c, without
 * the ring buffer (dmesg) and without console drivers other than COM1.
 */
#include "kernel/kernel.h"
#include "kernel/irq.h"
#include "drivers/uart.h"

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

#define DEFAULT_MESSAGE_LOGLEVEL 4	/* KERN_WARNING, as Linux */

int vprintk(const char *fmt, va_list ap)
{
	char buf[512];
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
	if (level < console_loglevel) {
		flags = local_irq_save();
		uart_write(buf, n);
		local_irq_restore(flags);
	}
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
