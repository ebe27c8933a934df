/*
 * The clock of TCP's timers and RTT measurements.  A function of its own
 * so that the host unit tests (tests/unit/tcp.c) can replace it with a
 * clock they move by hand.
 */
#include "kernel/timer.h"
#include "net/tcp.h"

u64 tcp_clock_ns(void)
{
	return ktime_get_ns();
}
