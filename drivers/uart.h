#ifndef DRIVERS_UART_H
#define DRIVERS_UART_H

#include "kernel/types.h"

void uart_init(void);
void uart_putc(char c);
void uart_write(const char *s, size_t n);
void uart_enable_rx_irq(void (*rx)(char c));

#endif
