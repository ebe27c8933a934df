/*
 * The 16550 UART on COM1: the kernel's console.  Output is polled (the
 * console must work in panic, with interrupts off); input arrives on IRQ 4
 * and is handed to the tty layer one character at a time.
 */
#include "drivers/uart.h"
#include "kernel/io.h"
#include "kernel/irq.h"

#define COM1		0x3f8
#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1	/* interrupt enable */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define LSR_DR		0x01	/* data ready */
#define LSR_THRE	0x20	/* transmit holding register empty */
#define COM1_IRQ	4

static void (*rx_handler)(char c);

void uart_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, 0x80);	/* DLAB: next two bytes set the divisor */
	outb(COM1 + 0, 1);		/* 115200 baud */
	outb(COM1 + 1, 0);
	outb(COM1 + UART_LCR, 0x03);	/* 8 bits, no parity, one stop bit */
	outb(COM1 + UART_FCR, 0x07);	/* FIFOs on and cleared */
	outb(COM1 + UART_MCR, 0x0b);	/* DTR, RTS, OUT2 (gates the IRQ line) */
}

void uart_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		;
	outb(COM1 + UART_THR, c);
}

void uart_write(const char *s, size_t n)
{
	while (n--) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

static void uart_interrupt(int irq)
{
	(void)irq;
	while (inb(COM1 + UART_LSR) & LSR_DR) {
		char c = inb(COM1 + UART_RBR);

		if (rx_handler)
			rx_handler(c);
	}
}

void uart_enable_rx_irq(void (*rx)(char c))
{
	rx_handler = rx;
	request_irq(COM1_IRQ, uart_interrupt);
	outb(COM1 + UART_IER, 0x01);	/* interrupt on received data */
}
